"""Fixtures shared by every test module: the rules, a real app on a real SQLite file with the real
keyring, a paired browser, and a real helper process on a real port."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from helper.app import create_app
from helper.config import Config
from helper.rules.loader import load_bundle
from tests.support.app_client import client_for
from tests.support.helper_process import HelperProcess
from tests.support.origins import EXTENSION_ORIGIN
from tests.support.ports import free_port


@pytest.fixture(scope="session")
def bundle():
    return load_bundle()


@pytest.fixture
def keyring_service():
    """A keyring entry of the test's own, removed afterwards."""
    name = f"social-guard-test-{uuid.uuid4().hex[:12]}"
    yield name
    from helper.security.keyring_secret import forget_secret_key
    try:
        forget_secret_key(name)
    except Exception:
        pass


@pytest.fixture
def config(tmp_path, keyring_service) -> Config:
    return Config(home=tmp_path / "home", port=free_port(), keyring_service=keyring_service, testing=True)


@pytest.fixture
def app(config):
    app = create_app(config)
    yield app
    app.extensions["sg.store"].close()


@pytest.fixture
def client(app, config):
    return client_for(app, f"127.0.0.1:{config.port}")


@pytest.fixture
def pair(app, client):
    """pair(origin=EXTENSION_ORIGIN, name=...) -> token, through the real /v1/pair route."""
    def do_pair(origin: str = EXTENSION_ORIGIN, name: str = "Test browser") -> str:
        code = app.extensions["sg.pairing"].new_code()
        response = client.post("/v1/pair", json={"code": code, "name": name}, headers={"Origin": origin})
        assert response.status_code == 200, response.get_json()
        return response.get_json()["token"]
    return do_pair


@pytest.fixture
def token(pair) -> str:
    return pair()


@pytest.fixture
def auth(token) -> dict:
    return {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}


@pytest.fixture
def helper_process(tmp_path, keyring_service):
    helper = HelperProcess(tmp_path / "helper-home", free_port(), keyring_service)
    helper.start()
    yield helper
    helper.stop()


@pytest.fixture(scope="session")
def pw():
    """The one Playwright of the whole run: the page tests and the browser tests share it, because
    a second sync_playwright() cannot start while the first one's event loop is running."""
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("Python Playwright is not installed (python3 build.py test installs it)")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        yield p

