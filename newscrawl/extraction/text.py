"""Pure text helpers: whitespace, author names, headlines."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Sequence

_space_pattern = re.compile(r"\s+")
_email_pattern = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_handle_pattern = re.compile(r"(?<!\w)@\w+")
_url_pattern = re.compile(r"https?://\S+")
_byline_prefix_pattern = re.compile(
    r"^(?:(?:written|posted|reported|reporting|text|story|photos?|fotos?)\s+)?"
    r"(?:by|von|vom|par|por|di|da|door|av|af|från|przez|от|автор|autor(?:in)?|author|text)\s*:?\s+",
    re.IGNORECASE,
)
# Words join co-authors; marks may also part a name from its place or agency. A dash or
# dot between spaces parts a byline too ("Jane Doe — 3 Oct 2023"); a hyphen inside a
# name ("Anna-Lena") does not.
_author_separator_pattern = re.compile(
    r"\s*(?P<joined>&|\b(?:and|und|et|y|e|sowie|en|och|og|i|és|ve|dan)\b|\bu\.(?=\s))\s*"
    r"|\s*(?:,|;|\||/)\s*|\s+[-\u2013\u2014\u2022\u00b7]\s+",
    re.IGNORECASE,
)
# What follows the names in a byline element: "Published ...", "Updated ...", the
# reading time. Cut before splitting, as its words would pass for names.
_byline_tail_pattern = re.compile(
    r"\s*(?:\b(?:published|updated|last updated|veröffentlicht|aktualisiert|publié"
    r"|mis à jour|publicado|actualizado|pubblicato|aggiornato)\b|\b\d+\s*min(?:ute)?s?"
    r"\s+read\b).*$",
    re.IGNORECASE,
)
# A part that names a role beside a name ("Jane Doe, Staff Writer"); alone, as in
# "Guardian staff reporter", it is all the page says of its author and stays.
_role_pattern = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|journalist"
    r"|producer|photographer|staff|redakteur(?:in)?|korrespondent(?:in)?|journaliste"
    r"|rédact(?:eur|rice)|correspondante?|periodista|corresponsal|redactora?"
    r"|giornalista|corrispondente)\b"
    # "Editing by John Roe" names the editor, not an author.
    r"|^(?:edit(?:ing|ed)|graphics?|illustrations?)\s+by\b",
    re.IGNORECASE,
)
# "Jane Doe for The Daily Paper": the outlet she wrote for is not part of her name.
_for_outlet_pattern = re.compile(
    r"\s+(?:special\s+to|for|für)\s+(?:the\s+|die\s+|den\s+)?[A-Z].*$", re.IGNORECASE
)
# "Jane Doe in London", "Marie Dupont, à Paris": where the byline was filed from. Not
# "de", "da" or "van", which begin family names ("Jan de Vries").
_place_pattern = re.compile(r"(?:^|\s+)(?:in|from|aus|à|em)\s+(?=[A-ZÀ-ÖØ-Þ]).*$")
# A label before the names, one word and a colon in any language: "Texte : Marie
# Dupont", "Redaktion: Anna Schmidt", "Yazar: …", "Szerző: …", Chinese "作者" and a
# full-width colon. A byline does not begin with a name followed by a colon.
_name_label_pattern = re.compile(r"^[^\W\d_]{2,20}\s*[:\uff1a]\s*")
# "Ein Kommentar von …", "Pressemitteilung von …", "Analysis by …", "Propos recueillis
# par …": what the piece is (or what was done to it), then its author. Named kinds only:
# "Ursula von der Leyen" is a name with a particle, not a piece by "der Leyen".
_piece_kinds = (
    "pressemitteilung|wortlaut|analy[sz]e|analysis|artikel|article|interview|kommentar"
    "|commentary|gastbeitrag|beitrag|essay|column|kolumne|review|rezension|recueillis?"
    "|entretien|entrevista|tribune|chronique|cr[oó]nica|reportage|bericht|compiled"
    "|translated|übersetzt"
)
# "Developed by …", "Designed by …": the web agency's credit in the footer, not a byline;
# "Artikel von" with its name in another element: a label.
_credit_or_label_pattern = re.compile(
    r"^(?:created|developed|designed|powered|hosted|made)\s+by\b"
    r"|\s(?:by|von|vom|par|por)$",
    re.IGNORECASE,
)
_piece_kind_pattern = re.compile(
    r"^(?:eine?\s+[^\W\d_]+\s+von"
    rf"|(?:(?:im|an|a|une?|la|le|el|propos)\s+)?(?:{_piece_kinds})"
    r"\s+(?:by|von|vom|par|por|de|di|door))\s*:?\s+",
    re.IGNORECASE,
)
# A part that credits pictures ("photos : Jean Martin"): a photographer, not an author.
_picture_credit_pattern = re.compile(
    r"^(?:photos?|fotos?|фото|bilder?|images?|illustrations?|grafik|infographics?)\b"
    r"|^public domain$",
    re.IGNORECASE,
)
# A picture's credit in brackets inside a byline ("(Image: Getty Images/iStockphoto)").
_bracketed_credit_pattern = re.compile(
    r"[\(\[]\s*(?:photos?|fotos?|images?|bilder?)\s*:[^\)\]]*[\)\]]?", re.IGNORECASE
)
# Trailing roles and agencies that follow a name but are not part of it.
_author_suffix_pattern = re.compile(
    r"\s*[\(\[].*?[\)\]]\s*$|\s*[-\u2013\u2014]\s*(?:staff|reporter|correspondent|editor).*$",
    re.IGNORECASE,
)
_not_a_name_pattern = re.compile(
    r"^(?:staff|admin|administrator|redaktion|editorial|editor|team|unknown|anonymous|"
    r"and|und|et|by|von|more|updated?|published|share|facebook|twitter)$",
    re.IGNORECASE,
)
_max_name_length = 60
_min_host_key = 3
_max_name_words = 5
_max_site_words = 4
_max_section_words = 2
# The fullwidth bar, the box-drawing bar and the Hangul letter i stand for "|" in
# Japanese, Chinese and Korean titles, spaced or not; no word is written with them.
# A title's last words in brackets ("Headline (Site)") are a part of their own too.
# Chinese and Japanese titles set the ASCII marks and the fullwidth colon unspaced after
# a CJK character ("标题_新华网", "标题--人民网", and U+FF1A before the site name).
_headline_separator_pattern = re.compile(
    r"\s+[|\u2013\u2014\-:·•»«/]+\s+|:\s+|\s*[\uff5c\u2502\u3163]\s*"
    r"|(?<=[\u3040-\u30ff\u3400-\u9fff])[-_|\u2013\u2014\uff1a]{1,2}(?=\S)"
    r"|\s+(?=[(\[][^()\[\]]{2,60}[)\]]$)"
)
_empty_brackets_pattern = re.compile(r"[\(\[]\W*[\)\]]")
_bracketed_pattern = re.compile(r"[(\[][^()\[\]]*[)\]]")


def normalize_whitespace(text: str | None) -> str:
    """Collapse every run of whitespace (including NBSP and zero-width marks) into one space."""
    if not text:
        return ""
    text = text.replace("\u200b", "").replace("\ufeff", "").replace("\u00ad", "")
    return _space_pattern.sub(" ", text).strip()


def split_authors(raw: str) -> list[str]:
    """Split a byline into names: "By A and B", "A, B & C", "von A | B" -> ["A", "B", ...]."""
    text = normalize_whitespace(_url_pattern.sub(" ", raw))
    text = _email_pattern.sub(" ", text)
    text = _handle_pattern.sub(" ", text)
    text = _empty_brackets_pattern.sub(" ", text)
    text = _bracketed_credit_pattern.sub(" ", text)
    text = _byline_prefix_pattern.sub("", text)
    text = _byline_tail_pattern.sub("", text)
    parts: list[tuple[str, bool]] = []  # (part, joined to the one before by a word)
    start, joined = 0, True
    for separator in _author_separator_pattern.finditer(text):
        parts.append((text[start : separator.start()], joined))
        start, joined = separator.end(), separator["joined"] is not None
    parts.append((text[start:], joined))
    cleaned = [(_clean_name(part), joined) for part, joined in parts]
    named = [(name, joined) for name, joined in cleaned if name]
    if len(named) > 1:
        named = [pair for pair in named if not _role_pattern.search(pair[0])] or named
    if any(" " in name for name, _ in named):
        # Beside a full name, one word after a comma or a bar is a place, a desk or an
        # agency ("Jane Doe, Berlin", "Jane Doe | Reuters"); after "and" it is a name.
        named = [(name, joined) for name, joined in named if joined or " " in name]
    return list(dict.fromkeys(name for name, _ in named))


_min_name_letters = 2
_non_word_pattern = re.compile(r"[\W_]+")


def _clean_name(part: str) -> str | None:
    name = normalize_whitespace(part)
    if _picture_credit_pattern.match(name):
        return None
    name = _piece_kind_pattern.sub("", _name_label_pattern.sub("", name))
    name = _byline_prefix_pattern.sub("", name)
    name = _author_suffix_pattern.sub("", name)
    name = _for_outlet_pattern.sub("", name)
    name = _place_pattern.sub("", name).strip(" .,:;-\u2013\u2014\u2022\u00b7'\"")
    if (
        not name
        or _not_a_name_pattern.match(name)
        or _credit_or_label_pattern.search(name)
        # A question ("Who writes for us?") is a link's text, never a name.
        or "?" in name
    ):
        return None
    name = _once(name)
    if len(name) > _max_name_length or len(name.split()) > _max_name_words:
        return None
    # Dates, times and counters share bylines with names but are never part of one; a
    # lone letter is what is left of an abbreviation split at its dots ("e.V.").
    if (
        any(c.isdigit() for c in name)
        or sum(c.isalpha() for c in name) < _min_name_letters
    ):
        return None
    return name


def _once(name: str) -> str:
    """Return a name written twice in a row once ("Ana Lind Ana Lind": a link and its alt)."""
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    # Two text nodes of the same full name with nothing between them; a one-word name
    # that repeats a syllable ("Lili", "Coco") is left alone.
    half = len(name) // 2
    if len(name) % 2 == 0 and " " in name[:half] and name[:half] == name[half:]:
        return name[:half]
    return name


def clean_authors(raw: list[str]) -> list[str]:
    """Clean and split several raw author strings, keeping first-seen order without repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in split_authors(value):
            # "emma-mackenzie" (a profile's slug) repeats "Emma Mackenzie".
            key = _key(name)
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _key(text: str) -> str:
    # Accents dropped: a site calls itself "Nestlé Marktplatz" or "El País" on a host
    # spelled without them. ASCII text has none to drop, and skips the walk over its
    # characters (whole bodies are compared this way).
    if text.isascii():
        return _non_word_pattern.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _non_word_pattern.sub("", text)


@lru_cache(maxsize=256)
def _host_keys(url: str | None) -> frozenset[str]:
    # Cached: every title, author and site-name check of a page asks about the same URL.
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in {"www", "m", "amp"}]
    keys = {_key(label) for label in labels[:-1]} | {_key(".".join(labels))}
    return frozenset(key for key in keys if len(key) >= _min_host_key)


def _is_site_name(
    candidate: str, site_keys: list[str], host_keys: frozenset[str], *, suffix: bool
) -> bool:
    """Whether a title part names the site; ``suffix`` parts ("... - Site Tagline") may add words."""
    key = _key(candidate)
    if not key:
        return True
    for site_key in [*site_keys, *host_keys]:
        if not site_key:
            continue
        if key == site_key or (len(key) >= _min_host_key and key in site_key):
            return True
        # "Site News" or "Site.com" names the site, "Site wins the cup" is a headline.
        if site_key in key and (
            len(site_key) * 2 >= len(key)
            or (suffix and len(candidate.split()) <= _max_site_words)
        ):
            return True
    return False


def names_site(text: str, site_names: Sequence[str | None], url: str | None) -> bool:
    """Whether ``text`` is the site's own name (og:site_name or the host), e.g. as an author."""
    text = _url_pattern.sub(" ", text)
    keys = [_key(name) for name in site_names if name]
    hosts = _host_keys(url)
    key = _key(text)
    if not key:
        return False
    if any(k and (k in key or key in k) for k in keys):
        return True
    # "Daily Paper (www.dailypaper.com)": the host in brackets.
    return (
        any(host in key for host in hosts if len(host) > _min_host_key) or key in hosts
    )


def clean_headline(
    title: str | None,
    site_name: str | Sequence[str] | None = None,
    url: str | None = None,
) -> str | None:
    """Strip a "Headline | Site" or "Site - Headline" part when it names the site (og:site_name or host).

    ``site_name`` may list several names the page gives itself (og:site_name, its logo text).
    """
    title = normalize_whitespace(title)
    if not title:
        return None
    host_keys = _host_keys(url)
    names_given = [site_name] if isinstance(site_name, str) else list(site_name or ())
    site_keys = [_key(name) for name in names_given if name]
    parts = _headline_separator_pattern.split(title)
    if len(parts) == 1:
        return title
    separators = _headline_separator_pattern.findall(title)
    # A title names its site once: beside a part that is just the site's name, a short
    # part that mentions it ("Snow maps on Site.com") is the headline.
    plain_names = {*site_keys, *host_keys}
    keys = [_key(part) for part in parts]
    names = [
        _is_site_name(
            part,
            site_keys,
            host_keys,
            suffix=index > 0
            and not any(k in plain_names for i, k in enumerate(keys) if i != index),
        )
        for index, part in enumerate(parts)
    ]
    # Cut at the first site-name segment after the headline ("Headline | Site | Slogan"), then
    # drop leading site-name segments ("Site: Headline").
    start, end = 0, len(parts)
    for index in range(1, len(parts)):
        if names[index] and not all(names[:index]):
            end = index
            break
    while end - start > 1 and names[start]:
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    # Beside the cut site name, a label of a word or two is the section ("Site | Local |
    # Headline", "Headline - Local News - Site") when the other side is the longer.
    if end - start > 1:
        if start > 0 and _is_section_label(parts[start], parts[start + 1 : end]):
            start += 1
        elif end < len(parts) and _is_section_label(
            parts[end - 1], parts[start : end - 1]
        ):
            end -= 1
    rebuilt = parts[start]
    for index in range(start + 1, end):
        rebuilt += separators[index - 1] + parts[index]
    rebuilt = rebuilt.strip()
    # A bracketed part may be the site's name, never the headline: "Site (Live)".
    if not rebuilt or _bracketed_pattern.fullmatch(rebuilt):
        return title
    return rebuilt


def _is_section_label(label: str, rest: list[str]) -> bool:
    words = len(label.split())
    return words <= _max_section_words and sum(len(p.split()) for p in rest) > words


def title_parts(title: str | None) -> list[str]:
    """Split a page title at its separators: "Headline | Section | Site" -> its three parts."""
    return [
        part for part in _headline_separator_pattern.split(title or "") if part.strip()
    ]


def names_host(text: str, url: str | None) -> bool:
    """Whether ``text`` spells the page's host ("Example News" on examplenews.com)."""
    key = _key(text)
    return bool(key) and key in _host_keys(url)


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two strings are equal once case, punctuation and spacing are ignored."""
    return bool(a and b and _key(a) == _key(b))


_quote_pattern = re.compile(
    "[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`\u00b4]"
)
_dash_pattern = re.compile("[\u2010-\u2015\u2212-]")


def same_typography(a: str, b: str) -> bool:
    """Whether two strings differ at most in the kind of quotes and dashes and in spacing."""

    def plain(text: str) -> str:
        text = _dash_pattern.sub("-", _quote_pattern.sub('"', text))
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return plain(a) == plain(b)


def ends_with_text(outer: str | None, inner: str | None) -> bool:
    """Whether ``outer`` ends with ``inner`` once case, punctuation and spacing are ignored."""
    if not outer or not inner:
        return False
    inner_key = _key(inner)
    return bool(inner_key) and _key(outer).endswith(inner_key)


def contains_text(outer: str | None, inner: str | None) -> bool:
    """Whether ``inner`` appears in ``outer`` once case, punctuation and spacing are ignored."""
    if not outer or not inner:
        return False
    inner_key = _key(inner)
    return bool(inner_key) and inner_key in _key(outer)


_SCRIPT_SUBTAG_CHARS = 4


def normalize_language(raw: str | None) -> str | None:
    """``en_US`` / ``EN-us`` / ``de-DE`` -> ``en`` / ``de``; keeps ``pt-BR``-style regions only for pt and zh."""
    if not raw:
        return None
    parts = re.split(r"[-_]", raw.strip().split(",")[0].strip())
    primary = parts[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    # The region follows a script subtag when there is one ("zh-Hant-TW").
    region = next(
        (part for part in parts[1:3] if len(part) != _SCRIPT_SUBTAG_CHARS), ""
    )
    if primary in {"pt", "zh"} and re.fullmatch(r"[A-Za-z]{2}", region):
        return f"{primary}-{region.upper()}"
    return primary


_token_pattern = re.compile(r"[^\W_]+")


def is_segment_of(outer: str | None, inner: str | None) -> bool:
    """Whether ``inner`` starts ``outer`` or is a part of it set off by punctuation ("Kicker: Inner - Site").

    Unlike ``contains_text``, a heading whose words merely occur inside a longer sentence does
    not count.
    """
    if not outer or not inner:
        return False
    outer_text = unicodedata.normalize("NFKC", outer).casefold()
    inner_text = unicodedata.normalize("NFKC", inner).casefold()
    words = _token_pattern.findall(inner_text)
    spans = [
        (m.start(), m.end(), m.group()) for m in _token_pattern.finditer(outer_text)
    ]
    size = len(words)
    if not size or size > len(spans):
        return False
    for start in range(len(spans) - size + 1):
        if [span[2] for span in spans[start : start + size]] != words:
            continue
        before = outer_text[spans[start - 1][1] if start else 0 : spans[start][0]]
        end = start + size
        after = outer_text[
            spans[end - 1][1] : spans[end][0] if end < len(spans) else len(outer_text)
        ]
        # A title may run on after the heading ("Cake recipe by Ann"), but words in front of
        # it without a separator make it a different sentence.
        if start == 0 or (
            _bounded(before, at_edge=False) and _bounded(after, end == len(spans))
        ):
            return True
    return False


def _bounded(gap: str, at_edge: bool) -> bool:
    return at_edge or any(
        not c.isspace() and c not in "'\"\u2018\u2019\u201c\u201d\u201e" for c in gap
    )


def is_truncation(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` cut off at the end ("Storm hits the coast…" / "Storm hits")."""
    head = _key(short.rstrip(" .\u2026"))
    full_key = _key(full)
    return bool(head) and len(head) < len(full_key) and full_key.startswith(head)


_unstorable_pattern = re.compile("[\x00\ud800-\udfff]")


def _replace_unstorable(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def storable(value: Any) -> Any:
    """Return ``value`` with NULs dropped and lone surrogates replaced, in lists and dicts too.

    JSON-LD escapes of U+0000 and of lone surrogates decode to them; no UTF-8 consumer (SQLite,
    PostgreSQL, a JSON Lines file) accepts a lone surrogate, and NUL ends C strings.
    """
    if isinstance(value, str):
        return _unstorable_pattern.sub(_replace_unstorable, value)
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {key: storable(item) for key, item in value.items()}
    return value
