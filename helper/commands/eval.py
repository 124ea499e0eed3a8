"""`eval`: precision, recall and false alarms of the checker on the public data sets and the shared
vectors, beside Presidio, better-profanity and alt-profanity-check where installed (`pip install .[eval]`)."""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("eval", help="score the checker on the public data sets (and peers, side by side)")
    p.add_argument("--data", type=Path, default=None,
                   help="the data sets folder (default: $SOCIAL_GUARD_DATASETS or ../shared/datasets beside the repo)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..eval import default_datasets_dir, run as run_eval
    data = args.data or default_datasets_dir()
    if not data.is_dir():
        print(f"eval: no data sets folder at {data} (give one with --data)", file=sys.stderr)
        return 2
    run_eval(data)
    return 0
