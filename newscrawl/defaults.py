"""Default values of newscrawl's own settings, in one place.

Every setting here is documented in README.md ("Settings"). Components read
them with ``settings.get(name, defaults.NAME)`` style fall-backs, so a crawl
that does not load ``newscrawl.settings`` (e.g. a test crawler) still works.
"""

from __future__ import annotations

# Cleaning
NEWSCRAWL_CLEANING_ENABLED = True

# Dates: how far in the future a date may lie (clock skew, time zones) and the
# oldest date that is believable for a news article.
NEWSCRAWL_DATES_ENABLED = True
NEWSCRAWL_DATES_FUTURE_TOLERANCE_HOURS = 26
NEWSCRAWL_DATES_MIN_YEAR = 1990
# Site key -> IANA time zone for pages that give local times without an offset; it
# overrides the spider's own ``timezone`` (the generic spider crawls many sites).
NEWSCRAWL_TIMEZONES: dict[str, str] = {}

# Validation
NEWSCRAWL_VALIDATION_ENABLED = True
NEWSCRAWL_REQUIRED_FIELDS = ("url", "headline", "body")

# Deduplication
NEWSCRAWL_DEDUP_ENABLED = True
# Near-duplicate bodies (MinHash LSH): the estimated Jaccard similarity of 5-word
# shingles from which a body counts as a copy. The index finds a pair at 0.5 with
# probability 0.87, at 0.6 with 0.99 (see newscrawl.neardup).
NEWSCRAWL_NEARDUP_ENABLED = True
NEWSCRAWL_NEARDUP_THRESHOLD = 0.5
# Where the near-duplicate index's band rows live. "store": in the store's tables, in
# bounded memory, a lookup growing by a step per tenfold store. "memory" (SQLite only):
# in a dict built from the store's signatures when a crawl starts, a lookup as fast at
# any size, about 2.9 KB of memory per stored body (newscrawl.store.memoryindex).
NEWSCRAWL_NEARDUP_INDEX = "store"

# A page that declares no language, or one its paragraphs contradict, gets the one of
# its paragraphs (py3langid), which also gives its dates their dateparser locale. The
# model takes about 90 MB of memory per process from the first such page on; off, such
# pages keep no language, or the declared one.
NEWSCRAWL_DETECT_LANGUAGE = True

# Incremental crawling: skip article URLs the SQLite store already holds, except
# articles published within the last NEWSCRAWL_REFRESH_DAYS days whose feed or
# sitemap entry is dated after the stored version.
NEWSCRAWL_INCREMENTAL_ENABLED = True
NEWSCRAWL_REFRESH_DAYS = 2.0
# A page found to be no article on two different days is not fetched again for this
# many days after the last time (newscrawl.store.nonarticles); 0 fetches it every run.
NEWSCRAWL_NOT_ARTICLE_DAYS = 7.0

# A host's robots.txt Crawl-delay is kept between requests to it (with ROBOTSTXT_OBEY),
# up to NEWSCRAWL_MAX_CRAWL_DELAY seconds (newscrawl.extensions.crawldelay).
NEWSCRAWL_OBEY_CRAWL_DELAY = True
NEWSCRAWL_MAX_CRAWL_DELAY = 60.0

# A 429 or 503 answer's Retry-After pauses its host's downloads, up to
# NEWSCRAWL_MAX_RETRY_AFTER seconds; a 429 without one pauses them for
# NEWSCRAWL_RATE_LIMIT_PAUSE (newscrawl.extensions.retryafter). 0 turns either off.
NEWSCRAWL_MAX_RETRY_AFTER = 300.0
NEWSCRAWL_RATE_LIMIT_PAUSE = 10.0

# Feeds and sitemaps are kept with their ETag/Last-Modified and asked for with a
# conditional request next run; a 304 reads the kept copy (newscrawl.middlewares.
# sourcecache). The folder defaults to one beside the SQLite store; copies no run
# has read for NEWSCRAWL_SOURCE_CACHE_DAYS are removed (0 keeps them).
NEWSCRAWL_SOURCE_CACHE_ENABLED = True
NEWSCRAWL_SOURCE_CACHE_DIR: str | None = None
NEWSCRAWL_SOURCE_CACHE_DAYS = 30.0

# The sitemap protocol allows 50 MiB (uncompressed) a file, five times the
# DOWNLOAD_MAXSIZE that pages get; a sitemap over it is a failed source. 0: no limit.
NEWSCRAWL_SITEMAP_MAXSIZE = 50 * 1024 * 1024

# SQLite storage
NEWSCRAWL_SQLITE_ENABLED = True
NEWSCRAWL_SQLITE_BATCH_SIZE = 100
NEWSCRAWL_SQLITE_PATH = "data/articles.sqlite"
# PostgreSQL instead of SQLite, e.g. postgresql://user:password@db-host/newscrawl.
NEWSCRAWL_DATABASE_URL = None
# How long a batch that failed on a lost connection is retried before it counts as lost.
NEWSCRAWL_STORE_RETRY_SECONDS = 60.0

# Progress and summary extensions: seconds between progress lines (0 turns them
# off), and whether the end-of-crawl summary is printed to stdout besides the log.
NEWSCRAWL_PROGRESS_INTERVAL = 5.0
NEWSCRAWL_SUMMARY_STDOUT = True

# Breakage alarms: the share of pages on which a site parser must find each watched
# field itself, once the field has NEWSCRAWL_QUALITY_MIN_PAGES pages in a crawl.
NEWSCRAWL_QUALITY_ENABLED = True
NEWSCRAWL_QUALITY_FIELDS = ("headline", "published", "authors", "body")
NEWSCRAWL_QUALITY_MIN_PAGES = 5
NEWSCRAWL_QUALITY_THRESHOLD = 0.8

# Distributed mode (newscrawl/distributed/): a scrapy-redis frontier shared by workers.
NEWSCRAWL_REDIS_URL = None
# One round of a spider's crawl; workers started with the same id share its frontier.
# Empty means the UTC day the worker starts (YYYY-MM-DD).
NEWSCRAWL_CRAWL_ID = ""
# Seconds without a heartbeat after which a worker counts as dead.
NEWSCRAWL_WORKER_TTL = 20.0
# How long a Redis command is tried again while Redis cannot be reached (a restart):
# the worker pauses meanwhile (newscrawl/distributed/connection.py).
NEWSCRAWL_REDIS_RETRY_SECONDS = 60.0
