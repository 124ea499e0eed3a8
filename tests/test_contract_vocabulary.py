"""Every copy of the contract's vocabulary agrees with shared_rules/contract.json: the generated
extension/shared/vocabulary.js, the OpenAPI document's enums (check input, audit events, reports),
the pages' Spanish (the audit log's sets and the pages' labels read helper/vocabulary.py), the engines' sites and surfaces, the
extension's site hosts and event sets, the _locales reason keys, the rules schema's categories,
every rule's category, the site profiles and the category list of CONTRACTS.md."""
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from buildtools import contract_gen
from helper import vocabulary as vocab

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "shared_rules"
CONTRACTS_MD = ROOT.parent / "shared" / "CONTRACTS.md"


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_contract_follows_its_schema():
    jsonschema.Draft202012Validator(_read_json(RULES / "schema" / "contract.schema.json")).validate(vocab.CONTRACT)


def test_the_generated_javascript_is_up_to_date():
    assert contract_gen.OUT.read_text(encoding="utf-8") == contract_gen.render(), "run python -m buildtools.contract_gen"


def test_the_openapi_enums_are_the_vocabulary():
    schemas = _read_json(ROOT / "helper" / "openapi.json")["components"]["schemas"]
    for name in ("CheckInput", "CheckImageInput"):
        props = schemas[name]["properties"]
        assert tuple(props["site"]["enum"]) == vocab.CHECK_SITES, name
        assert tuple(props["surface"]["enum"]) == vocab.CHECK_SURFACES, name
        assert tuple(props["locale"]["enum"]) == vocab.LOCALES, name
    event = schemas["Event"]["properties"]
    assert tuple(event["kind"]["enum"]) == vocab.SENT_KINDS
    assert tuple(event["category"]["enum"]) == vocab.EVENT_CATEGORIES
    assert tuple(event["site"]["enum"]) == vocab.EVENT_SITES
    assert tuple(event["surface"]["enum"]) == vocab.EVENT_SURFACES
    assert tuple(event["choice"]["enum"]) == vocab.CHOICES
    report = schemas["Report"]["properties"]
    assert tuple(report["site"]["enum"]) == vocab.EVENT_SITES
    assert tuple(report["surface"]["enum"]) == vocab.EVENT_SURFACES
    assert tuple(report["category"]["enum"]) == vocab.EVENT_CATEGORIES
    assert tuple(report["actions"]["items"]["enum"]) == vocab.REPORT_ACTIONS


def _labelled():
    c = vocab.CONTRACT
    for section in ("surfaces", "event_kinds", "choices", "reasons", "categories", "category_groups", "report_actions"):
        yield from ((section, e["id"], e["label"]) for e in c[section] if "label" in e)
    yield "unknown_category", c["unknown_category"]["id"], c["unknown_category"]["label"]
    yield from (("sites", e["id"], e["name"]) for e in c["sites"])


def test_the_spanish_labels_are_the_pages_translations():
    spanish = _read_json(ROOT / "helper" / "translations" / "es.json")
    for section, item, words in _labelled():
        if section == "sites" and item != "other":
            assert words["es"] == words["en"], item   # a platform's own name is the same in every language
        else:
            assert spanish.get(words["en"]) == words["es"], (section, item)


def test_the_engines_check_the_contracts_sites_and_surfaces():
    from helper.engine import core

    assert core.SITES == vocab.CHECK_SITES
    assert core.SURFACES == vocab.CHECK_SURFACES
    assert _node_exports("extension/engine/index.js", ["SITES", "SURFACES"]) == \
        {"SITES": list(vocab.CHECK_SITES), "SURFACES": list(vocab.CHECK_SURFACES)}


def _node_exports(module: str, names: list[str]) -> dict:
    script = (f"const m = await import({json.dumps((ROOT / module).as_uri())});"
              f"console.log(JSON.stringify(Object.fromEntries({json.dumps(names)}.map((n) => [n, m[n]]))));")
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_extensions_sites_and_event_sets_are_the_vocabulary():
    """The background names every site of the vocabulary by its hosts, and its audit events keep every
    kind, choice, reason, site and surface of the vocabulary and nothing else."""
    site_names = (ROOT / "extension" / "background" / "site-names.js").as_uri()
    queue = (ROOT / "extension" / "background" / "event-queue.js").as_uri()
    cases = {"hosts": {h: s for h, s in vocab.SITE_HOSTS.items()}, "choices": list(vocab.CHOICES),
             "reasons": list(vocab.REASON_CODES), "sites": list(vocab.EVENT_SITES),
             "surfaces": list(vocab.EVENT_SURFACES), "kinds": list(vocab.SENT_KINDS)}
    script = f"""
const {{ siteOf }} = await import({json.dumps(site_names)});
const {{ sanitizeEvent }} = await import({json.dumps(queue)});
const c = {json.dumps(cases)};
const ev = (fields) => sanitizeEvent({{ kind: "choice", choice: "edit", ...fields }});
console.log(JSON.stringify({{
  hosts: Object.fromEntries(Object.keys(c.hosts).map((h) => [h, siteOf("other", "www." + h)])),
  unknownHost: siteOf("other", "myspace.com"),
  kinds: c.kinds.filter((k) => sanitizeEvent({{ kind: k, choice: "edit" }}) !== null),
  choices: c.choices.filter((x) => ev({{ choice: x }}) !== null),
  reasons: c.reasons.filter((x) => ev({{ reason: x }}).reason === x),
  sites: c.sites.filter((x) => ev({{ site: x }}).site === x),
  surfaces: c.surfaces.filter((x) => ev({{ surface: x }}).surface === x),
  refused: [sanitizeEvent({{ kind: "report" }}), ev({{ choice: "shrug" }}), ev({{ reason: "because" }}).reason ?? null,
            ev({{ site: "myspace" }}).site, ev({{ surface: "story" }}).surface],
}}));"""
    out = json.loads(subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                                    check=True).stdout)
    assert out["hosts"] == cases["hosts"] and out["unknownHost"] == "other"
    for key in ("kinds", "choices", "reasons", "sites", "surfaces"):
        assert out[key] == cases[key], key
    assert out["refused"] == [None, None, None, "other", "unknown"]


@pytest.mark.parametrize("locale", ["en", "es"])
def test_the_extensions_reason_labels_name_reasons_of_the_vocabulary(locale):
    messages = _read_json(ROOT / "extension" / "_locales" / locale / "messages.json")
    reasons = {key.split("_", 1)[1] for key in messages if key.startswith(("reason_", "postReason_"))}
    assert reasons and reasons <= set(vocab.REASON_CODES)


def test_the_rules_categories_are_the_vocabulary():
    schema = _read_json(RULES / "schema" / "rules.schema.json")
    assert tuple(schema["$defs"]["category"]["enum"]) == vocab.CATEGORIES
    for rule in _read_json(RULES / "rules.json")["rules"]:
        assert rule["category"] in vocab.CATEGORIES, rule["id"]


def test_the_site_profiles_are_sites_of_the_vocabulary():
    reported_as = {e["id"]: e.get("reported_as", e["id"]) for e in vocab.CONTRACT["sites"]}
    for profile_id, profile in _read_json(RULES / "sites.json")["profiles"].items():
        assert reported_as.get(profile_id) == profile["site"], profile_id
        assert profile["site"] in vocab.CHECK_SITES


@pytest.mark.skipif(not CONTRACTS_MD.is_file(), reason="shared/CONTRACTS.md is beside the repository, not in it")
def test_the_contracts_categories_are_the_vocabulary():
    text = CONTRACTS_MD.read_text(encoding="utf-8")
    table = text[text.index("## Categories"):].split("\n## ", 1)[0]
    listed = [c for row in table.splitlines() if row.startswith("| `")
              for c in re.findall(r"`([a-z_.]+)`", row.split("|")[1])]
    assert tuple(listed) == vocab.CONTRACT_CATEGORIES
