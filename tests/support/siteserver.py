"""A local HTTPS server that answers for x.com, twitter.com, www.facebook.com, www.messenger.com,
www.instagram.com, l.facebook.com and t.co with the look-alike pages in tests/e2e/fixtures/ (Chromium maps those
names to it with --host-resolver-rules). It records every post or message the pages really send
(POST /__record) and every visit to a link wrapper, so tests can prove what was and was not sent.
Used by the Chromium and Firefox e2e tests, `python3 build.py demo`, the screenshots and the feed benchmark.
"""
from __future__ import annotations

import json
import re
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support.paths import ROOT
from tests.support.waiting import wait_until

FIXTURES = ROOT / "tests" / "e2e" / "fixtures"
PAGES = {
    "x.com": "x.html",
    "twitter.com": "x.html",
    "mobile.twitter.com": "x.html",
    "www.facebook.com": "facebook.html",
    "www.messenger.com": "messenger.html",
    "www.instagram.com": "instagram.html",
    "www.tiktok.com": "tiktok.html",        # not district-approved: the unapproved-channel banner
    "web.snapchat.com": "snapchat.html",
}
WRAPPERS = ("l.facebook.com", "t.co")
HOSTS = tuple(PAGES) + WRAPPERS
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}


def make_cert(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate whose subjectAltName lists every mapped host."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not cert.exists():
        san = ",".join(f"DNS:{h}" for h in HOSTS)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7", "-keyout", str(key),
             "-out", str(cert), "-subj", "/CN=social-guard-fixtures", "-addext", f"subjectAltName={san}"],
            check=True, capture_output=True,
        )
    return cert, key


def resolver_rules(port: int) -> str:
    maps = [f"MAP {h} 127.0.0.1:{port}" for h in HOSTS]
    # Nothing else leaves the machine; the helper on 127.0.0.1 is an address, not a name.
    return ", ".join(maps + ["MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1", "EXCLUDE localhost"])


class SiteServer:
    def __init__(self, cert_dir: Path):
        self.cert, self.key = make_cert(cert_dir)
        self.posted: list[dict] = []
        self.visits: list[str] = []
        self.lock = threading.Lock()
        self.httpd: ThreadingHTTPServer | None = None
        self.port = 0

    # ---- what tests read ----
    def texts(self, site: str | None = None) -> list[str]:
        with self.lock:
            return [p["text"] for p in self.posted if site is None or p["site"] == site]

    def wait_posted(self, text: str, timeout: float = 5.0) -> bool:
        """Whether a post containing `text` arrives within `timeout` seconds."""
        try:
            return wait_until(lambda: any(text in t for t in self.texts()), f"a post with {text!r}", timeout)
        except AssertionError:
            return False

    def clear(self) -> None:
        with self.lock:
            self.posted.clear()
            self.visits.clear()

    # ---- serving ----
    def start(self) -> int:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8"):
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if urlsplit(self.path).path == "/__record":
                    try:
                        data = json.loads(body)
                    except ValueError:
                        return self._send(400, b"bad json")
                    data["host"] = self.headers.get("Host", "")
                    with server.lock:
                        server.posted.append(data)
                    return self._send(204, b"")
                self._send(404, b"not found")

            def do_GET(self):
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                url = urlsplit(self.path)
                if url.path.startswith("/__fixture/"):
                    name = url.path[len("/__fixture/"):]
                    f = FIXTURES / name
                    if "/" in name or not f.is_file():
                        return self._send(404, b"not found")
                    return self._send(200, f.read_bytes(), TYPES.get(f.suffix, "application/octet-stream"))
                if url.path == "/favicon.ico":
                    return self._send(404, b"")
                if host in WRAPPERS:
                    target = parse_qs(url.query).get("u", [""])[0] if host == "l.facebook.com" else url.path
                    with server.lock:
                        server.visits.append(f"https://{host}{self.path}")
                    page = f"<!doctype html><title>Leaving</title><h1 id='landing'>Link wrapper {host}</h1><p>{target}</p>"
                    return self._send(200, page.encode())
                page = PAGES.get(host)
                if not page:
                    return self._send(404, b"unknown host")
                # ?fixture=live-x: a page built like the live site today, at the same host and path.
                chosen = parse_qs(url.query).get("fixture", [""])[0]
                if chosen:
                    if not re.fullmatch(r"[a-z0-9-]{1,40}", chosen) or not (FIXTURES / f"{chosen}.html").is_file():
                        return self._send(404, b"no such fixture")
                    page = f"{chosen}.html"
                self._send(200, (FIXTURES / page).read_bytes())

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.cert, self.key)
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self.port

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
