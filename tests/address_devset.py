"""A development set for the address detector, made with Faker the way the Presidio-research synthetic
data was made: its sentence templates (../shared/datasets/lists/presidio_templates.txt) filled with
addresses from many Faker locales, in the generator's address shapes (a US house number before a
foreign street address, multi-line postal blocks, "the corner of", military APO/DPO/FPO), plus Faker's
own address() in multi-line and single-line form. Fixed seed, so every run sees the same rows.

Not the eval's data: nothing here reads pii_synthetic_sample.csv, so fixing what this set misses
cannot overfit the held-out half.

    .venv/bin/python -m tests.address_devset [N]      # recall by shape and locale, and false alarms
"""
from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

from faker import Faker

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT.parent / "shared" / "datasets" / "lists" / "presidio_templates.txt"
LOCALES = ["en_US", "en_GB", "en_AU", "en_CA", "en_NZ", "en_IE", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH",
           "it_IT", "es_ES", "pt_PT", "pt_BR", "nl_NL", "nl_BE", "pl_PL", "sv_SE", "fi_FI", "da_DK", "no_NO",
           "el_GR", "cs_CZ", "sk_SK", "hu_HU", "hr_HR", "sl_SI", "ro_RO"]
# The placeholders the data set labels STREET_ADDRESS (city, state and country are places; a zipcode
# is labelled ZIP_CODE, and a template gets here only if it has one of these).
ADDRESS_PARTS = {"address", "street_address", "street_name", "building_number", "secondary_address", "postcode"}
_SLOT = re.compile(r"\{\{(\w+)\}\}")
# Sentences a school's staff write, with numbers that are not addresses: must stay silent.
SCHOOL_NEGATIVES = [
    "Bus {n} leaves from door {d} at 3:{mm}", "Room {r}, Building {L}", "Chapter {d} pages {n}-{r2}",
    "Grades 3-5 meet at 8:{mm} in the gym", "Final score {n} to {d}, great game Eagles!",
    "Period {d} moved to room {r} for the test", "Practice at 4:{mm} on field {d}, bring water",
    "{n} students signed up, {d} teams of 5", "Homework: problems {d}-{n} on page {r}",
    "Lunch A is at 11:{mm}, lunch B at 12:{mm}", "Send it to room {r} by Friday",
    "The book fair is in room {r} from 8:{mm} to 3:{mm}", "Top {d} finishers: 1st Maya, 2nd Leo, 3rd Ava",
    "Class of 20{d}{d} reunion is on May {d}", "Meet at gate {d} at 7:{mm} am",
    "Rows 1-{d} sit in section {L}, rows {n}-{r2} in section {L}", "Track meet: 4 x {r} relay at {d}:{mm}",
    "Our {n} readers logged {r} minutes this week", "Week {d}: units {d} and {n} review",
    "Drop off is at door {d}, pick up at door {n}", "Version {d}.{n} of the schedule is on the portal",
    "Field trip: {r} students, {d} buses, {n} chaperones", "Lot {L} is closed, park in lot {L} near court {d}",
    # Numbers after words that look like street words in some language, or before a year or a score.
    "Spring 20{d}{d} concert tickets are on sale", "Join via Zoom {d} times a week", "Send it via email, {d} copies",
    "Final: Lions {n} St. Joseph {d}", "Apollo 11, 1969 Mission is our read-aloud", "Round {d}, 1500 Points to win",
    "The Brigade {d} band plays at halftime", "Set the Crock Pot {d} hours before", "Copenhagen {d} nights, then Oslo",
    "Our Place {d} Be club meets in room {r}", "The Avenue {d} dance crew won", "Story time: Toy Story {d}, 2019 Film",
]


def _fakers() -> dict[str, Faker]:
    out = {}
    for i, loc in enumerate(LOCALES):
        out[loc] = Faker(loc)
        out[loc].seed_instance(1000 + i)
    return out


class Devset:
    """Rows of (text, gold spans, shape, locale). Each address part a template names is one gold
    span, as in the data set ("lives at {{building_number}} {{street_name}}" is two)."""

    def __init__(self, seed: int = 20261124):
        self.rng = random.Random(seed)
        self.fakers = _fakers()
        self.us = self.fakers["en_US"]
        lines = [t.strip() for t in TEMPLATES.read_text(encoding="utf-8").splitlines()]
        self.templates = [t.replace("\\n", "\n") for t in lines if set(_SLOT.findall(t)) & ADDRESS_PARTS]

    # -- address shapes -------------------------------------------------------------------------
    def _street(self, f: Faker) -> str:
        """The data set's street_name: a locale's street with its number (Rua do Arenque 1634)."""
        return f.street_address()

    def _address(self, loc: str) -> tuple[str, str]:
        f, us, rng = self.fakers[loc], self.us, self.rng
        street, bn, sec = self._street(f), us.building_number(), us.secondary_address()
        city, country, pc, st = f.city(), us.country(), us.postcode(), us.state_abbr()
        shapes = {
            "faker multi-line": lambda: f.address(),
            "faker one line": lambda: re.sub(r",?\n", ", ", f.address()),
            "number street sec city state": lambda: f"{bn} {street} {sec} {city} {rng.choice([us.state(), st])}",
            "number street sec city country": lambda: f"{bn} {street} {sec} {city} {country}",
            "block no postcode": lambda: f"{bn} {street}\n {sec}\n {city}\n {country}",
            "block postcode": lambda: f"{bn} {street}\n {sec}\n {city}\n {country} {pc}",
            "two streets block": lambda: f"{street} {self._street(f)}\n {sec}\n {city}\n {country} {pc}",
            "corner": lambda: f"the corner of {street} and {self._street(f)}",
            "street city country": lambda: f"{street}, {city}, {country}",
            "street sec city country pc": lambda: f"{street} {sec}, {city}, {country} {pc}",
            "street nl city state pc": lambda: f"{street}\n{city}, {st} {pc}",
            "street nl city nl state nl pc": lambda: f"{street}\n{city}\n, {st}\n {pc}",
            "street nl city nl state nl country pc": lambda: f"{street}\n{city}\n, {st}\n {country} {pc}",
            "military": lambda: rng.choice([f"{us.military_apo()}\nAPO {us.military_state()} {pc}",
                                            f"{us.military_ship()} {us.last_name()}\nFPO {us.military_state()} {pc}",
                                            f"{us.military_dpo()}\nDPO {us.military_state()} {pc}"]),
        }
        # Weights as the generator drew them: the US-style street/city/state shapes most often.
        weights = {"street nl city state pc": 5, "street nl city nl state nl pc": 5,
                   "street nl city nl state nl country pc": 5, "corner": 1, "military": 1}
        name = rng.choices(list(shapes), [weights.get(s, 2) for s in shapes])[0]
        return name, shapes[name]()

    def _value(self, slot: str, loc: str) -> str:
        f, us = self.fakers[loc], self.us
        table = {
            "street_name": lambda: self._street(f), "street_address": f.street_address, "building_number": us.building_number,
            "secondary_address": us.secondary_address, "postcode": us.postcode, "zipcode": us.zipcode,
            "city": f.city, "country": us.country, "state_abbr": us.state_abbr, "state": us.state,
            "person": us.name, "name": us.name, "first_name": us.first_name, "first_name_male": us.first_name_male,
            "name_female": us.name_female, "prefix_female": us.prefix_female, "last_name": us.last_name,
            "organization": us.company, "job": us.job, "email": us.email, "url": us.url,
            "phone_number": us.phone_number, "credit_card_number": us.credit_card_number,
            "ip_address": us.ipv4, "day_of_week": us.day_of_week, "nationality": lambda: "Italian",
        }
        return table.get(slot, us.word)()

    def row(self) -> tuple[str, list[tuple[int, int]], str, str]:
        loc = self.rng.choice(LOCALES)
        template = self.rng.choice(self.templates)
        text, gold, shape, pos = "", [], "parts", 0
        for m in _SLOT.finditer(template):
            text += template[pos:m.start()]
            slot = m.group(1)
            if slot == "address":
                shape, value = self._address(loc)
            else:
                value = self._value(slot, loc)
            if slot in ADDRESS_PARTS:
                gold.append((len(text), len(text) + len(value)))
            text += value
            pos = m.end()
        text += template[pos:]
        if self.rng.random() < 0.1:
            text = text.lower()  # the data set lower-cases some rows
        return text, gold, shape, loc

    def rows(self, n: int):
        return [self.row() for _ in range(n)]

    def negatives(self, n: int) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(n):
            t = rng.choice(SCHOOL_NEGATIVES)
            out.append(re.sub(r"\{(\w+)\}", lambda m: {
                "n": str(rng.randint(1, 60)), "d": str(rng.randint(1, 9)), "r": str(rng.randint(100, 400)),
                "r2": str(rng.randint(61, 99)), "mm": f"{rng.choice([0, 10, 15, 30, 45]):02d}",
                "L": rng.choice("ABCDE")}[m.group(1)], t))
        return out


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def measure(engine, n: int = 3000, negatives: int = 1000, seed: int = 20261124) -> dict:
    """Recall of gold spans (as `helper eval` counts it), predictions that hit no gold span, and how
    many school-flavoured negatives raised an address finding."""
    dev = Devset(seed)
    by_shape, by_locale, misses = Counter(), Counter(), []
    found = gold_n = pred = pred_ok = 0
    for text, gold, shape, loc in dev.rows(n):
        spans = [tuple(f["span"]) for f in engine.check({"text": text, "site": "other", "surface": "post"})["findings"]
                 if f["category"] == "pii.address"]
        pred += len(spans)
        pred_ok += sum(1 for p in spans if any(_overlap(p, g) for g in gold))
        for g in gold:
            hit = any(_overlap(g, p) for p in spans)
            gold_n += 1
            found += hit
            by_shape[(shape, hit)] += 1
            by_locale[(loc, hit)] += 1
            if not hit:
                misses.append((shape, loc, text, text[g[0]:g[1]]))
    alarms = [t for t in dev.negatives(negatives)
              if any(f["category"] == "pii.address" for f in engine.check({"text": t, "site": "other", "surface": "post"})["findings"])]
    return {"recall": found / gold_n, "precision": pred_ok / pred if pred else 1.0, "gold": gold_n,
            "by_shape": by_shape, "by_locale": by_locale, "misses": misses, "alarms": alarms}


def main(argv: list[str]) -> int:
    from helper.checker import build_engine
    from helper.rules.loader import load_bundle
    n = int(argv[0]) if argv else 3000
    r = measure(build_engine(load_bundle()), n)
    print(f"address dev set: {n} rows, {r['gold']} gold spans: recall {r['recall']:.3f}  precision {r['precision']:.3f}"
          f"  school negatives flagged {len(r['alarms'])}")
    for title, table in (("shape", r["by_shape"]), ("locale", r["by_locale"])):
        keys = sorted({k for k, _ in table})
        print(f"-- by {title}")
        for k in sorted(keys, key=lambda k: table[(k, True)] / max(1, table[(k, True)] + table[(k, False)])):
            tot = table[(k, True)] + table[(k, False)]
            print(f"  {k:40s} {table[(k, True)] / tot:.3f}  ({table[(k, False)]} missed of {tot})")
    if "-v" in argv or len(argv) > 1:
        for shape, loc, text, part in r["misses"][:int(argv[1]) if len(argv) > 1 else 40]:
            print(f"MISS [{shape} {loc}] {part!r} in {text!r}")
        for t in r["alarms"][:20]:
            print(f"ALARM {t!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
