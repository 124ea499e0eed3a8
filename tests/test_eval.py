"""`python -m helper eval`: the scoring arithmetic, the fixed halves, and a full run on small data
sets written here (the real ones are in ../shared/datasets and take longer)."""
import csv
import json
import subprocess
import sys
from pathlib import Path

from helper import eval as ev

ROOT = Path(__file__).resolve().parent.parent


def test_halves_are_fixed_and_split_the_data_roughly_in_two():
    keys = [str(i) for i in range(2000)]
    assert [ev.half(k) for k in keys] == [ev.half(k) for k in keys]
    assert 800 < sum(ev.half(k) == "tune" for k in keys) < 1200


def test_span_overlap_scoring_counts_precision_and_recall_separately():
    s = ev.Score()
    ev.score_spans(s, predicted=[(0, 5), (10, 12), (30, 40)], gold=[(2, 4), (3, 6), (20, 25)])
    assert (s.tp_pred, s.pred, s.tp_gold, s.gold) == (1, 3, 2, 3)
    assert round(s.precision, 3) == 0.333 and round(s.recall, 3) == 0.667
    assert ev.Score().f1 == 1.0, "nothing to find and nothing claimed is not an error"


def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def small_datasets(tmp_path):
    def spans(*items):
        return json.dumps([{"entity_type": t, "entity_value": "", "start_position": a, "end_position": b} for t, a, b in items])
    write_csv(tmp_path / "pii_synthetic_sample.csv", ["orig_index", "full_text", "masked", "template_id", "entity_types", "spans_json"], [
        ["1", "call me at 309-555-0147", "", "", "", spans(("PHONE_NUMBER", 11, 23))],
        ["2", "Here's my SSN: 460-89-9847", "", "", "", spans(("US_SSN", 15, 26))],
        ["3", "She was born on 11/22/2000. Her maiden name is Moller", "", "", "", spans(("DATE_TIME", 16, 26))],
        ["4", "The orchestra was founded on 3/4/1977", "", "", "", spans(("DATE_TIME", 29, 37))],
        ["5", "Nothing to see here", "", "", "", spans()],
    ])
    write_csv(tmp_path / "urls_sample.csv", ["url", "label", "source"], [
        ["http://192.168.4.20/files.zip", "malware", "test"],
        ["https://secure-paypal-login.net/verify", "phishing", "test"],
        ["https://www.wikipedia.org/", "benign", "test"],
    ])
    write_csv(tmp_path / "offensive_tweets_sample.csv", ["orig_index", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"], [
        ["1", "3", "0", "3", "0", "1", "what a bitch"],
        ["2", "3", "0", "0", "3", "2", "great concert &amp; great band"],
    ])
    return tmp_path


def test_a_run_on_small_data_prints_every_table(tmp_path):
    lines = []
    results = ev.run(small_datasets(tmp_path), out=lines.append)
    text = "\n".join(lines)
    for heading in ("## Personal information", "## Links", "## Offensive language", "## Shared vectors", "## Speed"):
        assert heading in text
    ours = results["pii"]["ours"]
    phone = [ours[(h, "phone")] for h in ev.HALVES]
    assert sum(s.tp_gold for s in phone) == 1 and sum(s.gold for s in phone) == 1
    birth = results["pii"]["birth"]
    assert sum(b["birth_found"] for b in birth.values()) == 1 and sum(b["other_flagged"] for b in birth.values()) == 0
    links = results["links"]
    assert sum(v["unsafe"] for (view, _, label), v in links.items() if view == "as posted" and label != "benign") == 2
    assert sum(v["unsafe"] for (view, _, label), v in links.items() if label == "benign") == 0
    lang = {k: v for k, v in results["language"].items() if k[0] == "Social Guard"}
    assert sum(v["1"][0] for v in lang.values()) == 1 and sum(v["2"][0] for v in lang.values()) == 0
    vec = results["vectors"]
    assert vec["passed"] == vec["total"] >= 150 and vec["benign_alarms"] == 0


def test_the_command_explains_a_missing_data_folder(tmp_path):
    out = subprocess.run([sys.executable, "-m", "helper", "eval", "--data", str(tmp_path / "none")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "no data sets folder" in out.stderr
