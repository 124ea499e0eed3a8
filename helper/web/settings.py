"""The settings page (/ui/settings): mode, domain lists, retention (what the district does not manage)
and the student roster import."""
from __future__ import annotations

import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for

from ..audit import events as audit
from ..school import roster
from ..security import managed
from .core import bp, store
from .labels import _


MAX_LIST_ENTRIES = 1000
LIST_SETTINGS = ("approved_channels", "protected_domains", "allowlist", "blocklist")
DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


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
    """The student roster (helper/school/roster.py), or None where this install's store has none."""
    try:
        roster.count(store())
    except AttributeError:
        return None
    return roster


def render_settings(form: dict, errors: dict, status_code: int = 200, roster_error: str | None = None):
    roster = roster_module()
    return render_template("web/settings.html", title=_("Settings"), form=form, errors=errors, locked=managed.load(),
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
