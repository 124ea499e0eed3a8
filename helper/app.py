"""create_app(config): builds the helper's Flask app. Blueprints are registered here, nothing else."""
from __future__ import annotations

from flask import Flask

from .checker import Checker
from .config import Config
from .pairing import Pairing
from .security import init_security
from .store import Store


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
    from .api import browsers, check, errors, events, health, openapi, pair
    for module in (errors, health, openapi, check, pair, events, browsers):
        app.register_blueprint(module.bp)
    from .api import pages, site_health   # the helper's own pages, and how well each site is supported
    for module in (site_health, pages):
        app.register_blueprint(module.bp)
    from .api import image   # photos (POST /v1/check-image)
    app.register_blueprint(image.bp)
    from .api import rules   # the extension's offline rules follow the helper's (GET /v1/rules)
    app.register_blueprint(rules.bp)
    from .api import pages_link   # the popup's "Open Social Guard" link (POST /v1/pages-link)
    app.register_blueprint(pages_link.bp)
    return app
