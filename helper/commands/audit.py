"""`audit export`, `audit report`, `audit retention`, `audit prune`: the audit log from the command line.
Fields of the export: see helper/audit/downloads.py."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..audit import downloads
from ..audit import events as audit
from .common import add_home_argument, store_for


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="export the audit log, report a mistake, set the retention")
    sub = p.add_subparsers(dest="audit_command", metavar="<audit command>")

    ex = sub.add_parser("export", help="write the audit log as CSV or JSON Lines (oldest first)")
    ex.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    ex.add_argument("--out", type=Path, default=None, help="file to write (default: standard output)")
    ex.add_argument("--since", help="from this date or time (YYYY-MM-DD or ISO 8601; UTC if no zone)")
    ex.add_argument("--until", help="before this date or time")
    ex.add_argument("--site", choices=audit.SITES)
    ex.add_argument("--category", help="a category, or a prefix such as pii")
    ex.add_argument("--kind", choices=audit.KINDS + ("report",))
    add_home_argument(ex)
    ex.set_defaults(func=run_export)

    rp = sub.add_parser("report", help="record a major mistake to report to the Superintendent's office")
    rp.add_argument("--site", required=True, choices=audit.SITES)
    rp.add_argument("--category", required=True, choices=audit.EVENT_CATEGORIES,
                    help="what kind of information was exposed (pii.student, confidential, ...)")
    rp.add_argument("--surface", choices=audit.SURFACES, default="unknown")
    rp.add_argument("--action", action="append", choices=audit.REPORT_ACTIONS, default=[],
                    help="what you have done already (repeat for more)")
    rp.add_argument("--description", help="what happened, in a few words: do not repeat the private information")
    rp.add_argument("--time", help="when it happened (ISO 8601 with zone; default: now)")
    rp.add_argument("--json", action="store_true", help="print the record as JSON")
    add_home_argument(rp)
    rp.set_defaults(func=run_report)

    rt = sub.add_parser("retention", help="show, or set, how many days events are kept (0: forever)")
    rt.add_argument("days", type=int, nargs="?")
    add_home_argument(rt)
    rt.set_defaults(func=run_retention)

    pr = sub.add_parser("prune", help="delete events older than the retention now (reports are kept)")
    add_home_argument(pr)
    pr.set_defaults(func=run_prune)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def run_export(args) -> int:
    try:
        since = audit.parse_date_bound(args.since, "--since") if args.since else None
        until = audit.parse_date_bound(args.until, "--until") if args.until else None
    except audit.EventError as exc:
        print(f"audit export: {exc}", file=sys.stderr)
        return 2
    store = store_for(args)
    kwargs = dict(fmt=args.format, since=since, until=until, site=args.site, category=args.category, kind=args.kind)
    if args.out is None:
        count = downloads.export(store, sys.stdout, **kwargs)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as out:
            count = downloads.export(store, out, **kwargs)
        print(f"Wrote {count} event{'s' if count != 1 else ''} to {args.out}", file=sys.stderr)
    return 0


def run_report(args) -> int:
    body = {"site": args.site, "category": args.category, "surface": args.surface, "actions": args.action}
    if args.description is not None:
        body["description"] = args.description
    if args.time is not None:
        body["time"] = args.time
    try:
        answer = audit.record_report(store_for(args), body)
    except audit.EventError as exc:
        print(f"audit report: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer, indent=2, ensure_ascii=False))
    else:
        print("Recorded. The procedure says to report a major mistake to the Superintendent's office "
              "immediately: send them this.\n")
        print(answer["message"])
    return 0


def run_retention(args) -> int:
    store = store_for(args)
    if args.days is None:
        days = audit.retention_days(store)
        print("Events are kept forever." if days == 0 else f"Events are kept for {days} days (reports always).")
        return 0
    try:
        deleted = audit.set_retention_days(store, args.days)
    except audit.EventError as exc:
        print(f"audit retention: {exc}", file=sys.stderr)
        return 2
    kept = "forever" if args.days == 0 else f"for {args.days} days"
    print(f"Events are now kept {kept}; {deleted} older event{'s' if deleted != 1 else ''} deleted.")
    return 0


def run_prune(args) -> int:
    deleted = audit.prune(store_for(args))
    print(f"{deleted} event{'s' if deleted != 1 else ''} older than the retention deleted.")
    return 0
