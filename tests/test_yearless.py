"""Bylines that show a day without its year: the year from a stamp on the page or the fetch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.extraction.dates import format_date
from newscrawl.extraction.document import Document
from newscrawl.extraction.layout import main_heading
from newscrawl.extraction.pagedates import find_published

# The site's logo in an empty <h1> before the article's.
_logo = '<div class="site"><h1><a href="/"><img src="/logo.png" alt=""></a></h1></div>'


def _published(
    byline: str,
    *,
    body_id: str = "",
    fetched_at: datetime | None = None,
    lang: str = "ja",
) -> str | None:
    html = f"""<html lang="{lang}"><body id="{body_id}">{_logo}
      <main><div class="article"><h1>新しい橋が町に開通した</h1>{byline}</div>
      <p>町の新しい橋が、きょう開通しました。多くの人が渡りに来ました。</p></main>
    </body></html>"""
    found = find_published(
        Document.parse(html, "https://example.org/news/k100123.html", None), fetched_at
    )
    return format_date(found.value) if found is not None else None


_japanese_byline = '<p class="article-date">[06月24日 11時30分]</p>'


def test_a_stamp_on_the_page_that_agrees_on_the_day_gives_the_year():
    assert _published(_japanese_byline, body_id="news20190624_k100123") == (
        "2019-06-24T11:30:00"
    )


def test_a_stamp_of_another_day_or_none_gives_no_year():
    assert _published(_japanese_byline, body_id="news20190625_k100123") is None
    assert _published(_japanese_byline) is None


@pytest.mark.parametrize(
    ("fetched_at", "expected"),
    [
        (datetime(2022, 12, 5, 9, 0, tzinfo=UTC), "2022-11-30"),
        # A byline a time zone ahead of the fetch clock shows tomorrow.
        (datetime(2022, 11, 29, 20, 0, tzinfo=UTC), "2022-11-30"),
        # Days later in the year than the fetch are last year's, within half a year.
        (datetime(2023, 1, 3, 9, 0, tzinfo=UTC), "2022-11-30"),
        (datetime(2023, 5, 29, 9, 0, tzinfo=UTC), "2022-11-30"),
        # Further back, or further ahead, the year is a guess: an event's next date, or
        # an article of long ago.
        (datetime(2022, 11, 20, 9, 0, tzinfo=UTC), None),
        (datetime(2023, 6, 15, 9, 0, tzinfo=UTC), None),
    ],
)
def test_the_fetch_time_gives_the_latest_year_not_after_it(fetched_at, expected):
    byline = '<span class="datum">30.11.</span>'
    assert _published(byline, fetched_at=fetched_at, lang="de") == expected


def test_a_day_standing_alone_needs_no_date_name():
    fetched = datetime(2022, 12, 5, tzinfo=UTC)
    assert _published("<p>30.11., 9:15 Uhr</p>", fetched_at=fetched, lang="de") == (
        "2022-11-30T09:15:00"
    )
    assert _published("<p>[11月30日 9時15分]</p>", fetched_at=fetched) == (
        "2022-11-30T09:15:00"
    )


@pytest.mark.parametrize(
    "byline",
    [
        # An update's day, a time of day, a decimal.
        "<p>[更新 06月24日 11時30分]</p>",
        '<span class="datum">Aktualisiert 30.11.</span>',
        "<p>11.30 Uhr</p>",
        "<p>Preis 11.30.</p>",
        # A month and day among other words, in an element not named for a date.
        "<p>Kapitel 2.3.</p>",
    ],
)
def test_what_is_not_a_yearless_publication_day(byline):
    assert (
        _published(
            byline,
            body_id="news20191130_k1",
            fetched_at=datetime(2022, 12, 5, tzinfo=UTC),
        )
        is None
    )


def test_a_yearless_day_in_a_teaser_is_another_articles():
    byline = (
        '<div class="related"><a href="/b">Der andere Text</a><span>29.11.</span></div>'
    )
    fetched = datetime(2022, 12, 5, tzinfo=UTC)
    assert _published(byline, fetched_at=fetched, lang="de") is None


def test_an_empty_h1_with_the_sites_logo_is_not_the_main_heading():
    html = f"""<html><head><title>Ein Titel, der nicht passt</title></head><body>{_logo}
      <h1>Neuer Radweg</h1><p>Text.</p></body></html>"""
    heading = main_heading(Document.parse(html, "https://example.org/a", None))
    assert heading is not None
    assert heading.text_content() == "Neuer Radweg"
