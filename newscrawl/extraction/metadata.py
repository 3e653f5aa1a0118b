"""Field readers over a parsed ``Document``: structured data first, then visible markup."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawl.extraction import headline, structured
from newscrawl.extraction.byline import labelled_authors
from newscrawl.extraction.layout import (
    attr_text,
    branding_texts,
    breadcrumb_trail,
    in_teaser,
    links_home,
    rel_links,
)
from newscrawl.extraction.pagedates import find_modified, find_published
from newscrawl.extraction.text import (
    clean_authors,
    names_host,
    names_site,
    normalize_whitespace,
    same_text,
    title_parts,
)
from newscrawl.extraction.textlanguage import page_language
from newscrawl.urls import canonicalize_url

if TYPE_CHECKING:
    from datetime import datetime

    from lxml.html import HtmlElement

    from newscrawl.extraction.document import Document
    from newscrawl.extraction.showndates import FoundDate

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
# "author-bio", "author-about", "author-description": what the author does, not who.
_author_bio_pattern = re.compile(r"bio|about|descr", re.IGNORECASE)
_min_sentence_words = 8
_max_label_chars = 60
# Class names of page furniture, matched at their start: "content-sidebar-wrap" wraps the article.
_furniture_words = ("comment", "widget", "sidebar", "menu")
# Elements marked as bylines, in document order. Selecting the attributes and stepping
# to their elements is about twice as fast in libxml2 as testing every element.
_byline_markup = etree.XPath(
    '//@class[contains(., "byline") or contains(., "author") or contains(., "autor")]/..'
    ' | //@itemprop[. = "author"]/.. | //@rel[. = "author"]/..'
)


def read_published(
    doc: Document, fetched_at: datetime | None = None
) -> FoundDate | None:
    """Find the original publication date (see ``pagedates.find_published``)."""
    return find_published(doc, fetched_at)


def read_modified(
    doc: Document, fetched_at: datetime | None = None
) -> FoundDate | None:
    return find_modified(doc, fetched_at)


def read_source_name(doc: Document) -> str | None:
    """Read the site's name: og:site_name and the like, the JSON-LD publisher, then the page."""
    if "source_name" not in doc.cache:
        doc.cache["source_name"] = _read_source_name(doc)
    return doc.cache["source_name"]  # type: ignore[no-any-return]


def _read_source_name(doc: Document) -> str | None:
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
    return normalize_whitespace(name) or _site_name_from_page(doc)


def _site_name_from_page(doc: Document) -> str | None:
    """Find the site's name in the page: a logo text the ``<title>`` repeats, or a title part.

    A ``<title>`` part counts only when it spells the host.
    """
    parts = title_parts(doc.title)
    edges = [parts[0], parts[-1]] if len(parts) > 1 else []
    for text in branding_texts(doc):
        if any(same_text(text, edge) for edge in edges) or names_host(text, doc.url):
            return text
    return next((edge for edge in reversed(edges) if names_host(edge, doc.url)), None)


def read_headline(doc: Document) -> str | None:
    """Read the headline (see ``headline.read_headline``)."""
    return headline.read_headline(doc, read_source_name(doc))


def read_authors(doc: Document) -> list[str]:
    """Read the authors: JSON-LD persons, ``<meta>`` author names, then byline markup.

    An organisation named as JSON-LD author (the newsroom) only counts when no person is named
    anywhere on the page.
    """
    by_id = structured.nodes_by_id(doc)
    organisations: list[str] = []
    for node in structured.article_nodes(doc):
        # schema.org's "creator" where a CMS writes no "author".
        credited = node.get("author") or node.get("creator")
        people, groups = structured.split_people(credited, by_id)
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
    # A meta author naming the site itself ("Daily Paper (www.dailypaper.com)") is the
    # newsroom: a person named in the page's byline comes first.
    site = [read_source_name(doc)]
    people = [value for value in raw if not names_site(value, site, doc.url)]
    organisations.extend(value for value in raw if value not in people)
    names = clean_authors(people)
    if names:
        return names
    markup = [
        normalize_whitespace(element.text_content())
        for element in _byline_markup(doc.tree)[:5]
        if not in_teaser(element, doc)
        and not _author_bio_pattern.search(attr_text(element))
    ]
    names = clean_authors(
        [
            text
            for text in markup
            if 0 < len(text) < _max_byline_chars and not _is_sentence(text)
        ]
    )
    return names or clean_authors(labelled_authors(doc)) or clean_authors(organisations)


def _is_sentence(text: str) -> bool:
    """Whether a byline element's text reads as a sentence ("Ana Lind covers the coast.")."""
    return len(text.split()) >= _min_sentence_words and text.endswith((".", "!"))


def read_summary(doc: Document) -> str | None:
    for node in structured.article_nodes(doc)[:1]:
        text = structured.node_text(node.get("description"))
        if text:
            return text
    return doc.meta_first(*_summary_meta)


def read_language(doc: Document) -> str | None:
    """Read the language the page declares; else tell it from the paragraphs."""
    return page_language(doc)


def read_section(doc: Document) -> str | None:
    """Read the section: JSON-LD ``articleSection``, ``<meta>``, then category links or breadcrumbs."""
    for node in structured.article_nodes(doc)[:1]:
        sections = structured.node_texts(node.get("articleSection"))
        if sections:
            return sections[0]
    section = doc.meta_first(*_section_meta)
    if section:
        return section
    # WordPress and other blog engines mark the post's categories with rel="category".
    categories = _rel_link_texts(doc, "category")
    if categories:
        return categories[0]
    return _jsonld_breadcrumb_section(doc) or _breadcrumb_section(doc)


def _rel_link_texts(doc: Document, rel: str) -> list[str]:
    """Texts of the article's own ``<a rel="...">`` links, outside menus, sidebars and comments."""
    texts: list[str] = []
    for link in rel_links(doc, rel):
        text = normalize_whitespace(link.text_content())
        if (
            text
            and len(text) <= _max_label_chars
            and text not in texts
            and not _in_page_furniture(link)
        ):
            texts.append(text)
    return texts


def _in_page_furniture(element: HtmlElement) -> bool:
    """Whether a link sits in a menu, sidebar widget or comment rather than the article.

    An article's own ``<footer>`` (where blogs list its categories and tags) does not count.
    """
    for ancestor in element.iterancestors():
        if ancestor.tag in {"nav", "aside"} or any(
            name.startswith(_furniture_words)
            for name in attr_text(ancestor).lower().split()
        ):
            return True
    return False


def _jsonld_breadcrumb_section(doc: Document) -> str | None:
    """Return the last item of a JSON-LD ``BreadcrumbList`` that is a page above this one.

    As in the visible trail: not the front page, not the article, and only items with
    a URL (the article's own item often has none).
    """
    page = doc.url.split("#", 1)[0].rstrip("/")
    for node in doc.jsonld:
        if "breadcrumblist" not in structured.types_of(node):
            continue
        items = node.get("itemListElement")
        if not isinstance(items, list):
            continue
        listed = [item for item in items if isinstance(item, dict)]
        listed.sort(key=_position)
        for item in reversed(listed):
            target = item.get("item")
            name = item.get("name")
            if isinstance(target, dict):
                name = name or target.get("name")
                target = target.get("@id") or target.get("url")
            text = structured.node_text(name)
            if not isinstance(target, str) or not text or len(text) > _max_label_chars:
                continue
            url = urljoin(doc.url, target).split("#", 1)[0].rstrip("/")
            if url != page and urlsplit(url).path.strip("/"):
                return text
    return None


def _position(item: dict[str, Any]) -> float:
    try:
        return float(item.get("position") or 0)
    except (TypeError, ValueError):
        return 0.0


def _breadcrumb_section(doc: Document) -> str | None:
    """Return the last breadcrumb link that is neither the front page nor the article itself."""
    trail = breadcrumb_trail(doc)
    if trail is None:
        return None
    page = doc.url.split("#", 1)[0].rstrip("/")
    for link in reversed(list(trail.iter("a"))):
        target = urljoin(doc.url, link.get("href") or "").split("#", 1)[0]
        text = normalize_whitespace(link.text_content())
        if (
            text
            and len(text) <= _max_label_chars
            and not links_home(link)
            and target.rstrip("/") != page
        ):
            return text
    return None


def _split_keywords(values: list[str]) -> list[str]:
    tags: list[str] = []
    for value in values:
        for part in re.split(r"[,;]", value):
            tag = normalize_whitespace(part)
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
    return tags


def read_tags(doc: Document) -> list[str]:
    """Read the tags: JSON-LD ``keywords``, ``<meta>`` keywords, then ``rel="tag"`` links."""
    for node in structured.article_nodes(doc)[:1]:
        tags = _split_keywords(structured.node_texts(node.get("keywords")))
        if tags:
            return tags
    for name in _tag_meta:
        if doc.meta.get(name):
            return _split_keywords(doc.meta[name])
    categories = set(_rel_link_texts(doc, "category"))
    return [tag for tag in _rel_link_texts(doc, "tag") if tag not in categories]


def read_image_url(doc: Document) -> str | None:
    url = doc.meta_first(
        "og:image", "og:image:url", "og:image:secure_url", "twitter:image"
    )
    if not url:
        for node in structured.article_nodes(doc)[:1]:
            url = structured.node_url(node.get("image") or node.get("thumbnailUrl"))
    if not url:
        # The older convention, still on pages made before OpenGraph.
        url = next(
            (
                str(link.get("href")).strip()
                for link in doc.tree.iter("link")
                if "image_src" in (link.get("rel") or "").lower().split()
                and (link.get("href") or "").strip()
            ),
            None,
        )
    return urljoin(doc.url, url) if url else None


def read_canonical_url(doc: Document) -> str:
    for candidate in (doc.canonical, doc.meta_first("og:url")):
        if candidate and not candidate.startswith(("javascript:", "#")):
            absolute = urljoin(doc.url, candidate)
            if (
                absolute.startswith(("http://", "https://"))
                and not _names_home(absolute, doc.url)
                and not _names_section(absolute, doc.url)
            ):
                return canonicalize_url(absolute)
    return canonicalize_url(doc.url)


def _names_home(candidate: str, url: str) -> bool:
    """Whether a canonical URL is a site's home page while the page is not.

    Themes that set every page's canonical to the home page are common; trusted, every
    article of such a site would be one URL, and all but the first would be dropped as
    duplicates.
    """
    return _is_home(candidate) and not _is_home(url)


# A section's path: one or two segments of one or two words ("/news/", "/local-news/").
_section_segment_pattern = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# Below it, what names an article: a slug of words, a long number or a year.
_story_segment_pattern = re.compile(
    r"[^\W\d_]+(?:[-_][^\W\d_]+)+(?:[-_.]\w+)*|\d{5,}(?:\W.*)?|(?:19|20)\d\d"
)
_MAX_SECTION_SEGMENTS = 2


def _names_section(candidate: str, url: str) -> bool:
    """Whether a canonical URL is the section front above the article page it is on.

    Themes set a category's URL as every post's canonical as well as the home page's
    ("/news/" on "/news/2025/01/02/pier-reopens"). Not a print view or a page 2 under
    the article itself ("/news/pier-reopens/print"): what lies below must name a story.
    """
    above, page = urlsplit(candidate), urlsplit(url)
    if above.netloc.lower() != page.netloc.lower() or above.query:
        return False
    section = [segment for segment in above.path.split("/") if segment]
    path = [segment for segment in page.path.split("/") if segment]
    if (
        not 0 < len(section) <= _MAX_SECTION_SEGMENTS
        or path[: len(section)] != section
        or not all(_section_segment_pattern.fullmatch(part) for part in section)
    ):
        return False
    return any(_story_segment_pattern.fullmatch(part) for part in path[len(section) :])


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in {"", "/"} and not parts.query


def jsonld_value(doc: Document, key: str) -> Any:
    """Return the first value of ``key`` on the page's article JSON-LD nodes (for per-site parsers)."""
    for node in structured.article_nodes(doc):
        if key in node:
            return node[key]
    return None
