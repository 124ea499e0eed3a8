"""`python3 build.py demo`: Chromium with the built extension on the look-alike pages of the three
sites (the same fixtures the real-browser tests use), so a newcomer or a trainer sees every warning
without a social-media account. With no display, it takes screenshots of each warning instead."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

START = "https://x.com/__fixture/demo.html"


def _venv_python(root: Path) -> Path:
    return root / ".venv" / "bin" / "python"


def demo(root: Path) -> int:
    root = Path(root).resolve()
    try:
        import playwright  # noqa: F401
    except ImportError:
        # build.py runs under the system Python; the browser driver lives in the venv.
        return subprocess.call([str(_venv_python(root)), str(Path(__file__).resolve()), str(root)])
    return _run(root)


def _run(root: Path) -> int:
    sys.path.insert(0, str(root / "tests" / "e2e"))
    sys.path.insert(0, str(root))
    from playwright.sync_api import sync_playwright

    from browser import launch
    from tests.support.siteserver import SiteServer, resolver_rules

    ext = root / "dist" / "chrome"
    if not (ext / "manifest.json").exists():
        from buildtools.extension import build

        build(root, root / "dist")
    tmp = Path(tempfile.mkdtemp(prefix="social-guard-demo-"))
    server = SiteServer(tmp / "cert")
    server.start()
    headful = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    with sync_playwright() as p:
        ctx = launch(p, ext, tmp / "profile", tmp, resolver_rules(server.port), headless=not headful)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.goto(START)
        if headful:
            print(f"Social Guard demo is open in Chromium at {START}. Close the browser window to stop.", flush=True)
            try:
                while ctx.pages:
                    ctx.pages[0].wait_for_event("close", timeout=0)
            except Exception:
                pass
        else:
            out = root / "dist" / "demo"
            out.mkdir(parents=True, exist_ok=True)
            shots = _screenshots(ctx, out)
            print("No display: screenshots of each warning written to", out)
            for s in shots:
                print("  ", s)
        try:
            ctx.close()
        except Exception:
            pass
    server.stop()
    return 0


def _screenshots(ctx, out: Path) -> list[Path]:
    shots = []
    page = ctx.new_page()

    def shot(name: str):
        page.locator('[role="alertdialog"]').wait_for()
        page.wait_for_timeout(400)
        path = out / f"{name}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    page.goto("https://x.com/messages")
    shot("dm-x-direct-load")
    page.goto("https://www.facebook.com/")
    page.evaluate("fixtureOpenChat()")
    shot("dm-facebook-chat-popup")
    page.goto("https://www.facebook.com/")
    page.click('[aria-label="Write a comment…"]')
    page.keyboard.type("Jordan's IEP meeting moved, call 309-555-0142, SSN 123-45-6789")
    page.keyboard.press("Enter")
    shot("compose-facebook-comment")
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="unsafe-link"]')
    shot("link-facebook")
    page.goto("https://x.com/home")
    page.click('[data-testid="tweetTextarea_0"] [contenteditable="true"]')
    page.keyboard.type("Call me at 309-555-0142 after the game")
    page.wait_for_selector('[role="status"][data-guard-category]')
    page.wait_for_timeout(300)
    path = out / "hint-x-post.png"
    page.screenshot(path=str(path))
    shots.append(path)
    return shots


if __name__ == "__main__":
    sys.exit(_run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent))
