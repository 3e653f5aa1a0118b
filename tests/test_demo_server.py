"""The demo server: every site's entry points, encodings, placeholders, counts and 404s."""

from __future__ import annotations

import contextlib
import json
import random
import re
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from parsel import Selector

from newscrawl.demo.__main__ import crawl_command, filter_log
from newscrawl.demo.server import SITES_DIR, DemoServer, resolve_file
from tests.conftest import REPO_ROOT, request_counts

if TYPE_CHECKING:
    from pathlib import Path

# Entry points of each site, relative to its base URL.
ENTRY_POINTS = {
    "meridian": {"feed": "rss/latest.xml", "sitemap": "sitemaps/index.xml"},
    "roundup": {"feed": "feed/", "sitemap": "sitemap_index.xml"},
    "vestnik": {"feed": "rss.xml", "sitemap": "sitemap.xml"},
}


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_sites_are_the_three_demo_sites(demo_sites):
    assert set(demo_sites) == set(ENTRY_POINTS)
    ports = {urlsplit(url).port for url in demo_sites.values()}
    assert len(ports) == 3
    assert all(
        re.fullmatch(r"http://127\.0\.0\.1:\d+/", url) for url in demo_sites.values()
    )


@pytest.mark.parametrize("site", sorted(ENTRY_POINTS))
def test_home_feed_sitemap_and_robots_are_served(demo_sites, site):
    base = demo_sites[site]
    status, headers, body = fetch(base)
    assert status == 200
    assert headers["Content-Type"].startswith("text/html; charset=")

    status, headers, body = fetch(base + ENTRY_POINTS[site]["feed"])
    assert status == 200
    assert headers["Content-Type"].startswith("application/rss+xml")
    items = Selector(body=body, type="xml").xpath("//item/link/text()").getall()
    assert len(items) >= 6
    assert all(link.startswith(base) for link in items)

    status, headers, body = fetch(base + ENTRY_POINTS[site]["sitemap"])
    assert status == 200
    assert headers["Content-Type"].startswith("application/xml")
    selector = Selector(body=body, type="xml")
    selector.remove_namespaces()
    children = selector.xpath("//sitemapindex/sitemap/loc/text()").getall()
    assert len(children) >= 2
    for child in children:
        child_status, _, child_body = fetch(child)
        assert child_status == 200, child
        assert b"<urlset" in child_body

    status, headers, body = fetch(base + "robots.txt")
    assert status == 200
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    robots = body.decode()
    assert "Disallow: /" in robots
    assert f"Sitemap: {base}{ENTRY_POINTS[site]['sitemap']}" in robots


def test_meridian_has_a_news_sitemap_and_json_ld(demo_sites):
    base = demo_sites["meridian"]
    _, _, news = fetch(base + "sitemaps/news.xml")
    assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in news
    url = (
        Selector(body=news, type="xml").xpath("//*[local-name()='loc']/text()").get("")
    )
    _, _, page = fetch(url)
    ld = json.loads(
        Selector(body=page).css('script[type="application/ld+json"]::text').get("")
    )
    assert ld["@type"] == "NewsArticle"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+02:00", ld["datePublished"])
    assert ld["mainEntityOfPage"]["@id"] == url


def test_legacy_site_is_served_in_windows_1251(demo_sites):
    base = demo_sites["vestnik"]
    for path in (
        "",
        "novini/1042-remontat-na-krajbrezhnata-aleya-zapochva-prez-yuli.html",
        "rss.xml",
    ):
        _, headers, body = fetch(base + path)
        assert headers["Content-Type"].endswith("; charset=windows-1251"), path
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        text = body.decode("windows-1251")
        assert "Дунавски вестник" in text
    page = text_of(
        base + "novini/1042-remontat-na-krajbrezhnata-aleya-zapochva-prez-yuli.html"
    )
    assert '<meta charset="windows-1251">' in page
    assert '<span class="data">24 юни 2024, 14:05</span>' in page


def text_of(url: str) -> str:
    _, headers, body = fetch(url)
    charset = headers["Content-Type"].rsplit("charset=", 1)[-1]
    return body.decode(charset)


def test_placeholders_are_substituted_everywhere(demo_sites):
    meridian = demo_sites["meridian"].rstrip("/")
    roundup = demo_sites["roundup"]
    copy = text_of(roundup + "2024/06/25/port-authority-raises-berth-fees/")
    assert f'href="{meridian}/economy/port-authority-raises-berth-fees-4c21a9"' in copy
    assert (
        f'<link rel="canonical" href="{roundup}2024/06/25/port-authority-raises-berth-fees/">'
        in copy
    )
    for site, base in demo_sites.items():
        for path in (
            "",
            ENTRY_POINTS[site]["feed"],
            ENTRY_POINTS[site]["sitemap"],
            "robots.txt",
        ):
            assert "{{" not in text_of(base + path), (site, path)


def test_cross_site_copy_has_the_same_body_paragraphs(demo_sites):
    original = Selector(
        text=text_of(
            demo_sites["meridian"] + "economy/port-authority-raises-berth-fees-4c21a9"
        )
    )
    copy = Selector(
        text=text_of(
            demo_sites["roundup"] + "2024/06/25/port-authority-raises-berth-fees/"
        )
    )
    original_paragraphs = original.css(".story__body > p::text").getall()
    assert len(original_paragraphs) >= 4
    assert copy.css(".entry-content > p::text").getall() == original_paragraphs


def test_pagination_tracking_links_and_print_pages(demo_sites):
    meridian = demo_sites["meridian"]
    page2 = text_of(meridian + "economy/?page=2")
    assert "Page 2 of 2" in page2
    assert fetch(meridian + "economy/?page=9")[0] == 404
    assert fetch(meridian + "economy/page-2.html")[0] == 200
    home = text_of(demo_sites["roundup"])
    assert "?utm_source=homepage&amp;utm_medium=featured" in home
    assert fetch(demo_sites["roundup"] + "category/local/page/2/")[0] == 200
    assert fetch(demo_sites["vestnik"] + "kategoria/obshtestvo/stranica-2/")[0] == 200
    # Tracking parameters do not change what is served.
    article = meridian + "city/night-buses-to-run-every-fifteen-minutes-82f1c4"
    assert (
        fetch(article + "?utm_source=mostread&utm_medium=widget")[2]
        == fetch(article)[2]
    )


def test_unknown_paths_are_404_and_directories_redirect(demo_sites):
    base = demo_sites["roundup"]
    assert fetch(base + "no/such/page/")[0] == 404
    assert fetch(base + "site.json")[0] == 404
    assert fetch(base + "%2e%2e/%2e%2e/pyproject.toml")[0] == 404
    # urllib follows the redirect to the slashed URL.
    status, headers, _ = fetch(base + "category/local")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")


def test_request_counts_record_path_and_query(demo_sites):
    base = demo_sites["vestnik"]
    request_counts(base, reset=True)
    fetch(base + "rss.xml")
    fetch(base + "rss.xml")
    fetch(
        base
        + "novini/1024-pristanishteto-otchita-rast-na-tovarite-prez-proletta.html?utm_source=x"
    )
    fetch(base + "missing")
    assert request_counts(base) == {
        "/rss.xml": 2,
        "/novini/1024-pristanishteto-otchita-rast-na-tovarite-prez-proletta.html?utm_source=x": 1,
        "/missing": 1,
    }
    assert request_counts(demo_sites["vestnik"], reset=True) != {}
    assert request_counts(base) == {}


def test_every_link_in_the_sites_resolves(demo_sites):
    """Every same-site link on every page and in every feed leads to a page, except robots-blocked ones."""
    for site, base in demo_sites.items():
        robots = RobotFileParser()
        robots.parse(text_of(base + "robots.txt").splitlines())
        seen: set[str] = set()
        queue = [base]
        while queue:
            url = queue.pop()
            status, headers, body = fetch(url)
            assert status == 200, (site, url)
            content_type = headers["Content-Type"]
            if not content_type.startswith(
                ("text/html", "application/rss", "application/xml")
            ):
                continue
            selector = Selector(
                text=body.decode(content_type.rsplit("charset=", 1)[-1])
            )
            links = selector.css("a::attr(href), link::attr(href)").getall()
            links += selector.xpath(
                "//*[local-name()='loc' or local-name()='link']/text()"
            ).getall()
            for link in links:
                target = urljoin(url, link.strip()).split("#")[0]
                if not target.startswith(base) or not robots.can_fetch(
                    "newscrawl", target
                ):
                    continue
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        assert len(seen) > 20, site


def test_in_process_server_and_resolver():
    assert (
        resolve_file(SITES_DIR / "roundup", "/feed/", "")
        == SITES_DIR / "roundup" / "feed" / "index.xml"
    )
    assert resolve_file(SITES_DIR / "meridian", "/economy/", "page=2&utm_source=x") == (
        SITES_DIR / "meridian" / "economy" / "page-2.html"
    )
    assert (
        resolve_file(SITES_DIR / "meridian", "/economy/", "page=1")
        == SITES_DIR / "meridian" / "economy" / "index.html"
    )
    assert resolve_file(SITES_DIR / "meridian", "/../roundup/robots.txt", "") is None
    with DemoServer() as server:
        assert set(server.urls) == set(ENTRY_POINTS)
        assert fetch(server.urls["meridian"] + "robots.txt")[0] == 200
        assert request_counts(server.urls["meridian"]) == {"/robots.txt": 1}


def test_filter_log_keeps_progress_engine_and_problems_with_their_tracebacks():
    lines = [
        "2026-11-28 09:03:02 [scrapy.utils.log] INFO: Scrapy 2.19.0 started\n",
        "2026-11-28 09:03:02 [scrapy.core.engine] INFO: Spider opened\n",
        "2026-11-28 09:03:03 [newscrawl.extensions.progress] INFO: Progress 1s: 3 pages\n",
        "2026-11-28 09:03:03 [scrapy.core.scraper] ERROR: Spider error processing <GET x>\n",
        "Traceback (most recent call last):\n",
        '  File "x.py", line 1, in <module>\n',
        "2026-11-28 09:03:03 [scrapy.middleware] INFO: Enabled item pipelines:\n",
        "['newscrawl.pipelines.cleaning.CleanTextPipeline']\n",
        "2026-11-28 09:03:04 [newscrawl.extensions.summary] INFO: newscrawl summary: x\n",
        "  pages fetched:   3\n",
    ]
    assert list(filter_log(lines)) == lines[1:6]


def test_crawl_command_runs_the_generic_spider_on_every_site(tmp_path):
    command = crawl_command(["http://a/", "http://b/"], tmp_path)
    assert command[1:5] == ["-m", "scrapy", "crawl", "generic"]
    assert "urls=http://a/ http://b/" in command
    assert f"NEWSCRAWL_SQLITE_PATH={tmp_path / 'articles.sqlite'}" in command
    assert command[command.index("-o") + 1] == str(tmp_path / "articles.jsonl")


def test_crawl_command_passes_each_site_time_zone_by_site_key(tmp_path):
    command = crawl_command(
        ["http://127.0.0.1:8703/"], tmp_path, {"http://127.0.0.1:8703/": "Europe/Sofia"}
    )
    assert 'NEWSCRAWL_TIMEZONES={"127_0_0_1_8703": "Europe/Sofia"}' in command


def _free_port_base() -> int:
    """Return a port P with P, P+1 and P+2 free on 127.0.0.1 right now."""
    for _ in range(50):
        base = random.randrange(20000, 60000)  # noqa: S311 - a port, not a secret
        sockets = []
        try:
            for offset in range(3):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
        return base
    raise RuntimeError("no free ports")


def _stored_rows(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT site, COUNT(*) FROM articles GROUP BY site"))


def test_demo_crawls_every_site_and_a_second_run_stores_nothing_new(tmp_path):
    port_base = _free_port_base()
    command = [sys.executable, "-m", "newscrawl.demo", "--port-base", str(port_base)]
    command += ["--data-dir", str(tmp_path)]

    first = subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, cwd=REPO_ROOT
    )
    assert first.returncode == 0, first.stderr[-3000:]
    assert "newscrawl summary: spider 'generic' finished" in first.stdout
    rows = _stored_rows(tmp_path / "articles.sqlite")
    expected_sites = {f"127_0_0_1_{port_base + offset}" for offset in range(3)}
    assert set(rows) == expected_sites
    assert all(count >= 6 for count in rows.values()), rows
    exported = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(exported) == sum(rows.values())
    assert "Spider closed (finished)" in (tmp_path / "crawl.log").read_text(
        encoding="utf-8"
    )

    second = subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, cwd=REPO_ROOT
    )
    assert second.returncode == 0, second.stderr[-3000:]
    assert _stored_rows(tmp_path / "articles.sqlite") == rows
    assert (tmp_path / "articles.jsonl").read_text(
        encoding="utf-8"
    ).splitlines() == exported
    assert "Dropped:" not in second.stderr
