"""Field types of the API schemas, stricter than pydantic's lax defaults where that matters.

Pydantic's lax mode accepts ``true`` as 1 and a number of seconds as a date; neither is what a
client meant, so booleans are refused for integers and dates must be ``YYYY-MM-DD`` text. The
BeforeValidator sits after the Field constraints in ``Annotated`` so the schema keeps them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, Strict

_MAX_OFFSET = timedelta(hours=14)  # the widest UTC offset in use (Kiribati, UTC+14)


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected an integer, not true/false")
    return value


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refusing it here keeps both databases answering alike.
    if "\x00" in value:
        raise ValueError("text must not contain the NUL character")
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date as YYYY-MM-DD") from None


def _aware_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("expected a date-time as YYYY-MM-DDThh:mm:ss+hh:mm") from None
    else:
        raise ValueError("expected a date-time as YYYY-MM-DDThh:mm:ss+hh:mm")
    offset = parsed.utcoffset()
    if offset is None or abs(offset) > _MAX_OFFSET:
        raise ValueError("expected a date-time with a time zone between -14:00 and +14:00 (or Z)")
    try:
        # The databases compare in UTC; doing it here turns an out-of-range instant into a 422.
        return parsed.astimezone(UTC)
    except OverflowError:
        raise ValueError("expected a date-time between years 1 and 9999") from None


Score = Annotated[int, Field(ge=0, le=10, description="0 (none) to 10 (worst)"), BeforeValidator(_no_bool)]
Id = Annotated[int, Field(ge=1, le=2**53), BeforeValidator(_no_bool)]
IsoDate = Annotated[date, Field(description="YYYY-MM-DD"), BeforeValidator(_iso_date)]
AwareDateTime = Annotated[
    datetime, Field(description="ISO 8601 with a time zone"), BeforeValidator(_aware_datetime)
]
Limit = Annotated[int, Field(ge=1, le=200, description="page size"), BeforeValidator(_no_bool)]
Offset = Annotated[int, Field(ge=0, le=10**9, description="rows to skip"), BeforeValidator(_no_bool)]
Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Mg = Annotated[float, Field(gt=0, allow_inf_nan=False), BeforeValidator(_no_bool)]
Version = Annotated[int, Field(ge=1, le=2**31), BeforeValidator(_no_bool)]
Note = Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)]
Word = Annotated[str, Field(max_length=20), AfterValidator(_no_nul)]
Title = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_no_nul)]
Whole = Annotated[int, BeforeValidator(_no_bool)]
Number = Annotated[float, Field(allow_inf_nan=False), BeforeValidator(_no_bool)]
# A yes/no answer must be JSON true or false; lax pydantic would read 1, "yes" or "on" as true.
Flag = Annotated[bool, Strict()]


def whole_between(low: int, high: int) -> Any:
    """An integer from ``low`` to ``high`` (a diary score's bounds come from its data file)."""
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_no_bool)]


def number_between(low: float, high: float) -> Any:
    """A finite number from ``low`` to ``high``."""
    return Annotated[float, Field(ge=low, le=high, allow_inf_nan=False), BeforeValidator(_no_bool)]


def text_of(max_length: int | None) -> Any:
    """Text of at most ``max_length`` characters, without NUL."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_no_nul)]
