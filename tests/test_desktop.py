"""The real desktop window, once, under Xvfb: `python -m helper serve` with a display opens
the pywebview (Qt WebEngine) window on the helper's pages, signed in. A screenshot of the screen
must show it (not blank, not the empty screen, the page's own colours), and settings saved through
the window must be read back in the window after the helper restarts.

The test drives the window through Qt WebEngine's DevTools port (QTWEBENGINE_REMOTE_DEBUGGING): real
mouse clicks and typed text, sent with the DevTools protocol over a small WebSocket client below
(Playwright's connect_over_cdp needs browser-context support that Qt WebEngine does not have).

And without a display, `serve` says there is no window and the printed address signs in.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.support.paths import ROOT
from tests.support.ports import free_port

pytest.importorskip("webview", reason="the desktop extra (pywebview[qt]) is not installed")
cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")

for tool in ("Xvfb", "import"):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install xvfb imagemagick)", allow_module_level=True)

HEADER_BGR = np.array([145, 79, 29])     # the pages' header, #1d4f91, in OpenCV's BGR order


# -- a minimal WebSocket client (RFC 6455), enough for the DevTools protocol ------------------------
class DevTools:
    def __init__(self, ws_url: str, timeout: float = 15.0):
        rest = ws_url.split("://", 1)[1]
        hostport, path = rest.split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        assert b" 101 " in response.split(b"\r\n", 1)[0], response[:200]
        self.buffer = response.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _frame(self) -> tuple[int, bytes]:
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", self._read(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", self._read(8))[0]
        return first, self._read(length)

    def _message(self) -> dict:
        payload = b""
        while True:
            first, data = self._frame()
            payload += data
            if first & 0x80:
                return json.loads(payload)

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        data = json.dumps({"id": self.next_id, "method": method, "params": params}).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
        while True:
            message = self._message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.evaluate(expression)
                if value:
                    return value
            except (RuntimeError, ConnectionError):
                pass   # the page is navigating
            time.sleep(0.2)
        try:
            seen = self.evaluate("location.pathname + ': ' + document.body.innerText.slice(0, 1500)")
        except (RuntimeError, ConnectionError) as exc:
            seen = str(exc)
        raise AssertionError(f"timed out waiting for {expression}; the window shows {seen}")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        box = self.evaluate(f"""(() => {{ const el = document.querySelector({json.dumps(selector)});
            el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def type_into(self, selector: str, text: str) -> None:
        """Clicks into a field, selects what is there and types over it."""
        self.click(selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).select()")
        self.send("Input.insertText", text=text)

    def close(self) -> None:
        self.sock.close()


# -- the window under Xvfb ------------------------------------------------------------------------------
class Screen:
    def __init__(self):
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.display = ":" + self.proc.stdout.readline().strip()

    def shot(self, path) -> "np.ndarray":
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)], check=True, timeout=30)
        image = cv2.imread(str(path))
        assert image is not None, f"no screenshot at {path}"
        return image

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


class Window:
    """`python -m helper serve` with its window (no --no-window), on a display."""

    def __init__(self, screen: Screen, home, keyring_service: str):
        self.screen, self.home, self.keyring_service = screen, home, keyring_service
        self.port, self.devtools_port = free_port(), free_port()
        self.proc = None
        self.devtools: DevTools | None = None

    def start(self, timeout: float = 60.0) -> "Window":
        env = dict(os.environ, DISPLAY=self.screen.display, SOCIAL_GUARD_HOME=str(self.home),
                   SOCIAL_GUARD_KEYRING_SERVICE=self.keyring_service, PYTHONUNBUFFERED="1",
                   QTWEBENGINE_REMOTE_DEBUGGING=f"127.0.0.1:{self.devtools_port}")
        env.pop("WAYLAND_DISPLAY", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "helper", "serve", "--port", str(self.port)], cwd=ROOT,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the helper exited:\n" + self.proc.stdout.read())
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.devtools_port}/json/list", timeout=1) as r:
                    targets = [t for t in json.load(r) if t.get("type") == "page"
                               and t.get("url", "").startswith(f"http://127.0.0.1:{self.port}/ui/")]
                if targets:
                    self.devtools = DevTools(targets[0]["webSocketDebuggerUrl"])
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("the window did not open on the helper's pages in time")

    def stop(self) -> str:
        if self.devtools:
            self.devtools.close()
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.stdout.read() if self.proc else ""


@pytest.fixture
def screen():
    s = Screen()
    yield s
    s.stop()


@pytest.fixture
def window_home(tmp_path):
    service = f"social-guard-test-{uuid.uuid4().hex[:12]}"
    yield tmp_path / "home", service
    from helper.security.keyring_secret import forget_secret_key
    try:
        forget_secret_key(service)
    except Exception:
        pass


def test_the_window_shows_the_pages_and_keeps_settings_across_a_restart(screen, window_home, tmp_path):
    home, service = window_home
    blank = screen.shot(tmp_path / "blank.png")

    window = Window(screen, home, service).start()
    try:
        tools = window.devtools
        # Signed in by the window itself: the status page, not the "open Social Guard again" page.
        tools.wait_for("document.readyState === 'complete' && document.querySelector('h1') "
                       "&& document.querySelector('h1').textContent.trim() === 'Status'")
        assert "Social Guard is running" in tools.evaluate("document.body.innerText")
        assert tools.evaluate("document.title") == "Status · Social Guard"
        # The compositor paints after the DOM is ready: shoot until the pages' header is on screen.
        deadline = time.time() + 20
        while True:
            shot = screen.shot(tmp_path / "window.png")
            header = np.all(np.abs(shot.astype(int) - HEADER_BGR) <= 6, axis=2).sum()
            if header > 20_000 or time.time() > deadline:
                break
            time.sleep(0.2)
        assert shot.shape == blank.shape
        assert float(shot.std()) > 20, "the screenshot is (nearly) one flat colour"
        assert float(np.abs(shot.astype(int) - blank.astype(int)).mean()) > 20, "the screen looks as it did before"
        assert header > 20_000, f"the pages' blue header is not on screen ({header} pixels)"

        # Save settings through the window, as a person would: click, type, click.
        tools.click("nav a[href='/ui/settings']")
        tools.wait_for("location.pathname === '/ui/settings' && document.readyState === 'complete'")
        tools.click("#mode-block")
        tools.type_into("#blocklist", "window-test.example\nsecond-window-test.example")
        tools.type_into("#retention_days", "45")
        tools.click("form.stack button[type=submit]")
        tools.wait_for("document.querySelector('.notice-ok') && "
                       "document.querySelector('.notice-ok').textContent.includes('Settings saved')")
    finally:
        output = window.stop()
    assert any(line.startswith("http://127.0.0.1:") and "/ui/login?token=" in line for line in output.splitlines())

    window = Window(screen, home, service).start()
    try:
        tools = window.devtools
        tools.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent.trim() === 'Status'")
        assert "Block: a post with a serious problem cannot be sent" in tools.evaluate("document.body.innerText")
        tools.click("nav a[href='/ui/settings']")
        tools.wait_for("location.pathname === '/ui/settings' && document.readyState === 'complete'")
        assert tools.evaluate("document.querySelector('#mode-block').checked") is True
        assert tools.evaluate("document.querySelector('#blocklist').value") == \
            "window-test.example\nsecond-window-test.example"
        assert tools.evaluate("document.querySelector('#retention_days').value") == "45"
        screen.shot(tmp_path / "after-restart.png")
    finally:
        window.stop()


def test_without_a_display_serve_says_so_and_serves_the_pages(window_home):
    """`build.py run` on a machine with no display: no window, the pages through the printed address."""
    home, service = window_home
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SOCIAL_GUARD_HOME=str(home), SOCIAL_GUARD_KEYRING_SERVICE=service, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "helper", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        while not any(line.startswith("No desktop window:") for line in lines):
            line = proc.stdout.readline()
            assert line, "serve exited:\n" + "".join(lines)
            lines.append(line)
        assert "there is no display" in lines[-1]
        login = next(line.strip() for line in lines if line.startswith("http://127.0.0.1:") and "/ui/login?token=" in line)
        deadline = time.time() + 20
        while True:
            try:
                # The printed address signs in: 303 to the status page (redirects not followed).
                opener = urllib.request.build_opener(NoRedirect)
                opener.open(login, timeout=2)
            except urllib.error.HTTPError as exc:
                assert exc.code == 303 and exc.headers["Location"].endswith("/ui/"), exc.code
                assert "HttpOnly" in exc.headers["Set-Cookie"]
                break
            except OSError:
                assert time.time() < deadline, "the helper did not answer"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(15)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
