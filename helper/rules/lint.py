"""The lint of shared_rules/: what both engines can run, safely, and what people can review.

- every JSON file matches its schema and is in the canonical format (2-space indent, UTF-8);
- rule ids are unique; every rule's policy key exists; every quote is verbatim in the procedure;
- every regular expression uses only syntax that Python's re and JavaScript's RegExp (without the
  'u' flag) read the same way, has no nested unbounded quantifier (catastrophic backtracking) and
  no run of characters that its pieces can split in many ways (polynomial: helper/rules/backtracking.py).
"""
from __future__ import annotations

import json
import re

try:  # Python 3.11+: the parser lives in re._parser (sre_parse is a deprecated alias)
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_parse
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from ..engine.compile import terms_pattern
from .backtracking import polynomial_problems
from .loader import default_rules_dir, with_district

# Escapes both engines read the same way (outside and inside classes, but \b \B only outside).
_SAFE_ESCAPES = set("dDwWsSbBtnrfv0\\.^$|?*+()[]{}/-'\"` @#%&:;,<>=!~_") | set("123456789")
_MAX_REPEAT = sre_parse.MAXREPEAT


def regex_problems(pattern: str) -> list[str]:
    """Why this pattern is not portable or not safe; [] when it is fine."""
    problems = []
    try:
        parsed = sre_parse.parse(pattern, re.ASCII)
    except re.error as exc:
        return [f"does not compile in Python: {exc}"]
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            if nxt == "x":
                if not re.fullmatch(r"[0-9A-Fa-f]{2}", pattern[i + 2:i + 4]):
                    problems.append(f"\\x needs two hex digits (at {i})")
            elif nxt == "u":
                if not re.fullmatch(r"[0-9A-Fa-f]{4}", pattern[i + 2:i + 6]):
                    problems.append(f"\\u needs four hex digits (at {i})")
            elif nxt not in _SAFE_ESCAPES or (in_class and nxt in "bB"):
                problems.append(f"the escape \\{nxt} is not read the same way by both engines (at {i})")
            i += 2
            continue
        if in_class:
            if ch == "[" and pattern[i + 1:i + 2] in (":", "=", "."):
                problems.append(f"POSIX classes are not portable (at {i})")
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]" or pattern[i + 1:i + 3] == "^]":
                problems.append(f"a class starting with ']' is read differently by the engines (at {i})")
        elif ch == "(" and pattern[i + 1:i + 2] == "?":
            kind = pattern[i + 2:i + 4]
            if not (kind.startswith(":") or kind.startswith("=") or kind.startswith("!") or kind in ("<=", "<!")):
                problems.append(f"the group (?{kind[:1]}... is not portable: use (?:, (?=, (?!, (?<= or (?<! (at {i})")
        elif ch in "*+?}" and pattern[i + 1:i + 2] == "+":
            problems.append(f"possessive quantifiers are not portable (at {i})")
        i += 1
    problems += _redos_problems(parsed)
    problems += polynomial_problems(parsed)
    if re.compile(pattern, re.ASCII).fullmatch(""):
        problems.append("matches the empty string")
    return problems


def _redos_problems(parsed, outer_unbounded=False, outer_product=1) -> list[str]:
    problems = []
    for op, av in parsed:
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            unbounded = high == _MAX_REPEAT
            if high > 1 and outer_unbounded:
                problems.append("a repeated group inside an unbounded repeat can backtrack catastrophically")
            product = outer_product * (high if not unbounded else 1)
            if product > 100_000:
                problems.append(f"nested bounded repeats multiply to {product} (over 100000)")
            problems += _redos_problems(sub, outer_unbounded or (unbounded and high > 1), product)
        elif op == sre_parse.SUBPATTERN:
            problems += _redos_problems(av[-1], outer_unbounded, outer_product)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            problems += _redos_problems(av[1], outer_unbounded, outer_product)
        elif op == sre_parse.BRANCH:
            for branch in av[1]:
                problems += _redos_problems(branch, outer_unbounded, outer_product)
    return sorted(set(problems))


def rule_patterns(rule: dict) -> list[tuple[str, str]]:
    """(where, pattern) for every regular expression a rule makes."""
    match = rule["match"]
    found = []
    if match["type"] == "regex":
        found.append(("pattern", match["pattern"]))
    elif match["type"] == "terms":
        found.append(("terms", terms_pattern(match["terms"], match.get("obfuscation", False), match.get("masking", False))))
    for key in ("context", "unless", "innocent"):
        if key in match:
            found.append((key, match[key]["pattern"]))
    return found


def canonical(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'"))


def lint_rules_dir(path: str | Path | None = None, fix_format: bool = False) -> list[str]:
    rules_dir = Path(path) if path else default_rules_dir()
    problems: list[str] = []
    schemas = {p.name.replace(".schema.json", ""): json.loads(p.read_text(encoding="utf-8"))
               for p in (rules_dir / "schema").glob("*.schema.json")}
    # Schemas refer to each other by $id: resolve those here, never over the network.
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values() if "$id" in schema)
    json_files = (sorted(rules_dir.glob("*.json")) + sorted((rules_dir / "lists").glob("*.json"))
                  + sorted((rules_dir / "vectors").rglob("*.json")))
    for file in json_files:
        text = file.read_text(encoding="utf-8")
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"{file.name}: not valid JSON: {exc}")
            continue
        if text != canonical(obj):
            if fix_format:
                file.write_text(canonical(obj), encoding="utf-8")
            else:
                problems.append(f"{file.relative_to(rules_dir)}: not in the canonical format "
                                "(run `python -m helper rules lint --fix-format`)")
        kind = {"vectors": "vectors", "helper": "vectors", "lists": "lists"}.get(file.parent.name, file.stem)
        if kind in schemas:
            for err in jsonschema.Draft202012Validator(schemas[kind], registry=registry).iter_errors(obj):
                where = "/".join(str(p) for p in err.absolute_path)
                problems.append(f"{file.relative_to(rules_dir)}: {where}: {err.message[:300]}")

    rules = json.loads((rules_dir / "rules.json").read_text(encoding="utf-8"))
    # The district profile may name its own procedure file and replace sections and quotes.
    district_file = rules_dir / "district.json"
    district = json.loads(district_file.read_text(encoding="utf-8")) if district_file.is_file() else {}
    procedure_name = (district.get("procedure") or {}).get("file", "policy/procedure.txt")
    procedure_file = rules_dir / procedure_name
    if "procedure" in district and not procedure_file.is_file():
        problems.append(f"district.json: procedure.file {procedure_name} does not exist")
    procedure = _norm(procedure_file.read_text(encoding="utf-8")) if procedure_file.is_file() else None
    policy = with_district({"policy": rules.get("policy", {}), "district": district}, None)["policy"]
    for key in (district.get("procedure") or {}).get("policy", {}):
        if key not in policy:
            problems.append(f"district.json: procedure.policy {key} is not a policy key of rules.json")
    for key, entry in policy.items():
        if procedure is not None and _norm(entry["quote"]) not in procedure:
            problems.append(f"policy {key}: the quote is not verbatim in {procedure_name}")
    seen = set()
    for rule in rules.get("rules", []):
        rid = rule.get("id", "?")
        if rid in seen:
            problems.append(f"rule {rid}: the id is used twice")
        seen.add(rid)
        if rule.get("policy") not in rules.get("policy", {}):
            problems.append(f"rule {rid}: policy {rule.get('policy')!r} is not defined")
        for where, pattern in rule_patterns(rule):
            problems += [f"rule {rid} ({where}): {p}" for p in regex_problems(pattern)]
    problems += [f"link_pattern: {p}" for p in regex_problems(rules["link_pattern"]["pattern"])]
    return problems
