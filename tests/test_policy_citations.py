"""Every rule's citation against the district's procedure (/work/shared/policy/online-communication-
procedure.txt, copied as shared_rules/policy/procedure.txt): each quote is verbatim in the procedure
and inside the section it names; the GPS finding cites the personal-safety passage, not photo
consent; each passage has its section in plain words and a Spanish rendering, in both languages."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = json.loads((ROOT / "shared_rules" / "rules.json").read_text(encoding="utf-8"))
SHARED_PROCEDURE = Path("/work/shared/policy/online-communication-procedure.txt")
PROCEDURE = (SHARED_PROCEDURE if SHARED_PROCEDURE.exists() else ROOT / "shared_rules" / "policy" / "procedure.txt"
             ).read_text(encoding="utf-8")
# The procedure's own top-level headings, in order (lines that stand alone, not list items).
HEADINGS = ["Purpose", "Social Media Account Approval Guidelines and Process", "Guidelines for Best Practice",
            "Never share the following:", "Use caution with respect to:", "Ensure the integrity of the information being shared:",
            "Personal Safety", "Cyberbullying", "Examples of Acceptable Use", "Examples of Unacceptable Use",
            "Violations of this Social Media and Online Communication Procedure"]


def flat(text: str) -> str:
    return " ".join(text.split())


def block_of(heading: str) -> str:
    """The procedure's text under a top-level heading, up to the next one."""
    lines = PROCEDURE.splitlines()
    starts = {h: next(i for i, line in enumerate(lines) if line.strip() == h) for h in HEADINGS}
    i = starts[heading]
    later = [j for j in starts.values() if j > i]
    return "\n".join(lines[i + 1:min(later) if later else len(lines)])


def heading_for(section: str) -> str:
    top = re.split(r"[:,]", section, maxsplit=1)[0].strip()
    matches = [h for h in HEADINGS if h.startswith(top)]
    assert len(matches) == 1, f"section {section!r} names no heading of the procedure"
    return matches[0]


def test_the_headings_are_the_procedures():
    for h in HEADINGS:
        assert any(line.strip() == h for line in PROCEDURE.splitlines()), h


@pytest.mark.parametrize("key", sorted(RULES["policy"]))
def test_each_quote_is_verbatim_inside_the_section_it_names(key):
    entry = RULES["policy"][key]
    quote, section = flat(entry["quote"]), entry["section"]
    assert quote in flat(PROCEDURE), f"{key}: not verbatim in the procedure"
    block = flat(block_of(heading_for(section)))
    assert quote in block, f"{key}: the quote is not under {heading_for(section)!r}"
    # A numbered or named part ("2. Private and personal information", "Images", "5") comes before it.
    rest = re.split(r"[:,]", section, maxsplit=1)[1].strip() if re.search(r"[:,]", section) else ""
    part = re.sub(r"\s*\(.*\)$", "", rest)
    if part:
        before = block[:block.index(quote) + len(quote)]
        if part.isdigit():
            assert re.search(rf"(^|\s){part}\. ", before), f"{key}: item {part} does not hold the quote"
        else:
            assert part.lower() in before.lower(), f"{key}: {part!r} is not where the quote is"


def test_every_rule_cites_a_passage_that_exists():
    for rule in RULES["rules"]:
        assert rule["policy"] in RULES["policy"], rule["id"]


def test_the_gps_finding_cites_the_safety_text_not_photo_consent():
    gps = next(r for r in RULES["rules"] if r["id"] == "image.gps")
    entry = RULES["policy"][gps["policy"]]
    assert "safety" in entry["quote"].lower() and "personal information" in entry["quote"]
    assert "pictures of students" not in entry["quote"]
    assert entry["section"] == "Never share: 2. Private and personal information"


def test_student_records_names_where_its_quote_is():
    entry = RULES["policy"]["student_records"]
    assert entry["section"].startswith("Never share: 2. Private and personal information")
    assert "5:150 and 7:340" in entry["section"]


@pytest.mark.parametrize("key", sorted(RULES["policy"]))
def test_each_passage_has_plain_words_and_a_spanish_rendering(key):
    entry = RULES["policy"][key]
    assert entry["plain"]["en"] and entry["plain"]["es"] and entry["plain"]["en"] != entry["plain"]["es"]
    es = entry["es"]
    assert es["quote"] != entry["quote"] and es["section"] != entry["section"]
    # A faithful rendering keeps the numbers, names and emphasis of the original.
    for token in re.findall(r"\b(?:\d+(?::\d+)?|NEVER|Facebook|Twitter|Instagram|Snapchat|Messenger)\b", entry["quote"]):
        expected = {"NEVER": "NUNCA"}.get(token, token)
        assert expected in es["quote"], f"{key}: {token!r} is missing from the Spanish rendering"
