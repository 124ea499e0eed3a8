"""The training and acknowledgement tracker.

The procedure (Approval guidelines 2 and 3) asks everyone who represents the District online to have
a signed copy of the procedure and of the Acceptable Use Policy 6:235 on file, and to renew the
online training every year, or lose the account. This module works out, from the recorded dates,
when the training must be renewed and whether that is soon.

Pure: the caller passes today's date, so tests need no clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DUE_SOON_DAYS = 30

OK = "ok"            # training renewed, more than 30 days left
DUE = "due"          # renewal due within 30 days
LAPSED = "lapsed"    # the renewal date has passed
MISSING = "missing"  # something the procedure asks for is not recorded yet


@dataclass(frozen=True)
class TrainingStatus:
    procedure_signed: date | None
    aup_signed: date | None
    last_training: date | None
    renewal: date | None          # last_training + one year
    days_left: int | None         # days from today to renewal (negative once lapsed)
    status: str                   # ok | due | lapsed | missing

    @property
    def needs_banner(self) -> bool:
        return self.status != OK

    @property
    def missing(self) -> list[str]:
        return [kind for kind, value in (("procedure", self.procedure_signed), ("aup", self.aup_signed),
                                         ("training", self.last_training)) if value is None]


def parse_date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def one_year_after(day: date) -> date:
    """The same day a year later (29 February renews on 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def status(records: dict, today: date) -> TrainingStatus:
    """records: {"procedure": "YYYY-MM-DD", "aup": ..., "training": ...} (any may be absent)."""
    procedure = parse_date(records.get("procedure"))
    aup = parse_date(records.get("aup"))
    training = parse_date(records.get("training"))
    renewal = one_year_after(training) if training else None
    days_left = (renewal - today).days if renewal else None
    if renewal is not None and days_left < 0:
        state = LAPSED
    elif renewal is not None and days_left <= DUE_SOON_DAYS:
        state = DUE
    elif procedure is None or aup is None or training is None:
        state = MISSING
    else:
        state = OK
    return TrainingStatus(procedure, aup, training, renewal, days_left, state)


def validate_day(value: str, today: date) -> date:
    """A date a person typed (YYYY-MM-DD, as date inputs send it): real, and not in the future."""
    day = parse_date(value)
    if day is None or len(value.strip()) != 10:
        raise ValueError("not a date")
    if day > today + timedelta(days=1):   # a day of slack for time zones
        raise ValueError("in the future")
    if day.year < 2000:
        raise ValueError("too old")
    return day
