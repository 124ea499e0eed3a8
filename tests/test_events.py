"""POST /v1/events: strict validation, idempotent by id, answers which ids are stored; and a
SIGKILL of a real helper process in the middle of a burst loses nothing and duplicates nothing."""
import json
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.origins import EXTENSION_ORIGIN
from tests.support.paths import ROOT

from helper.audit import events as audit


def event(**overrides):
    base = {"id": str(uuid.uuid4()), "time": "2026-11-24T10:00:00.000Z", "kind": "warning_shown",
            "category": "pii.phone", "rule": "pii.phone.us", "site": "facebook", "surface": "post"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def logged(app):
    return list(app.extensions["sg.store"].export_events())


def test_one_event_is_stored_once_however_often_it_is_sent(app, client, auth):
    ev = event()
    for attempt in range(3):
        r = client.post("/v1/events", json=ev, headers=auth)
        assert r.status_code == 200
        assert r.get_json() == {"stored": [ev["id"]], "added": 1 if attempt == 0 else 0, "rejected": []}
    [row] = logged(app)
    assert row["id"] == ev["id"] and row["kind"] == "warning_shown" and row["category"] == "pii.phone"
    assert row["browser_name"] == "Test browser"


def test_ids_are_answered_as_sent_and_stored_once_whatever_their_case(app, client, auth):
    ev = event()
    upper = {**ev, "id": ev["id"].upper()}
    assert client.post("/v1/events", json=upper, headers=auth).get_json()["stored"] == [upper["id"]]
    r = client.post("/v1/events", json={"events": [ev, upper]}, headers=auth)
    assert r.get_json() == {"stored": [ev["id"], upper["id"]], "added": 0, "rejected": []}
    assert [row["id"] for row in logged(app)] == [ev["id"]]


def test_a_choice_with_its_reason_is_stored(app, client, auth):
    ev = event(kind="choice", choice="continue", reason="district_account", surface="link",
               category="link.shortener", rule="link.shortener", span_hash="0123456789abcdef")
    assert client.post("/v1/events", json=ev, headers=auth).status_code == 200
    [row] = logged(app)
    assert (row["choice"], row["reason"], row["surface"], row["span_hash"]) == (
        "continue", "district_account", "link", "0123456789abcdef")


def test_a_batch_answers_which_ids_are_stored_and_which_never_will_be(app, client, auth):
    good = [event(), event(kind="choice", choice="edit"), event(site="x", surface="dm", category="direct_message",
                                                                 rule="")]
    bad = [event(text="call me at 309-555-0147"), event(kind="warning_shown", choice="edit"), {"id": "nope"}, "x"]
    r = client.post("/v1/events", json={"events": [good[0], bad[0], good[1], bad[1], bad[2], good[2], bad[3]]},
                    headers=auth)
    assert r.status_code == 200
    body = r.get_json()
    assert body["stored"] == [e["id"] for e in good] and body["added"] == 3
    assert [x["index"] for x in body["rejected"]] == [1, 3, 4, 6]
    assert "never carry the draft's text" in body["rejected"][0]["error"]
    assert body["rejected"][0]["id"] == bad[0]["id"]
    assert sorted(e["id"] for e in logged(app)) == sorted(e["id"] for e in good)
    # A bare list is a batch too, and a resend stores nothing twice.
    r = client.post("/v1/events", json=good, headers=auth)
    assert r.get_json() == {"stored": [e["id"] for e in good], "added": 0, "rejected": []}
    assert len(logged(app)) == 3


def test_bad_events_are_refused_with_what_is_wrong(app, client, auth):
    cases = [
        (event(text="hello"), "draft's text"),
        (event(draft="hello"), "draft's text"),
        (event(extra=1), "unknown field"),
        (event(id="1234"), "UUID"),
        (event(id=5), "UUID"),
        (event(time="yesterday"), "ISO 8601"),
        (event(time="2026-11-24T10:00:00"), "time zone"),
        (event(time="2019-12-31T23:00:00Z"), "plausible"),
        (event(time="2099-01-01T00:00:00Z"), "plausible"),
        (event(kind="report"), "'kind'"),
        (event(category="my student's phone"), "'category'"),
        (event(rule="pii phone"), "'rule'"),
        (event(rule="a" * 81), "'rule'"),
        (event(site="myspace"), "'site'"),
        (event(surface="story"), "'surface'"),
        (event(kind="choice"), "'choice'"),
        (event(kind="choice", choice="publish"), "'choice'"),
        (event(reason="because"), "only to events of kind 'choice'"),
        (event(kind="choice", choice="continue", reason="x" * 501), "longer than 500"),
        (event(kind="choice", choice="continue", reason="   "), "empty"),
        (event(kind="choice", choice="continue", reason=["a"]), "string"),
        (event(span_hash="JOHN SMITH 309-555-0147"), "'span_hash'"),
        (event(category=None), "'category' is required"),
    ]
    for ev, message in cases:
        r = client.post("/v1/events", json=ev, headers=auth)
        assert r.status_code == 422, ev
        body = r.get_json()
        assert message in body["error"], (ev, body)
        assert body["stored"] == [] and body["rejected"][0]["index"] == 0
    for envelope, message in (([], "from 1 to 500"), ({"events": []}, "from 1 to 500"),
                              ({"events": [event()] * 501}, "from 1 to 500"), (5, "one event object"),
                              ({"events": [event()], "more": 1}, "nothing else")):
        r = client.post("/v1/events", json=envelope, headers=auth)
        assert r.status_code == 422 and message in r.get_json()["error"], envelope
    assert logged(app) == []


def test_the_events_of_one_dialog_share_its_decision_and_its_warning_lists_every_finding(app, client, auth):
    decision = str(uuid.uuid4())
    shown = event(decision=decision.upper(), category="pii.ssn", rule="pii.ssn",
                  findings=["pii.phone.us", "pii.ssn", "pii.phone.us"])
    answer = event(kind="choice", choice="post_anyway", reason="district_account", decision=decision,
                   time="2026-11-24T10:00:05.000Z")
    old = event()                                     # an older extension: no decision, still stored
    r = client.post("/v1/events", json={"events": [shown, answer, old]}, headers=auth)
    assert r.status_code == 200 and r.get_json()["added"] == 3
    rows = {row["id"]: row for row in logged(app)}
    assert rows[shown["id"]]["decision"] == decision and rows[answer["id"]]["decision"] == decision
    assert rows[shown["id"]]["findings"] == "pii.phone.us;pii.ssn"      # each rule once, in order
    assert rows[old["id"]]["decision"] is None and rows[old["id"]]["findings"] is None
    groups, more = app.extensions["sg.store"].query_decision_events(limit=10)
    assert not more and sorted(len(g) for g in groups) == [1, 2]
    [pair] = [g for g in groups if len(g) == 2]
    assert [e["kind"] for e in pair] == ["warning_shown", "choice"]


def test_a_decision_and_findings_are_checked_strictly(app, client, auth):
    cases = [
        (event(decision="not-a-uuid"), "'decision' must be a UUID"),
        (event(decision=str(uuid.uuid4()) + "\n"), "'decision' must be a UUID"),
        (event(decision=7), "'decision' must be a UUID"),
        (event(findings="pii.phone.us"), "'findings' must be a list"),
        (event(findings=["My student's phone 309-555-0147"]), "'findings' must be a list"),
        (event(findings=["pii.phone.us\n"]), "'findings' must be a list"),
        (event(findings=[""]), "'findings' must be a list"),
        (event(findings=[f"rule.{i}" for i in range(21)]), "at most 20"),
        (event(findings=[{"rule": "pii.ssn"}]), "'findings' must be a list"),
        (event(kind="choice", choice="edit", findings=["pii.ssn"]), "only to events of kind 'warning_shown'"),
    ]
    for ev, message in cases:
        r = client.post("/v1/events", json=ev, headers=auth)
        assert r.status_code == 422, ev
        assert message in r.get_json()["error"], (ev, r.get_json())
    assert logged(app) == []
    assert client.post("/v1/events", json=event(findings=[f"rule.{i}" for i in range(20)]), headers=auth).status_code == 200


def test_a_reason_is_stored_as_one_line_of_plain_words(app, client, auth):
    ev = event(kind="choice", choice="continue", reason="approved\nby\x00 the\u202eprincipal ")
    assert client.post("/v1/events", json=ev, headers=auth).status_code == 200
    assert logged(app)[0]["reason"] == "approved by the principal"


def test_the_draft_text_of_a_refused_event_reaches_no_file(app, client, auth, config):
    secret = "SENTINEL-" + uuid.uuid4().hex
    client.post("/v1/events", json={"events": [event(text=secret), event()]}, headers=auth)
    client.post("/v1/events", json=event(reason=secret), headers=auth)
    app.extensions["sg.store"].close()
    for path in config.home.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_events_need_a_paired_browser(client, token):
    ev = event()
    assert client.post("/v1/events", json=ev).status_code == 401
    assert client.post("/v1/events", json=ev, headers={"Authorization": "Bearer " + "A" * 43}).status_code == 401
    r = client.post("/v1/events", json=ev, headers={"Authorization": f"Bearer {token}", "Origin": "https://evil.example"})
    assert r.status_code == 403 and set(r.get_json()) == {"error"}


def test_the_categories_are_those_of_the_rules_schema():
    schema = json.loads((ROOT / "shared_rules" / "schema" / "rules.schema.json").read_text())
    assert set(audit.CATEGORIES) == set(schema["$defs"]["category"]["enum"])


# -- a burst, a SIGKILL, a restart ---------------------------------------------------------------
SENDER = Path(__file__).resolve().parent / "event_sender.py"


def run_sender(helper, queue_file: Path, token: str, seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SENDER), "--url", helper.base, f"--token={token}",
                             "--origin", EXTENSION_ORIGIN, "--queue", str(queue_file), "--seconds", str(seconds)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_sigkill_during_a_burst_loses_no_event_and_stores_none_twice(helper_process, tmp_path):
    token = helper_process.pair()
    ids = [str(uuid.uuid4()) for _ in range(400)]
    queue_file = tmp_path / "queue.json"
    queue_file.write_text(json.dumps([event(id=i, category="pii.email", rule="pii.email") for i in ids]))
    sender = run_sender(helper_process, queue_file, token, seconds=90)
    db = helper_process.home / "social-guard.sqlite3"

    def count() -> int:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]

    # Kill the helper once some of the burst is in, and well before all of it is.
    deadline = time.time() + 60
    while count() < 20 and time.time() < deadline:
        time.sleep(0.005)
    helper_process.stop(signal.SIGKILL)
    assert helper_process.proc.returncode == -signal.SIGKILL
    in_log_at_kill = count()
    if in_log_at_kill == 0:   # say why: the sender's own account of what went wrong
        sender.kill()
        pytest.fail("no event reached the helper before the kill; the sender said:\n" + sender.communicate()[0])
    assert in_log_at_kill < len(ids)
    time.sleep(1.0)   # the sender finds the helper gone and keeps its queue
    helper_process.start()
    out, _ = sender.communicate(timeout=120)
    assert sender.returncode == 0, out
    assert json.loads(queue_file.read_text()) == []

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, COUNT(*) FROM events GROUP BY id").fetchall()
        total = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert sorted(r[0] for r in rows) == sorted(ids) and total == len(ids)
    assert "connection errors: 0" not in out   # the sender really saw the helper go away
