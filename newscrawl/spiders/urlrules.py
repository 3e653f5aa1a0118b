"""URL rules: is a link an article, a section page, or neither.

The site-independent rules are used by the generic spider, and by site spiders
that declare no article rule of their own. Their signals are general ones (a date
or a long slug in the path, the path's depth, well-known non-article path words),
never keyed on one site. ``ArticleRules`` puts a site's declared patterns in front
of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable

# Path words that mark pages about many articles or about no article at all.
_non_article_segments = frozenset(
    {
        "tag", "tags", "author", "authors", "autor", "auteur", "category", "categories",
        "topic", "topics", "page", "pages", "search", "suche", "recherche", "feed", "feeds",
        "rss", "atom", "login", "logout", "signin", "sign-in", "signup", "register",
        "account", "subscribe", "subscription", "newsletter", "newsletters", "profile",
        "user", "users", "archive", "archives", "about", "contact", "privacy", "terms",
        "impressum", "imprint", "cookies", "wp-admin", "wp-login.php", "cdn-cgi", "cart",
        "shop", "jobs", "podcasts", "video", "videos", "gallery", "galleries", "live-tv",
        # The same words in other languages and transliterations.
        "autoren", "autore", "autori", "auteurs", "avtor", "avtori", "etiket",
        "etiketi", "etiqueta", "etiquetas", "schlagwort", "stichwort", "thema", "themen",
        "kategorie", "kategorien", "kategoria", "kategorii", "categoria", "categorie",
        "rubrik", "rubrique", "seite", "pagina", "strana", "stranica", "buscar", "poisk",
    }
)  # fmt: skip
# Listings worth following for more links; tag/author/search pages would multiply
# without end, so only these and plain section paths are followed.
_unfollowed_listing_segments = _non_article_segments - {
    "category", "categories", "topic", "topics", "thema", "themen", "kategorie",
    "kategorien", "kategoria", "kategorii", "categoria", "categorie", "rubrik", "rubrique",
}  # fmt: skip
_non_page_extension_pattern = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|xml|rss|atom|json|css|js|mp[34]|m4a|"
    r"webm|avi|mov|docx?|xlsx?|pptx?|txt|csv|woff2?|ttf|eot)$",
    re.IGNORECASE,
)
# "ece": Escenic, the CMS of many Nordic and Indian papers ("article68153123.ece").
_page_extension_pattern = re.compile(
    r"\.(?:s?html?|php|aspx?|jsp|cms|ece)$", re.IGNORECASE
)
_date_in_path_pattern = re.compile(
    r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?(?:/|$|-)"
    r"|/(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:/|$|-)"
)
_year_segment_pattern = re.compile(r"(?:19|20)\d{2}")
# Pages that are no text story even when filed by date ("/video/2025/01/02/…").
_media_segments = frozenset(
    {"video", "videos", "gallery", "galleries", "podcasts", "live-tv"}
)
# A story number alone or between separators, or after a short word ("article68153123",
# "k10014444441000").
_numeric_id_pattern = re.compile(
    r"(?:^|[-_.])\d{5,}(?:$|[-_.])|^\d{5,}|^[a-z]{1,8}\d{6,}$", re.IGNORECASE
)
_slug_separator_pattern = re.compile(r"[-_+]+")
_listing_query_keys = frozenset(
    {"page", "p", "s", "q", "query", "search", "tag", "author"}
)
_MIN_NUMERIC_ID_DIGITS = 5
_MIN_POST_ID_DIGITS = 3
_MIN_ID_SLUG_WORDS = 2
_PARENT_AND_CHILD = 2
_story_parents = frozenset(
    {"article", "articles", "story", "stories", "artikel", "articulo", "articolo"}
)
# Letters and digits mixed, as ids are: a plain word ("/story/politics") is a section.
_opaque_id_pattern = re.compile(
    r"(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{6,}", re.IGNORECASE
)
_MIN_SLUG_WORDS = 4
_MIN_SHORT_SLUG_WORDS = 3
_MIN_SHORT_SLUG_CHARS = 20
_MAX_LISTING_DEPTH = 2
_MAX_LISTING_SEGMENT_CHARS = 30


def _segments(url: str) -> list[str]:
    return [segment for segment in urlsplit(url).path.split("/") if segment]


def _has_listing_query(url: str) -> bool:
    query = urlsplit(url).query
    return any(key.lower() in _listing_query_keys for key, _ in parse_qsl(query))


def is_excluded_url(url: str) -> bool:
    """Whether ``url`` is clearly not an article: home, tag/author/search pages, files."""
    if _names_a_post(url):
        return False
    segments = _segments(url)
    if not segments or _non_page_extension_pattern.search(segments[-1]):
        return True
    if any(
        segment.lower() in _non_article_segments
        and (
            segment.lower() in _media_segments
            or not _dated_story_after(segments[index + 1 :])
        )
        for index, segment in enumerate(segments)
    ):
        return True
    return _has_listing_query(url)


def _dated_story_after(rest: list[str]) -> bool:
    """Whether path segments name a year and then a story, not just a date archive.

    "/politics/archive/2024/05/slug/678123/" files stories under "archive", as The
    Atlantic does; "/archive/2024/05/" is the month's listing.
    """
    return any(_year_segment_pattern.fullmatch(s) for s in rest[:-1]) and any(
        not s.isdigit() for s in rest[-2:]
    )


def _slug_words(segment: str) -> list[str]:
    stem = _page_extension_pattern.sub("", segment)
    return [word for word in _slug_separator_pattern.split(stem) if word]


def _names_a_post(url: str) -> bool:
    """Whether the query names one post the way a CMS does without pretty URLs.

    WordPress's ``/?p=12345`` (a post id; the small numbers of other sites' "p" are
    page numbers) and Joomla's ``index.php?option=com_content&view=article&id=7``.
    """
    parts = urlsplit(url)
    if parts.path not in {"", "/", "/index.php"}:
        return False
    query = dict(parse_qsl(parts.query))
    post = query.get("p", "")
    return (post.isdigit() and len(post) >= _MIN_POST_ID_DIGITS) or (
        query.get("view") == "article" and query.get("id", "").split(":")[0].isdigit()
    )


def looks_like_article_url(url: str) -> bool:
    """Whether a link found on a page looks like an article by its URL alone."""
    if _names_a_post(url):
        return True
    if is_excluded_url(url):
        return False
    segments = _segments(url)
    last = segments[-1]
    if last.isdigit() and len(last) < _MIN_NUMERIC_ID_DIGITS:
        # /2024/05/ or /section/3 is a date archive or a page number, not a story.
        return False
    if _date_in_path_pattern.search(urlsplit(url).path) and not last.isdigit():
        return True
    return _names_a_story(segments)


def _names_a_story(segments: list[str]) -> bool:
    """Whether the path's last segments read as one story: a long slug or a number."""
    last = segments[-1]
    words = _slug_words(last)
    if len(words) >= _MIN_SLUG_WORDS:
        return True
    if len(words) >= _MIN_SHORT_SLUG_WORDS and len(last) >= _MIN_SHORT_SLUG_CHARS:
        return True
    if _numeric_id_pattern.search(_page_extension_pattern.sub("", last)):
        return True
    if len(segments) < _PARENT_AND_CHILD:
        return False
    # "/artikel/1234567/rat-tagt": the story's number, then a short slug of it.
    if (
        len(words) >= _MIN_ID_SLUG_WORDS
        and _numeric_id_pattern.fullmatch(segments[-2]) is not None
    ):
        return True
    # "/news/articles/c0abc123xyzo", "/story/abc123def": an opaque id under a word
    # that only ever files stories.
    return (
        segments[-2].lower() in _story_parents
        and _opaque_id_pattern.fullmatch(_page_extension_pattern.sub("", last))
        is not None
    )


def looks_like_listing_url(url: str) -> bool:
    """Whether a link looks like a section page worth reading for more article links."""
    segments = _segments(url)
    if not segments or len(segments) > _MAX_LISTING_DEPTH or _has_listing_query(url):
        return False
    if looks_like_article_url(url) or _non_page_extension_pattern.search(segments[-1]):
        return False
    for segment in segments:
        lowered = segment.lower()
        if (
            lowered in _unfollowed_listing_segments
            or len(segment) > _MAX_LISTING_SEGMENT_CHARS
        ):
            return False
        if lowered.isdigit():
            return False
    return True


def same_site_netloc(netloc: str, allowed: frozenset[str]) -> bool:
    """Whether ``netloc`` (host:port) is allowed, ignoring a leading ``www.``."""
    lowered = netloc.lower()
    bare = lowered.removeprefix("www.")
    return lowered in allowed or bare in allowed or f"www.{bare}" in allowed


def compile_patterns(patterns: str | Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Compile one regex or several; a spider may declare either."""
    if isinstance(patterns, str):
        patterns = [patterns]
    return tuple(re.compile(pattern) for pattern in patterns)


@dataclass(frozen=True)
class ArticleRules:
    """A site's declared article URL patterns, over the site-independent rules."""

    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def compile(
        cls, allow: str | Iterable[str], deny: str | Iterable[str]
    ) -> ArticleRules:
        """Build the rules from the regexes a spider declares."""
        return cls(compile_patterns(allow), compile_patterns(deny))

    def _denied(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.deny)

    def is_article(self, url: str, *, listed: bool = False) -> bool:
        """Whether ``url`` is worth fetching as an article.

        ``listed`` is true for feed and sitemap entries: the site itself lists them
        as content, so without an allow rule only clearly non-article URLs are dropped.
        """
        if self._denied(url):
            return False
        if self.allow:
            return any(pattern.search(url) for pattern in self.allow)
        return not is_excluded_url(url) if listed else looks_like_article_url(url)

    def is_listing(self, url: str) -> bool:
        """Whether a link on a listing page leads to another listing worth reading."""
        return not self._denied(url) and looks_like_listing_url(url)
