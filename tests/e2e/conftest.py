"""Fixtures for the real-browser tests: the built extension, the HTTPS look-alike sites, Chromium
with the extension loaded (one persistent context for the session), a control page on the
extension's origin to set its storage, and the real helper (started only by tests that need it)."""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from browser import extension_id, launch
from spanish import SpanishBrowser
from tests.support.helper_process import HelperProcess
from tests.support.paths import ROOT
from tests.support.ports import free_port
from tests.support.siteserver import SiteServer, resolver_rules

try:
    from playwright import sync_api as playwright_sync
except ImportError:  # the browser tests skip themselves (see the `pw` fixture)
    playwright_sync = None

CLOSED_PORT_URL = "http://127.0.0.1:9"  # nothing listens there: "helper down"


@pytest.fixture(scope="session")
def built_ext(tmp_path_factory) -> Path:
    from buildtools.extension import build

    dist = tmp_path_factory.mktemp("dist")
    return Path(build(ROOT, dist)["chrome"])


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    server = SiteServer(tmp_path_factory.mktemp("cert"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ctx(pw, built_ext, site, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    context = launch(pw, built_ext, home / "profile", home, resolver_rules(site.port))
    yield context
    context.close()


class Ext:
    """The extension under test, driven through one of its own pages."""

    def __init__(self, context):
        self.ctx = context
        self.id = extension_id(context)
        self.origin = f"chrome-extension://{self.id}"
        self.control = context.new_page()
        self.control.goto(f"{self.origin}/popup/popup.html")
        # The first status answer also warms the service worker (rule bundle, engine, and
        # Chromium's first storage.managed read, which takes seconds) before any test times it.
        self.control.wait_for_function("() => /^\\d+$/.test(document.querySelector('#warnings-week').textContent)",
                                       timeout=30000)

    def set(self, items: dict) -> None:
        self.control.evaluate("(items) => chrome.storage.local.set(items)", items)

    def get(self, keys):
        return self.control.evaluate("(keys) => chrome.storage.local.get(keys)", keys)

    def remove(self, keys) -> None:
        self.control.evaluate("(keys) => chrome.storage.local.remove(keys)", keys)

    def reset(self, helper_url: str = CLOSED_PORT_URL) -> None:
        """Every site on, warn mode, helper unpaired and unreachable."""
        self.remove(["sites", "mode", "visited", "health", "eventQueue", "syncedRules"])
        self.set({"helper": {"url": helper_url}})
        self.control.evaluate("() => chrome.storage.session && chrome.storage.session.clear()")

    def pair(self, code: str, url: str) -> None:
        """Pair with a helper through the popup, as a person would, and check it worked."""
        pop = self.popup()
        pop.fill("#pair-code", code)
        pop.fill("#pair-url", url)
        pop.click("#pair-button")
        pop.wait_for_selector("#pair-result[data-ok]")
        assert pop.get_attribute("#pair-result", "data-ok") == "true", pop.inner_text("#pair-result")
        pop.close()

    def popup(self):
        page = self.ctx.new_page()
        page.goto(f"{self.origin}/popup/popup.html")
        return page


@pytest.fixture(scope="session")
def ext(ctx) -> Ext:
    return Ext(ctx)


@pytest.fixture
def page(ctx, ext, site):
    ext.reset()
    site.clear()
    p = ctx.new_page()
    p.set_default_timeout(5000)
    yield p
    p.close()


@pytest.fixture(scope="module")
def spanish(pw, built_ext, site, tmp_path_factory) -> SpanishBrowser:
    """A second Chromium in Spanish, for the module that asks for it."""
    browser = SpanishBrowser(pw, built_ext, site, tmp_path_factory.mktemp("es"))
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def helper(tmp_path_factory):
    """The real helper, serving on a free port with its own data folder and keyring entry."""
    home = tmp_path_factory.mktemp("helper-home")
    process = HelperProcess(home, free_port(), f"social-guard-e2e-{uuid.uuid4().hex[:10]}", env={"HOME": str(home)})
    process.start(timeout=30)
    yield process
    process.stop()
    process.forget_keyring_entry()


@pytest.fixture
def paired(page, ext, helper):
    """Pair the extension with the real helper through the popup, as a person would."""
    ext.pair(helper.pairing_code(), helper.base)
    yield helper
    ext.reset()


def npx() -> str | None:
    return shutil.which("npx")
