"""The charts page (/ui/charts): warnings over time by category, outcomes, sites, and the per-rule
"Not a problem?" counts as CSV. The drawing is in chart_svg."""
from __future__ import annotations

import io
from datetime import date, timedelta

from flask import g, render_template, request, url_for

from ..audit import downloads
from . import chart_svg as pages_charts
from .core import bp, download, store
from .labels import _, CATEGORY_GROUPS


def chart_span() -> str:
    """The period the chart is drawn over: ?span=, else weeks."""
    span = request.args.get("span", "weeks")
    return span if span in pages_charts.SPANS else "weeks"


@bp.get("/charts")
def charts():
    span = chart_span()
    today = date.today()
    start = pages_charts.range_start(span, today)
    everything = store().query_events(since=start.isoformat())
    events = [e for e in everything if e["kind"] == "warning_shown"]
    groups = [(key, _(label)) for key, label in CATEGORY_GROUPS.items()]
    data = pages_charts.buckets(events, span, today, g.locale)
    next_starts = [row["start"] for row in data[1:]] + [today + timedelta(days=1)]
    for row, next_start in zip(data, next_starts):   # each bar links to the log of its period
        row["link"] = url_for("pages.audit", **{"from": row["start"].isoformat(),
                                                "to": (next_start - timedelta(days=1)).isoformat(), "kind": "warning_shown"})
    svg = pages_charts.stacked_bars(data, groups, title=_("Warnings over time by category"),
                                    empty=_("No warnings in this period."), link=lambda row: row["link"],
                                    link_label=lambda row: _("{period}: {count} warnings, open the log",
                                                             period=row["label"], count=row["total"]))
    totals = pages_charts.totals(events)
    marked = downloads.false_positives_by_rule(everything)
    return render_template("web/charts.html", title=_("Charts"), svg=svg, data=data, groups=groups, span=span,
                           totals=totals, total=len(events), false_positives=marked,
                           outcomes=pages_charts.outcomes(everything), sites=pages_charts.by_site(events),
                           since=start.isoformat())


@bp.get("/charts/not-a-problem.csv")
def false_positives_csv():
    """The "Not a problem?" counts per rule for the chosen period, for the district's rule keepers."""
    out = io.StringIO()
    downloads.export_false_positives(store(), out, since=pages_charts.range_start(chart_span(), date.today()).isoformat())
    return download(out.getvalue(), "text/csv; charset=utf-8", "social-guard-not-a-problem", "csv")
