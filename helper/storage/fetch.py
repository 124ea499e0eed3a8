"""The one HTTP download of the helper (threat feeds and signed rule packs): TLS with the system's CAs
plus an optional district CA, redirects followed only to https://, a size cap and an overall deadline,
gzip decoded within the cap. Errors are FetchError, with a message for people."""
from __future__ import annotations

import http.client
import ssl
import time
import urllib.error
import urllib.request
import zlib
from urllib.parse import urlsplit


class FetchError(Exception):
    """Why a download failed; the message says it for people."""


def ssl_context(ca_file=None) -> ssl.SSLContext:
    """The system's trusted CAs, plus the district's own CA where it inspects TLS."""
    context = ssl.create_default_context()
    if ca_file:
        try:
            context.load_verify_locations(cafile=str(ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise FetchError(f"cannot use the CA file {ca_file}: {exc}") from None
    return context


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, what: str):
        super().__init__()
        self.what = what

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme != "https":
            raise FetchError(f"the {self.what} redirects to {newurl}, which is not HTTPS")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_capped(resp, max_bytes: int, deadline: float, what: str) -> bytes:
    ends, chunks, size = time.monotonic() + deadline, [], 0
    while True:
        chunk = resp.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the {what} is larger than the {_size(max_bytes)} limit")
        if time.monotonic() > ends:
            raise FetchError(f"the download took longer than {deadline:.0f} s")
        chunks.append(chunk)


def _decoded(body: bytes, encoding: str, max_bytes: int, what: str) -> bytes:
    if encoding in ("", "identity"):
        return body
    if encoding != "gzip":
        raise FetchError(f"the server sent an unsupported Content-Encoding ({encoding})")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflate.decompress(body, max_bytes + 1)
    if len(out) > max_bytes or inflate.unconsumed_tail:
        raise FetchError(f"the {what} is larger than the {_size(max_bytes)} limit")
    return out


def fetch(url: str, *, what: str, max_bytes: int, timeout: float, deadline: float, headers: dict | None = None,
          ca_file=None, ca_hint: str = "") -> tuple[bytes | None, dict]:
    """(body, response headers); body is None when the server answers 304 Not Modified.
    `what` names the download in messages ("feed", "rule pack"); `ca_hint` says where to set a CA file."""
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ssl_context(ca_file)),
                                         _HttpsOnlyRedirects(what))
    headers = {"Accept-Encoding": "gzip", **(headers or {})}
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as resp:
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"the {what} is {_size(int(length))}, more than the {_size(max_bytes)} limit")
            body = _read_capped(resp, max_bytes, deadline, what)
            return _decoded(body, resp.headers.get("Content-Encoding", "").lower(), max_bytes, what), resp.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None, exc.headers
        raise FetchError(f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, ssl.SSLCertVerificationError):
            raise FetchError(f"the server's certificate is not trusted ({exc.reason.verify_message}){ca_hint}") from None
        raise FetchError(f"cannot reach {urlsplit(url).hostname}: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:.0f} s") from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"the download failed: {exc}") from None
