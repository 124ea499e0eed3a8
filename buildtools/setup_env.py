"""Sets up a fresh machine: Debian packages, the .venv with pinned Python packages, npm packages.

Each step checks first and does nothing when it is already done, so `build.py test` is quick the
second time and still complete on a new machine.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

# What the tests need from Debian: real browsers (Chromium; Firefox ESR for tests/e2e_firefox/), a
# virtual screen, a real keyring, Qt's X libraries.
APT_TEST_PACKAGES = ["chromium", "chromium-l10n", "firefox-esr", "firefox-esr-l10n-es-es", "xvfb", "xauth", "gnome-keyring", "dbus", "dbus-x11", "openssl",
                     "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0",
                     "libegl1", "libgl1", "libnss3", "libxcomposite1", "libxdamage1", "libxrandr2",
                     "libxtst6", "libasound2", "libxkbfile1", "imagemagick"]


def log(message: str) -> None:
    print(f"[setup] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    log(" ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)


def missing_apt(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in packages:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def apt_install(packages: list[str]) -> None:
    missing = missing_apt(packages)
    if not missing:
        log("Debian packages: all present")
        return
    if not shutil.which("apt-get"):
        raise SystemExit(f"Install these packages with your system's package manager: {' '.join(missing)}")
    prefix = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if prefix is None:
        raise SystemExit(f"Run as root, or install: apt-get install -y {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(prefix + ["apt-get", "update", "-q"], env=env)
    run(prefix + ["apt-get", "install", "-y", "-q", "--no-install-recommends"] + missing, env=env)


def venv_python(root: Path) -> Path:
    return root / ".venv" / "bin" / "python"


def pip_install(root: Path, extras: list[str]) -> None:
    """Creates .venv and installs the helper with its pinned dependencies, once per pyproject change."""
    python = venv_python(root)
    if not python.exists():
        run([sys.executable, "-m", "venv", str(root / ".venv")])
    spec = f".[{','.join(extras)}]" if extras else "."
    stamp = root / ".venv" / ".social-guard-installed"
    digest = hashlib.sha256((root / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    if stamp.exists() and digest in stamp.read_text().split():
        log(f"Python packages: up to date ({spec})")
        return
    run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", spec], cwd=root)
    with stamp.open("a") as f:
        f.write(digest + "\n")


def npm_install(root: Path) -> None:
    if not (root / "package.json").exists():
        return
    if not shutil.which("npm"):
        raise SystemExit("npm is needed for the extension's lint (web-ext): install Node.js 20 or newer")
    lock = root / "package-lock.json"
    stamp = root / "node_modules" / ".social-guard-installed"
    digest = hashlib.sha256((lock if lock.exists() else root / "package.json").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        log("npm packages: up to date")
        return
    run(["npm", "ci" if lock.exists() else "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root)
    stamp.write_text(digest)


def setup(root: Path, apt: bool, extras: list[str]) -> Path:
    if apt:
        apt_install(APT_TEST_PACKAGES)
    pip_install(root, extras)
    npm_install(root)
    return venv_python(root)
