"""Shared set-up of the Firefox end-to-end tests: Debian's firefox-esr over Marionette with the real
extension (built for Firefox into a temp folder), and the look-alike sites at their real host names
through a local CONNECT proxy. Each test module gets one Firefox (it starts slowly on a 2-core
machine); a module that needs another (a Spanish one) defines its own `firefox` fixture."""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

if not shutil.which(os.environ.get("SOCIAL_GUARD_FIREFOX", "firefox-esr")) \
        or importlib.util.find_spec("marionette_driver") is None:
    # firefox-esr and marionette_driver come with `build.py test` (apt, and the pip extra `test`).
    collect_ignore_glob = ["test_*.py"]
else:
    sys.path[:0] = [str(HERE), str(HERE.parent / "e2e"), str(HERE.parent)]

    from connect_proxy import ConnectProxy  # noqa: E402
    from firefox_session import FirefoxSession  # noqa: E402
    from siteserver import HOSTS, SiteServer  # noqa: E402

    @pytest.fixture(scope="module")
    def site(tmp_path_factory):
        server = SiteServer(tmp_path_factory.mktemp("ff-cert"))
        server.start()
        yield server
        server.stop()

    @pytest.fixture(scope="module")
    def ext_dir(tmp_path_factory):
        from buildtools.extension import build
        return Path(build(ROOT, tmp_path_factory.mktemp("ff-dist"))["firefox"])

    @pytest.fixture(scope="module")
    def firefox(site, ext_dir, tmp_path_factory):
        proxy = ConnectProxy(HOSTS, site.port)
        proxy.start()
        session = FirefoxSession(tmp_path_factory.mktemp("firefox"), proxy.port)
        try:
            session.start(ext_dir)
            yield session
        finally:
            session.stop()
            proxy.stop()

    @pytest.fixture
    def ff(firefox, site):
        firefox.reset()
        site.clear()
        return firefox
