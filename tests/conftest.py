"""Fixtures shared by every test module: the rules, a real app on a real SQLite file with the real
keyring, a paired browser, and a real helper process on a real port."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helper.app import create_app  # noqa: E402
from helper.config import Config  # noqa: E402
from helper.engine import load_bundle  # noqa: E402

# A well-formed Chrome extension origin (32 letters a-p) for tests that act as the extension.
EXTENSION_ORIGIN = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"
OTHER_EXTENSION_ORIGIN = "chrome-extension://" + "ponmlkjihgfedcbaponmlkjihgfedcba"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def bundle():
    return load_bundle()


@pytest.fixture
def keyring_service():
    """A keyring entry of the test's own, removed afterwards."""
    name = f"social-guard-test-{uuid.uuid4().hex[:12]}"
    yield name
    from helper.secrets import forget_secret_key
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


def client_for(app, host: str):
    """A test client whose requests carry this Host header (the helper checks it exactly)."""
    client = app.test_client()
    plain_open = client.open

    def open_with_host(*args, **kwargs):
        kwargs.setdefault("base_url", f"http://{host}")
        return plain_open(*args, **kwargs)

    client.open = open_with_host
    return client


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


class HelperProcess:
    """A real `python -m helper serve` on a real port, with its own data folder."""

    def __init__(self, home: Path, port: int, keyring_service: str):
        self.home, self.port, self.keyring_service = home, port, keyring_service
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None
        self.output: list[str] = []

    def env(self) -> dict:
        return dict(os.environ, SOCIAL_GUARD_HOME=str(self.home), SOCIAL_GUARD_KEYRING_SERVICE=self.keyring_service,
                    PYTHONUNBUFFERED="1")

    def start(self, timeout: float = 20.0) -> "HelperProcess":
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "helper", "serve", "--port", str(self.port), "--no-window"],
            cwd=ROOT, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("helper exited:\n" + self.proc.stdout.read())
            try:
                with urllib.request.urlopen(self.base + "/v1/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("helper did not answer /v1/health in time")

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "helper", *args], cwd=ROOT, env=self.env(),
                              capture_output=True, text=True, timeout=60)

    def pairing_code(self) -> str:
        result = self.cli("pair")
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    def request(self, method: str, path: str, body=None, headers: dict | None = None):
        """(status, parsed JSON) for one request; never raises on HTTP errors."""
        data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={
            **({"Content-Type": "application/json"} if data is not None else {}), **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def pair(self, origin: str = EXTENSION_ORIGIN, name: str = "Test browser") -> str:
        status, body = self.request("POST", "/v1/pair", {"code": self.pairing_code(), "name": name}, {"Origin": origin})
        assert status == 200, body
        return body["token"]

    def stop(self, sig=None) -> None:
        if self.proc and self.proc.poll() is None:
            if sig is None:
                self.proc.terminate()
            else:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.output.append(self.proc.stdout.read())


@pytest.fixture
def helper_process(tmp_path, keyring_service):
    helper = HelperProcess(tmp_path / "helper-home", free_port(), keyring_service)
    helper.start()
    yield helper
    helper.stop()
