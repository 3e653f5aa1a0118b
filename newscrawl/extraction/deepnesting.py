"""Pages nested deeper than libxml2 builds: their deepest tags dropped, their text kept.

libxml2 stops building the tree at 2,048 levels (with ``huge_tree``) and drops the rest
of the page: the article and everything after it. Unclosed ``<div>``, ``<font>`` or
``<span>`` tags in a loop of a template reach that. :func:`flatten` removes the start and
end tags of elements below ``max_depth`` (paragraphs, headings, lists and tables a
little deeper), so their text joins the element above them. It runs only on a page
libxml2 gave up on.
"""

from __future__ import annotations

import re

# Tags, and the things whose "<" are no tags: comments and raw-text elements. A tag
# ends before the next "<": a page of "<a" without any ">" is read in linear time.
_token_pattern = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<raw>script|style|textarea|title|xmp|plaintext)\b[^<>]*>.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<end>/)?(?P<name>[A-Za-z][\w:-]*)[^<>]*?(?P<self>/)?>",
    re.IGNORECASE | re.DOTALL,
)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _names("area base br col embed hr img input link meta param source track wbr")
# Below the limit these still keep their tags, up to half as deep again, as the text's
# structure (the article, paragraphs, headings, lists, tables) is what the body reader
# goes by: the elements a template fails to close are wrappers and inline tags.
_STRUCTURE = _names(
    "article main header footer nav aside p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd"
    " table thead tbody tfoot tr td th blockquote pre figure figcaption"
)


def flatten(text: str, max_depth: int) -> str:
    """Return ``text`` without the tags of elements nested deeper than ``max_depth``.

    ``max_depth`` is at most two thirds of the parser's limit: structural elements are
    kept down to half as deep again.

    The nesting is followed as browsers close elements: an end tag closes the latest
    open element of its name and everything opened after it; an end tag without one is
    left alone.
    """
    stack: list[tuple[str, bool]] = []  # (name, kept)
    open_names: dict[str, int] = {}
    kept_depth = 0
    pieces: list[str] = []
    copied_to = 0
    for match in _token_pattern.finditer(text):
        name = match["name"]
        if name is None:
            continue
        name = name.lower()
        if match["end"]:
            if not open_names.get(name):
                continue
            index = len(stack) - 1
            while stack[index][0] != name:
                index -= 1
            kept = stack[index][1]
            for closed, closed_kept in stack[index:]:
                open_names[closed] -= 1
                kept_depth -= closed_kept
            del stack[index:]
        elif name in _VOID or match["self"]:
            continue
        else:
            kept = kept_depth < max_depth or (
                name in _STRUCTURE and kept_depth < max_depth * 3 // 2
            )
            stack.append((name, kept))
            open_names[name] = open_names.get(name, 0) + 1
            kept_depth += kept
        if not kept:
            pieces.append(text[copied_to : match.start()])
            # A space, so words on both sides of a dropped tag stay apart.
            pieces.append(" ")
            copied_to = match.end()
    pieces.append(text[copied_to:])
    return "".join(pieces)
