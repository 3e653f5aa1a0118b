"""Distributed mode without servers: the add-on's settings, keys, and the sweep's choice."""

from __future__ import annotations

import json
import logging
import socket
import threading
from datetime import UTC, datetime

import pytest
import redis
from scrapy import Request, Spider
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl.distributed.addon import DistributedMode
from newscrawl.distributed.connection import client_params, retries_within
from newscrawl.distributed.dupefilter import REQUEUED, request_spec
from newscrawl.distributed.frontier import SharedFrontier, rebuild, unsettled
from newscrawl.distributed.keys import CrawlKeys, default_crawl_id
from newscrawl.store.known import KnownArticles
from newscrawl.urlhashes import UrlHashes


def _project(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def test_without_a_redis_url_nothing_changes() -> None:
    settings = _project()
    DistributedMode().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy.dupefilters.BaseDupeFilter"
    assert "newscrawl.distributed.frontier.SharedFrontier" not in settings.getdict(
        "EXTENSIONS"
    )


def test_a_redis_url_switches_to_the_shared_frontier() -> None:
    settings = _project(
        NEWSCRAWL_REDIS_URL="redis://127.0.0.1:6379/0", NEWSCRAWL_CRAWL_ID="r7"
    )
    DistributedMode().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings["DUPEFILTER_CLASS"].endswith("SweepAwareDupeFilter")
    assert settings["SCHEDULER_QUEUE_KEY"] == "newscrawl:%(spider)s:r7:requests"
    assert settings["SCHEDULER_DUPEFILTER_KEY"] == "newscrawl:%(spider)s:r7:seen"
    assert "newscrawl.distributed.frontier.SharedFrontier" in settings.getdict(
        "EXTENSIONS"
    )


def test_the_crawl_id_defaults_to_the_utc_day_with_a_warning(caplog) -> None:
    assert default_crawl_id(datetime(2026, 11, 28, 23, 59, tzinfo=UTC)) == "2026-11-28"
    settings = _project(NEWSCRAWL_REDIS_URL="redis://127.0.0.1:6379/0")
    with caplog.at_level(logging.WARNING, logger="newscrawl.distributed.addon"):
        DistributedMode().update_settings(settings)
    assert settings["NEWSCRAWL_CRAWL_ID"] == default_crawl_id()
    assert "NEWSCRAWL_CRAWL_ID is not set" in caplog.text

    caplog.clear()
    given = _project(
        NEWSCRAWL_REDIS_URL="redis://127.0.0.1:6379/0", NEWSCRAWL_CRAWL_ID="r7"
    )
    with caplog.at_level(logging.WARNING, logger="newscrawl.distributed.addon"):
        DistributedMode().update_settings(given)
    assert caplog.text == ""


@pytest.mark.parametrize(("seconds", "retries"), [(0, 0), (0.2, 1), (1.4, 3), (60, 33)])
def test_redis_retries_back_off_for_about_the_time_given(
    seconds: float, retries: int
) -> None:
    # Backoffs 0.2, 0.4, 0.8, 1.6, then 2 s each: 3.0 s after four, 59 after 33.
    assert retries_within(seconds) == retries


def test_redis_clients_retry_lost_connections_unless_the_user_says_otherwise() -> None:
    settings = _project(
        NEWSCRAWL_REDIS_URL="redis://127.0.0.1:1/0",
        NEWSCRAWL_CRAWL_ID="r7",
        NEWSCRAWL_REDIS_RETRY_SECONDS=10,
        REDIS_PARAMS={"socket_timeout": 3, "retry_on_error": []},
    )
    DistributedMode().update_settings(settings)
    params = settings.getdict("REDIS_PARAMS")
    assert params["retry"].get_retries() == retries_within(10)
    # The user's own REDIS_PARAMS win, key by key.
    assert params["socket_timeout"] == 3
    assert params["retry_on_error"] == []
    assert redis.exceptions.ConnectionError in client_params(settings)["retry_on_error"]


class _Named(Spider):
    name = "named"


def test_the_frontier_gives_up_on_a_redis_that_never_answers() -> None:
    # A connection the network dropped without a reset: accepted, never answered.
    # The frontier's own client once ignored REDIS_PARAMS, and with redis-py before 8
    # had no socket timeout at all: it waited for ever (redis-py 8: 5 s).
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        crawler = get_crawler(
            _Named,
            {
                "NEWSCRAWL_REDIS_URL": f"redis://127.0.0.1:{port}/0",
                "NEWSCRAWL_CRAWL_ID": "r7",
                "NEWSCRAWL_REDIS_RETRY_SECONDS": 0,
                "REDIS_PARAMS": {"socket_timeout": 0.3},
            },
        )
        frontier = SharedFrontier.from_crawler(crawler)
        outcome: list[BaseException] = []

        def settle() -> None:
            try:
                frontier.settled("https://a.example/news/")
            except redis.exceptions.RedisError as error:
                outcome.append(error)

        worker = threading.Thread(target=settle, daemon=True)
        worker.start()
        worker.join(timeout=3)
        assert not worker.is_alive(), "still waiting for a Redis that never answers"
        assert [type(error) for error in outcome] == [redis.exceptions.TimeoutError]
    # Without REDIS_PARAMS, the same timeouts as scrapy-redis's clients.
    quiet = get_crawler(
        _Named,
        {"NEWSCRAWL_REDIS_URL": "redis://127.0.0.1:1/0", "NEWSCRAWL_CRAWL_ID": "r7"},
    )
    kwargs = SharedFrontier.from_crawler(quiet).server.connection_pool.connection_kwargs
    assert kwargs["socket_timeout"] == kwargs["socket_connect_timeout"] == 30


def test_keys_share_one_prefix_per_spider_and_crawl() -> None:
    keys = CrawlKeys.of("bbc_com", "2026-11-28")
    assert all(key.startswith("newscrawl:bbc_com:2026-11-28:") for key in keys)
    assert len(set(keys)) == len(keys)


class _Spider(Spider):
    name = "probe"

    def parse_article(self, response: object) -> None: ...

    def article_failed(self, failure: object) -> None: ...

    def parse_sitemap(self, response: object) -> None: ...


def test_a_request_is_rebuilt_from_its_spec() -> None:
    spider = _Spider()
    original = Request(
        "https://a.example/s.xml",
        callback=spider.parse_sitemap,
        meta={
            "newscrawl_source": "sitemap",
            "download_slot": "x",
            # A source the user named lists articles on other hosts too.
            "allow_offsite": True,
        },
    )
    again = rebuild(spider, original.url, json.loads(request_spec(original)))
    assert again.callback == spider.parse_sitemap
    assert again.errback is None
    assert again.meta == {
        "newscrawl_source": "sitemap",
        "allow_offsite": True,
        REQUEUED: True,
    }


def test_the_sweep_takes_what_never_settled_and_is_not_stored() -> None:
    spider = _Spider()
    article = request_spec(
        Request("https://a.example/1", callback=spider.parse_article,
                errback=spider.article_failed)
    )  # fmt: skip
    source = request_spec(Request("https://a.example/s", callback=spider.parse_sitemap))
    requested = {
        "https://a.example/1": article,  # stored
        "https://a.example/2": article,  # settled: not an article
        "https://a.example/3": article,  # taken by a dead worker
        "https://a.example/s": source,  # a source never read
    }
    stored = KnownArticles(urls=UrlHashes.of(["https://a.example/1"]))
    missing = unsettled(requested, {"https://a.example/2"}, stored)
    assert [url for url, _ in missing] == ["https://a.example/3", "https://a.example/s"]
