"""Small helpers shared by the e2e tests: finding Social Guard's warnings the way a user (or a
screen reader) would, and typing into the look-alike editors."""
from __future__ import annotations

import time

WARNING = '[role="alertdialog"]'
COMMENT = '[aria-label="Write a comment…"]'  # the look-alike Facebook's comment box


def warning(page, category: str | None = None):
    sel = WARNING + (f'[data-guard-category="{category}"]' if category else "")
    return page.locator(sel)


def expect_warning(page, category: str, timeout: float = 5000):
    loc = warning(page, category)
    loc.wait_for(state="visible", timeout=timeout)
    return loc


def no_warning(page, wait_ms: int = 600) -> bool:
    page.wait_for_timeout(wait_ms)
    return page.locator(WARNING).count() == 0


def accessible_name(page) -> str:
    """The warning's accessible name, as assistive technology computes it (aria-labelledby)."""
    return page.locator(WARNING).evaluate(
        "d => (d.getRootNode().getElementById(d.getAttribute('aria-labelledby')) || {}).textContent || ''")


def choose(page, label: str) -> None:
    page.locator(WARNING).get_by_role("button", name=label).click()


def continue_with_reason(page, reason: str = "district_account") -> None:
    page.locator(WARNING).locator("select").select_option(reason)
    choose(page, "Continue")


def typing(page, selector: str, text: str) -> None:
    page.click(selector)
    page.keyboard.type(text, delay=5)


def focused_is(page, selector: str) -> bool:
    return page.evaluate("(s) => { const e = document.querySelector(s); return !!e && (document.activeElement === e || e.contains(document.activeElement)); }", selector)


def send_comment(page, text: str) -> None:
    """Types `text` into the look-alike Facebook's comment box and sends it with Enter."""
    page.goto("https://www.facebook.com/")
    page.click(COMMENT)
    page.keyboard.type(text, delay=2)
    page.keyboard.press("Enter")


def wait_until(fn, what: str, timeout: float = 10.0):
    """For state outside the page (the extension's storage, the helper's records): fn's first true value."""
    end = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
