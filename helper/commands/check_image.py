"""`check-image PATH`: prints one output object (the contract's {"findings": [...]}) for a photo:
image.student_photo when it shows people (by name for students on the do-not-publish list),
image.location when it carries GPS. The photo is read into memory and nothing is kept; it is
decoded in a worker process with the helper's memory limit and timeout (helper/photos/worker.py).
Exit status: 0 no findings, 1 findings to act on, 2 the photo could not be checked."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..photos import worker as photo_worker
from ..photos.check import check_photo
from ..photos.decode import ImageError, MAX_IMAGE_BYTES
from ..storage.store import Store
from .common import add_district_argument, add_home_argument, config_from, engine_for


def register(subparsers) -> None:
    p = subparsers.add_parser("check-image", help="check a photo for people and GPS location")
    p.add_argument("path", type=Path, help="the photo (JPEG, PNG, WebP, GIF, BMP or HEIC)")
    p.add_argument("--locale", default="en", choices=("en", "es"), help="language of the messages")
    add_home_argument(p)
    add_district_argument(p)
    p.set_defaults(func=run)


def run(args) -> int:
    config = config_from(args)
    try:
        if args.path.stat().st_size > MAX_IMAGE_BYTES:
            raise ImageError(f"the photo is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
        data = args.path.read_bytes()
    except OSError as exc:
        print(f"check-image: cannot read {args.path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ImageError as exc:
        print(f"check-image: {exc}", file=sys.stderr)
        return 2
    store = None
    if config.db_path.is_file():   # the do-not-publish list, without creating a data folder just to check
        store = Store(config.db_path)
    try:
        workers = photo_worker.PhotoWorkers(workers=1, queue=0)
        try:
            result = check_photo(engine_for(config), data, args.locale, store=store, file_name=args.path.name,
                                 analyze_photo=workers.analyze)
        finally:
            workers.close()
    except ImageError as exc:
        print(f"check-image: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if any(f["severity"] in ("block", "warn") for f in result["findings"]) else 0
