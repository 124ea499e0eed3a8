"""The district profile (shared_rules/district.json): another district adopts the product by giving
its own profile (--district FILE, SOCIAL_GUARD_DISTRICT, or a signed rule pack), never by changing
code; both engines honour its public phones and addresses, domains, approved channels, and the
procedure's section names and quotes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from helper.engine import Engine
from helper.rules.loader import load_bundle
from helper.rules.lint import lint_rules_dir
from helper.rules.loader import load_district, with_district

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "shared_rules"
VECTORS = RULES / "vectors" / "district_profile.json"
SCHEMA = json.loads((RULES / "schema" / "district.schema.json").read_text(encoding="utf-8"))
NODE = shutil.which("node")

SPRINGFIELD = {
    "name": "Springfield Public Schools District 186",
    "short_name": "SPS",
    "domains": ["sps186.org"],
    "public_phones": ["(217) 525-3000"],
    "public_addresses": ["1900 West Monroe Street, Springfield, IL 62704"],
    "approved_channels": ["facebook.com", "instagram.com", "youtube.com"],
    "protected_domains": ["sps186.org", "facebook.com", "instagram.com"],
    "allowlist": ["fbcdn.net", "cdninstagram.com"],
    "mode": "block",
    "procedure": {
        "title": "Use of Social Media by Staff",
        "file": "policy/procedure.txt",
        "policy": {"approved_channels": {"section": "Staff social media, 3. Approved platforms"}},
    },
}


def categories(findings) -> list[str]:
    return sorted({f["category"] for f in findings})


def test_the_shipped_profile_matches_its_schema_and_names_the_procedure():
    district = json.loads((RULES / "district.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(district)
    assert district["name"] == "Moline-Coal Valley School District"
    procedure = RULES / district["procedure"]["file"]
    assert procedure.is_file() and "Moline-Coal Valley" in procedure.read_text(encoding="utf-8")
    assert district["public_phones"] and district["public_addresses"]
    jsonschema.Draft202012Validator(SCHEMA).validate(SPRINGFIELD)


def test_a_profile_with_unknown_or_malformed_fields_is_refused(tmp_path):
    for bad in ({**SPRINGFIELD, "approved_chanels": []}, {**SPRINGFIELD, "public_phones": ["call me"]},
                {**SPRINGFIELD, "domains": ["https://sps186.org/"]}):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad))
        with pytest.raises(jsonschema.ValidationError):
            load_district(path)


def test_the_python_engine_passes_the_district_profile_vectors(bundle):
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    assert len(cases) >= 20 and any(c["expect"] == [] for c in cases) and any(c["expect"] for c in cases)
    for c in cases:
        got = categories(Engine(bundle, c.get("settings")).check(c["input"])["findings"])
        assert got == c["expect"], (c["input"]["text"], c.get("note"))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_javascript_engine_agrees_on_the_district_profile_vectors(bundle):
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    lines = "".join(json.dumps({"input": c["input"], "settings": c.get("settings")}) + "\n" for c in cases)
    out = subprocess.run([NODE, str(ROOT / "tests" / "js" / "engine_cli.mjs")], input=lines, capture_output=True,
                         text=True, timeout=60, cwd=ROOT, check=True).stdout.splitlines()
    assert len(out) == len(cases)
    for c, line in zip(cases, out):
        js = json.loads(line)["findings"]
        py = Engine(bundle, c.get("settings")).check(c["input"])["findings"]
        assert categories(js) == c["expect"], (c["input"]["text"], c.get("note"))
        assert [(f["rule"], f["span"]) for f in js] == [(f["rule"], f["span"]) for f in py]


def test_public_numbers_and_addresses_come_from_the_profile_not_the_code(bundle):
    other = with_district(bundle, SPRINGFIELD)
    text = "Questions? Call (217) 525-3000 or visit 1900 West Monroe Street."
    assert categories(Engine(bundle).check({"text": text, "site": "facebook", "surface": "post"})["findings"]) \
        == ["pii.address", "pii.phone"]
    assert categories(Engine(other).check({"text": text, "site": "facebook", "surface": "post"})["findings"]) == []
    assert Engine(other).settings["mode"] == "block"


def test_the_profile_renames_the_sections_findings_cite(bundle):
    other = with_district(bundle, SPRINGFIELD)
    data = {"text": "hi", "site": "other", "surface": "post", "host": "x.com"}
    finding = Engine(other).check(data)["findings"][0]
    assert finding["category"] == "unapproved_channel"
    assert finding["policy"]["section"] == "Staff social media, 3. Approved platforms"
    assert finding["policy"]["quote"] == bundle["policy"]["approved_channels"]["quote"]
    assert Engine(bundle).check(data)["findings"] == []          # X is approved in the shipped profile


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_javascript_loader_applies_the_profile_the_same_way(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("vectors"))
    (rules / "district.json").write_text(json.dumps(SPRINGFIELD, indent=2) + "\n")
    line = json.dumps({"input": {"text": "hi", "site": "other", "surface": "post", "host": "x.com"}}) + "\n"
    out = subprocess.run([NODE, str(ROOT / "tests" / "js" / "engine_cli.mjs"), str(rules)], input=line,
                         capture_output=True, text=True, timeout=60, cwd=ROOT, check=True).stdout
    js = json.loads(out)["findings"]
    py = Engine(load_bundle(rules)).check(json.loads(line)["input"])["findings"]
    assert js == py and js[0]["policy"]["section"] == "Staff social media, 3. Approved platforms"


def test_the_lint_checks_the_profiles_procedure(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("vectors"))
    district = dict(SPRINGFIELD, procedure=dict(SPRINGFIELD["procedure"], file="policy/springfield.txt"))
    (rules / "district.json").write_text(json.dumps(district, indent=2, ensure_ascii=False) + "\n")
    assert any("policy/springfield.txt does not exist" in p for p in lint_rules_dir(rules))
    # The district's own procedure text: the quotes findings cite must be verbatim in it.
    (rules / "policy" / "springfield.txt").write_text("Staff use only platforms the district approved.\n")
    problems = lint_rules_dir(rules)
    assert any("not verbatim in policy/springfield.txt" in p for p in problems)
    district["procedure"]["policy"] = {key: {"quote": "Staff use only platforms the district approved."}
                                       for key in json.loads((RULES / "rules.json").read_text())["policy"]}
    (rules / "district.json").write_text(json.dumps(district, indent=2, ensure_ascii=False) + "\n")
    assert lint_rules_dir(rules) == []
    district["procedure"]["policy"]["no_such_key"] = {"section": "x y"}
    (rules / "district.json").write_text(json.dumps(district, indent=2, ensure_ascii=False) + "\n")
    assert any("no_such_key is not a policy key" in p for p in lint_rules_dir(rules))


def test_check_with_district_file_on_the_command_line(tmp_path):
    profile = tmp_path / "springfield.json"
    profile.write_text(json.dumps(SPRINGFIELD))
    env = dict(os.environ, SOCIAL_GUARD_HOME=str(tmp_path / "home"))
    env.pop("SOCIAL_GUARD_DISTRICT", None)
    run = lambda *a, **kw: subprocess.run([sys.executable, "-m", "helper", "check", "--json", *a], cwd=ROOT,  # noqa: E731
                                          capture_output=True, text=True, timeout=60, env=kw.get("env", env))
    shipped = run("Call (217) 525-3000")
    assert categories(json.loads(shipped.stdout)["findings"]) == ["pii.phone"]
    other = run("--district", str(profile), "Call (217) 525-3000")
    assert other.returncode == 0 and json.loads(other.stdout)["findings"] == []
    by_env = run("Call (217) 525-3000", env=dict(env, SOCIAL_GUARD_DISTRICT=str(profile)))
    assert json.loads(by_env.stdout)["findings"] == []
    profile.write_text(json.dumps({**SPRINGFIELD, "mode": "strict"}))
    refused = run("--district", str(profile), "hello")
    assert refused.returncode != 0


def test_the_helper_app_uses_the_district_file(tmp_path, keyring_service):
    from helper.app import create_app
    from helper.config import Config
    profile = tmp_path / "springfield.json"
    profile.write_text(json.dumps(SPRINGFIELD))
    app = create_app(Config(home=tmp_path / "home", port=47997, keyring_service=keyring_service, testing=True,
                            district_file=profile))
    try:
        checker = app.extensions["sg.checker"]
        assert checker.bundle["district"]["name"] == SPRINGFIELD["name"]
        assert checker.check({"text": "Call (217) 525-3000", "site": "other", "surface": "post"})["findings"] == []
    finally:
        app.extensions["sg.store"].close()


def test_do_this_instead_and_must_fix_are_the_districts_own():
    """district.json's "Do this instead" names only real categories, https links, and public details
    the profile itself lists; its Must-fix categories are categories of the contract."""
    from helper.audit.events import CATEGORIES
    district = json.loads((RULES / "district.json").read_text(encoding="utf-8"))
    jsonschema.validate(district, SCHEMA)
    assert set(district["must_fix_categories"]) <= set(CATEGORIES)
    assert "pii.address" in district["must_fix_categories"]
    for category, entry in district["instead"].items():
        assert category in CATEGORIES, category
        assert entry["en"] != entry["es"]
        for link in entry.get("links", []):
            assert link["url"].startswith("https://") and link["label"]["en"] and link["label"]["es"]
        if "replace_with" in entry:
            source = {"public_phone": "public_phones", "public_address": "public_addresses"}[entry["replace_with"]]
            assert district[source], f"{category} replaces with {source}, which the profile leaves empty"
    assert {"direct_message", "pii.phone", "pii.address", "pii.schedule"} <= set(district["instead"])
    bad = {**district, "instead": {"pii.phone": {"en": "Use the office", "es": "Use la oficina", "replace_with": "home"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
