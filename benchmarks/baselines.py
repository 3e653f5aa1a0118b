"""Baseline extractors run beside newscrawl by ``make bench``.

The shared bench folder has baselines for the body and metadata scorers but none for
``publishers_eval.py``; ``trafilatura_article`` gives trafilatura's full record in the
same shape as ``newscrawl_adapters:article``. The shared metadata baseline runs only
trafilatura's metadata step, while ``newscrawl_adapters:metadata`` times a whole
``extract_article`` (body included); ``trafilatura_full_metadata`` times trafilatura
doing the same whole job, so both ratios are printed.
"""

from __future__ import annotations

from typing import Any


def _trafilatura_record(html: str, url: str) -> dict[str, Any] | None:
    import trafilatura  # noqa: PLC0415 -- a bench-only dependency, loaded when a baseline runs

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, as_dict=True)
    return doc if isinstance(doc, dict) else None


def trafilatura_full_metadata(html: str, url: str) -> dict[str, Any]:
    doc = _trafilatura_record(html, url)
    if not doc:
        return {"headline": None, "published": None}
    return {"headline": doc.get("title"), "published": doc.get("date")}


def trafilatura_article(html: str, url: str) -> dict[str, Any]:
    doc = _trafilatura_record(html, url)
    if not doc:
        return {"headline": None, "published": None, "authors": [], "body": ""}
    authors = [
        name.strip() for name in (doc.get("author") or "").split(";") if name.strip()
    ]
    return {
        "headline": doc.get("title"),
        "published": doc.get("date"),
        "authors": authors,
        "body": doc.get("text") or "",
    }
