"""The audit log page (/ui/audit): one row per decision, filtered, and its export as CSV or JSON Lines."""
from __future__ import annotations

import io
from datetime import date, timedelta

from flask import abort, current_app, render_template, request

from ..audit import decisions as audit_decisions
from ..audit import downloads
from .core import bp, download, page_error, store
from .labels import (ACTION_NAMES, CATEGORY_GROUPS, CATEGORY_NAMES, CHOICE_NAMES, DECISION_KIND_NAMES, KINDS,
                     KIND_NAMES, OUTCOME_NAMES, PHOTO_CHOICE_NAMES, REASONED_CHOICE_NAMES,
                     REASONED_PHOTO_CHOICE_NAMES, REASON_NAMES, SITES, SURFACE_NAMES, _, category_name,
                     category_options)


PAGE_LIMIT = 500


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
    return render_template("web/audit.html", title=_("Audit log"), decisions=decisions, more=more,
                           shown=shown, problems=problems, sites=SITES, categories=category_options(),
                           kinds=[(k, _(KIND_NAMES[k])) for k in KINDS],
                           what=decision_what, outcome_lines=outcome_lines,
                           surface_name=lambda s: _(SURFACE_NAMES[s]) if s in SURFACE_NAMES else "",
                           action_names=lambda a: ", ".join(_(ACTION_NAMES.get(x, x)) for x in a.split(";") if x),
                           export_args={k: v for k, v in shown.items() if v}, limit=PAGE_LIMIT)


@bp.get("/audit/export.<fmt>")
def export(fmt: str):
    """The filtered log in the district's export format (helper/audit/downloads.py: EXPORT_FIELDS)."""
    if fmt not in ("csv", "jsonl"):
        abort(404)
    _shown, query, problems = audit_filters()
    if problems:
        return page_error(400, _("The filter is not valid"), " ".join(problems))
    out = io.StringIO()
    downloads.export(store(), out, fmt, **query)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else "application/jsonl; charset=utf-8"
    return download(out.getvalue(), mimetype, "social-guard-audit", fmt)
