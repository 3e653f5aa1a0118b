"""Euronews (FR): field readers for its article pages.

The French edition runs on the English edition's CMS, so its versions are those of
``EuronewsComParser``; only the registry key differs.
"""

from __future__ import annotations

from newscrawl.extraction import register
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.sites.euronews_com import EuronewsComParser


@register("fr_euronews_com")
class FrEuronewsComParser(SiteParser):
    site_key = "fr_euronews_com"

    class V1(EuronewsComParser.V1):
        pass

    class V1_1(EuronewsComParser.V1_1):
        pass
