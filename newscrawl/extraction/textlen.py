"""Whitespace-normalised text lengths of nested elements, each piece of text measured once.

``norm_len(el.text_content())`` splits the whole text of ``el``; for a chain of nested
containers that re-reads the same paragraphs at every level. A ``Span`` carries what
joining two texts needs (normalised length, leading and trailing whitespace), so a
container's length is put together from its children's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container

    from lxml.html import HtmlElement

# Normalised length, starts with whitespace, ends with whitespace. Blank text is (0, ws, ws).
Span = tuple[int, bool, bool]
_EMPTY: Span = (0, False, False)
_BLANK: Span = (0, True, True)


def span(text: str | None) -> Span:
    """Measure one piece of text."""
    if not text:
        return _EMPTY
    words = text.split()
    if not words:
        return _BLANK
    return len(" ".join(words)), text[0].isspace(), text[-1].isspace()


def join(first: Span, second: Span) -> Span:
    """Measure two texts written one after the other from their own measures."""
    if not second[0]:
        if not first[0]:
            return 0, first[1] or second[1], first[2] or second[2]
        return first[0], first[1], first[2] or second[1]
    if not first[0]:
        return second[0], first[1] or second[1], second[2]
    # Words meet without a space unless either side has whitespace at the seam.
    return first[0] + second[0] + (first[2] or second[1]), first[1], second[2]


class TextLengths:
    """``norm_len(el.text_content())`` for elements of a tree that does not change meanwhile.

    Children in ``members`` are measured (and remembered) the same way; other children
    are measured from their whole text at once, unless ``measure`` has already had it.
    """

    def __init__(self, members: Container[HtmlElement]) -> None:
        self._members = members
        self._memo: dict[HtmlElement, Span] = {}

    def __call__(self, el: HtmlElement) -> int:
        return self._span(el)[0]

    def measure(self, el: HtmlElement, text: str) -> int:
        """Return ``norm_len(text)``, where ``text`` is all of ``el``'s text, and remember it."""
        measured = self._memo[el] = span(text)
        return measured[0]

    def _span(self, el: HtmlElement) -> Span:
        found = self._memo.get(el)
        if found is not None:
            return found
        result = span(el.text)
        for child in el:
            # Comments and processing instructions add their tail, not their text.
            if isinstance(child.tag, str):
                inner = self._memo.get(child)
                if inner is None:
                    inner = (
                        self._span(child)
                        if child in self._members
                        else span(child.text_content())
                    )
                result = join(result, inner)
            tail = child.tail
            if tail:
                result = join(result, span(tail))
        self._memo[el] = result
        return result
