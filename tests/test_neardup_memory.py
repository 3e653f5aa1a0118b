"""The near-duplicate index kept in memory (NEWSCRAWL_NEARDUP_INDEX = "memory")."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import TYPE_CHECKING

import pytest
import pytest_twisted

from newscrawl import neardup
from newscrawl.store import bands as bands_module
from newscrawl.store.sqlite import ArticleStore
from tests.servers import PageHandler, serving
from tests.test_crawl import crawl_settings, run_crawl
from tests.test_neardup import (
    PARAGRAPHS,
    SITE_A,
    SITE_B,
    UNRELATED,
    Run,
    article,
    band_rows,
    body,
    distinct_body,
    duplicate_of,
    first_sentence_changed,
    paragraph_dropped,
    reworded,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

MEMORY = {"NEWSCRAWL_NEARDUP_INDEX": "memory"}
BANDS = len(neardup.BAND_RANGES)


def stored(store: ArticleStore, url: str, text: str) -> None:
    store.upsert({"canonical_url": url, "body": text, "fingerprint": hash(text)})
    store.commit()


def near(
    store: ArticleStore, text: str, url: str = "https://copy.example/"
) -> str | None:
    sketch = neardup.signature(text)
    assert sketch is not None
    return store.near_duplicate_of(sketch, 0.5, other_than=url)


def unbanded_mark(path: Path) -> int | None:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(bands_module.SELECT_UNBANDED_SQL).fetchone()[0]


def test_a_near_copy_from_an_earlier_run_is_found_without_band_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.sqlite"
    Run(path, **MEMORY)(article(SITE_A, body(PARAGRAPHS)))
    second = Run(path, **MEMORY)
    copy, other = second(
        article(SITE_B, paragraph_dropped()),
        article("https://third.example/history", body(UNRELATED)),
    )
    assert duplicate_of(copy) == SITE_A
    assert duplicate_of(other) is None
    assert second.stat("newscrawl/duplicates/near") == 1
    with closing(sqlite3.connect(path)) as connection:
        assert band_rows(connection) == 0
    assert unbanded_mark(path) == 1


def test_what_another_connection_commits_is_found_at_the_next_lookup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.sqlite"
    with (
        ArticleStore(path, near_index="memory") as writer,
        ArticleStore(path, near_index="memory") as reader,
    ):
        reader.prepare_lookups()
        stored(writer, SITE_A, body(PARAGRAPHS))
        assert near(reader, reworded()) == SITE_A
        stored(writer, SITE_B, body(UNRELATED))
        assert near(reader, body(UNRELATED[1:])) == SITE_B


def test_a_body_replaced_under_the_highest_id_is_read_again(tmp_path: Path) -> None:
    """SQLite hands the highest id out again once its row is gone: here to the new body."""
    path = tmp_path / "a.sqlite"
    with (
        ArticleStore(path, near_index="memory") as writer,
        ArticleStore(path, near_index="memory") as reader,
    ):
        stored(writer, SITE_A, body(PARAGRAPHS))
        assert near(reader, first_sentence_changed()) == SITE_A
        stored(writer, SITE_A, body(UNRELATED))
        assert near(reader, body(UNRELATED[1:])) == SITE_A
        # The old body's keys stay behind, but the row they lead to no longer matches.
        assert near(reader, first_sentence_changed()) is None


def test_the_tables_get_the_band_rows_a_memory_run_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bands_module, "_BAND_BATCH", 2)
    path = tmp_path / "a.sqlite"
    with ArticleStore(path) as store:
        stored(store, "https://a.example/0", distinct_body(0))
    with ArticleStore(path, near_index="memory") as store:
        for number in range(1, 6):
            stored(store, f"https://a.example/{number}", distinct_body(number))
        # A body changed in memory: its old rows go, its new ones wait for the tables.
        stored(store, "https://a.example/0", distinct_body(10))
    assert unbanded_mark(path) == 2
    with ArticleStore(path) as store:
        for number in (10, *range(1, 6)):
            assert near(store, distinct_body(number)) is not None, number
        assert near(store, distinct_body(0)) is None
    with closing(sqlite3.connect(path)) as connection:
        assert band_rows(connection) == 6 * BANDS
    assert unbanded_mark(path) is None


def test_articles_indexed_in_the_tables_are_found_from_memory(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    Run(path)(article(SITE_A, body(PARAGRAPHS)))
    (copy,) = Run(path, **MEMORY)(article(SITE_B, reworded()))
    assert duplicate_of(copy) == SITE_A


def test_postgresql_and_unknown_names_are_refused_with_the_setting_named(
    tmp_path: Path,
) -> None:
    with pytest.raises(ValueError, match="NEWSCRAWL_NEARDUP_INDEX = 'memory'"):
        ArticleStore("postgresql://localhost/news", near_index="memory")
    with pytest.raises(ValueError, match="NEWSCRAWL_NEARDUP_INDEX = 'redis'"):
        ArticleStore(tmp_path / "a.sqlite", near_index="redis")
    run = Run(tmp_path / "b.sqlite", NEWSCRAWL_NEARDUP_INDEX="disk")
    with pytest.raises(ValueError, match="use one of 'store', 'memory'"):
        run(article(SITE_A, body(PARAGRAPHS)))


def news_page(headline: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f'<html lang="en"><head><title>{headline}</title></head><body><article>'
        f"<h1>{headline}</h1><time datetime='2026-06-03T08:00:00Z'>3 June</time>"
        f"{paragraphs}</article></body></html>"
    )


class _OneStorySite(PageHandler):
    """A home page linking to one story; subclasses say which."""

    story = ""

    def do_GET(self) -> None:
        path = "/2026/06/03/hollbach-bridge-closed-for-the-summer"
        if self.path == "/":
            self.send_page(
                f'<html lang="en"><body><a href="{path}">Bridge</a></body></html>'
            )
        elif self.path == path:
            self.send_page(news_page("Hollbach bridge closed", self.story))
        else:
            self.send_error(404)


class _Original(_OneStorySite):
    story = body(PARAGRAPHS)


class _NearCopy(_OneStorySite):
    story = paragraph_dropped()


@pytest.fixture
def two_sites() -> Iterator[tuple[str, str]]:
    with serving(_Original) as original, serving(_NearCopy) as copy:
        yield original, copy


@pytest_twisted.ensureDeferred
async def test_a_crawl_flags_a_near_copy_of_an_earlier_crawls_article(
    two_sites: tuple[str, str], tmp_path: Path
) -> None:
    original, copy = two_sites
    await run_crawl(crawl_settings(tmp_path, "first", **MEMORY), url=f"{original}/")
    crawler, items = await run_crawl(
        crawl_settings(tmp_path, "second", **MEMORY), url=f"{copy}/"
    )
    assert [item.duplicate_of for item in items] == [
        f"{original}/2026/06/03/hollbach-bridge-closed-for-the-summer"
    ]
    assert crawler.stats.get_value("newscrawl/duplicates/near") == 1
    with closing(sqlite3.connect(tmp_path / "articles.sqlite")) as connection:
        assert band_rows(connection) == 0
