"""The helper's own pages, as a user sees them: headless Chromium (Playwright) against a
real `python -m helper serve` process, signed in through the login address that `serve` prints.

Also, without a browser: the training tracker's dates, POST /v1/site-health, and that every string
on the pages has a Spanish translation.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.support.helper_process import HelperProcess
from tests.support.origins import EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN
from tests.support.paths import ROOT
from tests.support.ports import free_port

from helper.school import training
from helper.i18n import format_date

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
LOGIN_LINE = re.compile(r"^(http://127\.0\.0\.1:(\d+)/ui/login\?token=[A-Za-z0-9_\-]+)$")   # a line of its own


# -- a real helper and a real browser, shared by this module ---------------------------------------------
class Site:
    """The helper process, its printed login address, a signed-in browser page, and helpers."""

    def __init__(self, helper: HelperProcess, login_url: str, browser):
        self.helper, self.login_url, self.browser = helper, login_url, browser
        self.base = helper.base
        self.context = None
        self.page = None

    def new_login_url(self) -> str:
        """Another one-time login address, from `python -m helper pages` (last line)."""
        result = self.helper.cli("pages", "--port", str(self.helper.port))
        assert result.returncode == 0, result.stderr
        url = result.stdout.strip().splitlines()[-1]
        assert url.startswith(self.base + "/ui/login?token=")
        return url

    def new_context(self, locale: str = "en-US"):
        return self.browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})

    def goto(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, (path, response.status)
        return response

    def token(self, name: str) -> str:
        return self.helper.pair(name=name)

    def api(self, method: str, path: str, body, token: str, origin: str = EXTENSION_ORIGIN):
        return self.helper.request(method, path, body, {"Authorization": f"Bearer {token}", "Origin": origin})


@pytest.fixture(scope="module")
def site(tmp_path_factory, pw):
    home = tmp_path_factory.mktemp("pages") / "home"
    service = f"social-guard-test-{uuid.uuid4().hex[:12]}"
    helper = HelperProcess(home, free_port(), service).start()
    match = helper.wait_for_line(LOGIN_LINE)
    login_url = match.group(1)
    assert int(match.group(2)) == helper.port
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
    s = Site(helper, login_url, browser)
    s.context = s.new_context()
    s.page = s.context.new_page()
    response = s.page.goto(login_url)
    assert response.status == 200
    try:
        yield s
    finally:
        browser.close()
        helper.stop()
        from helper.security.keyring_secret import forget_secret_key
        try:
            forget_secret_key(service)
        except Exception:
            pass


@pytest.fixture
def page(site):
    site.page.set_default_timeout(10_000)
    return site.page


def submit(page, locator) -> None:
    """Clicks a button or link that loads a new page, and waits for that page."""
    with page.expect_navigation():
        locator.click()


def main_text(page) -> str:
    return page.locator("main").inner_text()


def iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


# -- signing in ---------------------------------------------------------------------------------------------
def test_printed_login_address_signs_in_once_with_a_strict_cookie(site, page):
    assert page.url == site.base + "/ui/", "the login address redirects, so the token leaves the address bar"
    page.goto(site.base + "/ui/")
    assert page.get_by_role("heading", name="Social Guard is running").is_visible()
    cookie = next(c for c in site.context.cookies() if c["name"] == "sg_session")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    # The same address again, in another browser profile: refused, with what to do.
    other = site.new_context()
    try:
        tab = other.new_page()
        response = tab.goto(site.login_url)
        assert response.status == 403
        assert "This address has already been used" in tab.locator("h1").inner_text()
        assert "Social Guard is running" not in tab.content()
    finally:
        other.close()


def test_every_page_needs_a_session(site):
    other = site.new_context()
    try:
        tab = other.new_page()
        for path in ("/ui/", "/ui/pairing", "/ui/settings", "/ui/audit", "/ui/charts", "/ui/report", "/ui/training",
                     "/ui/audit/export.csv"):
            response = tab.goto(site.base + path)
            assert response.status == 401, path
            assert tab.locator("h1").inner_text() == "Please open Social Guard again"
            assert tab.locator("form textarea, form input[type=date]").count() == 0
    finally:
        other.close()


def test_posts_need_the_csrf_token_and_the_helpers_own_origin(site, page):
    site.goto("/ui/settings")
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    before = page.locator("#blocklist").input_value()
    form = {"mode": "block", "approved_channels": "facebook.com", "protected_domains": "", "allowlist": "",
            "blocklist": "csrf-attack.example", "retention_days": "1"}
    # The browser's own cookie goes with these requests (context.request shares it).
    no_token = site.context.request.post(site.base + "/ui/settings", form=form, headers={"Origin": site.base},
                                         max_redirects=0)
    assert no_token.status == 403 and "This form has expired" in no_token.text()
    other_origin = site.context.request.post(site.base + "/ui/settings", form={**form, "csrf": csrf},
                                             headers={"Origin": "http://evil.example"}, max_redirects=0)
    assert other_origin.status == 403 and "This request was refused" in other_origin.text()
    site.goto("/ui/settings")
    assert page.locator("#blocklist").input_value() == before
    assert page.locator("#mode").is_checked()


# -- status -------------------------------------------------------------------------------------------------
def test_status_shows_port_rules_browsers_and_site_support(site, page):
    token = site.token("Library Chromebook")
    status, body = site.api("POST", "/v1/site-health", {"site": "facebook", "composerFound": False,
                                                         "dmSurfaceFound": True, "checkedAt": iso(datetime.now())}, token)
    assert status == 200 and body == {"stored": True}
    status, body = site.api("POST", "/v1/site-health", {"site": "x", "composerFound": True, "dmSurfaceFound": True,
                                                         "checkedAt": iso(datetime.now())}, token)
    assert status == 200
    rules_version = site.helper.request("GET", "/v1/health")[1]["rules_version"]
    site.goto("/ui/")
    text = main_text(page)
    assert f"127.0.0.1:{site.helper.port}" in text
    assert rules_version in text
    browsers = page.locator("section", has=page.get_by_role("heading", name="Paired browsers"))
    assert "Library Chromebook" in browsers.inner_text()
    health = page.locator("section", has=page.get_by_role("heading", name="Site support"))
    facebook = health.get_by_role("row", name=re.compile("^Facebook"))
    assert "Not found" in facebook.inner_text() and "Library Chromebook" in facebook.inner_text()
    assert "Not found" not in health.get_by_role("row", name=re.compile(r"^X \(Twitter\)")).inner_text()
    assert "older selectors" not in health.inner_text()


def test_status_says_when_a_dm_surface_was_found_only_by_a_legacy_selector(site, page):
    token = site.token("Office laptop")
    legacy = '[data-testid="DMDrawer"]'
    status, body = site.api("POST", "/v1/site-health", {"site": "x", "composerFound": True, "dmSurfaceFound": True,
                                                         "checkedAt": iso(datetime.now()),
                                                         "fallbackSelectors": [legacy]}, token)
    assert status == 200 and body == {"stored": True}
    for bad in ("[data-testid=x]", ["x" * 301], [""], [3], ["a"] * 11):
        status, body = site.api("POST", "/v1/site-health", {"site": "x", "composerFound": True, "dmSurfaceFound": True,
                                                             "checkedAt": iso(datetime.now()), "fallbackSelectors": bad},
                                token)
        assert status == 422 and "fallbackSelectors" in body["error"]
    site.goto("/ui/")
    health = page.locator("section", has=page.get_by_role("heading", name="Site support"))
    row = health.get_by_role("row", name=re.compile(r"^X \(Twitter\)")).filter(has_text="Office laptop")
    assert "Found by older selectors only" in row.inner_text()
    assert "the site is changing its pages" in health.inner_text()
    # The next report without a fallback clears it.
    site.api("POST", "/v1/site-health", {"site": "x", "composerFound": True, "dmSurfaceFound": True,
                                         "checkedAt": iso(datetime.now())}, token)
    site.goto("/ui/")
    assert "No problem seen" in row.inner_text()
    assert "older selectors" not in health.inner_text()


# -- pairing ------------------------------------------------------------------------------------------------
def test_pairing_code_pairs_a_browser_that_can_then_be_revoked(site, page):
    site.goto("/ui/pairing")
    submit(page, page.get_by_role("button", name="Make a pairing code"))
    code = page.locator("#pairing-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert "Valid until" in page.locator("#code-expiry").inner_text()
    # The code the page shows is a real one: the extension trades it for a token.
    status, body = site.helper.request("POST", "/v1/pair", {"code": code, "name": "Art room laptop"},
                                       {"Origin": OTHER_EXTENSION_ORIGIN})
    assert status == 200, body
    token = body["token"]
    check = {"text": "hello", "site": "facebook", "surface": "post"}
    assert site.api("POST", "/v1/check", check, token, OTHER_EXTENSION_ORIGIN)[0] == 200
    assert site.api("POST", "/v1/site-health", {"site": "instagram", "composerFound": True, "dmSurfaceFound": True,
                                                 "checkedAt": iso(datetime.now())}, token, OTHER_EXTENSION_ORIGIN)[0] == 200
    site.goto("/ui/")
    assert page.get_by_role("row", name=re.compile("^Instagram Art room laptop")).count() == 1
    site.goto("/ui/pairing")
    row = page.get_by_role("row", name=re.compile("Art room laptop"))
    assert OTHER_EXTENSION_ORIGIN in row.inner_text()
    submit(page, page.get_by_role("button", name="Revoke Art room laptop"))
    assert "Art room laptop can no longer use Social Guard's helper" in page.get_by_role("status").first.inner_text()
    assert page.get_by_role("row", name=re.compile("Art room laptop")).count() == 0
    assert site.api("POST", "/v1/check", check, token, OTHER_EXTENSION_ORIGIN)[0] == 401
    site.goto("/ui/")
    assert "Art room laptop" not in main_text(page)


# -- settings -----------------------------------------------------------------------------------------------
def test_settings_keep_what_was_typed_on_error_then_save_and_apply(site, page):
    site.goto("/ui/settings")
    page.get_by_label("Block the post until I fix it").check()
    page.get_by_label("Blocklist").fill("phish-example.net\nnot a domain")
    page.get_by_label("Keep the audit log for").fill("90")
    submit(page, page.get_by_role("button", name="Save settings"))
    summary = page.get_by_role("alert")
    assert "Nothing was saved yet" in summary.inner_text()
    assert "Line 2: “not a domain” is not a domain name" in main_text(page)
    assert page.get_by_label("Blocklist").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "error-summary"   # keyboard users land on the errors
    # Nothing lost: what was typed is still there.
    assert page.get_by_label("Blocklist").input_value() == "phish-example.net\nnot a domain"
    assert page.get_by_label("Block the post until I fix it").is_checked()
    page.get_by_label("Blocklist").fill("phish-example.net\nhttps://www.Other-Bad.example/login")
    submit(page, page.get_by_role("button", name="Save settings"))
    assert "Settings saved" in page.get_by_role("status").first.inner_text()
    page.reload()
    assert page.get_by_label("Block the post until I fix it").is_checked()
    assert page.get_by_label("Blocklist").input_value() == "phish-example.net\nwww.other-bad.example"
    assert page.get_by_label("Keep the audit log for").input_value() == "90"
    assert "molineschools.org" in page.get_by_label("Protected domains").input_value()
    # The checker uses the saved settings at once.
    token = site.token("Settings check")
    status, body = site.api("POST", "/v1/check", {"text": "see https://phish-example.net/win", "site": "facebook",
                                                   "surface": "post"}, token)
    assert status == 200
    assert "link.blocklisted" in [f["category"] for f in body["findings"]]
    # Back to warn, so the other tests see the default mode.
    page.get_by_label("Warn me and let me decide").check()
    submit(page, page.get_by_role("button", name="Save settings"))
    page.reload()
    assert page.get_by_label("Warn me and let me decide").is_checked()


def test_roster_import_when_available(site, page):
    site.goto("/ui/settings")
    if page.get_by_role("heading", name="Student roster").count() == 0:
        pytest.skip("helper/roster.py is not in this tree")
    page.get_by_label("Roster file (CSV or text, one full name a line)").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": b"first,last\nMaria,Gonzalez\nJamal,Washington\n"}])
    submit(page, page.get_by_role("button", name=re.compile("roster")).first)
    assert "Roster imported: 2 names" in page.get_by_role("status").first.inner_text()
    assert "A roster of 2 names is loaded." in main_text(page)
    assert "Gonzalez" not in page.content()
    submit(page, page.get_by_role("button", name="Remove the roster"))
    assert "No roster is loaded." in main_text(page)
    # Larger than the 5 MB the README promises: a clear page, nothing changed.
    page.get_by_label("Roster file (CSV or text, one full name a line)").set_input_files(
        files=[{"name": "huge.csv", "mimeType": "text/csv", "buffer": b"Ann Example\n" * 480_000}])
    submit(page, page.get_by_role("button", name="Import the roster"))
    assert page.locator("h1").inner_text() == "That is too large"
    site.goto("/ui/settings")
    assert "No roster is loaded." in main_text(page)


# -- the audit log ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeded(site):
    """Events sent the way the extension sends them (POST /v1/events)."""
    token = site.token("Audit seeder")
    now = datetime.now(timezone.utc)
    events = [
        {"kind": "warning_shown", "category": "pii.phone", "site": "facebook", "days": 1},
        {"kind": "warning_shown", "category": "pii.phone", "site": "facebook", "days": 2},
        {"kind": "choice", "category": "pii.phone", "site": "facebook", "days": 2, "choice": "edit"},
        {"kind": "warning_shown", "category": "link.shortener", "site": "x", "days": 10},
        {"kind": "warning_shown", "category": "conduct.profanity", "site": "instagram", "days": 40},
    ]
    sent = []
    for e in events:
        event = {"id": str(uuid.uuid4()), "time": iso(now - timedelta(days=e["days"])), "kind": e["kind"],
                 "category": e["category"], "rule": e["category"] + ".test", "site": e["site"], "surface": "post"}
        if "choice" in e:
            event["choice"] = e["choice"]
        sent.append(event)
    status, body = site.api("POST", "/v1/events", {"events": sent}, token)
    assert status == 200 and len(body["stored"]) == len(sent), body
    return sent


def rows(page):
    return page.locator("table.log tbody tr")


def test_audit_log_filters_by_site_category_and_date(site, page, seeded):
    site.goto("/ui/audit")
    page.get_by_label("Site").select_option("facebook")
    submit(page, page.get_by_role("button", name="Show"))
    assert rows(page).count() == 3
    assert all("Facebook" in t for t in rows(page).all_inner_texts())
    assert "Phone number" in rows(page).first.inner_text()
    page.get_by_label("Site").select_option("")
    page.get_by_label("Category").select_option("link")     # the group: every unsafe-link category
    submit(page, page.get_by_role("button", name="Show"))
    assert rows(page).count() == 1 and "Shortened link" in rows(page).first.inner_text()
    page.get_by_label("Category").select_option("")
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    page.get_by_label("From").fill(week_ago)
    submit(page, page.get_by_role("button", name="Show"))
    texts = rows(page).all_inner_texts()
    assert not any("Shortened link" in t or "Classroom language" in t for t in texts)
    assert sum("Phone number" in t for t in texts) == 3
    assert page.get_by_label("From").input_value() == week_ago
    page.get_by_label("From").fill("")
    page.get_by_label("To").fill((date.today() - timedelta(days=30)).isoformat())
    submit(page, page.get_by_role("button", name="Show"))
    assert rows(page).count() == 1 and "Classroom language" in rows(page).first.inner_text()


def test_audit_log_exports_csv_and_json_lines_without_any_text(site, page, seeded):
    site.goto("/ui/audit?site=facebook")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV (spreadsheet)").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    table = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    ids = {e["id"] for e in seeded if e["site"] == "facebook"}
    assert {r["id"] for r in table} == ids
    assert "text" not in table[0] and "draft" not in table[0]
    with page.expect_download() as info:
        page.get_by_role("link", name="JSON Lines").click()
    lines = [json.loads(line) for line in Path(info.value.path()).read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in lines} == ids
    assert {r["kind"] for r in lines} == {"warning_shown", "choice"}


# -- charts ---------------------------------------------------------------------------------------------------
def test_charts_show_warnings_over_time_by_category(site, page, seeded):
    site.goto("/ui/charts?span=days")
    chart = page.get_by_role("group", name="Warnings over time by category")
    assert chart.is_visible()
    assert page.get_by_role("link", name="Last 30 days").get_attribute("aria-current") == "true"
    # Three warnings in the last 30 days (two phone numbers, one shortened link); the choice is not one.
    assert "3 warnings in this period." in main_text(page)
    assert page.locator("svg.chart rect").count() >= 2
    page.get_by_text("The same numbers as a table").click()
    table = page.locator("details table")
    header = table.locator("thead th").all_inner_texts()
    pii = header.index("Personal information")
    links = header.index("Unsafe links")
    body = [r.locator("td").all_inner_texts() for r in table.locator("tbody tr").all()]
    assert sum(int(r[pii - 1]) for r in body) == 2
    assert sum(int(r[links - 1]) for r in body) == 1
    submit(page, page.get_by_role("link", name="Last 12 months"))
    assert "4 warnings in this period." in main_text(page)


def test_charts_count_not_a_problem_per_rule_in_english_and_spanish(site, page):
    token = site.token("False-positive seeder")
    now = datetime.now(timezone.utc)

    def ev(kind, rule, category, hours):
        return {"id": str(uuid.uuid4()), "time": iso(now - timedelta(hours=hours)), "kind": kind, "category": category,
                "rule": rule, "site": "x", "surface": "post"}
    sent = [ev("warning_shown", "pii.schedule", "pii.schedule", 3), ev("warning_shown", "pii.schedule", "pii.schedule", 2),
            ev("false_positive", "pii.schedule", "pii.schedule", 2), ev("false_positive", "pii.schedule", "pii.schedule", 1)]
    status, body = site.api("POST", "/v1/events", {"events": sent}, token)
    assert status == 200 and len(body["stored"]) == 4, body
    site.goto("/ui/charts?span=days")
    section = page.get_by_role("region", name="Marked “Not a problem?”")
    row = section.locator('tr[data-rule="pii.schedule"]')
    assert row.locator("td").all_inner_texts() == ["Personal schedule", "2", "2"]
    # The "Not a problem" clicks are not warnings: the chart's total leaves them out.
    assert page.get_by_role("link", name="Something I posted by mistake").is_visible()
    context = site.new_context(locale="es-ES")
    try:
        tab = context.new_page()
        assert tab.goto(site.new_login_url()).status == 200
        tab.goto(site.base + "/ui/charts?span=days")
        section = tab.get_by_role("region", name="Marcados como «¿No es un problema?»")
        assert section.locator('tr[data-rule="pii.schedule"] td').all_inner_texts()[1:] == ["2", "2"]
        nav = tab.get_by_role("navigation", name="Páginas")
        submit(tab, nav.get_by_role("link", name="Algo que publiqué por error"))
        assert tab.locator("h1").inner_text() == "Algo que publiqué por error"
    finally:
        context.close()


# -- report a mistake -----------------------------------------------------------------------------------------
def test_report_a_mistake_keeps_the_form_on_error_and_records_the_report(site, page):
    site.goto("/ui/report")
    description = "I posted my class schedule with my cell number by mistake."
    page.get_by_label("What happened? (optional)").fill(description)
    page.get_by_label("I removed the post").check()
    submit(page, page.get_by_role("button", name="Record the report"))
    assert "Where did it happen?" in page.get_by_role("alert").inner_text()
    assert "Choose the site, or “Other”." in page.locator("#site-error").inner_text()
    assert page.get_by_label("Where did it happen?").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("What happened? (optional)").input_value() == description
    assert page.get_by_label("I removed the post").is_checked()
    page.get_by_label("Where did it happen?").select_option(label="Facebook")
    page.get_by_label("What kind of information was it?").select_option(label="Phone number")
    submit(page, page.get_by_role("button", name="Record the report"))
    recorded = page.locator("#recorded")
    assert "Your report was recorded" in recorded.inner_text()
    summary = page.get_by_label("Summary for the Superintendent's office").input_value()
    assert "Superintendent" in summary and "facebook" in summary and "removed" in summary
    site.goto("/ui/audit?kind=report")
    assert rows(page).count() == 1
    row = rows(page).first.inner_text()
    assert "Report" in row and description in row and "Removed" in row


# -- training -------------------------------------------------------------------------------------------------
def fill_training(page, procedure: str, aup: str, last: str):
    page.get_by_label("Date you signed the Online Communication and Social Media Procedure").fill(procedure)
    page.get_by_label("Date you signed the Acceptable Use Policy 6:235").fill(aup)
    page.get_by_label("Date of your last social-media training").fill(last)
    submit(page, page.get_by_role("button", name="Save dates"))


def banner(page):
    return page.get_by_role("region", name="Training reminder")


def test_training_tracker_and_its_banner_on_every_page(site, page):
    today = date.today()
    site.goto("/ui/training")
    # A date in the future is refused, and the other dates typed are kept.
    fill_training(page, "2025-09-02", "2025-09-03", (today + timedelta(days=20)).isoformat())
    assert "This date is in the future." in main_text(page)
    assert page.get_by_label("Date you signed the Acceptable Use Policy 6:235").input_value() == "2025-09-03"
    # Renewal due within 30 days: a banner on every page.
    last = today - timedelta(days=350)
    fill_training(page, "2025-09-02", "2025-09-03", last.isoformat())
    renewal = training.one_year_after(last)
    assert page.locator("#renewal").inner_text().startswith(format_date(renewal, "en"))
    for path in ("/ui/", "/ui/settings", "/ui/audit", "/ui/charts"):
        site.goto(path)
        assert f"due for renewal by {format_date(renewal, 'en')}" in banner(page).inner_text(), path
    # Lapsed.
    site.goto("/ui/training")
    fill_training(page, "2025-09-02", "2025-09-03", (today - timedelta(days=400)).isoformat())
    assert "Your training has lapsed" in main_text(page)
    site.goto("/ui/pairing")
    assert "lapsed on" in banner(page).inner_text()
    # Renewed today: no banner anywhere.
    site.goto("/ui/training")
    fill_training(page, "2025-09-02", "2025-09-03", today.isoformat())
    assert "Your record is up to date" in main_text(page)
    site.goto("/ui/")
    assert banner(page).count() == 0
    # The entries are kept after a reload.
    site.goto("/ui/training")
    assert page.get_by_label("Date you signed the Online Communication and Social Media Procedure").input_value() == "2025-09-02"


# -- accessibility ----------------------------------------------------------------------------------------
def test_keyboard_navigation_labels_and_focus(site, page):
    site.goto("/ui/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to the main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tab from the top reaches the Settings link; Enter follows it.
    site.goto("/ui/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Settings":
            break
    else:
        pytest.fail("the Settings link is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link has no visible focus style"
    page.keyboard.press("Enter")
    page.wait_for_url(site.base + "/ui/settings")
    assert page.locator("nav a[aria-current=page]").inner_text() == "Settings"
    # Every form control on every page has a label.
    for path in ("/ui/", "/ui/pairing", "/ui/settings", "/ui/audit", "/ui/report", "/ui/training"):
        site.goto(path)
        unlabeled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map(el => el.name || el.id)""")
        assert unlabeled == [], (path, unlabeled)


# -- Spanish ------------------------------------------------------------------------------------------------
def test_spanish_from_the_browser_and_by_choice(site):
    context = site.new_context(locale="es-ES")
    try:
        tab = context.new_page()
        assert tab.goto(site.new_login_url()).status == 200
        assert tab.locator("html").get_attribute("lang") == "es"
        assert tab.locator("h1").inner_text() == "Estado"
        assert tab.get_by_role("heading", name="Social Guard está funcionando").is_visible()
        nav = tab.get_by_role("navigation", name="Páginas")
        assert nav.get_by_role("link", name="Configuración").is_visible()
        submit(tab, nav.get_by_role("link", name="Formación"))
        assert tab.get_by_label("Fecha de su última formación sobre redes sociales").is_visible()
        # The user picks English: it sticks across pages and reloads.
        tab.get_by_label("Idioma").select_option("en")
        submit(tab, tab.get_by_role("button", name="Cambiar"))
        assert tab.locator("html").get_attribute("lang") == "en"
        assert tab.locator("h1").inner_text() == "Training"
        tab.reload()
        assert tab.locator("h1").inner_text() == "Training"
        # And back to Spanish, by choice this time.
        tab.get_by_label("Language").select_option("es")
        submit(tab, tab.get_by_role("button", name="Change"))
        tab.goto(site.base + "/ui/charts")
        assert tab.locator("h1").inner_text() == "Gráficos"
        assert tab.get_by_role("group", name="Avisos a lo largo del tiempo, por categoría").is_visible()
        # Signing out ends this session only.
        submit(tab, tab.get_by_role("button", name="Cerrar sesión"))
        assert tab.locator("h1").inner_text() == "Ha cerrado la sesión"
        assert tab.goto(site.base + "/ui/").status == 401
        assert tab.locator("h1").inner_text() == "Abra Social Guard de nuevo"
        assert "python -m helper pages" in tab.locator("main").inner_text()
    finally:
        context.close()
        # Leave the choice unset again (the browser's language decides), for the other tests.
        from helper.storage.store import Store
        store = Store(site.helper.home / "social-guard.sqlite3")
        store.set_settings({"ui_language": None})
        store.close()


def test_signing_out_elsewhere_leaves_this_session_alone(site, page):
    site.goto("/ui/")
    assert page.locator("h1").inner_text() == "Status"


def test_pages_command_needs_a_running_helper(site):
    result = site.helper.cli("pages", "--port", str(free_port()))
    assert result.returncode == 2
    assert "no Social Guard helper answers" in result.stderr
    assert "token=" not in result.stdout


# -- without a browser --------------------------------------------------------------------------------------
def ui_strings() -> set[str]:
    helper = ROOT / "helper"
    found = set()
    for module in (helper / "web").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    pattern = re.compile(r'''_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')''')
    for template in (helper / "templates" / "web").glob("*.html"):
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            found.add(match.group(1) if match.group(1) is not None else match.group(2))
    from helper.web import core, labels, training as training_page
    for table in (labels.CATEGORY_NAMES, labels.CATEGORY_GROUPS, labels.KIND_NAMES, labels.CHOICE_NAMES,
                  labels.ACTION_NAMES, labels.REASONED_CHOICE_NAMES, labels.PHOTO_CHOICE_NAMES,
                  labels.REASONED_PHOTO_CHOICE_NAMES, labels.REASON_NAMES, labels.OUTCOME_NAMES,
                  labels.DECISION_KIND_NAMES, labels.SURFACE_NAMES):
        found.update(table.values())
    found.add(labels.SITE_NAMES["other"])   # platforms' own names are written the same in Spanish
    found.update(label for _endpoint, label in core.NAV)
    found.update(label for _key, label in training_page.ACK_FIELDS)
    return found


def test_every_string_on_the_pages_has_a_spanish_translation():
    catalog = json.loads((ROOT / "helper" / "translations" / "es.json").read_text(encoding="utf-8"))
    strings = ui_strings()
    assert len(strings) > 150
    missing = sorted(s for s in strings if s not in catalog)
    assert missing == []
    for english, spanish in catalog.items():
        assert set(re.findall(r"\{\w+\}", english)) == set(re.findall(r"\{\w+\}", spanish)), english


def test_training_status_dates():
    today = date(2026, 11, 24)
    full = {"procedure": "2025-09-01", "aup": "2025-09-01"}
    assert training.status({**full, "training": "2026-01-10"}, today).status == training.OK
    due = training.status({**full, "training": "2025-12-24"}, today)
    assert (due.status, due.renewal, due.days_left) == (training.DUE, date(2026, 12, 24), 30)
    assert training.status({**full, "training": "2025-12-25"}, today).status == training.OK
    assert training.status({**full, "training": "2025-11-24"}, today).status == training.DUE    # renews today
    lapsed = training.status({**full, "training": "2025-11-23"}, today)
    assert (lapsed.status, lapsed.days_left) == (training.LAPSED, -1)
    missing = training.status({"training": "2026-06-01"}, today)
    assert missing.status == training.MISSING and missing.missing == ["procedure", "aup"]
    assert training.status({}, today).needs_banner
    assert training.one_year_after(date(2024, 2, 29)) == date(2025, 2, 28)
    with pytest.raises(ValueError):
        training.validate_day("2026-02-30", today)
    with pytest.raises(ValueError):
        training.validate_day("2026-12-31", today)


def test_site_health_api(app, client, auth):
    body = {"site": "instagram", "composerFound": True, "dmSurfaceFound": False, "checkedAt": "2026-11-24T10:00:00Z"}
    assert client.post("/v1/site-health", json=body).status_code == 401
    assert client.post("/v1/site-health", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    for bad in ({**body, "composerFound": "yes"}, {**body, "checkedAt": "yesterday"}, {**body, "site": "Face Book"},
                {k: v for k, v in body.items() if k != "site"}, {**body, "text": "a draft"}):
        response = client.post("/v1/site-health", json=bad, headers=auth)
        assert response.status_code == 422, bad
        assert "error" in response.get_json()
    response = client.post("/v1/site-health", json=body, headers=auth)
    assert response.status_code == 200 and response.get_json() == {"stored": True}
    client.post("/v1/site-health", json={**body, "dmSurfaceFound": True}, headers=auth)
    health = app.extensions["sg.store"].site_health()
    assert len(health) == 1
    assert (health[0]["site"], health[0]["composer_found"], health[0]["dm_surface_found"]) == ("instagram", 1, 1)
    assert health[0]["browser_name"] == "Test browser"


def test_pages_link_gives_a_paired_browser_a_one_time_sign_in(app, client, auth):
    assert client.post("/v1/pages-link", json={}).status_code == 401   # a paired browser's token only
    r = client.post("/v1/pages-link", json={}, headers=auth)
    assert r.status_code == 200
    url = r.get_json()["url"]
    match = re.match(r"^http://(127\.0\.0\.1|localhost)(:\d+)?/ui/login\?token=([A-Za-z0-9_\-]+)$", url)
    assert match, url
    token = match.group(3)
    first = client.get(f"/ui/login?token={token}")
    assert first.status_code == 303 and first.headers["Location"].endswith("/ui/")
    again = client.get(f"/ui/login?token={token}")
    assert again.status_code == 403   # used once


def test_charts_lead_with_warnings_and_posted_anyway_split_by_outcome_and_site_with_bars_linking_to_the_log(site, page):
    token = site.token("Outcome seeder")
    now = datetime.now(timezone.utc)

    def ev(kind, site_id, choice=None, hours=1):
        e = {"id": str(uuid.uuid4()), "time": iso(now - timedelta(hours=hours)), "kind": kind, "category": "pii.email",
             "rule": "pii.email", "site": site_id, "surface": "post"}
        if choice:
            e["choice"] = choice
        return e
    sent = [ev("warning_shown", "x"), ev("choice", "x", "post_anyway"), ev("warning_shown", "instagram"),
            ev("choice", "instagram", "edit"), ev("warning_shown", "instagram")]
    status, body = site.api("POST", "/v1/events", {"events": sent}, token)
    assert status == 200, body
    site.goto("/ui/charts?span=days")
    headline = page.locator("#headline").inner_text()
    match = re.match(r"^(\d+) warnings · (\d+) posted anyway$", headline)
    assert match and int(match.group(1)) >= 3 and int(match.group(2)) >= 1, headline
    outcomes = page.get_by_role("region", name="What people did")
    assert int(outcomes.locator('tr[data-outcome="posted_anyway"] td').inner_text()) >= 1
    assert int(outcomes.locator('tr[data-outcome="edited"] td').inner_text()) >= 1
    sites = page.get_by_role("region", name="By site")
    assert int(sites.locator('tr[data-site="instagram"] td').inner_text()) >= 2
    # axe-core finds nothing serious on the chart with its links.
    page.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run(document)).violations.filter(v => ['serious', 'critical']"
                          ".includes(v.impact)).map(v => v.id)")
    assert found == []
    # Each bar is a link to that period's log; its total is written on it (not colour alone).
    today = date.today().isoformat()
    bar = page.locator(f'svg.chart a[href*="from={today}"]')
    assert bar.count() == 1
    total = bar.locator("text").text_content()
    assert int(total) >= 3
    submit(page, bar)
    assert page.url.startswith(site.base + "/ui/audit") and f"from={today}" in page.url
    assert rows(page).count() == int(total)
    submit(page, page.get_by_role("link", name="Charts"))
    site.goto("/ui/charts?span=days")
    submit(page, page.get_by_role("region", name="By site").get_by_role("link", name="Instagram"))
    assert all("Instagram" in t for t in rows(page).all_inner_texts())


# -- the audit log: one row per decision ---------------------------------------------------------------------
def test_the_audit_log_shows_one_row_per_decision_with_its_findings_and_outcome_in_english_and_spanish(site, page):
    token = site.token("Decision seeder")
    now = datetime.now(timezone.utc)

    def dialog(minutes, *answers, findings=("pii.phone.us", "pii.ssn"), **main):
        decision = str(uuid.uuid4())
        base = {"category": "pii.ssn", "rule": "pii.ssn", "site": "reddit", "surface": "comment", "decision": decision, **main}
        t = now - timedelta(minutes=minutes)
        sent = [{"id": str(uuid.uuid4()), "time": iso(t), "kind": "warning_shown", "findings": list(findings), **base}]
        for i, extra in enumerate(answers):
            sent.append({"id": str(uuid.uuid4()), "time": iso(t + timedelta(seconds=i + 1)), **base, **extra})
        return decision, sent
    posted, a = dialog(30, {"kind": "choice", "choice": "post_anyway", "reason": "district_account"})
    unanswered, b = dialog(20)
    photo = {"category": "image.student_photo", "rule": "image.faces"}
    place = {"category": "image.location", "rule": "image.gps"}
    added, c = dialog(10, {"kind": "choice", "choice": "continue", "reason": "consent_on_file", **photo},
                      {"kind": "choice", "choice": "post_anyway", "reason": "kept_location", **place},
                      findings=("image.faces", "image.gps"), **photo)
    status, body = site.api("POST", "/v1/events", {"events": a + b + c}, token)
    assert status == 200 and body["added"] == 6, body
    site.goto("/ui/audit?site=reddit")
    assert rows(page).count() == 3                      # six events, three decisions
    row = page.locator(f'table.log tr[data-decision="{posted}"]')
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["Warning", "Reddit", "Comment"]
    assert cells[3].splitlines() == ["Social Security number", "Phone number"]   # every finding, by its name
    assert cells[4] == "Posted anyway — reason: an approved district account"
    assert page.locator(f'tr[data-decision="{unanswered}"] td').last.inner_text() == "No answer"
    assert page.locator(f'tr[data-decision="{added}"] td').last.inner_text().splitlines() == [
        "Added the photo — answer: written consent is on file", "Added the photo — answer: the place is fine to share"]
    # Table markup a screen reader can follow: a caption, column headers, each row named by its time.
    table = page.locator("table.log")
    assert table.locator("caption").inner_text().startswith("3 entries")
    assert table.locator('thead th[scope="col"]').all_inner_texts() == ["Time", "What", "Site", "Where", "Findings", "Outcome"]
    assert table.locator('tbody th[scope="row"] time').count() == 3
    # A filter on a finding that is not the warning's main category still finds the whole decision.
    site.goto("/ui/audit?site=reddit&category=pii.phone")
    assert rows(page).count() == 2
    site.goto("/ui/audit?site=reddit&kind=choice")
    assert {r.get_attribute("data-decision") for r in rows(page).all()} == {posted, added}
    context = site.new_context(locale="es-ES")
    try:
        tab = context.new_page()
        assert tab.goto(site.new_login_url()).status == 200
        tab.goto(site.base + "/ui/audit?site=reddit")
        cells = tab.locator(f'table.log tr[data-decision="{posted}"] td').all_inner_texts()
        assert cells[:3] == ["Aviso", "Reddit", "Comentario"]
        assert cells[4] == "Publicó de todos modos — motivo: una cuenta aprobada del distrito"
        assert tab.locator(f'tr[data-decision="{unanswered}"] td').last.inner_text() == "Sin respuesta"
        assert tab.locator("table.log thead th").all_inner_texts()[-2:] == ["Hallazgos", "Resultado"]
    finally:
        context.close()
