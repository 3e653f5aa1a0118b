"""Pure text helpers: whitespace, author names, headlines."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_space_pattern = re.compile(r"\s+")
_email_pattern = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_handle_pattern = re.compile(r"(?<!\w)@\w+")
_url_pattern = re.compile(r"https?://\S+")
_byline_prefix_pattern = re.compile(
    r"^(?:(?:written|posted|reported|text|story|photos?|fotos?)\s+)?"
    r"(?:by|von|par|por|di|da|door|av|af|från|przez|от|автор|autor(?:in)?|author|text)\s*:?\s+",
    re.IGNORECASE,
)
_author_separator_pattern = re.compile(
    r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bu\.\b|\bsowie\b)\s*",
    re.IGNORECASE,
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
_headline_separator_pattern = re.compile(r"\s+[|\u2013\u2014\-:·•»«/]+\s+|:\s+")
_empty_brackets_pattern = re.compile(r"[\(\[]\W*[\)\]]")


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
    text = _byline_prefix_pattern.sub("", text)
    names: list[str] = []
    for part in _author_separator_pattern.split(text):
        name = _clean_name(part)
        if name and name not in names:
            names.append(name)
    return names


def _clean_name(part: str) -> str | None:
    name = _byline_prefix_pattern.sub("", normalize_whitespace(part))
    name = _author_suffix_pattern.sub("", name).strip(" .,:;-\u2013\u2014'\"")
    if not name or _not_a_name_pattern.match(name):
        return None
    if len(name) > _max_name_length or len(name.split()) > _max_name_words:
        return None
    # Dates, times and counters share bylines with names but are never part of one.
    if any(c.isdigit() for c in name) or not any(c.isalpha() for c in name):
        return None
    return name


def clean_authors(raw: list[str]) -> list[str]:
    """Clean and split several raw author strings, keeping first-seen order without repeats."""
    names: list[str] = []
    for value in raw:
        for name in split_authors(value):
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", text)


def _host_keys(url: str | None) -> set[str]:
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in {"www", "m", "amp"}]
    keys = {_key(label) for label in labels[:-1]} | {_key(".".join(labels))}
    return {key for key in keys if len(key) >= _min_host_key}


def _is_site_name(candidate: str, site_name: str | None, host_keys: set[str]) -> bool:
    key = _key(candidate)
    if not key:
        return True
    if site_name:
        site_key = _key(site_name)
        if site_key and (key == site_key or key in site_key or site_key in key):
            return True
    return any(
        host == key or (len(host) > _min_host_key and host in key) for host in host_keys
    )


def clean_headline(
    title: str | None, site_name: str | None = None, url: str | None = None
) -> str | None:
    """Strip a "Headline | Site" or "Site - Headline" part when it names the site (og:site_name or host)."""
    title = normalize_whitespace(title)
    if not title:
        return None
    host_keys = _host_keys(url)
    parts = _headline_separator_pattern.split(title)
    if len(parts) == 1:
        return title
    separators = _headline_separator_pattern.findall(title)
    # Cut at the first site-name segment after the headline ("Headline | Site | Slogan"), then
    # drop leading site-name segments ("Site: Headline").
    names = [_is_site_name(part, site_name, host_keys) for part in parts]
    start, end = 0, len(parts)
    for index in range(1, len(parts)):
        if names[index] and not all(names[:index]):
            end = index
            break
    while end - start > 1 and names[start]:
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    rebuilt = parts[start]
    for index in range(start + 1, end):
        rebuilt += separators[index - 1] + parts[index]
    return rebuilt.strip() or title


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two strings are equal once case, punctuation and spacing are ignored."""
    return bool(a and b and _key(a) == _key(b))


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


def normalize_language(raw: str | None) -> str | None:
    """``en_US`` / ``EN-us`` / ``de-DE`` -> ``en`` / ``de``; keeps ``pt-BR``-style regions only for pt and zh."""
    if not raw:
        return None
    parts = re.split(r"[-_]", raw.strip().split(",")[0].strip())
    primary = parts[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    if (
        primary in {"pt", "zh"}
        and len(parts) > 1
        and re.fullmatch(r"[A-Za-z]{2}", parts[1])
    ):
        return f"{primary}-{parts[1].upper()}"
    return primary
