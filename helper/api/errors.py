"""Every error the API returns is JSON: {"error": "<what went wrong, for people>"}."""
from flask import Blueprint, current_app, jsonify
from werkzeug.exceptions import HTTPException

from ..validation import InputError

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(InputError)
def bad_input(exc: InputError):
    """Any route's bad input: the status that fits (400, 413, 415, 422) and what is wrong."""
    response = jsonify({"error": str(exc)})
    response.status_code = exc.status
    return response


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException):
    messages = {
        400: "the request is not valid JSON",
        404: "no such endpoint",
        405: "that method is not allowed here",
        413: "the request is too large",
        415: "send JSON with Content-Type: application/json",
    }
    response = jsonify({"error": messages.get(exc.code, exc.description or exc.name)})
    response.status_code = exc.code or 500
    return response


@bp.app_errorhandler(Exception)
def unexpected_error(exc: Exception):
    # Logged by Flask with the traceback (never the request body); the client gets no details.
    current_app.logger.exception("unexpected error")
    response = jsonify({"error": "the helper hit an unexpected error"})
    response.status_code = 500
    return response
