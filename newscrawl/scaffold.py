"""Skeleton files for a new site: spider, parser, parser fixture and site copy.

Pure file generation, used by ``scrapy newsite`` (``newscrawl/commands/newsite.py``).
Every file it writes is a starting point that fails its tests until filled in, so a
half-added site cannot pass for a finished one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from pathlib import Path

_site_key_pattern = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


@dataclass
class SiteSpec:
    key: str
    home_url: str
    publisher: str
    language: str = "en"
    timezone: str = "UTC"
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    article_url_allow: list[str] = field(default_factory=list)
    article_url_deny: list[str] = field(default_factory=list)

    @property
    def camel(self) -> str:
        return "".join(part.capitalize() for part in self.key.split("_"))

    @property
    def domains(self) -> list[str]:
        host = (urlsplit(self.home_url).hostname or "").removeprefix("www.")
        hosts = {host}
        hosts.update(
            (urlsplit(url).hostname or "").removeprefix("www.")
            for url in (*self.feeds, *self.sitemaps)
        )
        return sorted(h for h in hosts if h)


def _tuple(values: list[str], indent: str = "        ") -> str:
    if not values:
        return "()"
    inner = "".join(f"{indent}{value},\n" for value in values)
    return f"(\n{inner}    )"


def spider_source(spec: SiteSpec) -> str:
    sources = [f'feed("{url}")' for url in spec.feeds]
    sources += [f'sitemap("{url}")' for url in spec.sitemaps]
    imports = sorted({"feed"} if spec.feeds else set()) + (
        ["sitemap"] if spec.sitemaps else []
    )
    return f'''"""{spec.publisher}: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.{spec.key} import {spec.camel}Parser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import {", ".join(imports) or "listing"}


class {spec.camel}Spider(NewsSpider):
    name = "{spec.key}"
    allowed_domains = {_tuple([f'"{d}"' for d in spec.domains])}
    sources = {_tuple(sources)}
    article_url_allow = {_tuple([_raw(value) for value in spec.article_url_allow])}
    article_url_deny = {_tuple([_raw(value) for value in spec.article_url_deny])}
    timezone = "{spec.timezone}"
    parser = {spec.camel}Parser
'''


def parser_source(spec: SiteSpec) -> str:
    return f'''"""{spec.publisher}: field readers for its article pages."""

from __future__ import annotations

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("{spec.key}")
class {spec.camel}Parser(SiteParser):
    site_key = "{spec.key}"

    class V1(SiteParser):
        # TODO: read each field from the site's own markup; JSON-LD first.
        @field
        def headline(self) -> str | None:
            return None

        @field
        def published(self) -> str | None:
            return None

        @field
        def body(self) -> str | None:
            return None
'''


def write_site(spec: SiteSpec, root: Path) -> list[Path]:
    """Write the skeleton files of ``spec`` under the project ``root``; never overwrite."""
    if not _site_key_pattern.match(spec.key):
        raise ValueError(f"{spec.key!r} is not a site key such as 'lemonde_fr'")
    case = root / "tests" / "fixtures" / "sites" / spec.key / "example"
    files = {
        root / "newscrawl" / "spiders" / f"{spec.key}.py": spider_source(spec),
        root / "newscrawl" / "extraction" / "sites" / f"{spec.key}.py": parser_source(
            spec
        ),
        case / "meta.json": _json(
            {
                "fetched_at": "YYYY-MM-DDTHH:MM:SS+00:00",
                "url": spec.home_url,
                "version": "V1",
            }
        ),
        case / "expected.json": _json(
            {"authors": [], "body": "", "headline": "", "published": ""}
        ),
        case
        / "page.html": "<!-- A reduced copy of one article page in your own words. -->\n",
        root / "tests" / "sites" / spec.key / "expected.json": _json({"articles": []}),
    }
    existing = [path for path in files if path.exists()]
    if existing:
        raise FileExistsError(f"already there: {', '.join(map(str, existing))}")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def _json(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _raw(pattern: str) -> str:
    """Write a regex as a raw string literal, as a person would."""
    quote = "'" if '"' in pattern else '"'
    return f"r{quote}{pattern}{quote}"
