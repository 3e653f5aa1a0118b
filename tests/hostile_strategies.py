"""Hypothesis strategies for the extractor's property tests: arbitrary text and HTML pages.

The pages are random trees of common tags with random attributes and text, random JSON-LD
blobs (valid, truncated or typed oddly) and random ``<meta>`` tags, as ``str`` or as bytes
in one of a few encodings.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

from hypothesis import strategies as st

from tests.hostile import ABSURD_DATES, paragraph, rng_for, words

_TAGS = words(
    "html head body div p span article section main header footer nav aside h1 h2 "
    "h3 a b i em strong time ul ol li table tr td figure figcaption blockquote br "
    "img script style noscript template iframe svg button form title meta link"
)
_ATTRIBUTES = words(
    "class id itemprop itemscope itemtype href src datetime content property name "
    "style hidden aria-hidden lang rel role type data-x"
)
_META_NAMES = words(
    "og:title og:site_name og:image og:description og:type article:published_time "
    "article:modified_time article:section article:tag article:author description "
    "author keywords date pubdate twitter:title news_keywords dc.date "
    "parsely-pub-date"
)
_JSONLD_KEYS = words(
    "@context @type @id @graph @value headline name alternativeHeadline author "
    "creator publisher datePublished dateModified dateCreated description "
    "articleBody articleSection keywords image url contentUrl mainEntityOfPage "
    "mainEntity inLanguage itemListElement logo"
)
_JSONLD_TYPES = words(
    "NewsArticle Article ReportageNewsArticle BlogPosting LiveBlogPosting WebPage "
    "Person Organization ImageObject BreadcrumbList ListItem Thing "
    "https://schema.org/NewsArticle"
)
_ODD_SNIPPETS = (
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&nbsp;",
    "&#8203;",
    "<",
    ">",
    "&",
    "\x00",
    "<!--",
    "]]>",
    "</script>",
    "\u2028",
    "\ufeff",
    "\r\n",
    "By ",
    "Updated: ",
)

# NULs and lone surrogates, which json.dumps writes as \u escapes, are made frequent:
# the extractor once passed them on to the text fields.
_json_text = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from("\x00\ud800\udc00\udfff")),
    max_size=30,
)
# Article-length paragraphs, so that generated pages reach the body extractor too.
_PARAGRAPHS = tuple(paragraph(rng_for("hypothesis", str(i)), 6) for i in range(5))
_plain_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(_ODD_SNIPPETS),
    st.sampled_from(ABSURD_DATES),
    st.sampled_from(_PARAGRAPHS),
)
_dates = st.one_of(
    st.sampled_from(ABSURD_DATES),
    st.datetimes().map(datetime.isoformat),
    st.integers().map(str),
)
_attribute_value = st.one_of(_plain_text, _dates, st.sampled_from(_JSONLD_TYPES))


def _render(
    tag: str, attributes: dict[str, str], children: list[str], close: bool
) -> str:
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in attributes.items())
    return f"<{tag}{attrs}>{''.join(children)}" + (f"</{tag}>" if close else "")


_trees = st.recursive(
    _plain_text,
    lambda children: st.builds(
        _render,
        st.sampled_from(_TAGS),
        st.dictionaries(st.sampled_from(_ATTRIBUTES), _attribute_value, max_size=3),
        st.lists(children, max_size=4),
        st.booleans(),
    ),
    max_leaves=20,
)
_json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        _json_text,
        _dates,
        st.sampled_from(_JSONLD_TYPES),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(_JSONLD_KEYS), inner, max_size=6),
    ),
    max_leaves=10,
)
# The properties the field readers look at; the rest of the vocabulary comes in nested.
_ARTICLE_KEYS = words(
    "headline name author publisher datePublished dateModified description image "
    "keywords articleSection @graph mainEntityOfPage url @id inLanguage"
)
_articles = st.fixed_dictionaries(
    {"@type": st.sampled_from(_JSONLD_TYPES)},
    optional=dict.fromkeys(_ARTICLE_KEYS, _json_values),
)


@st.composite
def _jsonld_scripts(draw: st.DrawFn) -> str:
    value = draw(st.one_of(_articles, _json_values, st.lists(_articles, max_size=2)))
    # json.dumps writes NaN and Infinity: invalid JSON, which pages do carry.
    text = json.dumps(value)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    kind = draw(st.sampled_from(["application/ld+json", "application/json", ""]))
    return f'<script type="{kind}">{text}</script>'


@st.composite
def html_pages(draw: st.DrawFn) -> str | bytes:
    metas = draw(
        st.lists(
            st.builds(
                lambda attr, name, content: (
                    f'<meta {attr}="{name}" content="{html.escape(content)}">'
                ),
                st.sampled_from(["property", "name", "itemprop"]),
                st.sampled_from(_META_NAMES),
                _attribute_value,
            ),
            max_size=6,
        )
    )
    scripts = draw(st.lists(_jsonld_scripts(), max_size=2))
    title = html.escape(draw(_plain_text))
    lang = draw(st.sampled_from(["en", "de-AT", "", "xx-invalid", "ja"]))
    body = "".join(draw(st.lists(_trees, max_size=4)))
    page = (
        f'<html lang="{lang}"><head><title>{title}</title>{"".join(metas)}'
        f"{''.join(scripts)}</head><body>{body}</body></html>"
    )
    encoding = draw(st.sampled_from([None, "utf-8", "cp1251", "shift_jis", "utf-16"]))
    return page if encoding is None else page.encode(encoding, "replace")


# Any code point, with lone surrogates (what a caller's surrogateescape decoding leaves),
# NULs and markup characters made frequent: uniform drawing would rarely hit them.
any_character = st.one_of(
    st.characters(codec=None),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.sampled_from("\x00<>&\"'=/"),
)
