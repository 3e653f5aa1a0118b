"""Scrapy settings for newscrawl: polite production defaults.

Plain assignments grouped by component; each is explained in README.md.
newscrawl's own settings and their defaults live in ``newscrawl/defaults.py``.
"""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"

# Identify ourselves honestly so site owners can reach us.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"

# Politeness
ROBOTSTXT_OBEY = True
# Scrapy's own, fixed so that requests waiting together for a host's robots.txt all
# obey it (see newscrawl/middlewares/robotstxt.py).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    # First: a page the warc spider read from an archive needs no download.
    "newscrawl.middlewares.storedpages.StoredPageMiddleware": 50,
    # Before the robots.txt request a refused redirect would otherwise cost.
    "newscrawl.middlewares.privateaddress.PrivateAddressMiddleware": 90,
    "newscrawl.middlewares.robotstxt.RobotsTxtMiddleware": 100,
    # Inside Scrapy's own HTTP cache (900), should a developer turn that on too.
    "newscrawl.middlewares.sourcecache.SourceCacheMiddleware": 905,
}
# The host a generic start URL redirected to travels with its requests to every worker.
SPIDER_MIDDLEWARES = {
    "newscrawl.middlewares.landinghost.LandingHostMiddleware": 600,
}
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Hand the downloader the next request of the host with the fewest downloads under way.
# Scrapy's default takes the next by priority alone: requests for a slow host (a
# Crawl-delay, AutoThrottle backing off) then fill CONCURRENT_REQUESTS while waiting
# for their turn, and every other site waits with them (40 pages of a fast host took
# 15.3 s beside a host paced at 0.5 s, against 0.7 s with this queue). Each host's own
# requests keep their priority order (newest first).
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
# Scrapy starts this many asyncio tasks for the output of every callback; an article
# page yields one item, and 100 (the default) idle tasks a page are measurable work.
CONCURRENT_ITEMS = 8
# Scrapy's check for a generator callback that returns a value caches by callback,
# but a bound method is a new object at every call, so it re-parses the callback's
# source for every response (0.29 ms measured); our callbacks are linted and tested.
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Limits and fault handling
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10

# No dupefilter: the spiders keep their own in-run sets and the store is the record of
# what is done. Scrapy's filter would, with JOBDIR, keep a seen-set that outlives a
# killed crawl's lost queue and hide those pages from the next run; and the usual way
# around it, dont_filter=True, also exempts requests and their redirects from the
# offsite filter.
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"

# HTTP(S) only: no page, feed or redirect can make the crawler read local files or
# talk FTP, S3 or data: URLs, whatever other checks a URL slips past.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}

# Nothing listens for remote control.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

LOG_LEVEL = "INFO"
# A dropped item is an expected outcome (duplicate, incomplete page), counted in the
# stats and the summary; at WARNING Scrapy would print every dropped Article in full.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "newscrawl.pipelines.cleaning.CleanTextPipeline": 100,
    "newscrawl.pipelines.dates.NormalizeDatesPipeline": 200,
    "newscrawl.pipelines.validation.RequiredFieldsPipeline": 300,
    "newscrawl.pipelines.dedup.DedupPipeline": 400,
    "newscrawl.pipelines.store.StorePipeline": 800,
}

# Distributed mode when NEWSCRAWL_REDIS_URL is set (newscrawl/distributed/addon.py).
ADDONS = {"newscrawl.distributed.addon.DistributedMode": 0}

EXTENSIONS = {
    # Scrapy's AutoThrottle would lower a robots.txt Crawl-delay; this one keeps it.
    "scrapy.extensions.throttle.AutoThrottle": None,
    "newscrawl.extensions.crawldelay.FlooredAutoThrottle": 0,
    "newscrawl.extensions.crawldelay.RobotsCrawlDelay": 0,
    "newscrawl.extensions.retryafter.RetryAfter": 0,
    "newscrawl.extensions.progress.CrawlProgress": 500,
    # Before the summary: spider_closed handlers run in this order, and the summary
    # shows the alarms QualityAlarms has just recorded.
    "newscrawl.extensions.quality.QualityAlarms": 400,
    "newscrawl.extensions.summary.CrawlSummary": 500,
    # Last, so its verdict counts the errors of every other spider_closed handler.
    "newscrawl.extensions.outcome.JobOutcome": 600,
}

# newscrawl's own settings (NEWSCRAWL_*) are read with their defaults from
# newscrawl/defaults.py; set them here or with -s to override.
