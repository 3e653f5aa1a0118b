"""Dates written year, month name, day, in languages dateparser does not read so.

Lithuanian "2023 m. spalio 3 d.", Latvian "2023. gada 3. oktobrī" and Basque "2023ko
urriaren 3a" are how those languages' news pages write a byline's date; dateparser
returns nothing for any of them (it reads Latvian only day first). Data only:
:mod:`newscrawl.extraction.dates` compiles each of :data:`PATTERNS` (groups ``y``,
``mon``, ``d``) with its time part and reads the month from :data:`MONTHS`.
"""

from __future__ import annotations

# In month order: the forms a date uses. Lithuanian and Basque write the genitive,
# Latvian the locative ("oktobrī", in October) or, day first, the nominative.
_LITHUANIAN = (
    "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio"
    " lapkričio gruodžio"
)
_LATVIAN = (
    "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī"
    " novembrī decembrī"
)
_LATVIAN_NOMINATIVE = (
    "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris"
    " novembris decembris"
)
_BASQUE = (
    "urtarrilaren otsailaren martxoaren apirilaren maiatzaren ekainaren uztailaren"
    " abuztuaren irailaren urriaren azaroaren abenduaren"
)

MONTHS = {
    name: month
    for names in (_LITHUANIAN, _LATVIAN, _LATVIAN_NOMINATIVE, _BASQUE)
    for month, name in enumerate(names.split(), start=1)
}

_year = r"(?<![\w.])(?P<y>(?:19|20)\d{2})"
_day = r"(?P<d>[0-3]?\d)"
_month = "(?P<mon>{names})".format(
    names="|".join(sorted(MONTHS, key=len, reverse=True))
)
PATTERNS = (
    # 2023 m. spalio 3 d.
    rf"{_year}\s*m\.\s*{_month}\s+{_day}\s*d\b",
    # 2023. gada 3. oktobrī, 2023. g. 3. oktobrī
    rf"{_year}\.\s*g(?:ada|\.)\s+{_day}\.\s*{_month}(?!\w)",
    # 2023ko urriaren 3a, 2023eko urriaren 3an ("on the 3rd")
    rf"{_year}e?ko\s+{_month}\s+{_day}(?:an?|ean)?(?!\w)",
)
