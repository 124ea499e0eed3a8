"""Whether another finding of the same category covers a finding, asked of thousands of findings at
once in O(n log n): the covering findings' spans are sorted once per category, with a running
maximum of their ends, and each question is one bisection. (A 200 KB draft of e-mail and phone
pairs has about 17,000 findings; comparing each with every other took seconds.)"""
from __future__ import annotations

import bisect
from itertools import accumulate


class Coverage:
    """The findings that may cover others. `covers(f)` is True when one of them has f's category and
    a span that contains f's, and is not the same span of a less severe rule."""

    def __init__(self, findings: list[dict], severity_rank: dict[str, int]):
        self.rank = severity_rank
        grouped: dict[str, list[dict]] = {}
        for f in findings:
            grouped.setdefault(f["category"], []).append(f)
        self.by_category = {}
        for category, group in grouped.items():
            spans = sorted((f["span"][0], f["span"][1]) for f in group)
            exact: dict[tuple[int, int], int] = {}   # a span -> the most severe rank with it
            for f in group:
                key, rank = (f["span"][0], f["span"][1]), severity_rank[f["severity"]]
                exact[key] = min(exact.get(key, rank), rank)
            self.by_category[category] = ([s for s, _ in spans], list(accumulate((e for _, e in spans), max)), exact)

    def covers(self, finding: dict) -> bool:
        entry = self.by_category.get(finding["category"])
        if entry is None:
            return False
        starts, max_end, exact = entry
        start, end = finding["span"]
        before = bisect.bisect_left(starts, start)
        if before and max_end[before - 1] >= end:
            return True   # one starts earlier and ends at or after this one's end
        through = bisect.bisect_right(starts, start)
        if through > before and max_end[through - 1] > end:
            return True   # one starts here and ends later (those starting earlier all end before `end`)
        rank = exact.get((start, end))
        return rank is not None and rank <= self.rank[finding["severity"]]
