"""Fixtures for the real-browser tests: the built extension, the HTTPS look-alike sites, Chromium
with the extension loaded (one persistent context for the session), a control page on the
extension's origin to set its storage, and the real helper (started only by tests that need it)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from browser import extension_id, launch  # noqa: E402
from siteserver import SiteServer, resolver_rules  # noqa: E402
from spanish import SpanishBrowser  # noqa: E402

try:
    from playwright import sync_api as playwright_sync
except ImportError:  # the browser tests skip themselves (see the `pw` fixture)
    playwright_sync = None

VENV_PY = ROOT / ".venv" / "bin" / "python"
CLOSED_PORT_URL = "http://127.0.0.1:9"  # nothing listens there: "helper down"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class Helper:
    def __init__(self, home: Path, port: int, proc: subprocess.Popen, env: dict):
        self.home, self.port, self.proc, self.env = home, port, proc, env
        self.url = f"http://127.0.0.1:{port}"

    def pair_code(self) -> str:
        out = subprocess.run([str(VENV_PY), "-m", "helper", "pair"], env=self.env, cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0 and "keyring" in (out.stderr + out.stdout).lower():
            pytest.skip("the helper needs an OS keyring to pair: run under tests/with-keyring.sh (build.py test does)")
        assert out.returncode == 0, out.stderr
        return out.stdout.strip().splitlines()[-1].strip()


@pytest.fixture(scope="session")
def helper(tmp_path_factory):
    """The real helper, serving on a free port with its own data folder."""
    if not VENV_PY.exists():
        pytest.skip("no .venv: run python3 build.py setup")
    home = tmp_path_factory.mktemp("helper-home")
    port = free_port()
    env = dict(os.environ, SOCIAL_GUARD_HOME=str(home), HOME=str(home))
    log = open(home / "serve.log", "w")
    proc = subprocess.Popen([str(VENV_PY), "-m", "helper", "serve", "--port", str(port), "--no-window"],
                            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1) as r:
                json.load(r)
                break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("helper did not start: " + (home / "serve.log").read_text())
    if proc.poll() is not None:
        pytest.fail("helper exited: " + (home / "serve.log").read_text())
    yield Helper(home, port, proc, env)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def paired(page, ext, helper):
    """Pair the extension with the real helper through the popup, as a person would."""
    ext.pair(helper.pair_code(), helper.url)
    yield helper
    ext.reset()


def npx() -> str | None:
    return shutil.which("npx")
