"""The SQLite store, alone and behind the dedup and storage pipelines, on real files."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from typing import TYPE_CHECKING, Any

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from newscrawl import neardup
from newscrawl.extensions.outcome import STORAGE_ERRORS
from newscrawl.fingerprint import content_fingerprint
from newscrawl.items import ARTICLE_FIELDS, Article
from newscrawl.pipelines.cleaning import CleanTextPipeline
from newscrawl.pipelines.dates import NormalizeDatesPipeline
from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.validation import RequiredFieldsPipeline
from newscrawl.store.postgres import LIVENESS_PARAMS, PostgresConnection
from newscrawl.store.sqlite import ArticleStore, UpsertResult
from tests.servers import PostgresServer

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler

PIPELINES = (
    CleanTextPipeline,
    NormalizeDatesPipeline,
    RequiredFieldsPipeline,
    DedupPipeline,
    StorePipeline,
)


class StoreSpider(Spider):
    name = "store_test"
    timezone = "Europe/Berlin"


def article(url: str, body: str = "A body of text.", **fields: Any) -> dict[str, Any]:
    return {
        "url": url,
        "canonical_url": url,
        "headline": "Headline",
        "body": body,
        **fields,
    }


def rows(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT canonical_url, body, duplicate_of, first_seen, last_updated FROM articles"
            " ORDER BY canonical_url"
        ).fetchall()


class Run:
    """One crawl's worth of pipelines over ``items``: the chain Scrapy would build."""

    def __init__(self, path: Path | str, **settings: Any) -> None:
        crawler = get_crawler(
            StoreSpider,
            settings_dict={"NEWSCRAWL_SQLITE_PATH": str(path), **settings},
        )
        crawler.spider = crawler._create_spider()
        self.crawler = crawler
        self.pipelines = [cls.from_crawler(crawler) for cls in PIPELINES]
        self.kept: list[Any] = []
        self.dropped: list[str] = []

    def __call__(self, items: list[dict[str, Any]]) -> Run:
        for pipeline in self.pipelines:
            if hasattr(pipeline, "open_spider"):
                pipeline.open_spider()
        for item in items:
            self.process(item)
        for pipeline in reversed(self.pipelines):
            if hasattr(pipeline, "close_spider"):
                pipeline.close_spider()
        return self

    def process(self, item: dict[str, Any]) -> None:
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem as exc:
            self.dropped.append(str(exc))
        else:
            self.kept.append(item)

    def stat(self, key: str) -> Any:
        assert self.crawler.stats is not None
        return self.crawler.stats.get_value(key)


# --- ArticleStore -----------------------------------------------------------------------


def test_store_creates_parent_folder_table_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "articles.sqlite"
    with ArticleStore(path) as store:
        assert store.count() == 0
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = [row[1] for row in connection.execute("PRAGMA table_info(articles)")]
        indexes = connection.execute("PRAGMA index_list(articles)").fetchall()
    assert columns == [*ARTICLE_FIELDS, "first_seen", "last_updated"]
    assert any(row[1] == "articles_fingerprint_idx" for row in indexes)
    # The UNIQUE canonical_url shows up as an automatic unique index.
    assert any(row[2] == 1 for row in indexes)


# SQLite 3.35-3.38 has no IS DISTINCT FROM and PostgreSQL no NULL-safe IS NOT: the
# version picks the spelling. An old SQLite cannot run here, so its version is faked.
@pytest.mark.parametrize("sqlite_version", [None, (3, 36, 0)])
def test_upsert_inserts_skips_unchanged_and_updates_keeping_first_seen(
    target: str,
    sqlite_version: tuple[int, int, int] | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if sqlite_version is not None:
        monkeypatch.setattr(sqlite3, "sqlite_version_info", sqlite_version)
    record = article("https://e.com/a", fingerprint="f1", modified=None)
    with ArticleStore(target) as store:
        assert (
            store.upsert(record, now="2024-01-01T00:00:00+00:00")
            is UpsertResult.INSERTED
        )
        assert (
            store.upsert(record, now="2024-01-02T00:00:00+00:00")
            is UpsertResult.UNCHANGED
        )
        changed = {**record, "body": "New body.", "fingerprint": "f2"}
        assert (
            store.upsert(changed, now="2024-01-03T00:00:00+00:00")
            is UpsertResult.UPDATED
        )
        modified = {**changed, "modified": "2024-01-04T08:00:00+00:00"}
        assert (
            store.upsert(modified, now="2024-01-04T09:00:00+00:00")
            is UpsertResult.UPDATED
        )
        stored = store.get("https://e.com/a")
    assert stored is not None
    assert stored["body"] == "New body."
    assert stored["modified"] == "2024-01-04T08:00:00+00:00"
    assert stored["first_seen"] == "2024-01-01T00:00:00+00:00"
    assert stored["last_updated"] == "2024-01-04T09:00:00+00:00"
    with ArticleStore(target) as store:
        assert store.count() == 1


def test_workers_opening_a_fresh_postgresql_store_at_once_all_open(
    postgres_url: str,
) -> None:
    # Distributed workers start together on an empty database: each creates the schema.
    workers = 6
    start = threading.Barrier(workers)
    errors: list[Exception] = []

    def open_store() -> None:
        start.wait()
        try:
            ArticleStore(postgres_url).close()
        except Exception as error:  # noqa: BLE001 - every failure is the finding
            errors.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with ArticleStore(postgres_url) as store:
        assert store.count() == 0


def test_sqlite_too_old_for_the_store_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(
        sqlite3.NotSupportedError, match=r"SQLite 3\.35 or newer.*3\.31\.1"
    ):
        ArticleStore(tmp_path / "a.sqlite")


def test_json_fields_round_trip(target: str) -> None:
    record = article(
        "https://e.com/j",
        authors=["Zoë Ünal", 'Sam "The Pen" O\'Neil'],
        tags=[],
        related_links=[{"url": "https://e.com/b", "text": "Über \u201cdas\u201d"}],
        paywalled=False,
    )
    with ArticleStore(target) as store:
        store.upsert(record)
        store.upsert(article("https://e.com/k", "Other text.", paywalled=True))
        stored = store.get("https://e.com/j")
        locked = store.get("https://e.com/k")
    assert stored is not None
    assert locked is not None
    assert stored["authors"] == record["authors"]
    assert stored["tags"] == []
    assert stored["related_links"] == record["related_links"]
    # Booleans come back as booleans, not as the text "0" or "false".
    assert (stored["paywalled"], locked["paywalled"]) == (False, True)


def _old_table_sql() -> str:
    """Return the SQL of the articles table before the paywalled field."""
    columns = [
        f"{name} TEXT NOT NULL UNIQUE" if name == "canonical_url" else f"{name} TEXT"
        for name in ARTICLE_FIELDS
        if name != "paywalled"
    ]
    columns += ["first_seen TEXT NOT NULL", "last_updated TEXT NOT NULL"]
    return f"CREATE TABLE articles ({', '.join(columns)})"


OLD_ROW_SQL = (
    "INSERT INTO articles (url, canonical_url, headline, body, first_seen,"
    " last_updated) VALUES ('https://e.com/old', 'https://e.com/old', 'Old',"
    " 'Old text.', '2024-01-01T00:00:00', '2024-01-01T00:00:00')"
)


def test_a_store_from_before_a_new_field_gets_its_column(target: str) -> None:
    if target.startswith("postgresql://"):
        import psycopg  # noqa: PLC0415 - only where PostgreSQL runs

        with psycopg.connect(target) as connection:
            connection.execute(_old_table_sql())
            connection.execute(OLD_ROW_SQL)
    else:
        with sqlite3.connect(target) as connection:
            connection.execute(_old_table_sql())
            connection.execute(OLD_ROW_SQL)
    with ArticleStore(target) as store:
        store.upsert(article("https://e.com/new", "New text.", paywalled=True))
    # Opened again: the column is there now, nothing to add.
    with ArticleStore(target) as store:
        old, new = store.get("https://e.com/old"), store.get("https://e.com/new")
        assert store.count() == 2
    assert old is not None
    assert new is not None
    assert (old["headline"], old["paywalled"], new["paywalled"]) == ("Old", None, True)


def test_hostile_text_reads_back_byte_for_byte(target: str) -> None:
    headline = 'Robert\'); DROP TABLE articles;-- "quoted" `tick` \\ back\x00slash'
    body = "Line 1 with NUL \x00 inside\n\n' OR '1'='1\n\n\u202eRTL \U0001f600 \ud7ff end\x00"
    if target.startswith("postgresql://"):
        # PostgreSQL text cannot hold NUL; the cleaning pipeline removes it before.
        headline, body = headline.replace("\x00", ""), body.replace("\x00", "")
    record = article(
        "https://e.com/'; DELETE FROM articles; --", body, headline=headline
    )
    with ArticleStore(target) as store:
        store.upsert(record)
    with ArticleStore(target) as store:
        stored = store.get(record["canonical_url"])
        assert store.count() == 1
    assert stored is not None
    assert stored["headline"].encode("utf-8") == headline.encode("utf-8")
    assert stored["body"].encode("utf-8") == body.encode("utf-8")


def test_upsert_needs_a_canonical_url() -> None:
    with (
        ArticleStore(":memory:") as store,
        pytest.raises(ValueError, match="canonical_url"),
    ):
        store.upsert({"url": "https://e.com/a"})


def test_first_with_fingerprint_follows_duplicate_of(target: str) -> None:
    with ArticleStore(target) as store:
        store.upsert(article("https://e.com/1", fingerprint="x"), now="2024-01-01")
        store.upsert(
            article("https://e.com/2", fingerprint="x", duplicate_of="https://e.com/1"),
            now="2024-01-02",
        )
        assert (
            store.first_with_fingerprint("x", other_than="https://e.com/3")
            == "https://e.com/1"
        )
        assert (
            store.first_with_fingerprint("x", other_than="https://e.com/1")
            == "https://e.com/1"
        )
        assert store.first_with_fingerprint("y", other_than="https://e.com/1") is None


# --- the pipelines together -------------------------------------------------------------

ITEMS = [
    article(
        "https://news.example.com/a",
        "First story.\n\nIt has two paragraphs.",
        site="ex",
    ),
    article("https://news.example.com/b", "Second story, different words.", site="ex"),
    article("https://news.example.com/c", "Third story.", site="ex"),
]


def test_pipelines_store_articles_with_stats(tmp_path: Path) -> None:
    path = tmp_path / "out" / "articles.sqlite"
    run = Run(path, NEWSCRAWL_SQLITE_BATCH_SIZE=2)([dict(i) for i in ITEMS])
    assert len(run.kept) == 3
    assert run.stat("newscrawl/stored/ex") == 3
    # The last, partial batch is committed on close.
    assert [row[0] for row in rows(path)] == [i["url"] for i in ITEMS]
    stored = ArticleStore(path).get("https://news.example.com/a")
    assert stored is not None
    assert stored["fingerprint"] == content_fingerprint(ITEMS[0]["body"])


def test_second_run_stores_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    Run(path)([dict(i) for i in ITEMS])
    before = rows(path)
    second = Run(path)([dict(i) for i in ITEMS])
    assert second.kept == []
    assert second.dropped == ["duplicate_url"] * 3
    assert second.stat("newscrawl/dropped/duplicate_url") == 3
    assert second.stat("newscrawl/stored/ex") is None
    assert second.stat("newscrawl/updated/ex") is None
    assert rows(path) == before


def test_changed_body_updates_the_row_keeping_first_seen(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    Run(path)([dict(i) for i in ITEMS])
    (url, _, _, first_seen, last_updated) = rows(path)[0]
    changed = article(
        url, "First story, corrected.\n\nIt has two paragraphs.", site="ex"
    )
    second = Run(path)([changed])
    assert second.stat("newscrawl/updated/ex") == 1
    assert second.stat("newscrawl/stored/ex") is None
    row = rows(path)[0]
    assert row[1] == changed["body"]
    assert row[3] == first_seen
    assert row[4] > last_updated
    assert len(rows(path)) == 3


def test_changed_modified_date_updates_the_row(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    Run(path)([article("https://e.com/m", modified="2024-01-01T10:00:00", site="ex")])
    second = Run(path)(
        [article("https://e.com/m", modified="2024-01-02T10:00:00", site="ex")]
    )
    assert second.stat("newscrawl/updated/ex") == 1
    stored = ArticleStore(path).get("https://e.com/m")
    assert stored is not None
    # The spider's Europe/Berlin zone was applied to the naive date before storing.
    assert stored["modified"] == "2024-01-02T09:00:00+00:00"


def test_url_variants_collapse_to_one_article(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    variants = [
        {
            "url": "https://news.example.com/a?utm_source=rss&utm_medium=feed",
            "headline": "H",
        },
        {"url": "https://NEWS.example.com:443/a#comments", "headline": "H"},
        {"url": "https://news.example.com/a?fbclid=abc", "headline": "H"},
    ]
    run = Run(path)([{**v, "body": "Same body."} for v in variants])
    assert len(run.kept) == 1
    assert run.kept[0]["canonical_url"] == "https://news.example.com/a"
    assert run.dropped == ["duplicate_url", "duplicate_url"]
    assert [row[0] for row in rows(path)] == ["https://news.example.com/a"]
    assert run.stat("newscrawl/stored/unknown") == 1


def test_copy_under_another_url_gets_duplicate_of(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    Run(path)([dict(ITEMS[0])])
    copy = article(
        "https://mirror.example.org/story",
        "FIRST story!\n\nAdvertisement\n\nIt has   two paragraphs",
        site="mirror",
    )
    second = Run(path)([copy])
    assert second.stat("newscrawl/duplicates/content") == 1
    assert second.stat("newscrawl/stored/mirror") == 1
    stored = ArticleStore(path).get("https://mirror.example.org/story")
    assert stored is not None
    assert stored["duplicate_of"] == "https://news.example.com/a"
    # A later copy still points at the first article, not at the first copy.
    third = Run(path)([article("https://third.example.net/x", ITEMS[0]["body"])])
    assert third.kept[0]["duplicate_of"] == "https://news.example.com/a"


def test_dedup_sees_uncommitted_items_of_its_own_run(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    run = Run(path, NEWSCRAWL_SQLITE_BATCH_SIZE=1000)
    items = [
        *(dict(i) for i in ITEMS),
        article("https://news.example.com/a?utm_campaign=z"),
    ]
    run(items)
    assert run.dropped == ["duplicate_url"]
    assert len(rows(path)) == 3


def test_memory_database_works_for_a_run() -> None:
    run = Run(":memory:")([dict(i) for i in ITEMS] + [dict(ITEMS[0])])
    assert len(run.kept) == 3
    assert run.dropped == ["duplicate_url"]
    assert run.stat("newscrawl/stored/ex") == 3


def test_storage_without_dedup_still_fills_key_and_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "articles.sqlite"
    crawler = get_crawler(
        StoreSpider, settings_dict={"NEWSCRAWL_SQLITE_PATH": str(path)}
    )
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(Article(url="https://e.com/p?utm_source=x", body="Body."))
    pipeline.process_item(Article(url="https://e.com/p", body="Body."))
    pipeline.close_spider()
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/stored/unknown") == 1
    stored = ArticleStore(path).get("https://e.com/p")
    assert stored is not None
    assert stored["fingerprint"] == content_fingerprint("Body.")


def test_near_duplicates_are_found_in_either_database(target: str) -> None:
    words = [f"word{n}" for n in range(300)]
    original = " ".join(words)
    copy = " ".join(["A new first sentence.", *words[:250]])
    with ArticleStore(target) as store:
        store.upsert(article("https://a.example/1", original, fingerprint="1"))
        store.upsert(article("https://b.example/9", "Unrelated " * 80, fingerprint="2"))
        store.commit()
        sketch = neardup.signature(copy)
        assert sketch is not None
        assert store.near_duplicate_of(sketch, 0.5, other_than="x") == (
            "https://a.example/1"
        )
        assert (
            store.near_duplicate_of(sketch, 0.5, other_than="https://a.example/1")
            is None
        )


def restart_proof_crawler(database_url: str) -> Crawler:
    """Return a crawler on PostgreSQL that writes each article at once, retrying 60 s."""
    crawler = get_crawler(
        settings_dict={
            "NEWSCRAWL_DATABASE_URL": database_url,
            "NEWSCRAWL_SQLITE_BATCH_SIZE": 1,
            "NEWSCRAWL_STORE_RETRY_SECONDS": 60,
        }
    )
    crawler.stats = StatsCollector(crawler)
    return crawler


def test_a_database_restart_loses_no_batch(tmp_path: Path) -> None:
    server = PostgresServer()
    server.start()
    try:
        url = server.create_database()
        crawler = restart_proof_crawler(url)
        pipeline = StorePipeline.from_crawler(crawler)
        pipeline.open_spider()
        pipeline.process_item(article("https://e.com/before", site="e"))
        pipeline.flush()
        server.stop()
        # Written by the store's thread while the database is down, retried until
        # it is back.
        pipeline.process_item(article("https://e.com/during", site="e"))
        time.sleep(1.5)
        server.start()
        pipeline.close_spider()
        assert crawler.stats.get_value("newscrawl/stored/e") == 2
        assert crawler.stats.get_value(STORAGE_ERRORS) is None
        with ArticleStore(url) as store:
            assert store.count() == 2
    finally:
        server.remove()


def test_a_postgresql_store_notices_a_server_gone_silent(postgres_url: str) -> None:
    # Keepalives and tcp_user_timeout: a partition fails the connection within about
    # a minute instead of holding a query until the kernel gives up on it.
    given = _parameters(postgres_url)
    assert {name: given.get(name) for name in LIVENESS_PARAMS} == LIVENESS_PARAMS
    # The URL's own choice wins.
    assert _parameters(f"{postgres_url}?keepalives_idle=5")["keepalives_idle"] == "5"


def _parameters(url: str) -> dict[str, str]:
    """Return the libpq parameters a store connection to ``url`` is opened with."""
    # Like sqlite3's, the connection's context manager ends a transaction only.
    with closing(PostgresConnection(url)) as connection:
        return connection._connection.info.get_parameters()
