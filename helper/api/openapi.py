"""GET /v1/openapi.json: the OpenAPI document of this API (helper/openapi.json)."""
import json
from pathlib import Path

from flask import Blueprint, jsonify

bp = Blueprint("openapi", __name__)
DOCUMENT = Path(__file__).resolve().parent.parent / "openapi.json"


@bp.get("/v1/openapi.json")
def openapi():
    return jsonify(json.loads(DOCUMENT.read_text(encoding="utf-8")))
