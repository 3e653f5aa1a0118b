"""Dates in other calendars and digits, and East Asian date forms."""

# Persian and full-width digits are what these tests are about, not look-alikes.
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from convertdate import persian

from newscrawl.extraction import extract_article, lunarhijri, solarhijri
from newscrawl.extraction.dates import parse_date
from newscrawl.extraction.solarhijri import to_gregorian
from newscrawl.extraction.urldates import date_from_url

FETCHED = datetime(2024, 6, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw",
    [
        "1400/12/30",  # 1400 is not a leap year
        "32 تیر 1401",
        "1403/07/31",  # the seventh month has 30 days
        "1410/01/01",  # 2031: after the fetch (2024)
        "۱۳۵۰/۰۱/۰۱",  # 1971: before any news date we take
        "۱۴۰۰ نفر در ۲۰ شهر",  # a count, not a date
        # Lunar Hijri years, as Arabic pages mark them: 1400 AH is 1979-80, not 2021.
        "1400/03/15 هـ",
        "1400/03/15 ه.ق",
        "۱۵ ربيع الأول ۱۴۰۰ هجرية",
    ],
)
def test_no_such_solar_hijri_day(raw):
    assert parse_date(raw, fetched_at=FETCHED, use_dateparser=False) is None


@pytest.mark.parametrize("year", [1399, 1400, 1403])
def test_counted_days_agree_with_the_astronomical_calendar(year):
    # A leap year, the one after, and a later leap year: first and last day of every month.
    lengths = [31] * 6 + [30] * 5 + [30 if persian.leap(year) else 29]
    for month, length in enumerate(lengths, start=1):
        for day in (1, length):
            assert to_gregorian(year, month, day) == date(
                *persian.to_gregorian(year, month, day)
            ), (year, month, day)
    assert to_gregorian(year, 12, lengths[-1] + 1) is None


def _persian_page(head: str, byline: str) -> str:
    # The team's own words: a short piece on a city's new bus line.
    paragraphs = "".join(
        f"<p>خط تازه اتوبوس شهری از امروز مسافران را از میدان مرکزی به ایستگاه قطار می‌برد. "
        f"شهرداری می‌گوید این خط بخش {n} از طرح بزرگ حمل و نقل عمومی است.</p>"
        for n in range(1, 7)
    )
    return (
        f'<html lang="fa" dir="rtl"><head><title>خط تازه اتوبوس</title>{head}</head>'
        f"<body><article><h1>خط تازه اتوبوس به ایستگاه قطار می‌رسد</h1>"
        f"{byline}{paragraphs}</article></body></html>"
    )


def test_a_persian_byline_dates_the_article():
    html = _persian_page(
        "",
        '<div class="info"><span class="date-created">۱۱ مهر ۱۴۰۲ - ۱۰:۱۵</span></div>',
    )
    article = extract_article(
        html, "https://news.example.ir/fa/news/4521/bus", fetched_at=FETCHED
    )
    assert article.published == "2023-10-03T10:15:00"


def test_a_solar_hijri_meta_date_dates_the_article():
    html = _persian_page(
        '<meta property="article:published_time" content="۱۴۰۲/۰۷/۱۱ - ۱۰:۱۵">', ""
    )
    article = extract_article(
        html, "https://news.example.ir/fa/news/4521/bus", fetched_at=FETCHED
    )
    assert article.published == "2023-10-03T10:15:00"


def test_a_persian_date_in_plain_text_under_the_headline_dates_the_article():
    html = _persian_page("", "<p>نوشته شده در ۱۱ مهر ۱۴۰۲</p>")
    article = extract_article(
        html, "https://news.example.ir/fa/news/4521/bus", fetched_at=FETCHED
    )
    assert article.published == "2023-10-03"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.ir/fa/news/1402/07/11/2965432/bus", date(2023, 10, 3)),
        (
            "https://cdn.example.ir/files/fa/news/1399/2/21/118_743.png",
            date(2020, 5, 10),
        ),
        ("https://news.example.ir/fa/news/1400/12/30/123/no-such-day", None),
        ("https://news.example.ir/fa/news/1490/01/01/123/ahead", None),
    ],
)
def test_solar_hijri_day_in_a_url(url, expected):
    assert date_from_url(url) == expected


def _arabic_page(byline: str) -> str:
    # The team's own words: a town council passes its parks budget.
    paragraphs = "".join(
        f"<p>أقر مجلس البلدية مساء أمس ميزانية جديدة للحدائق العامة، والبند {n} "
        "منها يخص صيانة الممرات وزراعة الأشجار في الأحياء القديمة.</p>"
        for n in range(1, 7)
    )
    return (
        '<html lang="ar" dir="rtl"><head><title>ميزانية الحدائق</title></head>'
        "<body><article><h1>مجلس البلدية يقر ميزانية الحدائق</h1>"
        f'<div class="post-date">{byline}</div>{paragraphs}</article></body></html>'
    )


@pytest.mark.parametrize(
    "byline",
    [
        # Both calendars, the Gregorian day marked with its mim; the Hijri day alone.
        "الأحد ١٤ ربيع الآخر ١٤٤٥هـ - ٢٩ أكتوبر ٢٠٢٣م",
        "الأحد ١٤ ربيع الآخر ١٤٤٥هـ",
    ],
)
def test_an_arabic_byline_dates_the_article(byline):
    article = extract_article(
        _arabic_page(byline), "https://news.example.sa/local/3310", fetched_at=FETCHED
    )
    assert article.published == "2023-10-29"


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [
        # Days Saudi Arabia announced: the Hijri new year 1445, the first of Ramadan,
        # Eid al-Fitr 1444 and Eid al-Adha 1445.
        ((1445, 1, 1), date(2023, 7, 19)),
        ((1445, 9, 1), date(2024, 3, 11)),
        ((1444, 10, 1), date(2023, 4, 21)),
        ((1445, 12, 10), date(2024, 6, 16)),
    ],
)
def test_lunar_hijri_days_follow_umm_al_qura(hijri, gregorian):
    assert lunarhijri.to_gregorian(*hijri) == gregorian


@pytest.mark.parametrize(
    "raw",
    [
        "30 جمادى الأولى 1445 هـ",  # that month had 29 days
        "14 ربيع الآخر 1409 هـ",  # 1988: before any news date we take
        "14 ربيع الآخر 1446 هـ",  # October 2024: after the fetch
    ],
)
def test_no_such_lunar_hijri_day(raw):
    assert parse_date(raw, fetched_at=FETCHED, use_dateparser=False) is None


def test_a_word_after_the_year_is_no_era_mark():
    assert parse_date("29 أكتوبر 2023مثلا", fetched_at=FETCHED) is None


def test_buddhist_years_only_on_thai_pages():
    # Not Thai: 2566 is no year of ours, and an English date keeps its month.
    assert parse_date("12/01/2566", fetched_at=FETCHED) is None
    assert parse_date(
        "Published October 3, 2023", languages=["th"], fetched_at=FETCHED
    ) == date(2023, 10, 3)


def test_a_thai_byline_dates_the_article():
    # The team's own words: heavy rain slows the city's traffic.
    paragraphs = "".join(
        f"<p>ฝนตกหนักตั้งแต่เช้าทำให้การจราจรในเมืองติดขัดหลายชั่วโมง ส่วนที่ {n} "
        "ของรายงานนี้เล่าถึงถนนสายหลักที่น้ำท่วมขัง</p>"
        for n in range(1, 7)
    )
    html = (
        '<html lang="th"><head><title>ฝนตกหนัก</title></head><body><article>'
        "<h1>ฝนตกหนักทำให้การจราจรติดขัด</h1>"
        '<div class="post-date">วันที่ 3 ต.ค. 66 เวลา 10:30 น.</div>'
        f"{paragraphs}</article></body></html>"
    )
    article = extract_article(
        html, "https://news.example.co.th/local/8841", fetched_at=FETCHED
    )
    assert article.published == "2023-10-03T10:30:00"


def test_years_still_ahead_cost_no_equinox():
    # Each year's equinox takes convertdate some 20 ms: a page of year-like numbers must
    # not make it compute one per number.
    solarhijri._new_year.cache_clear()
    next_year = datetime.now(UTC).year - 621 + 2
    for year in range(next_year, 1500):
        assert to_gregorian(year, 1, 1) is None
    assert solarhijri._new_year.cache_info().misses == 0
