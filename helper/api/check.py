"""POST /v1/check: one draft in, its findings out (the contract's input and output objects)."""
from flask import Blueprint, current_app, jsonify

from ..validation import parse_input
from .jsonbody import json_body

bp = Blueprint("check", __name__)


@bp.post("/v1/check")
def check():
    data = parse_input(json_body(lone_surrogates="replace"), current_app.config["SG"].max_text_chars)   # checked, never stored
    return jsonify(current_app.extensions["sg.checker"].check(data))
