"""Pages fetched and found to be no article, so later runs need not fetch them again.

No Scrapy here; :class:`~newscrawl.store.sqlite.ArticleStore` writes the rows, and
:class:`~newscrawl.store.known.KnownArticles` reads them when a spider opens.

One judgement is not enough: a consent wall, a truncated download or an error page
served with status 200 also look like no article, and remembering those would lose the
article for days. So a page is skipped only once it was found to be no article on
:data:`CONFIRMING_DAYS` different UTC days, and for ``NEWSCRAWL_NOT_ARTICLE_DAYS`` after
the last time: then it is fetched once more, and a page that has become an article is
stored like any other (the stored URLs are checked first).
"""

from __future__ import annotations

CONFIRMING_DAYS = 2

CREATE_SQL = """CREATE TABLE IF NOT EXISTS non_articles (
    url TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    days INTEGER NOT NULL
)"""
# Stamps are UTC ISO 8601 text, so their first ten characters are the UTC day and they
# sort as times. A judgement on a later day than the last adds a day, a second one on
# the same day does not; an older stamp (a worker whose clock is behind) changes nothing.
RECORD_SQL = (
    "INSERT INTO non_articles (url, first_seen, last_seen, days) VALUES (?, ?, ?, 1)"
    " ON CONFLICT (url) DO UPDATE SET"
    " days = non_articles.days + CASE WHEN substr(excluded.last_seen, 1, 10)"
    " > substr(non_articles.last_seen, 1, 10) THEN 1 ELSE 0 END,"
    " last_seen = CASE WHEN excluded.last_seen > non_articles.last_seen"
    " THEN excluded.last_seen ELSE non_articles.last_seen END"
)
SELECT_CONFIRMED_SQL = "SELECT url FROM non_articles WHERE days >= ? AND last_seen >= ?"
