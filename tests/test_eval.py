"""`python -m evaluation`: the scoring arithmetic, the fixed halves, and a full run on small data
sets written here (the real ones are in ../shared/datasets and take longer)."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation import run as ev

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


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    """One whole run on the small data sets and corpus (a run loads the peers' models: slow to repeat)."""
    tmp = tmp_path_factory.mktemp("eval")
    lines = []
    results = ev.run(small_datasets(tmp), out=lines.append, corpus=small_corpus(tmp))
    return lines, results


def test_a_run_on_small_data_prints_every_table(full_run):
    lines, results = full_run
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
    out = subprocess.run([sys.executable, "-m", "evaluation", "--data", str(tmp_path / "none")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "no data sets folder" in out.stderr


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "peers").mkdir(parents=True)
    write_jsonl(corpus / "clean_posts.jsonl", [
        {"id": "c1", "lang": "en", "text": "Bus 14 leaves at 7:45 a.m. from door 5.", "site": "facebook", "surface": "post", "template": "t1"},
        {"id": "c2", "lang": "es", "text": "La junta es el martes a las 6 p. m.", "site": "facebook", "surface": "post", "template": "t2"},
        {"id": "c3", "lang": "en", "text": "Call me at 309-764-2231 tonight", "site": "facebook", "surface": "post", "template": "t3"},
    ])
    write_jsonl(corpus / "clean_posts_heldout.jsonl", [
        {"id": "h1", "lang": "en", "text": "Call CLEAN-HELDOUT at 309-764-2231", "site": "facebook", "surface": "post", "template": "h"},
        {"id": "h2", "lang": "es", "text": "La feria es el jueves.", "site": "facebook", "surface": "post", "template": "h2"},
    ])
    write_jsonl(corpus / "staff_positives.jsonl", [
        {"id": "p1", "lang": "en", "text": "my SSN is 460-89-9847", "site": "facebook", "surface": "post",
         "template": "a", "expect": ["pii.ssn"], "half": "tune"},
        {"id": "p2", "lang": "en", "text": "Nothing risky in TUNE-SENTINEL here", "site": "facebook", "surface": "post",
         "template": "b", "expect": ["pii.ssn"], "half": "tune"},
        {"id": "p3", "lang": "es", "text": "Nada en HELDOUT-SENTINEL", "site": "facebook", "surface": "post",
         "template": "c", "expect": ["pii.phone"], "half": "held-out"},
    ])
    (corpus / "peers" / "somepeer.json").write_text(json.dumps({"peer": "somepeer", "cases": [
        {"id": "s-1", "text": "email me at jane.doe1984@gmail.com", "expect": "pii.email", "source": "x@y:z"},
        {"id": "s-2", "text": "The orchestra has 40 members", "expect": "none", "source": "x@y:z"},
        {"id": "s-3", "text": "my SSN is 460-89-9847", "expect": "none", "source": "x@y:z"},
    ]}), encoding="utf-8")
    return corpus


def test_the_clean_post_figure_comes_first_and_counts_posts_by_rule_and_language(full_run):
    lines, results = full_run
    figures = [line for line in lines if line.startswith("#")]
    assert figures[0] == "# Clean posts with a warning: 1 / 3 (0.333)   target: at most 1 in 200 (0.005)"
    assert lines[lines.index(figures[0]) + 3].startswith(
        "   held-out clean posts (templates and names of their own, never listed): 1 / 2 (0.500)")
    clean = results["clean"]
    assert clean["by_lang"] == {"en": [1, 2], "es": [0, 1]}
    assert [f["id"] for f in clean["failing"]] == ["c3"]
    assert clean["by_rule"] and all(rule.startswith("pii.phone") for rule in clean["by_rule"])
    recall = results["positives"]["recall"]
    assert recall[("pii.ssn", "en", "tune")] == [1, 2] and recall[("pii.phone", "es", "held-out")] == [0, 1]
    per = results["peers"]["per"]
    assert per[("pii.email", "somepeer")] == [1, 1] and per[("none", "somepeer")] == [1, 2]


def test_failures_list_tune_misses_and_never_a_held_out_row(tmp_path):
    lines = []
    ev.run(small_datasets(tmp_path), out=lines.append, corpus=small_corpus(tmp_path), failures=True, corpus_only=True)
    text = "\n".join(lines)
    assert "c3 t3: pii.phone" in text and "'309-764-2231'" in text
    assert "p2 b missed pii.ssn (raised nothing): 'Nothing risky in TUNE-SENTINEL here'" in text
    assert "HELDOUT-SENTINEL" not in text and "p3" not in text
    assert "CLEAN-HELDOUT" not in text and "h1 " not in text
    assert "(1 held-out misses are counted above but never listed)" in text
    assert "s-3 false alarm pii.ssn" in text
    assert "## Personal information" not in text, "corpus_only runs only the project's own corpora"


def test_links_are_scored_shape_only_and_feed_backed_side_by_side(full_run):
    lines, results = full_run
    text = "\n".join(lines)
    links = results["links"]
    assert sum(v["unsafe"] for (view, _, label), v in links.items() if view == "feed-backed" and label == "phishing") == 1
    assert sum(v["unsafe"] for (view, _, label), v in links.items() if view == "feed-backed" and label == "benign") == 0
    assert "shape only feed-backed" in text.replace("  ", " ").replace("  ", " ")
    assert "THE SAME SOURCE as the" in text and "2025-07-19" in text


def test_the_real_corpora_load_and_the_quick_run_lists_failures(tmp_path):
    out = subprocess.run([sys.executable, "-m", "evaluation", "--corpus-only", "--failures",
                          "--data", str(tmp_path / "none")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    corpus = ROOT / "tests" / "corpus"
    posts = sum(1 for line in (corpus / "clean_posts.jsonl").open(encoding="utf-8") if line.strip())
    first_figure = next(line for line in out.stdout.splitlines() if line.startswith("#"))
    assert first_figure.startswith("# Clean posts with a warning: ") and f" / {posts} (" in first_figure
    assert "## Staff positives" in out.stdout and "## Peers' unit-test examples" in out.stdout
    held_out = [json.loads(line) for line in (corpus / "staff_positives.jsonl").open(encoding="utf-8") if '"held-out"' in line]
    held_out += [json.loads(line) for line in (corpus / "clean_posts_heldout.jsonl").open(encoding="utf-8")]
    assert held_out and not any(row["text"] in out.stdout or f"{row['id']} " in out.stdout for row in held_out)


def test_the_feed_backed_view_catches_a_plain_listed_host_and_keeps_the_guards(bundle):
    from helper.checker import build_engine
    from helper.engine import Engine
    from helper.engine.detectors import default_detectors
    rows = [{"url": "https://quiet-garden-supplies.com/invoice", "label": "malware"},
            {"url": "https://drive.google.com/uc?id=1AbC&export=download", "label": "malware"},
            {"url": "https://www.wikipedia.org/", "label": "benign"}]
    feeds = ev.source_feed_hosts(bundle, rows)
    assert list(feeds) == ["quiet-garden-supplies.com"], "a shared host (Drive) never enters a feed"
    feed_engine = Engine(bundle, {}, detectors=default_detectors(None, bundle), feed_hosts=feeds)
    links = ev.eval_links(build_engine(bundle), [rows[0], rows[2]], feed_engine)
    def unsafe(view, label):
        return sum(v["unsafe"] for (vw, _, lb), v in links.items() if vw == view and lb == label)
    assert unsafe("as posted", "malware") == 0 and unsafe("feed-backed", "malware") == 1
    assert unsafe("feed-backed", "benign") == 0
