"""The commonest short words of the languages CMSs most often declare by default.

A tenth to a half of the words of any running text in a language are these; a text
with almost none of them is not in that language, whatever the page declares. The lists
leave out words other languages of the table share often ("in", "an", "was", "will"
are German as much as English), so a German text scores near zero as English.
"""

from __future__ import annotations

import re

_words = {
    "en": (
        "the of and to is that for it with as on are be by this have from at or not"
        " but they his her he she we you has were which their been would its who can"
        " more about than after"
    ),
    "de": (
        "der die und das ist nicht ein eine zu den von mit sich des auf für im dem"
        " auch es werden aus er hat dass sie nach wird bei einer um am sind noch wie"
        " einem über einen zum war haben nur oder aber vor zur bis mehr durch man kann"
        " ich wir"
    ),
    "fr": (
        "le la les de des du et est un une en que qui dans pour pas sur au il elle ne"
        " se ce avec plus par sont aux ont mais nous vous été cette leur"
    ),
    "es": (
        "el la los las de del y que en un una es por con para no se su al lo como más"
        " pero sus le ha este esta fue son entre también"
    ),
    "it": (
        "il lo la gli le di del della e che un una è per non in con si da al alla dei"
        " delle sono come più ma anche ha nel nella"
    ),
    "pt": (
        "o a os as de do da dos das e que em um uma é para com não no na por se mais"
        " ao como mas foi são seu sua"
    ),
    "nl": (
        "de het een en van is dat in op te met voor niet zijn er die aan ook als bij"
        " om maar door naar dan nog wordt heeft hij zij wij"
    ),
}
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split()) for language, words in _words.items()
}
# Fewer words than this say nothing about a text's language.
MIN_WORDS = 30
_word_pattern = re.compile(r"[^\W\d_]+")


def function_word_share(
    text: str, language: str, min_words: int = MIN_WORDS
) -> float | None:
    """Return the share of ``text``'s words that are ``language``'s function words.

    None when the table has no such language or the text is too short to tell.
    """
    words = FUNCTION_WORDS.get(language)
    if words is None:
        return None
    tokens = _word_pattern.findall(text.lower())
    if len(tokens) < min_words:
        return None
    return sum(1 for token in tokens if token in words) / len(tokens)
