"""How the checker copes with long hostile drafts: time per check for drafts of invisible characters,
bidi overrides, full-width forms, look-alike letters and emoji inside numbers, and for drafts of
repeated e-mail + phone pairs (thousands of overlapping findings), at growing sizes, in the helper's
checker (detectors on) and in the JavaScript engine under Node. Prints figures; asserts nothing.
Linear time shows as the time growing with the size (2x the text, about 2x the time)."""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The test modules it borrows its hostile drafts from import one another by their own names (as
# pytest's pythonpath in pyproject.toml lets them), so their folder is on the path here too.
sys.path.insert(0, str(ROOT / "tests"))

from helper.checker import Checker  # noqa: E402
from helper.storage.store import Store  # noqa: E402
from test_overlaps import ATTACK_UNIT  # noqa: E402
from test_text_preparation import HOSTILE_UNIT  # noqa: E402

SIZES = (25_000, 50_000, 100_000, 200_000)
JS = """
import { createEngine } from "./extension/engine/index.js";
import { loadBundle } from "./extension/engine/node-loader.js";
const engine = createEngine(loadBundle("./shared_rules"));
const { units, sizes } = JSON.parse(process.argv[1]);
for (const [name, unit] of Object.entries(units)) for (const size of sizes) {
  const text = unit.repeat(Math.floor(size / unit.length));
  const times = [];
  let findings = 0;
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    findings = engine.check({ text, site: "facebook", surface: "post" }).findings.length;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ name, size, findings, ms: times[2] }));
}
"""


def median_ms(fn, data, rounds: int = 3) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        found = len(fn(data)["findings"])
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, found


def main() -> None:
    units = {"hostile": HOSTILE_UNIT, "e-mail+phone": ATTACK_UNIT}
    with tempfile.TemporaryDirectory() as tmp:
        checker = Checker(None, Store(Path(tmp) / "bench.sqlite3"))
        checker.check({"text": HOSTILE_UNIT, "site": "facebook", "surface": "post"})
        print("helper checker (Python, detectors on), median of 3:")
        for name, unit in units.items():
            for size in SIZES:
                draft = {"text": unit * (size // len(unit)), "site": "facebook", "surface": "post"}
                ms, found = median_ms(checker.check, draft)
                print(f"  {name:13} {size // 1000:4} KB: {ms:8.1f} ms  ({found} findings)")
    if shutil.which("node") is None:
        print("JavaScript engine: skipped (no node)")
        return
    out = subprocess.run(["node", "--input-type=module", "-e", JS, json.dumps({"units": units, "sizes": SIZES})],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    print("JavaScript engine (Node), median of 5:")
    for line in out.stdout.splitlines():
        row = json.loads(line)
        print(f"  {row['name']:13} {row['size'] // 1000:4} KB: {row['ms']:8.1f} ms  ({row['findings']} findings)")


if __name__ == "__main__":
    main()
