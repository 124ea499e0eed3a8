"""GET /v1/rules: the rule bundle the helper checks with (the shipped rules, or a signed rule pack
the district installed, with its district profile), for a paired extension to use when the helper
is not running. Authenticated like /v1/check; it holds rules only, never anything the user wrote."""
from flask import Blueprint, current_app, jsonify

bp = Blueprint("rules", __name__)


@bp.get("/v1/rules")
def rules():
    checker = current_app.extensions["sg.checker"]
    version = checker.rules_version      # also picks up a pack installed while the helper runs
    return jsonify({"version": version, "bundle": checker.bundle})
