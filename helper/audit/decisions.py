"""The audit log as a person reads it: one row per decision.

Every event of one warning dialog (the warning shown, each answer given, "Not a problem?") carries
the dialog's `decision` id. A decision is those events together: when the warning was shown, where,
every finding it listed, and what the person did. An event without a decision id (sent before the
extension gave one, a report of a mistake, a setting changed) is a decision of its own.

Outcomes, for the charts (one per decision, the first that applies): posted_anyway (a choice to
post anyway or continue), edited (edit or go back), dismissed, not_a_problem (only "Not a problem?"
was pressed), no_answer (the warning was shown and nothing was answered).
"""
from __future__ import annotations

from .events import CATEGORIES

GOING_AHEAD = ("post_anyway", "continue")
HOLDING_BACK = ("edit", "go_back")


def rule_categories(bundle: dict | None) -> dict[str, str]:
    """{rule id: category} from the rules in use."""
    return {r["id"]: r["category"] for r in (bundle or {}).get("rules", []) if r.get("id") and r.get("category")}


def category_of(rule: str, known: dict[str, str]) -> str:
    """A rule's category: from the rules in use, else the longest category its id starts with."""
    if rule in known:
        return known[rule]
    starts = [c for c in CATEGORIES if rule == c or rule.startswith(c + ".")]
    return max(starts, key=len) if starts else "unknown"


def rules_of(category: str, known: dict[str, str]) -> tuple[str, ...]:
    """The rule ids in a category or its group (pii: every pii.* rule), for the log's filter."""
    return tuple(sorted(r for r, c in known.items() if c == category or c.startswith(category + ".")))


def outcome_key(answers: list[tuple[str, str | None]], not_a_problem: list[str], shown: bool) -> str:
    choices = {choice for choice, _reason in answers}
    if choices & set(GOING_AHEAD):
        return "posted_anyway"
    if choices & set(HOLDING_BACK):
        return "edited"
    if "dismiss" in choices:
        return "dismissed"
    if not_a_problem:
        return "not_a_problem"
    return "no_answer" if shown else "none"


def _unique(items) -> list:
    return list(dict.fromkeys(i for i in items if i))


def build(events: list[dict], known: dict[str, str]) -> dict:
    """One decision from its events, oldest first."""
    first = events[0]
    shown = next((e for e in events if e["kind"] == "warning_shown"), None)
    head = shown or first
    grouped = first.get("decision") is not None
    listed = (shown.get("findings") or "").split(";") if shown and shown.get("findings") else []
    rules = _unique(listed + [e.get("rule") for e in events if e["kind"] in ("warning_shown", "choice", "false_positive")])
    main = _unique(e.get("category") for e in events if e["kind"] != "setting_changed")
    categories = _unique(main + [category_of(r, known) for r in rules])
    if len(categories) > 1:
        categories = [c for c in categories if c != "unknown"]
    answers = list(dict.fromkeys((e["choice"], e.get("reason")) for e in events if e["kind"] == "choice" and e.get("choice")))
    not_a_problem = _unique(e.get("rule") or e.get("category") for e in events if e["kind"] == "false_positive")
    return {
        "key": first["decision"] if grouped else first["id"],
        "decision": first.get("decision"),
        "kind": "decision" if grouped else first["kind"],
        "time": head["time"], "site": head.get("site"), "surface": head.get("surface"),
        "findings": rules, "categories": categories, "answers": answers, "not_a_problem": not_a_problem,
        "not_a_problem_categories": _unique(category_of(r, known) for r in not_a_problem),
        "outcome": outcome_key(answers, not_a_problem, shown is not None),
        "shown": shown is not None, "reason": first.get("reason") if first["kind"] in ("report", "setting_changed") else None,
        "setting": first.get("rule") if first["kind"] == "setting_changed" else None,
        "actions": first.get("actions"), "events": events,
    }


def group_events(events: list[dict]) -> list[list[dict]]:
    """Events (any order) as decisions: the events of each, oldest first; decisions in first-seen order."""
    groups: dict[str, list[dict]] = {}
    for e in sorted(events, key=lambda e: (str(e.get("time")), e["id"])):
        key = "d:" + e["decision"] if e.get("decision") else "e:" + e["id"]
        groups.setdefault(key, []).append(e)
    return list(groups.values())


def outcome_counts(events: list[dict]) -> dict:
    """{warnings, edited, posted_anyway, dismissed, not_a_problem, no_answer} for the charts: each
    decision counted once, by its outcome. Events sent before decisions existed are counted as
    they were: each choice one outcome, and the warnings that no choice followed as no answer."""
    counts = {"warnings": 0, "edited": 0, "posted_anyway": 0, "dismissed": 0, "not_a_problem": 0, "no_answer": 0}
    legacy_warnings = legacy_answered = 0
    for group in group_events(events):
        if group[0].get("decision"):
            shown = any(e["kind"] == "warning_shown" for e in group)
            answers = [(e["choice"], e.get("reason")) for e in group if e["kind"] == "choice"]
            not_a_problem = [e.get("rule") or "" for e in group if e["kind"] == "false_positive"]
            key = outcome_key(answers, not_a_problem, shown)
            counts["warnings"] += int(shown)
            if key != "none":
                counts[key] += 1
            continue
        e = group[0]
        if e["kind"] == "warning_shown":
            legacy_warnings += 1
        elif e["kind"] == "choice":
            key = outcome_key([(e.get("choice"), None)], [], False)
            if key in counts:
                counts[key] += 1
                legacy_answered += 1
        elif e["kind"] == "false_positive":
            counts["not_a_problem"] += 1
    counts["warnings"] += legacy_warnings
    counts["no_answer"] += max(0, legacy_warnings - legacy_answered)
    return counts
