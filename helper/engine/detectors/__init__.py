"""Helper-only detectors: what the shared rules cannot do in the browser (libphonenumber, usaddress,
the district's student roster). Each is a callable (text, data, settings) -> iterable of
(rule_id, (start, end)), where rule_id is a rules.json rule whose match type is "detector".
The engine adds their findings on top of the shared rules' (see Engine.check)."""
from __future__ import annotations

from .addresses import find_addresses
from .phones import find_phones


def default_detectors(roster=None) -> list:
    """The detectors the helper runs: phone numbers and street addresses, plus the roster when one is loaded."""
    detectors = [find_phones, find_addresses]
    if roster is not None:
        detectors.append(roster)
    return detectors


__all__ = ["default_detectors", "find_addresses", "find_phones"]
