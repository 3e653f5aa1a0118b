"""The page's language: as it declares it, else told from its paragraphs (py3langid).

A declaration its paragraphs contradict (almost none of the declared language's
commonest words: a CMS's default "en" on a German page) is checked with py3langid as
well, and its confident answer taken. py3langid (a maintained port of langid.py,
trafilatura's choice too) classifies a few kilobytes in well under a millisecond; its
model loads on the first page that needs it, not at import. Only a confident answer on
enough text counts: a wrong language would send dates to the wrong dateparser locale
and filter the page out of a crawl restricted by language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newscrawl.extraction import structured
from newscrawl.extraction.functionwords import FUNCTION_WORDS, function_word_share
from newscrawl.extraction.text import normalize_language

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from py3langid.langid import LanguageIdentifier

    from newscrawl.extraction.document import Document

# Paragraph text read and classified: the first few paragraphs say it.
SAMPLE_CHARS = 3000
# Less text than this (a caption, a cookie notice) is no evidence.
MIN_CHARS = 200
# Normalized probability of the best language; below it the page stays unknown.
MIN_CONFIDENCE = 0.9
# Share of the declared language's commonest words below which the paragraphs are not in
# it: running text in a language has a tenth or more (0.09 the least on the benchmarks'
# pages that agree with their declaration).
CONTRADICTED_SHARE = 0.02
# A title and description this long, with this share of them, settle it the cheap way.
SUMMARY_WORDS = 12
TRUSTED_SHARE = 0.05
_two_letters_pattern = re.compile("[a-z]{2}")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def paragraph_sample(root: HtmlElement) -> str:
    """Return the text of the page's first paragraphs, up to :data:`SAMPLE_CHARS`."""
    texts: list[str] = []
    size = 0
    for paragraph in root.iter("p"):
        text = " ".join(paragraph.text_content().split())
        if not text:
            continue
        texts.append(text)
        size += len(text) + 1
        if size >= SAMPLE_CHARS:
            break
    return " ".join(texts)[:SAMPLE_CHARS]


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language when py3langid is confident.

    Its labels also hold codes that name no language of a text ("zxx"); only
    two-letter codes count.
    """
    if len(text) < MIN_CHARS:
        return None
    language, confidence = _identifier().classify(text)
    if confidence < MIN_CONFIDENCE or not _two_letters_pattern.fullmatch(language):
        return None
    return str(language)


def page_language(doc: Document) -> str | None:
    """Return the language the page declares; else the one of its paragraphs, if sure.

    One answer per page for every reader: the ``language`` field and the locale the
    page's dates are read in.
    """
    if "page_language" not in doc.cache:
        declared = declared_language(doc)
        if declared is not None and _contradicted(doc, declared):
            declared = detected_language(doc) or declared
        doc.cache["page_language"] = declared or detected_language(doc)
    return doc.cache["page_language"]  # type: ignore[no-any-return]


def _contradicted(doc: Document, declared: str) -> bool:
    """Whether the page's paragraphs hold almost none of the declared language's commonest words."""
    language = declared.split("-", maxsplit=1)[0]
    if not doc.detect_language or language not in FUNCTION_WORDS:
        return False
    # The title and description first: where they read as the declared language, the
    # walk to the paragraphs (most of this check's cost) is not needed.
    summary = (
        f"{doc.title or ''} {doc.meta_first('description', 'og:description') or ''}"
    )
    if (function_word_share(summary, language, SUMMARY_WORDS) or 0) >= TRUSTED_SHARE:
        return False
    share = function_word_share(_sample(doc), language)
    return share is not None and share < CONTRADICTED_SHARE


def _sample(doc: Document) -> str:
    if "paragraph_sample" not in doc.cache:
        doc.cache["paragraph_sample"] = paragraph_sample(doc.tree)
    return doc.cache["paragraph_sample"]  # type: ignore[no-any-return]


def declared_language(doc: Document) -> str | None:
    """Return the language of ``<html lang>``, the meta tags or the JSON-LD article."""
    raw = doc.lang or doc.meta_first(
        "content-language", "og:locale", "language", "dc.language"
    )
    if not raw:
        for node in structured.article_nodes(doc)[:1]:
            value = node.get("inLanguage")
            if isinstance(value, dict):
                # A schema.org Language: its code is the alternateName ("de"), its
                # name a word ("German").
                value = value.get("alternateName") or value.get("name")
            raw = structured.node_text(value)
    return normalize_language(raw)


def detected_language(doc: Document) -> str | None:
    """Return the language of ``doc``'s paragraphs, detected once per page (if allowed)."""
    if not doc.detect_language:
        return None
    if "detected_language" not in doc.cache:
        doc.cache["detected_language"] = detect_language(_sample(doc))
    return doc.cache["detected_language"]  # type: ignore[no-any-return]
