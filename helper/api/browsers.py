"""Paired browsers: list them, revoke one.

For the helper's own pages (and anything else in the helper), use the plain functions, which need
no request:

    from helper.api.browsers import list_browsers, revoke_browser
    list_browsers(store)            -> [{"id", "name", "origin", "created", "last_seen"}, ...]
                                       (created / last_seen: ISO 8601 UTC; last_seen None if never)
    revoke_browser(store, id)       -> True if it was paired and is now revoked, False otherwise

`store` is app.extensions["sg.store"]. A revocation takes effect on that browser's next request:
tokens are looked up on every request, never cached, and CORS stops answering its origin.

Over HTTP (bearer token, for the extension itself):
    GET    /v1/browsers        the list, each with "current": true for the calling browser
    DELETE /v1/browsers/<id>   a browser may revoke only itself ("unpair this browser"); 403 for others
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, current_app, g, jsonify

from ..security.guard import error

bp = Blueprint("browsers", __name__)


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def list_browsers(store) -> list[dict]:
    """The browsers paired now (revoked ones are left out), oldest first."""
    return [{"id": b["id"], "name": b["name"], "origin": b["origin"], "created": iso(b["created_at"]),
             "last_seen": iso(b["last_seen"])} for b in store.browsers()]


def revoke_browser(store, browser_id: int) -> bool:
    if isinstance(browser_id, bool) or not isinstance(browser_id, int):
        raise TypeError("browser_id must be an int")
    if not 0 < browser_id < 2 ** 63:
        return False
    return store.revoke_browser(browser_id)


@bp.get("/v1/browsers")
def browsers():
    me = g.browser["id"]
    return jsonify({"browsers": [{**b, "current": b["id"] == me}
                                 for b in list_browsers(current_app.extensions["sg.store"])]})


@bp.delete("/v1/browsers/<int:browser_id>")
def revoke(browser_id: int):
    if browser_id != g.browser["id"]:
        return error(403, "a browser can unpair only itself: revoke others in Social Guard's window "
                          "or with `python -m helper browsers revoke`")
    revoke_browser(current_app.extensions["sg.store"], browser_id)
    return jsonify({"revoked": browser_id})
