"""The compact signatures that screen LSH candidates before their full rows are read."""

from __future__ import annotations

import random
import sqlite3
import string
from contextlib import closing
from typing import TYPE_CHECKING

import numpy as np
import psycopg
import pytest

from newscrawl import neardup
from newscrawl.store.bands import BandIndex
from newscrawl.store.sqlite import ArticleStore
from newscrawl.store.target import is_postgres_url

if TYPE_CHECKING:
    from pathlib import Path

    from numpy.typing import NDArray

BAND = neardup.BAND_RANGES[0]
THRESHOLD = 0.5


def random_values(seed: int) -> NDArray[np.uint32]:
    return np.random.default_rng(seed).integers(0, 2**32, neardup.NUM_PERM, np.uint32)


def near(
    values: NDArray[np.uint32], equal: int, *, flip: int = 1
) -> NDArray[np.uint32]:
    """Keep the first ``equal`` values (band 0 among them), change the rest by ``flip``.

    Flipping bit 0 changes a value's low bits too; flipping a high bit leaves them
    equal, so the compact copies of the two match everywhere.
    """
    other = values.copy()
    other[equal:] ^= np.uint32(flip)
    return other


def sketch(values: NDArray[np.uint32]) -> neardup.Sketch:
    return neardup.Sketch(values, neardup.band_keys(values))


def test_the_screen_never_turns_down_a_signature_that_reaches_the_threshold() -> None:
    rng = np.random.default_rng(3)
    for trial in range(2000):
        mine = random_values(trial)
        # Random values and random positions, low bits often equal by chance.
        other = mine.copy()
        changed = rng.choice(neardup.NUM_PERM, rng.integers(0, 100), replace=False)
        other[changed] = rng.integers(0, 2**32, len(changed), np.uint32)
        score = neardup.similarity(mine, other)
        for threshold in (0.3, THRESHOLD, score, 0.8):
            (passed,) = neardup.could_be_similar(
                mine, [neardup.check_bits(other)], threshold
            )
            assert passed or score < threshold, (trial, score, threshold)


def test_the_screen_turns_down_a_body_that_shares_one_band_only() -> None:
    mine = random_values(1)
    other = random_values(2)
    other[BAND[0] : BAND[1]] = mine[BAND[0] : BAND[1]]
    assert neardup.could_be_similar(
        mine, [neardup.check_bits(other), None], THRESHOLD
    ) == [False, True]
    assert len(neardup.check_bits(mine)) == neardup.NUM_PERM // 2


def traced_index() -> tuple[BandIndex, list[str]]:
    connection = sqlite3.connect(":memory:")
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    return BandIndex(connection), statements


def full_reads(statements: list[str]) -> int:
    return sum("FROM neardup_signatures WHERE id =" in s for s in statements)


def test_a_copy_exactly_at_the_threshold_passes_the_screen_and_is_found() -> None:
    index, statements = traced_index()
    stored = random_values(5)
    index.add(
        "https://a.example/1", "https://a.example/0", "2026-01-01", sketch(stored)
    )
    at = sketch(near(stored, neardup.NUM_PERM // 2))
    assert neardup.similarity(stored, at.values) == THRESHOLD
    assert index.first_similar(at, THRESHOLD, other_than="x") == "https://a.example/0"
    above = THRESHOLD + 1 / neardup.NUM_PERM
    assert index.first_similar(at, above, other_than="x") is None
    # Equal low bits everywhere: the screen lets it through, the full signature decides.
    statements.clear()
    high = sketch(near(stored, neardup.NUM_PERM // 2 - 1, flip=1 << 31))
    assert index.first_similar(high, THRESHOLD, other_than="x") is None
    assert full_reads(statements) == 1
    assert index.first_similar(high, 0.49, other_than="x") == "https://a.example/0"


def test_a_chance_candidate_is_turned_down_without_reading_its_row() -> None:
    index, statements = traced_index()
    stored = random_values(6)
    index.add("https://a.example/1", "https://a.example/1", "2026", sketch(stored))
    chance = random_values(7)
    chance[BAND[0] : BAND[1]] = stored[BAND[0] : BAND[1]]
    statements.clear()
    assert index.first_similar(sketch(chance), THRESHOLD, other_than="x") is None
    assert any("neardup_checks" in s for s in statements)
    assert full_reads(statements) == 0


def test_the_earliest_first_seen_wins_whatever_the_order_of_the_rows() -> None:
    index, _ = traced_index()
    stored = random_values(8)
    later = near(stored, 120)
    index.add("https://b.example/", "https://b.example/", "2026-02-01", sketch(later))
    index.add("https://a.example/", "https://a.example/", "2026-01-01", sketch(stored))
    query = sketch(near(stored, 110, flip=2))
    assert index.first_similar(query, THRESHOLD, other_than="x") == "https://a.example/"
    assert (
        index.first_similar(query, THRESHOLD, other_than="https://a.example/")
        == "https://b.example/"
    )


def distinct_body(number: int) -> str:
    rng = random.Random(number)  # noqa: S311 - reproducible text, not a secret
    return " ".join(
        "".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(80)
    )


def fill(store: ArticleStore, count: int) -> None:
    for number in range(count):
        store.upsert(
            {
                "canonical_url": f"https://a.example/{number}",
                "body": distinct_body(number),
                "fingerprint": str(number),
            }
        )
    store.commit()


def assert_all_found(store: ArticleStore, count: int) -> None:
    for number in range(count):
        found = neardup.signature(distinct_body(number))
        assert found is not None
        got = store.near_duplicate_of(found, 0.9, other_than="x")
        assert got == f"https://a.example/{number}"


def execute(target: str, statement: str) -> list[tuple[object, ...]]:
    """Run one statement on its own connection to ``target``, as an older version would."""
    connect = psycopg.connect if is_postgres_url(target) else sqlite3.connect
    with closing(connect(target)) as connection:
        cursor = connection.execute(statement)
        rows = cursor.fetchall() if cursor.description else []
        connection.commit()
    return rows


def test_a_store_from_before_the_screen_gets_its_compact_signatures(
    target: str,
) -> None:
    with ArticleStore(target) as store:
        fill(store, 5)
    execute(target, "DROP TABLE neardup_checks")
    with ArticleStore(target) as store:
        assert_all_found(store, 5)
    ids = execute(target, "SELECT id FROM neardup_signatures ORDER BY id")
    assert execute(target, "SELECT id FROM neardup_checks ORDER BY id") == ids
    # A row an older version writes later has no compact copy: read in full.
    execute(target, f"DELETE FROM neardup_checks WHERE id = {ids[1][0]}")  # noqa: S608
    with ArticleStore(target) as store:
        assert_all_found(store, 5)
        store.upsert(
            {"canonical_url": "https://a.example/2", "body": distinct_body(99)}
        )
        store.commit()
        gone = neardup.signature(distinct_body(2))
        assert gone is not None
        assert store.near_duplicate_of(gone, 0.9, other_than="x") is None


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.9])
def test_store_answers_are_those_of_full_comparisons(
    tmp_path: Path, threshold: float
) -> None:
    # Signatures at many distances from one query: the screened lookup returns what a
    # comparison with every stored signature would.
    index = BandIndex(sqlite3.connect(tmp_path / "a.sqlite"))
    query = random_values(11)
    rng = np.random.default_rng(12)
    expected = None
    for number in range(60):
        equal = int(rng.integers(4, neardup.NUM_PERM + 1))
        values = near(query, equal, flip=int(rng.choice([1, 2, 1 << 20])))
        stamp = f"2026-01-{60 - number:02d}"
        url = f"https://a.example/{number}"
        index.add(url, url, stamp, sketch(values))
        if neardup.similarity(query, values) >= threshold:
            expected = url  # later numbers have earlier first_seen
    got = index.first_similar(sketch(query), threshold, other_than="x")
    assert got == expected


def test_a_reused_id_gets_the_compact_copy_of_its_new_signature() -> None:
    connection = sqlite3.connect(":memory:")
    index = BandIndex(connection)
    old, new = random_values(21), random_values(22)
    index.add("https://a.example/old", "https://a.example/old", "2026", sketch(old))
    # What an older version's removal leaves: the signature and bands gone, the copy not.
    connection.execute("DELETE FROM neardup_signatures")
    connection.execute("DELETE FROM neardup_bands_0")
    index.add("https://a.example/new", "https://a.example/new", "2026", sketch(new))
    (reused,) = connection.execute("SELECT id FROM neardup_signatures").fetchall()
    assert connection.execute("SELECT id FROM neardup_checks").fetchall() == [reused]
    query = sketch(near(new, 100))
    assert index.first_similar(query, THRESHOLD, other_than="x") == (
        "https://a.example/new"
    )
