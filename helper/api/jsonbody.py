"""Reads a JSON request body strictly: the right content type, valid UTF-8, valid JSON."""
import json

from flask import request

from ..validation import InputError


def json_body():
    if request.mimetype != "application/json":
        raise InputError("send JSON with Content-Type: application/json", status=415)
    raw = request.get_data(cache=False)
    if not raw:
        raise InputError("the request body is empty", status=400)
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("the request body is not valid UTF-8", status=400) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"the request body is not valid JSON ({exc.msg} at character {exc.pos})", status=400) from None
    except RecursionError:
        raise InputError("the request body is nested too deeply", status=400) from None
