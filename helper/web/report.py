"""The "Something I posted by mistake" page (/ui/report): records a report of a major mistake."""
from __future__ import annotations

from flask import render_template, request

from ..audit import events as audit
from .core import bp, store
from .labels import _, category_options, SITES


def render_report(form: dict, errors: dict, recorded: dict | None = None, status_code: int = 200):
    return render_template("web/report.html", title=_("Something I posted by mistake"), form=form, errors=errors, recorded=recorded,
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
