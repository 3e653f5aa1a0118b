"""ISO 8601 text as an aware datetime, the one reading the store and archives share."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_iso_utc(value: str | None) -> datetime | None:
    """Read ISO 8601 text (``2024-06-03``, ``…T15:00:00Z``, ``…+02:00``).

    A value without an offset, a day alone included, is taken as UTC; an empty or
    unreadable one gives None.
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
