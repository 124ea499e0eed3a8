"""POST /v1/pair: the extension trades a one-time code for its own token."""
from flask import Blueprint, current_app, jsonify, request

from ..pairing import PairingError
from ..secrets import KeyringUnavailable
from ..validation import InputError
from .jsonbody import json_body

bp = Blueprint("pair", __name__)


@bp.errorhandler(InputError)
def bad_input(exc: InputError):
    response = jsonify({"error": str(exc)})
    response.status_code = exc.status
    return response


@bp.post("/v1/pair")
def pair():
    body = json_body()
    if not isinstance(body, dict) or not isinstance(body.get("code"), str) or not isinstance(body.get("name"), str):
        raise InputError("send {\"code\": \"<pairing code>\", \"name\": \"<browser name>\"}")
    name = body["name"].strip()[:80] or "Browser"
    try:
        token = current_app.extensions["sg.pairing"].redeem(body["code"], name, request.headers.get("Origin", ""))
    except PairingError as exc:
        return jsonify({"error": str(exc)}), 403
    except KeyringUnavailable as exc:
        return jsonify({"error": str(exc)}), 503
    return jsonify({"token": token})
