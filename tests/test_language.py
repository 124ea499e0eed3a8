"""The draft's language, read from the shared stop-word lists, is the same in both engines and right
on the clean-post corpus (English and Spanish staff posts)."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helper.engine.language import detect_language, stopword_lists
from evaluation.run import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "clean_posts.jsonl"


def texts():
    rows = read_jsonl(CORPUS)
    hostile = ["", "1234 5678", "ÉL ESTÁ AQUÍ", "İstanbul \u212aelvin", "The el la the", "¿Qué? What?", "\u202eloohcs eht\u202c"]
    return rows, [r["text"] for r in rows] + hostile


def test_the_language_of_each_clean_post(bundle):
    rows, _ = texts()
    stopwords = stopword_lists(bundle["lists"])
    wrong = [r["id"] for r in rows if detect_language(r["text"], stopwords) != r["lang"]]
    assert len(wrong) <= len(rows) // 200, wrong


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_both_engines_read_the_same_language(bundle):
    _, drafts = texts()
    script = (
        'import { loadBundle } from "./extension/engine/node-loader.js";\n'
        'import { detectLanguage, stopwordLists } from "./extension/engine/language.js";\n'
        'import { readFileSync } from "node:fs";\n'
        'const stop = stopwordLists(Object.fromEntries(Object.entries(loadBundle("shared_rules").lists)'
        '.map(([k, v]) => [k, new Set(v)])));\n'
        'const drafts = JSON.parse(readFileSync(0, "utf8"));\n'
        'process.stdout.write(JSON.stringify(drafts.map((t) => detectLanguage(t, stop))));\n')
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, input=json.dumps(drafts),
                         capture_output=True, text=True, check=True, timeout=120)
    stopwords = stopword_lists(bundle["lists"])
    assert json.loads(out.stdout) == [detect_language(t, stopwords) for t in drafts]
