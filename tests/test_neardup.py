"""Near-duplicate bodies: MinHash signatures, the store's LSH index and the dedup pipeline."""

# Chinese text is written with fullwidth commas; they are what a case is about.
# ruff: noqa: RUF001

from __future__ import annotations

import random
import sqlite3
import string
import threading
import time
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl import neardup
from newscrawl.pipelines.dedup import DedupPipeline
from newscrawl.pipelines.store import StorePipeline
from newscrawl.store import bands as bands_module
from newscrawl.store.postgres import PostgresConnection
from newscrawl.store.sqlite import ArticleStore

if TYPE_CHECKING:
    from pathlib import Path

PARAGRAPHS = (
    (
        "The old iron bridge over the Lenne river in Hollbach will stay closed to cars until"
        " the end of the summer, the district office announced on Tuesday morning."
    ),
    (
        "Engineers found deep rust in two of the four main girders during a routine check"
        " in spring. A heavy lorry crossing the bridge could make the damage worse, they"
        " warned, so the barriers went up the same evening."
    ),
    (
        "Shop owners on the market square say their takings have fallen by almost a third"
        " since the closure. Many of their customers lived on the far bank and now face a"
        " detour of eleven kilometres through the forest road."
    ),
    (
        "The district council wants to repair the girders rather than build a new crossing."
        " A repair would cost about two million euros and take four months, while a new"
        " bridge would need a planning process of several years."
    ),
    (
        "Pedestrians and cyclists may still use a narrow lane on the eastern side. A ferry"
        " that stopped running in the nineteen sixties could return for the summer if"
        " volunteers from the rowing club agree to crew it."
    ),
)
# Same town, same bridge, same kind of story: a different article all the same.
UNRELATED = (
    (
        "Hollbach's iron bridge over the Lenne opened in eighteen ninety two and carried"
        " the first tram line of the valley for more than forty years."
    ),
    (
        "A local history group has collected old photographs of the crossing and will show"
        " them in the town hall next month. Among them is a picture of the flood of nineteen"
        " fifty six, when the water reached the deck."
    ),
    (
        "The group's chair hopes the exhibition reminds people how much the town owes to the"
        " bridge. She wants the district to add a plaque with the names of the builders,"
        " most of whom came from villages upstream."
    ),
    (
        "Entry to the exhibition is free, and school classes can book guided visits on"
        " weekday mornings through the library."
    ),
)
BOILERPLATE = (
    "Subscribe to the Valley Evening Post for all the local news.",
    "This report was supplied by a regional news agency.",
)
SITE_A = "https://valley-news.example/hollbach-bridge-closed"
SITE_B = "https://regional-daily.example/2026/bridge"


def body(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "\n\n".join(paragraphs)


def article(
    url: str, text: str, headline: str = "Hollbach bridge closed"
) -> dict[str, Any]:
    return {"url": url, "headline": headline, "body": text}


def boilerplate() -> str:
    return body([BOILERPLATE[0], *PARAGRAPHS, BOILERPLATE[1]])


def first_sentence_changed() -> str:
    lead = (
        "Drivers in Hollbach must keep finding another way across the Lenne for months,"
        " officials said on Tuesday."
    )
    return body([lead, *PARAGRAPHS[1:]])


def paragraph_dropped() -> str:
    return body([*PARAGRAPHS[:2], *PARAGRAPHS[3:]])


def reworded() -> str:
    text = body(PARAGRAPHS)
    for old, new in (
        ("announced", "said"),
        ("warned", "cautioned"),
        ("almost", "nearly"),
        ("wants to", "would prefer to"),
        ("volunteers", "members"),
    ):
        text = text.replace(old, new)
    return text


class PlainSpider(Spider):
    name = "neardup_test"


class Run:
    """The dedup and SQLite pipelines of one crawl over one store file."""

    def __init__(self, path: Path, **settings: Any) -> None:
        crawler = get_crawler(
            PlainSpider,
            settings_dict={"NEWSCRAWL_SQLITE_PATH": str(path), **settings},
        )
        crawler.spider = crawler._create_spider()
        self.crawler = crawler
        self.pipelines: list[DedupPipeline | StorePipeline] = [
            DedupPipeline.from_crawler(crawler),
            StorePipeline.from_crawler(crawler),
        ]

    def __call__(self, *items: dict[str, Any]) -> list[dict[str, Any] | str]:
        for pipeline in self.pipelines:
            pipeline.open_spider()
        out: list[dict[str, Any] | str] = []
        for original in items:
            item = original
            try:
                for pipeline in self.pipelines:
                    item = pipeline.process_item(item)
            except DropItem as exc:
                out.append(str(exc))
            else:
                out.append(item)
        for pipeline in reversed(self.pipelines):
            pipeline.close_spider()
        return out

    def stat(self, key: str) -> Any:
        assert self.crawler.stats is not None
        return self.crawler.stats.get_value(key)


def duplicate_of(result: dict[str, Any] | str) -> str | None:
    assert isinstance(result, dict), result
    return result.get("duplicate_of")


# --- neardup ---------------------------------------------------------------------------


def test_short_bodies_get_no_signature() -> None:
    short = " ".join(["word"] * (neardup.MIN_WORDS - 1))
    assert neardup.signature(short) is None
    assert neardup.signature(None) is None
    assert neardup.shingles(short) == set()
    assert neardup.signature(body(PARAGRAPHS)) is not None


# A brief in Chinese (the project's own sentences): too few punctuation-split "words"
# for word shingles, shingled by its characters.
_BRIEF_ZH = (
    "市议会周二批准了新的有轨电车线路，多数委员投了赞成票。市长表示工程将在明年春天开工，"
    "沿线商铺的补偿方案会在下个月公布。部分居民担心施工噪音，交通局答应夜间不施工。"
    "财政部门估计总费用约为十二亿元，其中三成来自省里的补贴。"
)


def test_a_brief_in_a_script_without_spaces_is_shingled_by_characters() -> None:
    original = neardup.signature(_BRIEF_ZH)
    assert original is not None
    copy = neardup.signature("据本地媒体报道，" + _BRIEF_ZH[2:])
    other = neardup.signature(
        "港口管理局周三公布了扩建计划，新码头将可停靠更大的货轮。环保组织要求重新评估"
        "对海湾鸟类的影响，管理局说报告已经在网上公开，市民可以在月底前提出意见。"
        "渔民协会则担心作业区域缩小，希望能与管理局再开一次座谈会，时间还没有确定。"
    )
    assert copy is not None
    assert other is not None
    assert neardup.similarity(original.values, copy.values) >= 0.7
    assert neardup.similarity(original.values, other.values) < 0.1
    # Too short for either kind of shingle: the exact fingerprint only.
    assert neardup.signature(_BRIEF_ZH[:60]) is None
    # A long Chinese body keeps its word shingles, as the stored signatures have them.
    long_body = "。".join([_BRIEF_ZH] * 8)
    assert all(b" " in gram for gram in neardup.shingles(long_body))


def test_signatures_are_deterministic_and_round_trip() -> None:
    sig = neardup.signature(body(PARAGRAPHS))
    assert sig is not None
    neardup.signature.cache_clear()
    again = neardup.signature(body(PARAGRAPHS))
    assert again is not None
    assert again is not sig
    assert (again.values == sig.values).all()
    assert len(sig.values) == neardup.NUM_PERM
    assert again.keys == sig.keys == neardup.band_keys(sig.values)
    assert len(set(sig.keys)) == len(neardup.BAND_RANGES)
    assert (neardup.from_blob(neardup.to_blob(sig.values)) == sig.values).all()


@pytest.mark.parametrize(
    ("edit", "low"),
    [
        (boilerplate, 0.7),
        (first_sentence_changed, 0.7),
        (paragraph_dropped, 0.6),
        (reworded, 0.5),
    ],
)
def test_edited_copies_are_similar_and_unrelated_article_is_not(
    edit: Any, low: float
) -> None:
    original = neardup.signature(body(PARAGRAPHS))
    copy = neardup.signature(edit())
    other = neardup.signature(body(UNRELATED))
    assert original is not None
    assert copy is not None
    assert other is not None
    assert neardup.similarity(original.values, copy.values) >= low
    assert neardup.similarity(original.values, other.values) < 0.1


def test_run_index_finds_the_earliest_near_body_but_not_itself() -> None:
    index = neardup.RunIndex()
    first = neardup.signature(body(PARAGRAPHS))
    second = neardup.signature(boilerplate())
    assert first is not None
    assert second is not None
    index.add("https://a.example/1", first)
    index.add("https://b.example/2", second)
    match = index.find(second, 0.5, other_than="https://b.example/2")
    assert match is not None
    assert match.canonical_url == "https://a.example/1"
    assert index.find(first, 0.5, other_than="https://a.example/1") is not None
    other = neardup.signature(body(UNRELATED))
    assert other is not None
    assert index.find(other, 0.5, other_than="x") is None


# --- store ------------------------------------------------------------------------------


def test_store_indexes_bands_and_replaces_them_when_the_body_changes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.sqlite"
    bands = len(neardup.BAND_RANGES)
    with ArticleStore(path) as store:
        store.upsert(
            {"canonical_url": SITE_A, "body": body(PARAGRAPHS), "fingerprint": "1"}
        )
        store.upsert(
            {
                "canonical_url": SITE_B,
                "body": "Too short to sketch.",
                "fingerprint": "2",
            }
        )
        store.commit()
        with sqlite3.connect(path) as connection:
            assert connection.execute(
                "SELECT COUNT(*) FROM neardup_signatures"
            ).fetchone() == (1,)
            assert band_rows(connection) == bands
        store.upsert(
            {"canonical_url": SITE_A, "body": body(UNRELATED), "fingerprint": "3"}
        )
        store.commit()
        copy = neardup.signature(boilerplate())
        assert copy is not None
        # The old body's bands are gone, so a copy of the old body no longer matches.
        assert store.near_duplicate_of(copy, 0.5, other_than="x") is None
        new = neardup.signature(body(UNRELATED))
        assert new is not None
        assert store.near_duplicate_of(new, 0.5, other_than="x") == SITE_A
        assert store.near_duplicate_of(new, 0.5, other_than=SITE_A) is None
    with sqlite3.connect(path) as connection:
        assert band_rows(connection) == bands


def level_rows(connection: sqlite3.Connection) -> list[int]:
    return [
        connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
        for table in bands_module.LEVEL_TABLES
    ]


def band_rows(connection: sqlite3.Connection) -> int:
    return sum(level_rows(connection))


def distinct_body(number: int) -> str:
    """Make up a body that shares no shingle with another number's body."""
    rng = random.Random(number)  # noqa: S311 - reproducible text, not a secret
    words = ["".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(80)]
    return " ".join(words)


@pytest.fixture
def one_article_level0(monkeypatch: pytest.MonkeyPatch) -> int:
    """Level 0 full with one article's rows, each level twice the one before."""
    bands = len(neardup.BAND_RANGES)
    monkeypatch.setattr(bands_module, "LEVEL0_ROWS", bands)
    monkeypatch.setattr(bands_module, "FANOUT", 2)
    return bands


def store_article(store: ArticleStore, number: int, text: str | None = None) -> None:
    store.upsert(
        {
            "canonical_url": f"https://a.example/{number}",
            "body": text or distinct_body(number),
            "fingerprint": f"{number}-{text is None}",
        }
    )
    store.commit()


def test_each_level_merges_when_full_and_every_row_stays_findable(
    tmp_path: Path, one_article_level0: int
) -> None:
    bands = one_article_level0
    path = tmp_path / "a.sqlite"
    seen = []
    # The dedup pipeline reads through a connection of its own, open all along.
    with ArticleStore(path) as reader, sqlite3.connect(path) as connection:
        for number in range(1, 17):
            # Reopened for every article: the level counts live in the store.
            with ArticleStore(path) as store:
                store_article(store, number)
                seen.append(level_rows(connection))
                for earlier in range(1, number + 1):
                    sketch = neardup.signature(distinct_body(earlier))
                    assert sketch is not None
                    url = f"https://a.example/{earlier}"
                    assert store.near_duplicate_of(sketch, 0.9, other_than="x") == url
                    assert reader.near_duplicate_of(sketch, 0.9, other_than="x") == url
            counted = dict(connection.execute("SELECT * FROM neardup_levels"))
            assert [counted.get(lv, 0) for lv in range(1, 5)] == seen[-1][1:]
    # Level i holds up to 2**i articles: a binary counter, carried at every commit;
    # the last level (4) takes whatever level 3 hands on.
    assert [[rows // bands for rows in levels] for levels in seen] == [
        [0, 1, 0, 0, 0],
        [0, 0, 2, 0, 0],
        [0, 1, 2, 0, 0],
        [0, 0, 0, 4, 0],
        [0, 1, 0, 4, 0],
        [0, 0, 2, 4, 0],
        [0, 1, 2, 4, 0],
        [0, 0, 0, 0, 8],
        [0, 1, 0, 0, 8],
        [0, 0, 2, 0, 8],
        [0, 1, 2, 0, 8],
        [0, 0, 0, 4, 8],
        [0, 1, 0, 4, 8],
        [0, 0, 2, 4, 8],
        [0, 1, 2, 4, 8],
        [0, 0, 0, 0, 16],
    ]


def test_merges_and_removals_run_on_postgresql_too(
    postgres_url: str, one_article_level0: int
) -> None:
    # Seven articles fill levels 1 to 3 (one, two and four articles) through cascades.
    with ArticleStore(postgres_url) as store:
        for number in range(1, 8):
            store_article(store, number)
        store_article(store, 2, distinct_body(102))
        for number in range(1, 8):
            old = neardup.signature(distinct_body(number))
            assert old is not None
            expected = None if number == 2 else f"https://a.example/{number}"
            assert store.near_duplicate_of(old, 0.9, other_than="x") == expected
        new = neardup.signature(distinct_body(102))
        assert new is not None
        assert (
            store.near_duplicate_of(new, 0.9, other_than="x") == "https://a.example/2"
        )
    # No row of the old body is left behind in any level.
    with psycopg.connect(postgres_url) as connection:
        counts = [
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608
            for table in bands_module.LEVEL_TABLES
        ]
    assert sum(row[0] for row in counts if row) == 7 * one_article_level0


def test_a_row_another_worker_commits_during_a_merge_is_kept_on_postgresql(
    postgres_url: str, one_article_level0: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another worker's batch lands in level 0 while this worker moves level 0 on: right
    # after the statement that copies the rows into level 1.
    late_key, late_id = 12345, 999
    landed = []
    real_execute = PostgresConnection.execute

    def execute(self: PostgresConnection, sql: str, params: Any = ()) -> Any:
        cursor = real_execute(self, sql, params)
        if "INSERT INTO neardup_bands_1" in sql and not landed:
            with psycopg.connect(postgres_url) as other:
                other.execute(
                    "INSERT INTO neardup_bands_0 (band_key, signature_id)"
                    " VALUES (%s, %s)",
                    (late_key, late_id),
                )
            landed.append(True)
        return cursor

    monkeypatch.setattr(PostgresConnection, "execute", execute)
    with ArticleStore(postgres_url) as store:
        store_article(store, 1)
    assert landed
    with psycopg.connect(postgres_url) as connection:
        where = [
            connection.execute(
                f"SELECT COUNT(*) FROM {table} WHERE band_key = %s",  # noqa: S608
                (late_key,),
            ).fetchone()
            for table in bands_module.LEVEL_TABLES
        ]
        moved = connection.execute("SELECT COUNT(*) FROM neardup_bands_1").fetchone()
    # Still waiting in level 0 for the next merge; article 1's rows all moved on.
    assert [row[0] if row else None for row in where] == [1, 0, 0, 0, 0]
    assert moved == (one_article_level0,)


def test_two_workers_merging_at_once_keep_the_level_counts_right_on_postgresql(
    postgres_url: str, one_article_level0: int
) -> None:
    first = PostgresConnection(postgres_url)
    second = PostgresConnection(postgres_url)
    try:
        index = bands_module.BandIndex(first)
        first.commit()
        other = bands_module.BandIndex(second)
        second.commit()
        sketch = neardup.signature(distinct_body(1))
        assert sketch is not None
        index.add("https://a.example/1", "o", "2026", sketch)
        first.commit()
        # Both see a full level 0; the second one's move waits for the first's rows.
        index.merge()
        waiting = threading.Thread(target=lambda: (other.merge(), second.commit()))
        waiting.start()
        with psycopg.connect(postgres_url, autocommit=True) as watcher:
            for _ in range(200):
                blocked = watcher.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                ).fetchone()
                if blocked and blocked[0]:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("the second merge never waited for the first")
        first.commit()
        waiting.join(timeout=30)
        assert not waiting.is_alive()
        counted = dict(first.execute("SELECT level, row_count FROM neardup_levels"))
        first.commit()
        assert counted.get(1) == one_article_level0
        assert index.level_rows() == [0, one_article_level0, 0, 0, 0]
    finally:
        first.close()
        second.close()


def test_rows_wait_in_level_zero_until_it_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bands = len(neardup.BAND_RANGES)
    monkeypatch.setattr(bands_module, "LEVEL0_ROWS", 3 * bands)
    path = tmp_path / "a.sqlite"
    seen = []
    with ArticleStore(path) as store, sqlite3.connect(path) as connection:
        for number in range(1, 5):
            store_article(store, number)
            seen.append(level_rows(connection)[:2])
    assert seen == [[bands, 0], [2 * bands, 0], [0, 3 * bands], [bands, 3 * bands]]


def test_a_changed_body_leaves_no_rows_in_any_level(
    tmp_path: Path, one_article_level0: int
) -> None:
    bands = one_article_level0
    path = tmp_path / "a.sqlite"
    with ArticleStore(path) as store, sqlite3.connect(path) as connection:
        for number in range(1, 8):
            store_article(store, number)
        # Articles 1-4 in level 3, 5-6 in level 2, 7 in level 1; 8 stays in level 0.
        store.upsert(
            {
                "canonical_url": "https://a.example/8",
                "body": distinct_body(8),
                "fingerprint": "8",
            }
        )
        assert level_rows(connection) == [0, bands, 2 * bands, 4 * bands, 0]
        for number in (1, 5, 7, 8):
            store_article(store, number, distinct_body(100 + number))
        assert band_rows(connection) == 8 * bands
        # The counts follow the rows a changed body took away, so a level is merged on
        # when it is full, not earlier.
        counted = dict(
            connection.execute("SELECT level, row_count FROM neardup_levels")
        )
        assert [counted.get(lv, 0) for lv in range(1, 5)] == level_rows(connection)[1:]
        old_ids = [
            row[0]
            for row in connection.execute(
                "SELECT signature_id FROM neardup_bands_1 UNION ALL"
                " SELECT signature_id FROM neardup_bands_3"
            )
        ]
        assert len(old_ids) == len(set(old_ids)) * bands
        for number in range(1, 9):
            old = neardup.signature(distinct_body(number))
            new = neardup.signature(distinct_body(100 + number))
            assert old is not None
            assert new is not None
            url = f"https://a.example/{number}"
            changed = number in {1, 5, 7, 8}
            got_old = store.near_duplicate_of(old, 0.9, other_than="x")
            got_new = store.near_duplicate_of(new, 0.9, other_than="x")
            assert (got_old, got_new) == ((None, url) if changed else (url, None))


def test_forced_merge_moves_levels_on_and_a_rollback_undoes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Level 0 never full by itself here: only the forced merges move rows.
    monkeypatch.setattr(bands_module, "LEVEL0_ROWS", 10**6)
    bands = len(neardup.BAND_RANGES)
    with sqlite3.connect(tmp_path / "a.sqlite") as connection:
        index = bands_module.BandIndex(connection)
        for number in range(3):
            sketch = neardup.signature(distinct_body(number))
            assert sketch is not None
            index.add(f"https://a.example/{number}", "o", "2026", sketch)
            index.merge(through=1 - number)
        connection.commit()
        assert level_rows(connection) == [bands, bands, bands, 0, 0]
        index.merge(through=2)
        assert level_rows(connection) == [0, 0, 0, 3 * bands, 0]
        assert index.level_rows() == [0, 0, 0, 3 * bands, 0]
        # Merges write no commit of their own: a crash before the store's commit
        # leaves every row where it was, once.
        connection.rollback()
        assert level_rows(connection) == [bands, bands, bands, 0, 0]
        assert index.level_rows() == [bands, bands, bands, 0, 0]


# --- pipeline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edit", [boilerplate, first_sentence_changed, paragraph_dropped, reworded]
)
def test_each_kind_of_edit_is_flagged_in_the_same_run(
    tmp_path: Path, edit: Any
) -> None:
    run = Run(tmp_path / "a.sqlite")
    original, copy = run(article(SITE_A, body(PARAGRAPHS)), article(SITE_B, edit()))
    assert duplicate_of(original) is None
    assert duplicate_of(copy) == SITE_A
    assert run.stat("newscrawl/duplicates/near") == 1
    assert run.stat("newscrawl/duplicates/content") == 1


def test_new_headline_same_body_is_an_exact_copy(tmp_path: Path) -> None:
    run = Run(tmp_path / "a.sqlite")
    _, copy = run(
        article(SITE_A, body(PARAGRAPHS)),
        article(SITE_B, body(PARAGRAPHS), headline="Months of detours for Hollbach"),
    )
    assert duplicate_of(copy) == SITE_A
    assert run.stat("newscrawl/duplicates/content") == 1
    assert run.stat("newscrawl/duplicates/near") is None


def test_unrelated_article_on_the_same_topic_is_not_flagged(tmp_path: Path) -> None:
    run = Run(tmp_path / "a.sqlite")
    _, other = run(article(SITE_A, body(PARAGRAPHS)), article(SITE_B, body(UNRELATED)))
    assert duplicate_of(other) is None
    assert run.stat("newscrawl/duplicates/content") is None


def test_near_copy_is_found_in_the_store_of_an_earlier_run(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    Run(path)(article(SITE_A, body(PARAGRAPHS)))
    second = Run(path)
    (copy,) = second(article(SITE_B, paragraph_dropped()))
    assert duplicate_of(copy) == SITE_A
    assert second.stat("newscrawl/duplicates/near") == 1
    with ArticleStore(path) as store:
        stored = store.get(SITE_B)
    assert stored is not None
    assert stored["duplicate_of"] == SITE_A


def test_copies_point_to_the_first_seen_article_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    third_site = "https://third.example/bridge"
    Run(path)(article(SITE_A, body(PARAGRAPHS)), article(SITE_B, boilerplate()))
    # A copy of the copy: closer to SITE_B's text, still pointing at SITE_A.
    copy_of_copy = boilerplate().replace("announced", "said")
    (copy,) = Run(path)(article(third_site, copy_of_copy))
    assert duplicate_of(copy) == SITE_A


def test_short_bodies_fall_back_to_the_exact_fingerprint(tmp_path: Path) -> None:
    short = "The bridge in Hollbach stays closed until the end of the summer."
    run = Run(tmp_path / "a.sqlite")
    _, exact, near = run(
        article(SITE_A, short),
        article(SITE_B, f"  {short.upper()}  "),
        article("https://third.example/b", short.replace("summer", "autumn")),
    )
    assert duplicate_of(exact) == SITE_A
    assert duplicate_of(near) is None
    assert run.stat("newscrawl/duplicates/near") is None


def test_switch_off_keeps_exact_copies_only(tmp_path: Path) -> None:
    run = Run(tmp_path / "a.sqlite", NEWSCRAWL_NEARDUP_ENABLED=False)
    _, near, exact = run(
        article(SITE_A, body(PARAGRAPHS)),
        article(SITE_B, boilerplate()),
        article("https://third.example/b", body(PARAGRAPHS)),
    )
    assert duplicate_of(near) is None
    assert duplicate_of(exact) == SITE_A


def test_threshold_setting_decides(tmp_path: Path) -> None:
    run = Run(tmp_path / "a.sqlite", NEWSCRAWL_NEARDUP_THRESHOLD=0.99)
    _, copy = run(article(SITE_A, body(PARAGRAPHS)), article(SITE_B, reworded()))
    assert duplicate_of(copy) is None


def test_each_body_is_sketched_once_however_large_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A batch larger than the sketch cache: the store used to sketch every body again.
    articles = 150
    cache_size = neardup.signature.cache_info().maxsize
    assert cache_size is not None
    assert articles > cache_size
    sketched: list[str] = []
    real_shingles = neardup.shingles

    def counting_shingles(text: str) -> set[bytes]:
        sketched.append(text)
        return real_shingles(text)

    monkeypatch.setattr(neardup, "shingles", counting_shingles)
    neardup.signature.cache_clear()
    path = tmp_path / "a.sqlite"
    Run(path, NEWSCRAWL_SQLITE_BATCH_SIZE=articles)(
        *(article(f"https://a.example/{n}", distinct_body(n)) for n in range(articles))
    )
    assert len(sketched) == articles
    # Each body's sketch went into the store's index all the same.
    with ArticleStore(path) as store:
        for n in (0, articles - 1):
            sketch = neardup.signature(distinct_body(n))
            assert sketch is not None
            found = store.near_duplicate_of(sketch, 0.9, other_than="")
            assert found == f"https://a.example/{n}"
