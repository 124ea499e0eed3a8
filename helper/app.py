"""create_app(config): builds the helper's Flask app. Blueprints are registered here, nothing else."""
from __future__ import annotations

from flask import Flask

from .api import browsers, check, errors, events, health, image, openapi, pair, rules, site_health
from .checker import Checker
from .config import Config
from .security.guard import init_security
from .security.pairing import Pairing
from .storage.store import Store
from .web import link as pages_link
from .web import pages


def create_app(config: Config | None = None) -> Flask:
    config = config or Config()
    config.ensure_home()
    app = Flask(__name__)
    app.config.update(SG=config, MAX_CONTENT_LENGTH=config.max_body_bytes, TESTING=config.testing,
                      JSON_SORT_KEYS=False)
    store = Store(config.db_path)
    app.extensions["sg.store"] = store
    app.extensions["sg.pairing"] = Pairing(store, config.keyring_service)
    app.extensions["sg.checker"] = Checker(config.rules_dir, store, home=config.home,
                                           district_file=config.district_file)

    init_security(app)
    # the JSON API, the helper's own pages, how well each site is supported, photos (POST /v1/check-image),
    # the extension's offline rules (GET /v1/rules) and the popup's "Open Social Guard" link (POST /v1/pages-link)
    for module in (errors, health, openapi, check, pair, events, browsers, site_health, pages, image, rules, pages_link):
        app.register_blueprint(module.bp)
    return app
