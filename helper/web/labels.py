"""The words of the pages: names for sites, categories, kinds, choices, reasons and outcomes (written in
English, translated by _() in the page's language), and the helpers that use them."""
from __future__ import annotations

from flask import g

from .. import vocabulary as vocab
from ..audit import events as audit
from ..i18n import translate


SITES = audit.SITES                      # facebook, x, instagram, other
# The contract's names (shared_rules/contract.json), written in English and translated by _().
SITE_NAMES = vocab.SITE_NAMES
KINDS = vocab.EVENT_KINDS
CATEGORY_NAMES = vocab.CATEGORY_NAMES
CATEGORY_GROUPS = vocab.CATEGORY_GROUPS
KIND_NAMES = vocab.KIND_NAMES
ACTION_NAMES = vocab.ACTION_NAMES
CHOICE_NAMES = vocab.CHOICE_NAMES
# A decision's outcome, with the reason picked (helper/audit/decisions.py says which comes first).
REASONED_CHOICE_NAMES = {"edit": "Edited — reason: {reason}", "post_anyway": "Posted anyway — reason: {reason}",
                         "go_back": "Went back — reason: {reason}", "continue": "Continued — reason: {reason}",
                         "dismiss": "Dismissed — reason: {reason}"}
PHOTO_CHOICE_NAMES = {"edit": "Did not add the photo", "post_anyway": "Added the photo",
                      "continue": "Added the photo"}
REASONED_PHOTO_CHOICE_NAMES = {"edit": "Did not add the photo — answer: {reason}",
                               "post_anyway": "Added the photo — answer: {reason}",
                               "continue": "Added the photo — answer: {reason}"}
REASON_NAMES = vocab.REASON_NAMES   # a reason typed in words is shown as it is
OUTCOME_NAMES = {"not_a_problem": "Not a problem", "not_a_problem_of": "Not a problem: {category}",
                 "no_answer": "No answer"}
DECISION_KIND_NAMES = {"decision": "Warning", "hint": "Note while typing"}
SURFACE_NAMES = vocab.SURFACE_NAMES


def _(text: str, **values) -> str:
    return translate(g.get("locale", "en"), text, **values)


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
