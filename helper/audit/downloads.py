"""The audit log as files a person downloads: the events as CSV or JSON Lines (export) and the
per-rule "Not a problem?" counts (export_false_positives).

Export fields (CSV header and JSON Lines keys, in this order; EXPORT_FIELDS):
  id           the event's UUID (given by the extension; a retried event is stored once)
  time         when it happened, ISO 8601 UTC with milliseconds (2026-11-24T14:05:00.000Z)
  received_at  when the helper stored it, ISO 8601 UTC
  kind         warning_shown | choice | false_positive (the user said "Not a problem?") | report |
               setting_changed (a setting the district does not manage, changed on this computer)
  category     a category of the contract (pii.phone, direct_message, ...) or unknown
  rule         the rule's id (pii.phone.us), or empty
  site         facebook | x | instagram | other, or another named site (OTHER_SITES: tiktok, snapchat, ...)
  surface      post | comment | dm | link | unknown
  choice       choice events: edit | post_anyway | go_back | continue | dismiss
  reason       choice events: the reason given to continue; reports: the user's description;
               setting_changed: what changed ("warn -> block", "+example.org -old.example")
  span_hash    a keyed hash of the matched text, never the text
  actions      reports: what was done, ';'-separated from removed, corrected, apologized
  browser_id   the paired browser that sent it (empty for the command line)
  browser      that browser's name
  decision     the id shared by every event of one warning dialog (empty for events sent before)
  findings     warning_shown: the rule id of every finding in the dialog, ';'-separated
In CSV an empty cell is an absent value; a cell that a spreadsheet would run as a formula (starting
with = + - @ or a tab) is prefixed with a single quote.
"""
from __future__ import annotations

import csv
import json
from datetime import datetime, timezone

from .events import EventError, iso_utc

EXPORT_FIELDS = ("id", "time", "received_at", "kind", "category", "rule", "site", "surface", "choice", "reason",
                 "span_hash", "actions", "browser_id", "browser", "decision", "findings")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- "Not a problem?" per rule ---------------------------------------------------------------------
def false_positives_by_rule(events) -> list[dict]:
    """[{rule, category, false_positives, warnings, share}] for the rules people marked "Not a
    problem?", most marked first: `warnings` counts the same rule's warnings shown, `share` is
    false_positives / warnings (None when no warning of that rule is in `events`)."""
    marked: dict[str, dict] = {}
    shown: dict[str, int] = {}
    for e in events:
        rule = e.get("rule") or ""
        if e.get("kind") == "warning_shown":
            shown[rule] = shown.get(rule, 0) + 1
        elif e.get("kind") == "false_positive" and rule:
            entry = marked.setdefault(rule, {"rule": rule, "category": e.get("category") or "unknown", "false_positives": 0})
            entry["false_positives"] += 1
    rows = []
    for entry in marked.values():
        warnings = shown.get(entry["rule"], 0)
        rows.append({**entry, "warnings": warnings,
                     "share": min(1.0, entry["false_positives"] / warnings) if warnings else None})
    return sorted(rows, key=lambda r: (-r["false_positives"], r["rule"]))


FALSE_POSITIVE_FIELDS = ("rule", "category", "false_positives", "warnings")


def export_false_positives(store, out, since: str | None = None, until: str | None = None) -> int:
    """The per-rule "Not a problem?" counts as CSV (FALSE_POSITIVE_FIELDS); returns the row count."""
    events = [e for e in store.export_events(since, until, None, None, None)
              if e["kind"] in ("warning_shown", "false_positive")]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FALSE_POSITIVE_FIELDS)
    rows = false_positives_by_rule(events)
    for row in rows:
        writer.writerow([_csv_cell(row[f]) for f in FALSE_POSITIVE_FIELDS])
    return len(rows)


# -- export ---------------------------------------------------------------------------------------
def export_row(event: dict) -> dict:
    received = event.get("received_at")
    return {
        "id": event["id"], "time": event["time"],
        "received_at": iso_utc(datetime.fromtimestamp(received, timezone.utc)) if received is not None else None,
        "kind": event["kind"], "category": event.get("category"), "rule": event.get("rule"),
        "site": event.get("site"), "surface": event.get("surface"), "choice": event.get("choice"),
        "reason": event.get("reason"), "span_hash": event.get("span_hash"), "actions": event.get("actions"),
        "browser_id": event.get("browser_id"), "browser": event.get("browser_name"),
        "decision": event.get("decision"), "findings": event.get("findings"),
    }


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export(store, out, fmt: str = "csv", since: str | None = None, until: str | None = None,
           site: str | None = None, category: str | None = None, kind: str | None = None) -> int:
    """Writes the events (oldest first) to the text stream `out` as csv or jsonl; returns the count."""
    if fmt not in ("csv", "jsonl"):
        raise EventError("the export format is csv or jsonl")
    rows = (export_row(e) for e in store.export_events(since, until, site, category, kind))
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(EXPORT_FIELDS)
        for row in rows:
            writer.writerow([_csv_cell(row[f]) for f in EXPORT_FIELDS])
            count += 1
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
