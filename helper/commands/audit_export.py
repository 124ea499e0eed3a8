"""`audit-export enable|disable|status|run`: forward the audit log to the district's log pipeline
as JSON Lines or syslog (RFC 5424), to a file or a syslog receiver (udp:// or tcp://). Opt-in: nothing
is sent until `enable`. Fields: docs/deploy/audit-fields.md; code: helper/audit/export.py."""
from __future__ import annotations

import sys

from ..audit import export as ax
from .common import add_home_argument, store_for


def register(subparsers) -> None:
    p = subparsers.add_parser("audit-export", help="forward the audit log to the district's log pipeline (opt-in)")
    sub = p.add_subparsers(dest="audit_export_command", metavar="<audit-export command>")

    en = sub.add_parser("enable", help="turn the export on, to a file or a syslog receiver")
    en.add_argument("--format", choices=ax.FORMATS, required=True, help="jsonl or syslog (RFC 5424)")
    en.add_argument("--to", required=True, help="a file, udp://host:port or tcp://host:port")
    en.add_argument("--facility", default="local0", choices=sorted(ax.FACILITIES), help="syslog facility (default local0)")
    en.add_argument("--sd-id", default=ax.DEFAULT_SD_ID, help=f"syslog structured-data id (default {ax.DEFAULT_SD_ID})")
    en.add_argument("--no-user", action="store_true", help="leave out the computer login name")
    en.add_argument("--from-now", action="store_true", help="send only events stored from now on")
    add_home_argument(en)
    en.set_defaults(func=run_enable)

    di = sub.add_parser("disable", help="turn the export off")
    add_home_argument(di)
    di.set_defaults(func=run_disable)

    st = sub.add_parser("status", help="show the export's configuration")
    add_home_argument(st)
    st.set_defaults(func=run_status)

    rn = sub.add_parser("run", help="send the events stored since the last run")
    rn.add_argument("--every", type=float, default=None, metavar="SECONDS", help="keep running, sending every SECONDS")
    add_home_argument(rn)
    rn.set_defaults(func=run_run)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def run_enable(args) -> int:
    store = store_for(args)
    try:
        config = ax.configure(store, args.format, args.to, args.facility, args.sd_id, include_user=not args.no_user)
    except ax.ExportError as exc:
        print(f"audit-export: {exc}", file=sys.stderr)
        return 2
    if args.from_now:
        events = list(store.export_events())
        if events:
            store.set_audit_setting(ax.CURSOR, list(max((e.get("received_at") or 0.0, e["id"]) for e in events)))
    print(f"audit-export: on, {config['format']} to {config['target']}. Send with `python -m helper audit-export run` "
          "(from a scheduled task, or with --every SECONDS).")
    return 0


def run_disable(args) -> int:
    ax.disable(store_for(args))
    print("audit-export: off")
    return 0


def run_status(args) -> int:
    config = ax.current_config(store_for(args))
    if not config:
        print("audit-export: off")
    else:
        print(f"audit-export: on, {config['format']} to {config['target']}"
              + (f" (facility {config['facility']}, {config['sd_id']})" if config["format"] == "syslog" else ""))
    return 0


def run_run(args) -> int:
    store = store_for(args)
    if args.every:
        if not ax.current_config(store):
            print("audit-export: the export is not enabled: run `python -m helper audit-export enable` first",
                  file=sys.stderr)
            return 2
        ax.run_every(store, max(1.0, args.every), sys.stderr)
        return 0
    try:
        count = ax.run(store)
    except ax.ExportError as exc:
        print(f"audit-export: {exc}", file=sys.stderr)
        return 2
    print(f"audit-export: sent {count} event{'s' if count != 1 else ''}")
    return 0
