"""What several commands share: the configuration from the command line, and the engine."""
from __future__ import annotations

from pathlib import Path

from ..checker import build_engine
from ..config import Config
from ..engine import Engine
from ..rules.install import active_bundle
from ..storage.store import Store


def add_home_argument(parser) -> None:
    parser.add_argument("--home", type=Path, default=None,
                        help="the helper's data folder (default: $SOCIAL_GUARD_HOME or ~/.local/share/social-guard)")


def add_district_argument(parser) -> None:
    parser.add_argument("--district", type=Path, default=None,
                        help="a district profile (district.json) to use instead of the shipped one ($SOCIAL_GUARD_DISTRICT)")


def config_from(args) -> Config:
    config = Config()
    if getattr(args, "home", None):
        config.home = args.home
    if getattr(args, "port", None):
        config.port = args.port
    if getattr(args, "rules", None):
        config.rules_dir = args.rules
    if getattr(args, "district", None):
        config.district_file = args.district
    return config


def engine_for(config: Config) -> Engine:
    """The engine with the user's saved settings, without creating a data folder just to check."""
    store = Store(config.db_path) if config.db_path.is_file() else None
    return build_engine(active_bundle(config.rules_dir, config.home, config.district_file), store)


def store_for(args, create: bool = True):
    """The user's store (created with its folder when `create`); None when it does not exist and
    `create` is False, so that reading commands leave no folder behind."""
    config = config_from(args)
    if not create and not config.db_path.is_file():
        return None
    config.ensure_home()
    return Store(config.db_path)
