"""District deployment files: extension/managed_schema.json follows the rules of Chrome's managed
storage schema, the manifest references it and carries the key of the documented extension id, and
every example policy in docs/deploy/ (Chrome on Linux, Windows and macOS; Firefox) parses and sets
only real settings of that schema, with values the schema allows, the same in every file."""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import plistlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "deploy"
SCHEMA = json.loads((ROOT / "extension" / "managed_schema.json").read_text(encoding="utf-8"))
README = (DEPLOY / "README.md").read_text(encoding="utf-8")
EXTENSION_ID = "bfocoabmfgmahdclhffbpeaghildljmg"

# components/policy/core/common/schema.cc: the attributes and types a managed-storage schema may use.
CHROME_TYPES = {"object", "array", "string", "integer", "number", "boolean"}
CHROME_ATTRIBUTES = {"type", "description", "title", "properties", "patternProperties", "additionalProperties",
                     "items", "enum", "minimum", "maximum", "pattern", "$ref", "id", "required", "sensitiveValue"}
PY_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool}


def chrome_schema_problems(node, where="schema") -> list[str]:
    problems = []
    if not isinstance(node, dict):
        return [f"{where}: a schema is an object"]
    for key in node:
        if key not in CHROME_ATTRIBUTES:
            problems.append(f"{where}: Chrome does not know the attribute {key!r}")
    kind = node.get("type")
    if "$ref" not in node and kind not in CHROME_TYPES:
        problems.append(f"{where}: type {kind!r} is not one of {sorted(CHROME_TYPES)}")
    if kind == "array" and "items" not in node:
        problems.append(f"{where}: an array needs 'items'")
    if "enum" in node:
        if kind not in ("string", "integer") or not node["enum"]:
            problems.append(f"{where}: enum is for strings and integers, and not empty")
        elif not all(isinstance(v, PY_TYPES[kind]) and not isinstance(v, bool) for v in node["enum"]):
            problems.append(f"{where}: enum values must be of type {kind}")
    if ("minimum" in node or "maximum" in node) and kind not in ("integer", "number"):
        problems.append(f"{where}: minimum/maximum are for numbers")
    if "pattern" in node:
        if kind != "string":
            problems.append(f"{where}: pattern is for strings")
        re.compile(node["pattern"])
    for attr in ("properties", "patternProperties"):
        if attr in node:
            if kind != "object":
                problems.append(f"{where}: {attr} is for objects")
            for name, sub in node[attr].items():
                problems += chrome_schema_problems(sub, f"{where}.{name}")
    if isinstance(node.get("additionalProperties"), dict):
        problems += chrome_schema_problems(node["additionalProperties"], f"{where}.additionalProperties")
    if "items" in node:
        problems += chrome_schema_problems(node["items"], f"{where}[]")
    for name in node.get("required", []):
        if name not in node.get("properties", {}):
            problems.append(f"{where}: required {name!r} is not a property")
    return problems


def strict(schema: dict) -> dict:
    """The schema with every object closed: a setting it does not name is an error."""
    out = copy.deepcopy(schema)

    def close(node):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
            for sub in node["properties"].values():
                close(sub)
        if "items" in node:
            close(node["items"])
    close(out)
    return out


def validate_values(values: dict, where: str) -> None:
    errors = [f"{where}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft7Validator(strict(SCHEMA)).iter_errors(values)]
    assert not errors, errors
    assert values, f"{where}: no settings"


# ---- the schema and the manifest ---------------------------------------------------------------------
def test_the_managed_schema_follows_chromes_rules():
    assert SCHEMA["type"] == "object"
    assert chrome_schema_problems(SCHEMA) == []
    # And the checker notices a mistake (so the test above can fail).
    assert chrome_schema_problems({"type": "object", "properties": {"a": {"type": "list"}, "b": {"type": "array"},
                                                                   "c": {"type": "string", "minimum": 1}}})


def test_the_schema_has_every_setting_of_the_issue_and_a_switch_per_site():
    props = SCHEMA["properties"]
    for name in ("helperPort", "mode", "approvedChannels", "protectedDomains", "allowlist", "blocklist", "rulePackUrl", "sites"):
        assert name in props, name
    assert props["mode"]["enum"] == ["warn", "block"]
    sites = json.loads((ROOT / "shared_rules" / "sites.json").read_text(encoding="utf-8"))["profiles"]
    assert set(props["sites"]["properties"]) == set(sites)
    assert all(p["type"] == "boolean" for p in props["sites"]["properties"].values())


def test_the_manifest_references_the_schema_and_has_the_documented_id():
    chrome = json.loads((ROOT / "extension" / "manifest" / "chrome.json").read_text(encoding="utf-8"))
    assert chrome["storage"]["managed_schema"] == "managed_schema.json"
    der = base64.b64decode(chrome["key"])
    assert b"PRIVATE" not in der and len(der) < 600          # only the public key is in the manifest
    ext_id = "".join(chr(ord("a") + int(c, 16)) for c in hashlib.sha256(der).hexdigest()[:32])
    assert ext_id == EXTENSION_ID
    assert EXTENSION_ID in README


def test_the_firefox_build_has_a_fixed_id_and_no_chrome_only_keys():
    firefox = json.loads((ROOT / "extension" / "manifest" / "firefox.json").read_text(encoding="utf-8"))
    gecko = firefox["browser_specific_settings"]["gecko"]["id"]
    assert re.match(r"^[a-z0-9.\-]+@[a-z0-9.\-]+$", gecko)
    assert "key" not in firefox and gecko in README


def test_every_schema_setting_is_documented():
    for name in SCHEMA["properties"]:
        assert f"`{name}`" in README, name


# ---- the example policy files ---------------------------------------------------------------------------------
def gecko_id() -> str:
    return json.loads((ROOT / "extension" / "manifest" / "firefox.json").read_text())["browser_specific_settings"]["gecko"]["id"]


def chrome_linux() -> tuple[dict, dict]:
    policy = json.loads((DEPLOY / "chrome-linux-policy.json").read_text(encoding="utf-8"))
    assert set(policy) <= {"ExtensionSettings", "ExtensionInstallForcelist", "3rdparty"}
    assert policy["ExtensionSettings"][EXTENSION_ID]["installation_mode"] == "force_installed"
    assert set(policy["3rdparty"]) == {"extensions"} and set(policy["3rdparty"]["extensions"]) == {EXTENSION_ID}
    return policy["3rdparty"]["extensions"][EXTENSION_ID], policy


def firefox() -> dict:
    policy = json.loads((DEPLOY / "firefox-policies.json").read_text(encoding="utf-8"))["policies"]
    assert set(policy) <= {"ExtensionSettings", "3rdparty"}
    assert policy["ExtensionSettings"][gecko_id()]["installation_mode"] == "force_installed"
    assert policy["ExtensionSettings"][gecko_id()]["install_url"].startswith("https://")
    assert set(policy["3rdparty"]) == {"Extensions"} and set(policy["3rdparty"]["Extensions"]) == {gecko_id()}
    return policy["3rdparty"]["Extensions"][gecko_id()]


def parse_reg(text: str) -> dict[str, dict]:
    """A .reg file (regedit 5.00) as {key path: {value name: str | int}}."""
    lines = text.replace("\r\n", "\n").split("\n")
    assert lines[0] == "Windows Registry Editor Version 5.00"
    keys: dict[str, dict] = {}
    current = None
    for line in lines[1:]:
        if not line.strip() or line.startswith(";"):
            continue
        if line.startswith("["):
            assert line.endswith("]"), line
            current = keys.setdefault(line[1:-1], {})
            continue
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")', line)
        assert m and current is not None, f"not a registry value line: {line!r}"
        name = m.group(1)
        current[name] = int(m.group(2), 16) if m.group(2) else re.sub(r"\\(.)", r"\1", m.group(3))
    return keys


def reg_to_json(keys: dict, path: str, schema: dict):
    """What Chrome makes of a registry key for this schema: subkeys are objects, numbered values lists."""
    values = keys.get(path, {})
    if schema["type"] == "array":
        return [values[str(i)] for i in range(1, len(values) + 1)]
    out = {}
    for name, sub in schema["properties"].items():
        if sub["type"] in ("array", "object"):
            if f"{path}\\{name}" in keys:
                out[name] = reg_to_json(keys, f"{path}\\{name}", sub)
        elif name in values:
            value = values[name]
            out[name] = bool(value) if sub["type"] == "boolean" else value
    unknown = set(values) - set(schema["properties"]) if schema["type"] == "object" else set()
    assert not unknown, f"{path}: not settings of the schema: {unknown}"
    return out


def windows() -> dict:
    keys = parse_reg((DEPLOY / "social-guard-chrome.reg").read_text(encoding="utf-8"))
    base = r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome"
    forcelist = keys[base + r"\ExtensionInstallForcelist"]
    assert forcelist["1"].split(";")[0] == EXTENSION_ID and forcelist["1"].split(";")[1].startswith("https://")
    policy_key = base + r"\3rdparty\extensions" + "\\" + EXTENSION_ID + r"\policy"
    for key in keys:
        assert key.startswith(base), key
        if key.startswith(base + r"\3rdparty"):
            assert key.startswith(policy_key), key
            sub = key[len(policy_key):].strip("\\").split("\\")[0]
            assert not sub or sub in SCHEMA["properties"], f"not a setting of the schema: {sub}"
    return reg_to_json(keys, policy_key, SCHEMA)


def macos() -> dict:
    profile = plistlib.loads((DEPLOY / "social-guard-chrome.mobileconfig").read_bytes())
    assert profile["PayloadType"] == "Configuration"
    payloads = {p["PayloadType"]: p for p in profile["PayloadContent"]}
    uuids = [profile["PayloadUUID"]] + [p["PayloadUUID"] for p in profile["PayloadContent"]]
    assert len(set(uuids)) == len(uuids)
    assert payloads["com.google.Chrome"]["ExtensionSettings"][EXTENSION_ID]["installation_mode"] == "force_installed"
    ext = payloads[f"com.google.Chrome.extensions.{EXTENSION_ID}"]
    assert set(payloads) == {"com.google.Chrome", f"com.google.Chrome.extensions.{EXTENSION_ID}"}
    return {k: v for k, v in ext.items() if not k.startswith("Payload")}


EXAMPLES = {"chrome-linux-policy.json": lambda: chrome_linux()[0], "social-guard-chrome.reg": windows,
            "social-guard-chrome.mobileconfig": macos, "firefox-policies.json": firefox}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_example_policy_parses_and_sets_only_settings_of_the_schema(name):
    values = EXAMPLES[name]()
    validate_values(values, name)
    assert name in README


def test_the_examples_agree_with_each_other():
    linux = chrome_linux()[0]
    for name, read in EXAMPLES.items():
        assert read() == linux, name
    update_urls = {chrome_linux()[1]["ExtensionSettings"][EXTENSION_ID]["update_url"],
                   parse_reg((DEPLOY / "social-guard-chrome.reg").read_text())[
                       r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome\ExtensionInstallForcelist"]["1"].split(";")[1]}
    assert len(update_urls) == 1


def test_a_wrong_setting_in_an_example_would_be_caught():
    values = dict(chrome_linux()[0])
    for bad in ({"mode": "strict"}, {"approvedChannel": ["x.com"]}, {"sites": {"tiktok": True}}, {"helperPort": 80}):
        with pytest.raises(AssertionError):
            validate_values({**values, **bad}, "mutated")


def test_the_update_manifest_names_the_extension():
    root = ET.parse(DEPLOY / "updates.xml").getroot()
    ns = {"u": "http://www.google.com/update2/response"}
    app = root.find("u:app", ns)
    assert app.get("appid") == EXTENSION_ID
    assert app.find("u:updatecheck", ns).get("codebase").startswith("https://")
