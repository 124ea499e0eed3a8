"""The engine: applies the bundle's rules (and the helper-only detectors) to one input.

Pure: no I/O, no clock. Mirrors extension/engine/index.js; both must pass shared_rules/vectors/.
"""
from __future__ import annotations

from . import links as linklib
from .compile import compile_regex, compile_rule, rule_pattern
from .language import detect_language, stopword_lists
from .lowered import find_in_window
from .overlaps import Coverage
from .prefilter import rule_gate
from .text import prepare, read_as_letters, window_around
from .validators import VALIDATORS

SITES = ("facebook", "x", "instagram", "other")
SURFACES = ("post", "comment", "dm", "unknown")
SEVERITY_ORDER = {"block": 0, "warn": 1, "info": 2}
SETTING_KEYS = ("mode", "domains", "approved_channels", "protected_domains", "allowlist", "blocklist",
                "public_phones", "public_addresses")


def effective_settings(bundle: dict, settings: dict | None) -> dict:
    """The district profile's defaults, overridden key by key by the given settings."""
    district = bundle.get("district", {})
    merged = {key: district.get(key, [] if key != "mode" else "warn") for key in SETTING_KEYS}
    for key, value in (settings or {}).items():
        if key in SETTING_KEYS and value is not None:
            merged[key] = value
    return merged


class Engine:
    def __init__(self, bundle: dict, settings: dict | None = None, detectors=(), feed_hosts=None):
        self.bundle = bundle
        self.version = bundle["version"]
        self.settings = effective_settings(bundle, settings)
        self.rules = [(rule, compile_rule(rule)) for rule in bundle["rules"]]
        # One pass tells which rule patterns can match a draft at all; the others are not searched.
        # Rules with obfuscation read the draft with digits in words read as letters, when that differs,
        # so a gate of their own reads that text.
        searched = [(rule["id"], *pattern, compiled["letters"]) for rule, compiled in self.rules
                    if (pattern := rule_pattern(rule))]
        self.gate = rule_gate(tuple(entry[:3] for entry in searched))
        self.letters_gate = rule_gate(tuple(entry[:3] for entry in searched if entry[3]))
        self._by_id = {rule["id"]: rule for rule in bundle["rules"]}
        self.link_pattern = compile_regex(bundle["link_pattern"]["pattern"], bundle["link_pattern"]["flags"])
        self.detectors = list(detectors)
        self.lists = {name: set(entries) for name, entries in bundle["lists"].items()}
        self.stopwords = stopword_lists(self.lists)
        self.approved = set(self.settings["approved_channels"])
        self.link_ctx = {
            "lookalike_cache": {},
            "lists": self.lists,
            "allowlist": set(self.settings["allowlist"]) | set(self.settings["domains"]),
            "blocklist": _AnyOf(self.lists.get("blocklist", set()) | set(self.settings["blocklist"]), feed_hosts),
            "protected_domains": list(self.settings["protected_domains"]),
        }

    def finding(self, rule: dict, span: tuple[int, int], locale: str) -> dict:
        policy = self.bundle["policy"][rule["policy"]]
        return {
            "rule": rule["id"],
            "category": rule["category"],
            "severity": rule["severity"],
            "message": rule["message"].get(locale, rule["message"]["en"]),
            "policy": {"section": policy["section"], "quote": policy["quote"]},
            "span": [span[0], span[1]],
        }

    def check(self, data: dict) -> dict:
        prepared = prepare(data.get("text", ""))
        text, to_draft = prepared.text, prepared.span   # rules read the prepared text; spans point into the draft
        locale = data.get("locale", "en")
        visited = data.get("visited")
        found_links = visited_set = language = None
        findings: list[dict] = []
        possible = self.gate.possible(text)
        gated = self.gate.keys if possible is not None else frozenset()
        letters = None   # (text, gate answer) with digits in words read as letters, once a rule asks
        for rule, compiled in self.rules:
            match = rule["match"]
            kind = match["type"]
            if kind == "detector":
                continue  # helper-only: its detector (self.detectors) reports under this rule's id
            seen, seen_possible, seen_gated = text, possible, gated
            if compiled["letters"]:
                letters = letters or self._letters_view(text, possible, gated)
                seen, seen_possible, seen_gated = letters
            if rule["id"] in seen_gated and rule["id"] not in seen_possible:
                continue  # its pattern cannot match this draft
            if kind == "surface":
                if data.get("surface") in match["surfaces"]:
                    findings.append(self.finding(rule, (0, 0), locale))
            elif kind == "host":
                host = (data.get("host") or "").lower().rstrip(".")
                if host and linklib.on_list(host, self.lists.get(match["list"], set())) \
                        and not linklib.on_list(host, self.approved):
                    findings.append(self.finding(rule, (0, 0), locale))
            elif kind == "link":
                if found_links is None:   # the links, and the user's visited ones, once per draft
                    found_links = linklib.find_links(prepared.link_text, self.link_pattern)
                    visited_set = None if visited is None or data.get("surface") not in ("post", "comment") \
                        else {linklib.normalize_url(u) for u in visited}
                ctx = dict(self.link_ctx, list=match.get("list"), visited=visited_set)
                for link in found_links:
                    if linklib.check(match["check"], link, ctx):
                        findings.append(self.finding(rule, to_draft(link.start, link.end), locale))
            else:
                for start, end in self._regex_spans(seen, rule, compiled):
                    if "languages" in match:   # a rule for some languages: the draft's is read once, if needed
                        language = language or detect_language(text, self.stopwords)
                        if language not in match["languages"]:
                            break
                    findings.append(self.finding(rule, to_draft(start, end), locale))
        shared = dedupe(findings)
        extra = []
        for detector in self.detectors:
            seen = prepared.link_text if getattr(detector, "reads_links", False) else text
            for rule_id, (start, end) in detector(seen, data, self.settings):
                extra.append(self.finding(self.rule_by_id(rule_id), to_draft(start, end), locale))
        # A detector adds what the shared rules missed; where both see the same thing, the one with
        # the wider span (the whole address, +1 included) stands alone.
        covered = Coverage(shared, SEVERITY_ORDER)
        extra = [f for f in extra if not covered.covers(f)]
        covering = Coverage(extra, SEVERITY_ORDER)
        shared = [f for f in shared if not covering.covers(f)]
        return {"findings": dedupe(shared + extra)}

    def _letters_view(self, text: str, possible: set | None, gated: frozenset) -> tuple[str, set | None, frozenset]:
        """The draft with digits in words read as letters, with the rules its gate lets through: the
        draft's own gate answer when nothing changed."""
        letters = read_as_letters(text)
        if letters is text:
            return letters, possible, gated
        found = self.letters_gate.possible(letters)
        return letters, found, self.letters_gate.keys if found is not None else frozenset()

    def _regex_spans(self, text: str, rule: dict, compiled: dict):
        validate = VALIDATORS.get(rule["match"].get("validate", ""))
        for m in compiled["regex"].finditer(text):
            start, end = m.span()
            if validate and not validate(m.group(0), self.settings):
                continue
            if compiled["context"] and not _near(text, start, end, *compiled["context"]):
                continue
            if compiled["unless"] and _near(text, start, end, *compiled["unless"]):
                continue
            if compiled["keep"] and not compiled["keep"](text, start, end):
                continue
            yield start, end

    def rule_by_id(self, rule_id: str) -> dict:
        return self._by_id[rule_id]   # KeyError for a rule the bundle does not have


class _AnyOf:
    """`host in` any of the sets: subscribed feeds' hosts (helper/links/feeds.py, 200,000 or more)
    join the district's blocklist without being copied into it."""

    def __init__(self, *sets):
        self.sets = [s for s in sets if s]

    def __contains__(self, host) -> bool:
        return any(host in s for s in self.sets)


def _near(text: str, start: int, end: int, pattern, window: int) -> bool:
    lo, hi = window_around(text, start, end, window)
    return next(find_in_window(pattern, text[lo:hi]), None) is not None


def dedupe(findings: list[dict]) -> list[dict]:
    """One finding per category and span (the most severe rule wins); sorted by position, then rule."""
    best: dict[tuple, dict] = {}
    for f in findings:
        key = (f["category"], f["span"][0], f["span"][1])
        if key not in best or SEVERITY_ORDER[f["severity"]] < SEVERITY_ORDER[best[key]["severity"]]:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f["span"][0], f["span"][1], f["rule"]))
