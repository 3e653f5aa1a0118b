"""URL sets held as 64-bit hashes: what they hold, as they grow past their buffer."""

from __future__ import annotations

from newscrawl.urlhashes import UrlHashes

URLS = [f"https://site.example/news/{i}" for i in range(1000)]


def test_a_built_set_holds_each_url_once():
    held = UrlHashes.of([*URLS, *URLS[:10]])

    assert len(held) == len(URLS)
    assert all(url in held for url in URLS)
    assert not any(f"{url}/" in held or url.upper() in held for url in URLS)
    assert "https://site.example/" not in UrlHashes()


def test_urls_added_past_the_buffer_are_all_held_once():
    held = UrlHashes.of(URLS[:100], buffer=16)

    for url in URLS:  # the first hundred again, then new ones, folded every sixteen
        held.add(url)
        held.add(url)

    assert len(held) == len(URLS)
    assert all(url in held for url in URLS)
    assert not any(f"{url}/" in held for url in URLS)
    assert held.nbytes >= 8 * len(URLS)
