"""Warnings over time by category, drawn on the server as SVG (no script, no outside library).

Every chart also has a table with the same numbers on the page, for screen readers and for people
who would rather read.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from html import escape

from ..audit import decisions as audit_decisions
from ..i18n import SHORT_MONTHS, format_short_date

SPANS = ("days", "weeks", "months")
# Okabe-Ito: told apart by people with the common colour-vision deficiencies.
COLORS = {"pii": "#0072B2", "confidential": "#D55E00", "conduct": "#CC79A7", "link": "#E69F00",
          "image": "#009E73", "direct_message": "#56B4E9", "unapproved_channel": "#6B6B6B"}


def group_of(category: str | None) -> str:
    return (category or "").split(".")[0]


def range_start(span: str, today: date) -> date:
    if span == "days":
        return today - timedelta(days=29)
    if span == "weeks":
        return today - timedelta(days=today.weekday()) - timedelta(weeks=11)
    first = today.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def bucket_starts(span: str, today: date) -> list[date]:
    start = range_start(span, today)
    if span == "days":
        return [start + timedelta(days=i) for i in range(30)]
    if span == "weeks":
        return [start + timedelta(weeks=i) for i in range(12)]
    starts, day = [], start
    for _ in range(12):
        starts.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return starts


def label_for(span: str, day: date, locale: str) -> str:
    if span == "months":
        return f"{SHORT_MONTHS[locale][day.month - 1]} {str(day.year)[2:]}"
    return format_short_date(day, locale)


def buckets(events: list[dict], span: str, today: date, locale: str) -> list[dict]:
    """[{label, start, counts: {group: n}, total}] oldest first, every period present (zeros too)."""
    starts = bucket_starts(span, today)
    rows = [{"start": s, "label": label_for(span, s, locale), "counts": Counter(), "total": 0} for s in starts]
    for event in events:
        try:
            day = date.fromisoformat(str(event["time"])[:10])
        except ValueError:
            continue
        index = None
        for i, start in enumerate(starts):
            if day >= start:
                index = i
        if index is None:
            continue
        rows[index]["counts"][group_of(event.get("category"))] += 1
        rows[index]["total"] += 1
    return rows


def outcomes(all_events: list[dict]) -> dict:
    """{warnings, edited, posted_anyway, dismissed, not_a_problem, no_answer} for a period: each
    decision (one warning dialog) counted once, by what the person did (helper/audit/decisions.py)."""
    return audit_decisions.outcome_counts(all_events)


def by_site(events: list[dict]) -> list[tuple[str, int]]:
    return Counter(e.get("site") or "other" for e in events).most_common()


def totals(events: list[dict]) -> list[tuple[str, int]]:
    return Counter(e.get("category") or "" for e in events).most_common()


NICE_TOPS = sorted({k * 10 ** e for e in range(7) for k in (4, 8, 12, 16, 20, 40, 60, 80)})


def nice_max(value: int) -> int:
    """The top of the scale: a round number at or above the peak, with whole numbers at its quarters."""
    return next((top for top in NICE_TOPS if top >= value), value)


def stacked_bars(rows: list[dict], groups: list[tuple[str, str]], title: str, empty: str, link=None,
                 link_label=None) -> str:
    """An accessible SVG: role=group (its bars are links, which an image cannot hold), a title, one
    <title> per bar for the pointer, each bar's total
    written above it (it reads without colour), and with `link(row)` each bar a link to its log."""
    width, height, left, bottom, top = 760, 300, 44, 44, 16
    plot_w, plot_h = width - left - 12, height - top - bottom
    peak = max((r["total"] for r in rows), default=0)
    top_value = nice_max(peak)
    slot = plot_w / max(len(rows), 1)
    bar_w = max(4.0, slot * 0.7)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="group" '
             f'aria-labelledby="chart-title" class="chart" focusable="false">',
             f'<title id="chart-title">{escape(title)}</title>']
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{width - 12}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d4d9" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="#333">{value:g}</text>')
    every = max(1, len(rows) // 10)
    for i, row in enumerate(rows):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        href = link(row) if link and row["total"] else None
        if href:
            parts.append(f'<a href="{escape(href)}" aria-label="{escape(link_label(row) if link_label else row["label"])}">')
        for key, label in groups:
            count = row["counts"].get(key, 0)
            if not count:
                continue
            h = plot_h * count / top_value
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{COLORS[key]}">'
                         f'<title>{escape(row["label"])}: {escape(label)} {count}</title></rect>')
        if row["total"]:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11" '
                         f'fill="#222">{row["total"]}</text>')
        if href:
            parts.append("</a>")
        if i % every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12" '
                         f'fill="#333">{escape(row["label"])}</text>')
    parts.append(f'<line x1="{left}" x2="{width - 12}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333"/>')
    if peak == 0:
        parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
                     f'font-size="16" fill="#333">{escape(empty)}</text>')
    parts.append("</svg>")
    return "".join(parts)
