"""What several commands share: the configuration from the command line, and the engine."""
from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..engine import Engine, load_bundle


def add_home_argument(parser) -> None:
    parser.add_argument("--home", type=Path, default=None,
                        help="the helper's data folder (default: $SOCIAL_GUARD_HOME or ~/.local/share/social-guard)")


def config_from(args) -> Config:
    config = Config()
    if getattr(args, "home", None):
        config.home = args.home
    if getattr(args, "port", None):
        config.port = args.port
    if getattr(args, "rules", None):
        config.rules_dir = args.rules
    return config


def engine_for(config: Config) -> Engine:
    """The engine with the user's saved settings, without creating a data folder just to check."""
    settings = {}
    if config.db_path.is_file():
        from ..store import Store
        settings = Store(config.db_path).get_settings()
    return Engine(load_bundle(config.rules_dir), settings)
