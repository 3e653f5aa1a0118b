"""Pure date helpers: raw date string -> datetime (aware or naive) or date.

Cheap parsers run first (ISO 8601, RFC 2822, numeric and English month-name forms); dateparser,
which is slow, only runs when they fail and the string looks like it holds a date at all.
"""

# Cyrillic month names and an en dash are what some patterns read, not look-alikes.
# ruff: noqa: RUF001

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import TypeAlias

from newscrawl.extraction import lunarhijri, solarhijri, yearfirst, zonenames

logger = logging.getLogger(__name__)

DateValue: TypeAlias = datetime | date

MIN_YEAR = 1990
_max_dateparser_length = 80
_max_offset_hours = 14
_hour_digits = 2
_hours_on_a_clock = 12
_months_in_year = 12

# "GMT+7", "UTC-04:00", "GMT+0530": an offset from UTC, never UTC itself.
_signed_gmt = r"(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?"
_iso_pattern = re.compile(
    r"(?P<y>(?:19|20)\d{2})-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)"
    r"(?:[T\s]+(?P<H>[0-2]\d):?(?P<M>[0-5]\d)(?::?(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
    # "z" only where no word follows: "14:05 zuletzt" is a local German time.
    rf"\s*(?P<tz>Z(?![a-z])|{_signed_gmt}|UTC|GMT|[+-][01]\d(?::?[0-5]\d)?"
    rf"|(?-i:{zonenames.NAMES})(?![A-Za-z]))?)?",
    re.IGNORECASE,
)
# The zone after a time (and a German "Uhr"): an offset, UTC, "GMT+7", or an
# abbreviation ("ET", "MESZ") in capitals only, as "et" is French for "and" and "z"
# opens German words ("14:05 zuletzt").
_zone_part = (
    rf"(?:(?:\s+Uhr)?\s*\(?(?P<tz>{_signed_gmt}|(?:UTC|GMT)(?![A-Za-z])"
    rf"|[+-]\d{{2}}:?\d{{2}}|(?-i:Z|{zonenames.NAMES})(?![A-Za-z]))\)?)?"
)
# What bylines write between a date and its time: "at", "um", "à", "às", "a las", "alle"
# and "ore" (it), "om" (nl), "kl." (sv, da, no), "klo" (fi), "u" (hr, sr, bs); a dash,
# bar, dot or slash.
_time_lead = (
    r"(?:(?:at|um|à|às|a las|alle|ore|om|ob|klo|u)\s+|(?:kl|plkst)\.?\s*|[-–—|·•/]\s*)?"
)
# Day first, unless the second number cannot be a month ("10/25/2023", as US pages write).
_numeric_dmy_pattern = re.compile(
    # "3. 10. 2023": Czech and Slovak space the numbers.
    r"(?<!\d)(?P<d>[0-3]?\d)(?P<sep>\.\s?|[/-]| ?\| ?)(?P<m>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d{2})(?!\d)"
    rf"(?:,?\s*{_time_lead}(?P<H>[0-2]?\d)[:.h](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    rf"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?{_zone_part})?"
)
# The am/pm words of Korean, Chinese and Japanese bylines, before the time.
_east_asian_ampm = r"(?:(?P<ampm>오전|오후|上午|下午|午前|午後)\s*)?"
_afternoon_words = frozenset({"오후", "下午", "午後"})
# ``2023.10.03 09:30``, ``2023. 10. 3. 오후 2:30`` (Korean), ``2023/10/03 21:05``.
_numeric_ymd_pattern = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2}) ?[./] ?(?P<m>[01]?\d) ?[./] ?(?P<d>[0-3]?\d)(?!\d)\.?"
    rf"(?:,?\s*{_east_asian_ampm}(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?"
)
# Month names of the languages most news pages use; dateparser covers the rest, slowly.
# Names and abbreviations (fr "juil.", it "ott", es and pt "ago", de "Mär"): these
# languages never reach dateparser, so what is not here gives no date.
_month_table = (
    "jan january januar janvier janv enero ene gennaio gen janeiro januari jänner jän",
    "feb february februar feber février fevrier févr fevr fév fev febrero febbraio fevereiro februari",
    "mar march märz maerz mär mrz mars marzo março marco maart",
    "apr april avril avr abril abr aprile",
    "may mai mayo maggio mag maio mei",
    "jun june juni juin junio giugno giu junho",
    "jul july juli juillet juil julio luglio lug julho",
    "aug august août aout aoû agosto ago augustus",
    "sep sept september septembre septiembre setiembre settembre set setembro",
    "oct october oktober octobre octubre ottobre ott outubro out okt",
    "nov november novembre noviembre novembro",
    "dec december dezember décembre decembre déc diciembre dicembre dezembro dez dic",
)
# Genitive and other month forms of further languages, cheap to match before dateparser's
# slow path (ru, uk, pl, cs, ro, nl, sv/da/no, tr), in the same month order.
_more_month_table = (
    "января січня stycznia ledna ianuarie januar ocak",
    "февраля лютого lutego února februarie februarie şubat",
    "марта березня marca března martie maart mars mart marts",
    "апреля квітня kwietnia dubna aprilie nisan",
    "мая травня maja května maj mayıs",
    "июня червня czerwca června iunie haziran",
    "июля липня lipca července iulie temmuz",
    "августа серпня sierpnia srpna augusti ağustos",
    "сентября вересня września září septembrie eylül",
    "октября жовтня października října octombrie ekim",
    "ноября листопада listopada listopadu noiembrie kasım",
    "декабря грудня grudnia prosince decembrie aralık desember",
)
# Serbian, Bosnian and Slovenian in Latin letters, and Croatian's own month names, with
# the genitive their dates use ("3. oktobra 2023"; Croatian "listopada" is above, see
# _language_months).
_south_slavic_month_table = (
    "siječnja siječanj januarja januara",
    "veljače veljača februarja februara",
    "marec ožujka ožujak marta",
    "travnja travanj aprila",
    "svibnja svibanj",
    "junij lipnja lipanj junija juna",
    "julij srpnja srpanj julija jula",
    "avgust kolovoza kolovoz avgusta",
    "septembar rujna rujan septembra",
    "oktobar oktobra",
    "novembar studenoga studenog studeni novembra",
    "decembar prosinca prosinac decembra",
)
# Their abbreviations (ru, uk, pl, cs, tr, ro, nl, no), which a "covered" language's
# page would otherwise leave undated: dateparser is skipped for those languages.
_abbreviated_month_table = (
    "янв січ sty led oca ian",
    "фев февр лют lut úno şub febr",
    "мар бер берез bře mrt",
    "апр квіт кві kwi kwie dub nis",
    "трав тра kvě",
    "июн черв чер cze čvn čer haz iun",
    "июл лип lip čvc tem iul",
    "авг серп сер sie srp ağu",
    "сен сент вер верес wrz zář eyl",
    "окт жовт жов paź paz říj eki",
    "ноя нояб лист листоп лис lis kas noi noiem",
    "дек груд гру gru pro ara des",
)
# Names one language gives another month: Croatian "listopad" is October, Polish and
# Czech November; its abbreviations "lip" and "srp" are June and July.
_language_months = {
    "hr": {"listopad": 10, "listopada": 10, "lis": 10, "lip": 6, "srp": 7},
}
# Arabic: the Egyptian/Gulf names, then the single-word Levantine ones.
_arabic_month_table = (
    "يناير",
    "فبراير شباط",
    "مارس آذار",
    "أبريل ابريل إبريل نيسان",
    "مايو أيار",
    "يونيو يونيه حزيران",
    "يوليو يوليه تموز",
    "أغسطس آب",
    "سبتمبر أيلول",
    "أكتوبر اكتوبر",
    "نوفمبر",
    "ديسمبر",
)
# The Levantine names of two words (Syria, Lebanon, Jordan, Iraq: "كانون الثاني" is
# January), with and without the article and the hamza. Arabic never reaches dateparser,
# which does not know them either.
_arabic_two_word_months = {
    1: ("كانون الثاني", "كانون ثاني"),
    10: ("تشرين الأول", "تشرين الاول", "تشرين أول", "تشرين اول"),
    11: ("تشرين الثاني", "تشرين ثاني"),
    12: ("كانون الأول", "كانون الاول", "كانون أول", "كانون اول"),
}
_months = {
    name: index
    for table in (
        _month_table,
        _more_month_table,
        _south_slavic_month_table,
        _abbreviated_month_table,
        _arabic_month_table,
    )
    for index, names in enumerate(table, start=1)
    for name in names.split()
} | {name: month for month, names in _arabic_two_word_months.items() for name in names}
_month_names = "|".join(sorted(_months, key=len, reverse=True))
# Month first is how English writes dates, where these abbreviations are words of their
# own ("sold out 3, 2023"); the languages that use them put the day first.
_month_first_names = "|".join(
    sorted(set(_months) - {"out", "set", "ago"}, key=len, reverse=True)
)
# "2023. u 17:42": Croatian, Serbian and Hungarian end the year with a dot. French
# typography may space the "h" ("17 h 42").
_time_part = (
    rf"(?:\.?[,\s]+{_time_lead}"
    r"(?P<H>[0-2]?\d)(?:[:.h]| h )(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?|مساء|ص|م)?"
    rf"{_zone_part})?"
)
# Arabic pages write the Common Era year with a mim ("2023م"), as they mark a lunar
# Hijri one with a heh: without the mim the year ends at a word boundary.
_year_end = r"(?:م(?!\w)|\b)"
_month_dmy_pattern = re.compile(
    rf"(?<![\w.])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\.?(?:-|\s*)(?:of\s+|de\s+)?(?P<mon>{_month_names})\.?,?"
    rf"(?:\s*/\s*(?:{_month_names}))?"
    rf"(?:-|\s+)(?:de\s+)?(?P<y>(?:19|20)\d{{2}}){_year_end}" + _time_part,
    re.IGNORECASE,
)
_month_mdy_pattern = re.compile(
    rf"\b(?P<mon>{_month_first_names})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}}){_year_end}"
    + _time_part,
    re.IGNORECASE,
)
_year_first_patterns = tuple(
    re.compile(pattern + _time_part, re.IGNORECASE) for pattern in yearfirst.PATTERNS
)
# A time before the date it belongs to: "5:42 PM EDT, Tue October 3, 2023", "17:42, 3
# Oct 2023". Searched in the text before a date without a time; a colon only, since
# "12.30" before a date is as often a number.
_leading_time_pattern = re.compile(
    r"(?<![\d:.])(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
    rf"{_zone_part}[\s,·•|]*(?:[^\W\d]+\.?,?\s+)?$",
    re.IGNORECASE,
)
# 2020年7月3日, 2020년 7월 3일 (Chinese, Japanese, Korean).
_cjk_pattern = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?"
    rf"(?:[\s(\uff08]*[^\W\d]?[)\uff09]?\s*{_east_asian_ampm}(?P<H>[0-2]?\d)[:時시]\s*(?P<M>[0-5]\d))?"
)
# Japanese era years: 令和5年 is 2023 (its first year, 元年, 2019), 平成31年 2019.
_japanese_era_pattern = re.compile(
    r"(?P<era>令和|平成)\s*(?P<ey>元|\d{1,2})\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"
)
_japanese_era_first_years = {"令和": 2019, "平成": 1989}
_relative_pattern = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>sec|second|min|minute|hr|hour|day|week)s?\s+ago\b",
    re.IGNORECASE,
)
_relative_units = {
    "sec": "seconds",
    "second": "seconds",
    "min": "minutes",
    "minute": "minutes",
    "hr": "hours",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
}
# Languages whose written dates the cheap parsers above read: when they find nothing in such a
# text there is no date in it, and dateparser would only guess one (slowly).
_covered_languages = frozenset(
    {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "ro", "sv"}
    | {"da", "no", "nb", "tr", "ar", "ja", "zh", "ko"}
)
_has_year_pattern = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_has_relative_word_pattern = re.compile(
    r"\d+\s*\w+\s+ago|\bvor\s+\d+|\bil y a\b|\bhace\s+\d+|\bfa\b|\b\u043d\u0430\u0437\u0430\u0434\b|\bgestern\b|\byesterday\b"
    r"|\bheute\b|\btoday\b|\bhier\b|\baujourd"
    # pt, tr, pl, nl, es, it, ru; "2 時間前", "2小时前" (ja, zh); "2시간 전" (ko).
    r"|\bhá\s+\d+|\bönce\b|\btemu\b|\bgeleden\b|\bayer\b|\bhoy\b|\bieri\b|\boggi\b"
    r"|\bontem\b|\bhoje\b|\bdün\b|\bbugün\b|\bwczoraj\b|\bdzisiaj\b|\bgisteren\b"
    r"|\bvandaag\b|\bвчера\b|\bсегодня\b|\d+\s*(?:時間|小时|小時|分钟|分鐘|分|天|日)前"
    r"|\d+\s*(?:시간|분|일)\s*전"
    # "2 години тому", "for 2 timer siden", "2 tuntia sitten", "2 órája", "před 2
    # hodinami", "acum 2 ore", "πριν από 2 ώρες", "قبل ساعتين", "2 घंटे पहले", "2 jam
    # yang lalu", "2 giờ trước", "לפני שעתיים", "преди 2 часа", "prije 2 sata" and the
    # words for yesterday and today of those languages (uk, da/no, sv, fi, hu, cs/sk,
    # ro, el, ar, hi, id/ms, vi, he, bg, sr/hr).
    r"|\d+\s*(?:\S+\s+){1,2}(?:тому|siden|sidan|sedan|sitten|lalu|trước|पहले)"
    r"|\d+\s*(?:órája|perce|napja|hete)\b"
    r"|\b(?:před|pred|acum|πριν(?:\s+από)?|преди|пре|prije|prieš)\s+\d"
    r"|(?:^|\s)(?:قبل|לפני)\s+\S"
    r"|\bвчора\b|\bсьогодні\b|\bi\s*går\b|\bi\s+dag\b|\beilen\b|\btänään\b"
    r"|\btegnap\b|\bvčera\b|\bdnes\b|\bazi\b|\bχθες\b|\bσήμερα\b|أمس|اليوم"
    r"|\bkemarin\b|\bhôm qua\b|אתמול|\bjučer\b",
    re.IGNORECASE,
)
_clock_pattern = re.compile(r"\d{1,2}[:.h]\d{2}")
_clock_half_pattern = re.compile(r"\d\s*[ap]\.?m\b", re.IGNORECASE)
_day_number_pattern = re.compile(r"(?<!\d)[0-3]?\d(?!\d)")
_h_clock_pattern = re.compile(r"\b(\d{1,2})h(\d{2})\b")
# Units under a day in the languages of the relative-word pattern.
_sub_day_unit_pattern = re.compile(
    r"hour|\bhrs?\b|\d\s*h\b|min|sec|seg|stunde|heure|hora|\bore\b|\bora\b|godzin"
    r"|saat|dakika|uur|\u0447\u0430\u0441|\u043c\u0438\u043d|時間|小时|小時|分|秒|시간|분|초"
    r"|годин|хвилин|сат|timer|timar|timm|tunti|óra|órá|perc|hodin|ώρ|λεπτ|ساع|دقيق|घंट|मिनट"
    r"|\bjam\b|menit|giờ|phút|שע|דק|\bsat[ai]?\b|minut",
    re.IGNORECASE,
)
# dateparser's codes where a page may use another: Norwegian pages say "no", which it
# does not know (it has "nb" and "nn"); old codes of Hebrew, Indonesian and Yiddish.
_dateparser_codes = {"no": "nb", "iw": "he", "in": "id", "ji": "yi"}
# "kl. 17.42", "klo 17.42": a time with a dot, which dateparser does not read as one.
_dotted_clock_pattern = re.compile(r"\b(kl\.?|klo|kello)\s*(\d{1,2})\.(\d{2})\b")
# ``23.09.22``: a two-digit year is only trusted where the markup already says "date".
_short_year_pattern = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{2})(?![\d.])"
    r"(?:,?\s*(?:um\s+|-\s*)?(?P<H>[0-2]?\d)[:.h](?P<M>[0-5]\d))?"
)
_rfc2822_signed_gmt_pattern = re.compile(
    r"\b(?:UTC|GMT)\s?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b"
)
_timestamp_pattern = re.compile(r"^\d{10}(?:\d{3})?$")
# The zeros of the digit sets pages write dates in: Arabic, Persian and Urdu, the Indian
# scripts (Bengali news writes its own digits), Thai, Lao, Tibetan, Myanmar, Khmer,
# Mongolian, and the full-width digits of Japanese and Chinese text.
_digit_zeros = (
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
)  # fmt: skip
_ascii_digits = {zero + n: str(n) for zero in _digit_zeros for n in range(10)}
_hijri_year_pattern = re.compile(r"(?<!\d)1[34]\d{2}(?!\d)")
# Thai pages count years from the Buddha (2566 for 2023), often by their last two digits
# after an abbreviated month ("3 ต.ค. 66"); dateparser reads Thai with Common Era years.
_thai_letter_pattern = re.compile(r"[\u0e01-\u0e4f]")
_buddhist_year_pattern = re.compile(r"(?<!\d)25[3-9]\d(?!\d)")
_buddhist_short_year_pattern = re.compile(
    r"(?P<month>[\u0e01-\u0e4f]{1,3}\.[\u0e01-\u0e4f]{1,2}\.)\s*(?P<yy>\d{2})(?![\d:.])"
)
_buddhist_era_offset = 543
_first_digit_pattern = re.compile(r"\d")


def _make(groups: dict[str, str | None], month: int | None = None) -> DateValue | None:
    """Build a date from regex groups ``y m d`` and optional ``H M S tz``; ``month`` overrides ``m``."""
    hour = groups.get("H")
    ampm = groups.get("ampm")
    try:
        year, day = int(groups["y"] or 0), int(groups["d"] or 0)
        month = month or int(groups["m"] or 0)
        if hour is None:
            return date(year, month, day)
        clock = int(hour)
        if ampm:
            afternoon = (
                ampm.lower().startswith("p")
                or ampm.startswith("م")
                or ampm in _afternoon_words
            )
            # "17:42 pm" is a 24-hour time whatever follows it.
            if clock <= _hours_on_a_clock:
                clock = clock % 12 + (12 if afternoon else 0)
        # Naive on purpose: the page gave a local time without an offset.
        value = datetime(  # noqa: DTZ001
            year,
            month,
            day,
            clock,
            int(groups.get("M") or 0),
            int(groups.get("S") or 0),
        )
    except ValueError:
        return None
    offset = _parse_offset(groups.get("tz"), value)
    if offset is None:
        return value
    if value.time() == time() and offset.utcoffset(None):
        # Local midnight is how CMSs write "this day, no time"; in UTC it would fall on the day before.
        return value.date()
    return value.replace(tzinfo=offset)


def _parse_offset(tz: str | None, local: datetime) -> timezone | None:
    if not tz:
        return None
    named = zonenames.offset_of(tz, local)
    if named is not None:
        return named
    tz = tz.upper()
    if tz in {"Z", "UTC", "GMT"}:
        return UTC
    tz = tz.removeprefix("UTC").removeprefix("GMT").strip()
    sign = -1 if tz[0] == "-" else 1
    hours_text, _, minutes_text = tz[1:].partition(":")
    if not minutes_text and len(hours_text) > _hour_digits:  # "+0530"
        hours_text, minutes_text = hours_text[:_hour_digits], hours_text[_hour_digits:]
    hours, minutes = int(hours_text), int(minutes_text or 0)
    if hours > _max_offset_hours:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _parse_iso(text: str) -> DateValue | None:
    match = _iso_pattern.search(text)
    return _make(match.groupdict()) if match else None


def _with_leading_time(
    text: str, match: re.Match[str], groups: dict[str, str | None]
) -> dict[str, str | None]:
    """Give a date matched without a time the time written just before it, if one is."""
    if groups.get("H") is not None:
        return groups
    before = _leading_time_pattern.search(text, 0, match.start())
    return groups if before is None else {**groups, **before.groupdict()}


def _parse_numeric(text: str, *, month_first: bool = False) -> DateValue | None:
    match = _numeric_dmy_pattern.search(text)
    if match is None:
        match = _numeric_ymd_pattern.search(text)
        return _make(match.groupdict()) if match else None
    groups = match.groupdict()
    # "10/03/2023 5:42 PM ET": a US time zone says the page writes US dates.
    month_first = month_first or groups.get("tz") in zonenames.US_NAMES
    if match["sep"] != "/":
        # "17:42 am Bahnhof": German "am" is no morning; am/pm go with US slashes.
        groups["ampm"] = None
    day, month = int(groups["d"] or 0), int(groups["m"] or 0)
    if month > _months_in_year >= day or (
        month_first and match["sep"] == "/" and max(day, month) <= _months_in_year
    ):
        groups["d"], groups["m"] = groups["m"], groups["d"]
    return _make(_with_leading_time(text, match, groups))


def _parse_month_name(text: str, languages: list[str] | None) -> DateValue | None:
    match = _month_dmy_pattern.search(text) or _month_mdy_pattern.search(text)
    if not match:
        for pattern in _year_first_patterns:
            found = pattern.search(text)
            if found:
                return _make(found.groupdict(), yearfirst.MONTHS[found["mon"].lower()])
        cjk = _cjk_pattern.search(text)
        return _make(cjk.groupdict()) if cjk else None
    groups = _with_leading_time(text, match, match.groupdict())
    name = match["mon"].lower()
    month = next(
        (
            _language_months[language][name]
            for language in languages or ()
            if name in _language_months.get(language, {})
        ),
        _months[name],
    )
    return _make(groups, month)


def _parse_japanese_era(text: str) -> DateValue | None:
    match = _japanese_era_pattern.search(text)
    if not match:
        return None
    year = 1 if match["ey"] == "元" else int(match["ey"])
    groups = {
        **match.groupdict(),
        "y": str(_japanese_era_first_years[match["era"]] + year - 1),
    }
    return _make(groups)


def _parse_hijri(text: str) -> DateValue | None:
    """Read a Solar Hijri date (Iran, Afghanistan), else a lunar Hijri one (Arabic pages)."""
    if not _hijri_year_pattern.search(text):
        return None
    found = solarhijri.find_day(text)
    if found is None and not text.isascii():
        found = lunarhijri.find_day(text)
    if found is None:
        return None
    day, groups, afternoon = found
    ampm = None if afternoon is None else "pm" if afternoon else "am"
    return _make(
        {
            **groups,
            "y": str(day.year),
            "m": str(day.month),
            "d": str(day.day),
            "ampm": ampm,
        }
    )


def _parse_short_year(text: str, fetched_at: datetime | None) -> DateValue | None:
    match = _short_year_pattern.search(text)
    if not match:
        return None
    groups = match.groupdict()
    century = 2000
    if century + int(groups["y"]) > (fetched_at or datetime.now(UTC)).year:
        century = 1900
    groups["y"] = str(century + int(groups["y"]))
    return _make(groups)


def _numeric_offset(match: re.Match[str]) -> str:
    hours = int(match["h"])
    if hours > _max_offset_hours:
        return match[0]
    return f"{match['sign']}{hours:02d}{match['m'] or '00'}"


def has_clock_half(text: str) -> bool:
    """Whether ``text`` writes a time with am/pm, which RFC 2822 has not.

    email.utils reads "9 May 2024 6:30 pm" as 06:30, the "pm" ignored.
    """
    return _clock_half_pattern.search(text) is not None


def _parse_rfc2822(text: str) -> DateValue | None:
    if "," not in text[:5] and not re.match(r"^\d{1,2} \w{3} \d{4}", text):
        return None
    if has_clock_half(text):
        return None
    # email.utils knows "+0530" and "GMT" but drops "GMT+05:30" and leaves the time naive.
    text = _rfc2822_signed_gmt_pattern.sub(_numeric_offset, text)
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return value


def _parse_relative(text: str, fetched_at: datetime | None) -> DateValue | None:
    if fetched_at is None:
        return None
    match = _relative_pattern.search(text)
    if not match:
        return None
    count = match["n"].lower()
    number = 1 if count in {"a", "an", "one"} else int(count)
    unit = _relative_units[match["unit"].lower()]
    value = fetched_at - timedelta(**{unit: number})
    # "3 days ago" names a day; the fetch's time of day would be made up.
    return value.date() if unit in {"days", "weeks"} else value


def _in_common_era(text: str, languages: list[str] | None) -> str:
    """Write a Thai date's Buddhist Era years (``2566``, ``ต.ค. 66``) as Common Era ones.

    Thai words before the day ("วันที่", "date") go too: dateparser's Thai reads none.
    """
    thai = not text.isascii() and _thai_letter_pattern.search(text) is not None
    if not thai and "th" not in (languages or ()):
        return text
    text = _buddhist_year_pattern.sub(
        lambda m: str(int(m[0]) - _buddhist_era_offset), text
    )
    text = _buddhist_short_year_pattern.sub(
        lambda m: f"{m['month']} {2500 + int(m['yy']) - _buddhist_era_offset}", text
    )
    first_digit = _first_digit_pattern.search(text) if thai else None
    return text[first_digit.start() :] if first_digit else text


def _parse_with_dateparser(
    text: str, languages: list[str] | None, fetched_at: datetime | None
) -> DateValue | None:
    # dateparser loads its locale data on import; only pages that need it pay for it.
    import dateparser  # noqa: PLC0415

    settings: dict[str, object] = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
    }
    if fetched_at is not None:
        settings["RELATIVE_BASE"] = fetched_at.replace(tzinfo=None)
    # dateparser reads the "h" of "ontem às 17h42" as hours ago.
    text = _h_clock_pattern.sub(r"\1:\2", text)
    text = _dotted_clock_pattern.sub(r"\1 \2:\3", text)
    if languages:
        languages = [_dateparser_codes.get(code, code) for code in languages]
    try:
        value = dateparser.parse(text, languages=languages, settings=settings)
        if value is None:
            text, value = _dated_part(text, languages, settings)
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError) as exc:
        logger.debug("dateparser failed on %r: %s", text, exc)
        return None
    if value is None:
        return None
    clock = _clock_pattern.search(text) is not None
    if _has_relative_word_pattern.search(text) and not clock:
        if not _sub_day_unit_pattern.search(text):
            return value.date()  # "yesterday", "3 days ago": a day, not a time
        # "2 hours ago" counts back from the fetch time, so it shares its time zone;
        # "yesterday at 17:42" is a wall-clock time of the page's zone, naive as any.
        return (
            value.replace(tzinfo=fetched_at.tzinfo) if fetched_at is not None else value
        )
    return value if clock else value.date()


def _dated_part(
    text: str, languages: list[str] | None, settings: dict[str, object]
) -> tuple[str, datetime | None]:
    """Find the date in a text that holds more than one: "Δημοσιεύθηκε 2 Ιανουαρίου 2024".

    dateparser reads a date, not a byline; its search finds the date among the words.
    Only a part with a day and a year counts: it fills a missing day with today's
    ("janúar 2024" alone comes back as the 29th when read on a 29th).
    """
    from dateparser.search import search_dates  # noqa: PLC0415

    for part, value in search_dates(text, languages=languages, settings=settings) or ():
        undated = _clock_pattern.sub(" ", part)
        if _has_year_pattern.search(undated) and _day_number_pattern.search(undated):
            return part, value
    return text, None


def parse_date(  # noqa: PLR0913  (the text, then keyword-only hints from its page)
    raw: str | None,
    *,
    languages: list[str] | None = None,
    fetched_at: datetime | None = None,
    use_dateparser: bool = True,
    short_years: bool = False,
    month_first: bool = False,
) -> DateValue | None:
    """Parse a date as written on a page; aware when the page gives an offset, naive when not.

    ``short_years`` accepts ``dd.mm.yy``, which is only safe where the markup marks a date.
    ``month_first`` reads ``10/03/2023`` as October 3, as pages of the United States
    write it; otherwise a numeric date is day first unless its day cannot be a month.
    """
    text = " ".join((raw or "").split())[:200]
    if not text.isascii():
        text = text.translate(_ascii_digits)
    text = _in_common_era(text, languages)
    if not text:
        return None
    if _timestamp_pattern.match(text):
        seconds = int(text[:10])
        value: DateValue | None = datetime.fromtimestamp(seconds, tz=UTC)
    else:
        value = (
            _parse_iso(text)
            or _parse_rfc2822(text)
            or _parse_month_name(text, languages)
            or _parse_numeric(text, month_first=month_first)
            or _parse_hijri(text)
            or (None if text.isascii() else _parse_japanese_era(text))
            or _parse_relative(text, fetched_at)
            or (_parse_short_year(text, fetched_at) if short_years else None)
        )
    # Without a language hint dateparser tries every locale it knows: far too slow per page.
    if (
        value is None
        and use_dateparser
        and languages
        and len(text) <= _max_dateparser_length
        and (
            (
                _has_year_pattern.search(text)
                and not _covered_languages.issuperset(languages)
            )
            or (fetched_at is not None and _has_relative_word_pattern.search(text))
        )
    ):
        value = _parse_with_dateparser(text, languages, fetched_at)
    if value is None or not is_plausible(value, fetched_at):
        return None
    return value


def is_plausible(value: DateValue, fetched_at: datetime | None = None) -> bool:
    """Whether ``value`` could be a news article's date: not before 1990, not after the fetch."""
    day = value.date() if isinstance(value, datetime) else value
    if day.year < MIN_YEAR:
        return False
    latest = (fetched_at or datetime.now(UTC)).date() + timedelta(days=1)
    return day <= latest


def day_of(value: DateValue) -> date:
    return value.date() if isinstance(value, datetime) else value


def format_date(value: DateValue) -> str:
    """ISO 8601 per the extraction contract: with the page's own offset, naive, or a bare day.

    The offset is kept rather than converted to UTC because the day a reader of the page
    sees is the local one; the dates pipeline stores UTC.
    """
    return value.isoformat()
