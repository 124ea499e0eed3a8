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
    app.extensions["sg.checker"] = Checker(config.rules_dir, store)

    init_security(app)
    from .api import check, errors, health, openapi, pair
    for module in (errors, health, openapi, check, pair):
        app.register_blueprint(module.bp)
    return app
