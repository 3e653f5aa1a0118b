"""Recovering a JOBDIR after a crawl that did not stop cleanly (``kill -9``, power loss).

Scrapy writes its disk request queue's bookkeeping only when a crawl stops cleanly, so
after a kill the queue under ``requests.queue`` can be half written: resuming from it
fails on the first push to a damaged priority queue and those requests vanish. The
dupefilter's ``requests.seen`` survives too and names pages whose queue entries are gone.

newscrawl needs neither to resume: every run re-reads its sources and the store's
committed rows say which articles are done. So a run marks the JOBDIR as in use and
unmarks it once the scheduler has saved its queue; a run that finds the mark left
behind drops the queue and the seen-set before the scheduler opens them.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

RUNNING_MARKER = "newscrawl.running"
# What Scrapy keeps in a JOBDIR that a killed crawl can leave damaged or misleading.
_QUEUE_DIR = "requests.queue"
_SEEN_FILE = "requests.seen"


def begin_run(jobdir: Path) -> bool:
    """Mark ``jobdir`` as in use; return True when the previous run there was killed.

    In that case its request queue and seen-set are removed first.
    """
    jobdir.mkdir(parents=True, exist_ok=True)
    marker = jobdir / RUNNING_MARKER
    crashed = marker.exists()
    if crashed:
        shutil.rmtree(jobdir / _QUEUE_DIR, ignore_errors=True)
        (jobdir / _SEEN_FILE).unlink(missing_ok=True)
    marker.write_text(f"{os.getpid()}\n", encoding="ascii")
    return crashed


def end_run(jobdir: Path) -> None:
    """Unmark ``jobdir``: the crawl stopped and Scrapy saved its state."""
    (jobdir / RUNNING_MARKER).unlink(missing_ok=True)
