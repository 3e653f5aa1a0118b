"""How a worker's Redis clients ride out a short outage: all of them the same way.

A Redis restart or failover refuses connections for a few seconds, longer with a big
append-only file to load. redis-py retries a command for about two seconds by default;
past that, scrapy-redis's scheduler and seen-set raise inside Scrapy's engine, and the
request being admitted or queued at that moment is lost while the job still ends "ok"
(measured: one article of 20 lost to a 2-second restart). These clients retry with
exponential backoff, capped at :data:`MAX_BACKOFF`, for ``NEWSCRAWL_REDIS_RETRY_SECONDS``
of waiting between attempts (a refused connection fails at once; on a network that drops
packets each attempt also waits out its socket timeout, :data:`SOCKET_TIMEOUT`): the
worker pauses and loses nothing. Retried commands are idempotent (ZADD, SADD, HSET, SET) except the queue's pop,
whose request, if the reply was lost, stays admitted and unsettled, so the sweep at the
end of the crawl queues it again (frontier.py). A pause longer than
``NEWSCRAWL_WORKER_TTL`` lets the worker's heartbeat lapse; another worker that goes idle
meanwhile may then queue the requests it holds once more: fetched twice, stored once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from newscrawl import defaults

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

FIRST_BACKOFF = 0.1
MAX_BACKOFF = 2.0
# How long one attempt waits to connect or for a reply. Without it, a connection the
# network dropped without a reset blocks the reactor until the kernel gives up on it
# (a quarter of an hour and more). scrapy-redis's own default, so every client agrees.
SOCKET_TIMEOUT = 30.0


def retries_within(seconds: float) -> int:
    """Count the retries whose backoffs (doubling, capped) add up to ``seconds``."""
    retries, waited = 0, 0.0
    while waited < seconds:
        retries += 1
        waited += min(MAX_BACKOFF, FIRST_BACKOFF * 2**retries)
    return retries


def client_params(settings: BaseSettings) -> dict[str, Any]:
    """Keyword arguments for every Redis client of a worker, before ``REDIS_PARAMS``."""
    seconds = settings.getfloat(
        "NEWSCRAWL_REDIS_RETRY_SECONDS", defaults.NEWSCRAWL_REDIS_RETRY_SECONDS
    )
    return {
        "retry": Retry(
            ExponentialBackoff(cap=MAX_BACKOFF, base=FIRST_BACKOFF),
            retries_within(seconds),
        ),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
        "socket_timeout": SOCKET_TIMEOUT,
        "socket_connect_timeout": SOCKET_TIMEOUT,
    }


def redis_params(settings: BaseSettings) -> dict[str, Any]:
    """:func:`client_params` with the user's own ``REDIS_PARAMS`` winning key by key."""
    return {**client_params(settings), **settings.getdict("REDIS_PARAMS")}
