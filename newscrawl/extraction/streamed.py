"""Pages React streams: the article arrives in a hidden segment that a script moves in place.

React 18's streaming server rendering (Next.js's App Router, among others) sends a
``<template id="B:1">`` placeholder where a slow part of the page goes, and that part
later in the same response inside ``<div hidden id="S:1">``, with a script call
``$RC("B:1","S:1")`` (``$RS("S:6","P:6")`` for a segment) that moves it in place once the
browser runs it. Without the script the article is a hidden element at the end of the
page, which extraction drops as hidden. :func:`reveal_segments` makes the move itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_segment_xpath = "//div[@hidden][starts-with(@id, 'S:')]"
# React numbers them in hexadecimal ("S:1a").
_segment_id_pattern = re.compile(r"S:[0-9a-f]+")
# ``$RC("B:1","S:1")`` completes a boundary with a segment, ``$RS("S:6","P:6")`` puts a
# segment in a placeholder.
_move_pattern = re.compile(
    r"""\$R([CS])\(\s*["']([BPS]:[0-9a-f]+)["']\s*,\s*["']([BPS]:[0-9a-f]+)["']"""
)


def reveal_segments(tree: HtmlElement, script_texts: list[str]) -> None:
    """Move each streamed segment's content to its placeholder, as React's script would."""
    segments = [
        element
        for element in tree.xpath(_segment_xpath)
        if _segment_id_pattern.fullmatch(element.get("id") or "")
    ]
    if not segments:
        return
    targets = _placeholders(script_texts)
    templates = {
        template.get("id"): template
        for template in tree.iter("template")
        if template.get("id")
    }
    for segment in segments:
        segment_id = segment.get("id")
        number = segment_id.partition(":")[2]
        placeholder = next(
            (
                templates[name]
                for name in (targets.get(segment_id), f"B:{number}", f"P:{number}")
                if name in templates
            ),
            None,
        )
        if placeholder is None or _inside(placeholder, segment):
            # Nowhere to go: the content stays where it is, no longer hidden.
            del segment.attrib["hidden"]
            continue
        _replace(placeholder, segment)


def _placeholders(script_texts: list[str]) -> dict[str, str]:
    """Map each segment id to the placeholder id the page's scripts move it to."""
    targets: dict[str, str] = {}
    for text in script_texts:
        if "$R" not in text:
            continue
        for kind, first, second in _move_pattern.findall(text):
            segment, placeholder = (second, first) if kind == "C" else (first, second)
            targets.setdefault(segment, placeholder)
    return targets


def _inside(element: HtmlElement, ancestor: HtmlElement) -> bool:
    return any(node is ancestor for node in element.iterancestors())


def _replace(placeholder: HtmlElement, segment: HtmlElement) -> None:
    """Put ``segment``'s content where ``placeholder`` stands; drop both wrappers."""
    parent = placeholder.getparent()
    if parent is None:
        return
    index = parent.index(placeholder)
    tail = placeholder.tail
    leading = segment.text
    children = list(segment)
    parent.remove(placeholder)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    _add_text(parent, index, leading)
    if children:
        last = children[-1]
        last.tail = (last.tail or "") + (tail or "") or None
    else:
        _add_text(parent, index, tail)
    segment_parent = segment.getparent()
    if segment_parent is not None:
        # The segment's own tail stays where it was.
        segment.text = None
        segment.drop_tree()


def _add_text(parent: HtmlElement, index: int, text: str | None) -> None:
    """Append ``text`` after whatever comes before position ``index`` in ``parent``."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
