"""An article whose HTML only the page's scripts hold, as a string in their app state.

Some pages render the article in the browser from a JSON string of HTML (a Next.js
payload, ``__NUXT__``, an Apollo cache): the HTML body has no paragraph of it. When the
page's own HTML gives no body, the longest such string of paragraphs is read instead.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import lxml.html

from newscrawl.extraction.body import BodyResult, extract_body

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document

# A JSON string (its escapes included) that opens a paragraph, raw or escaped.
_html_string_pattern = re.compile(r'"((?:[^"\\]|\\.){200,})"')
_paragraph_pattern = re.compile(r"<p[\s>]", re.IGNORECASE)
_MIN_PARAGRAPHS = 3


def script_body(doc: Document) -> BodyResult | None:
    """Return the body read from the largest string of paragraphs in the page's scripts."""
    best = ""
    for script in doc.script_texts:
        if "u003cp" not in script and "<p" not in script:
            continue
        for match in _html_string_pattern.finditer(script):
            raw = match.group(1)
            if len(raw) <= len(best) or ("u003cp" not in raw and "<p" not in raw):
                continue
            try:
                text = json.loads(f'"{raw}"')
            except ValueError:
                continue
            if len(_paragraph_pattern.findall(text)) >= _MIN_PARAGRAPHS:
                best = text
    if not best:
        return None
    fragment = lxml.html.fromstring(
        f"<html><body><article>{best}</article></body></html>"
    )
    result = extract_body(fragment, doc.url)
    return result if result.text else None
