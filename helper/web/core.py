"""The core of the helper's pages under /ui: the blueprint, who may see the pages and the headers
every page gets. The desktop window (helper/desktop.py) only shows these pages; people without a display
open the same pages in any browser through the login address that `serve` prints.

Who may see them: /ui/login?token=<one-time token> starts a session (a cookie: HttpOnly,
SameSite=Strict, signed with a key derived from the keyring-held secret) and redirects. Every page
checks that session; every POST also checks a CSRF token and that the Origin is the helper itself.
security.guard.check_request leaves /ui to this blueprint. Signing in and out and the page language
are here too.
"""
from __future__ import annotations

import hmac
import secrets
import time
from datetime import date, datetime

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import HTTPException

from .. import __version__
from ..i18n import LANGUAGE_NAMES, LOCALES, best_locale, format_date, format_time
from ..school import training
from ..security.keyring_secret import KeyringUnavailable
from .labels import _, category_name, site_name


bp = Blueprint("pages", __name__, url_prefix="/ui", template_folder="../templates",
               static_folder="../static", static_url_path="/static")


SESSION_TTL_SECONDS = 12 * 3600
PUBLIC_ENDPOINTS = {"pages.login", "pages.static"}


def store():
    return current_app.extensions["sg.store"]


def pairing():
    return current_app.extensions["sg.pairing"]


def ui_sessions() -> dict:
    """Live page sessions: id -> expiry. In memory, so restarting the helper signs everyone out."""
    return current_app.extensions.setdefault("sg.ui_sessions", {})


class KeyringSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, signed with a key derived from the keyring-held secret (no
    secret in code or on disk). Without a keyring there is no session, and the pages say why."""

    def get_signing_serializer(self, app):
        if not app.secret_key:
            try:
                app.secret_key = app.extensions["sg.pairing"].digest("flask-session", "page-session-key")
            except KeyringUnavailable:
                return None
        return super().get_signing_serializer(app)


@bp.record_once
def configure(state) -> None:
    state.app.session_interface = KeyringSessionInterface()
    state.app.config.update(SESSION_COOKIE_NAME="sg_session", SESSION_COOKIE_HTTPONLY=True,
                            SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_SECURE=False,
                            SESSION_COOKIE_PATH="/ui", PERMANENT_SESSION_LIFETIME=SESSION_TTL_SECONDS)


def page_error(status: int, title: str, message: str):
    return render_template("web/error.html", title=title, message=message, signed_in=False), status


def origin_ok() -> bool:
    """A POST must come from the helper's own pages (Origin, or Referer where no Origin is sent)."""
    allowed = {f"http://{host}" for host in current_app.config["SG"].allowed_hosts}
    origin = request.headers.get("Origin")
    if origin:
        return origin in allowed
    referer = request.headers.get("Referer", "")
    return any(referer == a or referer.startswith(a + "/") for a in allowed)


@bp.before_request
def check_session():
    g.locale = best_locale(None, request.accept_languages)
    if request.endpoint == "pages.static":
        return None
    try:
        pairing().key()
    except KeyringUnavailable as exc:
        return page_error(503, _("The OS keyring is not available"), str(exc))
    settings = store().get_settings()
    g.locale = best_locale(settings.get("ui_language"), request.accept_languages)
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    sid = session.get("sid")
    expiry = ui_sessions().get(sid) if sid else None
    if not expiry or expiry < time.time():
        ui_sessions().pop(sid, None)
        session.clear()
        return page_error(401, _("Please open Social Guard again"), _(
            "This page needs a sign-in address from Social Guard. The desktop window signs you in by itself; "
            "without the window, run `python -m helper pages` for a new address. Each address works once."))
    if request.method == "POST":
        if not origin_ok():
            return page_error(403, _("This request was refused"), _(
                "It did not come from Social Guard's own pages. Nothing was changed."))
        sent = request.form.get("csrf", "")
        if not sent or not hmac.compare_digest(sent.encode(), session.get("csrf", "").encode()):   # bytes: any text compares
            return page_error(403, _("This form has expired"), _(
                "Nothing was changed. Go back, reload the page and try again."))
    return None


@bp.after_request
def page_headers(response):
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"   # "no-referrer" would make POSTs send Origin: null
    if request.endpoint != "pages.static":
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(Exception)
def unexpected(exc):
    if isinstance(exc, HTTPException) and exc.code == 413:
        return page_error(413, _("That is too large"), _(
            "Social Guard did not accept it and nothing was changed. For a roster, keep only the name columns, "
            "or split the file in two."))
    if isinstance(exc, HTTPException):
        return page_error(exc.code or 500, _("Something went wrong"), _("That page could not be shown.")
                          if exc.code == 404 else exc.description or exc.name)
    current_app.logger.exception("unexpected error on a page")
    return page_error(500, _("Something went wrong"), _(
        "Social Guard hit an unexpected error. Nothing you saved before was lost; please try again."))


@bp.context_processor
def page_context() -> dict:
    today = date.today()
    status = None
    try:
        status = training.status(store().latest_acknowledgements(), today)
    except Exception:  # the banner must never take a page down with it
        current_app.logger.exception("training status")
    return {
        "_": _, "lang": g.get("locale", "en"), "locales": LOCALES, "language_names": LANGUAGE_NAMES,
        "csrf_token": session.get("csrf", ""), "training_status": status, "fmt_date": lambda d: format_date(d, g.locale),
        "fmt_time": format_time, "version": __version__, "site_name": site_name, "category_name": category_name,
        "signed_in": bool(session.get("sid")), "nav": NAV,
    }


NAV = [("pages.status", "Status"), ("pages.pairing_page", "Pairing"), ("pages.settings", "Settings"),
       ("pages.audit", "Audit log"), ("pages.charts", "Charts"), ("pages.report", "Something I posted by mistake"),
       ("pages.training_page", "Training")]


@bp.get("/login")
def login():
    token = request.args.get("token", "")
    if not pairing().use_login_token(token):
        return page_error(403, _("This address has already been used"), _(
            "Each sign-in address works once and for ten minutes. For a new one, run `python -m helper pages`, "
            "or open Social Guard's desktop window, which signs you in by itself."))
    sid = secrets.token_urlsafe(24)
    now = time.time()
    for old, expiry in list(ui_sessions().items()):
        if expiry < now:
            ui_sessions().pop(old, None)
    ui_sessions()[sid] = now + SESSION_TTL_SECONDS
    session.clear()
    session.permanent = False
    session["sid"] = sid
    session["csrf"] = secrets.token_urlsafe(24)
    return redirect(url_for("pages.status"), code=303)


@bp.post("/logout")
def logout():
    ui_sessions().pop(session.get("sid"), None)
    session.clear()
    return page_error(200, _("You are signed out"), _(
        "Social Guard keeps working in the background. To come back, close and open the desktop window again, "
        "or run `python -m helper pages` for a new sign-in address."))


@bp.post("/language")
def language():
    chosen = request.form.get("language")
    if chosen in LOCALES:
        store().set_settings({"ui_language": chosen})
    target = request.form.get("next", "")
    if not target.startswith("/ui/") or target.startswith("//"):
        target = url_for("pages.status")
    return redirect(target, code=303)


def download(body: str, mimetype: str, name: str, extension: str) -> Response:
    """A file to save, named with the time it was made (social-guard-audit-20261124-1405.csv)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}-{stamp}.{extension}"'})
