"""newscrawl's own signals, sent through ``crawler.signals`` like Scrapy's."""

# A request ended without an item: an article page that is none, too old, or could
# not be downloaded; a source that could not be read. Arguments: ``url`` (the URL the
# spider requested, before redirects) and ``links``, the requests it led to (a failed
# source's errback may return the next sitemap to guess).
article_settled = object()

# Commit whatever the storage pipeline holds in its batch now: a distributed worker
# sends it before it reports itself idle, so the others can trust the store.
store_flush = object()

# An article page was fetched and found to be no article (or no HTML). Argument: ``url``
# (the URL the spider requested). The storage pipeline records it, so that later runs
# can skip a page found so on several days (newscrawl.store.nonarticles).
non_article_seen = object()
