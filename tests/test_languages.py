"""``-a languages=…``: articles in other languages are skipped, before extraction if possible."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, ClassVar

import pytest
import pytest_twisted
from pydantic import ValidationError

from newscrawl.languages import declared_language, is_wanted, primary_language
from newscrawl.params import GenericSpiderParams
from newscrawl.spiders.sources import parse_sitemap
from newscrawl.spiders.warc import WarcSpider
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl
from tests.test_warc import write_warc

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def page(
    lang_attribute: str, headline: str, *, json_ld_language: str = "", text: str = ""
) -> bytes:
    structured = (
        '<script type="application/ld+json">'
        + json.dumps(
            {
                "@type": "NewsArticle",
                "headline": headline,
                "inLanguage": json_ld_language,
            }
        )
        + "</script>"
        if json_ld_language
        else ""
    )
    words = text or " ".join(
        f"Sentence {n} of the story about {headline}." for n in range(40)
    )
    return (
        f"<!DOCTYPE html><html {lang_attribute}><head><title>{headline}</title>"
        f"{structured}</head><body><article><h1>{headline}</h1><p>{words}</p>"
        "</article></body></html>"
    ).encode()


ENGLISH = (
    "The ferry between the two harbours will run every half hour from Monday, the operator"
    " said, after a summer in which queues on the quay grew longer each weekend. A second"
    " boat, bought from a company in the north, joins the route once its crew has finished"
    " training. Fares stay as they are until the spring, when the council reviews the"
    " contract. Cyclists will have their own lane on the lower deck, and the kiosk on the"
    " quay opens an hour earlier so that commuters can buy tickets before the first"
    " crossing. Residents of the island have asked for a late boat on Saturdays as well,"
    " which the operator has promised to try for six weeks in July and August."
)
MIXED = (
    "The ferry runs every half hour from Monday. Die Fähre fährt ab Montag jede halbe"
    " Stunde. Le bac part toutes les demi-heures à partir de lundi. Il traghetto parte"
    " ogni mezz'ora da lunedì. El ferry sale cada media hora desde el lunes. "
)
BASE = "https://news.example.org/2024/06/03"
PAGES = {
    f"{BASE}/german-story": page('class="no-js" lang="de-DE"', "Fähre fährt öfter"),
    f"{BASE}/english-story": page('lang="en"', "Ferry runs more often"),
    # No lang on <html>: only the extraction tells, from JSON-LD or from the text.
    f"{BASE}/french-story": page("", "Le bac", json_ld_language="fr"),
    f"{BASE}/untold-english-story": page("", "Ferry runs again", text=ENGLISH),
    # No language of its own: kept by any filter.
    f"{BASE}/unknown-story": page("", "Ferry or Fähre", text=MIXED * 3),
}


def test_language_codes():
    assert primary_language("pt-BR") == "pt"
    assert primary_language(" DE_at ") == "de"
    assert primary_language("deutsch") is None
    assert declared_language(b"<html dir=\"ltr\" LANG='EN-gb'><head>") == "en"
    assert declared_language(b'<html xml:lang="nl" xmlns="x">') == "nl"
    assert declared_language(b"<html><head><meta lang='de'>") is None
    # Past the head of the page, a "lang" is not the document's.
    assert declared_language(b" " * 70_000 + b'<html lang="de">') is None
    assert is_wanted("de-AT", frozenset({"de"}))
    assert not is_wanted("en", frozenset({"de"}))
    assert is_wanted(None, frozenset({"de"}))
    assert is_wanted("en", frozenset())


def test_languages_argument():
    params = GenericSpiderParams.model_validate(
        {"url": "https://a.example/", "languages": "de-AT, en de"}
    )
    assert params.languages == ["de", "en"]
    with pytest.raises(ValidationError, match="'german' is no language code"):
        GenericSpiderParams.model_validate(
            {"url": "https://a.example/", "languages": "german"}
        )


@pytest_twisted.ensureDeferred
async def test_an_archive_read_for_one_language(tmp_path):
    archive = tmp_path / "mixed.warc.gz"
    write_warc(
        archive, [(url, 200, "text/html", body, {}) for url, body in PAGES.items()]
    )
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), WarcSpider, files=str(archive), languages="de"
    )
    assert sorted(item.url for item in items) == [
        f"{BASE}/german-story",
        f"{BASE}/unknown-story",
    ]
    stats = crawler.stats.get_stats()
    # English by its <html> tag, before any request; French and the English text that
    # declares nothing once extracted.
    assert stats["newscrawl/skipped/language"] == 3
    assert stats["newscrawl/articles/parsed"] == 4


class _Site(PageHandler):
    def do_GET(self) -> None:
        url = BASE + self.path.removeprefix("/2024/06/03")
        if self.path == "/":
            links = "".join(
                f'<li><a href="{u.removeprefix("https://news.example.org")}">{u}</a></li>'
                for u in PAGES
            )
            self.send_page(f'<html lang="en"><body><ul>{links}</ul></body></html>')
        elif url in PAGES:
            self.send_page(PAGES[url])
        else:
            self.send_error(404)


@pytest.fixture
def site() -> Iterator[str]:
    with serving(_Site) as base:
        yield base


@pytest_twisted.ensureDeferred
async def test_a_site_crawled_for_two_languages(site: str, tmp_path: Path) -> None:
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), url=f"{site}/", languages="de fr"
    )
    assert sorted(item.url.removeprefix(site) for item in items) == [
        "/2024/06/03/french-story",
        "/2024/06/03/german-story",
        "/2024/06/03/unknown-story",
    ]
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/skipped/language"] == 2
    # The English page that says so was fetched but never extracted.
    assert stats["newscrawl/articles/parsed"] == 4


@pytest_twisted.ensureDeferred
async def test_a_crawl_without_language_detection_keeps_untold_pages(
    site: str, tmp_path: Path
) -> None:
    settings = crawl_settings(tmp_path, NEWSCRAWL_DETECT_LANGUAGE=False)
    crawler, items = await run_crawl(settings, url=f"{site}/", languages="de fr")
    assert "/2024/06/03/untold-english-story" in {
        item.url.removeprefix(site) for item in items
    }
    assert crawler.stats.get_value("newscrawl/skipped/language") == 1


NEWS_SITEMAP = (
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>'
)


def news_entry(url: str, language: str) -> str:
    return (
        f"<url><loc>{url}</loc><news:news><news:publication><news:name>Example"
        f"</news:name><news:language>{language}</news:language></news:publication>"
        "<news:publication_date>2024-06-03T08:00:00Z</news:publication_date>"
        "</news:news></url>"
    )


def test_a_news_sitemap_entry_carries_its_language():
    body = NEWS_SITEMAP.format(
        news_entry("https://a.example/1", "de")
        + news_entry("https://a.example/2", "en-GB")
        + "<url><loc>https://a.example/3</loc></url>"
    )
    doc = parse_sitemap(body.encode(), "https://a.example/sitemap.xml")
    assert [entry.language for entry in doc.entries] == ["de", "en", None]


class _NewsSitemapSite(PageHandler):
    fetched: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).fetched.append(self.path)
        host = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            self.send_page(f"Sitemap: {host}/news.xml\n", "text/plain")
        elif self.path == "/news.xml":
            entries = news_entry(f"{host}/2024/06/03/german-story", "de")
            entries += news_entry(f"{host}/2024/06/03/english-story", "en")
            self.send_page(NEWS_SITEMAP.format(entries), "application/xml")
        elif self.path.startswith("/2024/06/03/"):
            self.send_page(PAGES[BASE + self.path.removeprefix("/2024/06/03")])
        else:
            self.send_page("<html><body><h1>Front page</h1></body></html>")


@pytest_twisted.ensureDeferred
async def test_a_news_sitemap_entry_in_another_language_is_not_fetched(
    tmp_path: Path,
) -> None:
    fetched: list[str] = []
    handler = type("Handler", (_NewsSitemapSite,), {"fetched": fetched})
    with serving(handler) as base:
        crawler, items = await run_crawl(
            crawl_settings(tmp_path), url=f"{base}/", languages="de"
        )
    assert [item.url.removeprefix(base) for item in items] == [
        "/2024/06/03/german-story"
    ]
    assert "/2024/06/03/german-story" in fetched
    assert "/2024/06/03/english-story" not in fetched
    assert crawler.stats.get_value("newscrawl/skipped/language") == 1


GERMAN = (
    "Die Fähre zwischen den beiden Häfen fährt ab Montag jede halbe Stunde, wie der"
    " Betreiber mitteilte, nachdem die Schlangen am Kai in diesem Sommer an jedem"
    " Wochenende länger geworden sind. Ein zweites Boot, das von einer Firma im Norden"
    " gekauft wurde, kommt dazu, sobald die Mannschaft ihre Ausbildung beendet hat. Die"
    " Preise bleiben bis zum Frühjahr, wenn der Rat den Vertrag prüft, wie sie sind."
    " Radfahrer bekommen eine eigene Spur auf dem unteren Deck, und der Kiosk am Kai"
    " öffnet eine Stunde früher, damit Pendler vor der ersten Überfahrt ihre Karten"
    " kaufen können. Die Bewohner der Insel wünschen sich auch am Samstag ein spätes"
    " Boot, das der Betreiber im Juli und August sechs Wochen lang versuchen will."
)


class _DefaultLanguageSite(PageHandler):
    """A CMS that declares "en" on every page, German ones included."""

    pages: ClassVar[dict[str, bytes]] = {
        "/2024/06/03/ferry-en": page(
            'lang="en"', "Ferry runs more often", text=ENGLISH
        ),
        "/2024/06/03/ferry-de": page('lang="en"', "Fähre fährt öfter", text=GERMAN),
    }

    def do_GET(self) -> None:
        if self.path == "/":
            links = "".join(f'<a href="{path}">{path}</a> ' for path in self.pages)
            self.send_page(f'<html lang="en"><body><p>{links}</p></body></html>')
        elif self.path in self.pages:
            self.send_page(self.pages[self.path])
        else:
            self.send_error(404)


@pytest_twisted.ensureDeferred
async def test_a_page_whose_text_contradicts_its_declaration_is_not_kept_for_it(
    tmp_path: Path,
) -> None:
    with serving(_DefaultLanguageSite) as base:
        crawler, items = await run_crawl(
            crawl_settings(tmp_path), url=f"{base}/", languages="en"
        )
    assert [item.url.removeprefix(base) for item in items] == ["/2024/06/03/ferry-en"]
    stats = crawler.stats.get_stats()
    # Both were extracted (their <html lang> says "en"); the German one then dropped.
    assert stats["newscrawl/articles/parsed"] == 2
    assert stats["newscrawl/skipped/language"] == 1
