"""``scrapy newsite <site_key> <home_url>``: create the files of a new per-site spider."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.scaffold import SiteSpec, write_site

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "<site_key> <home_url> [options]"

    def short_desc(self) -> str:
        return "Create spider, parser, fixture and site-copy skeletons for a new site"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--publisher", help="display name (default: the site key)")
        parser.add_argument("--language", default="en")
        parser.add_argument(
            "--timezone", default="UTC", help="IANA zone of local times"
        )
        parser.add_argument("--feed", action="append", default=[], help="RSS/Atom URL")
        parser.add_argument(
            "--sitemap", action="append", default=[], help="sitemap URL"
        )
        parser.add_argument(
            "--allow", action="append", default=[], help="article URL regex"
        )
        parser.add_argument(
            "--deny", action="append", default=[], help="non-article URL regex"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 2:  # noqa: PLR2004 -- <site_key> <home_url>
            raise UsageError
        key, home_url = args
        spec = SiteSpec(
            key=key,
            home_url=home_url,
            publisher=opts.publisher or key,
            language=opts.language,
            timezone=opts.timezone,
            feeds=opts.feed,
            sitemaps=opts.sitemap,
            article_url_allow=opts.allow,
            article_url_deny=opts.deny,
        )
        try:
            written = write_site(spec, Path.cwd())
        except (ValueError, FileExistsError) as error:
            raise UsageError(str(error)) from error
        for path in written:
            print(f"created {path}")
        print("next: docs/adding_a_site.md")
