"""Pairing: one-time codes, tokens bound to the extension's origin, and the lock-out after wrong codes."""
import itertools
import json
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.support.origins import EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN

from helper.security.pairing import CODE_ALPHABET
from helper.security.ratelimit import PairingLockout

ORIGIN = {"Origin": EXTENSION_ORIGIN}


def wrong_code(right: str) -> str:
    """A well-formed code that is not `right`."""
    for candidate in ("".join(c) for c in itertools.product(CODE_ALPHABET[:3], repeat=8)):
        if candidate != right.replace("-", ""):
            return candidate


def test_a_code_pairs_once_and_the_token_works_from_that_origin_only(app, client):
    code = app.extensions["sg.pairing"].new_code()
    r = client.post("/v1/pair", json={"code": code.lower(), "name": "Office PC"}, headers=ORIGIN)
    assert r.status_code == 200
    token = r.get_json()["token"]
    assert r.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN
    check = {"text": "hi", "site": "x", "surface": "post"}
    assert client.post("/v1/check", json=check, headers={"Authorization": f"Bearer {token}", **ORIGIN}).status_code == 200
    assert client.post("/v1/check", json=check, headers={"Authorization": f"Bearer {token}",
                                                         "Origin": OTHER_EXTENSION_ORIGIN}).status_code == 403
    again = client.post("/v1/pair", json={"code": code, "name": "Other"}, headers={"Origin": OTHER_EXTENSION_ORIGIN})
    assert again.status_code == 403 and "wrong, used or expired" in again.get_json()["error"]


def test_the_token_is_never_stored_in_clear(app, client, config, token):
    app.extensions["sg.store"].close()
    for path in config.home.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes()


def test_an_expired_code_is_refused(app, client):
    code = app.extensions["sg.pairing"].new_code()
    app.extensions["sg.store"].conn().execute("UPDATE pairing_codes SET expires_at = expires_at - 301")
    r = client.post("/v1/pair", json={"code": code, "name": "x"}, headers=ORIGIN)
    assert r.status_code == 403 and "expired" in r.get_json()["error"]


def test_the_browser_name_is_cleaned_for_the_list(app, client, auth):
    code = app.extensions["sg.pairing"].new_code()
    r = client.post("/v1/pair", json={"code": code, "name": "  Evil\u202e\nName\x00" + "x" * 200}, headers=ORIGIN)
    assert r.status_code == 200
    names = [b["name"] for b in client.get("/v1/browsers", headers=auth).get_json()["browsers"]]
    assert names[-1] == ("Evil Name " + "x" * 200)[:80]


def test_wrong_codes_lock_pairing_out_for_everyone(app, client):
    right = app.extensions["sg.pairing"].new_code()
    bad = wrong_code(right)
    # Typos that cannot be a code do not count.
    for typo in ("ABC", "ABCD-234", "ABCD-23456", "I0O1-LLLL"):
        r = client.post("/v1/pair", json={"code": typo, "name": "x"}, headers=ORIGIN)
        assert r.status_code == 403 and "like ABCD-2345" in r.get_json()["error"]
    statuses = [client.post("/v1/pair", json={"code": bad, "name": "x"}, headers=ORIGIN).status_code
                for _ in range(5)]
    assert statuses == [403, 403, 403, 403, 429]
    # Now even the right code, from any extension origin, waits.
    for origin in (EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN):
        r = client.post("/v1/pair", json={"code": right, "name": "x"}, headers={"Origin": origin})
        assert r.status_code == 429
        assert 1 <= int(r.headers["Retry-After"]) <= 60
        assert "locked" in r.get_json()["error"] and set(r.get_json()) == {"error"}
    # When the lock-out ends the right code (not spent by the refusals) still works.
    lockout = app.extensions["sg.pairing"].lockout
    lockout._locked_until = 0.0
    assert client.post("/v1/pair", json={"code": right, "name": "x"}, headers=ORIGIN).status_code == 200


def test_lockouts_in_a_row_grow_and_a_success_resets_them():
    now = [1000.0]
    lock = PairingLockout(clock=lambda: now[0])
    waits = []
    for _ in range(6):
        for _ in range(4):
            assert lock.wrong() == 0.0
        waits.append(lock.wrong())
        assert lock.state()["locked"]
        now[0] += waits[-1]
        assert lock.retry_after() == 0.0
    assert waits == [60, 120, 240, 480, 900, 900]
    lock.success()
    for _ in range(4):
        lock.wrong()
    assert lock.wrong() == 60
    # Wrong codes spread wider than the window do not add up.
    lock2 = PairingLockout(clock=lambda: now[0])
    for _ in range(20):
        now[0] += PairingLockout.WINDOW / 3
        assert lock2.wrong() == 0.0


def test_pair_command_prints_a_code_that_pairs_a_real_helper(helper_process):
    result = helper_process.cli("pair")
    assert result.returncode == 0
    code = result.stdout.strip().splitlines()[-1]
    assert len(code) == 9 and code[4] == "-"
    status, body = helper_process.request("POST", "/v1/pair", {"code": code, "name": "CLI"}, ORIGIN)
    assert status == 200 and set(body) == {"token"}
    status, body = helper_process.request("POST", "/v1/pair", {"code": code, "name": "CLI"}, ORIGIN)
    assert status == 403


def test_wrong_codes_sent_in_parallel_to_a_real_helper_are_checked_at_most_five_times(helper_process):
    right = helper_process.pairing_code()
    bad = [c for c in ("".join(p) for p in itertools.product("ABC", repeat=8)) if c != right.replace("-", "")][:24]
    start = threading.Barrier(len(bad))

    def attempt(code: str) -> int:
        start.wait(timeout=30)
        return helper_process.request("POST", "/v1/pair", {"code": code, "name": "x"}, ORIGIN)[0]

    with ThreadPoolExecutor(max_workers=len(bad)) as pool:
        statuses = list(pool.map(attempt, bad))
    # Four answered "wrong", the fifth locked pairing out, every other one found it locked.
    assert sorted(statuses) == [403] * 4 + [429] * (len(bad) - 4), statuses
    status, body = helper_process.request("POST", "/v1/pair", {"code": right, "name": "x"}, ORIGIN)
    assert status == 429 and "locked" in body["error"]


def test_a_lone_surrogate_in_the_browser_name_is_a_400_and_leaves_the_code_usable(app, client):
    code = app.extensions["sg.pairing"].new_code()
    raw = json.dumps({"code": code, "name": "Chrome"}).replace("Chrome", "Chrome \\ud800").encode()
    r = client.post("/v1/pair", data=raw, headers={**ORIGIN, "Content-Type": "application/json"})
    assert r.status_code == 400 and "surrogate" in r.get_json()["error"]
    r = client.post("/v1/pair", json={"code": code, "name": "Chrome"}, headers=ORIGIN)
    assert r.status_code == 200 and r.get_json()["token"]
