"""A real `python -m helper serve` on a real port, with its own data folder and keyring entry: the one
way the unit tests, the browser tests, the screenshots and the benchmarks start a helper process."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.origins import EXTENSION_ORIGIN
from tests.support.paths import ROOT
from tests.support.ports import free_port


class HelperProcess:
    """`serve --no-window` on `port`, data in `home`, its secret key under `keyring_service`.
    `env` adds to the process environment; `serve_args` are more arguments of `serve` (e.g. --threads).
    Everything it prints is kept, line by line, in `output` (read as it comes, so the pipe never fills)."""

    def __init__(self, home: Path, port: int, keyring_service: str, env: dict | None = None,
                 serve_args: tuple[str, ...] = ()):
        self.home, self.port, self.keyring_service = Path(home), port, keyring_service
        self.extra_env, self.serve_args = dict(env or {}), tuple(serve_args)
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None
        self.output: list[str] = []
        self._reader: threading.Thread | None = None

    def env(self) -> dict:
        return dict(os.environ, SOCIAL_GUARD_HOME=str(self.home), SOCIAL_GUARD_KEYRING_SERVICE=self.keyring_service,
                    PYTHONUNBUFFERED="1", **self.extra_env)

    def start(self, timeout: float = 20.0) -> "HelperProcess":
        # A "free" port can be taken by another program between free_port() and serve's bind.
        # serve then exits at once saying so: take another port, rather than talk to whoever
        # answers on the old one.
        for _ in range(5):
            printed_before = len(self.output)
            self._spawn()
            if self._wait_healthy(timeout):
                return self
            self._reader.join(10)
            printed = "".join(self.output[printed_before:])
            if "cannot listen" not in printed:
                raise RuntimeError("helper exited:\n" + printed)
            self.port = free_port()
            self.base = f"http://127.0.0.1:{self.port}"
        raise RuntimeError("no free port for the helper")

    def _spawn(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "helper", "serve", "--port", str(self.port), "--no-window", *self.serve_args],
            cwd=ROOT, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.output.append(line)

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
        raise RuntimeError("helper did not answer /v1/health in time:\n" + "".join(self.output))

    def wait_for_line(self, pattern: "re.Pattern[str]", timeout: float = 20.0) -> "re.Match[str]":
        """The match of the first printed line that `pattern` matches, waiting up to `timeout` seconds."""
        deadline = time.time() + timeout
        seen = 0
        while True:
            lines = self.output[:]
            for line in lines[seen:]:
                match = pattern.match(line.rstrip("\n"))
                if match:
                    return match
            seen = len(lines)
            if time.time() > deadline or (self.proc.poll() is not None and not self._reader.is_alive()):
                raise AssertionError(f"serve printed no line matching {pattern.pattern!r}:\n" + "".join(lines))
            time.sleep(0.05)

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "helper", *args], cwd=ROOT, env=self.env(),
                              capture_output=True, text=True, timeout=60)

    def pairing_code(self) -> str:
        result = self.cli("pair")
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1].strip()

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
        """Ends the process (SIGTERM, or `sig`, e.g. SIGKILL for a crash); `start()` may run it again."""
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
        if self._reader:
            self._reader.join(10)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def forget_keyring_entry(self) -> None:
        """Removes the secret key this helper made, as a run's own keyring entry should be."""
        from helper.security.keyring_secret import forget_secret_key
        try:
            forget_secret_key(self.keyring_service)
        except Exception:  # no keyring here: nothing was stored
            pass
