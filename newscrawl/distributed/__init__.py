"""Distributed mode: several crawler processes sharing one scrapy-redis frontier.

Switched on by ``NEWSCRAWL_REDIS_URL`` (see :mod:`newscrawl.distributed.addon`).
"""
