"""The status page (/ui/): the helper's port, rules version, paired browsers, site support and feeds."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import current_app, render_template

from ..api.browsers import list_browsers
from ..links.feeds import load_state
from .core import bp, store
from .labels import _


@bp.get("/")
def status():
    config = current_app.config["SG"]
    week_ago = (datetime.now(timezone.utc) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S")
    recent = [e for e in store().query_events(since=week_ago) if e["kind"] == "warning_shown"]
    browsers = list_browsers(store())
    paired = {b["id"] for b in browsers}
    # Reports from browsers that were revoked since are left out; 0 is "sent by an unknown browser".
    health = [h for h in store().site_health() if h["browser_id"] in paired or not h["browser_id"]]
    return render_template("web/status.html", title=_("Status"), port=config.port,
                           rules_version=current_app.extensions["sg.checker"].rules_version,
                           browsers=browsers, health=health, feeds=feeds_summary(config.home),
                           warnings_this_week=len(recent), mode=current_app.extensions["sg.checker"].engine.settings["mode"])


def feeds_summary(home) -> dict | None:
    """The subscribed blocklist feeds (helper/links/feeds.py) in one line's worth of figures."""
    feeds = load_state(home).get("feeds", [])
    if not feeds:
        return None
    fetched = [f["fetched_at"] for f in feeds if f.get("fetched_at")]
    return {"count": len(feeds), "hosts": sum(f.get("kept", 0) for f in feeds),
            "failed": sum(1 for f in feeds if f.get("status") == "failed"),
            "oldest": min(fetched) if fetched else None}
