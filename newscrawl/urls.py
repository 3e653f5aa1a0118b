"""Pure URL helpers: canonical article URLs and site keys."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract

if TYPE_CHECKING:
    from scrapy import Request

# Query parameters that only track where a reader came from; they never select content.
_tracking_param_pattern = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|"
    r"ocid|cmpid|cmp|icid|ito|at_\w+|ns_\w+|xtor|wt_mc|wt\.mc_id|sr_share|ref|ref_src|"
    r"share|smid|rss|feed|partner|s_cid|spm|maca)$",
    re.IGNORECASE,
)
_default_ports = {"http": 80, "https": 443}
# Session ids, in a path parameter (Java servers: ";jsessionid=...") or in the query.
# Not "sid": some sites number their stories with it.
_session_path_pattern = re.compile(r";(?:jsessionid|phpsessid)=[^/?#;]*", re.IGNORECASE)
_session_param_pattern = re.compile(
    r"^(?:jsessionid|phpsessid|sessionid|session_id|cfid|cftoken)$", re.IGNORECASE
)

# The bundled public-suffix snapshot: never fetch the list over the network.
_extract_domain = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def canonicalize_url(url: str) -> str:
    """Return ``url`` without fragment, tracking or session parameters or default port.

    The host is lower-cased.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.port and _default_ports.get(scheme) != parts.port:
        netloc = f"{host}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _tracking_param_pattern.match(key)
            and not _session_param_pattern.match(key)
        ]
    )
    path = (
        _session_path_pattern.sub("", parts.path) if ";" in parts.path else parts.path
    )
    return urlunsplit((scheme, netloc, path or "/", query, ""))


def is_amp_url(url: str) -> bool:
    """Whether ``url`` is an AMP version: "/amp/" or ".amp" in the path, an amp. host, ?amp."""
    parts = urlsplit(url)
    path = parts.path.lower()
    query = parts.query.lower()
    return (
        "/amp/" in f"{path}/"
        or path.endswith((".amp", ".amp.html"))
        or parts.netloc.lower().startswith("amp.")
        or query == "amp"
        or "outputtype=amp" in query
        or query.startswith("amp=")
        or "&amp=" in query
    )


@lru_cache(maxsize=4096)
def site_key(url: str) -> str:
    """Site key of ``url``: its registrable domain with ``.`` and ``-`` turned into ``_``.

    Hosts without a public suffix (IP addresses, ``localhost``) keep the whole host and
    the port, so two local test sites on one address get two keys.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    key = _registrable(host) or (f"{host}:{parts.port}" if parts.port else host)
    return re.sub(r"[.\-:]", "_", key)


def registrable_domain(url: str) -> str | None:
    """Return the registrable domain of ``url``'s host (``example.co.uk``).

    None for a host without a public suffix (an IP address, ``localhost``).
    """
    return _registrable((urlsplit(url).hostname or "").lower())


@lru_cache(maxsize=4096)
def _registrable(host: str) -> str | None:
    extracted = _extract_domain(host)
    if extracted.suffix and extracted.domain:
        return f"{extracted.domain}.{extracted.suffix}"
    return None


def requested_url(request: Request) -> str:
    """Return the URL a spider asked for, before any redirect."""
    redirects = request.meta.get("redirect_urls") or [request.url]
    return str(redirects[0])
