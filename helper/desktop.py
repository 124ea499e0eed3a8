"""The desktop window: a pywebview window on the helper's own pages (helper/web/).

It only creates the window; every page, and all the logic behind it, is served by the helper, so
the same pages open in any browser through the login address that `serve` prints. On Linux the
window uses the Qt backend (PyQt6 WebEngine, the `desktop` extra); elsewhere the platform's own.
"""
from __future__ import annotations

import os
import sys

TITLE = "Social Guard"


def display_available() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def unavailable_reason() -> str | None:
    """Why no window can open here, for people; None when it can."""
    if not display_available():
        return "there is no display (DISPLAY and WAYLAND_DISPLAY are not set)"
    try:
        import webview  # noqa: F401
    except ImportError:
        return "pywebview is not installed (install the desktop extra: pip install -e '.[desktop]')"
    return None


def open_window(url: str) -> None:
    """Opens the window on `url` and returns when the user closes it. Must run on the main thread."""
    import webview
    gui = None
    if sys.platform.startswith("linux"):
        gui = "qt"
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # Chromium's sandbox (inside Qt WebEngine) refuses to run as root.
            flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
            if "--no-sandbox" not in flags.split():
                os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
            os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # text_select: people copy the pairing code and the report summary from the window.
    webview.create_window(TITLE, url, width=1100, height=760, min_size=(640, 480), text_select=True)
    webview.start(gui=gui, private_mode=True)
