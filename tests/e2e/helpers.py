"""Small helpers shared by the e2e tests: finding Social Guard's warnings the way a user (or a
screen reader) would, and typing into the look-alike editors."""
from __future__ import annotations

WARNING = '[role="alertdialog"]'
COMMENT = '[aria-label="Write a comment…"]'  # the look-alike Facebook's comment box


def warning(page, category: str | None = None):
    sel = WARNING + (f'[data-guard-category="{category}"]' if category else "")
    return page.locator(sel)


def expect_warning(page, category: str, timeout: float = 5000):
    loc = warning(page, category)
    loc.wait_for(state="visible", timeout=timeout)
    return loc


def guard_state(page) -> str | None:
    """<html data-guard-state>: one word the content scripts write for what they are doing
    (extension/README.md, "Test hooks")."""
    return page.evaluate("() => document.documentElement.getAttribute('data-guard-state')")


def wait_guard_state(page, *states: str, timeout: float = 5000) -> str:
    """Waits until data-guard-state is one of `states` and returns it; on timeout, says which state
    the page is in instead."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        page.wait_for_function("(states) => states.includes(document.documentElement.getAttribute('data-guard-state'))",
                               arg=list(states), timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"data-guard-state is {guard_state(page)!r} after {timeout:g} ms, "
                             f"not one of {list(states)}") from None
    return guard_state(page)


def forget_guard_state(page) -> None:
    """Removes data-guard-state, so that the next wait sees only what the scripts write after this
    (a "clear" left by an earlier check would otherwise answer for the next one)."""
    page.evaluate("() => document.documentElement.removeAttribute('data-guard-state')")


def no_warning(page, timeout: float = 5000) -> bool:
    """The check the test set off has answered with nothing to show (data-guard-state "clear"), and
    no warning is open."""
    wait_guard_state(page, "clear", timeout=timeout)
    return page.locator(WARNING).count() == 0


def nothing_shown(page, timeout: float = 5000) -> bool:
    """Nothing is being checked and no warning is up: the scripts are idle (started with nothing to
    cover, or a warning just closed) or their last check answered clear."""
    wait_guard_state(page, "idle", "clear", timeout=timeout)
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

