"""The language of a page that declares none, or whose text contradicts its declaration."""

from __future__ import annotations

import pytest

from newscrawl.extraction import extract_article
from newscrawl.extraction.functionwords import MIN_WORDS, function_word_share
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
GERMAN = (
    (
        "Der Stadtrat hat am Dienstag beschlossen, dass der Markt im Sommer auch an den"
        " Wochenenden geöffnet bleibt, nach einer langen Debatte über Parkplätze."
    ),
    (
        "Die Händler am Platz sagen, dass ihr Umsatz seit der Sperrung der Brücke um"
        " fast ein Drittel gesunken ist, weil viele Kunden auf der anderen Seite wohnen."
    ),
)
ENGLISH_QUOTING = (
    (
        "The council decided on Tuesday that the market will stay open at weekends,"
        " after a long debate about parking and the bridge that has been closed."
    ),
    (
        'Traders call it "die Durststrecke", the dry spell, and say that their sales'
        " have fallen by almost a third since the bridge was closed in the spring."
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


def test_a_declaration_outside_the_function_word_table_is_kept() -> None:
    article = extract_article(page(POLISH, lang="cs"), URL)
    assert article is not None
    assert article.language == "cs"


@pytest.mark.parametrize(
    ("paragraphs", "declared", "language"),
    [
        # A CMS's default "en" on pages in other languages.
        (GERMAN, "en", "de"),
        (ICELANDIC, "en-US", "is"),
        (POLISH, "de", "pl"),
        # Text in the declared language, quoting another, keeps its declaration.
        (ENGLISH_QUOTING, "en", "en"),
        (GERMAN, "de-AT", "de"),
    ],
)
def test_a_declaration_its_text_contradicts_gives_way_to_the_detected_language(
    paragraphs: tuple[str, ...], declared: str, language: str
) -> None:
    article = extract_article(page(paragraphs, lang=declared), URL)
    assert article is not None
    assert article.language == language


def test_a_corrected_language_reads_the_pages_dates() -> None:
    html = page(ICELANDIC, lang="en", shown_date="14. janúar 2024")
    article = extract_article(html, URL)
    assert article is not None
    assert article.published == "2024-01-14"


def test_a_title_and_description_in_the_declared_language_settle_it() -> None:
    """They are read first, to spare most pages the walk to their paragraphs."""
    description = (
        "The council decided that the market will stay open at weekends, and the"
        " traders are not happy about it."
    )
    html = page(GERMAN, lang="en").replace(
        "</title>", f'</title><meta name="description" content="{description}">'
    )
    article = extract_article(html, URL)
    assert article is not None
    assert article.language == "en"


def test_a_contradicted_declaration_stays_when_detection_is_off() -> None:
    article = extract_article(page(GERMAN, lang="en"), URL, detect_language=False)
    assert article is not None
    assert article.language == "en"


def test_function_word_share() -> None:
    german = " ".join(GERMAN)
    assert function_word_share(german, "de") > 0.2  # type: ignore[operator]
    assert function_word_share(german, "en") == 0
    # Too few words, or a language the table does not hold: no answer.
    short = " ".join(german.split()[: MIN_WORDS - 1])
    assert function_word_share(short, "de") is None
    assert function_word_share(german, "pl") is None


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
