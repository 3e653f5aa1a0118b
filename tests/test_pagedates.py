"""Publication dates: parsing forms in ``dates`` and choosing among a page's dates in ``pagedates``."""

# Persian and full-width digits are what some cases are about, not look-alikes.
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newscrawl.extraction import dates
from newscrawl.extraction.dates import format_date, parse_date
from newscrawl.extraction.document import Document
from newscrawl.extraction.pagedates import find_modified, find_published
from newscrawl.extraction.urldates import date_from_url

FETCHED = datetime(2024, 6, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "languages", "expected"),
    [
        ("15 августа 2016, 13:43", None, "2016-08-15T13:43:00"),
        ("20 septembrie 2020 16:20", None, "2020-09-20T16:20:00"),
        ("5 kwietnia 2021", None, "2021-04-05"),
        ("3 Mart 2022", None, "2022-03-03"),
        ("12. května 2023", None, "2023-05-12"),
        ("الأربعاء، 07 أكتوبر 2020 - 12:09", None, "2020-10-07T12:09:00"),
        ("نشر 24 نيسان / أبريل 2020 09:22 مساءً", None, "2020-04-24T21:22:00"),
        # A label before the date in a language only dateparser reads: its search
        # finds the date among the words, but never one without its day.
        ("Δημοσιεύθηκε 2 Ιανουαρίου 2024, 10:00", ["el"], "2024-01-02T10:00:00"),
        ("प्रकाशित: 2 जनवरी 2024", ["hi"], "2024-01-02"),
        ("Objavljeno: 2. januar 2024. u 10:00", ["bs"], "2024-01-02T10:00:00"),
        # The Levantine months of two words.
        ("الثلاثاء 2 كانون الثاني 2024", None, "2024-01-02"),
        ("5 تشرين الأول 2023 - 10:15", None, "2023-10-05T10:15:00"),
        ("28 كانون اول 2022", None, "2022-12-28"),
        ("2020年7月3日(金) 12:30", None, "2020-07-03T12:30:00"),
        ("2021년 11월 5일", None, "2021-11-05"),
        # Local midnight with an offset is a bare day: the CMS had no time to give.
        ("2020-11-27T00:00:00+08:00", None, "2020-11-27"),
        ("2020-11-27T00:00:00Z", None, "2020-11-27T00:00:00+00:00"),
        ("2020-11-27T07:00:00+08:00", None, "2020-11-27T07:00:00+08:00"),
        # Zone names after a time.
        ("Oct. 3, 2023 9:30 AM ET", None, "2023-10-03T09:30:00-04:00"),
        ("Jan 10, 2024 9:30 AM ET", None, "2024-01-10T09:30:00-05:00"),
        ("June 12, 2020 9:49 am PST", None, "2020-06-12T09:49:00-07:00"),
        ("3. Oktober 2023, 14:05 MESZ", None, "2023-10-03T14:05:00+02:00"),
        # Arizona and Queensland keep standard time all year, and say so.
        ("July 11, 2023 10:00 AM MST", None, "2023-07-11T10:00:00-07:00"),
        ("11 January 2024 10:00 AEST", None, "2024-01-11T10:00:00+10:00"),
        ("03.12.2023 14:05 MEZ", None, "2023-12-03T14:05:00+01:00"),
        ("Selasa, 03 Okt 2023 09:30 WIB", None, "2023-10-03T09:30:00+07:00"),
        ("Thứ ba, 3/10/2023, 09:30 (GMT+7)", None, "2023-10-03T09:30:00+07:00"),
        ("3 October 2023 09:30 UTC+05:30", None, "2023-10-03T09:30:00+05:30"),
        # A signed GMT or UTC is an offset, not UTC (ISO was read as UTC, the rest naive).
        ("2023-10-03 09:30 UTC+2", None, "2023-10-03T09:30:00+02:00"),
        ("2023-10-03 09:30 GMT-4", None, "2023-10-03T09:30:00-04:00"),
        ("Tue, 03 Oct 2023 09:30:00 GMT+05:30", None, "2023-10-03T09:30:00+05:30"),
        ("3 Oct 2023 09:30 GMT+7", None, "2023-10-03T09:30:00+07:00"),
        ("03.10.2023, 09:30 Uhr (UTC+02:00)", None, "2023-10-03T09:30:00+02:00"),
        # A zone name after an ISO time; a bar or a dot between day and time.
        ("2023-10-03T00:30:00PDT", None, "2023-10-03T00:30:00-07:00"),
        ("Oct 3, 2023 | 09:30 (GMT+7)", None, "2023-10-03T09:30:00+07:00"),
        ("Oct 3, 2023 · 9:30 pm", None, "2023-10-03T21:30:00"),
        ("03.10.2023 | 09:30", None, "2023-10-03T09:30:00"),
        # The time before its date.
        (
            "Published 5:42 PM EDT, Tue October 3, 2023",
            None,
            "2023-10-03T17:42:00-04:00",
        ),
        ("17:42, 03 Oct 2023", None, "2023-10-03T17:42:00"),
        ("17:42 03.10.2023", None, "2023-10-03T17:42:00"),
        ("03-Oct-2023", None, "2023-10-03"),
        # Month first where the day cannot be a month; am/pm with US slashes only.
        ("10/25/2023 5:42 pm", None, "2023-10-25T17:42:00"),
        ("03.10.2023 12:30 am Bahnhof", None, "2023-10-03T12:30:00"),
        ("3. Oktober 2023, 17:42 am Rathaus", None, "2023-10-03T17:42:00"),
        # The words and marks between a date and its time.
        ("3 ottobre 2023 ore 17:42", ["it"], "2023-10-03T17:42:00"),
        ("03/10/2023 às 17h42", ["pt"], "2023-10-03T17:42:00"),
        ("3 oktober 2023 om 17:42", ["nl"], "2023-10-03T17:42:00"),
        ("3. okt. 2023 kl. 17.42", ["da"], "2023-10-03T17:42:00"),
        ("3.10.2023 klo 17.42", ["fi"], "2023-10-03T17:42:00"),
        ("October 3, 2023 — 5:42 PM", None, "2023-10-03T17:42:00"),
        ("Oct 3, 2023 / 5:42 PM EDT", None, "2023-10-03T17:42:00-04:00"),
        ("3. 10. 2023 17:42", ["cs"], "2023-10-03T17:42:00"),
        # Abbreviated months of languages dateparser is not asked about.
        ("3 juil. 2023", ["fr"], "2023-07-03"),
        ("3 déc. 2023", ["fr"], "2023-12-03"),
        ("3 ott 2023", ["it"], "2023-10-03"),
        ("3 ago. 2023", ["es"], "2023-08-03"),
        ("3 out 2023", ["pt"], "2023-10-03"),
        ("3 Mär 2023", ["de"], "2023-03-03"),
        ("3 мар 2023", ["ru"], "2023-03-03"),
        ("3 гру 2023", ["uk"], "2023-12-03"),
        ("3 lut 2023", ["pl"], "2023-02-03"),
        ("3 fév. 2023", ["fr"], "2023-02-03"),
        ("3. Feber 2023", ["de"], "2023-02-03"),
        # Danish March and Norwegian December.
        ("3. marts 2023", ["da"], "2023-03-03"),
        ("3. desember 2023", ["nb"], "2023-12-03"),
        ("3 окт 2023", ["ru"], "2023-10-03"),
        ("3 жовт. 2023", ["uk"], "2023-10-03"),
        ("3 paź 2023", ["pl"], "2023-10-03"),
        ("3 Eki 2023 17:42", ["tr"], "2023-10-03T17:42:00"),
        # "listopad" is October in Croatian, November in Polish and Czech.
        ("3. listopada 2023.", ["hr"], "2023-10-03"),
        ("3. listopada 2023", ["pl"], "2023-11-03"),
        ("3. lip 2023.", ["hr"], "2023-06-03"),
        # Croatian, Serbian and Slovenian month names; the year's dot, then "u" and the time.
        ("3. listopada 2023. u 17:42", ["hr"], "2023-10-03T17:42:00"),
        ("12. svibnja 2023.", None, "2023-05-12"),
        ("3. oktobar 2023. u 17.42", ["sr"], "2023-10-03T17:42:00"),
        ("3. marec 2023", ["sl"], "2023-03-03"),
        # A 12-hour clock after an RFC 2822-like day (email.utils dropped the "pm").
        ("9 May 2024 6:30 pm", None, "2024-05-09T18:30:00"),
        ("Thu, 09 May 2024 6:30 PM", None, "2024-05-09T18:30:00"),
        # French typography spaces the "h" of the time.
        ("mardi 3 octobre 2023 à 17 h 42", ["fr"], "2023-10-03T17:42:00"),
        # Their genitive: Slovenian, and Serbian and Bosnian in Latin letters.
        ("3. oktobra 2023 ob 17:42", ["sl"], "2023-10-03T17:42:00"),
        ("12. februarja 2023", ["sl"], "2023-02-12"),
        ("3. jula 2023. u 17:42", ["bs"], "2023-07-03T17:42:00"),
        ("28. januara 2023.", ["sr"], "2023-01-28"),
        # Year, month name, day: Lithuanian, Latvian, Basque (dateparser reads none).
        ("2023 m. spalio 3 d.", ["lt"], "2023-10-03"),
        ("Atnaujinta 2023 m. lapkričio 30 d., 08:05", ["lt"], "2023-11-30T08:05:00"),
        ("2023. gada 3. oktobrī plkst. 17:42", ["lv"], "2023-10-03T17:42:00"),
        ("2023. g. 14. februārī", ["lv"], "2023-02-14"),
        ("2023ko urriaren 3a, 17:42", ["eu"], "2023-10-03T17:42:00"),
        ("2021eko abenduaren 24an", ["eu"], "2021-12-24"),
        # "et" is French for "and", not Eastern Time; IST names three zones.
        ("3 octobre 2023 à 09:30 et demain", None, "2023-10-03T09:30:00"),
        ("3 October 2023 09:30 IST", None, "2023-10-03T09:30:00"),
        # A German word after the time is no "Z" (it was read as UTC).
        ("3. Oktober 2023, 14:05 zuletzt geändert", None, "2023-10-03T14:05:00"),
        ("2023-10-03 14:05 zuletzt geändert", None, "2023-10-03T14:05:00"),
        ("2023-10-03t09:30:00z", None, "2023-10-03T09:30:00+00:00"),
        # Other calendars and digits (tests/test_calendars.py has their pages).
        # Arabic yeh in the month name, Latin digits, "afternoon" after the time.
        ("2 تير 1399 - 12:09:08 ب.ظ", None, "2020-06-22T12:09:08"),
        ("۱۴۰۱/۰۲/۰۳ - ۰۸:۱۵", None, "2022-04-23T08:15:00"),
        ("چهارشنبه ۱۵ آذر ۱۴۰۲ ساعت ۲۱:۳۰", None, "2023-12-06T21:30:00"),
        ("۳ فروردین ۱۴۰۳ - ۰۹:۴۰ ق.ظ", None, "2024-03-22T09:40:00"),
        ("انتشار: ۱۰ دی ماه ۱۴۰۲", None, "2023-12-31"),
        # Afghan (Dari) month names.
        ("۲۰ حوت ۱۴۰۰", None, "2022-03-11"),
        # The leap day of a leap year (1399 has 30 days in its last month).
        ("1399/12/30", None, "2021-03-20"),
        # Eastern Arabic digits in a Gregorian Arabic date.
        ("٢٢ يونيو ٢٠٢٠", None, "2020-06-22"),
        # The mim that marks a Common Era year, after a lunar Hijri date ("هـ").
        ("الأحد 14 ربيع الآخر 1445 هـ - 29 أكتوبر 2023م", None, "2023-10-29"),
        # The lunar Hijri day alone (Umm al-Qura), named or numeric with its "هـ".
        ("14 ربيع الآخر 1445 هـ", None, "2023-10-29"),
        ("14/04/1445هـ", None, "2023-10-29"),
        ("١ رمضان ١٤٤٥ هـ - ١٠:٣٠ م", None, "2024-03-11T22:30:00"),
        ("٢٩ أكتوبر ٢٠٢٣م ١٠:٣٠ ص", None, "2023-10-29T10:30:00"),
        # Thai Buddhist Era years, on Thai pages.
        ("12 ม.ค. 2566", ["th"], "2023-01-12"),
        ("วันที่ 3 ต.ค. 66 เวลา 10:30 น.", ["th"], "2023-10-03T10:30:00"),
        ("วันพุธ ที่ 3 ตุลาคม 2566 เวลา 10:30 น.", ["th"], "2023-10-03T10:30:00"),
        ("๑๒ มกราคม ๒๕๖๖", ["th"], "2023-01-12"),
        # Common Era years on a Thai page stay as they are.
        ("3 ตุลาคม 2023", ["th"], "2023-10-03"),
        ("12/01/2566", ["th"], "2023-01-12"),
        # Japanese era years; the first year of an era is written 元年.
        ("令和5年10月3日", None, "2023-10-03"),
        ("令和元年5月1日", None, "2019-05-01"),
        ("平成31年4月30日", None, "2019-04-30"),
        # Year-first dates with a time and the am/pm words of Korean and Chinese bylines.
        ("입력 2023.10.03 09:30", None, "2023-10-03T09:30:00"),
        ("2023. 10. 3. 오후 2:30", None, "2023-10-03T14:30:00"),
        ("2023年10月3日 下午2:30", None, "2023-10-03T14:30:00"),
        ("2023/10/03 上午9:05", None, "2023-10-03T09:05:00"),
        # An afternoon hour after the day (its first digit was taken for a weekday).
        ("2023년 10월 3일 17:42", None, "2023-10-03T17:42:00"),
        ("2023年10月03日 17:42", None, "2023-10-03T17:42:00"),
        # Full-width digits in Japanese, Bengali and Devanagari digits.
        ("２０２３年１０月３日 ９:３０", None, "2023-10-03T09:30:00"),
        ("৩ অক্টোবর ২০২৩", ["bn"], "2023-10-03"),
        ("३ अक्टूबर २०२३", ["hi"], "2023-10-03"),
    ],
)
def test_parse_date_more_forms(raw, languages, expected):
    value = parse_date(raw, languages=languages, fetched_at=FETCHED)
    assert value is not None
    assert format_date(value) == expected


def test_a_date_found_among_words_needs_its_day() -> None:
    # dateparser's search gives "janúar 2024" alone, and fills in today's day.
    assert parse_date("Birt: janúar 2024 kl. 10:00", languages=["is"]) is None


def test_abbreviations_that_are_english_words_need_the_day_first():
    assert parse_date("Tickets sold out 3, 2023", fetched_at=FETCHED) is None


def test_short_year_only_when_asked():
    assert parse_date("Von Ines Weber | 31.10.23", fetched_at=FETCHED) is None
    assert parse_date(
        "Von Ines Weber | 31.10.23", fetched_at=FETCHED, short_years=True
    ) == date(2023, 10, 31)
    # A two-digit year after the fetch year belongs to the previous century.
    assert parse_date("01.02.98", fetched_at=FETCHED, short_years=True) == date(
        1998, 2, 1
    )


def test_dateparser_skipped_for_languages_the_cheap_parsers_read(monkeypatch):
    def fail(*args: object) -> None:
        raise AssertionError("dateparser called")

    monkeypatch.setattr(dates, "_parse_with_dateparser", fail)
    assert parse_date("Version 3 of 2007", languages=["en"]) is None
    assert parse_date("Ausgabe 4 aus 2019", languages=["de"]) is None


def test_dateparser_still_used_for_other_languages():
    assert parse_date("12 Μαρτίου 2024", languages=["el"]) == date(2024, 3, 12)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/home/2017/7/12/a-quiet-summer", date(2017, 7, 12)),
        ("https://example.com/2023/10/3-questions-for-the-team/", None),
    ],
)
def test_date_from_url_unpadded(url, expected):
    assert date_from_url(url) == expected


def _published(body: str, head: str = "", url: str = "https://example.org/a") -> str:
    html = f"<html lang='de'><head>{head}</head><body>{body}</body></html>"
    found = find_published(Document.parse(html, url, None))
    assert found is not None
    return format_date(found.value)


_heading = "<h1>Der Stadtrat beschließt den neuen Radweg</h1>"


def test_caption_date_is_not_the_article_date():
    body = f"""
    <article>{_heading}
      <figure><img src="/p.jpg"><figcaption>Baustelle am Ring, <span class="date">2. März 2023</span></figcaption></figure>
      <p>Lange wurde gestritten.</p>
      <p class="byline">Veröffentlicht am 9. März 2023</p>
    </article>"""
    assert _published(body) == "2023-03-09"


def test_text_repeating_the_picture_alt_is_a_caption():
    body = f"""
    <div>{_heading}
      <div class="pic"><a href="#"><img src="/p.jpg" alt="Baustelle am Ring, 2. März 2023"></a>
        <p>Baustelle am Ring, 2. März 2023</p></div>
      <p>Lange wurde gestritten, am Ende stimmte eine knappe Mehrheit zu.</p>
      <ul><li><strong>Datum</strong> 09.03.2023</li></ul>
    </div>"""
    assert _published(body) == "2023-03-09"


def test_dated_text_with_control_characters_still_dates_the_page():
    # lxml refuses such text as an XPath variable; the caption check must not.
    body = f"""
    <div>{_heading}
      <div class="pic"><img src="/p.jpg" alt="Hafen"></div>
      <p>Hafenfest am 12.03.2023\x02 im Regen</p>
    </div>"""
    assert _published(body) == "2023-03-12"


def test_todays_date_next_to_the_logo_is_the_edition_not_the_article():
    body = f"""
    <div class="top"><div class="logo"><a href="/"><img src="/l.png"></a></div>
      <div class="today"><span class="date">Fri, 14 Jun 2024</span></div></div>
    <main>{_heading}<p>Geschrieben 11 Jun 2024 von Ines Weber</p></main>"""
    assert _published(body) == "2024-06-11"


def test_visible_byline_settles_jsonld_against_meta():
    head = """
    <meta property="article:published_time" content="2023-11-06T14:25:00+00:00">
    <script type="application/ld+json">
      {"@type": "NewsArticle", "headline": "x", "datePublished": "2023-11-03T10:25:56+00:00"}
    </script>"""
    with_byline = f'{_heading}<div class="meta">6. November 2023, 15:25 Uhr</div>'
    # The byline's clock also gives the newsroom's offset for the UTC meta time.
    assert _published(with_byline, head) == "2023-11-06T15:25:00+01:00"
    # Without a visible date JSON-LD, the more specific source, stays.
    assert _published(_heading, head) == "2023-11-03T10:25:56+00:00"


def test_time_text_days_away_from_its_datetime_wins():
    stale = (
        f'{_heading}<time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019</time>'
    )
    assert _published(stale) == "2019-06-29"
    # One day apart is the same moment in another time zone: keep the machine value.
    near = f'{_heading}<time datetime="2019-06-29T23:30:00Z">30 juin 2019</time>'
    assert _published(near) == "2019-06-29T23:30:00+00:00"


def test_dated_teasers_in_an_aside_beside_the_article_are_not_its_date():
    body = f"""
    <article>{_heading}<p>Veröffentlicht am 9. März 2023</p><p>Lange wurde gestritten.</p>
    </article>
    <aside><h3>Mehr</h3><ul><li><a href="/b">Brückenbau</a>
      <span class="date">2. März 2019</span></li></ul></aside>"""
    assert _published(body) == "2023-03-09"
    # Inside the article an <aside> holds its own byline.
    body = f"""
    <article>{_heading}<aside class="meta"><span class="date">9. März 2023</span></aside>
      <p>Lange wurde gestritten.</p><p>Die Sitzung vom 1. März 2023 ging lang.</p>
    </article>"""
    assert _published(body) == "2023-03-09"


@pytest.mark.parametrize(
    "byline",
    [
        "Aktualisiert am 10.03.2023, 08:00 Uhr · Veröffentlicht am 09.03.2023, 17:42 Uhr",
        "Veröffentlicht: 09.03.2023 17:42 | Aktualisiert: 10.03.2023 08:00",
        "Updated 10 March 2023, 08:00 · Published 9 March 2023, 17:42",
        # The update first, in languages whose labels were not known.
        "Opdateret 10.03.2023 kl. 08:00 Publiceret 09.03.2023 kl. 17:42",
        "Päivitetty 10.03.2023 klo 08:00 Julkaistu 09.03.2023 klo 17:42",
        "Обновлено 10.03.2023 08:00 Опубликовано 09.03.2023 17:42",
        "수정 2023.03.10 08:00 입력 2023.03.09 17:42",
        "更新时间：2023年03月10日 08:00 发布时间：2023年03月09日 17:42",
        # The publication first and unlabelled, then the labelled update.
        "09.03.2023, 17:42 Uhr · Aktualisiert am 10.03.2023, 08:00 Uhr",
    ],
)
def test_a_byline_with_both_dates_gives_the_published_one(byline):
    body = f'{_heading}<div class="date">{byline}</div><p>Lange wurde gestritten.</p>'
    assert _published(body) == "2023-03-09T17:42:00"
    # Without a class that says "date", the text under the heading is read alike.
    body = f"{_heading}<p>{byline}</p><p>Lange wurde gestritten.</p>"
    assert _published(body) == "2023-03-09T17:42:00"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en-US", "2023-10-03T17:42:00"),
        ("en_US", "2023-10-03T17:42:00"),
        ("en-GB", "2023-03-10T17:42:00"),
        ("en", "2023-03-10T17:42:00"),
    ],
)
def test_numeric_dates_are_month_first_on_pages_of_the_united_states(lang, expected):
    # In a byline marked as a date, and in the plain text under the heading.
    for byline in ('<p class="date">', "<p>"):
        html = (
            f'<html lang="{lang}"><body><h1>Pier reopens after repairs</h1>'
            f"{byline}Published 10/03/2023 5:42 PM</p><p>Text.</p></body></html>"
        )
        found = find_published(Document.parse(html, "https://example.org/a", None))
        assert found is not None
        assert format_date(found.value) == expected


def test_an_update_date_alone_is_not_the_publication_date():
    body = f"""{_heading}<p>Aktualisiert: 10.03.2023, 08:00 Uhr</p>
    <p>Lange wurde gestritten.</p><p>Die Sitzung vom 1. März 2023 ging lang.</p>"""
    assert _published(body) == "2023-03-01"


_published_and_updated = (
    '<time class="entry-date published" datetime="2023-03-09T17:42:00+01:00">9. März'
    '</time><time class="updated" datetime="2023-03-10T08:00:00+01:00">10. März</time>'
)
_updated_in_teaser = (
    '<div class="related"><time class="updated" datetime="2023-03-11">11. März</time>'
    "</div>"
)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # WordPress themes: the published and the updated <time> side by side.
        (_published_and_updated, "2023-03-10T08:00:00+01:00"),
        ('<meta itemprop="dateModified" content="2023-03-10">', "2023-03-10"),
        # Not a teaser's, not a <time> that names no update.
        (_updated_in_teaser, None),
        ('<time class="entry-date" datetime="2023-03-09">9. März</time>', None),
    ],
)
def test_modified_date_from_markup(markup, expected):
    html = (
        f"<html><body><article>{_heading}{markup}<p>Text.</p></article></body></html>"
    )
    found = find_modified(Document.parse(html, "https://example.org/a", None))
    assert (format_date(found.value) if found else None) == expected


def test_dateline_opening_a_long_paragraph():
    text = "Die Sitzung dauerte bis in den späten Abend, " * 4
    body = f"<div>{_heading}<p>27.1.2022 - {text}</p></div>"
    assert _published(body) == "2022-01-27"


@pytest.mark.parametrize(
    "dateline",
    [
        "Waldshut-Tiengen, (27.1.2022). ",
        "LÖRRACH, 27. Januar 2022 – ",
        "Bad Säckingen (27.01.2022) ",
    ],
)
def test_dateline_with_its_place_opening_a_long_paragraph(dateline):
    text = "Die Sitzung dauerte bis in den späten Abend, " * 4
    body = f"<div>{_heading}<p><strong>{dateline}{text}</strong></p></div>"
    assert _published(body) == "2022-01-27"


def test_two_digit_year_in_a_date_element():
    body = f"<div>{_heading}<div class='uploaded-date'> 23.09.22 </div></div>"
    assert _published(body) == "2022-09-23"


def test_picture_url_day_is_the_last_resort():
    head = '<meta property="og:image" content="https://img.example.org/2026/01/29/ab12.jpg">'
    assert _published(f"<div>{_heading}</div>", head) == "2026-01-29"
    with_text = f"<div>{_heading}<p class='date'>28.01.2026</p></div>"
    assert _published(with_text, head) == "2026-01-28"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/", None),
        ("https://example.org/", None),
        ("#", "2024-06-11"),
        ("/a/b", "2024-06-11"),
    ],
)
def test_date_in_a_link_home_is_the_edition(href, expected):
    html = f"<html><body><div><a href='{href}'><span class='date'>11 Jun 2024</span></a></div></body></html>"
    found = find_published(Document.parse(html, "https://example.org/x", None))
    assert (format_date(found.value) if found else None) == expected


def _jsonld_published(value: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",'
        f' "datePublished": "{value}"}}</script>'
    )


@pytest.mark.parametrize(
    ("stamp", "byline", "expected"),
    [
        # The byline's local clock: the same minute four hours behind UTC.
        (
            "2022-05-04T02:41:00Z",
            '<p class="fecha">3/5/2022 22:41</p>',
            "2022-05-03T22:41:00-04:00",
        ),
        # A <time> giving the same instant with its offset.
        (
            "2023-11-09T02:11:03+00:00",
            '<time datetime="2023-11-08T21:11:03-05:00">8. November 2023</time>',
            "2023-11-08T21:11:03-05:00",
        ),
        # Only the day shown: a UTC stamp an hour before local midnight.
        (
            "2021-11-04T23:00Z",
            '<span class="date">5. November 2021</span>',
            "2021-11-05T00:00:00+01:00",
        ),
        # A half-hour offset that exists (+05:30).
        (
            "2020-10-02T12:46:21Z",
            '<span class="date">02.10.2020, 18:16</span>',
            "2020-10-02T18:16:21+05:30",
        ),
        # A byline naming its zone, to the minute, an hour before the UTC day ends: "EST"
        # in summer is the zone's summer time, as US sites write it all year round.
        (
            "2023-07-12T03:05:41Z",
            '<span class="date">July 11, 2023 11:05 PM EST</span>',
            "2023-07-11T23:05:41-04:00",
        ),
    ],
)
def test_utc_stamp_takes_the_bylines_offset(stamp, byline, expected):
    assert _published(f"{_heading}{byline}", _jsonld_published(stamp)) == expected


@pytest.mark.parametrize(
    "byline",
    [
        # Twelve hours apart: a 12-hour clock without its "pm".
        '<span class="date">08.11.2023, 2:15</span>',
        # +07:30 is no time zone: an update time, not the same moment.
        '<span class="date">09.11.2023, 21:45</span>',
        # A bare day two days away says nothing about the offset.
        '<span class="date">10. November 2023</span>',
        # A bare day one day away, but further than a few hours from the stamp.
        '<span class="date">7. November 2023</span>',
    ],
)
def test_utc_stamp_stays_utc_without_a_matching_byline(byline):
    stamp = "2023-11-08T14:15:00Z"
    assert _published(f"{_heading}{byline}", _jsonld_published(stamp)) == (
        "2023-11-08T14:15:00+00:00"
    )


def test_print_edition_day_gives_way_to_the_online_time_the_evening_before():
    head = '<meta property="article:published_time" content="2020-04-30">'
    body = f'{_heading}<time class="date">29.04.2020, 12:01 Uhr</time>'
    assert _published(body, head) == "2020-04-29T12:01:00"
    # Two days before is another story, not the same article's online time.
    body = f'{_heading}<time class="date">28.04.2020, 12:01 Uhr</time>'
    assert _published(body, head) == "2020-04-30"


def test_utc_time_before_a_bare_day_is_that_days_local_midnight():
    # Not an edition's eve: 22:00 UTC is the local midnight that starts the meta's day.
    head = (
        '<meta property="article:published_time" content="2020-04-30">'
        + _jsonld_published("2020-04-29T22:00:00Z")
    )
    assert _published(_heading, head) == "2020-04-30T00:00:00+02:00"


def test_a_live_blog_without_a_publication_date_starts_with_its_coverage():
    head = (
        '<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "x",'
        ' "coverageStartTime": "2023-10-03T06:00:00+02:00", "liveBlogUpdate":'
        ' [{"@type": "BlogPosting", "datePublished": "2023-10-03T18:00:00+02:00"}]}'
        "</script>"
    )
    # The newest update's <time> comes first on the page.
    body = (
        f'{_heading}<time datetime="2023-10-03T18:00:00+02:00">18:00</time><p>Text.</p>'
    )
    assert _published(body, head) == "2023-10-03T06:00:00+02:00"


def test_the_new_york_times_pdate_meta_is_read():
    assert (
        _published(_heading, '<meta name="pdate" content="20210317">') == "2021-03-17"
    )


@pytest.mark.parametrize(
    "meta",
    ['name="ptime"', 'name="weibo: article:create_at"', 'name="DISPLAYDATE"'],
)
def test_the_publication_meta_of_chinese_portals_and_others_is_read(meta: str):
    head = f'<meta {meta} content="2021-03-17 17:42:00">'
    assert _published(_heading, head) == "2021-03-17T17:42:00"


def test_microdata_comes_before_a_cms_named_meta():
    # A CMS's own "first published" meta left stale by a template; schema.org's
    # microdata is structured data too.
    head = '<meta name="cms.articleFirstPublished" content="2018-04-02 10:00">'
    body = (
        f'<div itemscope itemtype="https://schema.org/NewsArticle">{_heading}'
        '<time itemprop="datePublished" datetime="2023-08-30T16:45+0100">30.08.</time>'
        "<p>Ein kurzer Text.</p></div>"
    )
    assert _published(body, head) == "2023-08-30T16:45:00+01:00"


def test_publication_named_meta_comes_before_dated_markup():
    # A CMS's own meta name that says "published" is structured data, read before markup.
    head = '<meta name="cms-pubdate" content="2021-11-19">'
    body = f'{_heading}<div class="datum">18. Nov 2021</div><p>Ein kurzer Text.</p>'
    assert _published(body, head) == "2021-11-19"
    # A name that says "modified" is not a publication date.
    head = '<meta name="cms-pubdate-modified" content="2021-11-19">'
    assert _published(body, head) == "2021-11-18"


_events_list = """
    <ul class="list-group"><li><span class="datum">29.02.2020 18:00 Uhr</span>
      <a href="/termine/140">Weinprobe am Hafen</a></li>
    <li><span class="datum">04.04.2020 18:00 Uhr</span>
      <a href="/termine/132">Kochkurs im Herbst</a></li></ul>"""


def test_a_date_only_meta_gives_way_to_the_byline():
    # TYPO3 writes <meta name="date"> from the page record, made before the article ran.
    head = '<meta name="date" content="2021-12-20T11:02:44+01:00">'
    body = f'{_heading}<span class="date">27.01.2022</span><p>Ein kurzer Text.</p>'
    assert _published(body, head) == "2022-01-27"
    assert _published(f"{_heading}<p>Ein kurzer Text.</p>", head) == (
        "2021-12-20T11:02:44+01:00"
    )
    # A name that says "published" keeps its word.
    named = (
        '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'
    )
    assert _published(body, named) == "2021-12-20T11:02:44+01:00"
    # So does JSON-LD that the meta agrees with: the byline shows an update.
    both = head + _jsonld_published("2021-12-20T11:02:44+01:00")
    assert _published(body, both) == "2021-12-20T11:02:44+01:00"


def test_dates_of_a_list_of_dated_links_are_other_pages():
    head = '<meta name="date" content="2020-02-11">'
    body = f"<div>{_heading}<p>Ein kurzer Text.</p></div>{_events_list}"
    assert _published(body, head) == "2020-02-11"
    # A byline list with one date and a link of another kind is still the byline.
    byline = """<ul class="meta"><li class="date">Von Jana Berg · 12.01.2022</li>
      <li><a href="#kommentare">3 Kommentare</a></li></ul>"""
    assert _published(f"{_heading}{byline}<p>Ein kurzer Text.</p>", head) == (
        "2022-01-12"
    )


_stamped_update = """
    <meta property="og:article:published_time" content="2020-01-20T09:49:32+0000">
    <meta property="og:article:modified_time" content="{modified}">"""


def test_a_publication_stamped_with_the_update_gives_way_to_the_byline():
    body = f"""{_heading}<div class="article-date">January 19, 2020 / 12:25 PM /
      Updated 8 hours ago</div><p>Ein kurzer Text.</p>"""
    stamped = _stamped_update.format(modified="2020-01-20T09:49:32+0000")
    assert _published(body, stamped) == "2020-01-19T12:25:00"
    html = f"<html><head>{stamped}</head><body>{body}</body></html>"
    found = find_published(Document.parse(html, "https://example.org/a", None))
    assert found is not None
    assert found.raw == "January 19, 2020 / 12:25 PM"
    # A modification of its own: the published field was not overwritten.
    updated = _stamped_update.format(modified="2020-01-21T07:00:00+0000")
    assert _published(body, updated) == "2020-01-20T09:49:32+00:00"


def test_the_modified_date_reads_og_article_modified_time():
    html = _stamped_update.format(modified="2020-01-21T07:00:00+0000")
    found = find_modified(Document.parse(html, "https://example.org/a", None))
    assert found is not None
    assert format_date(found.value) == "2020-01-21T07:00:00+00:00"


def test_a_stamp_with_its_offset_takes_the_day_of_the_clock_the_page_shows():
    # JSON-LD in the newsroom's offset, <meta> in UTC, the byline showing the UTC clock.
    jsonld = _jsonld_published("2022-05-05T21:00:00-05:00")
    head = (
        jsonld
        + '<meta property="article:published_time" content="2022-05-06T02:00:00Z">'
    )
    body = f"{_heading}<p class='fecha'>6 de mayo de 2022 - 2:00 a. m.</p>"
    assert _published(body, head) == "2022-05-06T02:00:00+00:00"
    # A machine value in a <time> is no clock shown to the reader.
    shown_by_machine = f'{_heading}<time datetime="2022-05-06T02:00:00">Mai 2022</time>'
    assert _published(shown_by_machine, head) == "2022-05-05T21:00:00-05:00"
    # Without the metadata's second offset the stamp keeps its own.
    assert _published(body, jsonld) == "2022-05-05T21:00:00-05:00"


def test_a_two_digit_year_date_in_the_byline():
    byline = '<p>von <a href="/autor/jana-berg" rel="author">Jana Berg</a>, 8.5.12</p>'
    assert _published(f"{_heading}{byline}<p>Ein kurzer Text.</p>") == "2012-05-08"
    named = '<p class="byline">Jana Berg · 8.5.12</p>'
    assert _published(f"{_heading}{named}<p>Ein kurzer Text.</p>") == "2012-05-08"
    # Elsewhere such a number is a version, a score, not a date.
    body = (
        f"{_heading}<p>Version 8.5.12 ist erschienen.</p><p>Am 9.5.2012 folgt mehr.</p>"
    )
    assert _published(body) == "2012-05-09"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # hAtom, as Blogger and older WordPress themes write it.
        (
            '<abbr class="published" title="2023-10-03T15:42:00+02:00">Oct 3</abbr>',
            "2023-10-03T15:42:00+02:00",
        ),
        # The timestamp behind a relative date.
        (
            '<span class="timestamp" data-timestamp="1696340520">2 hours ago</span>',
            "2023-10-03T13:42:00+00:00",
        ),
        # Not an update's, not a date picker's.
        (
            '<abbr class="updated" title="2023-10-05T09:00:00+02:00">Oct 5</abbr>',
            None,
        ),
        ('<div class="datepicker" data-date="2023-10-05">Oktober</div>', None),
    ],
)
def test_the_machine_value_a_byline_keeps_in_its_attributes(markup, expected):
    html = (
        f"<html><body><article>{_heading}{markup}<p>Text.</p></article></body></html>"
    )
    found = find_published(Document.parse(html, "https://example.org/a", None))
    assert (format_date(found.value) if found else None) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A US time zone says the page writes dates month first, whatever its lang says.
        ("10/03/2023 5:42 PM ET", "2023-10-03T17:42:00-04:00"),
        ("Updated 10/03/2023 at 5:42 p.m. CT", "2023-10-03T17:42:00-05:00"),
        # A European one, or none, leaves them day first.
        ("10/03/2023 17:42 CET", "2023-03-10T17:42:00+01:00"),
        ("10/03/2023 5:42 PM", "2023-03-10T17:42:00"),
    ],
)
def test_a_us_time_zone_makes_a_numeric_date_month_first(raw, expected):
    found = parse_date(raw, use_dateparser=False)
    assert found is not None
    assert format_date(found) == expected


@pytest.mark.parametrize(
    "reference",
    [
        "In: <i>Sternwarte heute</i>; Vol. 12, pp. 40 - 44, 4. März 2021, DOI 10.4321/sh.7",
        "Sternwarte heute 12 (4. März 2021), doi: 10.4321/sh.7",
        "Sternwarte heute, 4. März 2021. https://doi.org/10.4321/sh.7",
        "Lang, Eva: Sterne. Hamburg, 4. März 2021, ISBN 978-3-00-000000-0",
        "Sternwarte heute, 4. März 2021, S. 40, <a>pp. 40-44</a>",
    ],
)
def test_a_date_in_a_reference_to_a_paper_or_book_is_not_the_pages(reference):
    body = f"""{_heading}<p>Ein Bericht über zwei Sterne.</p>
      <p class="source">{reference}</p>
      <p>Noch ein Absatz über den Himmel.</p><p>Veröffentlicht: 9. März 2021</p>"""
    assert _published(body) == "2021-03-09"


def test_a_volume_alone_leaves_a_magazine_issues_date():
    body = f"{_heading}<p>Heft Vol. 12, 4. März 2021</p><p>Ein Bericht.</p>"
    assert _published(body) == "2021-03-04"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # A timeline beside the headline marks where the article sits, in words.
        (
            '<div class="timeline"><i data-date="18. März 2020" class="arrow"></i></div>',
            "2020-03-18",
        ),
        (
            '<span data-published="2020-03-18T08:00:00+01:00"></span>',
            "2020-03-18T08:00:00+01:00",
        ),
        # A calendar, a value without its year, an update: no publication date.
        ('<div class="calendar" data-date="18. März 2020"></div>', None),
        ('<div class="timeline"><div data-date="18. März"></div></div>', None),
        ('<div class="updated" data-date="18. März 2020"></div>', None),
    ],
)
def test_a_date_the_article_header_keeps_only_in_an_attribute(markup, expected):
    body = f"<article><header>{_heading}{markup}</header><p>Ein Text.</p></article>"
    html = f"<html lang='de'><body>{body}</body></html>"
    found = find_published(Document.parse(html, "https://example.org/a", None))
    assert (format_date(found.value) if found else None) == expected


def test_an_attribute_date_away_from_the_article_header_is_not_its_date():
    body = f"""<article><header>{_heading}</header><p>Ein Text.</p></article>
      <footer><div class="timeline"><div data-date="18. März 2020"></div></div></footer>"""
    html = f"<html lang='de'><body>{body}</body></html>"
    assert find_published(Document.parse(html, "https://example.org/a", None)) is None


_byline_time = '<time datetime="2023-04-01 12:00">01.04.2023, 12:00</time>'


@pytest.mark.parametrize(
    ("published", "byline", "expected"),
    [
        # 1 January with a byline that shows another day: the CMS did not know the day.
        ("2021-01-01T11:00:00.000Z", _byline_time, "2023-04-01T12:00:00"),
        ("2021-01-01", _byline_time, "2023-04-01T12:00:00"),
        # The publication part of a byline that also shows an update.
        (
            "2021-01-01",
            '<span class="date">5.3.2021 · Aktualisiert: 01.04.2023</span>',
            "2021-03-05",
        ),
        # Any other day keeps its word against the byline, and so does 1 January
        # where the byline agrees or shows only an update.
        ("2021-03-05T11:00:00+00:00", _byline_time, "2021-03-05T11:00:00+00:00"),
        (
            "2023-01-01T11:00:00+01:00",
            '<time datetime="2023-01-01T11:00:00+01:00">1. Januar 2023</time>',
            "2023-01-01T11:00:00+01:00",
        ),
        (
            "2021-01-01",
            '<span class="date">Aktualisiert: 01.04.2023</span>',
            "2021-01-01",
        ),
    ],
)
def test_a_structured_first_of_january_gives_way_to_the_byline(
    published, byline, expected
):
    body = f"{_heading}{byline}<p>Ein kurzer Text.</p>"
    assert _published(body, _jsonld_published(published)) == expected
