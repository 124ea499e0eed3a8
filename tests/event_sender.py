"""A sender that follows the extension's event-queue protocol (extension/background/event-queue.js):
events are persisted in a queue file (the extension's chrome.storage.local), sent in batches, and
only the ids the helper acknowledges as stored are dropped from the queue; on any failure it keeps
the queue and retries with back-off. Exits 0 once the queue is empty, 1 if --seconds run out.

python tests/event_sender.py --url=http://127.0.0.1:N --token=T --origin=O --queue=FILE [--batch=10]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def load(queue: Path) -> list:
    return json.loads(queue.read_text())


def save(queue: Path, items: list) -> None:
    tmp = queue.with_suffix(".tmp")
    tmp.write_text(json.dumps(items))
    os.replace(tmp, queue)   # atomic, as storage.local writes are


def send(url: str, token: str, origin: str, batch: list) -> dict:
    req = urllib.request.Request(url + "/v1/events", data=json.dumps({"events": batch}).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}",
                                          "Origin": origin})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read())


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--origin", required=True)
    p.add_argument("--queue", type=Path, required=True)
    p.add_argument("--batch", type=int, default=5)
    p.add_argument("--seconds", type=float, default=60)
    args = p.parse_args()
    deadline = time.time() + args.seconds
    acked = connection_errors = 0
    backoff = 0.05
    while time.time() < deadline:
        items = load(args.queue)
        if not items:
            print(f"queue empty; acknowledged: {acked}; connection errors: {connection_errors}")
            return 0
        try:
            answer = send(args.url, args.token, args.origin, items[:args.batch])
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, OSError):
            # Down, or killed mid-answer (IncompleteRead): keep the queue and try again.
            connection_errors += 1
            time.sleep(backoff)
            backoff = min(backoff * 2, 1.0)
            continue
        backoff = 0.05
        done = set(answer["stored"]) | {r["id"] for r in answer["rejected"] if r["id"]}
        acked += len(set(answer["stored"]))
        save(args.queue, [e for e in load(args.queue) if e["id"] not in done])
    print(f"time ran out with {len(load(args.queue))} events queued; connection errors: {connection_errors}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
