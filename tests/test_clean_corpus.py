"""The clean-post corpus (tests/corpus/clean_posts.jsonl): realistic Quad Cities staff posts, English
and Spanish, on which neither engine may raise a warn/block finding (an info note is advice, not a
warning). A failure lists each offending post's id and the rules and text that fired."""
import importlib.util
import shutil
from pathlib import Path

import pytest

from helper.checker import build_engine
from evaluation.run import read_jsonl
from test_engines_agree import run_js

CORPUS = Path(__file__).resolve().parent / "corpus"


def clean_posts():
    return read_jsonl(CORPUS / "clean_posts.jsonl")


def generator(name: str):
    """The corpus generator tests/corpus/<name>.py, loaded as a module (it writes nothing on import)."""
    spec = importlib.util.spec_from_file_location(name, CORPUS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_input(post):
    return {"text": post["text"], "site": post["site"], "surface": post["surface"]}


def offences(posts, results):
    """'id template: rule "matched text"; ...' for each post with a warn/block finding."""
    lines = []
    for post, result in zip(posts, results):
        warned = [f for f in result["findings"] if f["severity"] in ("warn", "block")]
        if warned:
            lines.append(f"{post['id']} {post['template']}: "
                         + "; ".join(f"{f['rule']} {post['text'][f['span'][0]:f['span'][1]]!r}" for f in warned))
    return lines


def test_the_corpus_is_large_bilingual_and_what_its_generator_writes():
    posts = clean_posts()
    assert len(posts) >= 1000
    spanish = sum(p["lang"] == "es" for p in posts)
    assert spanish / len(posts) >= 0.30, f"only {spanish} of {len(posts)} posts are in Spanish"
    assert len({p["id"] for p in posts}) == len(posts) and len({p["text"] for p in posts}) == len(posts)
    assert generator("make_clean_posts").build() == posts, "clean_posts.jsonl was edited by hand or the generator changed: rerun it"


def test_the_helpers_checker_warns_on_no_clean_post(bundle):
    engine = build_engine(bundle)   # shared rules plus the helper-only detectors, as the checker runs them
    posts = clean_posts()
    bad = offences(posts, [engine.check(as_input(p)) for p in posts])
    assert not bad, f"{len(bad)} of {len(posts)} clean posts raised a warning:\n" + "\n".join(bad)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_extensions_engine_warns_on_no_clean_post():
    posts = clean_posts()
    results = run_js([{"input": as_input(p)} for p in posts])
    assert len(results) == len(posts)
    bad = offences(posts, results)
    assert not bad, f"{len(bad)} of {len(posts)} clean posts raised a warning:\n" + "\n".join(bad)


def test_the_held_out_clean_posts_are_what_their_generator_writes():
    """Only their count is reported (helper eval); here only that the file is the generator's, never its text."""
    held = read_jsonl(CORPUS / "clean_posts_heldout.jsonl")
    assert len(held) >= 200 and generator("make_clean_heldout").build() == held, "clean_posts_heldout.jsonl differs from its generator"
    assert not {p["template"] for p in held} & {p["template"] for p in clean_posts()}
