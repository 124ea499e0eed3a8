"""`python -m evaluation`: clean staff posts with a warning (the headline), recall on labelled staff drafts and
the peers' unit-test examples (tests/corpus/), then precision, recall and false alarms on the public data sets and
the shared vectors, beside Presidio, better-profanity and alt-profanity-check where installed (`pip install .[eval]`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import default_datasets_dir, run


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evaluation",
                                description="score the checker on the public data sets (and peers, side by side)")
    p.add_argument("--data", type=Path, default=None,
                   help="the data sets folder (default: $SOCIAL_GUARD_DATASETS or ../shared/datasets beside the repo)")
    p.add_argument("--failures", action="store_true",
                   help="also list the failing clean posts and the missed tune-half positives (ids, rules, text), "
                        "to tune on; held-out rows are only counted")
    p.add_argument("--corpus-only", action="store_true",
                   help="only the project's own corpora (tests/corpus): clean posts, staff positives, peers' examples")
    args = p.parse_args(argv)
    data = args.data or default_datasets_dir()
    if not args.corpus_only and not data.is_dir():
        print(f"eval: no data sets folder at {data} (give one with --data, or use --corpus-only)", file=sys.stderr)
        return 2
    run(data, failures=args.failures, corpus_only=args.corpus_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
