"""Threat-feed subscriptions: `blocklist update|status|test|clear` against a real local HTTPS
server whose certificate comes from a test CA, the checker flagging a fed host as link.blocklisted
(through build_engine and through a real helper's background refresh), and the guards that keep a
feed from blocking shared, protected or allow-listed hosts."""
from __future__ import annotations

import datetime
import re
import ipaddress
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from helper.checker import Checker, build_engine
from helper.cli import main
from helper.rules.loader import load_bundle
from helper.storage.store import Store
from tests.support.helper_process import HelperProcess
from tests.support.origins import EXTENSION_ORIGIN
from tests.support.ports import free_port

DOMAINS = "# Phishing.Database style: one domain a line\njobcity.com\nphish-login.example\ndrive.google.com\n"
HOSTS = ("# hosts file\n127.0.0.1 localhost\n0.0.0.0 malware-cdn.example\n0.0.0.0 github.com\n"
         "0.0.0.0 molineschools.org # protected\n0.0.0.0 10.0.0.0/8\n")
ADBLOCK = ("! Title: Online Malicious URL Blocklist (test)\n[Adblock Plus 2.0]\n||payload.example^\n"
           "||bad.example/path^\n||*.wild.example^\n||evil.sub.github.io^\n")


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A test CA (trusted only through --ca-file) and a server certificate for 127.0.0.1 it signed."""
    folder = tmp_path_factory.mktemp("tls")
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Social Guard test CA")).issuer_name(_name("Social Guard test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
    return folder


class FeedServer:
    """A real HTTPS server of feeds: path -> body, with an ETag each, answering 304 to If-None-Match."""

    def __init__(self, tls_dir):
        self.feeds: dict[str, bytes] = {}
        self.status: dict[str, int] = {}     # a path set here answers with this error instead
        self.log: list[tuple[str, int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path
                if path == "/huge":     # says 40 MB up front
                    self._reply(200, b"x", {"Content-Length": str(40 * 1024 * 1024)})
                elif path == "/endless":   # no Content-Length: the download must stop itself
                    server.log.append((path, 200))
                    self.send_response(200)
                    self.end_headers()
                    chunk = b"0.0.0.0 filler.example\n" * 4096
                    try:
                        for _ in range(34 * 1024 * 1024 // len(chunk) + 2):
                            self.wfile.write(chunk)
                    except OSError:
                        pass
                elif path == "/to-http":
                    self._reply(302, b"", {"Location": "http://127.0.0.1:1/feed.txt"})
                elif path in server.status:
                    self._reply(server.status[path], b"<html>Service unavailable</html>")
                elif path in server.feeds:
                    body = server.feeds[path]
                    etag = '"%x"' % hash(body)
                    if self.headers.get("If-None-Match") == etag:
                        self._reply(304, b"", {"ETag": etag})
                    else:
                        self._reply(200, body, {"ETag": etag})
                else:
                    self._reply(404, b"not found")

            def _reply(self, code, body, headers=None):
                server.log.append((self.path, code))
                self.send_response(code)
                headers = headers or {}
                headers.setdefault("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if code != 304:
                    try:
                        self.wfile.write(body)
                    except OSError:
                        pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_dir / "server.pem", tls_dir / "server.key")
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.base = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server(tls):
    srv = FeedServer(tls)
    srv.feeds.update({"/domains.txt": DOMAINS.encode(), "/hosts": HOSTS.encode(), "/urlhaus-filter.txt": ADBLOCK.encode()})
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def update(capsys, home, tls, *urls):
    return cli(capsys, "blocklist", "update", *[a for u in urls for a in ("--feed", u)],
               "--ca-file", str(tls / "ca.pem"), "--home", str(home))


def flagged(engine, link: str) -> bool:
    findings = engine.check({"text": f"Apply here: {link} today", "site": "facebook", "surface": "post"})["findings"]
    return any(f["category"] == "link.blocklisted" for f in findings)


def test_update_reads_each_format_and_drops_what_must_never_be_blocked(tmp_path, server, tls, capsys):
    urls = [server.url("/domains.txt"), server.url("/hosts"), server.url("/urlhaus-filter.txt")]
    code, out, err = update(capsys, tmp_path, tls, *urls)
    assert code == 0, err
    lines = out.splitlines()
    assert f"  {urls[0]}: {len(DOMAINS)} bytes, 3 hosts, 2 kept, 1 dropped (shared host 1)" in lines
    assert (f"  {urls[1]}: {len(HOSTS)} bytes, 3 hosts, 1 kept, 2 dropped (protected domain 1, shared host 1), "
            "skipped 1 line (ip address 1)") in lines
    assert (f"  {urls[2]}: {len(ADBLOCK)} bytes, 2 hosts, 2 kept, 0 dropped, skipped 2 lines "
            "(not host-level 1, wildcard 1)") in lines
    assert lines[-1] == "5 hosts in the blocklist from feeds"

    code, out, _ = cli(capsys, "blocklist", "test", "https://www.jobcity.com/apply", "--home", str(tmp_path))
    assert code == 1 and out.splitlines() == [f"listed by {urls[0]} (as jobcity.com)", "www.jobcity.com: BLOCKED (link.blocklisted)"]
    code, out, _ = cli(capsys, "blocklist", "test", "evil.sub.github.io", "--home", str(tmp_path))
    assert code == 1, out   # one customer's page on a shared hosting suffix is precise enough
    code, out, _ = cli(capsys, "blocklist", "test", "drive.google.com", "--home", str(tmp_path))
    assert code == 0 and out.splitlines()[-1] == "drive.google.com: not blocked: the feeds' entry was dropped (shared host)"
    code, out, _ = cli(capsys, "blocklist", "test", "example.org", "--home", str(tmp_path))
    assert code == 0 and out == "example.org: not blocked\n"

    code, out, _ = cli(capsys, "blocklist", "status", "--home", str(tmp_path))
    assert code == 0 and f"{urls[1]}\n  fetched " in out and "3 hosts, 1 in use" in out
    assert out.splitlines()[-1].startswith("5 hosts in use, updated ")


def test_an_unchanged_feed_is_not_downloaded_again(tmp_path, server, tls, capsys):
    url = server.url("/domains.txt")
    assert update(capsys, tmp_path, tls, url)[0] == 0
    code, out, _ = update(capsys, tmp_path, tls)      # no --feed: the subscribed ones
    assert code == 0 and f"  {url}: not modified; 3 hosts, 2 kept, 1 dropped (shared host 1)" in out.splitlines()
    assert server.log == [("/domains.txt", 200), ("/domains.txt", 304)]
    server.feeds["/domains.txt"] += b"new-threat.example\n"
    code, out, _ = update(capsys, tmp_path, tls)
    assert code == 0 and "4 hosts, 3 kept" in out and server.log[-1] == ("/domains.txt", 200)


def test_a_failing_feed_keeps_its_last_good_copy_and_says_why(tmp_path, server, tls, capsys):
    url = server.url("/domains.txt")
    assert update(capsys, tmp_path, tls, url)[0] == 0
    server.status["/domains.txt"] = 503
    code, out, _ = update(capsys, tmp_path, tls)
    assert code == 1
    assert f"  {url}: FAILED: the server answered HTTP 503 Service Unavailable; keeping the copy from " in out
    assert out.splitlines()[-1] == \
        "2 hosts in the blocklist from feeds; 1 feed(s) failed (their last good copy, if any, stays in use)"
    del server.status["/domains.txt"]
    server.feeds["/domains.txt"] = b"<!doctype html><html><body>Please log in</body></html>\n"
    code, out, _ = update(capsys, tmp_path, tls)
    assert code == 1 and "FAILED: no host names in a known format" in out
    code, out, _ = cli(capsys, "blocklist", "status", "--home", str(tmp_path))
    assert "last update FAILED: no host names" in out
    assert cli(capsys, "blocklist", "test", "jobcity.com", "--home", str(tmp_path))[0] == 1


def test_refused_feeds_oversize_untrusted_plain_http_and_redirects(tmp_path, server, tls, capsys):
    code, out, _ = update(capsys, tmp_path, tls, server.url("/huge"))
    assert code == 1 and "FAILED: the feed is 40 MB, more than the 32 MB limit; no copy yet" in out
    code, out, _ = update(capsys, tmp_path, tls, server.url("/endless"))
    assert code == 1 and "FAILED: the feed is larger than the 32 MB limit; no copy yet" in out
    code, out, _ = cli(capsys, "blocklist", "update", "--feed", server.url("/domains.txt"), "--home", str(tmp_path))
    assert code == 1 and "FAILED: the server's certificate is not trusted" in out and "SOCIAL_GUARD_BLOCKLIST_CA_FILE" in out
    code, _, err = cli(capsys, "blocklist", "update", "--feed", server.url("/hosts").replace("https:", "http:"),
                       "--home", str(tmp_path))
    assert code == 2 and "is not an https:// address" in err
    code, out, _ = update(capsys, tmp_path, tls, server.url("/to-http"))
    assert code == 1 and "which is not HTTPS" in out
    code, _, err = cli(capsys, "blocklist", "update", "--home", str(tmp_path / "empty"))
    assert code == 2 and "no feeds" in err


def test_fed_hosts_are_blocklisted_by_the_checker_and_guards_follow_the_settings(tmp_path, server, tls, capsys):
    home = tmp_path / "home"
    home.mkdir()
    store = Store(home / "social-guard.sqlite3")
    checker = Checker(None, store)
    assert not flagged(checker, "jobcity.com/")
    assert update(capsys, home, tls, server.url("/domains.txt"), server.url("/hosts"))[0] == 0
    engine = build_engine(load_bundle(), store)
    assert flagged(engine, "jobcity.com/") and flagged(engine, "https://malware-cdn.example/x.exe")
    for safe in ("https://drive.google.com/file/d/1abc/view", "https://github.com/a/b", "https://molineschools.org/",
                 "https://jobcity.co/", "https://example.com/"):
        assert not flagged(engine, safe), safe
    # A running checker notices the new file (from another process) without a restart.
    checker._feed_watch.next = 0
    assert flagged(checker, "jobcity.com/")
    # The user allow-lists a host: the engine lets it through at once, and the next update drops it.
    store.set_settings({"allowlist": ["jobcity.com"]})
    checker.reload()
    assert not flagged(checker, "jobcity.com/") and flagged(checker, "https://phish-login.example/")
    code, out, _ = update(capsys, home, tls)
    assert "not modified; 3 hosts, 1 kept, 2 dropped (allow-listed 1, shared host 1)" in out
    assert cli(capsys, "blocklist", "clear", "--home", str(home))[0] == 0
    checker._feed_watch.next = 0
    assert not flagged(checker, "https://phish-login.example/")


def test_serve_refreshes_the_feeds_in_the_background(tmp_path, server, tls, keyring_service, monkeypatch):
    monkeypatch.setenv("SOCIAL_GUARD_BLOCKLIST_FEEDS", server.url("/domains.txt"))
    monkeypatch.setenv("SOCIAL_GUARD_BLOCKLIST_CA_FILE", str(tls / "ca.pem"))
    helper = HelperProcess(tmp_path / "helper-home", free_port(), keyring_service).start()
    try:
        headers = {"Authorization": f"Bearer {helper.pair()}", "Origin": EXTENSION_ORIGIN}
        draft = {"text": "New job board: jobcity.com/ apply by Friday", "site": "x", "surface": "post"}
        deadline, categories = time.time() + 30, []
        while time.time() < deadline and "link.blocklisted" not in categories:
            status, body = helper.request("POST", "/v1/check", draft, headers)
            assert status == 200, body
            categories = [f["category"] for f in body["findings"]]
            time.sleep(0.2)
        assert "link.blocklisted" in categories
        status, body = helper.request("POST", "/v1/check", dict(draft, text="Our district site: drive.google.com/x"), headers)
        assert "link.blocklisted" not in [f["category"] for f in body["findings"]]
    finally:
        helper.stop()
    log = "".join(helper.output)
    assert "Blocklist feeds: 1, refreshed when older than 24 h." in log
    assert f"Blocklist feed {server.url('/domains.txt')}: {len(DOMAINS)} bytes, 3 hosts, 2 kept" in log
    assert "jobcity.com/ apply" not in log     # never the draft
    assert server.log == [("/domains.txt", 200)]


def test_the_refresh_is_due_after_the_interval_and_an_hour_after_a_failure(tmp_path, server, tls, capsys):
    from helper.links import feeds as bf
    url, day = server.url("/domains.txt"), 24 * 3600
    assert bf.due(tmp_path, [url], day)          # never fetched
    assert update(capsys, tmp_path, tls, url)[0] == 0
    now = time.time()
    assert not bf.due(tmp_path, [url], day, now + 3600) and bf.due(tmp_path, [url], day, now + day + 1)
    assert bf.due(tmp_path, [url, server.url("/hosts")], day)    # a feed was added
    server.status["/domains.txt"] = 500
    assert update(capsys, tmp_path, tls)[0] == 1
    assert not bf.due(tmp_path, [url], day, now + 600) and bf.due(tmp_path, [url], day, now + 3601)


def test_the_settings_come_from_the_environment(monkeypatch, capsys):
    from helper.config import Config
    monkeypatch.setenv("SOCIAL_GUARD_BLOCKLIST_FEEDS", "https://a.example/hosts.txt, https://b.example/list\n")
    monkeypatch.setenv("SOCIAL_GUARD_BLOCKLIST_REFRESH_HOURS", "0")
    config = Config()
    assert config.blocklist_feeds == ["https://a.example/hosts.txt", "https://b.example/list"]
    assert config.blocklist_refresh_hours == 0 and config.blocklist_ca_file is None
    monkeypatch.setenv("SOCIAL_GUARD_BLOCKLIST_REFRESH_HOURS", "daily")
    assert Config().blocklist_refresh_hours == 24
    assert "SOCIAL_GUARD_BLOCKLIST_REFRESH_HOURS='daily' is not a number of hours" in capsys.readouterr().err


def test_the_status_page_shows_the_feeds(server, tls, capsys, app, client, config):
    """The helper's own status page: how many feeds, how many sites, and a failed update, as words."""
    def status_text() -> str:
        token = app.extensions["sg.pairing"].new_login_token()
        client.get(f"/ui/login?token={token}")
        html = client.get("/ui/").get_data(as_text=True)
        return " ".join(re.sub(r"<[^>]+>", " ", html[html.index("<main"):html.index("</main>")]).split())

    assert "Link blocklist feeds" not in status_text()
    urls = [server.url("/domains.txt"), server.url("/hosts")]
    assert update(capsys, config.home, tls, *urls)[0] == 0
    text = status_text()
    assert "Link blocklist feeds 2 subscribed, 3 sites listed; oldest copy from " in text
    assert "could not be updated" not in text
    server.status["/hosts"] = 503
    assert update(capsys, config.home, tls)[0] == 1
    assert "1 could not be updated (python -m helper blocklist status tells why)." in status_text()
