"""GET /v1/health: is the helper up, and which versions. No authentication, no user data."""
from flask import Blueprint, current_app, jsonify

from .. import __version__

bp = Blueprint("health", __name__)


@bp.get("/v1/health")
def health():
    return jsonify({"status": "ok", "version": __version__,
                    "rules_version": current_app.extensions["sg.checker"].rules_version})
