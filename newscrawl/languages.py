"""Which language a page is in, as far as telling it costs next to nothing.

A crawl restricted to some languages (``-a languages=de,en``) should not pay for the
extraction of pages in others: over an archive such as CC-NEWS those are most pages.
:func:`declared_language` reads the ``lang`` of the ``<html>`` tag from the raw bytes,
before anything is parsed; the extracted article's ``language`` (which also looks at
meta tags and JSON-LD) settles the pages that declare none there. No Scrapy here.
"""

from __future__ import annotations

import re

# The <html> tag comes after the doctype and perhaps comments: far before this many
# bytes on any real page.
_HEAD_BYTES = 65_536
_HTML_LANG = re.compile(
    rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?![A-Za-z])", re.IGNORECASE
)
_PRIMARY = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*")


def primary_language(code: str) -> str | None:
    """Return the primary subtag of a language tag, lower case: ``pt-BR`` -> ``pt``."""
    match = _PRIMARY.fullmatch(code)
    return match.group(1).lower() if match else None


def declared_language(page: bytes) -> str | None:
    """Return the primary language the page's ``<html lang>`` declares, if any."""
    match = _HTML_LANG.search(page, 0, _HEAD_BYTES)
    return match.group(1).decode("ascii").lower() if match else None


def is_wanted(language: str | None, wanted: frozenset[str]) -> bool:
    """Whether a page in ``language`` (None: not known) passes a filter of ``wanted``.

    No filter (empty ``wanted``) passes everything; an unknown language passes too,
    since nothing says it is another one.
    """
    if not wanted or language is None:
        return True
    return primary_language(language) in wanted
