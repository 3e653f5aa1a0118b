"""Baseline extractors for the publishers scorer, run beside newscrawl by ``make bench``.

The shared bench folder has baselines for the body and metadata scorers but none for
``publishers_eval.py``; this adapter gives trafilatura's full record in the same shape
as ``newscrawl_adapters:article``.
"""

from __future__ import annotations

from typing import Any


def trafilatura_article(html: str, url: str) -> dict[str, Any]:
    import trafilatura  # noqa: PLC0415 -- a bench-only dependency, loaded when this baseline runs

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, as_dict=True)
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
