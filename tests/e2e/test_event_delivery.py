"""The real extension in Chromium delivers a burst of audit events to a real helper process; the
helper is killed with SIGKILL in the middle of the burst and started again on the same port; in the
end every event is in the helper's log exactly once and the extension's queue is empty.

The burst: the events the extension queued while the helper was away (made by the extension's own
sanitizeEvent, in its own storage.local queue), then a real warning and choice on the look-alike
Facebook page, which set the queue flushing. The queue sends one event a request and drops an
event only when the helper answers that its id is stored."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from helpers import WARNING, expect_warning
from tests.support.helper_process import HelperProcess
from tests.support.paths import ROOT, VENV_PY
from tests.support.ports import free_port
from tests.support.waiting import wait_until

BURST = 300


def logged(home: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(home / "social-guard.sqlite3", timeout=10) as conn:
        return conn.execute("SELECT id, COUNT(*) FROM events GROUP BY id").fetchall()


def total(home: Path) -> int:
    with sqlite3.connect(home / "social-guard.sqlite3", timeout=10) as conn:
        return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


@pytest.fixture
def killable(tmp_path):
    """A helper process of this test's own, on a fixed port, that can be killed and started again."""
    helper = HelperProcess(tmp_path, free_port(), f"social-guard-e2e-{uuid.uuid4().hex[:10]}",
                           env={"HOME": str(tmp_path)})
    helper.start(timeout=30)
    yield helper
    helper.stop()
    helper.forget_keyring_entry()


def test_a_sigkill_during_a_burst_loses_nothing_and_stores_nothing_twice(ext, page, killable):
    # Start from nothing: no page of an earlier test left to queue an event, and an empty queue.
    page.goto("about:blank")
    page.wait_for_timeout(300)
    ext.remove(["eventQueue"])
    ext.pair(killable.pairing_code(), killable.base)

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

    wait_until(lambda: total(killable.home) >= 20, "the helper to store 20 events of the burst", 60, interval=0.005)
    killable.stop(signal.SIGKILL)
    at_kill = total(killable.home)
    pending_at_kill = len(ext.get(["eventQueue"]).get("eventQueue", []))
    assert 0 < at_kill < BURST and pending_at_kill > 0, (at_kill, pending_at_kill)
    time.sleep(1.0)   # the outage under test: the queue meets the helper gone and must keep its events
    killable.start(timeout=30)

    wait_until(lambda: not ext.get(["eventQueue"]).get("eventQueue", []),
               "the extension's queue to empty into the restarted helper", 120, interval=0.5)

    rows = dict(logged(killable.home))
    assert set(queued) <= set(rows), f"{len(set(queued) - set(rows))} queued events never reached the log"
    assert all(count == 1 for count in rows.values())
    assert total(killable.home) == len(rows) == BURST + 2          # the burst, the warning and the choice "edit"
    export = subprocess.run([str(VENV_PY), "-m", "helper", "audit", "export", "--format", "jsonl"], env=killable.env(),
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    events = [json.loads(line) for line in export.stdout.splitlines()]
    assert sorted((e["kind"], e["category"], e["choice"] or "") for e in events if e["id"] not in queued) == [
        ("choice", "pii.phone", "edit"), ("warning_shown", "pii.phone", "")]
    assert "309-555-0142" not in export.stdout
