"""The dedup pipeline's in-run memory stays bounded when a store holds the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl import neardup
from newscrawl.pipelines.dedup import SeenArticles, check_duplicate
from newscrawl.store.sqlite import ArticleStore

if TYPE_CHECKING:
    from pathlib import Path


def _body(topic: int) -> str:
    return " ".join(f"topic{topic} word{n} sentence{n % 7}" for n in range(120))


def _copy(topic: int) -> str:
    return "A new opening line. " + _body(topic)[40:]


def test_old_bodies_leave_memory_and_are_found_in_the_store(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path / "a.sqlite")
    seen = SeenArticles(store, 0.5, window=2)
    for topic in range(6):
        url = f"https://a.example/{topic}"
        check_duplicate(seen, url, str(topic), None, _body(topic))
        # What the storage pipeline does with every article that passes.
        store.upsert(
            {"canonical_url": url, "body": _body(topic), "fingerprint": str(topic)}
        )
    store.commit()
    assert sum(len(part.near) for part in seen._parts) <= 2 * 2
    # The first body left the window long ago; the store still knows it.
    verdict = check_duplicate(seen, "https://b.example/0", "x", None, _copy(0))
    assert verdict.duplicate_of == "https://a.example/0"
    assert verdict.near


def test_without_a_store_the_run_keeps_every_body() -> None:
    seen = SeenArticles(None, 0.5, window=2)
    for topic in range(6):
        check_duplicate(
            seen, f"https://a.example/{topic}", str(topic), None, _body(topic)
        )
    assert sum(len(part.near) for part in seen._parts) == 6
    assert sum(len(part.urls) for part in seen._parts) == 6
    assert seen.seen_in_run("https://a.example/0")
    verdict = check_duplicate(seen, "https://b.example/0", "x", None, _copy(0))
    assert verdict.duplicate_of == "https://a.example/0"


def test_copy_within_the_window_is_found_before_commit(tmp_path: Path) -> None:
    seen = SeenArticles(ArticleStore(tmp_path / "a.sqlite"), 0.5, window=1000)
    check_duplicate(seen, "https://a.example/1", "1", None, _body(1))
    verdict = check_duplicate(seen, "https://b.example/1", "2", None, _copy(1))
    assert verdict.duplicate_of == "https://a.example/1"
    assert neardup.signature(_copy(1)) is not None


def _stored_run(tmp_path: Path) -> tuple[ArticleStore, SeenArticles]:
    """Six articles let through and committed, with a window of two."""
    store = ArticleStore(tmp_path / "a.sqlite")
    seen = SeenArticles(store, None, window=2)
    for topic in range(6):
        url = f"https://a.example/{topic}"
        check_duplicate(seen, url, f"fp{topic}", None)
        store.upsert(
            {"canonical_url": url, "body": _body(topic), "fingerprint": f"fp{topic}"}
        )
    store.commit()
    return store, seen


def test_old_urls_and_fingerprints_leave_memory(tmp_path: Path) -> None:
    _, seen = _stored_run(tmp_path)
    assert sum(len(part.urls) for part in seen._parts) <= 2 * 2
    assert sum(len(part.first_by_fingerprint) for part in seen._parts) <= 2 * 2
    assert not seen.seen_in_run("https://a.example/0")
    assert seen.seen_in_run("https://a.example/5")


def test_the_store_answers_for_urls_and_bodies_that_left_memory(tmp_path: Path) -> None:
    _, seen = _stored_run(tmp_path)
    # The same URL with the same body again: a duplicate, as the store says so.
    assert check_duplicate(seen, "https://a.example/0", "fp0", None).is_duplicate_url
    # The same URL with another body: an update to write, not a drop.
    changed = check_duplicate(seen, "https://a.example/1", "fp1-edited", None)
    assert not changed.is_duplicate_url
    # Another URL with the first article's body: an exact copy of it.
    copy = check_duplicate(seen, "https://c.example/0", "fp0", None)
    assert copy.duplicate_of == "https://a.example/0"
    assert not copy.near


def test_first_article_with_a_body_wins_across_generations(tmp_path: Path) -> None:
    seen = SeenArticles(ArticleStore(tmp_path / "a.sqlite"), None, window=2)
    check_duplicate(seen, "https://a.example/1", "same", None)
    check_duplicate(seen, "https://a.example/2", "other", None)
    # A new generation starts here; the body's first article is in the older one.
    later = check_duplicate(seen, "https://b.example/1", "same", None)
    assert later.duplicate_of == "https://a.example/1"
    assert check_duplicate(seen, "https://c.example/1", "same", None).duplicate_of == (
        "https://a.example/1"
    )
