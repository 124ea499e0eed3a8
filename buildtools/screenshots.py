"""`python3 build.py screenshots`: pictures of every warning, the popup and every page of the helper,
in English and Spanish, written to docs/screenshots/<language>/ with an index (docs/screenshots/
README.md), so a district can see the product before installing it. The real extension in Debian's
Chromium on the look-alike pages the tests use, and a real helper with its own data folder (run under
a keyring session: build.py does). Run as: python buildtools/screenshots.py ROOT."""
from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

LANGUAGES = {"en": "en-US", "es": "es-ES"}
COMMENT = '[aria-label="Write a comment…"]'
DRAFTS = {
    "en": {"check": "Call me at 309-555-0142 after the game", "must-fix": "Call 309-555-0142, Jordan's SSN is 123-45-6789",
           "address": "Drop the forms at 4612 Oak Street tonight"},
    "es": {"check": "Llámame al 309-555-0142 después del partido", "must-fix": "Llame al 309-555-0142, el SSN de Jordan es 123-45-6789",
           "address": "Deje los formularios en 4612 Oak Street esta noche"},
}
TITLES = {
    "dialog-check": "A “Check” finding (phone number), with Do this instead",
    "dialog-check-why": "The same, with Why? open",
    "dialog-must-fix": "“Must fix” before “Check”: a reason is needed to post",
    "dialog-address-copy": "A home address: the office address in a copy to paste",
    "dialog-dm": "The DM cover, with the approved channels",
    "dialog-link": "An unsafe link",
    "dialog-channel": "The banner on a channel the district has not approved",
    "dialog-photo": "A photo: consent first, the post stays in view",
    "popup": "The toolbar popup",
    "popup-confirm": "Turning protection off asks first",
    "popup-paired": "The popup, paired with the helper",
}
PAGES = [("status", "/ui/"), ("pairing", "/ui/pairing"), ("settings", "/ui/settings"), ("audit", "/ui/audit"),
         ("charts", "/ui/charts"), ("report", "/ui/report"), ("training", "/ui/training"),
         ("photo-consent", "/ui/photo-consent")]


def login_url(helper) -> str:
    out = helper.cli("pages", "--port", str(helper.port))
    if out.returncode != 0:
        raise SystemExit("could not sign in to the helper's pages: " + out.stderr)
    return out.stdout.strip().splitlines()[-1]


def wait_dialog(page, category: str):
    loc = page.locator(f'[role="alertdialog"][data-guard-category="{category}"]')
    loc.wait_for(state="visible", timeout=15000)
    return loc


def dialogs(page, language: str, out: Path, shots: list) -> None:
    def shot(name):
        page.screenshot(path=str(out / f"{name}.png"))
        shots.append(name)

    def comment(text, category):
        page.goto("https://www.facebook.com/")
        page.click(COMMENT)
        page.keyboard.type(text, delay=1)
        page.keyboard.press("Enter")
        return wait_dialog(page, category)

    d = comment(DRAFTS[language]["check"], "pii.phone")
    shot("dialog-check")
    d.locator('[data-role="why"]').click()
    shot("dialog-check-why")
    comment(DRAFTS[language]["must-fix"], "pii.ssn")
    shot("dialog-must-fix")
    d = comment(DRAFTS[language]["address"], "pii.address")
    d.locator('[data-role="use-replacement"]').click()
    d.locator('[data-role="copy-box"]').wait_for()
    shot("dialog-address-copy")
    page.goto("https://www.instagram.com/direct/t/555/")
    wait_dialog(page, "direct_message").locator('[data-role="approved-channel"]').first.wait_for()
    shot("dialog-dm")
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="unsafe-link"]')
    wait_dialog(page, "link.ip_literal")
    shot("dialog-link")
    page.goto("https://www.tiktok.com/")
    wait_dialog(page, "unapproved_channel")
    shot("dialog-channel")
    from test_photos import SITES, astronaut, open_site, pick, to_bytes
    open_site(page, SITES[0])
    pick(page, "science-fair.jpg", to_bytes(astronaut()))
    wait_dialog(page, "image.student_photo")
    shot("dialog-photo")


def popup(ctx, origin: str, out: Path, shots: list) -> None:
    page = ctx.new_page()
    page.set_viewport_size({"width": 420, "height": 640})
    page.goto(f"{origin}/popup/popup.html")
    page.wait_for_selector('#helper-state:not([data-state="unknown"])')
    page.screenshot(path=str(out / "popup.png"), full_page=True)
    shots.append("popup")
    page.locator("#sites input").nth(3).click()
    page.locator(".confirm").wait_for()
    page.screenshot(path=str(out / "popup-confirm.png"), full_page=True)
    shots.append("popup-confirm")
    page.close()


def pair(ctx, origin: str, helper, out: Path, shots: list) -> None:
    """Pairs through the popup, as a person would; the warnings shown so far then reach the helper's
    audit log and charts, so their pages show what a district would see."""
    before = stored_events(helper)
    page = ctx.new_page()
    page.set_viewport_size({"width": 420, "height": 640})
    page.goto(f"{origin}/popup/popup.html")
    page.fill("#pair-code", helper.pairing_code())
    page.fill("#pair-url", helper.base)
    page.click("#pair-button")
    page.wait_for_selector('#pair-result[data-ok="true"]')
    page.reload()
    page.wait_for_selector('#helper-state[data-state="connected"]')
    page.screenshot(path=str(out / "popup-paired.png"), full_page=True)
    shots.append("popup-paired")
    page.close()
    deadline = time.monotonic() + 30
    while stored_events(helper) <= before and time.monotonic() < deadline:
        time.sleep(0.2)   # the extension's event queue is sent on pairing


def stored_events(helper) -> int:
    path = helper.home / "social-guard.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def helper_pages(ctx, helper, language: str, out: Path, shots: list) -> None:
    page = ctx.new_page()
    page.goto(login_url(helper))
    page.goto(f"{helper.base}/ui/")
    page.get_by_label(re.compile("^(Language|Idioma)$")).select_option(language)   # whichever the page is in now
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^(Change|Cambiar)$")).click()
    for name, path in PAGES:
        page.goto(f"{helper.base}{path}")
        page.screenshot(path=str(out / f"page-{name}.png"), full_page=True)
        shots.append(f"page-{name}")
    page.close()


def main(root: Path) -> int:
    root = Path(root).resolve()
    sys.path[:0] = [str(root / "tests" / "e2e"), str(root / "tests"), str(root)]
    from playwright.sync_api import sync_playwright

    from browser import extension_id, launch
    from buildtools.extension import build
    from tests.support.helper_process import HelperProcess
    from tests.support.ports import free_port
    from tests.support.siteserver import SiteServer, resolver_rules

    tmp = Path(tempfile.mkdtemp(prefix="social-guard-shots-"))
    ext = Path(build(root, tmp / "dist")["chrome"])
    server = SiteServer(tmp / "cert")
    server.start()
    (tmp / "helper").mkdir()
    helper = HelperProcess(tmp / "helper", free_port(), f"social-guard-shots-{uuid.uuid4().hex[:8]}").start(timeout=60)
    docs = root / "docs" / "screenshots"
    index = {}
    try:
        with sync_playwright() as p:
            for language, lang in LANGUAGES.items():
                out = docs / language
                out.mkdir(parents=True, exist_ok=True)
                shots: list[str] = []
                ctx = launch(p, ext, tmp / f"profile-{language}", tmp, resolver_rules(server.port), lang=lang)
                try:
                    origin = f"chrome-extension://{extension_id(ctx)}"
                    page = ctx.new_page()
                    page.set_default_timeout(15000)
                    dialogs(page, language, out, shots)
                    page.close()
                    popup(ctx, origin, out, shots)
                    pair(ctx, origin, helper, out, shots)
                    helper_pages(ctx, helper, language, out, shots)
                finally:
                    ctx.close()
                index[language] = shots
    finally:
        helper.stop()
        server.stop()
    lines = ["# Screenshots", "", "Every warning, the popup and every page of the helper, in English and Spanish, made by",
             "`python3 build.py screenshots` with the real extension in Chromium and a real helper.", ""]
    for language, shots in index.items():
        lines += [f"## {'English' if language == 'en' else 'Español'}", ""]
        for name in shots:
            title = TITLES.get(name, "The helper's " + name.removeprefix("page-") + " page")
            lines.append(f"- [{title}]({language}/{name}.png)")
        lines.append("")
    (docs / "README.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"screenshots: {sum(len(s) for s in index.values())} written to {docs}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]))
