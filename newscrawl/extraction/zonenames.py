"""Time-zone abbreviations that bylines write after a time: "9:30 AM ET", "14:05 MESZ".

Only unambiguous ones: IST (India, Ireland, Israel), BST (Britain, Bangladesh), CST (US
Central, China) and AST are left out, so a time with one of them stays naive, as one
without a zone does. US sites write "EST" and "PST" all year round, so the US names go
by their zone's rules for that day, as "ET" and "PT", which name no offset of their
own, must; MST stays -07:00 (Arizona keeps it all summer), and elsewhere a name means
its own offset (Queensland writes AEST all year, and rightly).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_fixed_hours = {
    "MST": -7, "MDT": -6, "HST": -10, "BRT": -3, "ART": -3,
    "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "SAST": 2, "CAT": 2, "EAT": 3, "WAT": 1,
    "PKT": 5, "NPT": 5.75, "ICT": 7, "WIB": 7, "WITA": 8, "WIT": 9, "HKT": 8, "SGT": 8,
    "PHT": 8, "JST": 9, "KST": 9, "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
_zones = {
    **dict.fromkeys(("ET", "EST", "EDT"), "America/New_York"),
    **dict.fromkeys(("CT", "CDT"), "America/Chicago"),
    "MT": "America/Denver",
    **dict.fromkeys(("PT", "PST", "PDT"), "America/Los_Angeles"),
    **dict.fromkeys(("AKST", "AKDT"), "America/Anchorage"),
}
# The names only the United States use: a numeric date beside one is month first.
US_NAMES = frozenset({*_zones, "MST", "MDT", "HST"})
# Longest first, so "EEST" is not read as "EET" and a dangling "S".
NAMES = "|".join(sorted([*_fixed_hours, *_zones], key=len, reverse=True))


def offset_of(name: str, local: datetime) -> timezone | None:
    """Return the UTC offset ``name`` stands for at the naive ``local`` time, if it is one of ours."""
    if name in _fixed_hours:
        return timezone(timedelta(hours=_fixed_hours[name]))
    zone = _zones.get(name)
    if zone is None:
        return None
    try:
        offset = local.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    except ZoneInfoNotFoundError:  # a system without the time-zone database
        return None
    return timezone(offset) if offset is not None else None
