"""Decode a page and parse it once: lxml tree, JSON-LD objects, meta tags, language, canonical."""

from __future__ import annotations

import codecs
import html
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from charset_normalizer import from_bytes
from lxml import etree

from newscrawl.extraction import deepnesting, streamed

logger = logging.getLogger(__name__)

_boms = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_meta_charset_pattern = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_xml_encoding_pattern = re.compile(
    rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._\-]+)"""
)
# Browsers treat these labels as the superset encodings (WHATWG Encoding Standard).
_encoding_aliases = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}

_jsonld_wrapper_pattern = re.compile(
    r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$"
)
_max_jsonld_depth = 6
_context_probe = 300
_trailing_comma_pattern = re.compile(r",\s*([}\]])")
_control_char_pattern = re.compile(r"[\x00-\x1f]")
# A backslash and the character after it, taken in pairs: an escaped backslash ("\\")
# is one pair, and the character after it starts the next.
_escape_pattern = re.compile(r"\\(.)", re.DOTALL)
_JSON_ESCAPES = frozenset('"\\/bfnrtu')


def _normalize_encoding(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _encoding_aliases.get(name, name)
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    # base64, rot13, zlib and the like are codecs too, but not text encodings.
    if not getattr(codec, "_is_text_encoding", True):
        return None
    return _encoding_aliases.get(codec.name, codec.name)


_NON_ASCII = bytes(range(0x80, 0x100))
# A page whose non-ASCII bytes are this much UTF-8 is UTF-8 with a few strays.
_MIN_UTF8_SHARE = 0.9
_MIN_UTF8_BYTES = 16
_UTF8_SAMPLE_BYTES = 65_536
_CP1252_FALLBACK = "newscrawl-cp1252-fallback"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Read the bytes UTF-8 cannot as Windows-1252, the usual stray (a pasted snippet)."""
    assert isinstance(error, UnicodeDecodeError)  # noqa: S101  (registered for decoding)
    stray = error.object[error.start : error.end]
    return bytes(stray).decode("cp1252", errors="replace"), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _as_utf8(data: bytes) -> str | None:
    """Decode ``data`` as UTF-8 when it is, or nearly all is; else None.

    Bytes that form valid multi-byte UTF-8 are UTF-8 whatever the declaration says:
    legacy single-byte text almost never does, while mislabelled UTF-8 pages are
    common. Templates that paste a Windows-1252 snippet into a UTF-8 page (an ad, a
    database field) make strict decoding fail; detection would then read the whole
    page in a legacy code page, every accented letter wrong.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A page in another encoding shows it in its first bytes already; the whole of a
    # 5 MB one would cost a tenth of a second to count.
    if not _mostly_utf8(data[:_UTF8_SAMPLE_BYTES], _MIN_UTF8_SHARE, 0) or not (
        _mostly_utf8(data, _MIN_UTF8_SHARE, _MIN_UTF8_BYTES)
    ):
        return None
    return data.decode("utf-8", errors=_CP1252_FALLBACK)


def _mostly_utf8(data: bytes, share: float, least: int) -> bool:
    """Whether ``share`` of the non-ASCII bytes of ``data`` (at least ``least``) are UTF-8.

    Each byte that starts no valid sequence decodes to one U+FFFD: a count at C speed.
    """
    strays = data.decode("utf-8", errors="replace").count("\ufffd")
    in_sequences = len(data) - len(data.translate(None, _NON_ASCII)) - strays
    return in_sequences >= least and strays <= (1 - share) * (in_sequences + strays)


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Decode page bytes: BOM, then the HTTP-header ``encoding``, then ``<meta charset>``, then detection."""
    for bom, name in _boms:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    if not data.isascii():
        text = _as_utf8(data)
        if text is not None:
            return text
    head = data[:4096]
    declared: list[str | None] = [encoding]
    match = _meta_charset_pattern.search(head) or _xml_encoding_pattern.search(head)
    if match:
        declared.append(match.group(1).decode("ascii", "replace"))
    for label in declared:
        codec_name = _normalize_encoding(label)
        if codec_name is None:
            continue
        try:
            return data.decode(codec_name)
        except UnicodeError:
            # A wrong declaration is common (utf-8 declared, cp1252 served); try the next clue.
            # UnicodeError, not only its decode subclass: the "undefined" codec raises it.
            continue
    if data.isascii():
        return data.decode("ascii")
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


# Start positions _loads_lenient tries in one script; real scripts need a handful.
_MAX_JSONLD_ATTEMPTS = 32


def _loads_lenient(text: str) -> list[Any]:
    """Parse one JSON-LD script the way browsers tolerate it: wrappers, trailing commas, several objects."""
    text = text.strip()
    # Every wrapper holds one of these; most scripts have none, and the scan is costly.
    if "<!" in text or "-->" in text or "]]>" in text:
        text = _jsonld_wrapper_pattern.sub("", text)
    text = text.strip()
    text = text.removesuffix(";")
    if not text:
        return []
    try:
        return [json.loads(text, strict=False)]
    except (ValueError, RecursionError):
        # RecursionError: JSON nested thousands of levels deep, never real data.
        pass
    if "&quot;" in text and '"' not in text:
        # Escaped for HTML as a whole by a template ({"headline":&quot;…).
        text = html.unescape(text)
    text = _trailing_comma_pattern.sub(r"\1", text)
    text = _control_char_pattern.sub(" ", text)
    if "\\" in text:
        text = _escape_pattern.sub(_json_escape, text)
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos = 0
    # Each failed attempt costs a scan of the text (the error counts its line): a bound
    # keeps a script of unclosed brackets from costing time quadratic in its length.
    attempts = _MAX_JSONLD_ATTEMPTS
    while pos < len(text) and attempts > 0:
        start = min(
            (i for i in (text.find("{", pos), text.find("[", pos)) if i >= 0),
            default=-1,
        )
        if start < 0:
            break
        try:
            value, pos = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):
            attempts -= 1
            pos = start + 1
            continue
        values.append(value)
    return values


def _json_escape(match: re.Match[str]) -> str:
    r"""Keep a JSON escape; PHP's "\'" is an apostrophe, any other a literal backslash."""
    char = match[1]
    if char in _JSON_ESCAPES:
        return match[0]
    return char if char == "'" else "\\\\" + char


def _walk_jsonld(value: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > _max_jsonld_depth:
        return
    if isinstance(value, list):
        for item in value:
            _walk_jsonld(item, out, depth + 1)
    elif isinstance(value, dict):
        out.append(value)
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            nested = value.get(key)
            if isinstance(nested, (dict, list)):
                _walk_jsonld(nested, out, depth + 1)


def _is_untyped_jsonld(kind: str, text: str) -> bool:
    """Whether a script without the JSON-LD type still holds schema.org JSON (some CMSs omit it)."""
    return (
        kind in {"", "application/json"}
        and text.lstrip().startswith(("{", "["))
        and (
            '"@context"' in text[:_context_probe]
            and "schema.org" in text[:_context_probe]
        )
    )


@dataclass
class Document:
    """One page parsed once: everything the field readers share."""

    url: str
    tree: lxml.html.HtmlElement
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    lang: str | None = None
    canonical: str | None = None
    title: str | None = None
    # Inline scripts that are not JSON-LD: app state often carries the article's dates.
    script_texts: list[str] = field(default_factory=list)
    # Values the field readers derive once per page and share (e.g. the main heading's wrappers).
    cache: dict[str, Any] = field(default_factory=dict)
    # Whether a page that declares no language may have it told from its text
    # (newscrawl.extraction.textlanguage), whose model costs memory once loaded.
    detect_language: bool = True

    def meta_first(self, *names: str) -> str | None:
        """First non-empty value of the first ``<meta>`` name present, in the order given."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    @classmethod
    def parse(
        cls, html: str | bytes, url: str, encoding: str | None = None
    ) -> Document:
        text = decode_html(html, encoding) if isinstance(html, bytes) else html
        # lxml refuses str input that carries an XML encoding declaration.
        # A match of the anchored pattern, not a sub: sub would try every position of the page.
        declaration = _xml_decl_pattern.match(text)
        if declaration:
            text = text[declaration.end() :]
        if not text.strip():
            text = "<html></html>"
        doc = cls(url=url, tree=_parse_tree(text))
        doc._read_jsonld()
        if "$RC(" in text or "$RS(" in text:
            streamed.reveal_segments(doc.tree, doc.script_texts)
        doc._read_meta()
        doc._read_head()
        return doc

    def _read_jsonld(self) -> None:
        for script in self.tree.iter("script"):
            kind = (script.get("type") or "").lower()
            text = script.text or ""
            if "ld+json" in kind or _is_untyped_jsonld(kind, text):
                for value in _loads_lenient(text):
                    _walk_jsonld(value, self.jsonld)
            elif "json" in kind or not kind or "javascript" in kind:
                self.script_texts.append(text)

    def _read_meta(self) -> None:
        for element in self.tree.iter("meta"):
            content = element.get("content")
            if content is None:
                continue
            # Double-escaped entities ("&amp;#8222;") are common in meta content.
            content = " ".join(
                (html.unescape(content) if "&" in content else content).split()
            )
            for attribute in ("property", "name", "itemprop", "http-equiv"):
                key = element.get(attribute)
                if key:
                    for name in key.lower().split():
                        self.meta.setdefault(name, []).append(content)

    def _read_head(self) -> None:
        root = self.tree
        # XHTML pages may say only xml:lang, which the HTML parser keeps under that
        # name (an XML parser under its namespace).
        lang = (
            root.get("lang")
            or root.get("xml:lang")
            or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        )
        self.lang = lang.strip() if lang and lang.strip() else None
        for link in root.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            href = (link.get("href") or "").strip()
            if "canonical" in rel and href:
                self.canonical = href
                break
        title = next(root.iter("title"), None)
        if title is not None:
            self.title = " ".join(title.text_content().split()) or None


_xml_decl_pattern = re.compile(r"^\s*<\?xml[^>]*\?>")
# lxml parsers must not be shared between threads.
_parsers = threading.local()


def _html_parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_parsers, "parser", None)
    if parser is None:
        # Comments and processing instructions never hold a field: drop them while parsing.
        # Nothing looks elements up by id, so libxml2 need not index them.
        # huge_tree: without it libxml2 stops building the tree 256 elements deep and
        # silently drops the rest of the page (unclosed <div>s reach that on real pages).
        parser = etree.HTMLParser(
            remove_comments=True,
            remove_pis=True,
            encoding="utf-8",
            collect_ids=False,
            huge_tree=True,
        )
        # lxml.html's default lookup calls Python for every element proxy; the C-level
        # default lookup gives the same HtmlElement class at a fraction of the cost.
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )
        _parsers.parser = parser
    return parser


# A start tag this long carries thousands of attributes; libxml2's duplicate-attribute
# check is quadratic in their number (100,000 take half a minute), so the tag is cut
# to its first part before parsing. No real tag comes near it.
_MAX_TAG_CHARS = 16_384
_giant_tag_pattern = re.compile(rf"<[A-Za-z][^<>]{{{_MAX_TAG_CHARS},}}>")
# Thousands of attributes mean thousands of "="; counting them is a C scan, ~40x
# cheaper than the pattern, so ordinary pages skip the pattern.
_MANY_EQUALS = 10_000


def _cut_giant_tags(text: str) -> str:
    def cut(match: re.Match[str]) -> str:
        tag = match.group()[:_MAX_TAG_CHARS]
        # Back to the last space, so no attribute is cut in the middle.
        return tag[: tag.rfind(" ")] + ">" if " " in tag else tag + ">"

    return _giant_tag_pattern.sub(cut, text)


# Well within libxml2's 2,048 levels (paragraphs and the like go half as deep again):
# the flattening follows the nesting as browsers do, which libxml2's own closing of
# elements may leave somewhat deeper.
_MAX_DEPTH = 1024


def _too_deep(parser: etree.HTMLParser) -> bool:
    """Whether libxml2 stopped building the tree at its nesting limit (the error ends a parse)."""
    error = parser.error_log.last_error
    return error is not None and "Excessive depth" in error.message


def _parse_tree(text: str) -> lxml.html.HtmlElement:
    """Parse decoded page text into an ``<html>`` tree (never ``None``, never an error)."""
    parser = _html_parser()
    if len(text) > _MAX_TAG_CHARS and text.count("=") > _MANY_EQUALS:
        text = _cut_giant_tags(text)
    # libxml2 reads UTF-8 bytes faster than a str; the parser's encoding overrides <meta charset>.
    # libxml2 turns NULs into U+FFFD; they go from the bytes, far cheaper than from the str.
    data = text.encode("utf-8", "replace").replace(b"\x00", b"")
    try:
        tree = etree.fromstring(data, parser)
        if _too_deep(parser):
            flat = deepnesting.flatten(text, _MAX_DEPTH)
            tree = etree.fromstring(
                flat.encode("utf-8", "replace").replace(b"\x00", b""), parser
            )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        tree = None
    if tree is None:
        tree = etree.fromstring(b"<html></html>", parser)
    root: lxml.html.HtmlElement = tree
    return root
