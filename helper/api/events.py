"""POST /v1/events: audit events from the extension (docs/DESIGN.md), stored once each by id.
POST /v1/reports: a "report a mistake" record (helper.audit.record_report).

/v1/events takes one event object (what the extension's queue sends) or {"events": [...]} (up to
500). It answers 200 {"stored": [ids], "added": n, "rejected": [{"index", "id", "error"}]}: every
id in `stored` is in the log (just now or before) and can leave the sender's queue; a rejected
event will never be accepted as it is. A single event that is rejected gets 422 with that answer
and an "error". The body is never logged.
"""
from flask import Blueprint, current_app, g, jsonify

from ..audit import events as audit
from .jsonbody import json_body

bp = Blueprint("events", __name__)


@bp.errorhandler(audit.EventError)
def bad_event(exc: audit.EventError):
    response = jsonify({"error": str(exc)})
    response.status_code = 422
    return response


@bp.post("/v1/events")
def events():
    store = current_app.extensions["sg.store"]
    # Half an emoji (a lone surrogate) becomes U+FFFD: refusing would lose the record, and the
    # extension's queue would retry it forever.
    answer, single = audit.store_events(store, json_body(lone_surrogates="replace"), g.browser["id"])
    audit.prune_if_due(store)
    if single and answer["rejected"]:
        return jsonify({"error": answer["rejected"][0]["error"], **answer}), 422
    return jsonify(answer)


@bp.post("/v1/reports")
def reports():
    store = current_app.extensions["sg.store"]
    answer = audit.record_report(store, json_body(lone_surrogates="replace"), g.browser["id"])
    return jsonify(answer), 201 if answer["stored"] else 200
