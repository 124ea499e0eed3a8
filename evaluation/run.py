"""`python -m evaluation`: scores the checker on the project's own corpora (tests/corpus/: clean staff
posts first, as the headline, then labelled staff drafts and the peers' unit-test examples), on public
data (../shared/datasets/) and on the shared vectors, beside well-known peers on the same rows, with
the time per draft of each in the same run.

Every data set is split in two fixed halves by a hash of each row's key: "tune" (rules may be
adjusted while looking at it) and "held-out" (never looked at while writing rules). Both are printed.
The staff drafts carry their half in each row (split by template), and the held-out clean posts are
a file of their own; neither held-out set is ever listed by --failures, only counted.
The data sets hold real slurs and malicious URLs: they are read as strings only, never opened.
"""
from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from helper.checker import build_engine
from helper.engine import Engine
from helper.rules.loader import load_bundle

HALVES = ("tune", "held-out")
# Findings that make a link "flagged as unsafe". Not counted: link.insecure (info: plain http is
# advice, and the malware rows' scheme was rebuilt as http by the data set's authors, so counting it
# would measure the data set, not the checker), link.shortener (a "look before you repost" warning,
# not a verdict that the page is unsafe), link.unvisited (about the user, not the link).
# link.blocklisted also holds the shipped risky-host and machine-made-name rules (warn). The data sets'
# own feeds are loaded only in the view named "feed-backed", which is reported as scoring the data
# against its own source; the shape-only views load no feed.
LINK_UNSAFE = {"link.ip_literal", "link.punycode", "link.lookalike", "link.credentials", "link.unsafe_scheme",
               "link.blocklisted"}
PII_TYPES = [("phone", "PHONE_NUMBER", "pii.phone"), ("ssn", "US_SSN", "pii.ssn"), ("email", "EMAIL_ADDRESS", "pii.email"),
             ("card", "CREDIT_CARD", "pii.financial"), ("address", "STREET_ADDRESS", "pii.address")]
_BIRTH_WORDS = re.compile(r"\b(?:born|birth|birthday|dob|b-day)\b", re.IGNORECASE)


CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "corpus"
LANGS = {"en": "English", "es": "Spanish"}


def default_datasets_dir() -> Path:
    if os.environ.get("SOCIAL_GUARD_DATASETS"):
        return Path(os.environ["SOCIAL_GUARD_DATASETS"])
    return Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"


def half(key: str) -> str:
    """A fixed half of the data by a hash of the row's key: the same on every machine and run."""
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] % 2]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Score:
    tp_pred: int = 0      # predicted spans (or rows) that are right
    pred: int = 0
    tp_gold: int = 0      # gold spans (or rows) found
    gold: int = 0
    seconds: float = 0.0
    drafts: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def ms_per_draft(self) -> float:
        return 1000 * self.seconds / self.drafts if self.drafts else 0.0


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(score: Score, predicted: list, gold: list) -> None:
    """Span-overlap matching: a predicted span is right when it overlaps a gold span of its type; a gold
    span is found when a predicted span overlaps it (one address split into four labelled pieces
    counts four times in recall, as labelled)."""
    score.pred += len(predicted)
    score.gold += len(gold)
    score.tp_pred += sum(1 for p in predicted if any(_overlap(p, g) for g in gold))
    score.tp_gold += sum(1 for g in gold if any(_overlap(p, g) for p in predicted))


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


# -- personal information ------------------------------------------------------------------------
def presidio_recognizers():
    """Presidio's pattern recognizers, used directly (no spaCy model needed); None if not installed."""
    import logging
    # tldextract (under Presidio's email check) tries to fetch the public-suffix list and logs each
    # failure at length; offline it falls back to its bundled snapshot, which is what we want.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    try:
        from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, EmailRecognizer,
                                                              PhoneRecognizer, UsSsnRecognizer)
    except ImportError:
        return None
    return {"PHONE_NUMBER": PhoneRecognizer(), "US_SSN": UsSsnRecognizer(), "EMAIL_ADDRESS": EmailRecognizer(),
            "CREDIT_CARD": CreditCardRecognizer()}


def eval_pii(engine: Engine, rows: list[dict]) -> dict:
    ours = {(h, name): Score() for h in HALVES for name, _, _ in PII_TYPES}
    peer = {(h, name): Score() for h in HALVES for name, _, _ in PII_TYPES}
    birth = {h: {"birth_dates": 0, "birth_found": 0, "other_dates": 0, "other_flagged": 0} for h in HALVES}
    recognizers = presidio_recognizers()
    for row in rows:
        h = half(row["orig_index"])
        text = row["full_text"]
        spans = json.loads(row["spans_json"])
        result, seconds = timed(engine.check, {"text": text, "site": "other", "surface": "post"})
        findings = result["findings"]
        for name, label, category in PII_TYPES:
            gold = [(s["start_position"], s["end_position"]) for s in spans if s["entity_type"] == label]
            pred = [tuple(f["span"]) for f in findings if f["category"] == category
                    and (name != "card" or f["rule"] == "pii.card")]
            score_spans(ours[(h, name)], pred, gold)
            ours[(h, name)].seconds += seconds / len(PII_TYPES)
            ours[(h, name)].drafts += 1 / len(PII_TYPES)
        dates = [(s["start_position"], s["end_position"]) for s in spans if s["entity_type"] == "DATE_TIME"]
        flagged = [tuple(f["span"]) for f in findings if f["category"] == "pii.birthdate"]
        for d in dates:
            in_birth_context = _BIRTH_WORDS.search(text[max(0, d[0] - 60):d[0]]) is not None
            hit = any(_overlap(d, p) for p in flagged)
            if in_birth_context:
                birth[h]["birth_dates"] += 1
                birth[h]["birth_found"] += hit
            else:
                birth[h]["other_dates"] += 1
                birth[h]["other_flagged"] += hit
        if recognizers:
            start = time.perf_counter()
            found = {label: rec.analyze(text, [label], None) for label, rec in recognizers.items()}
            seconds = time.perf_counter() - start
            for name, label, _ in PII_TYPES:
                if label not in recognizers:
                    continue
                gold = [(s["start_position"], s["end_position"]) for s in spans if s["entity_type"] == label]
                score_spans(peer[(h, name)], [(r.start, r.end) for r in found[label]], gold)
                peer[(h, name)].seconds += seconds / len(recognizers)
                peer[(h, name)].drafts += 1
    return {"ours": ours, "peer": peer if recognizers else None, "birth": birth}


# -- links ----------------------------------------------------------------------------------------
# The feeds urls_sample.csv was drawn from (its SOURCES.md): the "feed-backed" view subscribes to them.
SOURCE_FEEDS = ("URLhaus, through curbengh/urlhaus-filter gh-pages f6ba5a76 (snapshot of 2025-07-19), and "
                "Phishing.Database e2b5c753 (phishing-links-INACTIVE; its date is not recorded in the data set)")


def source_feed_hosts(bundle: dict, rows: list[dict]):
    """A host-level feed of the malicious rows' hosts, parsed and guarded as `blocklist update` does
    (IP literals are not host-feed entries; shared, protected and allow-listed hosts are dropped).
    It stands for the full source feeds: every malicious row is in them by construction, but a benign
    row's host that the full feeds also list cannot show here."""
    from urllib.parse import urlsplit

    from helper.links.feed_hosts import guards_for, host_of
    from helper.links.hostset import HostSet
    guards, hosts = guards_for(bundle, {}), set()
    for row in rows:
        if row["label"] in ("phishing", "malware"):
            host, _ = host_of(urlsplit(row["url"] if "://" in row["url"] else "http://" + row["url"]).hostname or "")
            if host and not guards.reason(host):
                hosts.add(host)
    return HostSet.from_hosts(hosts)


def eval_links(engine: Engine, rows: list[dict], feed_engine: Engine | None = None) -> dict:
    """Rates of rows flagged per label: as posted, 'scheme-blind' (every URL given https, so the
    rebuilt http scheme of the malware rows cannot help), both by the URL's shape alone; and, given a
    feed_engine (the same checker subscribed to a feed), 'feed-backed' as posted."""
    out = {}
    for row in rows:
        h, label = half(row["url"]), row["label"]
        views = [("as posted", engine, row["url"]),
                 ("scheme-blind", engine, re.sub(r"^https?://", "https://", row["url"]))]
        if feed_engine is not None:
            views.append(("feed-backed", feed_engine, row["url"]))
        for view, checker, url in views:
            result, seconds = timed(checker.check, {"text": url, "site": "other", "surface": "post"})
            cats = {f["category"] for f in result["findings"]}
            key = (view, h, label)
            s = out.setdefault(key, {"rows": 0, "unsafe": 0, "any": 0, "shortener": 0, "seconds": 0.0})
            s["rows"] += 1
            s["unsafe"] += bool(cats & LINK_UNSAFE)
            s["any"] += bool(cats)
            s["shortener"] += "link.shortener" in cats
            s["seconds"] += seconds
    return out


# -- offensive language ---------------------------------------------------------------------------
def language_peers() -> dict:
    peers = {}
    try:
        from better_profanity import profanity
        profanity.load_censor_words()
        peers["better-profanity 0.7.0"] = profanity.contains_profanity
    except ImportError:
        pass
    try:
        from profanity_check import predict
        peers["alt-profanity-check 1.9.1"] = lambda text: bool(predict([text])[0])
    except ImportError:
        pass
    return peers


def eval_language(engine: Engine, rows: list[dict]) -> dict:
    """Class 0 (hate) and 1 (offensive) should be flagged, class 2 (neither) should not."""
    systems = {"Social Guard": lambda text: any(f["category"].startswith("conduct.")
                                                for f in engine.check({"text": text, "site": "x", "surface": "post"})["findings"])}
    systems.update(language_peers())
    out = {}
    for row in rows:
        h = half(row["orig_index"])
        text = html.unescape(row["tweet"])
        for name, flag in systems.items():
            hit, seconds = timed(flag, text)
            s = out.setdefault((name, h), {"0": [0, 0], "1": [0, 0], "2": [0, 0], "seconds": 0.0, "rows": 0})
            s[row["class"]][0] += bool(hit)
            s[row["class"]][1] += 1
            s["seconds"] += seconds
            s["rows"] += 1
    return out


# -- the project's own corpora (tests/corpus) ----------------------------------------------------
def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _warnings(engine: Engine, row: dict) -> list[dict]:
    """The findings a user would be warned about (warn or block); info findings are advice."""
    result = engine.check({"text": row["text"], "site": row.get("site", "facebook"), "surface": row.get("surface", "post")})
    return [f for f in result["findings"] if f["severity"] in ("warn", "block")]


def eval_clean_posts(engine: Engine, rows: list[dict]) -> dict:
    """Posts that should raise nothing: how many raise a warning, by rule and by language."""
    by_rule, by_lang, failing = Counter(), {lang: [0, 0] for lang in LANGS}, []
    for row in rows:
        found = _warnings(engine, row)
        by_lang.setdefault(row["lang"], [0, 0])[1] += 1
        if found:
            by_lang[row["lang"]][0] += 1
            for rule in sorted({f["rule"] for f in found}):
                by_rule[rule] += 1
            failing.append({"id": row["id"], "template": row.get("template", ""),
                            "findings": [(f["rule"], row["text"][f["span"][0]:f["span"][1]]) for f in found]})
    return {"rows": len(rows), "warned": len(failing), "by_rule": by_rule, "by_lang": by_lang, "failing": failing}


def eval_staff_positives(engine: Engine, rows: list[dict]) -> dict:
    """Per-category recall: a row counts as found for each expected category that a warn/block finding
    of that category raises. Only tune rows are listed when missed; held-out rows are only counted."""
    recall, missed = {}, []
    for row in rows:
        got = {f["category"] for f in _warnings(engine, row)}
        for category in row["expect"]:
            cell = recall.setdefault((category, row["lang"], row["half"]), [0, 0])
            cell[1] += 1
            cell[0] += category in got
            if category not in got and row["half"] == "tune":
                missed.append({"id": row["id"], "template": row["template"], "category": category,
                               "got": sorted(got), "text": row["text"]})
    return {"recall": recall, "missed_tune": missed}


def eval_peers_devset(engine: Engine, cases: list[dict]) -> dict:
    """The peers' own unit-test examples: per category, positives found and negatives left alone.
    A positive is found when a warn/block finding of its category is raised; a negative ("none") is a
    false alarm when any warn/block finding of one of the peer categories is raised."""
    per, false_alarms, missed = {}, [], []
    for case in cases:
        got = {f["category"] for f in _warnings(engine, {"text": case["text"], "site": "facebook", "surface": "post"})}
        if case["expect"] == "none":
            cell = per.setdefault(("none", case["peer"]), [0, 0])
            cell[1] += 1
            wrong = sorted(got & PEER_CATEGORIES)
            cell[0] += not wrong
            if wrong:
                false_alarms.append({"id": case["id"], "got": wrong, "text": case["text"]})
        else:
            cell = per.setdefault((case["expect"], case["peer"]), [0, 0])
            cell[1] += 1
            cell[0] += case["expect"] in got
            if case["expect"] not in got:
                missed.append({"id": case["id"], "category": case["expect"], "got": sorted(got), "text": case["text"]})
    return {"per": per, "false_alarms": false_alarms, "missed": missed}


PEER_CATEGORIES = {"pii.phone", "pii.ssn", "pii.email", "pii.financial", "pii.address", "pii.birthdate"}


def read_peer_cases(peers_dir: Path) -> list[dict]:
    cases = []
    for path in sorted(peers_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            cases.append({**case, "peer": data["peer"]})
    return cases


def report_corpus(engine: Engine, corpus: Path, out, failures: bool) -> dict:
    """The clean-post figure (the headline), recall on the staff positives by language and half, and
    the peers' development set; with failures, the ids to tune on (never a held-out row)."""
    results = {}
    clean_file, positives_file, peers_dir = corpus / "clean_posts.jsonl", corpus / "staff_positives.jsonl", corpus / "peers"
    if clean_file.is_file():
        clean = results["clean"] = eval_clean_posts(engine, read_jsonl(clean_file))
        out(f"# Clean posts with a warning: {clean['warned']} / {clean['rows']} ({_rate(clean['warned'], clean['rows'])})"
            "   target: at most 1 in 200 (0.005)")
        out("   " + ", ".join(f"{LANGS.get(lang, lang)} {n}/{m}" for lang, (n, m) in clean["by_lang"].items()))
        if clean["by_rule"]:
            out("   posts warned, by rule: " + ", ".join(f"{rule} {n}" for rule, n in clean["by_rule"].most_common()))
        held_file = corpus / "clean_posts_heldout.jsonl"
        if held_file.is_file():
            held = results["clean_heldout"] = eval_clean_posts(engine, read_jsonl(held_file))
            out(f"   held-out clean posts (templates and names of their own, never listed): {held['warned']} / "
                f"{held['rows']} ({_rate(held['warned'], held['rows'])}); "
                + ", ".join(f"{LANGS.get(lang, lang)} {n}/{m}" for lang, (n, m) in held["by_lang"].items()))
        out("")
    if positives_file.is_file():
        pos = results["positives"] = eval_staff_positives(engine, read_jsonl(positives_file))
        out("## Staff positives (tests/corpus/staff_positives.jsonl): per-category recall, warn/block findings only")
        out(f"{'category':20} | " + " | ".join(f"{LANGS[lang] + ' ' + h:>18}" for lang in LANGS for h in HALVES))
        for category in sorted({k[0] for k in pos["recall"]}):
            cells = []
            for lang in LANGS:
                for h in HALVES:
                    found, total = pos["recall"].get((category, lang, h), (0, 0))
                    cells.append(f"{_rate(found, total) + f' ({found}/{total})' if total else '-':>18}")
            out(f"{category:20} | " + " | ".join(cells))
        out("   target: at least 0.95 in English and 0.90 in Spanish on the held-out half\n")
    if peers_dir.is_dir() and any(peers_dir.glob("*.json")):
        dev = results["peers"] = eval_peers_devset(engine, read_peer_cases(peers_dir))
        out("## Peers' unit-test examples as a development set (tests/corpus/peers/; found = warn/block of the category;")
        out("   'none' = a negative left without any personal-information finding)")
        for peer in sorted({k[1] for k in dev["per"]}):
            cells = [f"{category} {_rate(*dev['per'][(category, p)])} ({dev['per'][(category, p)][0]}/{dev['per'][(category, p)][1]})"
                     for category, p in sorted(dev["per"]) if p == peer]
            out(f"{peer:12} " + "; ".join(cells))
        totals = Counter()
        for (category, _), (found, total) in dev["per"].items():
            totals[(category, 0)] += found
            totals[(category, 1)] += total
        out("all peers    " + "; ".join(f"{c} {_rate(totals[(c, 0)], totals[(c, 1)])} ({totals[(c, 0)]}/{totals[(c, 1)]})"
                                       for c in sorted({c for c, _ in totals})))
        out("")
    if failures:
        report_failures(results, out)
    return results


def report_failures(results: dict, out) -> None:
    clean = results.get("clean")   # never results["clean_heldout"]: its posts are only counted
    if clean:
        out(f"## Failing clean posts ({len(clean['failing'])}): id, template, rule and the text it matched")
        for item in clean["failing"]:
            out(f"{item['id']} {item['template']}: " + "; ".join(f"{rule} {matched!r}" for rule, matched in item["findings"]))
        out("")
    pos = results.get("positives")
    if pos:
        out(f"## Missed staff positives, tune half only ({len(pos['missed_tune'])}): id, template, category missed, "
            "categories raised, text")
        for item in pos["missed_tune"]:
            out(f"{item['id']} {item['template']} missed {item['category']} (raised {', '.join(item['got']) or 'nothing'}): "
                f"{item['text']!r}")
        held = sum(total - found for (_, _, h), (found, total) in pos["recall"].items() if h == "held-out")
        out(f"   ({held} held-out misses are counted above but never listed)\n")
    dev = results.get("peers")
    if dev:
        out(f"## Peers' development set: missed ({len(dev['missed'])}) and false alarms ({len(dev['false_alarms'])})")
        for item in dev["missed"]:
            out(f"{item['id']} missed {item['category']} (raised {', '.join(item['got']) or 'nothing'}): {item['text']!r}")
        for item in dev["false_alarms"]:
            out(f"{item['id']} false alarm {', '.join(item['got'])}: {item['text']!r}")
        out("")


# -- shared vectors and speed ---------------------------------------------------------------------
def eval_vectors(engine_plain_factory, engine: Engine, vectors_dir: Path) -> dict:
    passed = total = benign = benign_alarms = 0
    for path in sorted(vectors_dir.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            got = sorted({f["category"] for f in engine_plain_factory(case.get("settings")).check(case["input"])["findings"]})
            total += 1
            passed += got == case["expect"]
            if path.name == "benign_teacher_posts.json":
                benign += 1
                benign_alarms += bool(engine.check(case["input"])["findings"])
    return {"passed": passed, "total": total, "benign": benign, "benign_alarms": benign_alarms}


SPEED_DRAFT = ("Great week, Maroons! Our 4th graders finished their state projects and the band concert is "
               "Thursday at 7 pm in the auditorium. Questions? Call the office at (309) 743-1600 or see "
               "https://www.molineschools.org/calendar for details. Picture day is 10/14, retakes 11/2. ")


def eval_speed(engine: Engine, repeats: int = 300) -> dict:
    draft = (SPEED_DRAFT * 8)[:1024]
    times = []
    for _ in range(repeats):
        _, seconds = timed(engine.check, {"text": draft, "site": "facebook", "surface": "post"})
        times.append(seconds)
    return {"median_ms": 1000 * statistics.median(times), "p95_ms": 1000 * sorted(times)[int(0.95 * len(times))],
            "chars": len(draft)}


# -- report ---------------------------------------------------------------------------------------
def _f(x: float) -> str:
    return f"{x:.3f}"


def _rate(hits: int, rows: int) -> str:
    return _f(hits / rows) if rows else "-"


def run(datasets: Path | None = None, out=print, failures: bool = False, corpus: Path | None = None,
        corpus_only: bool = False) -> dict:
    """The whole evaluation; corpus_only runs just the project's own corpora (quick, for tuning)."""
    datasets = datasets or default_datasets_dir()
    bundle = load_bundle()
    engine = build_engine(bundle)   # the helper's checker as it runs: shared rules and helper-only detectors
    out(f"Social Guard evaluation (rules {bundle['version']}); data: {datasets}")
    out("Halves: 'tune' rows may have been looked at while writing rules; 'held-out' rows never were.\n")
    results = report_corpus(engine, corpus or CORPUS_DIR, out, failures)
    if corpus_only:
        return results

    pii_file = datasets / "pii_synthetic_sample.csv"
    if pii_file.is_file():
        pii = results["pii"] = eval_pii(engine, read_csv(pii_file))
        out("## Personal information (pii_synthetic_sample.csv, its own span labels; span-overlap matching)")
        out(f"{'type':8} {'half':9} | {'Social Guard P':>14} {'R':>6} {'F1':>6} {'ms':>6} | {'Presidio P':>10} {'R':>6} {'F1':>6} {'ms':>6}")
        for name, _, _ in PII_TYPES:
            for h in HALVES:
                s = pii["ours"][(h, name)]
                line = f"{name:8} {h:9} | {_f(s.precision):>14} {_f(s.recall):>6} {_f(s.f1):>6} {s.ms_per_draft:6.2f} |"
                p = pii["peer"][(h, name)] if pii["peer"] else None
                if p is not None and p.drafts:
                    line += f" {_f(p.precision):>10} {_f(p.recall):>6} {_f(p.f1):>6} {p.ms_per_draft:6.2f}"
                else:
                    line += " (no Presidio pattern recognizer for this type)" if pii["peer"] else " (presidio-analyzer not installed)"
                line += f"   gold spans {s.gold}"
                out(line)
        for h in HALVES:
            b = pii["birth"][h]
            out(f"birthdate {h:9}: dates in a birth context flagged {b['birth_found']}/{b['birth_dates']}; "
                f"other dates flagged {b['other_flagged']}/{b['other_dates']}")
        out("")

    url_file = datasets / "urls_sample.csv"
    if url_file.is_file():
        url_rows = read_csv(url_file)
        feeds = source_feed_hosts(bundle, url_rows)
        feed_engine = build_engine(bundle, feed_hosts=feeds)   # the same checker, subscribed to the feeds
        links = results["links"] = eval_links(engine, url_rows, feed_engine)
        out("## Links (urls_sample.csv). 'unsafe' = a warn/block finding in " + ", ".join(sorted(LINK_UNSAFE)))
        out("   'any' also counts link.insecure (info, plain http) and link.shortener. 'scheme-blind' gives every URL https.")
        out("   Shape only vs feed-backed, unsafe rate (as posted):")
        out(f"   {'half':9} {'label':9} | {'shape only':>10} {'feed-backed':>11}")
        for h in HALVES:
            for label in ("phishing", "malware", "benign"):
                shape, fed = links.get(("as posted", h, label)), links.get(("feed-backed", h, label))
                if shape:
                    out(f"   {h:9} {label:9} | {_rate(shape['unsafe'], shape['rows']):>10} "
                        f"{_rate(fed['unsafe'], fed['rows']) if fed else '-':>11}")
        out("   'feed-backed' = the same checker subscribed, as `blocklist update` would, to the feeds these rows were drawn from:")
        out(f"   {SOURCE_FEEDS}; {len(feeds)} hosts after the guards.")
        out("   That is THE SAME SOURCE as the malicious rows, so its recall is high by construction: it shows what a deployment")
        out("   subscribed to those feeds catches, not how well the checker generalises. Shape-only figures use no feed.")
        out(f"{'view':12} {'half':9} {'label':9} | {'rows':>4} {'unsafe':>7} {'any':>7} {'shortener':>9} {'ms':>6}")
        for view in ("as posted", "scheme-blind", "feed-backed"):
            for h in HALVES:
                for label in ("phishing", "malware", "benign"):
                    s = links.get((view, h, label))
                    if s:
                        out(f"{view:12} {h:9} {label:9} | {s['rows']:4} {_f(s['unsafe'] / s['rows']):>7} "
                            f"{_f(s['any'] / s['rows']):>7} {_f(s['shortener'] / s['rows']):>9} {1000 * s['seconds'] / s['rows']:6.3f}")
        out("")

    tweets = datasets / "offensive_tweets_sample.csv"
    if tweets.is_file():
        lang = results["language"] = eval_language(engine, read_csv(tweets))
        out("## Offensive language (offensive_tweets_sample.csv; flagged = any conduct.* finding)")
        out(f"{'system':26} {'half':9} | {'hate R':>7} {'offens R':>8} {'0+1 R':>6} {'FA neither':>10} {'ms/draft':>8}")
        for (name, h), s in sorted(lang.items(), key=lambda kv: (kv[0][0] != "Social Guard", kv[0][0], kv[0][1] != "tune")):
            pos, npos = s["0"][0] + s["1"][0], s["0"][1] + s["1"][1]
            out(f"{name:26} {h:9} | {_rate(*s['0']):>7} {_rate(*s['1']):>8} {_rate(pos, npos):>6} "
                f"{_rate(*s['2']):>10} {1000 * s['seconds'] / s['rows']:8.3f}")
        out("   Note: alt-profanity-check's model was trained on data that includes this corpus (Davidson et al.), so its")
        out("   figures here are optimistic; better-profanity is a word list, as ours is.\n")

    vec_dir = Path(__file__).resolve().parent.parent / "shared_rules" / "vectors"
    vec = results["vectors"] = eval_vectors(lambda settings: Engine(bundle, settings), engine, vec_dir)
    out(f"## Shared vectors: {vec['passed']}/{vec['total']} pass (Python engine); "
        f"benign teacher posts with any finding (helper, detectors on): {vec['benign_alarms']}/{vec['benign']}")
    speed = results["speed"] = eval_speed(engine)
    out(f"## Speed: median in-process check of a {speed['chars']}-character draft {speed['median_ms']:.3f} ms "
        f"(95th percentile {speed['p95_ms']:.3f} ms), helper detectors on")
    return results
