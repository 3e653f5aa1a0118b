"""A canonical URL that another page's article already has: a theme's mistake or a second address.

Some themes name the section page as every article's canonical; trusted, each article
after the first would be dropped as the same URL (or overwrite it, a run later). An
article whose canonical URL is already another page's, with a body unlike that one's,
is kept under its own address. A second address of one article (an AMP page, a print
view) has a nearly equal body and is still the same URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.test_neardup import Run, distinct_body

if TYPE_CHECKING:
    from pathlib import Path

SECTION = "https://harbour.example/news/"


def read_from(page: str, text: str, canonical: str = SECTION) -> dict[str, Any]:
    return {"url": page, "canonical_url": canonical, "headline": "H", "body": text}


def test_articles_that_name_their_section_as_canonical_are_each_kept(
    tmp_path: Path,
) -> None:
    run = Run(tmp_path / "a.sqlite")
    first, second, third = run(
        read_from("https://harbour.example/news/2025/pier-reopens", distinct_body(1)),
        read_from("https://harbour.example/news/2025/ferry-returns", distinct_body(2)),
        read_from("https://harbour.example/news/2025/market-moves", distinct_body(3)),
    )
    assert isinstance(first, dict)
    assert isinstance(second, dict)
    assert isinstance(third, dict)
    # The first has nothing to conflict with; the others keep their own address.
    assert [
        first["canonical_url"],
        second["canonical_url"],
        third["canonical_url"],
    ] == [
        SECTION,
        "https://harbour.example/news/2025/ferry-returns",
        "https://harbour.example/news/2025/market-moves",
    ]
    assert run.stat("newscrawl/dedup/canonical_conflict") == 2


def test_a_later_run_keeps_them_apart_too(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    Run(path)(
        read_from("https://harbour.example/news/2025/pier-reopens", distinct_body(1))
    )
    later = Run(path)
    [kept] = later(
        read_from("https://harbour.example/news/2025/ferry-returns", distinct_body(2))
    )
    assert isinstance(kept, dict)
    assert kept["canonical_url"] == "https://harbour.example/news/2025/ferry-returns"
    assert later.stat("newscrawl/dedup/canonical_conflict") == 1


def test_a_second_address_of_one_article_is_still_the_same_url(tmp_path: Path) -> None:
    canonical = "https://harbour.example/news/2025/pier-reopens"
    text = distinct_body(1)
    run = Run(tmp_path / "a.sqlite")
    results = run(
        read_from(canonical, text, canonical),
        # The AMP page: the same body, less a closing sentence.
        read_from(f"{canonical}/amp", text.rsplit(" ", 3)[0], canonical),
    )
    assert results[1] == "duplicate_url"
    assert run.stat("newscrawl/dedup/canonical_conflict") is None


def test_an_amp_teaser_of_a_paywalled_article_is_still_the_same_url(
    tmp_path: Path,
) -> None:
    canonical = "https://harbour.example/news/2025/pier-reopens"
    run = Run(tmp_path / "a.sqlite")
    results = run(
        read_from(canonical, distinct_body(1), canonical),
        # Its AMP page shows another text (a teaser), yet names the article.
        read_from(f"{canonical}/amp/", distinct_body(2), canonical),
    )
    assert results[1] == "duplicate_url"
    assert run.stat("newscrawl/dedup/canonical_conflict") is None


def test_the_same_page_with_a_new_body_is_an_update_not_a_conflict(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.sqlite"
    page = "https://harbour.example/news/2025/pier-reopens"
    Run(path)(read_from(page, distinct_body(1)))
    later = Run(path)
    [updated] = later(read_from(page, distinct_body(9)))
    assert isinstance(updated, dict)
    assert updated["canonical_url"] == SECTION
    assert later.stat("newscrawl/dedup/canonical_conflict") is None
