"""The headline: the visible ``<h1>`` checked against JSON-LD, OpenGraph, Twitter and ``<title>``."""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from newscrawl.extraction import structured
from newscrawl.extraction.dates import parse_date
from newscrawl.extraction.layout import (
    heading_text,
    in_navigation,
    in_teaser,
    is_branding,
    is_hidden,
    kicker_target,
    links_home,
)
from newscrawl.extraction.text import (
    clean_headline,
    ends_with_text,
    is_segment_of,
    is_truncation,
    normalize_whitespace,
    same_text,
    same_typography,
    title_parts,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document

# "headline": a microdata <meta itemprop="headline" content="…">.
_title_meta = ("og:title", "twitter:title", "headline", "dc.title", "title")
_max_heading_chars = 300
_min_heading_words = 2
_max_site_name_chars = 80
_max_second_headings = 10
_cjk_pattern = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_min_cjk_heading_chars = 6


class _Heading:
    """One candidate heading: its text without a kicker line (``main``) and with it (``full``)."""

    __slots__ = ("full", "main")

    def __init__(self, element: HtmlElement) -> None:
        self.main, self.full = heading_text(element)


def site_names(doc: Document, source_name: str | None) -> list[str]:
    """Return the names the page gives itself: og:site_name and the like, and its logo heading."""
    names = [source_name] if source_name else []
    for heading in doc.tree.iter("h1"):
        if links_home(heading):
            text = normalize_whitespace(heading.text_content())
            if 0 < len(text) <= _max_site_name_chars:
                names.append(text)
    return names


def _candidates(doc: Document) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """Return the ``<h1>`` elements outside teaser blocks, and those inside; logos are neither.

    Without any other, an unlinked ``<h1>`` in a block merely named like a sidebar or a share
    bar (themes wrap the whole content in "content-sidebar-wrap") counts as outside; one in a
    breadcrumb trail or a menu never does, as it repeats the title written for search engines.
    """
    main: list[HtmlElement] = []
    weak: list[HtmlElement] = []
    teaser: list[HtmlElement] = []
    for element in doc.tree.iter("h1"):
        if is_branding(element) or is_hidden(element):
            continue
        target = kicker_target(element)
        heading = element if target is None else target
        if not in_teaser(heading):
            main.append(heading)
        elif next(heading.iter("a"), None) is None and not in_navigation(heading):
            weak.append(heading)
        else:
            teaser.append(heading)
    return (main, teaser) if main else (weak, teaser)


def _titles(doc: Document, names: list[str]) -> tuple[list[str], list[str], str | None]:
    """Return the page's titles without site-name parts.

    They are the JSON-LD headlines, all structured titles (JSON-LD, OpenGraph, Twitter, Dublin
    Core) and the ``<title>``.
    """

    def clean(value: str | None) -> str | None:
        return clean_headline(value, names, doc.url)

    structured_titles: list[str] = []
    for node in structured.article_nodes(doc)[:2]:
        title = clean(structured.node_text(node.get("headline")))
        if title:
            structured_titles.append(title)
    article_titles = list(structured_titles)
    for name in _title_meta:
        for value in doc.meta.get(name, ())[:2]:
            title = clean(value)
            if title and title not in structured_titles:
                structured_titles.append(title)
    if not structured_titles:
        # Last: its element's text may hold a kicker or a date the others leave out.
        title = clean(_microdata_headline(doc))
        if title:
            structured_titles.append(title)
    return article_titles, structured_titles, clean(doc.title)


def _microdata_headline(doc: Document) -> str | None:
    """Return the first microdata headline outside teaser blocks (``<h2 itemprop="headline">``).

    Pages of older CMSs mark up the article this way instead of JSON-LD; related-article
    lists mark their teasers' headlines the same way, so those do not count.
    """
    for element, value in structured.microdata_values(doc.tree, "headline"):
        if len(value) < _max_heading_chars and not in_teaser(element):
            return value
    return None


def read_headline(doc: Document, source_name: str | None) -> str | None:
    """Read the headline: the visible heading when structured data or the title confirm it."""
    names = site_names(doc, source_name)
    article_titles, structured_titles, page_title = _titles(doc, names)
    has_article_headline = bool(article_titles)
    references = [*structured_titles, *([page_title] if page_title else [])]

    main_h1s, teaser_h1s = _candidates(doc)
    headings = _headings(main_h1s, names)
    if not main_h1s:
        first_h2 = next(
            (h for h in doc.tree.iter("h2") if not is_hidden(h) and not is_branding(h)),
            None,
        )
        headings = _headings([] if first_h2 is None else [first_h2], names)
    chosen = _exact_heading(headings, structured_titles, references, article_titles)
    chosen = chosen or _confirmed_heading(headings, structured_titles, references)
    chosen = chosen or (
        _confirmed_second_heading(
            doc, names, structured_titles, references, article_titles
        )
        if main_h1s
        else None
    )
    if chosen:
        return chosen
    # Titles are often rewritten for search engines: the page's only <h1> is the article's own,
    # unless an editorial (JSON-LD) headline says otherwise.
    if (
        len(main_h1s) == 1
        and len(headings) == 1
        and (
            len(headings[0].main.split()) >= _min_heading_words
            or (not has_article_headline and _may_be_one_word_title(main_h1s[0], doc))
        )
        and parse_date(headings[0].main, use_dateparser=False) is None
        # An editorial headline wins over the <h1> unless it is a cut-short copy of it.
        and (
            not has_article_headline
            or is_truncation(article_titles[0], headings[0].main)
        )
    ):
        return headings[0].main
    if references:
        # Breadcrumb and share-bar headings are weak evidence of which title is the
        # headline, but one that repeats the whole title shows its "| part" belongs to it.
        repeated = any(
            same_text(heading.full, references[0])
            for heading in _headings(teaser_h1s, names)
        )
        return references[0] if repeated else _drop_pipe_suffix(references[0])
    return headings[0].main if headings else None


def _confirmed_second_heading(
    doc: Document,
    names: list[str],
    structured_titles: list[str],
    references: list[str],
    article_titles: list[str],
) -> str | None:
    """Return an ``<h2>`` near the top that the titles repeat, when no ``<h1>`` is repeated.

    Some layouts set the topic or the section in the ``<h1>`` ("Betriebliche
    Altersvorsorge") and the article's own headline in the ``<h2>`` under it, which is
    the one OpenGraph or the ``<title>`` carry.
    """
    second = _headings(
        [
            heading
            for heading in islice(doc.tree.iter("h2"), _max_second_headings)
            if not is_hidden(heading)
            and not is_branding(heading)
            and not in_teaser(heading)
        ],
        names,
    )
    chosen = _exact_heading(
        second, structured_titles, references, article_titles
    ) or _confirmed_heading(second, structured_titles, references)
    return chosen if chosen and len(chosen.split()) >= _min_heading_words else None


def _may_be_one_word_title(element: HtmlElement, doc: Document) -> bool:
    """Whether a one-word ``<h1>`` can be a page's title rather than its section's name.

    A section name links to the section or stands as one part of a breadcrumb-like
    ``<title>`` ("Site | Culture | Books | Headline").
    """
    if next(element.iter("a"), None) is not None:
        return False
    word = normalize_whitespace(element.text_content())
    return not any(same_text(word, part) for part in title_parts(doc.title)[:-1])


def _headings(elements: list[HtmlElement], names: list[str]) -> list[_Heading]:
    return [
        heading
        for heading in map(_Heading, elements)
        if heading.main
        and len(heading.full) < _max_heading_chars
        and not any(same_text(heading.main, name) for name in names)
    ]


def _exact_heading(
    headings: list[_Heading],
    structured_titles: list[str],
    references: list[str],
    article_titles: list[str],
) -> str | None:
    """Return the visible heading that a structured title or the ``<title>`` repeats word for word."""
    for heading in headings:
        # The structured headline decides whether a kicker line belongs to the headline.
        for ref in references:
            for text in dict.fromkeys((heading.full, heading.main)):
                if same_text(text, ref):
                    # Same words: markup often drops the colon after a kicker <span>, so the
                    # structured spelling is the cleaner one. When OpenGraph or the <title>
                    # differ only in quotes and dashes, the page shows the typeset ones; a
                    # JSON-LD headline is the publisher's own spelling and stays.
                    if ref not in structured_titles or (
                        ref not in article_titles and same_typography(text, ref)
                    ):
                        return text
                    return ref
    return None


def _confirmed_heading(
    headings: list[_Heading], structured_titles: list[str], references: list[str]
) -> str | None:
    """Return the visible heading that structured data or the ``<title>`` nearly repeats, if any."""
    for heading in headings:
        # A heading that repeats the structured headline plus a kicker: the kicker is no part of it.
        for ref in structured_titles:
            if ends_with_text(heading.main, ref) and len(ref) * 2 >= len(heading.main):
                return ref
    for heading in headings:
        # A heading that is only a small part of the title is a kicker or the site's name.
        if any(
            is_segment_of(ref, heading.main) and len(heading.main) * 2 >= len(ref)
            for ref in references
        ):
            return heading.main
    return None


def _drop_pipe_suffix(title: str) -> str:
    """Cut "Headline | Unknown Site" when nothing on the page confirmed the full title."""
    head = title.split(" | ", 1)[0].strip()
    # Chinese and Japanese write a headline without spaces: its characters count.
    long_enough = len(head.split()) >= _min_heading_words or (
        len(_cjk_pattern.findall(head)) >= _min_cjk_heading_chars
    )
    return head if long_enough else title
