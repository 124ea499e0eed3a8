"""Load test: this process (on loopback) sends POST /v1/check to a real `python -m helper serve`
process, from several keep-alive connections at once, each a paired browser of its own (distinct
extension origins, as several browsers would be: the per-Origin rate limit is left on). Bounded in
count (--checks) and time (--seconds). Prints checks per second, p50/p90/p99 latency and the error
count. Target: >= 500 checks/s with no errors on the 2-core build machine.

Needs a real keyring (pairing refuses to work without one):
    dbus-run-session -- sh tests/with-keyring.sh .venv/bin/python -m bench.helper_load_bench
Options: --checks 6000 --seconds 30 --connections 8 --threads 8 (the helper's waitress threads)
         --url http://127.0.0.1:PORT (an already running helper; then pairing codes come from
         `python -m helper pair` with the same SOCIAL_GUARD_HOME)
Exit code 0 when the target is met, 1 when not, 2 when the helper could not be started or paired.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import string
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from tests.support.helper_process import HelperProcess
from tests.support.ports import free_port

TARGET_PER_SECOND = 500

DRAFTS = [
    "Great game tonight! Go Panthers! Call me at 309-555-0147 about the bake sale.",
    "Reminder: picture day is Friday. Details at https://bit.ly/3xYzAbC",
    "The board meeting moved to Tuesday at 6 pm in the library. All families welcome.",
    "Congratulations to our robotics team for placing second at state!",
    "Please email me at jane.doe.home@gmail.com if your child needs a ride.",
    "Thanks to every volunteer who helped with the book fair this week.",
    "Our 504 meeting notes are attached, confidential, do not share.",
    "School closes early Wednesday for conferences; buses leave at 11:30.",
]


def extension_origin(i: int) -> str:
    rng = random.Random(i)
    return "chrome-extension://" + "".join(rng.choice("abcdefghijklmnop") for _ in range(32))


def start_helper(threads: int) -> HelperProcess:
    helper = HelperProcess(Path(tempfile.mkdtemp(prefix="sg-load-")), free_port(),
                           f"social-guard-bench-{uuid.uuid4().hex[:8]}", serve_args=("--threads", str(threads)))
    try:
        return helper.start(timeout=30)
    except RuntimeError as exc:
        raise SystemExit(f"the helper did not start: {exc}")


def pair(helper: HelperProcess, origin: str) -> str:
    try:
        return helper.pair(origin, name="bench")
    except AssertionError as exc:
        raise SystemExit(f"cannot pair: {exc}\n"
                         "Run under a keyring: dbus-run-session -- sh tests/with-keyring.sh "
                         ".venv/bin/python -m bench.helper_load_bench")


def worker(port: int, token: str, origin: str, quota: list, lock: threading.Lock, deadline: float,
           latencies: list, errors: list, seed: int) -> None:
    rng = random.Random(seed)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Origin": origin}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    mine = []
    while time.perf_counter() < deadline:
        with lock:
            if quota[0] <= 0:
                break
            quota[0] -= 1
        text = rng.choice(DRAFTS) + " " + "".join(rng.choice(string.ascii_lowercase) for _ in range(8))
        body = json.dumps({"text": text, "site": rng.choice(["facebook", "x", "instagram"]), "surface": "post"})
        start = time.perf_counter()
        try:
            conn.request("POST", "/v1/check", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200 or "findings" not in json.loads(data):
                errors.append(f"HTTP {response.status}: {data[:120]!r}")
            else:
                mine.append(elapsed)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.close()
    with lock:
        latencies.extend(mine)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--checks", type=int, default=6000, help="checks to send in all (default 6000)")
    p.add_argument("--seconds", type=float, default=30, help="stop after this long whatever is left (default 30)")
    p.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections (default 8)")
    p.add_argument("--threads", type=int, default=8, help="the helper's waitress threads (default 8)")
    p.add_argument("--warmup", type=int, default=200, help="checks sent first and not counted (default 200)")
    args = p.parse_args()

    helper = start_helper(args.threads)
    try:
        origins = [extension_origin(i) for i in range(args.connections)]
        tokens = [pair(helper, o) for o in origins]
        lock = threading.Lock()
        for phase, count in (("warm-up", args.warmup), ("measured", args.checks)):
            quota, latencies, errors = [count], [], []
            deadline = time.perf_counter() + (args.seconds if phase == "measured" else 30)
            threads = [threading.Thread(target=worker, args=(helper.port, tokens[i], origins[i], quota, lock, deadline,
                                                             latencies, errors, i)) for i in range(args.connections)]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - start
        done = len(latencies)
        rate = done / wall if wall else 0.0
        print(f"helper load test: {done} checks in {wall:.2f} s over {args.connections} keep-alive connections "
              f"({args.threads} waitress threads, {os.cpu_count()} CPUs)")
        print(f"  checks/second: {rate:.0f}   (target >= {TARGET_PER_SECOND})")
        if latencies:
            print(f"  latency: p50 {percentile(latencies, 50) * 1000:.2f} ms   p90 {percentile(latencies, 90) * 1000:.2f} ms"
                  f"   p99 {percentile(latencies, 99) * 1000:.2f} ms   max {max(latencies) * 1000:.2f} ms"
                  f"   mean {statistics.mean(latencies) * 1000:.2f} ms")
        print(f"  errors: {len(errors)}" + (f"   first: {errors[0]}" if errors else ""))
        if done < args.checks:
            print(f"  stopped by the {args.seconds:.0f} s bound with {args.checks - done - len(errors)} checks unsent")
        return 0 if rate >= TARGET_PER_SECOND and not errors else 1
    finally:
        helper.stop()
        helper.forget_keyring_entry()


if __name__ == "__main__":
    sys.exit(main())
