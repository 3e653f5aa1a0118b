"""Which hosts a site spider covers: its declared domains, or the ``base_url`` copy.

Scrapy-free, so the rules are tested without a crawler. A ``base_url`` (the local copy
of a site in tests and demos) replaces the scheme and host of every URL on the
declared domains, and then is the only host in scope.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def origin(url: str) -> str:
    """Return ``scheme://host[:port]`` of ``url``, or ``""`` for an empty one."""
    if not url:
        return ""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def on_domains(host: str, domains: Iterable[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one."""
    return any(host == domain or host.endswith(f".{domain}") for domain in domains)


def rebase(url: str, base: str, domains: Iterable[str]) -> str:
    """Point ``url`` at the origin ``base`` when it is on one of ``domains``."""
    if not base:
        return url
    parts = urlsplit(url)
    if not on_domains(parts.hostname or "", domains):
        return url
    target = urlsplit(base)
    return urlunsplit(
        (target.scheme, target.netloc, parts.path, parts.query, parts.fragment)
    )


def names_private_address(url: str) -> bool:
    """Whether the host of ``url`` is an IP address no public site has.

    Loopback, private, link-local (the cloud metadata service at 169.254.169.254) and
    other reserved ranges. Host names are not resolved.
    """
    host = urlsplit(url).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL with a host: never a ``file:`` or ``data:`` one."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def in_scope(url: str, base: str, domains: Sequence[str]) -> bool:
    """Whether ``url`` is an http(s) URL on the origin ``base``, else on ``domains``.

    No declared domain means any host.
    """
    parts = urlsplit(url)
    if not is_web_url(url):
        return False
    if base:
        return parts.netloc.lower() == urlsplit(base).netloc.lower()
    host = (parts.hostname or "").lower()
    return not domains or on_domains(host, domains)
