"""POST /v1/site-health: the extension reports whether it still finds each site's composer and DM
views (a site's redesign can silently break the guard; the status page shows it).

Authenticated like /v1/check (security.check_request): a paired browser's bearer token.
Body: {"site": "facebook", "composerFound": true, "dmSurfaceFound": false, "checkedAt": "<ISO 8601>"},
and optionally "fallbackSelectors": the legacy selectors that alone found a DM or share surface (the
site is changing its pages: the guard still works, but its current selectors no longer match).
"""
from __future__ import annotations

import re
from datetime import datetime

from flask import Blueprint, current_app, g, jsonify

from ..validation import InputError, check_fields
from .jsonbody import json_body

bp = Blueprint("site_health", __name__)

SITE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
FIELDS = {"site", "composerFound", "dmSurfaceFound", "checkedAt", "fallbackSelectors"}
MAX_FALLBACKS, MAX_SELECTOR = 10, 300


def parse_report(body) -> dict:
    check_fields(body, FIELDS, ("site", "composerFound", "dmSurfaceFound", "checkedAt"),
                 "send {\"site\", \"composerFound\", \"dmSurfaceFound\", \"checkedAt\"}")
    site = body["site"]
    if not isinstance(site, str) or not SITE.match(site):
        raise InputError("'site' must be a site name such as facebook, x or instagram")
    for key in ("composerFound", "dmSurfaceFound"):
        if not isinstance(body[key], bool):
            raise InputError(f"'{key}' must be true or false")
    checked_at = body["checkedAt"]
    if not isinstance(checked_at, str) or len(checked_at) > 40:
        raise InputError("'checkedAt' must be an ISO 8601 time")
    try:
        datetime.fromisoformat(checked_at.replace("Z", "+00:00"))
    except ValueError:
        raise InputError("'checkedAt' must be an ISO 8601 time") from None
    fallbacks = body.get("fallbackSelectors", [])
    if not isinstance(fallbacks, list) or len(fallbacks) > MAX_FALLBACKS \
            or not all(isinstance(s, str) and 0 < len(s) <= MAX_SELECTOR for s in fallbacks):
        raise InputError(f"'fallbackSelectors' must be a list of at most {MAX_FALLBACKS} selectors "
                         f"of at most {MAX_SELECTOR} characters")
    return {"site": site, "composer_found": body["composerFound"], "dm_surface_found": body["dmSurfaceFound"],
            "checked_at": checked_at, "fallback_selectors": fallbacks}


@bp.post("/v1/site-health")
def site_health():
    report = parse_report(json_body())
    browser = getattr(g, "browser", None)
    current_app.extensions["sg.store"].set_site_health(browser_id=browser["id"] if browser else None, **report)
    return jsonify({"stored": True})
