"""The language of a page that declares none, told from its paragraphs."""

from __future__ import annotations

import pytest

from newscrawl.extraction import extract_article
from newscrawl.extraction.textlanguage import MIN_CHARS, detect_language

ICELANDIC = (
    (
        "Bæjarstjórnin samþykkti á þriðjudag að halda markaðnum opnum um helgar í sumar,"
        " eftir langar umræður um bílastæði og umferð í miðbænum."
    ),
    (
        "Kaupmenn við torgið segja að salan hafi dregist saman síðan vegurinn lokaðist,"
        " og margir viðskiptavinir þeirra búi hinum megin við ána."
    ),
    (
        "Viðgerðin á að kosta um tvær milljónir evra og taka fjóra mánuði, en ný brú"
        " þyrfti skipulagsferli sem tæki nokkur ár."
    ),
)
POLISH = (
    (
        "Rada miasta zdecydowała we wtorek, że targ na rynku będzie otwarty także w"
        " weekendy, po długiej dyskusji o miejscach parkingowych."
    ),
    (
        "Kupcy mówią, że od zamknięcia mostu sprzedaż spadła o prawie jedną trzecią, bo"
        " wielu klientów mieszka po drugiej stronie rzeki."
    ),
)
URL = "https://news.example.net/market-stays-open"


def page(paragraphs: tuple[str, ...], *, lang: str = "", shown_date: str = "") -> str:
    attribute = f' lang="{lang}"' if lang else ""
    texts = "".join(f"<p>{text}</p>" for text in paragraphs)
    date = f"<time>{shown_date}</time>" if shown_date else ""
    return (
        f"<html{attribute}><head><title>The market stays open</title></head><body>"
        f"<article><h1>The market stays open</h1>{date}{texts}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("paragraphs", "language"), [(ICELANDIC, "is"), (POLISH, "pl")]
)
def test_a_page_that_declares_no_language_gets_the_one_of_its_text(
    paragraphs: tuple[str, ...], language: str
) -> None:
    article = extract_article(page(paragraphs), URL)
    assert article is not None
    assert article.language == language


def test_the_detected_language_reads_the_pages_dates() -> None:
    """An Icelandic month name is read by dateparser only, told the page's language."""
    article = extract_article(page(ICELANDIC, shown_date="14. janúar 2024"), URL)
    assert article is not None
    assert article.published == "2024-01-14"


def test_a_declared_language_is_never_overridden() -> None:
    article = extract_article(page(POLISH, lang="cs"), URL)
    assert article is not None
    assert article.language == "cs"


def test_too_little_or_mixed_text_stays_unknown() -> None:
    assert detect_language(POLISH[0][: MIN_CHARS - 1]) is None
    mixed = (
        "The market stays open on Sundays. Die Markthalle bleibt sonntags offen."
        " Le marché reste ouvert le dimanche. Il mercato resta aperto la domenica."
        " El mercado sigue abierto los domingos. "
    )
    assert detect_language(mixed * 2) is None
    article = extract_article(page((mixed * 2,)), URL)
    assert article is not None
    assert article.language is None


def test_detection_can_be_switched_off() -> None:
    article = extract_article(
        page(ICELANDIC, shown_date="14. janúar 2024"), URL, detect_language=False
    )
    assert article is not None
    assert article.language is None
