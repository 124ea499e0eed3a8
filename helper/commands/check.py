"""`check TEXT` for people; `check --jsonl` for scripts (one input object a line, one answer a line)."""
from __future__ import annotations

import json
import sys

from ..config import MAX_TEXT_CHARS
from ..validation import InputError, parse_input
from .common import add_district_argument, add_home_argument, config_from, engine_for


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help="check a draft (or, with --jsonl, many) against the rules")
    p.add_argument("text", nargs="?", help="the draft to check")
    p.add_argument("--jsonl", action="store_true",
                   help='read {"text","site","surface"} objects a line from standard input, write one answer a line')
    p.add_argument("--site", default="other", help="facebook, x, instagram or other (default: other)")
    p.add_argument("--surface", default="post", help="post, comment, dm or unknown (default: post)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--locale", default="en", help="en or es")
    add_home_argument(p)
    add_district_argument(p)
    p.set_defaults(func=run)


def run(args) -> int:
    engine = engine_for(config_from(args))
    if args.jsonl:
        return run_jsonl(engine, sys.stdin.buffer, sys.stdout)
    if args.text is None:
        print("check: give the draft to check, or use --jsonl to read drafts from standard input", file=sys.stderr)
        return 2
    try:
        data = parse_input({"text": args.text, "site": args.site, "surface": args.surface, "locale": args.locale},
                           MAX_TEXT_CHARS)
    except InputError as exc:
        print(f"check: {exc}", file=sys.stderr)
        return 2
    result = engine.check(data)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(describe(data["text"], result["findings"]))
    return 1 if any(f["severity"] in ("block", "warn") for f in result["findings"]) else 0


def run_jsonl(engine, stream, out) -> int:
    for raw in stream:
        out.write(json.dumps(answer_line(engine, raw), ensure_ascii=False) + "\n")
        out.flush()
    return 0


def answer_line(engine, raw: bytes) -> dict:
    """One input line's answer: the findings, or an error object that says what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {"error": f"the line is not valid UTF-8 (byte {exc.start})"}
    if not line.strip():
        return {"error": "the line is empty"}
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"the line is not valid JSON ({exc.msg} at character {exc.pos})"}
    except RecursionError:
        return {"error": "the line is nested too deeply"}
    try:
        return engine.check(parse_input(obj, MAX_TEXT_CHARS))
    except InputError as exc:
        return {"error": str(exc)}


def describe(text: str, findings: list[dict]) -> str:
    if not findings:
        return "No findings: nothing in this draft goes against the procedure's rules."
    lines = [f"{len(findings)} finding{'s' if len(findings) != 1 else ''}:"]
    for f in findings:
        start, end = f["span"]
        shown = f' "{text[start:end]}"' if end > start else ""
        lines.append(f"  {f['severity'].upper():5} {f['category']}{shown}")
        lines.append(f"        {f['message']}")
        lines.append(f"        Procedure, {f['policy']['section']}: \"{f['policy']['quote']}\"")
    return "\n".join(lines)
