#!/usr/bin/env python3
"""Social Guard's one entry point. Runs with the system's python3; sets up what it needs.

  python3 build.py            build dist/chrome and dist/firefox (unpacked) and a zip of each
  python3 build.py run        set up, build, and start the helper (desktop window where a display exists)
  python3 build.py test       set up everything (Debian packages too) and run the whole test suite
  python3 build.py demo       open Chromium with the extension on the look-alike pages of the three sites
  python3 build.py bench      print the speed figures (checker, helper over HTTP, extension)
  python3 build.py eval       print precision and recall on the public data sets
  python3 build.py lint       lint the rules data and the Firefox build
  python3 build.py screenshots  every warning, the popup and the helper's pages, en and es, into docs/screenshots/
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from buildtools import setup_env  # noqa: E402


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def build() -> None:
    from buildtools.extension import build as build_extension
    result = build_extension(ROOT, ROOT / "dist")
    for name, path in sorted(result.items()):
        print(f"built {name}: {path}")


def cmd_run(args: list[str]) -> int:
    extras = ["desktop"] if has_display() else []
    python = setup_env.setup(ROOT, apt=False, extras=extras)
    build()
    serve = [str(python), "-m", "helper", "serve", *args]
    if not has_display() and "--no-window" not in args:
        serve.append("--no-window")
    print("starting:", " ".join(serve), flush=True)
    return subprocess.call(serve, cwd=ROOT)


def cmd_test(args: list[str]) -> int:
    python = setup_env.setup(ROOT, apt=True, extras=["test", "desktop"])
    build()
    steps = [
        ("rules lint", [str(python), "-m", "helper", "rules", "lint"]),
        ("JavaScript tests", ["node", "--test", *sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))]),
    ]
    web_ext = ROOT / "node_modules" / ".bin" / "web-ext"
    if web_ext.exists():
        steps.append(("web-ext lint (Firefox build)", [str(web_ext), "lint", "--source-dir", str(ROOT / "dist" / "firefox"),
                                                        "--self-hosted", "--warnings-as-errors"]))
    failed = []
    for name, cmd in steps:
        print(f"\n== {name}", flush=True)
        if subprocess.call(cmd, cwd=ROOT) != 0:
            failed.append(name)
    print("\n== Python tests (pytest, with a real keyring under a private D-Bus session)", flush=True)
    pytest = ["dbus-run-session", "--", "sh", str(ROOT / "tests" / "with-keyring.sh"),
              str(python), "-m", "pytest", "-p", "no:cacheprovider", *(args or ["tests"])]
    code = subprocess.call(pytest, cwd=ROOT)
    if failed:
        print(f"failed before pytest: {', '.join(failed)}", flush=True)
        return 1
    return code


def cmd_demo(args: list[str]) -> int:
    setup_env.setup(ROOT, apt=True, extras=["test"])
    build()
    from buildtools.demo import demo
    return demo(ROOT) or 0


def cmd_bench(args: list[str]) -> int:
    python = setup_env.setup(ROOT, apt=True, extras=["test"])
    build()
    code = 0
    for script in sorted((ROOT / "bench").glob("*.py")):
        print(f"\n== {script.name}", flush=True)
        # The HTTP benchmarks pair with a real helper, which needs the keyring the tests use.
        code |= subprocess.call(["dbus-run-session", "--", "sh", str(ROOT / "tests" / "with-keyring.sh"),
                                 str(python), "-m", f"bench.{script.stem}", *args], cwd=ROOT)
    return code


def cmd_eval(args: list[str]) -> int:
    python = setup_env.setup(ROOT, apt=False, extras=["test", "eval"])   # "eval": the peers compared with
    return subprocess.call([str(python), "-m", "evaluation", *args], cwd=ROOT)


def cmd_lint(args: list[str]) -> int:
    python = setup_env.setup(ROOT, apt=False, extras=[])
    build()
    code = subprocess.call([str(python), "-m", "helper", "rules", "lint"], cwd=ROOT)
    web_ext = ROOT / "node_modules" / ".bin" / "web-ext"
    if web_ext.exists():
        code |= subprocess.call([str(web_ext), "lint", "--source-dir", str(ROOT / "dist" / "firefox"),
                                 "--self-hosted", "--warnings-as-errors"], cwd=ROOT)
    return code


def cmd_screenshots(args: list[str]) -> int:
    python = setup_env.setup(ROOT, apt=True, extras=["test"])
    # The helper's pages need its keyring secret: the same private keyring session the tests use.
    return subprocess.call(["dbus-run-session", "--", "sh", str(ROOT / "tests" / "with-keyring.sh"), str(python),
                            str(ROOT / "buildtools" / "screenshots.py"), str(ROOT)], cwd=ROOT)


COMMANDS = {"run": cmd_run, "test": cmd_test, "demo": cmd_demo, "bench": cmd_bench, "eval": cmd_eval, "lint": cmd_lint,
            "screenshots": cmd_screenshots}


def main(argv: list[str]) -> int:
    if not argv:
        build()
        return 0
    if argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if argv[0] not in COMMANDS:
        print(f"build.py: unknown command {argv[0]!r}\n{__doc__}", file=sys.stderr)
        return 2
    if shutil.which("node") is None and argv[0] in ("test", "lint"):
        print("build.py: Node.js 20 or newer is needed (apt-get install nodejs)", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
