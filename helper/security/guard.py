"""Who may talk to the helper. Every web page the user visits can send requests to 127.0.0.1, so
every request is checked here before any route runs:

- the Host header must be exactly 127.0.0.1:<port> or localhost:<port> (DNS rebinding): 403;
- every /v1 route but the public ones spends from a per-Origin rate limit: 429 with Retry-After;
- routes other than the public ones need a paired browser's bearer token (401), looked up by its
  keyed hash and compared in constant time, and a request that carries an Origin must come from
  that browser's extension origin (403); failed attempts spend from a small per-Origin budget, so
  guessing tokens soon gets 429;
- a revoked browser is refused on its very next request: tokens are looked up on every request,
  never cached;
- CORS headers (flask-cors) are sent only to paired extension origins (and, for pairing itself, to
  extension origins), never '*';
- with no usable OS keyring, token checks and pairing answer 503 with what to do.
"""
from __future__ import annotations

import hmac
import time

from flask import Flask, current_app, g, jsonify, request
from flask_cors import CORS

from .pairing import EXTENSION_ORIGIN
from .ratelimit import RateLimiter, retry_after_header
from .keyring_secret import KeyringUnavailable

PUBLIC_PATHS = {"/v1/health", "/v1/openapi.json"}
PAIR_PATH = "/v1/pair"
TOUCH_INTERVAL = 60.0   # seconds between last_seen writes for one browser

# Per Origin (requests without one share the key "-"). The extension checks a draft a few times a
# second at most while someone types; these bound a runaway or hostile sender, not a person.
REQUESTS_PER_SECOND = 200.0
REQUEST_BURST = 400.0
# Failed authentications per Origin: 10 at once, then one every 2 seconds.
AUTH_FAILURES_PER_SECOND = 0.5
AUTH_FAILURE_BURST = 10.0


def secure_equal(a: str | bytes | None, b: str | bytes | None) -> bool:
    """Constant-time comparison for secrets and their hashes (hmac.compare_digest); None never matches."""
    if a is None or b is None:
        return False
    if isinstance(a, str):
        a = a.encode()
    if isinstance(b, str):
        b = b.encode()
    return hmac.compare_digest(a, b)


def error(status: int, message: str, retry_after: float | None = None):
    response = jsonify({"error": message})
    response.status_code = status
    if retry_after is not None:
        response.headers["Retry-After"] = retry_after_header(retry_after)
    return response


def too_many(wait: float, what: str = "too many requests"):
    return error(429, f"{what}: try again in {retry_after_header(wait)} seconds", retry_after=wait)


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def origin_key() -> str:
    return (request.headers.get("Origin") or "-")[:300]


def refuse_auth(status: int, message: str):
    """A failed authentication: 401/403, or 429 once this Origin has failed too often."""
    wait = current_app.extensions["sg.authfail"].hit(origin_key())
    if wait:
        return too_many(wait, "too many failed attempts")
    return error(status, message)


def check_request():
    config = current_app.config["SG"]
    if request.host not in config.allowed_hosts:
        return error(403, "this helper answers only on 127.0.0.1 and localhost")
    if request.path.startswith("/ui") or request.path in PUBLIC_PATHS or request.method == "OPTIONS":
        return None   # pages check their own session; preflights carry no credentials
    wait = current_app.extensions["sg.ratelimit"].hit(origin_key())
    if wait:
        return too_many(wait)
    origin = request.headers.get("Origin")
    if request.path == PAIR_PATH:
        if not origin or not EXTENSION_ORIGIN.match(origin):
            return refuse_auth(403, "pairing must come from the Social Guard extension")
        return None   # the route checks the code and the lock-out
    token = bearer_token()
    if not token:
        return refuse_auth(401, "a paired browser's token is required")
    try:
        browser = current_app.extensions["sg.pairing"].browser_for_token(token)
    except KeyringUnavailable as exc:
        return error(503, str(exc))
    if browser is None:
        return refuse_auth(401, "this token is not valid: pair the browser again")
    if origin and origin != browser["origin"]:
        return refuse_auth(403, "this token belongs to another browser")
    g.browser = browser
    last = browser["last_seen"] or 0
    if time.time() - last > TOUCH_INTERVAL:
        current_app.extensions["sg.store"].touch_browser(browser["id"])
    return None


def restrict_cors(response):
    """flask-cors answers any extension origin; keep its headers only for paired ones."""
    origin = request.headers.get("Origin")
    if origin and response.headers.get("Access-Control-Allow-Origin"):
        browser = g.get("browser")
        allowed = (request.path == PAIR_PATH or (browser is not None and browser["origin"] == origin)
                   or origin in current_app.extensions["sg.store"].paired_origins())
        if not allowed:
            for name in [h for h in response.headers.keys() if h.lower().startswith("access-control-")]:
                del response.headers[name]
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_security(app: Flask) -> None:
    app.extensions.setdefault("sg.ratelimit", RateLimiter(REQUESTS_PER_SECOND, REQUEST_BURST))
    app.extensions.setdefault("sg.authfail", RateLimiter(AUTH_FAILURES_PER_SECOND, AUTH_FAILURE_BURST))
    app.before_request(check_request)
    # Registered before CORS(): Flask runs after_request hooks in reverse, so this one runs last.
    app.after_request(restrict_cors)
    CORS(app, resources={r"/v1/*": {"origins": [EXTENSION_ORIGIN.pattern]}},
         allow_headers=["Authorization", "Content-Type"], methods=["GET", "POST", "DELETE"], max_age=600,
         expose_headers=["Retry-After"])
