"""POST /v1/pages-link: a paired browser asks for a one-time sign-in address to the helper's own
pages, so the extension's popup can open them in one click (the same address `python -m helper
pages` prints: it works once and for ten minutes). Authenticated like every /v1 route (the paired
browser's token, helper.security); the answer is {"url": "http://127.0.0.1:PORT/ui/login?token=..."}.
"""
from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("pages_link", __name__)


@bp.post("/v1/pages-link")
def pages_link():
    token = current_app.extensions["sg.pairing"].new_login_token()
    # The host the browser reached us on (127.0.0.1 or localhost: security.check_request allows no other).
    return jsonify({"url": f"http://{request.host}/ui/login?token={token}"})
