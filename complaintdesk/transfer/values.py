"""Reading one cell: dates, numbers and choices as other systems write them.

Each reader returns the value or raises CellError with the reason in the user's language.
"""

import re
from datetime import date, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from .fields import normalised

LANGUAGES = ("en", "zh-hans", "zh-hant")

_YEAR_FIRST = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_DAY_FIRST = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_LIST_SEPARATORS = re.compile(r"[,;，；、|/]+")


class CellError(ValueError):
    """The cell holds something that cannot be read as what its column is mapped to."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps a phone number or an id as 91234567.0
    return str(value).strip()


def when_of(value: Any, zone: tzinfo, *, day_first: bool = False) -> datetime | None:
    """A date or time of day; a naive one is in `zone`. Empty is None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=zone)
    text = str(value).strip()
    if not text:
        return None
    match = _YEAR_FIRST.match(text)
    if match:
        year, month, day, hour, minute, second = match.groups()
    elif day_first and (match := _DAY_FIRST.match(text)):
        day, month, year, hour, minute, second = match.groups()
    else:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise CellError(_("“%(value)s” is not a date.") % {"value": text}) from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=zone,
        )
    except ValueError:
        raise CellError(_("“%(value)s” is not a date.") % {"value": text}) from None


def amount_of(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not an amount.") % {"value": text}) from None


def whole_number_of(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value}) from None


class ChoiceReader:
    """A TextChoices value from its code or its label in any of the three languages."""

    def __init__(self, choices: type[models.TextChoices], unknown: str) -> None:
        self.unknown = unknown
        self.lookup: dict[str, str] = {}
        for language in LANGUAGES:
            with translation.override(language):
                for value, label in choices.choices:
                    self.lookup.setdefault(normalised(str(label)), value)
        for value in choices.values:
            self.lookup[normalised(value)] = value

    def __call__(self, value: Any) -> str:
        text = text_of(value)
        found = self.lookup.get(normalised(text))
        if found is None:
            raise CellError(self.unknown % {"value": text})
        return found

    def many(self, value: Any) -> frozenset[str]:
        return frozenset(self(part) for part in _LIST_SEPARATORS.split(text_of(value)) if part)
