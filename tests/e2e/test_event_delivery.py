"""The real extension in Chromium delivers a burst of audit events to a real helper process; the
helper is killed with SIGKILL in the middle of the burst and started again on the same port; in the
end every event is in the helper's log exactly once and the extension's queue is empty.

The burst: the events the extension queued while the helper was away (made by the extension's own
sanitizeEvent, in its own storage.local queue), then a real warning and choice on the look-alike
Facebook page, which set the queue flushing. The queue sends one event a request and drops an
event only when the helper answers that its id is stored."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from sg_testing import ROOT, VENV_PY, free_port
from helpers import WARNING, expect_warning

BURST = 300


class KillableHelper:
    """A helper process of this test's own, on a fixed port, that can be killed and started again."""

    def __init__(self, home: Path):
        self.home, self.port = home, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, SOCIAL_GUARD_HOME=str(home), HOME=str(home),
                        SOCIAL_GUARD_KEYRING_SERVICE=f"social-guard-e2e-{uuid.uuid4().hex[:10]}")
        self.proc = None
        self.log = open(home / "serve.log", "a")

    def start(self) -> None:
        self.proc = subprocess.Popen([str(VENV_PY), "-m", "helper", "serve", "--port", str(self.port), "--no-window"],
                                     env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            assert self.proc.poll() is None, (self.home / "serve.log").read_text()
            try:
                urllib.request.urlopen(self.url + "/v1/health", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail("the helper did not start: " + (self.home / "serve.log").read_text())

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        subprocess.run([str(VENV_PY), "-c", "import sys; from helper.secrets import forget_secret_key; "
                        "forget_secret_key(sys.argv[1])", self.env["SOCIAL_GUARD_KEYRING_SERVICE"]],
                       env=self.env, cwd=ROOT, capture_output=True)
        self.log.close()

    def pair_code(self) -> str:
        out = subprocess.run([str(VENV_PY), "-m", "helper", "pair"], env=self.env, cwd=ROOT, capture_output=True,
                             text=True, timeout=60, check=True)
        return out.stdout.strip().splitlines()[-1]

    def logged(self) -> list[tuple[str, int]]:
        with sqlite3.connect(self.home / "social-guard.sqlite3", timeout=10) as conn:
            return conn.execute("SELECT id, COUNT(*) FROM events GROUP BY id").fetchall()

    def total(self) -> int:
        with sqlite3.connect(self.home / "social-guard.sqlite3", timeout=10) as conn:
            return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


@pytest.fixture
def killable(tmp_path):
    helper = KillableHelper(tmp_path)
    helper.start()
    yield helper
    helper.stop()


def test_a_sigkill_during_a_burst_loses_nothing_and_stores_nothing_twice(ext, page, killable):
    # Start from nothing: no page of an earlier test left to queue an event, and an empty queue.
    page.goto("about:blank")
    page.wait_for_timeout(300)
    ext.remove(["eventQueue"])
    ext.pair(killable.pair_code(), killable.url)

    # Events queued while the helper was away, made and stored the way the extension makes them.
    queued = ext.control.evaluate("""async (n) => {
        const q = await import(chrome.runtime.getURL("background/event-queue.js"));
        const events = [];
        for (let i = 0; i < n; i++) {
            events.push(q.sanitizeEvent(i % 2
                ? {kind: "choice", choice: "continue", reason: "district_account", category: "link.shortener",
                   rule: "link.shortener", site: "x", surface: "link"}
                : {kind: "warning_shown", category: "pii.phone", rule: "pii.phone.us", site: "facebook",
                   surface: "comment"}));
        }
        const {[q.QUEUE_KEY]: before = []} = await chrome.storage.local.get([q.QUEUE_KEY]);
        await chrome.storage.local.set({[q.QUEUE_KEY]: before.concat(events)});
        return events.map((e) => e.id);
    }""", BURST)
    assert len(set(queued)) == BURST

    # A real warning and choice: the queue starts sending.
    page.goto("https://www.facebook.com/")
    page.click('[aria-label="Write a comment…"]')
    page.keyboard.type("Call me at 309-555-0142 tonight")
    page.keyboard.press("Enter")
    expect_warning(page, "pii.phone")
    page.locator(WARNING).get_by_role("button", name="Edit").click()

    deadline = time.time() + 60
    while killable.total() < 20 and time.time() < deadline:
        time.sleep(0.005)
    killable.kill()
    at_kill = killable.total()
    pending_at_kill = len(ext.get(["eventQueue"]).get("eventQueue", []))
    assert 0 < at_kill < BURST and pending_at_kill > 0, (at_kill, pending_at_kill)
    time.sleep(1.0)
    killable.start()

    deadline = time.time() + 120
    pending = None
    while time.time() < deadline:
        pending = ext.get(["eventQueue"]).get("eventQueue", [])
        if not pending:
            break
        time.sleep(0.5)
    assert pending == [], f"{len(pending)} events still queued"

    rows = dict(killable.logged())
    assert set(queued) <= set(rows), f"{len(set(queued) - set(rows))} queued events never reached the log"
    assert all(count == 1 for count in rows.values())
    assert killable.total() == len(rows) == BURST + 2          # the burst, the warning and the choice "edit"
    export = subprocess.run([str(VENV_PY), "-m", "helper", "audit", "export", "--format", "jsonl"], env=killable.env,
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    events = [json.loads(line) for line in export.stdout.splitlines()]
    assert sorted((e["kind"], e["category"], e["choice"] or "") for e in events if e["id"] not in queued) == [
        ("choice", "pii.phone", "edit"), ("warning_shown", "pii.phone", "")]
    assert "309-555-0142" not in export.stdout
