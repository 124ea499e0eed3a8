"""The contract's vocabulary, read once from shared_rules/contract.json: the ids of sites, surfaces,
audit event kinds, choices, reasons and categories, and their labels (English, as the pages write
them before translating; every locale's in `label`). Pure data access: the standard library only.
"""
from __future__ import annotations

import json
from pathlib import Path


def contract_path() -> Path:
    """shared_rules/contract.json beside the helper package (a checkout), or inside it (a wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "shared_rules", here / "shared_rules"):
        if (candidate / "contract.json").is_file():
            return candidate / "contract.json"
    raise FileNotFoundError("shared_rules/contract.json not found beside the helper")


CONTRACT = json.loads(contract_path().read_text(encoding="utf-8"))


def _ids(section: str, flag: str | None = None) -> tuple[str, ...]:
    return tuple(e["id"] for e in CONTRACT[section] if flag is None or e.get(flag))


def _english(section: str, key: str = "label") -> dict[str, str]:
    return {e["id"]: e[key]["en"] for e in CONTRACT[section] if key in e}


LOCALES = tuple(CONTRACT["locales"])

# Sites: what a check names (CONTRACTS.md), what an audit event may name (the check's sites and the
# other social and messaging sites the extension names), and every site's own name.
CHECK_SITES = _ids("sites", "checked")
EVENT_SITES = tuple(e["id"] for e in CONTRACT["sites"] if "reported_as" not in e)
OTHER_SITES = tuple(s for s in EVENT_SITES if s not in CHECK_SITES)
SITE_NAMES = _english("sites", "name")
SITE_HOSTS = {host: e["id"] for e in CONTRACT["sites"] for host in e.get("hosts", ())}

CHECK_SURFACES = _ids("surfaces", "checked")
EVENT_SURFACES = _ids("surfaces")
SURFACE_NAMES = _english("surfaces")

EVENT_KINDS = _ids("event_kinds")                        # every kind the audit log holds
SENT_KINDS = _ids("event_kinds", "sent_by_extension")   # the kinds POST /v1/events accepts
KIND_NAMES = _english("event_kinds")

CHOICES = _ids("choices")
CHOICE_NAMES = _english("choices")
REASON_CODES = _ids("reasons")
REASON_NAMES = _english("reasons")

CONTRACT_CATEGORIES = _ids("categories")                 # every category of CONTRACTS.md
CATEGORIES = _ids("categories", "has_rules")             # those a rule reports (the rules schema's enum)
UNKNOWN_CATEGORY = CONTRACT["unknown_category"]["id"]
EVENT_CATEGORIES = CATEGORIES + (UNKNOWN_CATEGORY,)
CATEGORY_NAMES = {**_english("categories"), UNKNOWN_CATEGORY: CONTRACT["unknown_category"]["label"]["en"]}
CATEGORY_GROUPS = _english("category_groups")

REPORT_ACTIONS = _ids("report_actions")
ACTION_NAMES = _english("report_actions")

