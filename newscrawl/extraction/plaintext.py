"""The chosen article containers as plain text.

``serialize(parts)`` walks the containers and writes their text as paragraphs
split by a blank line (``<br>`` gives a line break inside a paragraph, and a table
is one paragraph of a line per row, its cells split by " | "). Ad-slot
labels standing alone are no paragraphs; what opens or closes the text without
being part of it goes in :mod:`newscrawl.extraction.textedges`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extraction.boilerplate import BLOCK_TAGS
from newscrawl.extraction.textedges import trim_edges

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_BR = "\x00"
_CELL = "\x01"
_paragraph_split_pattern = re.compile(f"{_BR}\\s*{_BR}")
# A table is one paragraph: a line per row, its cells split by " | ".
_ROW_PARTS = frozenset({"tr", "tbody", "thead", "tfoot"})
_CELLS = ("td", "th")
# Labels ad slots print above themselves; a paragraph of nothing else is no text.
_ad_label_pattern = re.compile(
    r"(?i)(advertisement|advertising|advert|ads?|sponsored|anzeige|werbung|gesponsert|"
    r"publicit[ée]|publicidad|publicidade|patrocinado|pubblicit[àa]|reklama|reklam|"
    r"реклама|реклами|mainos|hirdetés|διαφήμιση|إعلان|広告|광고|广告|advertentie|"
    r"annons|annonse|annonce|reclamă|inzerce|oglas|iklan|story continues below( advertisement)?|"
    r"article continues below( advertisement)?|continue reading below)\W*"
)
# A picture's credit standing alone where the picture was: "Foto: dpa", "Photo: Reuters/
# Jane Roe", "(Photo by John Doe/Getty Images)", "© AFP". Short, or it is a sentence.
_credit_line_pattern = re.compile(
    r"(?i)(?:(?:photo|foto|fotó|bild|image|picture|kuva|zdjęcie|фото)(?:\s*credit)?"
    r"|crédit photo|photo credit)\s*:\s*\S.{0,70}"
    r"|\((?:photo|foto|picture|image)s?\s*(?:by|:|von)\s*[^()]{2,70}\)"
    r"|©\s*\S.{0,50}"
)
# A template's placeholder the page never filled: "$$ARTICLEAD$$", "{{ad_slot}}".
_placeholder_pattern = re.compile(r"\$\$\w{1,40}\$\$|\{\{[^{}]{1,40}\}\}|%%\w{1,40}%%")
# What a script-driven player or gallery prints where it failed or counts its pictures:
# "This slideshow requires JavaScript.", "Your browser does not support the video tag.",
# "1 of 6".
_player_message_pattern = re.compile(
    r"(?i)(?:this (?:slideshow|gallery|video|content|player) requires javascript"
    r"|(?:please )?enable javascript(?: to [^.!]{1,60})?"
    r"|your browser does not support (?:the )?(?:video|audio|html5 video)(?: tag| element)?"
    r"|\d{1,3} (?:of|von|de|sur|di|van|z|из) \d{1,3})\W*"
)
# A paragraph of nothing but one of these is no text: one match instead of four.
_no_text_pattern = re.compile(
    "|".join(
        f"(?:{pattern.pattern.removeprefix('(?i)')})"
        for pattern in (
            _ad_label_pattern,
            _credit_line_pattern,
            _player_message_pattern,
            _placeholder_pattern,
        )
    ),
    re.IGNORECASE,
)


def serialize(parts: list[HtmlElement]) -> str:
    """Return the text of ``parts`` as paragraphs split by a blank line."""
    paragraphs: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        joined = "".join(buf)
        buf.clear()
        for chunk in _paragraph_split_pattern.split(joined):
            lines = (_row(line) for line in chunk.split(_BR))
            para = "\n".join(line for line in lines if line)
            if para and not _no_text_pattern.fullmatch(para):
                paragraphs.append(para)

    for part in parts:
        for event, node in etree.iterwalk(part, events=("start", "end")):
            tag = node.tag
            if event == "start":
                if tag in BLOCK_TAGS and tag not in _ROW_PARTS:
                    flush()
                if tag in _CELLS:
                    previous = node.getprevious()
                    buf.append(
                        _CELL
                        if previous is not None and previous.tag in _CELLS
                        else " "
                    )
                if tag == "br":
                    buf.append(_BR)
                elif node.text:
                    buf.append(node.text)
            else:
                if tag == "tr":
                    buf.append(_BR)
                elif tag in BLOCK_TAGS and tag not in _ROW_PARTS:
                    flush()
                if node is not part and node.tail:
                    buf.append(node.tail)
        flush()
    return "\n\n".join(trim_edges(paragraphs))


def _row(line: str) -> str:
    """Collapse a line's whitespace; a table row's cells are split by " | "."""
    text = " ".join(line.split())
    if _CELL not in text:
        return text
    first, *rest = (cell.strip() for cell in text.split(_CELL))
    # An empty cell keeps its place ("Design | | 2024"), as the columns go by position.
    return (first + "".join(f" | {cell}" if cell else " |" for cell in rest)).strip(
        " |"
    )
