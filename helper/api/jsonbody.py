"""Reads a JSON request body strictly: the right content type, valid UTF-8, valid JSON, and text
that can be stored: no lone UTF-16 surrogate ("\ud800" is valid JSON but no character), and no
integer longer than Python parses (4300 digits), each a 400 that says so."""
import json
import re

from flask import request

from ..validation import InputError


def json_body(lone_surrogates: str = "refuse"):
    """The parsed body. lone_surrogates="replace" turns each into U+FFFD instead of refusing the
    body: for text that is checked, or stored where refusing would lose a record (a draft or a
    reason cut by a JavaScript slice() can end in half an emoji)."""
    if request.mimetype != "application/json":
        raise InputError("send JSON with Content-Type: application/json", status=415)
    raw = request.get_data(cache=False)
    if not raw:
        raise InputError("the request body is empty", status=400)
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("the request body is not valid UTF-8", status=400) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"the request body is not valid JSON ({exc.msg} at character {exc.pos})", status=400) from None
    except RecursionError:
        raise InputError("the request body is nested too deeply", status=400) from None
    except ValueError:   # an integer over sys.get_int_max_str_digits()
        raise InputError("the request body has a number with too many digits", status=400) from None
    if _SURROGATE_ESCAPE.search(raw):   # one scan of the body (a photo's is tens of MB)
        if lone_surrogates == "replace":
            return _replace_lone_surrogates(body)
        if _has_lone_surrogate(body):
            raise InputError("the request body has a lone UTF-16 surrogate (\\ud800-\\udfff), which is no character",
                             status=400)
    return body


# Only an escape can put a surrogate in the parsed text (the raw body is valid UTF-8).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_lone_surrogates(value):
    """The value with every lone surrogate (in keys and strings) made U+FFFD; iterative, in place."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key in list(item):
                child = item.pop(key) if _SURROGATE.search(key) else item[key]
                item[_SURROGATE.sub("\ufffd", key)] = _SURROGATE.sub("\ufffd", child) if isinstance(child, str) else child
                if isinstance(child, (dict, list)):
                    stack.append(child)
        elif isinstance(item, list):
            for i, child in enumerate(item):
                if isinstance(child, str):
                    item[i] = _SURROGATE.sub("\ufffd", child)
                elif isinstance(child, (dict, list)):
                    stack.append(child)
    return value


def _has_lone_surrogate(value) -> bool:
    """Any string (key or value) with a surrogate that did not pair up; iterative, so any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
