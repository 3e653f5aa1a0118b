"""Work that would hold the reactor, run in its thread pool instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, ParamSpec, TypeVar

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

if TYPE_CHECKING:
    from collections.abc import Callable

_P = ParamSpec("_P")
_T = TypeVar("_T")


async def in_thread(
    function: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs
) -> _T:
    """Run ``function`` in the reactor's thread pool and wait for it."""
    result: _T = await maybe_deferred_to_future(
        deferToThread(function, *args, **kwargs)
    )
    return result
