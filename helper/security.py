"""Who may talk to the helper. Every web page the user visits can send requests to 127.0.0.1, so
every request is checked here before any route runs:

- the Host header must be exactly 127.0.0.1:<port> or localhost:<port> (DNS rebinding);
- routes other than the public ones need a paired browser's bearer token, and a request that
  carries an Origin must come from that browser's extension origin;
- CORS headers (flask-cors) are sent only to paired extension origins (and, for pairing itself, to
  extension origins), never '*'.
"""
from __future__ import annotations

import time

from flask import Flask, current_app, g, jsonify, request
from flask_cors import CORS

from .pairing import EXTENSION_ORIGIN

PUBLIC_PATHS = {"/v1/health", "/v1/openapi.json"}
PAIR_PATH = "/v1/pair"
TOUCH_INTERVAL = 60.0   # seconds between last_seen writes for one browser


def error(status: int, message: str):
    response = jsonify({"error": message})
    response.status_code = status
    return response


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def check_request():
    config = current_app.config["SG"]
    if request.host not in config.allowed_hosts:
        return error(403, "this helper answers only on 127.0.0.1 and localhost")
    if request.path.startswith("/ui") or request.path in PUBLIC_PATHS or request.method == "OPTIONS":
        return None   # pages check their own session; preflights carry no credentials
    origin = request.headers.get("Origin")
    if request.path == PAIR_PATH:
        if not origin or not EXTENSION_ORIGIN.match(origin):
            return error(403, "pairing must come from the Social Guard extension")
        return None
    token = bearer_token()
    if not token:
        return error(401, "a paired browser's token is required")
    browser = current_app.extensions["sg.pairing"].browser_for_token(token)
    if browser is None:
        return error(401, "this token is not valid: pair the browser again")
    if origin and origin != browser["origin"]:
        return error(403, "this token belongs to another browser")
    g.browser = browser
    last = browser["last_seen"] or 0
    if time.time() - last > TOUCH_INTERVAL:
        current_app.extensions["sg.store"].touch_browser(browser["id"])
    return None


def restrict_cors(response):
    """flask-cors answers any extension origin; keep its headers only for paired ones."""
    origin = request.headers.get("Origin")
    if origin and response.headers.get("Access-Control-Allow-Origin"):
        allowed = request.path == PAIR_PATH or origin in current_app.extensions["sg.store"].paired_origins()
        if not allowed:
            for name in [h for h in response.headers.keys() if h.lower().startswith("access-control-")]:
                del response.headers[name]
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_security(app: Flask) -> None:
    app.before_request(check_request)
    # Registered before CORS(): Flask runs after_request hooks in reverse, so this one runs last.
    app.after_request(restrict_cors)
    CORS(app, resources={r"/v1/*": {"origins": [EXTENSION_ORIGIN.pattern]}},
         allow_headers=["Authorization", "Content-Type"], methods=["GET", "POST", "DELETE"], max_age=600)
