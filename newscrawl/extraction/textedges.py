"""What opens or closes an article's text without being part of it.

Above the text: info lines (date, author, view counts), a date or a byline standing
alone, a control's label. Below it: info lines, block labels ("Related"), calls to
subscribe, follow or share, filing and copyright lines, reporting credits. Only the
edges are trimmed: the same words inside the text are the article's.
"""

from __future__ import annotations

import re

from newscrawl.extraction.byline import is_byline_line
from newscrawl.extraction.dates import parse_date

# An info line above or below the text: "Published: 3 May 2024, 10:15 | Author: A. Name |
# Read 120 times". Short segments between separators, a date, and labels.
_meta_bar_pattern = re.compile(r"\s[|•·]\s")
_meta_separator_pattern = re.compile(rf"{_meta_bar_pattern.pattern}|\s[\u2013\u2014]\s")
_meta_date_pattern = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b"
)
_meta_label_pattern = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2} ?:(?:\s|$)")
# Labels of the blocks that follow an article, standing alone.
_block_label_pattern = re.compile(
    r"(?i)(?:related(?: (?:stories|articles|posts))?|topics|tags|comments?|share(?: this)?|"
    r"you (?:may|might) also like|more (?:in|from|on|about) [^.!?]{1,40}|more about|"
    r"popular on [^.!?]{1,40}|(?:today's )?most popular(?: articles| stories)?|latest|"
    r"read more|learn more|site links|reactions|"
    r"mehr zum thema|kommentare|themen|schlagworte|lesen sie auch|mehr lesen|"
    r"mehr von [^.!?]{1,40}|weitere meldungen|das könnte ihnen auch gefallen|fotostrecke|"
    r"à lire aussi|lire aussi|commentaires|sur le même sujet|leer más|comentarios|"
    r"temas|etiquetas|tendencia en [^.!?]{1,30}|leia também|comentários|mais do [^.!?]{1,30}|"
    r"leggi anche|commenti|おすすめ情報|関連記事)\W*"
)
# A call opens with its verb ("Click here to subscribe", "Follow @Desk on Twitter",
# "Like this story? Share it", "If you enjoyed this article ... Join"), and names
# what it sells.
_call_opening_pattern = re.compile(
    r"(?i)(?:click|tap|subscribe|sign up|follow|get|join|download|listen|like this|"
    r"if you (?:enjoyed|liked|value)|tell us|share|support|become a|don't miss|"
    r"jetzt|abonnieren|folgen sie|abonnez|suivez|suscríbete|síguenos|assine|siga|"
    r"iscriviti|seguici)\b"
)
_call_word_pattern = re.compile(
    r"(?i)subscri|newsletter|click here|follow|twitter|facebook|instagram|share it|"
    r"members? get|membership|issues for|delivered|letterbox|inbox|the app|podcast|"
    r"what (?:you|YOU) think|abonn|suscrib|assin|iscriv"
)
_CALL_MAX = 300
# Above the text: a control's or a ticker's label.
_control_label_pattern = re.compile(
    r"(?i)(?:text size|font size|schriftgröße|taille du texte|tamaño de letra|live|"
    r"highlights|loading|zum video|you are here|se encuentra usted aquí)\W*"
)
# A date line ends in no sentence: "Nov. 20, 2019, 9:28 AM UTC", not "... on Monday."
_sentence_end_pattern = re.compile(r"[a-z]{3,}[.!?]$")
_OPENING_MAX = 80
_DATE_LINE_WORDS = 4
# Below the text: where it was filed, its copyright, a source line, a contact address,
# the time of its last update.
_closing_furniture_pattern = re.compile(
    r"(?i)(?:filed under|posted in|tagged|tags|schlagworte|themen|mots-clés|etiquetas)"
    r"\s*:.{0,120}"
    r"|copyright\s*(?:©|@|\(c\))?\s*(?:19|20)\d\d\b.{0,80}"
    r"|(?:via|source|quelle|fonte|fuente)\s*:?\s*\S+\.[a-z]{2,}\W*"
    r"|(?:write to|contact|e-?mail)\s.{0,80}@\S+\.[a-z]{2,}\W*"
    r"|(?:updated|aktualisiert|mis à jour|actualizado|aggiornato)(?: at| um| à| a las| alle)?"
    r"\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?\s?m\.?)?\W*"
    # Credits of the reporting, a rule before an addendum, a plug for the author's feeds.
    r"|(?:additional |with )?(?:reporting|editing) by .{2,150}"
    r"|.{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*"
    r"|[-_*=~\u2013\u2014·• ]{3,}"
    r"|.{0,250}\bfollow (?:him|her|them|us|me) (?:on|at) (?:twitter|facebook|instagram|x)\b.{0,120}"
)
_META_MAX = 200
_META_SEGMENT_WORDS = 6
_META_MIN_PARTS = 2
_META_MIN_SEGMENTS = 3  # without a "Label:", a line needs this many segments


def trim_edges(paragraphs: list[str]) -> list[str]:
    """Drop what opens or closes the text without being part of it (see the module)."""
    start, end = 0, len(paragraphs)
    while start < end and (
        is_meta_line(paragraphs[start]) or _is_opening_furniture(paragraphs[start])
    ):
        start += 1
    while end > start and (
        is_meta_line(paragraphs[end - 1])
        or is_call_to_action(paragraphs[end - 1])
        or _closing_furniture_pattern.fullmatch(paragraphs[end - 1]) is not None
    ):
        end -= 1
    return paragraphs[start:end]


def _is_opening_furniture(text: str) -> bool:
    """Tell a line above the text that is only its date, its byline, or a control's label."""
    if len(text) > _OPENING_MAX or "\n" in text:
        return False
    if _control_label_pattern.fullmatch(text) or is_byline_line(text):
        return True
    # A date line has few words beside the date ("Stand: 28.04.2023 17:23 Uhr"); a
    # subtitle that names a date ("Die Bilanz nach dem 3. Oktober 2023") has more.
    words = sum(1 for word in text.split() if any(ch.isalpha() for ch in word))
    return (
        words <= _DATE_LINE_WORDS
        and _meta_date_pattern.search(text) is not None
        and parse_date(text, use_dateparser=False) is not None
        and not _sentence_end_pattern.search(text)
    )


def is_call_to_action(text: str) -> bool:
    """Tell a closing call to subscribe, follow or share, or a block label standing alone."""
    if len(text) > _CALL_MAX or "\n" in text:
        return False
    if _block_label_pattern.fullmatch(text):
        return True
    return bool(_call_opening_pattern.match(text)) and bool(
        _call_word_pattern.search(text)
    )


def is_meta_line(text: str) -> bool:
    """Tell a dateline / meta line: short labelled segments around a date, no prose."""
    if len(text) > _META_MAX or "\n" in text or not _meta_date_pattern.search(text):
        return False
    segments = [part.strip() for part in _meta_separator_pattern.split(text)]
    if len(segments) < _META_MIN_PARTS or any(
        len(part.split()) > _META_SEGMENT_WORDS for part in segments
    ):
        return False
    # Figures alone ("2020 | 12,000 | 14,500") are data, not labels.
    if 2 * sum(any(ch.isalpha() for ch in part) for part in segments) < len(segments):
        return False
    if any(_meta_label_pattern.match(part) for part in segments):
        return True
    # Unlabelled: dashes also join clauses of prose, so only bars and bullets count.
    return len(_meta_bar_pattern.split(text)) >= _META_MIN_SEGMENTS
