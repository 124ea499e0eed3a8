"""Launch Debian's Chromium with the built extension, on the real host names mapped to the local
fixture server (see ../../../shared/RECIPES.md). Used by the e2e tests, the demo and the benchmark."""
from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("SOCIAL_GUARD_CHROMIUM", "/usr/bin/chromium")


def launch(playwright, ext_dir: Path, user_data_dir: Path, home: Path, rules: str, headless: bool = True,
           lang: str = "en-US", extra_args: list[str] | None = None):
    env = dict(os.environ)
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
                "LANGUAGE": lang.split("-")[0], "LANG": f"{lang.replace('-', '_')}.UTF-8"})
    args = [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--ignore-certificate-errors", f"--lang={lang}",
        f"--host-resolver-rules={rules}",
        f"--disable-extensions-except={ext_dir}", f"--load-extension={ext_dir}",
    ] + list(extra_args or [])
    ctx = playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=headless, ignore_https_errors=True,
        args=args, env=env, locale=lang, viewport={"width": 1280, "height": 800},
    )
    return ctx


def extension_id(ctx) -> str:
    sw = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker", timeout=15000)
    return sw.url.split("/")[2]
