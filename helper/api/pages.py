"""The helper's own pages under /ui: status, pairing, settings, the audit log, charts, "something I
posted by mistake" and training. The desktop window (helper/desktop.py) only shows these pages; people without
a display open the same pages in any browser through the login address that `serve` prints.

Who may see them: /ui/login?token=<one-time token> starts a session (a cookie: HttpOnly,
SameSite=Strict, signed with a key derived from the keyring-held secret) and redirects. Every page
checks that session; every POST also checks a CSRF token and that the Origin is the helper itself.
security.check_request leaves /ui to this module.
"""
from __future__ import annotations

import hmac
import io
import re
import secrets
import time
from datetime import date, datetime, timedelta, timezone

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   session, url_for)
from flask.sessions import SecureCookieSessionInterface

from .. import __version__, audit, audit_decisions, managed, training
from ..i18n import LANGUAGE_NAMES, LOCALES, best_locale, format_date, format_time, translate
from ..pairing import CODE_TTL_SECONDS
from ..secrets import KeyringUnavailable
from . import pages_charts
from .browsers import list_browsers, revoke_browser

bp = Blueprint("pages", __name__, url_prefix="/ui", template_folder="../templates",
               static_folder="../static", static_url_path="/static")

SESSION_TTL_SECONDS = 12 * 3600
EXPORT_LIMIT = 1_000_000
PAGE_LIMIT = 500
MAX_LIST_ENTRIES = 1000
LIST_SETTINGS = ("approved_channels", "protected_domains", "allowlist", "blocklist")
SITES = audit.SITES                      # facebook, x, instagram, other
SITE_NAMES = {"facebook": "Facebook", "x": "X (Twitter)", "instagram": "Instagram", "messenger": "Messenger",
              "tiktok": "TikTok", "snapchat": "Snapchat", "discord": "Discord", "whatsapp": "WhatsApp",
              "telegram": "Telegram", "kik": "Kik", "reddit": "Reddit", "tumblr": "Tumblr", "threads": "Threads",
              "bluesky": "Bluesky", "mastodon": "Mastodon", "pinterest": "Pinterest", "linkedin": "LinkedIn",
              "wechat": "WeChat", "signal": "Signal", "groupme": "GroupMe", "twitch": "Twitch", "omegle": "Omegle",
              "yubo": "Yubo", "bereal": "BeReal", "youtube": "YouTube", "remind": "Remind", "other": "Other"}
KINDS = ("warning_shown", "choice", "false_positive", "report", "setting_changed")
DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
PUBLIC_ENDPOINTS = {"pages.login", "pages.static"}

# Readable names for the contract's categories (CONTRACTS.md "Categories"), translated in es.json.
CATEGORY_NAMES = {
    "direct_message": "Direct message",
    "unapproved_channel": "Channel not approved",
    "pii.phone": "Phone number",
    "pii.ssn": "Social Security number",
    "pii.address": "Home address",
    "pii.birthdate": "Date of birth",
    "pii.email": "Personal email",
    "pii.financial": "Financial information",
    "pii.schedule": "Personal schedule",
    "pii.student": "Student information",
    "confidential": "Confidential records",
    "conduct.profanity": "Classroom language",
    "conduct.harassment": "Harassment or bullying",
    "conduct.degrading": "Degrading the District",
    "link.shortener": "Shortened link",
    "link.ip_literal": "Link to a bare IP address",
    "link.punycode": "Disguised link (punycode)",
    "link.lookalike": "Look-alike link",
    "link.insecure": "Insecure link (http)",
    "link.credentials": "Link with a password in it",
    "link.unsafe_scheme": "Unsafe kind of link",
    "link.blocklisted": "Risky or blocked link",
    "link.unvisited": "Link not opened before sharing",
    "image.student_photo": "Photo with people in it",
    "image.location": "Photo with its location",
}
CATEGORY_NAMES["unknown"] = "Not sure"
CATEGORY_GROUPS = {
    "pii": "Personal information", "confidential": "Confidential records", "conduct": "Conduct",
    "link": "Unsafe links", "image": "Photos", "direct_message": "Direct messages",
    "unapproved_channel": "Channels not approved",
}
KIND_NAMES = {"warning_shown": "Warning shown", "choice": "Choice", "false_positive": "Not a problem", "report": "Report",
              "setting_changed": "Setting changed"}
ACTION_NAMES = {"removed": "Removed", "corrected": "Corrected", "apologized": "Apologized"}
CHOICE_NAMES = {"edit": "Edited", "post_anyway": "Posted anyway", "go_back": "Went back", "continue": "Continued",
                "dismiss": "Dismissed"}
# A decision's outcome, with the reason picked (helper/audit_decisions.py says which comes first).
REASONED_CHOICE_NAMES = {"edit": "Edited — reason: {reason}", "post_anyway": "Posted anyway — reason: {reason}",
                         "go_back": "Went back — reason: {reason}", "continue": "Continued — reason: {reason}",
                         "dismiss": "Dismissed — reason: {reason}"}
PHOTO_CHOICE_NAMES = {"edit": "Did not add the photo", "post_anyway": "Added the photo",
                      "continue": "Added the photo"}
REASONED_PHOTO_CHOICE_NAMES = {"edit": "Did not add the photo — answer: {reason}",
                               "post_anyway": "Added the photo — answer: {reason}",
                               "continue": "Added the photo — answer: {reason}"}
# The reasons the extension offers (audit.REASON_CODES); a reason typed in words is shown as it is.
REASON_NAMES = {"district_account": "an approved district account", "safety_report": "reporting a safety concern",
                "approved_by_admin": "approved by an administrator", "other": "another reason",
                "consent_on_file": "written consent is on file", "public_information": "the school's public information",
                "no_consent": "no written consent, or not sure", "kept_location": "the place is fine to share",
                "remove_location": "will remove the location first"}
OUTCOME_NAMES = {"not_a_problem": "Not a problem", "not_a_problem_of": "Not a problem: {category}",
                 "no_answer": "No answer"}
DECISION_KIND_NAMES = {"decision": "Warning", "hint": "Note while typing"}
SURFACE_NAMES = {"post": "Post", "comment": "Comment", "dm": "Direct message", "link": "Link"}


# -- plumbing ---------------------------------------------------------------------------------------
def store():
    return current_app.extensions["sg.store"]


def pairing():
    return current_app.extensions["sg.pairing"]


def _(text: str, **values) -> str:
    return translate(g.get("locale", "en"), text, **values)


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
    return render_template("error.html", title=title, message=message, signed_in=False), status


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
    from werkzeug.exceptions import HTTPException
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


def site_name(site: str | None) -> str:
    """A platform's own name, as it is written in every language; only "Other" is translated."""
    if site == "other":
        return _(SITE_NAMES["other"])
    return SITE_NAMES.get(site or "", site or "")


def category_name(category: str | None) -> str:
    if not category:
        return ""
    if category in CATEGORY_NAMES:
        return _(CATEGORY_NAMES[category])
    if category in CATEGORY_GROUPS:
        return _(CATEGORY_GROUPS[category])
    return category


# -- signing in and out, language ---------------------------------------------------------------------
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


# -- status -------------------------------------------------------------------------------------------
@bp.get("/")
def status():
    config = current_app.config["SG"]
    week_ago = (datetime.now(timezone.utc) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S")
    recent = [e for e in store().query_events(since=week_ago) if e["kind"] == "warning_shown"]
    browsers = list_browsers(store())
    paired = {b["id"] for b in browsers}
    # Reports from browsers that were revoked since are left out; 0 is "sent by an unknown browser".
    health = [h for h in store().site_health() if h["browser_id"] in paired or not h["browser_id"]]
    return render_template("status.html", title=_("Status"), port=config.port,
                           rules_version=current_app.extensions["sg.checker"].rules_version,
                           browsers=browsers, health=health, feeds=feeds_summary(config.home),
                           warnings_this_week=len(recent), mode=current_app.extensions["sg.checker"].engine.settings["mode"])


def feeds_summary(home) -> dict | None:
    """The subscribed blocklist feeds (helper/blocklist_feeds.py) in one line's worth of figures."""
    from ..blocklist_feeds import load_state
    feeds = load_state(home).get("feeds", [])
    if not feeds:
        return None
    fetched = [f["fetched_at"] for f in feeds if f.get("fetched_at")]
    return {"count": len(feeds), "hosts": sum(f.get("kept", 0) for f in feeds),
            "failed": sum(1 for f in feeds if f.get("status") == "failed"),
            "oldest": min(fetched) if fetched else None}


# -- pairing ------------------------------------------------------------------------------------------
@bp.get("/pairing")
def pairing_page():
    return render_pairing()


def render_pairing(code: str | None = None, expires: float | None = None):
    return render_template("pairing.html", title=_("Pairing"), browsers=list_browsers(store()), code=code,
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


# -- settings -----------------------------------------------------------------------------------------
def effective_settings() -> dict:
    engine_settings = current_app.extensions["sg.checker"].engine.settings
    values = {key: list(engine_settings.get(key) or []) for key in LIST_SETTINGS}
    values["mode"] = engine_settings.get("mode", "warn")
    values["retention_days"] = audit.retention_days(store())
    locked = managed.load()
    if "retention_days" in locked:
        values["retention_days"] = locked["retention_days"]
    return values


def setting_changes(before: dict, after: dict, locked: dict) -> list[tuple[str, str]]:
    """(setting, what changed) for each value the user changed that the district does not set."""
    changes = []
    for key in ("mode", "retention_days"):
        if key not in locked and str(before[key]) != str(after[key]):
            changes.append((key, f"{before[key]} -> {after[key]}"))
    for key in LIST_SETTINGS:
        if key in locked:
            continue
        added = [d for d in after[key] if d not in before[key]]
        removed = [d for d in before[key] if d not in after[key]]
        if added or removed:
            text = " ".join([*("+" + d for d in added), *("-" + d for d in removed)])
            changes.append((key, text if len(text) <= 400 else text[:397] + "..."))
    return changes


def district_defaults() -> dict:
    district = current_app.extensions["sg.checker"].bundle.get("district", {})
    return {key: district.get(key, [] if key != "mode" else "warn") for key in ("mode", *LIST_SETTINGS)}


def parse_domains(text: str) -> tuple[list[str], list[str]]:
    """One domain a line; URLs and '*.' are reduced to the host. Returns (domains, problems)."""
    domains, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip().lower()
        if not entry or entry.startswith("#"):
            continue
        entry = re.sub(r"^[a-z][a-z0-9+.-]*://", "", entry).split("/", 1)[0].split("?", 1)[0]
        entry = entry.rsplit("@", 1)[-1].split(":", 1)[0].removeprefix("*.").rstrip(".")
        try:
            entry = entry.encode("idna").decode("ascii") if any(ord(c) > 127 for c in entry) else entry
        except UnicodeError:
            pass
        if not DOMAIN.match(entry):
            problems.append(_("Line {number}: “{entry}” is not a domain name such as example.org.",
                              number=number, entry=line.strip()[:80]))
        elif entry not in domains:
            domains.append(entry)
    if len(domains) > MAX_LIST_ENTRIES:
        problems.append(_("At most {limit} entries, please.", limit=MAX_LIST_ENTRIES))
    return domains, problems


def roster_module():
    """The student roster (helper/roster.py), or None where this install has none."""
    try:
        from .. import roster
        roster.count(store())
    except (ImportError, AttributeError):
        return None
    return roster


def render_settings(form: dict, errors: dict, status_code: int = 200, roster_error: str | None = None):
    roster = roster_module()
    return render_template("settings.html", title=_("Settings"), form=form, errors=errors, locked=managed.load(),
                           roster_available=roster is not None, roster_count=roster.count(store()) if roster else 0,
                           roster_error=roster_error, max_retention=audit.MAX_RETENTION_DAYS), status_code


def settings_form() -> dict:
    values = effective_settings()
    form = {key: "\n".join(values[key]) for key in LIST_SETTINGS}
    form.update(mode=values["mode"], retention_days=str(values["retention_days"]))
    return form


@bp.get("/settings")
def settings():
    return render_settings(settings_form(), {})


@bp.post("/settings")
def save_settings():
    form = {key: request.form.get(key, "")[:200_000] for key in (*LIST_SETTINGS, "mode", "retention_days")}
    errors: dict[str, list[str]] = {}
    parsed: dict = {}
    if form["mode"] not in ("warn", "block"):
        errors["mode"] = [_("Choose warn or block.")]
    for key in LIST_SETTINGS:
        parsed[key], problems = parse_domains(form[key])
        if problems:
            errors[key] = problems
    try:
        retention = int(form["retention_days"].strip())
        if not audit.valid_retention_days(retention):
            raise ValueError
    except ValueError:
        errors["retention_days"] = [_("Enter a whole number of days from 1 to {max}, or 0 to keep everything.",
                                      max=audit.MAX_RETENTION_DAYS)]
        retention = None
    # What the district sets is not the user's to change: its values stand whatever was sent.
    locked = managed.load()
    for key in LIST_SETTINGS:
        if key in locked:
            errors.pop(key, None)
            parsed[key] = locked[key]
    if "mode" in locked:
        errors.pop("mode", None)
        form["mode"] = locked["mode"]
    if "retention_days" in locked:
        errors.pop("retention_days", None)
        retention = locked["retention_days"]
    if errors:
        return render_settings(form, errors, 400)
    before = effective_settings()
    defaults = district_defaults()
    values = {"mode": form["mode"] if form["mode"] != defaults["mode"] else None}
    for key in LIST_SETTINGS:
        # A list equal to the district's is stored as "not set", so later district updates reach it.
        values[key] = parsed[key] if sorted(parsed[key]) != sorted(defaults[key]) else None
    store().set_settings(values)
    current_app.extensions["sg.checker"].reload()
    removed = audit.set_retention_days(store(), retention)
    after = effective_settings()
    for key, change in setting_changes(before, after, locked):
        audit.record_setting_change(store(), key, change)   # the district's export sees local changes
    message = _("Settings saved. They apply to the next check.")
    if removed:
        message += " " + _("{count} audit events older than {days} days were deleted.", count=removed, days=retention)
    flash(message, "ok")
    return redirect(url_for("pages.settings"), code=303)


@bp.post("/settings/roster")
def roster_import():
    roster = roster_module()
    if roster is None:
        abort(404)
    upload = request.files.get("roster")
    if request.form.get("action") == "clear":
        roster.clear(store())
        current_app.extensions["sg.checker"].reload()
        flash(_("The student roster was removed."), "ok")
        return redirect(url_for("pages.settings") + "#roster", code=303)
    problem = None
    if upload is None or not upload.filename:
        problem = _("Choose a roster file first.")
    else:
        data = upload.read(roster.MAX_BYTES + 1)
        if len(data) > roster.MAX_BYTES:
            problem = _("The file is too large.")
        else:
            try:
                names = roster.import_text(store(), data.decode("utf-8-sig"), replace=True)
            except UnicodeDecodeError:
                problem = _("The file is not UTF-8 text. Save it as “CSV UTF-8” or plain text and try again.")
            except roster.RosterError:
                problem = _("No names were found. Use one full name a line, or a CSV with name columns.")
            else:
                current_app.extensions["sg.checker"].reload()
                flash(_("Roster imported: {count} names. Only protected fingerprints of the names are kept, "
                        "never the names themselves.", count=names), "ok")
                return redirect(url_for("pages.settings") + "#roster", code=303)
    return render_settings(settings_form(), {}, 400, roster_error=problem)


# -- audit log ----------------------------------------------------------------------------------------
def audit_filters() -> tuple[dict, dict, list[str]]:
    """(what the form shows, query arguments, problems) from the request's query string."""
    shown = {key: request.args.get(key, "").strip() for key in ("from", "to", "site", "category", "kind")}
    query: dict = {}
    problems = []
    for key, target in (("from", "since"), ("to", "until")):
        if shown[key]:
            try:
                day = date.fromisoformat(shown[key])
            except ValueError:
                problems.append(_("“{value}” is not a date: use the date picker or YYYY-MM-DD.", value=shown[key][:20]))
                continue
            query[target] = (day + timedelta(days=1 if key == "to" else 0)).isoformat()
    if shown["site"] in SITES:
        query["site"] = shown["site"]
    if shown["category"] in CATEGORY_NAMES or shown["category"] in CATEGORY_GROUPS:
        query["category"] = shown["category"]
    if shown["kind"] in KINDS:
        query["kind"] = shown["kind"]
    return shown, query, problems


def category_options(groups: bool = True) -> list[tuple[str, str]]:
    options = []
    for group, label in CATEGORY_GROUPS.items():
        members = [c for c in CATEGORY_NAMES if c.split(".")[0] == group]
        if members == [group]:
            options.append((group, _(label)))
            continue
        if groups:
            options.append((group, _("{group} (all)", group=_(label))))
        options += [(c, ("— " if groups else "") + _(CATEGORY_NAMES[c])) for c in members]
    return options


def rule_categories() -> dict[str, str]:
    """{rule id: category} of the rules the helper uses now (for the categories of a warning's findings)."""
    checker = current_app.extensions.get("sg.checker")
    return audit_decisions.rule_categories(getattr(checker, "bundle", None))


def outcome_lines(d: dict) -> list[str]:
    """What the person did, for people: one line per choice (its reasons with it), then "Not a problem"."""
    photo = bool(d["categories"]) and all(c.startswith("image.") for c in d["categories"])
    lines, reasons = [], {}
    for choice, reason in d["answers"]:
        reasons.setdefault(choice, [])
        if reason:
            reasons[choice].append(_(REASON_NAMES[reason]) if reason in REASON_NAMES else reason)
    for choice, given in reasons.items():
        plain = PHOTO_CHOICE_NAMES if photo and choice in PHOTO_CHOICE_NAMES else CHOICE_NAMES
        reasoned = REASONED_PHOTO_CHOICE_NAMES if photo and choice in PHOTO_CHOICE_NAMES else REASONED_CHOICE_NAMES
        if given and choice in reasoned:
            lines.append(_(reasoned[choice], reason="; ".join(given)))
        else:
            lines.append(_(plain[choice]) if choice in plain else choice)
    if d["not_a_problem"]:
        if d["kind"] == "decision" and len(d["categories"]) > 1:
            lines.append(_(OUTCOME_NAMES["not_a_problem_of"],
                           category=", ".join(category_name(c) for c in d["not_a_problem_categories"])))
        else:
            lines.append(_(OUTCOME_NAMES["not_a_problem"]))
    if d["outcome"] == "no_answer" and d["kind"] == "decision":
        lines.append(_(OUTCOME_NAMES["no_answer"]))
    return lines


def decision_what(d: dict) -> str:
    if d["kind"] == "decision":
        return _(DECISION_KIND_NAMES["decision" if d["shown"] else "hint"])
    return _(KIND_NAMES.get(d["kind"], d["kind"] or ""))


@bp.get("/audit", endpoint="audit")
def audit_log():
    shown, query, problems = audit_filters()
    known = rule_categories()
    rules = audit_decisions.rules_of(query["category"], known) if query.get("category") else ()
    groups, more = store().query_decision_events(limit=PAGE_LIMIT, finding_rules=rules, **query)
    decisions = [audit_decisions.build(events, known) for events in groups]
    return render_template("audit.html", title=_("Audit log"), decisions=decisions, more=more,
                           shown=shown, problems=problems, sites=SITES, categories=category_options(),
                           kinds=[(k, _(KIND_NAMES[k])) for k in KINDS],
                           what=decision_what, outcome_lines=outcome_lines,
                           surface_name=lambda s: _(SURFACE_NAMES[s]) if s in SURFACE_NAMES else "",
                           action_names=lambda a: ", ".join(_(ACTION_NAMES.get(x, x)) for x in a.split(";") if x),
                           export_args={k: v for k, v in shown.items() if v}, limit=PAGE_LIMIT)


@bp.get("/audit/export.<fmt>")
def export(fmt: str):
    """The filtered log in the district's export format (helper/audit.py: EXPORT_FIELDS)."""
    if fmt not in ("csv", "jsonl"):
        abort(404)
    _shown, query, problems = audit_filters()
    if problems:
        return page_error(400, _("The filter is not valid"), " ".join(problems))
    out = io.StringIO()
    audit.export(store(), out, fmt, **query)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else "application/jsonl; charset=utf-8"
    return download(out.getvalue(), mimetype, "social-guard-audit", fmt)


def download(body: str, mimetype: str, name: str, extension: str) -> Response:
    """A file to save, named with the time it was made (social-guard-audit-20261124-1405.csv)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}-{stamp}.{extension}"'})


# -- charts -------------------------------------------------------------------------------------------
def chart_span() -> str:
    """The period the chart is drawn over: ?span=, else weeks."""
    span = request.args.get("span", "weeks")
    return span if span in pages_charts.SPANS else "weeks"


@bp.get("/charts")
def charts():
    span = chart_span()
    today = date.today()
    start = pages_charts.range_start(span, today)
    everything = store().query_events(since=start.isoformat())
    events = [e for e in everything if e["kind"] == "warning_shown"]
    groups = [(key, _(label)) for key, label in CATEGORY_GROUPS.items()]
    data = pages_charts.buckets(events, span, today, g.locale)
    next_starts = [row["start"] for row in data[1:]] + [today + timedelta(days=1)]
    for row, next_start in zip(data, next_starts):   # each bar links to the log of its period
        row["link"] = url_for("pages.audit", **{"from": row["start"].isoformat(),
                                                "to": (next_start - timedelta(days=1)).isoformat(), "kind": "warning_shown"})
    svg = pages_charts.stacked_bars(data, groups, title=_("Warnings over time by category"),
                                    empty=_("No warnings in this period."), link=lambda row: row["link"],
                                    link_label=lambda row: _("{period}: {count} warnings, open the log",
                                                             period=row["label"], count=row["total"]))
    totals = pages_charts.totals(events)
    marked = audit.false_positives_by_rule(everything)
    return render_template("charts.html", title=_("Charts"), svg=svg, data=data, groups=groups, span=span,
                           totals=totals, total=len(events), false_positives=marked,
                           outcomes=pages_charts.outcomes(everything), sites=pages_charts.by_site(events),
                           since=start.isoformat())


@bp.get("/charts/not-a-problem.csv")
def false_positives_csv():
    """The "Not a problem?" counts per rule for the chosen period, for the district's rule keepers."""
    out = io.StringIO()
    audit.export_false_positives(store(), out, since=pages_charts.range_start(chart_span(), date.today()).isoformat())
    return download(out.getvalue(), "text/csv; charset=utf-8", "social-guard-not-a-problem", "csv")


# -- report a mistake ---------------------------------------------------------------------------------
def render_report(form: dict, errors: dict, recorded: dict | None = None, status_code: int = 200):
    return render_template("report.html", title=_("Something I posted by mistake"), form=form, errors=errors, recorded=recorded,
                           sites=SITES, categories=category_options(groups=False),
                           actions=[("removed", _("I removed the post")), ("corrected", _("I corrected it")),
                                    ("apologized", _("I apologized"))]), status_code


@bp.get("/report")
def report():
    return render_report({"actions": []}, {})


@bp.post("/report")
def save_report():
    form = {key: request.form.get(key, "").strip() for key in ("site", "category", "description")}
    form["actions"] = [a for a in request.form.getlist("actions") if a in audit.REPORT_ACTIONS]
    errors = {}
    if form["site"] not in SITES:
        errors["site"] = _("Choose the site, or “Other”.")
    if form["category"] and form["category"] not in audit.CATEGORIES:
        errors["category"] = _("Choose a kind of information from the list.")
    if len(form["description"]) > audit.DESCRIPTION_MAX:
        errors["description"] = _("Please keep the description under {max} characters (it has {count}).",
                                  max=audit.DESCRIPTION_MAX, count=len(form["description"]))
    if errors:
        return render_report(form, errors, status_code=400)
    body = {"site": form["site"], "category": form["category"] or "unknown", "actions": form["actions"]}
    if form["description"]:
        body["description"] = form["description"]
    try:
        recorded = audit.record_report(store(), body)
    except audit.EventError as exc:
        return render_report(form, {"description": str(exc)}, status_code=400)
    return render_report({"actions": []}, {}, recorded=recorded)



# -- training and acknowledgements --------------------------------------------------------------------
ACK_FIELDS = (("procedure", "Date you signed the Online Communication and Social Media Procedure"),
              ("aup", "Date you signed the Acceptable Use Policy 6:235"),
              ("training", "Date of your last social-media training"))


@bp.get("/training")
def training_page():
    records = store().latest_acknowledgements()
    return render_training({key: records.get(key, "") for key, _label in ACK_FIELDS}, {})


def render_training(form: dict, errors: dict, status_code: int = 200):
    return render_template("training.html", title=_("Training"), form=form, errors=errors, fields=ACK_FIELDS,
                           history=store().acknowledgement_history(), today=date.today().isoformat()), status_code


@bp.post("/training")
def save_training():
    form = {key: request.form.get(key, "").strip() for key, _label in ACK_FIELDS}
    errors, days = {}, {}
    today = date.today()
    for key, _label in ACK_FIELDS:
        if not form[key]:
            continue
        try:
            days[key] = training.validate_day(form[key], today)
        except ValueError as exc:
            errors[key] = (_("This date is in the future.") if str(exc) == "in the future"
                           else _("Enter a real date, such as {example}.", example=today.isoformat()))
    if errors:
        return render_training(form, errors, 400)
    current = store().latest_acknowledgements()
    changed = 0
    for key, day in days.items():
        if current.get(key) != day.isoformat():
            store().add_acknowledgement(key, day.isoformat())
            changed += 1
    flash(_("Saved.") if changed else _("Nothing changed."), "ok")
    return redirect(url_for("pages.training_page"), code=303)


# -- photo consent (the do-not-publish list): its routes join this blueprint -------------------------------
from . import pages_photo_consent  # noqa: E402,F401  (imported last: it uses bp and the helpers above)
