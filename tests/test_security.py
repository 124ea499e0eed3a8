"""The attacks a web page (or anything else on the machine) can try against the helper, each refused
with the right status and nothing leaked; rate limits; revocation at once; loopback only."""
import base64
import fcntl
import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pytest
from tests.support.app_client import client_for
from tests.support.helper_process import HelperProcess
from tests.support.origins import EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN
from tests.support.paths import ROOT
from tests.support.ports import free_port

from helper.security.ratelimit import RateLimiter
from helper.security import guard as security
from helper.security.guard import secure_equal

CHECK = {"text": "call 309-555-0147", "site": "x", "surface": "post"}
PROTECTED = [("POST", "/v1/check", CHECK), ("GET", "/v1/browsers", None),
             ("POST", "/v1/events", {"events": []}), ("POST", "/v1/reports", {"site": "x", "category": "pii.phone"}),
             ("DELETE", "/v1/browsers/1", None)]


def call(client, method, path, body=None, headers=None):
    return client.open(path, method=method, json=body, headers=headers or {})


def only_an_error(response) -> str:
    """A refusal says what is wrong and nothing else: no findings, no browsers, no events."""
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


def test_a_page_at_another_origin_gets_nothing(client, token):
    for method, path, body in PROTECTED:
        for origin in ("https://evil.example", "null", OTHER_EXTENSION_ORIGIN):
            # Without the token (a page cannot read it) and even with it (were it stolen).
            r = call(client, method, path, body, {"Origin": origin})
            assert r.status_code == 401, (path, origin)
            only_an_error(r)
            assert "Access-Control-Allow-Origin" not in r.headers
            r = call(client, method, path, body, {"Origin": origin, "Authorization": f"Bearer {token}"})
            assert r.status_code == 403, (path, origin)
            only_an_error(r)
            assert "Access-Control-Allow-Origin" not in r.headers


def test_a_web_page_cannot_pair(app, client):
    code = app.extensions["sg.pairing"].new_code()
    for origin in ("https://evil.example", "null", None, "chrome-extension://short"):
        r = client.post("/v1/pair", json={"code": code, "name": "x"}, headers={"Origin": origin} if origin else {})
        assert r.status_code == 403
        only_an_error(r)
    # The code was not spent by those attempts.
    r = client.post("/v1/pair", json={"code": code, "name": "x"}, headers={"Origin": EXTENSION_ORIGIN})
    assert r.status_code == 200


def test_preflights_from_other_origins_get_no_cors_answer(client, token):
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    for path in ("/v1/check", "/v1/events", "/v1/browsers", "/v1/reports"):
        r = client.options(path, headers={"Origin": EXTENSION_ORIGIN, **pre})
        assert r.headers.get("Access-Control-Allow-Origin") == EXTENSION_ORIGIN
        for origin in ("https://evil.example", OTHER_EXTENSION_ORIGIN, "null", "http://127.0.0.1"):
            r = client.options(path, headers={"Origin": origin, **pre})
            assert not any(h.lower().startswith("access-control-") for h in r.headers.keys()), (path, origin)


def test_no_token_and_wrong_tokens_are_refused(app, client, token, auth):
    for method, path, body in PROTECTED:
        app.extensions["sg.authfail"] = RateLimiter(rate=0.5, burst=10)   # a fresh budget for each route
        r = call(client, method, path, body, {"Origin": EXTENSION_ORIGIN})
        assert r.status_code == 401 and "token is required" in only_an_error(r)
        for bad in (token[:-1], token + "x", token.upper(), "x" * 5000, f"Basic {token}"):
            header = bad if bad.startswith("Basic") else f"Bearer {bad}"
            r = call(client, method, path, body, {"Origin": EXTENSION_ORIGIN, "Authorization": header})
            assert r.status_code == 401, (path, bad[:10])
            only_an_error(r)
        # The right token still works after all of that.
        assert call(client, method, path, body, auth).status_code not in (401, 403, 429)


def test_forged_and_rebinding_hosts_are_refused_everywhere(app, config, auth):
    hosts = ["evil.example", f"evil.example:{config.port}", f"127.0.0.1.evil.example:{config.port}",
             "127.0.0.1", f"127.0.0.1:{config.port + 1}", f"localhost.:{config.port}", f"[::1]:{config.port}",
             f"0.0.0.0:{config.port}", f"127.0.0.2:{config.port}", ""]
    for host in hosts:
        client = client_for(app, host)
        for method, path, body in PROTECTED + [("GET", "/v1/health", None), ("POST", "/v1/pair", {"code": "x", "name": "y"})]:
            r = call(client, method, path, body, auth)
            assert r.status_code == 403, (host, path)
            assert "127.0.0.1 and localhost" in only_an_error(r)


def test_oversized_malformed_and_mistyped_bodies(client, auth):
    for path in ("/v1/check", "/v1/events", "/v1/reports", "/v1/pair"):
        headers = {**auth, "Content-Type": "application/json"}
        for data, content_type, status in ((b"{" + b" " * (600 * 1024) + b"}", "application/json", 413),
                                           (b"{not json", "application/json", 400),
                                           (b"\xff\xfe{}", "application/json", 400),
                                           (b"[" * 50_000 + b"]" * 50_000, "application/json", 400),
                                           (json.dumps(CHECK).encode(), "text/plain", 415),
                                           (b"code=ABCD2345", "application/x-www-form-urlencoded", 415),
                                           (json.dumps(CHECK).encode(), "multipart/form-data; boundary=x", 415)):
            r = client.post(path, data=data, headers={**headers, "Content-Type": content_type})
            assert r.status_code == status, (path, data[:20], r.status_code)
            only_an_error(r)


def test_the_rate_limit_is_per_origin_and_says_when_to_retry(app, client, auth):
    app.extensions["sg.ratelimit"] = RateLimiter(rate=0.01, burst=5)   # slow refill: no timing in the test
    answers = [client.post("/v1/check", json=CHECK, headers=auth) for _ in range(8)]
    assert [r.status_code for r in answers] == [200] * 5 + [429] * 3
    assert int(answers[-1].headers["Retry-After"]) >= 1
    assert "try again" in only_an_error(answers[-1])
    # Another origin has its own budget.
    r = client.post("/v1/check", json=CHECK, headers={"Origin": "https://evil.example"})
    assert r.status_code == 401
    # Public routes are never limited.
    assert client.get("/v1/health").status_code == 200


def test_guessing_tokens_soon_gets_429_while_the_real_browser_goes_on(app, client, auth):
    # The default budget (10 at once), refilled slowly enough that the test's speed does not matter.
    app.extensions["sg.authfail"] = RateLimiter(rate=0.01, burst=security.AUTH_FAILURE_BURST)
    page = {"Origin": "https://evil.example"}
    statuses = [client.post("/v1/check", json=CHECK, headers={**page, "Authorization": f"Bearer {uuid.uuid4().hex}"}
                            ).status_code for _ in range(15)]
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}
    r = client.post("/v1/check", json=CHECK, headers={**page, "Authorization": f"Bearer {uuid.uuid4().hex}"})
    assert r.status_code == 429 and r.headers["Retry-After"]
    assert client.post("/v1/check", json=CHECK, headers=auth).status_code == 200


def test_secure_equal():
    assert secure_equal("abc", "abc") and secure_equal(b"abc", "abc")
    assert not secure_equal("abc", "abd") and not secure_equal("abc", "abcd")
    assert not secure_equal(None, None) and not secure_equal("", None)


def test_a_revoked_browser_is_refused_at_once_by_a_running_helper(helper_process):
    keep = helper_process.pair(OTHER_EXTENSION_ORIGIN, name="Kept")
    token = helper_process.pair(EXTENSION_ORIGIN, name="Laptop Chrome")
    headers = {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}
    assert helper_process.request("POST", "/v1/check", CHECK, headers)[0] == 200
    listed = helper_process.cli("browsers", "list", "--json")
    assert listed.returncode == 0
    [laptop] = [b for b in json.loads(listed.stdout) if b["name"] == "Laptop Chrome"]
    assert laptop["origin"] == EXTENSION_ORIGIN and laptop["created"].endswith("Z")

    result = helper_process.cli("browsers", "revoke", str(laptop["id"]))
    assert result.returncode == 0 and "revoked" in result.stdout
    status, body = helper_process.request("POST", "/v1/check", CHECK, headers)
    assert status == 401 and set(body) == {"error"}
    # Its origin gets no CORS answer any more; the other browser is untouched.
    conn = http.client.HTTPConnection("127.0.0.1", helper_process.port, timeout=5)
    conn.request("OPTIONS", "/v1/check", headers={"Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST"})
    assert conn.getresponse().getheader("Access-Control-Allow-Origin") is None
    assert helper_process.request("POST", "/v1/check", CHECK,
                                  {"Authorization": f"Bearer {keep}", "Origin": OTHER_EXTENSION_ORIGIN})[0] == 200
    again = helper_process.cli("browsers", "revoke", str(laptop["id"]))
    assert again.returncode == 1 and "no paired browser" in again.stderr


def test_a_browser_can_unpair_itself_but_not_others(client, pair):
    other = pair(OTHER_EXTENSION_ORIGIN, name="Other")
    mine = pair(EXTENSION_ORIGIN, name="Mine")
    auth = {"Authorization": f"Bearer {mine}", "Origin": EXTENSION_ORIGIN}
    listed = client.get("/v1/browsers", headers=auth).get_json()["browsers"]
    assert [(b["name"], b["current"]) for b in listed] == [("Other", False), ("Mine", True)]
    other_id, my_id = listed[0]["id"], listed[1]["id"]
    r = client.delete(f"/v1/browsers/{other_id}", headers=auth)
    assert r.status_code == 403 and "only itself" in only_an_error(r)
    assert client.delete("/v1/browsers/99999999999999999999999", headers=auth).status_code == 403
    assert client.delete(f"/v1/browsers/{my_id}", headers=auth).get_json() == {"revoked": my_id}
    assert client.get("/v1/browsers", headers=auth).status_code == 401
    assert client.get("/v1/browsers", headers={"Authorization": f"Bearer {other}"}).status_code == 200


def test_a_real_helper_refuses_forged_hosts_and_huge_bodies_on_the_wire(helper_process):
    token = helper_process.pair()
    for host in ("evil.example", f"evil.example:{helper_process.port}", f"localhost:{helper_process.port + 1}"):
        conn = http.client.HTTPConnection("127.0.0.1", helper_process.port, timeout=5)
        conn.request("GET", "/v1/health", headers={"Host": host})
        r = conn.getresponse()
        assert r.status == 403 and set(json.loads(r.read())) == {"error"}
    conn = http.client.HTTPConnection("127.0.0.1", helper_process.port, timeout=10)
    big = b'{"text": "' + b"a" * (4 * 1024 * 1024) + b'", "site": "x", "surface": "post"}'
    try:
        conn.request("POST", "/v1/check", body=big, headers={"Content-Type": "application/json",
                                                              "Authorization": f"Bearer {token}",
                                                              "Origin": EXTENSION_ORIGIN})
        r = conn.getresponse()
        assert r.status == 413 and set(json.loads(r.read())) == {"error"}
    except (BrokenPipeError, ConnectionResetError):
        pass   # the server may close before reading it all: refused either way
    assert helper_process.request("GET", "/v1/health")[0] == 200


def test_the_helper_listens_on_loopback_only_and_refuses_a_taken_port(helper_process):
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{helper_process.port}"], capture_output=True, text=True)
    if listening.returncode == 0:
        assert f"127.0.0.1:{helper_process.port}" in listening.stdout
        assert f"0.0.0.0:{helper_process.port}" not in listening.stdout
        assert f"*:{helper_process.port}" not in listening.stdout
    else:   # no ss: try the machine's other addresses
        address = socket.gethostbyname(socket.gethostname())
        if address.startswith("127."):
            pytest.skip("no non-loopback address to try")
        with pytest.raises(OSError):
            socket.create_connection((address, helper_process.port), timeout=2)
    second = subprocess.run([sys.executable, "-m", "helper", "serve", "--port", str(helper_process.port), "--no-window"],
                            cwd=ROOT, env=helper_process.env(), capture_output=True, text=True, timeout=60)
    assert second.returncode == 2 and "cannot listen" in second.stderr


def test_the_rate_limiter_refills_over_time_and_forgets_idle_origins():
    now = [0.0]
    limiter = RateLimiter(rate=2, burst=3, max_keys=2, clock=lambda: now[0])
    assert [limiter.hit("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.hit("a") == pytest.approx(0.5)
    now[0] += 0.5
    assert limiter.hit("a") == 0.0 and limiter.hit("a") > 0
    assert limiter.hit("b") == 0.0
    now[0] += 10           # both buckets are full again: a new origin evicts them, not itself
    assert limiter.hit("c") == 0.0 and len(limiter._buckets) <= 2
    assert [limiter.hit("a") for _ in range(3)] == [0.0, 0.0, 0.0]


# ---- hostile bodies: refused before buffering, kept in memory, 400 never 500 ------------------------------
def raw_status(port: int, head: bytes, body_chunk: bytes = b"", chunks: int = 0) -> int:
    """Sends a request head (and as much of a body as the server reads), returns the status line's code."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(head)
        try:
            for _ in range(chunks):
                sock.sendall(body_chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass   # the server stopped reading: refused either way, the status says how
        answer = b""
        try:
            while b"\r\n" not in answer:
                data = sock.recv(4096)
                if not data:
                    break
                answer += data
        except ConnectionResetError:
            pass
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def spool_dir(helper: HelperProcess) -> Path:
    return Path(helper.extra_env["TMPDIR"])


@pytest.fixture
def watched_helper(tmp_path, keyring_service):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    # TMPDIR: where waitress and Werkzeug spool bodies, a folder the test owns and watches.
    helper = HelperProcess(tmp_path / "helper-home", free_port(), keyring_service, env={"TMPDIR": str(tmpdir)})
    helper.start()
    yield helper
    helper.stop()


def files_open_under(pid: int, folder: Path) -> list[str]:
    """The files a process holds open under a folder. waitress spools with tempfile.TemporaryFile,
    which has no name on Linux (O_TMPFILE, or unlinked at once): the folder's listing never shows it,
    the process's open files do ("/folder/#123 (deleted)")."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def wait_until_the_server_read_it(sock: socket.socket, server_port: int, timeout: float = 20.0) -> None:
    """Until every byte sent on sock has left it and the server's side of the connection has no
    unread byte: the helper has then taken all of it into its buffer (memory or file)."""
    client_port = sock.getsockname()[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        unsent = int.from_bytes(fcntl.ioctl(sock, termios.TIOCOUTQ, b"\0\0\0\0"), "little")
        unread = None
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{server_port:04X}") and fields[2].endswith(f":{client_port:04X}"):
                unread = int(fields[4].split(":")[1], 16)
        if unsent == 0 and unread == 0:
            return
        time.sleep(0.02)
    raise AssertionError("the helper did not read what was sent")


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the helper's open files and sockets in /proc")
def test_a_60_mb_body_is_refused_with_413_and_no_body_ever_reaches_the_disk(watched_helper):
    helper = watched_helper
    token = helper.pair()
    auth = f"Authorization: Bearer {token}\r\nOrigin: {EXTENSION_ORIGIN}\r\n"
    size = 60 * 1024 * 1024
    for path, headers in (("/v1/check-image", auth),
                          ("/v1/check", "Origin: https://evil.example\r\n")):   # a no-cors POST from a web page
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{helper.port}\r\nContent-Type: application/json\r\n"
                f"{headers}Content-Length: {size}\r\n\r\n").encode()
        assert raw_status(helper.port, head, b"a" * (1024 * 1024), chunks=60) == 413
    # A 3 MB body (a photo's size, over waitress's own 512 KB spooling threshold), held half-sent:
    # all that arrived is in the helper's memory, no file of its own is open under TMPDIR.
    with socket.create_connection(("127.0.0.1", helper.port), timeout=20) as sock:
        sock.sendall((f"POST /v1/check-image HTTP/1.1\r\nHost: 127.0.0.1:{helper.port}\r\n"
                      f"Content-Type: application/json\r\n{auth}Content-Length: {3 * 1024 * 1024}\r\n\r\n").encode()
                     + b'{"image": "' + b"A" * (2 * 1024 * 1024))
        wait_until_the_server_read_it(sock, helper.port)
        assert files_open_under(helper.proc.pid, spool_dir(helper)) == []
    from photo_samples import astronaut, to_bytes, twelve_megapixels
    photo = to_bytes(twelve_megapixels(astronaut()))
    assert len(photo) > 1024 * 1024
    status, body = helper.request("POST", "/v1/check-image",
                                  {"image": base64.b64encode(photo).decode(), "site": "x", "surface": "post"},
                                  {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN})
    assert status == 200 and [f["rule"] for f in body["findings"]] == ["image.faces"]
    assert helper.request("GET", "/v1/health")[0] == 200
    assert list(spool_dir(helper).iterdir()) == [] and files_open_under(helper.proc.pid, spool_dir(helper)) == []


def raw_json(client, path: str, raw: bytes, headers: dict):
    return client.post(path, data=raw, headers={**headers, "Content-Type": "application/json"})


@pytest.mark.parametrize("path,raw", [
    ("/v1/pair", b'{"code": "ABCD-2345", "name": "Chrome \\ud800"}'),
    ("/v1/pair", b'{"code": "ABCD-2345", "name": "Chrome", "\\udfff": 1}'),
])
def test_a_lone_surrogate_anywhere_in_a_body_is_a_plain_400(client, auth, path, raw):
    response = raw_json(client, path, raw, auth)
    assert response.status_code == 400
    assert response.get_json() == {"error": "the request body has a lone UTF-16 surrogate (\\ud800-\\udfff), "
                                            "which is no character"}


def test_a_surrogate_pair_is_an_ordinary_character(client, auth):
    response = raw_json(client, "/v1/check", b'{"text": "smile \\ud83d\\ude00", "site": "x", "surface": "post"}', auth)
    assert response.status_code == 200 and response.get_json()["findings"] == []


def test_a_draft_cut_in_the_middle_of_an_emoji_is_still_checked(client, auth):
    # JavaScript's slice() can leave half a surrogate pair; the draft is only checked, never stored.
    raw = b'{"text": "call 309-555-0147 \\ud83d", "site": "x", "surface": "post", "visited": ["\\ude00"]}'
    response = raw_json(client, "/v1/check", raw, auth)
    assert response.status_code == 200
    assert [f["category"] for f in response.get_json()["findings"]] == ["pii.phone"]


@pytest.mark.parametrize("path", ["/v1/check", "/v1/events", "/v1/reports", "/v1/check-image"])
def test_a_5000_digit_integer_anywhere_in_a_body_is_a_plain_400(client, auth, path):
    raw = b'{"text": "hi", "site": "x", "surface": "post", "n": [' + b"9" * 5000 + b"]}"
    response = raw_json(client, path, raw, auth)
    assert response.status_code == 400
    assert response.get_json() == {"error": "the request body has a number with too many digits"}


def test_a_non_ascii_csrf_value_on_a_page_form_is_refused_as_an_expired_form(app, client, config):
    token = app.extensions["sg.pairing"].new_login_token()
    assert client.get(f"/ui/login?token={token}").status_code == 303
    for forged in ("é", "\u202e", "ü" * 40):
        response = client.post("/ui/photo-consent/add", data={"name": "Ann Lee", "csrf": forged},
                               headers={"Origin": f"http://127.0.0.1:{config.port}"})
        assert response.status_code == 403 and "This form has expired" in response.get_data(as_text=True)
    assert app.extensions["sg.store"].do_not_publish() == []


# ---- what is removed is gone from the files --------------------------------------------------------------
def test_a_removed_students_name_is_in_neither_the_database_nor_its_write_ahead_log(tmp_path):
    from helper.photos import do_not_publish as dnp
    from helper.storage.store import Store
    store = Store(tmp_path / "sg.db")
    name = "Zebediah Quillfeather"
    dnp.add(store, name, "form 12")
    dnp.add(store, "Ann Lee")

    def file_bytes() -> bytes:
        return b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("sg.db"))

    assert name.encode() in file_bytes()   # the test can see a name that is there
    assert dnp.remove(store, name)
    data = file_bytes()
    assert name.encode() not in data and b"zebediah quillfeather" not in data and b"form 12" not in data
    assert [e["name"] for e in dnp.entries(store)] == ["Ann Lee"]


def test_the_documented_5_mb_roster_is_taken_by_the_settings_page_in_memory(app, client, config, monkeypatch):
    import werkzeug.formparser

    from helper.school import roster

    def no_disk(*args, **kwargs):
        raise AssertionError("an uploaded roster was about to be spooled to disk")
    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", no_disk)
    token = app.extensions["sg.pairing"].new_login_token()
    assert client.get(f"/ui/login?token={token}").status_code == 303
    page = client.get("/ui/settings").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    def letters(i: int) -> str:
        word = ""
        while True:
            i, r = divmod(i, 26)
            word += "abcdefghijklmnopqrstuvwxyz"[r]
            if not i:
                return word.capitalize()
    rows, note = [], "n" * 230   # a roster export carries other columns too
    for i in range(20_000):
        rows.append(f"Ana {letters(i)},{note}")
    text = "name,notes\n" + "\n".join(rows) + "\n"
    assert 4.5 * 1024 * 1024 < len(text) <= roster.MAX_BYTES
    response = client.post("/ui/settings/roster", data={"csrf": csrf, "roster": (io.BytesIO(text.encode()), "roster.csv")},
                           headers={"Origin": f"http://127.0.0.1:{config.port}"}, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    assert roster.count(app.extensions["sg.store"]) >= 20_000


def test_the_pages_session_cookie_never_carries_a_students_name(app, client, config):
    from helper.photos import do_not_publish as dnp
    token = app.extensions["sg.pairing"].new_login_token()
    assert client.get(f"/ui/login?token={token}").status_code == 303
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/ui/photo-consent").get_data(as_text=True)).group(1)
    origin = {"Origin": f"http://127.0.0.1:{config.port}"}
    serializer = app.session_interface.get_signing_serializer(app)

    def session_text() -> str:
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain="127.0.0.1", path="/ui")
        return json.dumps(serializer.loads(cookie.value))

    assert client.post("/ui/photo-consent/add", data={"name": "Zebediah Quillfeather", "csrf": csrf},
                       headers=origin).status_code == 303
    assert "flashes" in session_text() and "Zebediah" not in session_text()   # the flash waits in the cookie
    assert "The name was added to the list." in client.get("/ui/photo-consent").get_data(as_text=True)
    [entry] = dnp.entries(app.extensions["sg.store"])
    assert client.post(f"/ui/photo-consent/{entry['id']}/remove", data={"csrf": csrf}, headers=origin).status_code == 303
    assert "flashes" in session_text() and "Zebediah" not in session_text()


def test_an_event_reason_or_report_with_half_an_emoji_is_kept_with_a_replacement_character(app, client, auth):
    """What JavaScript's slice() leaves of an emoji: the record is kept (refusing it would lose it,
    and the extension's queue would send it again forever), the lone surrogate made U+FFFD."""
    event_id = str(uuid.uuid4())
    raw = ('{"id": "%s", "time": "2026-11-24T10:00:00.000Z", "kind": "choice", "choice": "continue", '
           '"reason": "our own account \\ud83d", "category": "link.shortener", "rule": "link.shortener", '
           '"site": "facebook", "surface": "link"}' % event_id).encode()
    response = raw_json(client, "/v1/events", raw, auth)
    assert response.status_code == 200 and response.get_json()["stored"] == [event_id]
    [row] = list(app.extensions["sg.store"].export_events())
    assert row["reason"] == "our own account \ufffd"
    raw = b'{"site": "x", "category": "pii.phone", "description": "not a phone \\udc00"}'
    response = raw_json(client, "/v1/reports", raw, auth)
    assert response.status_code in (200, 201) and set(response.get_json()) >= {"stored"}
