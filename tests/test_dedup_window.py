"""The dedup pipeline's in-run near-duplicate index stays bounded when a store holds the rest."""

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
    in_memory = sum(len(index) for index in seen._near)
    assert in_memory <= 2 * 2
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
    assert sum(len(index) for index in seen._near) == 6
    verdict = check_duplicate(seen, "https://b.example/0", "x", None, _copy(0))
    assert verdict.duplicate_of == "https://a.example/0"


def test_copy_within_the_window_is_found_before_commit(tmp_path: Path) -> None:
    seen = SeenArticles(ArticleStore(tmp_path / "a.sqlite"), 0.5, window=1000)
    check_duplicate(seen, "https://a.example/1", "1", None, _body(1))
    verdict = check_duplicate(seen, "https://b.example/1", "2", None, _copy(1))
    assert verdict.duplicate_of == "https://a.example/1"
    assert neardup.signature(_copy(1)) is not None
