"""The training page (/ui/training): the dates of the procedure, the AUP and the last training."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for

from ..school import training
from .core import bp, store
from .labels import _


ACK_FIELDS = (("procedure", "Date you signed the Online Communication and Social Media Procedure"),
              ("aup", "Date you signed the Acceptable Use Policy 6:235"),
              ("training", "Date of your last social-media training"))


@bp.get("/training")
def training_page():
    records = store().latest_acknowledgements()
    return render_training({key: records.get(key, "") for key, _label in ACK_FIELDS}, {})


def render_training(form: dict, errors: dict, status_code: int = 200):
    return render_template("web/training.html", title=_("Training"), form=form, errors=errors, fields=ACK_FIELDS,
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
