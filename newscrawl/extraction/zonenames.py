"""Time-zone abbreviations that bylines write after a time: "9:30 AM ET", "14:05 MESZ".

Only unambiguous ones: IST (India, Ireland, Israel), BST (Britain, Bangladesh), CST (US
Central, China) and AST are left out, so a time with one of them stays naive, as one
without a zone does. The names of a zone with summer time stand for the zone, whose
rules for that day give the offset: US sites write "EST" all year round, and "ET",
"CT", "MT", "PT" name no offset of their own.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_fixed_hours = {
    "HST": -10, "BRT": -3, "ART": -3, "MSK": 3, "SAST": 2, "CAT": 2, "EAT": 3, "WAT": 1,
    "PKT": 5, "NPT": 5.75, "ICT": 7, "WIB": 7, "WITA": 8, "WIT": 9, "HKT": 8, "SGT": 8,
    "PHT": 8, "JST": 9, "KST": 9, "AWST": 8,
}  # fmt: skip
_zones = {
    **dict.fromkeys(("ET", "EST", "EDT"), "America/New_York"),
    **dict.fromkeys(("CT", "CDT"), "America/Chicago"),
    **dict.fromkeys(("MT", "MST", "MDT"), "America/Denver"),
    **dict.fromkeys(("PT", "PST", "PDT"), "America/Los_Angeles"),
    **dict.fromkeys(("AKST", "AKDT"), "America/Anchorage"),
    **dict.fromkeys(("WET", "WEST"), "Europe/Lisbon"),
    **dict.fromkeys(("CET", "CEST", "MEZ", "MESZ"), "Europe/Berlin"),
    **dict.fromkeys(("EET", "EEST"), "Europe/Athens"),
    **dict.fromkeys(("ACST", "ACDT"), "Australia/Adelaide"),
    **dict.fromkeys(("AEST", "AEDT"), "Australia/Sydney"),
    **dict.fromkeys(("NZST", "NZDT"), "Pacific/Auckland"),
}
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
