"""The helper's own pages under /ui as one blueprint (`bp`, made in core): importing this module
registers every page's routes on it, which is what helper.app does before registering the blueprint.
The pages: status, pairing, settings, the audit log, charts, "something I posted by mistake", training
and photo consent (the do-not-publish list)."""
from __future__ import annotations

from . import audit_log, charts, pairing, photo_consent, report, settings, status, training
from .core import bp

PAGES = (status, pairing, settings, audit_log, charts, report, training, photo_consent)

__all__ = ["bp", "PAGES"]
