"""The audit log and the status pages in a real Firefox ESR (Marionette) paired with a real helper, as
tests/e2e/test_audit_decisions.py and tests/e2e/test_popup.py show them in Chromium.

Audit log: a warning answered in Firefox reaches the helper as ONE row of its /ui/audit page (read
in Firefox, signed in through `python -m helper pages`): both findings of a two-finding warning and
"Posted anyway" with its reason; a warning marked "Not a problem?"; the TikTok look-alike's banner
under the site "TikTok"; the photo dialog's two answers as they were given; and one row in Spanish
after the helper's own Language form switched its pages.

Status: the helper's pages name the paired browser "Firefox"; before a site was seen nothing claims
its DM surface missing and the popup says "not visited yet"; after a visit to a page that is not a DM
address, DMs stay "No problem seen", and the popup's last visit is that visit's time, for that site
only. Waits are on the helper's SQLite file and the extension's storage, never a sleep."""
from __future__ import annotations

import re
import sqlite3
import uuid
from collections import Counter
from datetime import datetime

import pytest

from firefox_session import PHOTO_UI, language_prefs
from photo_samples import astronaut, with_gps
from tests.support.helper_process import HelperProcess
from tests.support.ports import free_port
from tests.support.waiting import wait_until

FIREFOX_PREFS = language_prefs("en-US")

TWO_FINDINGS = "Call 309-555-0142, Jordan's SSN is 123-45-6789"
ONE_FINDING = "Text me at 309-555-0177 about the bake sale"
X_HOME = "https://x.com/home"
X_EDITOR = 'main > [data-testid="tweetTextarea_0"] [contenteditable="true"]'


# ---- the helper, paired and signed in ----------------------------------------------------------------
@pytest.fixture(scope="module")
def helper(tmp_path_factory):
    """One real helper for the module, with a keyring entry of its own (removed afterwards)."""
    service = f"social-guard-test-{uuid.uuid4().hex[:12]}"
    process = HelperProcess(tmp_path_factory.mktemp("helper") / "home", free_port(), service)
    process.start()
    yield process
    process.stop()
    from helper.security.keyring_secret import forget_secret_key
    try:
        forget_secret_key(service)
    except Exception:
        pass


@pytest.fixture(scope="module")
def signed_in(firefox, helper):
    """Firefox signed in to the helper's pages through the one-time address `helper pages` prints."""
    login = helper.cli("pages", "--port", str(helper.port)).stdout.strip().splitlines()[-1]
    assert re.match(r"^http://127\.0\.0\.1:\d+/ui/login\?token=", login), login
    firefox.goto(login)
    firefox.find("main h1")
    assert firefox.url() == f"{helper.base}/ui/"
    return firefox


@pytest.fixture
def ffp(signed_in, helper, site):
    """The English Firefox with nothing seen yet, paired with the helper through its popup."""
    signed_in.reset(helper.base)
    site.clear()
    signed_in.pair_through_popup(helper.pairing_code(), helper.base)
    return signed_in


# ---- what the helper stored ------------------------------------------------------------------------
def decisions(helper) -> dict[str, Counter]:
    """{decision id: how many events of each kind} in the helper's SQLite log."""
    with sqlite3.connect(helper.home / "social-guard.sqlite3", timeout=10) as conn:
        rows = conn.execute("SELECT decision, kind FROM events WHERE decision IS NOT NULL").fetchall()
    found: dict[str, Counter] = {}
    for decision, kind in rows:
        found.setdefault(decision, Counter())[kind] += 1
    return found


def new_decision(helper, before, kinds: dict[str, int]) -> str:
    """The one decision new since `before`, once the helper holds at least these events of it."""
    ready = []

    def arrived():
        ready[:] = [d for d, k in decisions(helper).items()
                    if d not in before and all(k[kind] >= n for kind, n in kinds.items())]
        return ready
    wait_until(arrived, f"the helper to store a decision with {kinds}", 20)
    assert len(ready) == 1, ready
    return ready[0]


def site_health(helper, site: str) -> list[dict]:
    with sqlite3.connect(helper.home / "social-guard.sqlite3", timeout=10) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM site_health WHERE site = ?", (site,))]


# ---- the helper's pages, as Firefox shows them --------------------------------------------------------
def decision_row(ff, helper, decision: str) -> list[str]:
    """The audit page's row for this decision, its cells after the time: what, site, where, findings, outcome."""
    ff.goto(f"{helper.base}/ui/audit")
    rows = ff.m.find_elements("css selector", f'table.log tbody tr[data-decision="{decision}"]')
    assert len(rows) == 1, "one row for the whole decision"
    return [td.text.strip() for td in rows[0].find_elements("css selector", "td")]


def what_column(ff) -> list[str]:
    return [td.text for td in ff.m.find_elements("css selector", "table.log tbody tr td:first-of-type")]


def switch_language(ff, helper, code: str) -> None:
    """The helper's own Language form in the page header: choose, then "Change"."""
    form = ff.find("form.lang")
    form.find_element("css selector", f'#language option[value="{code}"]').click()
    ff.click_on(form.find_element("css selector", 'button[type="submit"]'))
    ff.wait(lambda m: m.find_element("css selector", "html").get_attribute("lang") == code, 10,
            f"the pages did not switch to {code}")


# ---- status that tells the truth ---------------------------------------------------------------------
def popup_sites(ff) -> dict[str, str]:
    """{site id: its line in the popup's site list} (the health text, with the last visit if any)."""
    def read():
        ff.find("#health-facebook")
        return {s: ff.m.find_element("css selector", f"#health-{s}").text for s in ("facebook", "x", "instagram")} | {
            "visits": [v.get_attribute("id") for v in ff.m.find_elements("css selector", ".visit")]}
    return ff.on_popup(read)


def status_table(ff, helper, heading_id: str) -> list[list[str]]:
    ff.goto(f"{helper.base}/ui/")
    section = ff.find(f'section[aria-labelledby="{heading_id}"]')
    return [[c.text.strip() for c in tr.find_elements("css selector", "th, td")]
            for tr in section.find_elements("css selector", "tbody tr")]


def clock(ms: int) -> str:
    """en-US hour and minute, as the popup writes them ("1:05 PM")."""
    when = datetime.fromtimestamp(ms / 1000)
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def test_the_helper_names_firefox_and_nothing_is_missing_before_a_visit(ffp, helper):
    browsers = status_table(ffp, helper, "browsers-heading")
    assert browsers and all(row[0] == "Firefox" for row in browsers), browsers
    assert "Chrom" not in ffp.find("main").text
    # Nothing seen yet in this Firefox: no site is said to be missing anything.
    lines = popup_sites(ffp)
    assert lines["visits"] == [] and {lines[s] for s in ("facebook", "x", "instagram")} == {"not visited yet"}, lines
    assert "No reports yet. The extension reports when you open Facebook, X or Instagram." in ffp.find("main").text
    assert "Not found on a message page" not in ffp.find("main").text


def test_a_visit_without_a_dm_surface_is_no_dm_problem_and_the_last_visit_is_that_sites(ffp, helper):
    before = {r["received_at"] for r in site_health(helper, "x")}
    ffp.goto(X_HOME)
    ffp.click(X_EDITOR)
    ffp.type("hello")
    wait_until(lambda: [r for r in site_health(helper, "x") if r["received_at"] not in before and r["composer_found"]],
               "X's site support to reach the helper", 15)
    health = ffp.ext_script("return browser.storage.local.get(['health']).then(r => r.health.x)")
    assert health["dmState"] == "unknown", health
    # The helper's status page: X, from Firefox, its composer found and no DM problem claimed.
    rows = [r for r in status_table(ffp, helper, "health-heading") if r[0] == "X (Twitter)"]
    assert rows and rows[-1][1:4] == ["Firefox", "Found", "No problem seen"], rows
    assert "Not found on a message page" not in ffp.find("main").text
    # The popup: X's last visit is this visit; the other sites show none.
    lines = popup_sites(ffp)
    # The page may report in again while the popup opens: its time is this visit's first or latest report.
    latest = ffp.ext_script("return browser.storage.local.get(['health']).then(r => r.health.x.lastReportAt)")
    assert lines["visits"] == ["visit-x"], lines
    assert re.sub(r"\s", " ", lines["x"]) in {f"working · last visit today at {clock(t)}"
                                              for t in (health["lastReportAt"], latest)}, lines
    assert lines["facebook"] == lines["instagram"] == "not visited yet", lines


# ---- the audit log -----------------------------------------------------------------------------------
def test_a_warning_with_two_findings_posted_anyway_with_a_reason_is_one_row(ffp, site, helper):
    before = set(decisions(helper))
    ffp.send_facebook_comment(TWO_FINDINGS)
    dialog = ffp.expect_warning("pii.ssn")
    assert len(dialog.find_elements("css selector", "li[data-rule]")) == 2
    dialog.find_element("css selector", 'select option[value="district_account"]').click()
    ffp.wait(lambda m: ffp.button("Post anyway").is_enabled(), 5, "Post anyway stayed disabled")
    ffp.choose("Post anyway")
    wait_until(lambda: TWO_FINDINGS in site.texts(), "the post after a reason", 10)
    decision = new_decision(helper, before, {"warning_shown": 1, "choice": 1})
    what, where_site, surface, findings, outcome = decision_row(ffp, helper, decision)
    assert (what, where_site, surface) == ("Warning", "Facebook", "Comment")
    assert sorted(findings.splitlines()) == ["Phone number", "Social Security number"]
    assert outcome == "Posted anyway — reason: an approved district account"
    # The warning and its answer are not rows of their own.
    assert not [w for w in what_column(ffp) if w in ("Choice", "Warning shown")]


def test_a_warning_marked_not_a_problem_says_so(ffp, helper):
    before = set(decisions(helper))
    ffp.send_facebook_comment(ONE_FINDING)
    dialog = ffp.expect_warning("pii.phone")
    ffp.click_on(dialog.find_element("css selector", '[data-role="not-a-problem"]'))
    ffp.wait(lambda m: dialog.find_element("css selector", '[data-role="thanks"]'), 10, "no thanks")
    ffp.choose("Edit")
    ffp.wait_no_warning()
    decision = new_decision(helper, before, {"warning_shown": 1, "false_positive": 1, "choice": 1})
    what, _site, _surface, findings, outcome = decision_row(ffp, helper, decision)
    assert (what, findings) == ("Warning", "Phone number")
    assert outcome.splitlines() == ["Edited", "Not a problem"]


def test_the_tiktok_banner_is_a_row_under_tiktok(ffp, helper):
    before = set(decisions(helper))
    ffp.goto("https://www.tiktok.com/")
    banner = ffp.expect_channel_banner()
    [understand] = [b for b in banner.find_elements("css selector", "button") if b.text == "I understand"]
    ffp.click_on(understand)
    decision = new_decision(helper, before, {"warning_shown": 1, "choice": 1})
    what, where_site, _surface, findings, outcome = decision_row(ffp, helper, decision)
    assert (what, where_site, findings, outcome) == ("Warning", "TikTok", "Channel not approved", "Dismissed")


@pytest.fixture
def tall_window(signed_in):
    """The fullest photo dialog needs more than Firefox's headless 768px (see test_firefox_photos.py)."""
    before = signed_in.m.window_rect
    signed_in.m.set_window_rect(width=before["width"], height=1050)
    yield signed_in
    signed_in.m.set_window_rect(width=before["width"], height=before["height"])


def test_the_photo_dialogs_answers_show_as_what_they_were(ffp, tall_window, helper, tmp_path):
    photo = tmp_path / "field-trip.jpg"
    photo.write_bytes(with_gps(astronaut()))
    before = set(decisions(helper))
    ffp.goto(X_HOME)
    ffp.find(X_EDITOR)
    ffp.m.execute_script(PHOTO_UI, script_args=[X_EDITOR], sandbox=None)
    ffp.find("#photo-input").send_keys(str(photo))
    dialog = ffp.expect_warning("image.student_photo", timeout=20)
    for label in ("Yes, consent is on file for everyone shown", "Yes, the place is fine to share"):
        options = dialog.find_elements("css selector", "fieldset.question label")
        [option] = [o for o in options if o.text.strip() == label]
        ffp.click_on(option)
    ffp.wait(lambda m: ffp.button("Add the photo").is_enabled(), 5, "Add the photo stayed disabled")
    ffp.choose("Add the photo")
    ffp.wait_no_warning()
    decision = new_decision(helper, before, {"warning_shown": 1, "choice": 2})
    what, where_site, surface, findings, outcome = decision_row(ffp, helper, decision)
    assert (what, where_site, surface) == ("Warning", "X (Twitter)", "Post")
    assert sorted(findings.splitlines()) == ["Photo with its location", "Photo with people in it"]
    assert sorted(outcome.splitlines()) == ["Added the photo — answer: the place is fine to share",
                                            "Added the photo — answer: written consent is on file"]


def test_the_audit_row_in_spanish(ffp, site, helper):
    before = set(decisions(helper))
    ffp.send_facebook_comment(TWO_FINDINGS)
    ffp.expect_warning("pii.ssn").find_element("css selector", 'select option[value="district_account"]').click()
    ffp.wait(lambda m: ffp.button("Post anyway").is_enabled(), 5, "Post anyway stayed disabled")
    ffp.choose("Post anyway")
    decision = new_decision(helper, before, {"warning_shown": 1, "choice": 1})
    ffp.goto(f"{helper.base}/ui/audit")
    switch_language(ffp, helper, "es")
    try:
        assert ffp.url() == f"{helper.base}/ui/audit" and ffp.find("main h1").text == "Registro"
        what, where_site, surface, findings, outcome = decision_row(ffp, helper, decision)
        assert (what, where_site, surface) == ("Aviso", "Facebook", "Comentario")
        assert sorted(findings.splitlines()) == ["Número de Seguro Social", "Número de teléfono"]
        assert outcome == "Publicó de todos modos — motivo: una cuenta aprobada del distrito"
    finally:
        switch_language(ffp, helper, "en")
