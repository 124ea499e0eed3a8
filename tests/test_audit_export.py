"""The audit export for the district's log pipeline (helper/audit_export.py, `audit-export`):
opt-in, JSON Lines to a file, syslog RFC 5424 over UDP and TCP to a receiver on loopback, each
event once, the documented fields only, and never a draft's text or the user's own words."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from helper.audit import export as ax

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "deploy" / "audit-fields.md"
DRAFT = "SECRET-DRAFT-7731: call Jane Doe's mom at 309-555-0143, she lives at 12 Elm Street"
OWN_WORDS = "Jane Doe's mom asked me to, her cell is 309-555-0143"
RFC5424 = re.compile(r"^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (\[[^ \]]+(?: [A-Za-z_]+=\"(?:[^\"\\\]]|\\.)*\")*\]) (.+)$")


def ev(kind="warning_shown", **extra) -> dict:
    base = {"id": str(uuid.uuid4()), "time": "2026-11-24T14:05:00.000Z", "kind": kind, "category": "pii.phone",
            "rule": "pii.phone.us", "site": "facebook", "surface": "post", "span_hash": "ab" * 16}
    base.update(extra)
    return base


@pytest.fixture
def filled(app, client, auth):
    """A helper that checked a draft and stored the events the extension sends about it."""
    store = app.extensions["sg.store"]
    r = client.post("/v1/check", json={"text": DRAFT, "site": "facebook", "surface": "post"}, headers=auth)
    assert r.status_code == 200 and r.get_json()["findings"]
    events = [ev(), ev("choice", choice="post_anyway", reason="district_account"),
              ev("choice", choice="continue", reason=OWN_WORDS, category="direct_message", rule="dm.surface",
                 surface="dm")]
    r = client.post("/v1/events", json={"events": events}, headers=auth)
    assert r.status_code == 200 and r.get_json()["added"] == 3, r.get_json()
    from helper.audit import events as audit
    audit.record_report(store, {"site": "facebook", "category": "pii.student", "actions": ["removed"],
                                "description": OWN_WORDS})
    return store


def documented_fields() -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))


def test_nothing_is_sent_until_enabled(filled, tmp_path):
    with pytest.raises(ax.ExportError, match="not enabled"):
        ax.run(filled)
    assert ax.current_config(filled) is None


def test_jsonl_to_a_file_has_the_documented_fields_and_no_text(filled, tmp_path):
    out = tmp_path / "siem" / "audit.jsonl"
    ax.configure(filled, "jsonl", str(out))
    assert ax.run(filled) == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    assert {r["kind"] for r in records} == {"warning_shown", "choice", "report"}
    documented = documented_fields()
    assert set(ax.FIELDS) | {"host", "user", "app", "app_version", "reason_withheld", "rule_false_positives"} == documented
    for r in records:
        assert set(r) <= documented, set(r) - documented
        assert r["app"] == "social-guard" and r["host"] == socket.gethostname()
    raw = out.read_text(encoding="utf-8")
    for secret in ("SECRET-DRAFT", "309-555-0143", "Jane Doe", "Elm Street"):
        assert secret not in raw
    post_anyway = next(r for r in records if r.get("choice") == "post_anyway")
    assert post_anyway["reason"] == "district_account"
    own = next(r for r in records if r.get("choice") == "continue")
    assert "reason" not in own and own["reason_withheld"] is True
    report = next(r for r in records if r["kind"] == "report")
    assert "reason" not in report and report["actions"] == "removed"


def test_each_event_is_sent_once_and_new_ones_follow(filled, app, client, auth, tmp_path):
    out = tmp_path / "audit.jsonl"
    ax.configure(filled, "jsonl", str(out))
    assert ax.run(filled) == 4
    assert ax.run(filled) == 0
    later = ev(category="conduct.profanity", rule="conduct.profanity")
    assert client.post("/v1/events", json=later, headers=auth).status_code == 200
    assert ax.run(filled) == 1
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 5 and ids[-1] == later["id"]


def test_a_receiver_that_is_down_gets_the_events_on_the_next_run(filled):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]            # closed again: nothing listens there
    ax.configure(filled, "syslog", f"tcp://127.0.0.1:{port}")
    with pytest.raises(ax.ExportError, match="cannot"):
        ax.run(filled)
    assert filled.get_audit_setting(ax.CURSOR) is None


def test_syslog_over_udp_is_rfc5424(filled):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    try:
        ax.configure(filled, "syslog", f"udp://127.0.0.1:{receiver.getsockname()[1]}", facility="local4")
        assert ax.run(filled) == 4
        messages = [receiver.recv(4096).decode("utf-8") for _ in range(4)]
    finally:
        receiver.close()
    by_kind = {}
    for message in messages:
        m = RFC5424.match(message)
        assert m, message
        pri, timestamp, hostname, app_name, procid, msgid, sd, summary = m.groups()
        assert app_name == "social-guard" and procid == "-" and hostname == socket.gethostname()[:255]
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", timestamp)
        assert sd.startswith("[socialguard@32473 ")
        assert int(pri) // 8 == 20                                   # local4
        by_kind.setdefault(msgid, []).append((int(pri) % 8, sd, summary))
        for secret in ("SECRET-DRAFT", "309-555-0143", "Jane Doe"):
            assert secret not in message
    assert [s for s, _, _ in by_kind["warning_shown"]] == [5]
    assert sorted(s for s, _, _ in by_kind["choice"]) == [4, 4]          # went ahead after a warning
    assert [s for s, _, _ in by_kind["report"]] == [3]
    assert 'reason="district_account"' in "".join(sd for _, sd, _ in by_kind["choice"])
    assert "warning_shown pii.phone on facebook/post" in by_kind["warning_shown"][0][2]


def test_syslog_over_tcp_uses_octet_counting(filled):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(10)
    received = bytearray()

    def accept():
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.extend(chunk)

    t = threading.Thread(target=accept)
    t.start()
    try:
        ax.configure(filled, "syslog", f"tcp://127.0.0.1:{server.getsockname()[1]}")
        assert ax.run(filled) == 4
        t.join(10)
    finally:
        server.close()
    frames, rest = [], bytes(received)
    while rest:
        length, _, rest = rest.partition(b" ")
        frames.append(rest[:int(length)].decode("utf-8"))
        rest = rest[int(length):]
    assert len(frames) == 4
    for frame in frames:
        assert RFC5424.match(frame), frame
        assert int(RFC5424.match(frame).group(1)) // 8 == 16            # local0, the default


def test_structured_data_values_are_escaped():
    rec = {"id": "x", "kind": "choice", "choice": "edit", "browser": 'Chromium "work"] \\ desk', "time": "t"}
    message = ax.to_syslog(rec)
    assert 'browser="Chromium \\"work\\"\\] \\\\ desk"' in message
    assert RFC5424.match(message.replace(" t ", " 2026-11-24T14:05:00.000Z ", 1))


def test_the_command_line_is_opt_in_too(tmp_path, keyring_service):
    home = tmp_path / "home"
    env = dict(os.environ, SOCIAL_GUARD_HOME=str(home))
    run = lambda *a: subprocess.run([sys.executable, "-m", "helper", "audit-export", *a], cwd=ROOT, env=env,  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    result = run("run")
    assert result.returncode == 2 and "not enabled" in result.stderr
    from helper.storage.store import Store
    from helper.audit import events as audit
    audit.store_events(Store(home / "social-guard.sqlite3"), ev())
    out = tmp_path / "audit.jsonl"
    assert run("enable", "--format", "jsonl", "--to", str(out), "--no-user").returncode == 0
    assert "on, jsonl" in run("status").stdout
    result = run("run")
    assert result.returncode == 0 and "sent 1 event" in result.stdout
    record = json.loads(out.read_text())
    assert "user" not in record and record["category"] == "pii.phone"
    assert run("disable").returncode == 0
    assert run("run").returncode == 2
