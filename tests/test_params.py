"""Spider arguments: parsing of the -a / schedule.json strings and clear errors for bad ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from scrapy.utils.test import get_crawler
from scrapy_spider_metadata import get_spider_metadata  # type: ignore[attr-defined]

from newscrawl.params import (
    GenericSpiderParams,
    NewsSpiderParams,
    parse_since,
    parse_url_list,
)
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.sources import feed

NOW = datetime(2024, 5, 10, 12, 0, tzinfo=UTC)


class ExampleSpider(NewsSpider):
    name = "example_com"
    allowed_domains = ("example.com",)
    sources = (feed("https://www.example.com/rss.xml"),)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://a.example/", ["https://a.example/"]),
        (
            "https://a.example/ https://b.example/x,https://c.example/y\nhttp://127.0.0.1:8001/",
            [
                "https://a.example/",
                "https://b.example/x",
                "https://c.example/y",
                "http://127.0.0.1:8001/",
            ],
        ),
        (" , https://a.example/ ,, ", ["https://a.example/"]),
        (
            ["https://a.example/ https://b.example/"],
            ["https://a.example/", "https://b.example/"],
        ),
        ("", []),
    ],
)
def test_url_lists_split_on_spaces_commas_and_newlines(raw, expected):
    assert parse_url_list(raw) == expected


@pytest.mark.parametrize(
    "raw", ["example.com", "ftp://example.com/", "https://", "http://x:99999/"]
)
def test_bad_urls_are_rejected(raw):
    with pytest.raises(ValueError, match=r"URL|port"):
        parse_url_list(raw)


def test_a_site_typed_without_its_scheme_gets_the_fix_in_the_error():
    with pytest.raises(
        ValueError, match=r"did you mean 'https://www\.example\.com/news'"
    ):
        parse_url_list("www.example.com/news")
    with pytest.raises(ValueError, match="absolute http") as refused:
        parse_url_list("ftp://example.com/")
    assert "did you mean" not in str(refused.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2d", NOW - timedelta(days=2)),
        ("12h", NOW - timedelta(hours=12)),
        ("30m", NOW - timedelta(minutes=30)),
        ("1w", NOW - timedelta(weeks=1)),
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-01T08:00:00", datetime(2024, 5, 1, 8, tzinfo=UTC)),
        ("2024-05-01T08:00:00+02:00", datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ("2024-05-01T08:00:00Z", datetime(2024, 5, 1, 8, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_since_accepts_iso_and_relative_values(raw, expected):
    assert parse_since(raw, now=NOW) == expected


@pytest.mark.parametrize("raw", ["yesterday", "2d ago", "-2d", "2024-13-01", "12x"])
def test_bad_since_fails_with_a_hint(raw):
    with pytest.raises(ValueError, match="since"):
        parse_since(raw, now=NOW)


def test_start_urls_from_a_file(tmp_path):
    sites = tmp_path / "sites.txt"
    sites.write_text(
        "\ufeff# local papers\nhttp://127.0.0.1:8001/\n\n  http://127.0.0.1:8002/rss.xml \n"
        "http://127.0.0.1:8003/\n",
        encoding="utf-8",
    )
    params = GenericSpiderParams.model_validate(
        {"urls_file": str(sites), "url": "http://127.0.0.1:8003/"}
    )
    assert params.start_urls == [
        "http://127.0.0.1:8003/",
        "http://127.0.0.1:8001/",
        "http://127.0.0.1:8002/rss.xml",
    ]
    only_file = GenericSpiderParams.model_validate({"urls_file": str(sites)})
    assert len(only_file.start_urls) == 3

    sites.write_text(
        "http://127.0.0.1:8001/\nftp://127.0.0.1/files\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match=r"line 2: 'ftp://127\.0\.0\.1/files'"):
        GenericSpiderParams.model_validate({"urls_file": str(sites)})
    with pytest.raises(ValidationError, match="is not a file"):
        GenericSpiderParams.model_validate({"urls_file": str(tmp_path / "none.txt")})
    sites.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no start URL"):
        GenericSpiderParams.model_validate({"urls_file": str(sites)})


def test_generic_params_from_strings():
    params = GenericSpiderParams.model_validate(
        {
            "urls": "http://127.0.0.1:8001/ http://127.0.0.1:8002/rss.xml",
            "url": "http://127.0.0.1:8003/",
            "since": "2024-05-01",
            "max_articles": "25",
            "_job": "abc123",  # scrapyd adds this to every job
        }
    )
    assert params.start_urls == [
        "http://127.0.0.1:8003/",
        "http://127.0.0.1:8001/",
        "http://127.0.0.1:8002/rss.xml",
    ]
    assert params.since == datetime(2024, 5, 1, tzinfo=UTC)
    assert params.max_articles == 25


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "no start URL"),
        (
            {"url": "http://a.example/", "max_articles": "-1"},
            "greater than or equal to 0",
        ),
        ({"url": "http://a.example/", "max_articles": "ten"}, "valid integer"),
        ({"url": "http://a.example/", "max_articles": "2.5"}, "valid integer"),
        ({"url": "http://a.example/", "max_article": "3"}, "max_article"),
        ({"url": "http://a.example/", "since": "last week"}, "since"),
        ({"url": "http://a.example/", "subdomains": "maybe"}, "subdomains"),
    ],
)
def test_bad_generic_params(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        GenericSpiderParams.model_validate(kwargs)


def test_site_spider_params_defaults_and_base_url():
    params = NewsSpiderParams()
    assert (params.since, params.max_articles, params.base_url) == (None, 0, "")
    assert (
        NewsSpiderParams(base_url="http://127.0.0.1:9000").base_url
        == "http://127.0.0.1:9000"
    )
    with pytest.raises(ValidationError, match="base_url"):
        NewsSpiderParams(base_url="127.0.0.1:9000")
    with pytest.raises(ValidationError, match="urls"):
        # A site spider knows its own sources: no such argument.
        NewsSpiderParams(urls="https://a.example/")  # type: ignore[call-arg]


def test_spider_init_validates_arguments():
    crawler = get_crawler(GenericSpider)
    spider = crawler._create_spider(
        urls="http://127.0.0.1:8001/", since="12h", max_articles="3"
    )
    assert isinstance(spider, GenericSpider)
    assert spider.args.max_articles == 3
    assert spider.start_urls == ["http://127.0.0.1:8001/"]
    assert spider.args.since is not None
    assert spider.args.since < datetime.now(UTC)

    with pytest.raises(ValueError, match="max_articles"):
        get_crawler(GenericSpider)._create_spider(
            url="http://127.0.0.1:8001/", max_articles="x"
        )


def test_site_spider_base_url_rebases_sources_and_domains():
    crawler = get_crawler(ExampleSpider)
    spider = crawler._create_spider(base_url="http://127.0.0.1:8123/")
    assert isinstance(spider, ExampleSpider)
    assert [s.url for s in spider.start_sources()] == ["http://127.0.0.1:8123/rss.xml"]
    assert "127.0.0.1" in spider.allowed_domains
    assert ExampleSpider.allowed_domains == ("example.com",)  # the class is left alone
    assert (
        spider.rebase("https://example.com/a/b?x=1") == "http://127.0.0.1:8123/a/b?x=1"
    )
    assert spider.rebase("https://other.org/a") == "https://other.org/a"
    assert spider.is_allowed_url("http://127.0.0.1:8123/x")
    assert not spider.is_allowed_url("http://127.0.0.1:8124/x")


def test_bad_timezone_fails_at_init():
    class BadZoneSpider(ExampleSpider):
        name = "bad_zone"
        timezone = "Mars/Olympus"

    with pytest.raises(ValueError, match="timezone"):
        get_crawler(BadZoneSpider)._create_spider()


def test_param_schema_for_scrapyd_and_ui():
    schema = get_spider_metadata(GenericSpider, normalize=True)["param_schema"]
    assert set(schema["properties"]) == {
        "urls",
        "url",
        "urls_file",
        "subdomains",
        "since",
        "max_articles",
        "languages",
    }
    assert schema["properties"]["max_articles"]["minimum"] == 0
    assert all(prop.get("description") for prop in schema["properties"].values())
    site_schema = get_spider_metadata(ExampleSpider, normalize=True)["param_schema"]
    assert set(site_schema["properties"]) == {
        "base_url",
        "since",
        "max_articles",
        "languages",
    }
