"""The audit log as a person reads it, end to end: the real extension in Chromium shows a warning on
the look-alike Facebook page, the user answers it, the events reach the real helper, and the
helper's own audit page (/ui/audit) shows that warning as ONE row: every finding it listed and
what the user did. Also a warning the user marked "Not a problem?", and a hint's "Not a problem?"."""
from __future__ import annotations

import re
import sqlite3
import subprocess

import pytest

from helpers import COMMENT, WARNING, expect_warning, send_comment
from tests.support.paths import ROOT, VENV_PY
from tests.support.waiting import wait_until

TWO_FINDINGS = "Call me at 309-555-0142 tonight, my SSN is 078-05-1120"
ONE_FINDING = "Text me at 309-555-0177 about the bake sale"


def decisions(helper) -> dict[str, set[str]]:
    """{decision id: the kinds of its events} in the helper's log."""
    with sqlite3.connect(helper.home / "social-guard.sqlite3", timeout=10) as conn:
        rows = conn.execute("SELECT decision, kind FROM events WHERE decision IS NOT NULL").fetchall()
    found: dict[str, set[str]] = {}
    for decision, kind in rows:
        found.setdefault(decision, set()).add(kind)
    return found


def new_decision(helper, before: set[str], kinds: set[str]) -> str:
    """The one decision that is new since `before`, once the helper has its events of these kinds."""
    def ready():
        fresh = {d: k for d, k in decisions(helper).items() if d not in before}
        return [d for d, k in fresh.items() if kinds <= k]
    [decision] = wait_until(ready, f"the helper to store a decision with {sorted(kinds)}", 20)
    return decision


@pytest.fixture
def audit_page(ctx, paired):
    """The helper's pages, signed in through a one-time address from `python -m helper pages`."""
    login = subprocess.run([str(VENV_PY), "-m", "helper", "pages", "--port", str(paired.port)], env=paired.env(), cwd=ROOT,
                           capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[-1]
    assert re.match(r"^http://127\.0\.0\.1:\d+/ui/login\?token=", login), login
    ui = ctx.new_page()
    ui.goto(login)
    yield ui
    ui.close()


def decision_row(ui, helper, decision: str):
    ui.goto(f"{helper.base}/ui/audit?site=facebook")
    row = ui.locator(f'table.log tbody tr[data-decision="{decision}"]')
    assert row.count() == 1, "one row for the whole decision"
    return row.locator("td").all_inner_texts()


def test_an_answered_warning_is_one_row_with_both_findings_and_the_outcome(ext, page, site, paired, audit_page):
    before = set(decisions(paired))
    send_comment(page, TWO_FINDINGS)
    dialog = expect_warning(page, "pii.ssn")
    assert dialog.locator("li[data-rule]").count() == 2
    dialog.locator("select").select_option("district_account")   # a Must fix finding needs a reason
    dialog.get_by_role("button", name="Post anyway").click()
    assert site.wait_posted(TWO_FINDINGS)
    decision = new_decision(paired, before, {"warning_shown", "choice"})
    what, where_site, surface, findings, outcome = decision_row(audit_page, paired, decision)
    assert (what, where_site, surface) == ("Warning", "Facebook", "Comment")
    assert sorted(findings.splitlines()) == ["Phone number", "Social Security number"]
    assert outcome == "Posted anyway — reason: an approved district account"
    # The warning and its choice are not rows of their own: no row says just "Choice".
    assert all(not t.startswith("Choice") for t in audit_page.locator("table.log tbody tr td:first-child").all_inner_texts())


def test_a_warning_marked_not_a_problem_is_one_row_saying_so(ext, page, site, paired, audit_page):
    before = set(decisions(paired))
    send_comment(page, ONE_FINDING)
    dialog = expect_warning(page, "pii.phone")
    dialog.get_by_role("button", name="Not a problem?").click()
    dialog.locator('[data-role="thanks"]').wait_for(state="visible")
    dialog.get_by_role("button", name="Edit").click()
    page.wait_for_selector(WARNING, state="detached")
    decision = new_decision(paired, before, {"warning_shown", "false_positive", "choice"})
    what, _site, _surface, findings, outcome = decision_row(audit_page, paired, decision)
    assert (what, findings) == ("Warning", "Phone number")
    assert outcome.splitlines() == ["Edited", "Not a problem"]


def test_a_hints_not_a_problem_is_a_row_of_its_own(ext, page, paired, audit_page):
    before = set(decisions(paired))
    page.goto("https://www.facebook.com/")
    page.click(COMMENT)
    page.keyboard.type(ONE_FINDING, delay=2)
    page.locator('.hint [data-role="not-a-problem"]').click()
    page.locator('.hint [data-role="thanks"]').wait_for(state="visible")
    decision = new_decision(paired, before, {"false_positive"})
    what, _site, surface, findings, outcome = decision_row(audit_page, paired, decision)
    assert (what, surface, findings, outcome) == ("Note while typing", "Comment", "Phone number", "Not a problem")
