"""The words of the pages: names for sites, categories, kinds, choices, reasons and outcomes (written in
English, translated by _() in the page's language), and the helpers that use them."""
from __future__ import annotations

from flask import g

from ..audit import events as audit
from ..i18n import translate


SITES = audit.SITES                      # facebook, x, instagram, other
SITE_NAMES = {"facebook": "Facebook", "x": "X (Twitter)", "instagram": "Instagram", "messenger": "Messenger",
              "tiktok": "TikTok", "snapchat": "Snapchat", "discord": "Discord", "whatsapp": "WhatsApp",
              "telegram": "Telegram", "kik": "Kik", "reddit": "Reddit", "tumblr": "Tumblr", "threads": "Threads",
              "bluesky": "Bluesky", "mastodon": "Mastodon", "pinterest": "Pinterest", "linkedin": "LinkedIn",
              "wechat": "WeChat", "signal": "Signal", "groupme": "GroupMe", "twitch": "Twitch", "omegle": "Omegle",
              "yubo": "Yubo", "bereal": "BeReal", "youtube": "YouTube", "remind": "Remind", "other": "Other"}
KINDS = ("warning_shown", "choice", "false_positive", "report", "setting_changed")
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
# A decision's outcome, with the reason picked (helper/audit/decisions.py says which comes first).
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
