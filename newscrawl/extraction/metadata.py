"""Field readers over a parsed ``Document``: structured data first, then visible markup."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from newscrawl.extraction import structured
from newscrawl.extraction.dates import parse_date
from newscrawl.extraction.layout import in_teaser, is_branding
from newscrawl.extraction.pagedates import FoundDate, find_modified, find_published
from newscrawl.extraction.text import (
    clean_authors,
    clean_headline,
    contains_text,
    ends_with_text,
    normalize_language,
    normalize_whitespace,
    same_text,
)
from newscrawl.urls import canonicalize_url

if TYPE_CHECKING:
    from datetime import datetime

    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

_author_meta = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
)
_summary_meta = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
)
_section_meta = ("article:section", "parsely-section", "section", "category")
_tag_meta = (
    "article:tag",
    "news_keywords",
    "keywords",
    "parsely-tags",
    "sailthru.tags",
)

_max_heading_chars = 300
_min_heading_words = 2
_max_byline_chars = 120


def read_published(
    doc: Document, fetched_at: datetime | None = None
) -> FoundDate | None:
    """Find the original publication date (see ``pagedates.find_published``)."""
    doc.cache.setdefault("languages", _languages(doc))
    return find_published(doc, fetched_at)


def read_modified(
    doc: Document, fetched_at: datetime | None = None
) -> FoundDate | None:
    doc.cache.setdefault("languages", _languages(doc))
    return find_modified(doc, fetched_at)


def _languages(doc: Document) -> list[str] | None:
    lang = read_language(doc)
    return [lang.split("-")[0]] if lang else None


def _headline_nodes(doc: Document) -> list[HtmlElement]:
    headings = [
        h for h in doc.tree.iter("h1") if not in_teaser(h) and not is_branding(h)
    ]
    return headings or [h for h in list(doc.tree.iter("h2"))[:1] if not is_branding(h)]


def read_source_name(doc: Document) -> str | None:
    name = doc.meta_first(
        "og:site_name", "application-name", "apple-mobile-web-app-title"
    )
    if not name:
        for node in structured.article_nodes(doc):
            publisher = node.get("publisher")
            names = structured.node_names(publisher, structured.nodes_by_id(doc))
            if names:
                name = names[0]
                break
    return normalize_whitespace(name) or None


def read_headline(doc: Document) -> str | None:
    """Read the headline: JSON-LD, OpenGraph, the page's ``<h1>``, ``<title>``, without site-name affixes."""
    site_name = read_source_name(doc)

    def clean(value: str | None) -> str | None:
        return clean_headline(value, site_name, doc.url)

    structured_titles: list[str] = []
    for node in structured.article_nodes(doc)[:2]:
        title = clean(structured.node_text(node.get("headline")))
        if title:
            structured_titles.append(title)
    has_article_headline = bool(structured_titles)
    for name in ("og:title", "twitter:title", "dc.title", "title"):
        title = clean(doc.meta_first(name))
        if title:
            structured_titles.append(title)
    page_title = clean(doc.title)
    headings = [
        text
        for text in (
            normalize_whitespace(h.text_content()) for h in _headline_nodes(doc)
        )
        if text and len(text) < _max_heading_chars and not same_text(text, site_name)
    ]
    references = [*structured_titles, *([page_title] if page_title else [])]
    chosen = _confirmed_heading(headings, structured_titles, references)
    if chosen:
        return chosen
    # Without an editorial (JSON-LD) headline, titles are often rewritten for search engines and
    # the page's only <h1> is the article's own.
    h1s = [normalize_whitespace(h.text_content()) for h in doc.tree.iter("h1")]
    if (
        len(h1s) == 1
        and not has_article_headline
        and h1s[0] in headings
        and len(h1s[0].split()) >= _min_heading_words
        and parse_date(h1s[0], use_dateparser=False) is None
    ):
        return h1s[0]
    if references:
        return _drop_pipe_suffix(references[0])
    return headings[0] if headings else None


def _confirmed_heading(
    headings: list[str], structured_titles: list[str], references: list[str]
) -> str | None:
    """Return the visible heading that structured data or the ``<title>`` confirms, if any."""
    for heading in headings:
        for ref in references:
            if same_text(heading, ref):
                # Same words: markup often drops the colon after a kicker <span> or curls
                # quotes, so the structured spelling is the cleaner one.
                return ref if ref in structured_titles else heading
    for heading in headings:
        # A heading that repeats the structured headline plus a kicker: the kicker is no part of it.
        for ref in structured_titles:
            if ends_with_text(heading, ref) and len(ref) * 2 >= len(heading):
                return ref
    for heading in headings:
        # A heading that is only a small part of the title is a kicker or the site's name.
        if any(
            contains_text(ref, heading) and len(heading) * 2 >= len(ref)
            for ref in references
        ):
            return heading
    return None


def _drop_pipe_suffix(title: str) -> str:
    """Cut "Headline | Unknown Site" when nothing on the page confirmed the full title."""
    head = title.split(" | ", 1)[0].strip()
    return head if len(head.split()) >= _min_heading_words else title


def read_authors(doc: Document) -> list[str]:
    """Read the authors: JSON-LD persons, ``<meta>`` author names, then byline markup.

    An organisation named as JSON-LD author (the newsroom) only counts when no person is named
    anywhere on the page.
    """
    by_id = structured.nodes_by_id(doc)
    organisations: list[str] = []
    for node in structured.article_nodes(doc):
        people, groups = structured.split_people(node.get("author"), by_id)
        names = clean_authors(people)
        if names:
            return names
        organisations.extend(groups)
    raw = [
        value
        for name in _author_meta
        for value in doc.meta.get(name, ())
        if value and not value.startswith("http")
    ]
    names = clean_authors(raw)
    if names:
        return names
    markup = [
        normalize_whitespace(element.text_content())
        for element in doc.tree.xpath(
            '//*[@itemprop="author" or @rel="author" or contains(@class, "byline")'
            ' or contains(@class, "author") or contains(@class, "autor")]'
        )[:5]
        if not in_teaser(element, doc)
    ]
    names = clean_authors(
        [text for text in markup if 0 < len(text) < _max_byline_chars]
    )
    return names or clean_authors(organisations)


def read_summary(doc: Document) -> str | None:
    for node in structured.article_nodes(doc)[:1]:
        text = structured.node_text(node.get("description"))
        if text:
            return text
    return doc.meta_first(*_summary_meta)


def read_language(doc: Document) -> str | None:
    raw = doc.lang or doc.meta_first(
        "content-language", "og:locale", "language", "dc.language"
    )
    if not raw:
        for node in structured.article_nodes(doc)[:1]:
            raw = structured.node_text(node.get("inLanguage"))
    return normalize_language(raw)


def read_section(doc: Document) -> str | None:
    for node in structured.article_nodes(doc)[:1]:
        sections = structured.node_texts(node.get("articleSection"))
        if sections:
            return sections[0]
    return doc.meta_first(*_section_meta)


def _split_keywords(values: list[str]) -> list[str]:
    tags: list[str] = []
    for value in values:
        for part in re.split(r"[,;]", value):
            tag = normalize_whitespace(part)
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
    return tags


def read_tags(doc: Document) -> list[str]:
    for node in structured.article_nodes(doc)[:1]:
        tags = _split_keywords(structured.node_texts(node.get("keywords")))
        if tags:
            return tags
    for name in _tag_meta:
        if doc.meta.get(name):
            return _split_keywords(doc.meta[name])
    return []


def read_image_url(doc: Document) -> str | None:
    url = doc.meta_first(
        "og:image", "og:image:url", "og:image:secure_url", "twitter:image"
    )
    if not url:
        for node in structured.article_nodes(doc)[:1]:
            url = structured.node_url(node.get("image") or node.get("thumbnailUrl"))
    return urljoin(doc.url, url) if url else None


def read_canonical_url(doc: Document) -> str:
    for candidate in (doc.canonical, doc.meta_first("og:url")):
        if candidate and not candidate.startswith(("javascript:", "#")):
            absolute = urljoin(doc.url, candidate)
            if absolute.startswith(("http://", "https://")):
                return canonicalize_url(absolute)
    return canonicalize_url(doc.url)


def jsonld_value(doc: Document, key: str) -> Any:
    """Return the first value of ``key`` on the page's article JSON-LD nodes (for per-site parsers)."""
    for node in structured.article_nodes(doc):
        if key in node:
            return node[key]
    return None
