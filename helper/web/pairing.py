"""The pairing page (/ui/pairing): the paired browsers, a new pairing code, revoking a browser."""
from __future__ import annotations

import time

from flask import flash, redirect, render_template, url_for

from ..api.browsers import list_browsers, revoke_browser
from ..security.pairing import CODE_TTL_SECONDS
from .core import bp, pairing, store
from .labels import _


@bp.get("/pairing")
def pairing_page():
    return render_pairing()


def render_pairing(code: str | None = None, expires: float | None = None):
    return render_template("web/pairing.html", title=_("Pairing"), browsers=list_browsers(store()), code=code,
                           expires=expires, ttl_minutes=CODE_TTL_SECONDS // 60)


@bp.post("/pairing/code")
def pairing_code():
    code = pairing().new_code()
    return render_pairing(code=code, expires=time.time() + CODE_TTL_SECONDS)


@bp.post("/pairing/<int:browser_id>/revoke")
def revoke(browser_id: int):
    browser = next((b for b in list_browsers(store()) if b["id"] == browser_id), None)
    if browser is None or not revoke_browser(store(), browser_id):
        flash(_("That browser was already revoked."), "info")
    else:
        flash(_("{name} can no longer use Social Guard's helper. Pair it again to bring it back.",
                name=browser["name"]), "ok")
    return redirect(url_for("pages.pairing_page"), code=303)
