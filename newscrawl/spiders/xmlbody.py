"""The bytes of a feed or sitemap: decompressed, repaired, parsed safely, sniffed.

Pure functions, no crawler. :mod:`newscrawl.spiders.sources` reads the entries out of
what this module parses; the generic spider asks :func:`sniff_kind` what a start URL
returned.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

from lxml import etree
from scrapy.utils.gz import gunzip


class SourceError(ValueError):
    """A feed or sitemap that cannot be read."""


def _safe_parser(*, recover: bool) -> etree.XMLParser:
    # No entity expansion, no network and no huge trees: a hostile feed must not
    # read local files, reach other hosts or exhaust memory.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def local_name(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].lower()


def is_gzip(body: bytes) -> bool:
    return body[:2] == b"\x1f\x8b"


def maybe_gunzip(body: bytes, *, max_size: int = 0) -> bytes:
    """Return ``body`` decompressed when it is a gzip file (``sitemap.xml.gz``)."""
    if not is_gzip(body):
        return body
    try:
        return gunzip(body, max_size=max_size)
    except Exception as error:  # corrupt data or over max_size, both unreadable
        raise SourceError(f"cannot decompress gzip body: {error}") from error


def parse_xml(body: bytes) -> tuple[etree._Element, bool]:
    """Parse ``body`` safely; return the root and whether recovery mode was needed.

    A truncated or slightly broken document still yields what can be read, so
    a sitemap with one bad byte does not lose all its links.
    """
    if not body.strip():
        raise SourceError("empty document")
    try:
        root = etree.fromstring(body, parser=_safe_parser(recover=False))
        recovered = False
    except etree.XMLSyntaxError as error:
        repaired = _repair(body)
        root = None
        for recover in (False, True):
            try:
                root = etree.fromstring(repaired, parser=_safe_parser(recover=recover))
            except etree.XMLSyntaxError:
                continue
            if root is not None:
                break
        if root is None:
            raise SourceError(f"not XML: {error}") from error
        recovered = True
    _refuse_entity_declarations(root)
    return root, recovered


# A "&" that starts no character or entity reference: "?a=1&b=2" in a link. Recovery
# mode would drop "&b", leaving a URL that was never linked.
_bare_ampersand_pattern = re.compile(
    rb"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)"
)
# A named reference: XML knows five names; feeds written by HTML templates use the rest
# ("&nbsp;", "&eacute;"), which stop a strict parse, and in recovery mode libxml2 then
# also drops the "&amp;" of every link's query.
_named_reference_pattern = re.compile(rb"&([A-Za-z_][\w.-]*);")
_XML_NAMES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
# Where the document proper starts, when a server printed something before it (a PHP
# warning ahead of a WordPress feed is the usual case).
_document_start_pattern = re.compile(
    rb"<\?xml\b|<(?:[\w-]+:)?(?:rss|feed|rdf|urlset|sitemapindex)(?=[\s>])",
    re.IGNORECASE,
)
_junk_window = 4096
_absolute_url_pattern = re.compile(r"https?://[^\s/]+\S*\Z")


def _repair(body: bytes) -> bytes:
    """Undo the usual breakages of feeds and sitemaps: junk ahead, bare ampersands, HTML names."""
    start = _document_start_pattern.search(body, 0, _junk_window)
    if start is not None and start.start() > 0:
        body = body[start.start() :]
    body = _bare_ampersand_pattern.sub(b"&amp;", body)
    return _named_reference_pattern.sub(_numeric_reference, body)


def _numeric_reference(match: re.Match[bytes]) -> bytes:
    """Spell an HTML name as its number; an unknown name stays text ("&amp;name;")."""
    name = match[1]
    if name in _XML_NAMES:
        return match[0]
    codepoint = name2codepoint.get(name.decode("ascii", "replace"))
    if codepoint is None:
        return b"&amp;" + match[0][1:]
    return b"&#%d;" % codepoint


def _refuse_entity_declarations(root: etree._Element) -> None:
    # No sitemap or feed declares entities; one that does is a billion-laughs or XXE
    # attempt. They are never expanded (_safe_parser), but the unexpanded references
    # would leave URLs such as "/news/" behind: the document is refused and reported.
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise SourceError("declares XML entities (entity bomb or external entity)")


def first_byte(body: bytes) -> bytes:
    """Return the first byte of ``body`` after a UTF-8 BOM and whitespace ("<", "{" …)."""
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]


def text_sitemap(body: bytes) -> list[str] | None:
    """Return the URLs of a text sitemap (one absolute URL per line), else None.

    The sitemaps.org protocol allows this form; robots.txt often names a sitemap.txt.
    The protocol has no comments, but generators write a "# generated by …" line, so
    lines starting with "#" are passed over; any other line that is not a URL means
    the body is something else.
    """
    if first_byte(body) == b"<":
        return None
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if not urls or not all(_absolute_url_pattern.match(url) for url in urls):
        return None
    return urls


_xml_start_pattern = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<([\w:]+)", re.DOTALL
)


def sniff_kind(body: bytes, content_type: str = "", url: str = "") -> str:
    """Guess what a start URL returned: ``feed``, ``sitemap``, ``robots`` or ``html``."""
    if url.rstrip("/").endswith("/robots.txt") and content_type.startswith(
        "text/plain"
    ):
        return "robots"
    data = body[:_junk_window]
    if _is_json_feed(data, content_type):
        return "feed"
    # Whole lines only: a URL cut at the window's end may no longer look like one.
    lines = data if len(body) <= _junk_window else data[: data.rfind(b"\n") + 1]
    if is_gzip(data) or text_sitemap(lines) is not None:
        return "sitemap"
    root = _root_name(data.lstrip(b"\xef\xbb\xbf"))
    if root != "html" and root not in _ROOT_KINDS:
        # Maybe a feed behind something the server printed first.
        start = _document_start_pattern.search(data)
        if start is not None:
            root = _root_name(data[start.start() :])
    return _ROOT_KINDS.get(root, "html")


def _is_json_feed(data: bytes, content_type: str) -> bool:
    """Whether ``data`` starts a JSON Feed: a JSON object served as one or saying so.

    The version URL is the first key in every feed generator we know of, and a JSON
    answer that is no feed rarely names it.
    """
    if first_byte(data) != b"{":
        return False
    return (
        content_type.startswith("application/feed+json")
        or b"jsonfeed.org/version/" in data
    )


_ROOT_KINDS = {
    "urlset": "sitemap",
    "sitemapindex": "sitemap",
    "rss": "feed",
    "feed": "feed",
    "rdf": "feed",
}


def _root_name(data: bytes) -> str:
    """Return the local name of the first element of ``data``, lower-cased."""
    match = _xml_start_pattern.match(data)
    if match is None:
        return ""
    return match.group(1).decode("ascii", "replace").rpartition(":")[2].lower()
