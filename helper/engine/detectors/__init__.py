"""Helper-only detectors: what the shared rules cannot do in the browser (libphonenumber, usaddress,
the district's student roster). Each is a callable (text, data, settings) -> iterable of
(rule_id, (start, end)), where rule_id is a rules.json rule whose match type is "detector".
The engine adds their findings on top of the shared rules' (see Engine.check)."""
from __future__ import annotations

from .addresses import find_addresses
from .confusables import ConfusableLinks
from .phones import find_phones


def default_detectors(roster=None, bundle: dict | None = None) -> list:
    """The detectors the helper runs: phone numbers and street addresses; look-alike letters in links
    when given the bundle (its link pattern and brands); the roster when one is loaded."""
    detectors = [find_phones, find_addresses]
    if bundle is not None:
        detectors.append(ConfusableLinks(bundle))
    if roster is not None:
        detectors.append(roster)
    return detectors


__all__ = ["ConfusableLinks", "default_detectors", "find_addresses", "find_phones"]
