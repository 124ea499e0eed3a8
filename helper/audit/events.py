"""The audit log: checking events before they are stored, retention, exports, and "report a mistake".

Events (POST /v1/events, docs/DESIGN.md) never carry a draft's text. They are checked strictly:
every field is an identifier from a fixed set or a bounded pattern, except `reason` (the user's
own short words, at most REASON_MAX characters); unknown fields are refused, `text` and `draft`
by name.

Reports ("report a mistake"): the procedure says "Report any major mistake (i.e. exposing private
information or reporting confidential information) to the Superintendent's office immediately".
A report is stored as an event of kind `report` (kept whatever the retention setting says) and the
helper answers with the message to send to the Superintendent's office: the helper records that a
report is due and when it was made; it sends nothing anywhere itself.
The export fields are listed in helper/audit/downloads.py.
"""
from __future__ import annotations

import re
import time
import uuid as _uuid
from datetime import datetime, timedelta, timezone

from .. import vocabulary as vocab
from ..validation import check_fields

# The sets an event's fields are checked against: the contract's vocabulary (shared_rules/contract.json).
CATEGORIES = vocab.CATEGORIES
EVENT_CATEGORIES = vocab.EVENT_CATEGORIES
KINDS = vocab.SENT_KINDS          # false_positive: the user's "Not a problem?"
CHOICES = vocab.CHOICES
REASON_CODES = vocab.REASON_CODES   # picked from a list in the extension, never typed
SITES = vocab.EVENT_SITES           # the checked sites and the other social and messaging sites, by name
SURFACES = vocab.EVENT_SURFACES
REPORT_ACTIONS = vocab.REPORT_ACTIONS
EVENT_KEYS = {"id", "time", "kind", "category", "rule", "site", "surface", "choice", "reason", "span_hash", "decision",
              "findings"}
MAX_FINDINGS = 20                    # the rule ids a warning_shown lists (the extension sends at most 20)
REPORT_KEYS = {"id", "time", "category", "site", "surface", "actions", "description"}

REASON_MAX = 500
DESCRIPTION_MAX = 1000
MAX_BATCH = 500
FUTURE_SLACK = timedelta(days=1)     # a browser's clock may be a little ahead
EARLIEST = datetime(2020, 1, 1, tzinfo=timezone.utc)

DEFAULT_RETENTION_DAYS = 365
MAX_RETENTION_DAYS = 3650
RETENTION_KEY = "retention_days"
PRUNE_EVERY_SECONDS = 3600.0
KEPT_KINDS = ("report",)             # reports of major mistakes are never pruned

SUPERINTENDENT = "the Superintendent's office"

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
RULE_RE = re.compile(r"^[a-z0-9_]+(?:[.\-][a-z0-9_]+)*$")
SPAN_HASH_RE = re.compile(r"^[0-9a-f]{16,64}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")



class EventError(ValueError):
    """An event or report that cannot be stored, with what is wrong for people."""


# -- times ----------------------------------------------------------------------------------------
def iso_utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.astimezone(timezone.utc).microsecond // 1000:03d}Z"


def now_iso() -> str:
    return iso_utc(datetime.now(timezone.utc))


def parse_time(value, field: str = "time") -> str:
    """An ISO 8601 time with a zone, from 2020 to tomorrow, as ISO 8601 UTC with milliseconds."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        raise EventError(f"'{field}' must be an ISO 8601 time such as 2026-11-24T14:05:00Z")
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise EventError(f"'{field}' must be an ISO 8601 time such as 2026-11-24T14:05:00Z") from None
    if dt.tzinfo is None:
        raise EventError(f"'{field}' must say its time zone (end it with Z for UTC)")
    if not EARLIEST <= dt <= datetime.now(timezone.utc) + FUTURE_SLACK:
        raise EventError(f"'{field}' is not a plausible time (before 2020 or in the future)")
    return iso_utc(dt)


def parse_date_bound(value: str, field: str) -> str:
    """A --since/--until bound: a date (YYYY-MM-DD, UTC midnight) or an ISO 8601 time."""
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise EventError(f"{field} must be a date (YYYY-MM-DD) or an ISO 8601 time") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    try:
        return iso_utc(dt)
    except OverflowError:
        raise EventError(f"{field} is out of range") from None


def clean_free_text(value, field: str, maximum: int) -> str:
    if not isinstance(value, str):
        raise EventError(f"'{field}' must be a string")
    text = " ".join(CONTROL_RE.sub(" ", value).split())
    if not text:
        raise EventError(f"'{field}' is empty")
    if len(text) > maximum:
        raise EventError(f"'{field}' is longer than {maximum} characters")
    return text


# -- events ---------------------------------------------------------------------------------------
def _one_of(event: dict, field: str, allowed: tuple[str, ...]) -> str:
    value = event.get(field)
    if value not in allowed or not isinstance(value, str):
        raise EventError(f"'{field}' must be one of {', '.join(allowed)}")
    return value


def refuse_text(obj, what: str, never: str) -> None:
    """EventError unless obj is a JSON object without a text or draft field."""
    if not isinstance(obj, dict):
        raise EventError(f"{what} must be a JSON object")
    for banned in ("text", "draft"):
        if banned in obj:
            raise EventError(f"{never}: remove '{banned}'")


def validate_event(event) -> dict:
    """A clean copy of one audit event, or EventError saying what is wrong."""
    refuse_text(event, "an event", "events never carry the draft's text")
    check_fields(event, EVENT_KEYS, ("id", "time", "kind", "category", "rule", "site", "surface"),
                 "an event must be a JSON object", EventError)
    if not isinstance(event["id"], str) or not UUID_RE.match(event["id"]):
        raise EventError("'id' must be a UUID")
    clean = {"id": event["id"].lower(), "time": parse_time(event["time"]), "kind": _one_of(event, "kind", KINDS),
             "category": _one_of(event, "category", EVENT_CATEGORIES), "site": _one_of(event, "site", SITES),
             "surface": _one_of(event, "surface", SURFACES)}
    rule = event["rule"]
    if not isinstance(rule, str) or len(rule) > 80 or (rule and not RULE_RE.match(rule)):
        raise EventError("'rule' must be a rule id such as pii.phone.us (or empty)")
    clean["rule"] = rule
    if clean["kind"] == "choice":
        clean["choice"] = _one_of(event, "choice", CHOICES)
        if event.get("reason") is not None:
            clean["reason"] = clean_free_text(event["reason"], "reason", REASON_MAX)
    else:
        for key in ("choice", "reason"):
            if event.get(key) is not None:
                raise EventError(f"'{key}' belongs only to events of kind 'choice'")
    span_hash = event.get("span_hash")
    if span_hash is not None:
        if not isinstance(span_hash, str) or not SPAN_HASH_RE.match(span_hash):
            raise EventError("'span_hash' must be 16 to 64 lower-case hex digits")
        clean["span_hash"] = span_hash
    decision = event.get("decision")
    if decision is not None:
        if not isinstance(decision, str) or not UUID_RE.fullmatch(decision):
            raise EventError("'decision' must be a UUID")
        clean["decision"] = decision.lower()
    findings = event.get("findings")
    if findings is not None:
        if clean["kind"] != "warning_shown":
            raise EventError("'findings' belongs only to events of kind 'warning_shown'")
        if (not isinstance(findings, list) or len(findings) > MAX_FINDINGS
                or not all(isinstance(r, str) and 0 < len(r) <= 80 and RULE_RE.fullmatch(r) for r in findings)):
            raise EventError(f"'findings' must be a list of at most {MAX_FINDINGS} rule ids such as pii.phone.us")
        clean["findings"] = list(dict.fromkeys(findings))
    return clean


def event_batch(body) -> tuple[list, bool]:
    """(items, single) from a request body: one event object, {"events": [...]}, or a list."""
    if isinstance(body, dict) and "events" in body and "id" not in body:
        if set(body) != {"events"}:
            raise EventError("a batch is {\"events\": [event, ...]} and nothing else")
        body = body["events"]
    if isinstance(body, list):
        if not 1 <= len(body) <= MAX_BATCH:
            raise EventError(f"a batch holds from 1 to {MAX_BATCH} events")
        return body, False
    if isinstance(body, dict):
        return [body], True
    raise EventError("send one event object, or {\"events\": [event, ...]}")


def store_events(store, body, browser_id: int | None = None) -> tuple[dict, bool]:
    """Validates and stores a batch. Returns ({"stored", "added", "rejected"}, single) where
    `stored` lists the ids now in the log (new or already there: the sender may drop them),
    `rejected` lists {"index", "id", "error"} for events that will never be accepted as they are."""
    items, single = event_batch(body)
    clean, sent_ids, rejected = [], [], []
    for index, item in enumerate(items):
        try:
            clean.append(validate_event(item))
            sent_ids.append(item["id"])   # answered as sent: ids are stored in lower case
        except EventError as exc:
            raw_id = item.get("id") if isinstance(item, dict) else None
            rejected.append({"index": index, "id": raw_id if isinstance(raw_id, str) and len(raw_id) <= 64 else None,
                             "error": str(exc)})
    unique = list({e["id"]: e for e in clean}.values())
    added = store.add_events(unique, browser_id) if unique else 0
    return {"stored": list(dict.fromkeys(sent_ids)), "added": added, "rejected": rejected}, single


# -- reports of mistakes --------------------------------------------------------------------------
def validate_report(body) -> dict:
    refuse_text(body, "a report", "a report never carries the post's text")
    check_fields(body, REPORT_KEYS, ("site", "category"), "a report must be a JSON object", EventError)
    report = {"site": _one_of(body, "site", SITES), "category": _one_of(body, "category", EVENT_CATEGORIES),
              "surface": _one_of(body, "surface", SURFACES) if "surface" in body else "unknown"}
    if "id" in body:
        if not isinstance(body["id"], str) or not UUID_RE.match(body["id"]):
            raise EventError("'id' must be a UUID")
        report["id"] = body["id"].lower()
    else:
        report["id"] = str(_uuid.uuid4())
    report["time"] = parse_time(body["time"]) if "time" in body else now_iso()
    actions = body.get("actions", [])
    if (not isinstance(actions, list) or len(actions) > len(REPORT_ACTIONS)
            or not all(isinstance(a, str) and a in REPORT_ACTIONS for a in actions)):
        raise EventError(f"'actions' must be a list drawn from {', '.join(REPORT_ACTIONS)}")
    report["actions"] = [a for a in REPORT_ACTIONS if a in actions]
    if body.get("description") is not None:
        report["reason"] = clean_free_text(body["description"], "description", DESCRIPTION_MAX)
    return report


def report_message(report: dict) -> str:
    """What to send to the Superintendent's office (the helper sends nothing itself)."""
    done = ", ".join(report["actions"]) if report["actions"] else "nothing yet"
    lines = [f"Report of a major mistake, for {SUPERINTENDENT}",
             f"When: {report['time']}", f"Where: {report['site']} ({report['surface']})",
             f"What kind of information: {report['category']}", f"Done so far: {done}"]
    if report.get("reason"):
        lines.append(f"What happened: {report['reason']}")
    lines.append(f"Record id: {report['id']}")
    return "\n".join(lines)


def record_report(store, body, browser_id: int | None = None) -> dict:
    """Stores a report of a major mistake. Returns {"id", "time", "stored", "message", "report_to"}:
    `stored` is False when a report with that id was already recorded (the first one is kept)."""
    report = validate_report(body)
    new = store.add_report(report, ";".join(report["actions"]), browser_id)
    if not new:
        kept = store.event_by_id(report["id"])
        if kept is None or kept["kind"] != "report":
            raise EventError("that id belongs to another event")
        report = {"id": kept["id"], "time": kept["time"], "site": kept["site"], "surface": kept["surface"] or "unknown",
                  "category": kept["category"], "actions": [a for a in (kept["actions"] or "").split(";") if a],
                  **({"reason": kept["reason"]} if kept["reason"] else {})}
    return {"id": report["id"], "time": report["time"], "stored": new, "report_to": SUPERINTENDENT,
            "message": report_message(report)}


# -- retention ------------------------------------------------------------------------------------
def retention_days(store) -> int:
    """Days events are kept (reports are kept always); 0 means forever."""
    return int(store.get_audit_setting(RETENTION_KEY, DEFAULT_RETENTION_DAYS))


def valid_retention_days(days) -> bool:
    """A retention the helper takes: 0 (keep forever) or 1 to MAX_RETENTION_DAYS whole days."""
    return isinstance(days, int) and not isinstance(days, bool) and (days == 0 or 1 <= days <= MAX_RETENTION_DAYS)


def set_retention_days(store, days: int) -> int:
    """Sets the retention (0 = keep forever, else 1 to 3650 days) and prunes at once; returns how
    many events were deleted."""
    if not valid_retention_days(days):
        raise EventError(f"retention must be 0 (keep forever) or 1 to {MAX_RETENTION_DAYS} days")
    store.set_audit_setting(RETENTION_KEY, days)
    return prune(store)


def prune(store, now: datetime | None = None) -> int:
    """Deletes events older than the retention (never reports). Returns how many were deleted."""
    days = retention_days(store)
    if days <= 0:
        return 0
    cutoff = iso_utc((now or datetime.now(timezone.utc)) - timedelta(days=days))
    deleted = store.delete_events_before_except(cutoff, KEPT_KINDS)
    store.set_audit_setting("last_pruned", time.time())
    return deleted


def prune_if_due(store) -> int:
    """Prunes at most once an hour (called as events arrive)."""
    if time.time() - float(store.get_audit_setting("last_pruned", 0)) < PRUNE_EVERY_SECONDS:
        return 0
    return prune(store)


# -- settings changed on this computer ---------------------------------------------------------------
SETTING_RE = re.compile(r"^[a-z_]{2,40}$")


def record_setting_change(store, setting: str, change: str) -> str:
    """Records that the user changed a setting the district does not manage (kind setting_changed:
    `rule` names the setting, `reason` says what changed, e.g. "warn -> block" or "+example.org").
    Returns the event's id. Domains and modes only: never anything anyone wrote."""
    if not SETTING_RE.match(setting):
        raise EventError("a setting name is lower-case letters and underscores")
    event = {"id": str(_uuid.uuid4()), "time": now_iso(), "kind": "setting_changed", "category": "unknown",
             "rule": setting, "site": "other", "surface": "unknown",
             "reason": clean_free_text(change, "change", REASON_MAX)}
    store.add_events([event], None)
    return event["id"]
