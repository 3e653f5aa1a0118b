"""Text cleaning: Unicode NFC, entities, invisible characters, whitespace, boilerplate lines."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Self

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl import defaults

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

TEXT_FIELDS: tuple[str, ...] = ("headline", "summary", "section", "source_name")
LIST_FIELDS: tuple[str, ...] = ("authors", "tags")

# ZWSP, ZWNJ, ZWJ, word joiner, BOM and soft hyphen: invisible, and they break word
# matching (search, dedup fingerprints) when left inside words.
_invisible_table = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_entity_pattern = re.compile(
    r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE
)
# Controls other than tab and newline are never text; form feeds and the like act as spaces.
_control_pattern = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates (from JSON "\ud800" escapes) cannot be encoded as UTF-8: SQLite and
# every JSON consumer would fail on them.
_surrogate_pattern = re.compile("[\ud800-\udfff]")
_inline_space_pattern = re.compile(r"[^\S\n]+")
_blank_lines_pattern = re.compile(r"\n{2,}")

# Lines that are page furniture left over by extraction. Matched against the whole line,
# case-insensitively, with trailing punctuation, arrows and ellipses ignored.
_boilerplate_phrases = (
    # English
    r"advertisement|advertisements|advert|ad|sponsored|sponsored content|promoted",
    r"share|share this|share this (?:article|story|post|page)|share on (?:facebook|twitter|x)",
    r"click here to subscribe|subscribe|subscribe now|sign up|sign up for our newsletter",
    r"read more|continue reading|read the full (?:article|story)|see also|related|related articles",
    r"skip advertisement|skip to (?:main )?content|story continues below(?: advertisement)?",
    r"scroll to continue(?: with content)?|view comments|comments|print|email",
    # German
    r"anzeige|werbung|artikel teilen|diesen artikel teilen|teilen|mehr lesen|weiterlesen",
    r"jetzt abonnieren|zum newsletter anmelden|mehr zum thema|lesen sie auch|das könnte sie auch interessieren",
    # French
    r"publicité|partager|partager cet article|lire la suite|lire aussi|abonnez-vous|voir aussi",
    # Spanish, Portuguese, Italian, Dutch
    r"publicidad|compartir|compartir este artículo|leer más|suscríbete|lee también",
    r"publicidade|partilhar|compartilhe|leia mais|leia também|assine",
    r"pubblicità|condividi|condividi questo articolo|leggi anche|leggi di più|abbonati",
    r"advertentie|deel dit artikel|lees meer|lees ook|abonneer",
    # Calls to sign up, follow, listen or share, as whole lines (en, de, fr, es, it)
    r"sign up for (?:our|the) (?:[\w-]+ ){0,2}newsletters?",
    r"subscribe to (?:our|the) (?:[\w-]+ ){0,2}(?:newsletters?|briefing|podcast|channel)",
    r"get the latest (?:news|headlines|updates)(?: [\w-]+){0,6}",
    r"(?:follow us|folgen sie uns|suivez-nous|síguenos|seguici) (?:on|auf|sur|en|su) [\w ,&]{2,60}",
    r"download (?:our|the) (?:[\w-]+ )?app|read in (?:the )?app|copy link",
    r"share (?:on|via) (?:facebook|twitter|x|whatsapp|linkedin|email|telegram|reddit)",
    r"listen to (?:this )?(?:article|story)|artikel (?:anhören|vorlesen lassen)",
    r"écouter (?:cet )?article|(?:jetzt )?(?:den )?newsletter abonnieren",
    r"abonnez-vous à (?:notre|la) newsletter|suscríbete a nuestro boletín",
    r"iscriviti alla newsletter",
)
_boilerplate_pattern = re.compile(
    rf"^(?:{'|'.join(_boilerplate_phrases)})[\s.:…»>→|!\-\u2013\u2014]*$", re.IGNORECASE
)
# Cookie and consent notices are sentences, so they match on their opening words and a
# length cap that keeps real paragraphs about cookies out.
_cookie_notice_pattern = re.compile(
    r"^(?:(?:we|this (?:web)?site) uses? cookies|accept (?:all )?cookies|cookie (?:settings|policy)"
    r"|wir verwenden cookies|diese (?:web)?seite verwendet cookies|cookies akzeptieren"
    r"|nous utilisons des cookies|ce site utilise des cookies|accepter les cookies"
    r"|utilizamos cookies|usamos cookies|aceptar cookies|utilizziamo (?:i )?cookie"
    r"|wij gebruiken cookies|deze (?:web)?site gebruikt cookies)\b.{0,240}$",
    re.IGNORECASE,
)


def _prepare(text: str) -> str:
    text = html.unescape(text)
    # Double-escaped feeds ("&amp;#8217;") need a second pass; plain text rarely has entities.
    if _entity_pattern.search(text):
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).translate(_invisible_table)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _surrogate_pattern.sub("\ufffd", text)
    return _control_pattern.sub(" ", text).replace("\u2029", "\n\n")


def is_boilerplate(line: str) -> bool:
    """Whether a whole (already whitespace-collapsed) line is leftover page furniture."""
    return bool(_boilerplate_pattern.match(line) or _cookie_notice_pattern.match(line))


def _clean_lines(text: str) -> list[str]:
    lines = [
        _inline_space_pattern.sub(" ", line).strip()
        for line in _prepare(text).split("\n")
    ]
    return ["" if is_boilerplate(line) else line for line in lines]


def clean_text(value: str | None) -> str:
    """Clean a one-line field: boilerplate lines dropped, all whitespace collapsed to single spaces."""
    if not value:
        return ""
    return " ".join(line for line in _clean_lines(value) if line)


def clean_body(value: str | None) -> str:
    """Clean an article body, keeping line breaks and exactly one blank line between paragraphs."""
    if not value:
        return ""
    text = "\n".join(_clean_lines(value)).strip("\n")
    return _blank_lines_pattern.sub("\n\n", text)


def clean_list(values: list[Any] | None) -> list[str]:
    """Clean each string of a list field, dropping empties and case-insensitive repeats."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for value in values or []:
        text = clean_text(value) if isinstance(value, str) else ""
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    return cleaned


class CleanTextPipeline:
    """Apply the text cleaners to the text fields of each item."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool(
            "NEWSCRAWL_CLEANING_ENABLED", defaults.NEWSCRAWL_CLEANING_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_CLEANING_ENABLED is off")
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        for name in TEXT_FIELDS:
            if isinstance(adapter.get(name), str):
                adapter[name] = clean_text(adapter[name]) or None
        if isinstance(adapter.get("body"), str):
            adapter["body"] = clean_body(adapter["body"]) or None
        for name in LIST_FIELDS:
            if isinstance(adapter.get(name), list):
                adapter[name] = clean_list(adapter[name])
        return item
