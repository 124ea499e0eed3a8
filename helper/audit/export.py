"""Audit export for a district's log pipeline: JSON Lines or syslog (RFC 5424), to a file or to a
syslog receiver over UDP (RFC 5426) or TCP (RFC 6587, octet counting). Opt-in: nothing is sent
until `python -m helper audit-export enable ...` names a target; `audit-export run` then sends the
events stored since the last run (a cursor in the audit settings), so a scheduled task or
`run --every N` forwards each event once.

Built on the audit log of helper/audit/events.py (its export rows and store.export_events): the same
fields, never a draft's text (events never hold it), and free-text fields withheld: `reason` is
forwarded only when it is one of the extension's reason codes (district_account, ...), never the
user's own words; a report's description is never forwarded. Fields: docs/deploy/audit-fields.md.
"""
from __future__ import annotations

import getpass
import json
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from .downloads import export_row  # the audit log's own export row: one definition of the fields

SETTING = "export_target"            # audit_settings key: the opt-in configuration
CURSOR = "export_cursor"             # audit_settings key: [received_at, id] of the last event sent
FORMATS = ("jsonl", "syslog")
# The fields forwarded, in this order (docs/deploy/audit-fields.md). `reason` only as a code.
FIELDS = ("id", "time", "received_at", "kind", "category", "rule", "site", "surface", "choice", "reason",
          "span_hash", "actions", "browser", "decision", "findings")
REASON_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
FACILITIES = {"kern": 0, "user": 1, "daemon": 3, "auth": 4, "syslog": 5, "authpriv": 10, "audit": 13,
              **{f"local{i}": 16 + i for i in range(8)}}
# RFC 5424 severities by event: a report of a major mistake is an error; going ahead after a
# warning is a warning; a warning shown is a notice; anything else is informational.
SEVERITY = {"report": 3, "post_anyway": 4, "continue": 4, "warning_shown": 5}
APP_NAME = "social-guard"
# Structured-data id: name@<private enterprise number>. 32473 is the number RFC 5612 reserves for
# documentation; a district with its own number can set it with --sd-id.
DEFAULT_SD_ID = "socialguard@32473"
UDP_MAX = 2048                       # RFC 5426: receivers must take 480 bytes, should take 2048


class ExportError(Exception):
    """Bad configuration, or a target that cannot be written to."""


# ---- configuration (opt-in) -------------------------------------------------------------------------
def parse_target(target: str) -> dict:
    """A file path, udp://host:port or tcp://host:port."""
    if re.match(r"^[a-z]+://", target):
        url = urlsplit(target)
        if url.scheme not in ("udp", "tcp") or not url.hostname or not url.port:
            raise ExportError(f"{target!r}: a network target is udp://host:port or tcp://host:port")
        return {"kind": url.scheme, "host": url.hostname, "port": url.port}
    return {"kind": "file", "path": str(Path(target).expanduser().resolve())}


def configure(store, fmt: str, target: str, facility: str = "local0", sd_id: str = DEFAULT_SD_ID,
              include_user: bool = True) -> dict:
    if fmt not in FORMATS:
        raise ExportError(f"the format is one of {', '.join(FORMATS)}")
    if facility not in FACILITIES:
        raise ExportError(f"the facility is one of {', '.join(FACILITIES)}")
    if not re.match(r"^[!-~]{1,32}$", sd_id) or any(c in sd_id for c in '= ]"'):
        raise ExportError("--sd-id is up to 32 printable characters without = ] \" or spaces (name@number)")
    config = {"format": fmt, "target": target, **parse_target(target), "facility": facility, "sd_id": sd_id,
              "include_user": bool(include_user)}
    store.set_audit_setting(SETTING, config)
    return config


def current_config(store) -> dict | None:
    return store.get_audit_setting(SETTING, None)


def disable(store) -> None:
    store.set_audit_setting(SETTING, None)


# ---- records ----------------------------------------------------------------------------------------------
def record(event: dict, origin: dict) -> dict:
    """One forwarded record: the audit export row, free text withheld, and where it comes from."""
    row = export_row(event)
    out = {key: row.get(key) for key in FIELDS}
    if out["reason"] is not None and row["kind"] != "setting_changed" and not REASON_CODE.match(str(out["reason"])):
        out["reason"] = None
        out["reason_withheld"] = True
    if row["kind"] == "report":
        out["reason"] = None        # a report's description is the user's words about the mistake
    out.update(origin)
    return {k: v for k, v in out.items() if v is not None}


def origin_fields(include_user: bool) -> dict:
    fields = {"host": socket.gethostname(), "app": APP_NAME, "app_version": __version__}
    if include_user:
        try:
            fields["user"] = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on this machine: leave it out
            pass
    return fields


def to_jsonl(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, sort_keys=False)


def _sd_escape(value) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _printable(value: str, limit: int) -> str:
    """RFC 5424 header fields: printable US-ASCII, no spaces, at most `limit` characters; '-' when empty."""
    value = re.sub(r"[^!-~]", "", value or "")[:limit]
    return value or "-"


def to_syslog(rec: dict, facility: str = "local0", sd_id: str = DEFAULT_SD_ID) -> str:
    """One RFC 5424 message: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID param="value"...] MSG."""
    kind = rec.get("kind")
    severity = SEVERITY.get(rec.get("choice"), 6) if kind == "choice" else SEVERITY.get(kind, 6)
    pri = FACILITIES[facility] * 8 + severity
    params = " ".join(f'{key}="{_sd_escape(value)}"' for key, value in rec.items()
                      if key not in ("host", "app") and value not in (None, ""))
    summary = f"{rec.get('kind')} {rec.get('category') or '-'} on {rec.get('site') or '-'}/{rec.get('surface') or '-'}"
    if rec.get("choice"):
        summary += f": {rec['choice']}"
    if kind == "false_positive":
        summary += f": {rec.get('rule') or '-'} marked not a problem ({rec.get('rule_false_positives', 1)} so far)"
    return (f"<{pri}>1 {rec.get('time') or '-'} {_printable(rec.get('host', ''), 255)} {APP_NAME} - "
            f"{_printable(rec.get('kind', ''), 32)} [{sd_id} {params}] {summary}")


# ---- sending ------------------------------------------------------------------------------------------------
class Sink:
    def __init__(self, config: dict):
        self.config = config
        self.kind = config["kind"]
        self.sock = None
        self.file = None

    def __enter__(self):
        try:
            if self.kind == "file":
                Path(self.config["path"]).parent.mkdir(parents=True, exist_ok=True)
                self.file = open(self.config["path"], "a", encoding="utf-8", newline="\n")
            elif self.kind == "udp":
                self.sock = socket.socket(socket.AF_INET6 if ":" in self.config["host"] else socket.AF_INET,
                                          socket.SOCK_DGRAM)
                self.sock.connect((self.config["host"], self.config["port"]))
            else:
                self.sock = socket.create_connection((self.config["host"], self.config["port"]), timeout=10)
        except OSError as exc:
            raise ExportError(f"cannot open {self.config['target']}: {exc}") from exc
        return self

    def send(self, line: str) -> None:
        data = line.encode("utf-8")
        try:
            if self.kind == "file":
                self.file.write(line + "\n")
            elif self.kind == "udp":
                self.sock.send(data[:UDP_MAX])
            else:
                self.sock.sendall(str(len(data)).encode() + b" " + data)   # RFC 6587 octet counting
        except OSError as exc:
            raise ExportError(f"cannot send to {self.config['target']}: {exc}") from exc

    def __exit__(self, *exc):
        if self.file:
            self.file.close()
        if self.sock:
            self.sock.close()


def pending(store, cursor) -> list[dict]:
    """Events received after the cursor, oldest first (by time, as the audit export orders them)."""
    after = tuple(cursor) if cursor else None
    rows = []
    for event in store.export_events():
        key = (event.get("received_at") or 0.0, event["id"])
        if after is None or key > after:
            rows.append(event)
    return rows


def false_positive_counter(store):
    """For a false_positive event: how many times its rule has been marked "Not a problem?" up to
    and including that event (the district's per-rule count, carried in each forwarded record)."""
    position: dict[str, int] = {}
    seen: dict[str, int] = {}
    for event in store.export_events(kind="false_positive"):
        rule = event.get("rule") or ""
        seen[rule] = seen.get(rule, 0) + 1
        position[event["id"]] = seen[rule]
    return lambda event: position.get(event["id"], 1)


def run(store, config: dict | None = None) -> int:
    """Sends the events stored since the last run to the configured target; returns how many.
    Refuses when the export is not enabled (opt-in). The cursor moves only after a good send."""
    config = config or current_config(store)
    if not config:
        raise ExportError("the audit export is not enabled: run `python -m helper audit-export enable` first")
    origin = origin_fields(config.get("include_user", True))
    events = pending(store, store.get_audit_setting(CURSOR, None))
    if not events:
        return 0
    marked = false_positive_counter(store)
    with Sink(config) as sink:
        for event in events:
            rec = record(event, origin)
            if event["kind"] == "false_positive":
                rec["rule_false_positives"] = marked(event)
            sink.send(to_jsonl(rec) if config["format"] == "jsonl"
                      else to_syslog(rec, config.get("facility", "local0"), config.get("sd_id", DEFAULT_SD_ID)))
    last = max(((e.get("received_at") or 0.0, e["id"]) for e in events))
    store.set_audit_setting(CURSOR, list(last))
    return len(events)


def run_every(store, seconds: float, log) -> None:
    """`run --every N`: forwards new events every N seconds until stopped; a failed send is retried."""
    while True:
        try:
            count = run(store)
            if count:
                print(f"audit-export: sent {count} event{'s' if count != 1 else ''}", file=log, flush=True)
        except ExportError as exc:
            print(f"audit-export: {exc} (will retry)", file=log, flush=True)
        time.sleep(seconds)
