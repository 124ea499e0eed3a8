"""Shared set-up of the Firefox end-to-end tests: Debian's firefox-esr over Marionette with the real
extension (built for Firefox into a temp folder), and the look-alike sites at their real host names
through a local CONNECT proxy. Each test module gets one Firefox (it starts slowly on a 2-core
machine); a module that also asks for `firefox_es` gets a Spanish one too."""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from tests.support.paths import ROOT


if not shutil.which(os.environ.get("SOCIAL_GUARD_FIREFOX", "firefox-esr")) \
        or importlib.util.find_spec("marionette_driver") is None:
    # firefox-esr and marionette_driver come with `build.py test` (apt, and the pip extra `test`).
    collect_ignore_glob = ["test_*.py"]
else:
    from connect_proxy import ConnectProxy
    from firefox_session import SPANISH_LANGPACK, FirefoxSession, language_prefs
    from tests.support.siteserver import HOSTS, SiteServer

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

    def running_firefox(site, ext_dir, folder, prefs=None):
        proxy = ConnectProxy(HOSTS, site.port)
        proxy.start()
        session = FirefoxSession(folder, proxy.port, prefs)
        try:
            session.start(ext_dir)
            yield session
        finally:
            session.stop()
            proxy.stop()

    @pytest.fixture(scope="module")
    def firefox(request, site, ext_dir, tmp_path_factory):
        # A module that compares languages sets FIREFOX_PREFS = language_prefs("en-US"), so that its
        # English Firefox is set up as its Spanish one is.
        yield from running_firefox(site, ext_dir, tmp_path_factory.mktemp("firefox"),
                                   getattr(request.module, "FIREFOX_PREFS", None))

    @pytest.fixture(scope="module")
    def firefox_es(site, ext_dir, tmp_path_factory):
        if not SPANISH_LANGPACK.exists():
            pytest.skip("Firefox's Spanish language pack is not installed (apt-get install -y firefox-esr-l10n-es-es)")
        yield from running_firefox(site, ext_dir, tmp_path_factory.mktemp("firefox-es"), language_prefs("es-ES"))

    @pytest.fixture
    def ff(firefox, site):
        firefox.reset()
        site.clear()
        return firefox

    @pytest.fixture
    def ff_es(firefox_es, site):
        firefox_es.reset()
        site.clear()
        return firefox_es

    @pytest.fixture(params=["en", "es"])
    def session(request, site):
        """The module's English, then its Spanish Firefox, reset, with `language` set."""
        s = request.getfixturevalue("firefox" if request.param == "en" else "firefox_es")
        s.reset()
        site.clear()
        s.language = request.param
        assert s.ext_script("return browser.i18n.getUILanguage()").startswith(request.param)
        return s
