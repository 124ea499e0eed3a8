"""Fills each test vector's `findings` (the whole answer: rule, category, severity, span) from the engines.

    .venv/bin/python -m buildtools.vectors_update            # write the files, print what changed
    .venv/bin/python -m buildtools.vectors_update --check    # write nothing; exit 1 if a file would change

Shared vectors (shared_rules/vectors/*.json) take the Python engine's answer, and only when the
JavaScript engine (tests/js/engine_cli.mjs) gives the same one on every case: where they differ,
nothing is written and the cases are listed, since a vector must hold what both engines answer.
Where the helper's checker (its detectors on) answers a shared case differently, its answer goes in
`helper_findings`. Helper-only vectors (vectors/helper/) take the helper's checker's answer.
A person writes `input` and `expect` (the sorted set of categories); nothing is written while the
categories of `findings` differ from `expect` either: fix the rules or the `expect`, not the answer.
Run it after changing rules.json, a list or the engines, then read the changed spans in the diff.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "shared_rules" / "vectors"
FIELDS = ("rule", "category", "severity", "span")


def answer(result: dict) -> list[dict]:
    """What a vector records of an engine's result: each finding's rule, category, severity, span."""
    return [{key: f[key] for key in FIELDS} for f in result["findings"]]


def categories(findings: list[dict]) -> list[str]:
    return sorted({f["category"] for f in findings})


def js_answers(cases: list[dict]) -> list[list[dict]]:
    lines = "".join(json.dumps({"input": c["input"], "settings": c.get("settings")}) + "\n" for c in cases)
    out = subprocess.run(["node", str(ROOT / "tests" / "js" / "engine_cli.mjs")], input=lines, text=True,
                         capture_output=True, check=True, timeout=600)
    return [answer(json.loads(line)) for line in out.stdout.splitlines()]


class HelperChecker:
    """The helper's checker as tests/test_engine_vectors.py builds it: a fresh store per set of settings."""

    def __init__(self, tmp: Path):
        self.tmp, self.count = tmp, 0

    def __call__(self, case: dict) -> list[dict]:
        from helper.checker import Checker
        from helper.storage.store import Store
        self.count += 1
        store = Store(self.tmp / f"db{self.count}.sqlite3")
        try:
            if case.get("settings"):
                store.set_settings(case["settings"])
            return answer(Checker(None, store).check(case["input"]))
        finally:
            store.close()


def with_answer(case: dict, findings: list[dict], helper_findings: list[dict] | None) -> dict:
    """The case with `findings` (and `helper_findings`) right after `expect`, other keys in their place."""
    out = {}
    for key, value in case.items():
        if key in ("findings", "helper_findings"):
            continue
        out[key] = value
        if key == "expect":
            out["findings"] = findings
            if helper_findings is not None:
                out["helper_findings"] = helper_findings
    return out


def show(findings: list[dict]) -> str:
    return ", ".join(f"{f['rule']}@{f['span'][0]}-{f['span'][1]}" for f in findings) or "nothing"


def describe(old: list[dict] | None, new: list[dict]) -> str:
    return f"{'(none)' if old is None else show(old)} -> {show(new)}"


def update(check_only: bool, out=print) -> int:
    from helper.engine import Engine
    from helper.rules.loader import load_bundle
    from helper.rules.lint import canonical
    bundle = load_bundle()
    files = [(p, False) for p in sorted(VECTORS.glob("*.json"))] + \
            [(p, True) for p in sorted((VECTORS / "helper").glob("*.json"))]
    docs = {p: json.loads(p.read_text(encoding="utf-8")) for p, _ in files}
    shared = [(p, i, c) for p, helper_only in files if not helper_only for i, c in enumerate(docs[p]["cases"])]
    js = js_answers([c for _, _, c in shared])
    if len(js) != len(shared):
        out(f"the JS engine answered {len(js)} of {len(shared)} cases")
        return 2
    engines: dict[str, Engine] = {}
    problems, changes = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        helper = HelperChecker(Path(tmp))
        new_cases = {p: [] for p, _ in files}
        js_by_case = {(p, i): js_answer for (p, i, _), js_answer in zip(shared, js)}
        for path, helper_only in files:
            name = path.relative_to(VECTORS)
            for i, case in enumerate(docs[path]["cases"]):
                via_helper = helper(case)
                if helper_only:
                    findings, helper_findings = via_helper, None
                else:
                    key = json.dumps(case.get("settings"), sort_keys=True)
                    engine = engines.setdefault(key, Engine(bundle, case.get("settings")))
                    findings = answer(engine.check(case["input"]))
                    if findings != js_by_case[(path, i)]:
                        problems.append(f"{name}#{i}: the engines differ: Python {show(findings)}; "
                                        f"JS {show(js_by_case[(path, i)])}")
                    helper_findings = via_helper if via_helper != findings else None
                    if categories(via_helper) != case["expect"]:
                        problems.append(f"{name}#{i}: the helper's checker finds {categories(via_helper)}, "
                                        f"expect says {case['expect']}")
                if categories(findings) != case["expect"]:
                    problems.append(f"{name}#{i}: finds {categories(findings)}, expect says {case['expect']}")
                if case.get("findings") != findings or case.get("helper_findings") != helper_findings:
                    changes.setdefault(str(name), []).append(f"#{i}: {describe(case.get('findings'), findings)}"
                                                             + ("" if helper_findings is None else
                                                                f" (helper: {describe(case.get('helper_findings'), helper_findings)})"))
                new_cases[path].append(with_answer(case, findings, helper_findings))
    total = sum(len(v) for v in changes.values())
    for name, lines in changes.items():
        out(f"{name}: {len(lines)} case(s) change")
        for line in lines[:5]:
            out(f"  {line}")
        if len(lines) > 5:
            out(f"  ... and {len(lines) - 5} more")
    out(f"{total} of {sum(len(docs[p]['cases']) for p, _ in files)} cases change in {len(changes)} file(s)")
    if problems:
        out(f"\nNOT WRITTEN: {len(problems)} problem(s)")
        for line in problems:
            out(f"  {line}")
        return 2
    if check_only:
        return 1 if total else 0
    for path, _ in files:
        doc = dict(docs[path], cases=new_cases[path])
        text = canonical(doc)
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    return update(parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
