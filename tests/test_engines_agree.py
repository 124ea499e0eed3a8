"""The Python and JavaScript engines give the same findings (rule, category, severity, message,
citation and span) on every shared vector, and on texts made to stress spans and Unicode."""
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from helper.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "shared_rules" / "vectors"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")


def run_js(items):
    lines = "".join(json.dumps(item) + "\n" for item in items)
    out = subprocess.run(["node", str(ROOT / "tests" / "js" / "engine_cli.mjs")], input=lines, capture_output=True,
                         text=True, check=True, timeout=120)
    return [json.loads(line) for line in out.stdout.splitlines()]


def shared_cases():
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        cases += json.loads(path.read_text(encoding="utf-8"))["cases"]
    return cases


def stress_texts():
    """Vector texts glued together with emoji, combining marks, RTL and Unicode spaces between them."""
    rng = random.Random(20261124)
    texts = [c["input"]["text"] for c in shared_cases()]
    glue = ["\U0001F600 ", " \u200f", "\u00a0", "e\u0301 ", "\u3000", " \U0001F469\u200d\U0001F3EB ", "\n", " \u2028"]
    made = []
    for _ in range(150):
        parts = rng.sample(texts, 3)
        made.append("".join(p + rng.choice(glue) for p in parts))
    return made


def test_the_engines_agree_on_every_shared_vector(bundle):
    cases = shared_cases()
    js = run_js([{"input": c["input"], "settings": c.get("settings")} for c in cases])
    assert len(js) == len(cases)
    for case, js_result in zip(cases, js):
        assert Engine(bundle, case.get("settings")).check(case["input"]) == js_result, case["input"]["text"]
        recorded = [{key: f[key] for key in ("rule", "category", "severity", "span")} for f in js_result["findings"]]
        assert recorded == case["findings"], case["input"]["text"]   # and both give the vector's answer


def test_the_engines_agree_on_unicode_stress_texts(bundle):
    inputs = [{"text": t, "site": "facebook", "surface": "post"} for t in stress_texts()]
    js = run_js([{"input": i} for i in inputs])
    engine = Engine(bundle)
    for data, js_result in zip(inputs, js):
        assert engine.check(data) == js_result, data["text"]
