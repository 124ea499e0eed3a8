"""POST /v1/pair: the extension trades a one-time code for its own token.

403: wrong, used or expired code, or not sent from an extension origin (helper.security).
429 + Retry-After: pairing is locked after too many wrong codes (for everyone), or this origin
sent too many requests. 503: no OS keyring, so no pairing at all.
"""
import re

from flask import Blueprint, current_app, jsonify, request

from ..security.pairing import PairingError, PairingLocked
from ..security.keyring_secret import KeyringUnavailable
from ..security.guard import error, too_many
from ..validation import InputError
from .jsonbody import json_body

bp = Blueprint("pair", __name__)
NAME_MAX = 80
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@bp.errorhandler(InputError)
def bad_input(exc: InputError):
    response = jsonify({"error": str(exc)})
    response.status_code = exc.status
    return response


def clean_name(name: str) -> str:
    """A browser's name as people will see it in the list: no control or direction characters, no
    lone surrogate (which could not be stored)."""
    return " ".join(CONTROL.sub(" ", name).split())[:NAME_MAX] or "Browser"


@bp.post("/v1/pair")
def pair():
    body = json_body()
    if not isinstance(body, dict) or not isinstance(body.get("code"), str) or not isinstance(body.get("name"), str):
        raise InputError("send {\"code\": \"<pairing code>\", \"name\": \"<browser name>\"}")
    if len(body["code"]) > 64:
        raise InputError("that is not a pairing code: it has 8 letters and digits, like ABCD-2345")
    try:
        token = current_app.extensions["sg.pairing"].redeem(body["code"], clean_name(body["name"]),
                                                            request.headers.get("Origin", ""))
    except PairingLocked as exc:
        return too_many(exc.retry_after, "too many wrong pairing codes: pairing is locked")
    except PairingError as exc:
        return error(403, str(exc))
    except KeyringUnavailable as exc:
        return error(503, f"pairing is refused: {exc}")
    return jsonify({"token": token})
