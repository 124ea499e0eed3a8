"""Helpers shared by the test modules of every folder (tests/ and tests/e2e/).

They live here, not in conftest.py, because both folders have a conftest.py and a test module
that imports from `conftest` would get whichever one pytest imported first."""
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

ROOT = Path(__file__).resolve().parent.parent
VENV_PY = ROOT / ".venv" / "bin" / "python"

# A well-formed Chrome extension origin (32 letters a-p) for tests that act as the extension.
EXTENSION_ORIGIN = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"
OTHER_EXTENSION_ORIGIN = "chrome-extension://" + "ponmlkjihgfedcbaponmlkjihgfedcba"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client_for(app, host: str):
    """A test client whose requests carry this Host header (the helper checks it exactly)."""
    client = app.test_client()
    plain_open = client.open

    def open_with_host(*args, **kwargs):
        kwargs.setdefault("base_url", f"http://{host}")
        return plain_open(*args, **kwargs)

    client.open = open_with_host
    return client


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
        # A "free" port can be taken by another program between free_port() and serve's bind.
        # serve then exits at once saying so: take another port, rather than talk to whoever
        # answers on the old one.
        for _ in range(5):
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "helper", "serve", "--port", str(self.port), "--no-window"],
                cwd=ROOT, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if self._wait_healthy(timeout):
                return self
            output = self.proc.stdout.read()
            if "cannot listen" not in output:
                raise RuntimeError("helper exited:\n" + output)
            self.port = free_port()
            self.base = f"http://127.0.0.1:{self.port}"
        raise RuntimeError("no free port for the helper")

    def _wait_healthy(self, timeout: float) -> bool:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.base + "/v1/health", timeout=1) as r:
                    if r.status == 200 and self.proc.poll() is None:
                        return True
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


# ---- signed rule packs ------------------------------------------------------------------------------
PACK_VERSION = "2099.1.1.1"
# A rule a district might add in its own pack: a matter that must stay confidential.
DISTRICT_RULE = {
    "id": "district.project_bluebird",
    "category": "confidential",
    "severity": "block",
    "policy": "confidential",
    "message": {"en": "Project Bluebird is a confidential district matter. Do not post about it.",
                "es": "El Proyecto Bluebird es un asunto confidencial del distrito. No publique sobre él."},
    "match": {"type": "regex", "flags": "i", "pattern": "\\bproject bluebird\\b"},
}


def signed_pack_with_rule(tmp_path: Path, rule: dict, version: str) -> tuple[Path, Path]:
    """A signed pack of the shipped rules plus one rule, at `version`, and the public key to trust."""
    from helper import rulepack
    folder = tmp_path / "pack-src"
    shutil.copytree(ROOT / "shared_rules", folder, ignore=shutil.ignore_patterns("vectors", "schema", "*.md"))
    rules = json.loads((folder / "rules.json").read_text(encoding="utf-8"))
    rules["rules"].append(rule)
    (folder / "rules.json").write_text(json.dumps(rules, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    key, pub = rulepack.keygen(tmp_path / "keys")
    signed = tmp_path / "district.signed"
    rulepack.sign_pack(folder, key, signed, version=version)
    return signed, pub


def install_pack(home: Path, signed: Path, pub: Path) -> None:
    """Installs a signed pack into a helper's data folder, as `rules install` does."""
    from helper import rulepack
    rulepack.PackStore(rulepack.rulepack_dir(home)).install(signed.read_bytes(), rulepack.load_public_key(pub))
