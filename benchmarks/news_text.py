"""Generated news text for the near-duplicate benchmark, in two kinds.

*Templated* articles are written from sixteen sentence templates and a small vocabulary
per topic, so two unrelated articles on one topic share whole phrases: a hard test of
precision (they must not be flagged) and a worst case for the number of chance LSH
candidates, which grows with the store.

*Varied* articles are drawn word by word from a synthetic vocabulary with Zipf
frequencies (word frequencies in news, as in most text, fall off about as 1/rank), so
unrelated bodies share about as few five-word shingles as real ones do:
``near_duplicates.py`` prints the share of body pairs that become chance candidates for
both kinds and, when ``../shared/benchmarks`` is there, for real article bodies.

Both are seeded, so every run sees the same articles. Copies of either kind get the
edits aggregators make (:data:`EDITS`).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

TOPICS: dict[str, dict[str, list[str]]] = {
    "council": {
        "who": [
            "the mayor",
            "the treasurer",
            "councillor Brandt",
            "councillor Osei",
            "the opposition leader",
            "a planning officer",
            "the finance committee",
        ],
        "place": [
            "Eastbridge",
            "Millford",
            "the harbour district",
            "Northgate",
            "the old market quarter",
            "Kellby",
        ],
        "thing": [
            "budget",
            "bus lane plan",
            "housing scheme",
            "library closure",
            "parking levy",
            "school extension",
            "flood wall",
            "swimming pool",
        ],
        "verb": [
            "approved",
            "rejected",
            "postponed",
            "questioned",
            "defended",
            "revised",
        ],
    },
    "football": {
        "who": [
            "the home side",
            "the visitors",
            "their captain",
            "the young striker",
            "the goalkeeper",
            "the head coach",
            "the substitute winger",
        ],
        "place": [
            "Riverside Park",
            "the north stand",
            "the away end",
            "Castle Road",
            "the training ground",
            "the national stadium",
        ],
        "thing": [
            "penalty",
            "corner",
            "header",
            "late equaliser",
            "red card",
            "free kick",
            "counter attack",
            "clean sheet",
        ],
        "verb": ["won", "lost", "conceded", "celebrated", "disputed", "missed"],
    },
    "storm": {
        "who": [
            "forecasters",
            "the coastguard",
            "fire crews",
            "the power company",
            "residents",
            "the rail operator",
            "emergency services",
        ],
        "place": [
            "the western coast",
            "the valley towns",
            "the ring road",
            "the estuary",
            "hill farms",
            "the ferry port",
        ],
        "thing": [
            "gusts",
            "flooding",
            "power cuts",
            "fallen trees",
            "road closures",
            "cancelled ferries",
            "hail",
            "landslides",
        ],
        "verb": ["warned", "reported", "cleared", "restored", "measured", "expected"],
    },
    "markets": {
        "who": [
            "investors",
            "the central bank",
            "analysts",
            "the chip maker",
            "the retailer",
            "a fund manager",
            "the finance minister",
        ],
        "place": [
            "the stock exchange",
            "Asian markets",
            "the bond market",
            "the currency desk",
            "the euro area",
            "the energy sector",
        ],
        "thing": [
            "shares",
            "interest rates",
            "quarterly profit",
            "inflation",
            "oil prices",
            "the dividend",
            "bond yields",
            "sales figures",
        ],
        "verb": [
            "rose",
            "fell",
            "beat forecasts",
            "disappointed",
            "stalled",
            "rebounded",
        ],
    },
    "science": {
        "who": [
            "researchers",
            "the space agency",
            "a team of biologists",
            "the lead author",
            "astronomers",
            "the university lab",
            "engineers",
        ],
        "place": [
            "the southern observatory",
            "a deep sea trench",
            "the polar station",
            "low orbit",
            "the rain forest",
            "the particle lab",
        ],
        "thing": [
            "the probe",
            "a new species",
            "the telescope data",
            "ice cores",
            "the vaccine trial",
            "a comet",
            "the sensor array",
            "soil samples",
        ],
        "verb": [
            "discovered",
            "measured",
            "confirmed",
            "launched",
            "analysed",
            "observed",
        ],
    },
    "courts": {
        "who": [
            "the judge",
            "the defence lawyer",
            "prosecutors",
            "the jury",
            "the appeals panel",
            "a key witness",
            "the defendant",
        ],
        "place": [
            "the crown court",
            "the high court",
            "the district court",
            "the courtroom",
            "the tribunal",
            "the supreme court",
        ],
        "thing": [
            "the verdict",
            "the sentence",
            "new evidence",
            "the appeal",
            "a plea deal",
            "the retrial",
            "the fine",
            "the injunction",
        ],
        "verb": ["heard", "dismissed", "upheld", "delayed", "challenged", "accepted"],
    },
}
TEMPLATES = [
    "On {day}, {who} {verb} the {thing} after a long debate in {place}.",
    "{Who} said the {thing} would be looked at again before the end of {month}.",
    "According to {who}, about {n} people in {place} are affected by the {thing}.",
    "Critics argue that {who} {verb} the {thing} too quickly and without enough detail.",
    "The {thing} in {place} has been a source of tension for {n} months.",
    "{Who} told reporters on {day} that nobody had expected the {thing} to matter so much.",
    "Figures released in {month} suggest the {thing} could cost around {n} million.",
    "Local groups in {place} plan to meet {who} again over the {thing} next week.",
    "It is the {ordinal} time this year that {who} {verb} a {thing} of this size.",
    "{Who} {verb} the {thing}, and {who2} responded within the hour.",
    "A spokesperson for {who} declined to comment on the {thing} in {place}.",
    "Earlier reports had put the figure closer to {n}, which {who} disputed.",
    "Observers in {place} described the mood around the {thing} as {mood}.",
    "The decision on the {thing} leaves {who} with few options before {month}.",
    "Several people who saw the {thing} in {place} called it {mood}.",
    "{Who} is expected to publish a fuller account of the {thing} by {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "June", "August", "October", "November"]
ORDINALS = ["second", "third", "fourth", "fifth"]
MOODS = ["tense", "hopeful", "chaotic", "calm", "angry", "upbeat", "uncertain"]
BOILERPLATE = [
    "Sign up for our morning briefing and never miss a story.",
    "This article was first published by our partner agency.",
    "Follow us on social media for live updates all day.",
    "Advertisement. Continue reading below.",
    "Copyright 2026 Daily Courier Media Group. All rights reserved.",
    "Have a story tip? Write to our newsroom any time.",
    "Related: more news from your region in our local section.",
    "Photo: staff photographer. Editing by the night desk.",
]
SYNONYMS = {
    "said": "stated",
    "about": "roughly",
    "expected": "likely",
    "again": "once more",
    "quickly": "hastily",
    "long": "lengthy",
    "described": "characterised",
    "several": "a number of",
    "declined": "refused",
    "few": "limited",
    "released": "published",
    "next": "the coming",
    "told": "informed",
}
# The share of the words with a synonym in SYNONYMS that a rewording replaces.
REWORD_SHARE = 0.5
EDITS = (
    "boilerplate",
    "first_sentence",
    "dropped_paragraph",
    "headline",
    "reword",
    "mixed",
)


# Pseudo-words are built from these syllables, so no real text goes into the vocabulary.
_SYLLABLE_LIST = (
    "ka ro mi te lu sa no ve di po ra ne to li ba ge fu che an or el is um ar"
)
SYLLABLES = tuple(_SYLLABLE_LIST.split())
VARIED_VOCABULARY = 30_000
SYNONYMS_FROM = 14
# Words per sentence of varied text, about the length of a news sentence.
VARIED_SENTENCE = (12, 28)


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct pseudo-words, shorter ones first (frequent words are short)."""
    words: set[str] = set()
    while len(words) < count:
        size = rng.choice((1, 2, 2, 3, 3, 4))
        words.add("".join(rng.choice(SYLLABLES) for _ in range(size)))
    return sorted(words, key=lambda word: (len(word), word))


@dataclass(frozen=True)
class Doc:
    url: str
    headline: str
    paragraphs: tuple[str, ...]
    topic: str

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


class Generator:
    """Seeded articles, copies and edits; ``varied`` picks the text of :meth:`filler`."""

    def __init__(self, seed: int, *, varied: bool = False) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a reproducible text generator
        self.varied = varied
        # The words SYNONYMS rewords take the ranks after the 14 most frequent ones,
        # where they make up about the share of the words they have in templated text
        # (6 %), so a rewording changes about as much of either kind.
        words = pseudo_words(random.Random(seed), VARIED_VOCABULARY)  # noqa: S311
        rest = [word for word in words if word not in SYNONYMS]
        self._words = [*rest[:SYNONYMS_FROM], *SYNONYMS, *rest[SYNONYMS_FROM:]][
            :VARIED_VOCABULARY
        ]
        self._cumulative = list(
            itertools.accumulate(1 / rank for rank in range(1, len(self._words) + 1))
        )

    def filler(self, url: str, topic: str) -> Doc:
        """Return an article of this generator's kind, as the scale part stores and probes."""
        if self.varied:
            return self.varied_article(url, topic)
        return self.article(url, topic, paragraphs=(3, 5))

    def varied_article(
        self, url: str, topic: str, paragraphs: tuple[int, int] = (3, 5)
    ) -> Doc:
        paras = tuple(
            " ".join(self.varied_sentence() for _ in range(self.rng.randint(2, 4)))
            for _ in range(self.rng.randint(*paragraphs))
        )
        return Doc(url, self.varied_sentence().rstrip("."), paras, topic)

    def varied_sentence(self) -> str:
        count = self.rng.randint(*VARIED_SENTENCE)
        words = self.rng.choices(self._words, cum_weights=self._cumulative, k=count)
        text = " ".join(words)
        return f"{text[0].upper()}{text[1:]}."

    def sentence(self, topic: str, cast: dict[str, str] | None = None) -> str:
        words = TOPICS[topic]
        pick = self.rng.choice
        # A cast pins the main actor, place and subject, as in follow-up stories.
        who = (cast or {}).get("who") or pick(words["who"])
        fills = {
            "who": who,
            "Who": who[0].upper() + who[1:],
            "who2": pick([w for w in words["who"] if w != who]),
            "place": (cast or {}).get("place") or pick(words["place"]),
            "thing": (cast or {}).get("thing") or pick(words["thing"]),
            "verb": pick(words["verb"]),
            "day": pick(DAYS),
            "month": pick(MONTHS),
            "ordinal": pick(ORDINALS),
            "mood": pick(MOODS),
            "n": str(self.rng.randint(3, 9800)),
        }
        return pick(TEMPLATES).format(**fills)

    def article(
        self,
        url: str,
        topic: str,
        *,
        cast: dict[str, str] | None = None,
        paragraphs: tuple[int, int] = (4, 7),
    ) -> Doc:
        count = self.rng.randint(*paragraphs)
        paras = tuple(
            " ".join(self.sentence(topic, cast) for _ in range(self.rng.randint(2, 4)))
            for _ in range(count)
        )
        headline = self.sentence(topic, cast).rstrip(".")
        return Doc(url, headline, paras, topic)

    def cast_of(self, topic: str) -> dict[str, str]:
        words = TOPICS[topic]
        return {k: self.rng.choice(words[k]) for k in ("who", "place", "thing")}

    def edit(self, doc: Doc, kind: str, url: str) -> Doc:
        paras = list(doc.paragraphs)
        headline = doc.headline
        if kind in {"boilerplate", "mixed"}:
            lines = self.rng.sample(BOILERPLATE, 3)
            paras = [lines[0], *paras, lines[1], lines[2]]
        if kind in {"first_sentence", "mixed"}:
            first = 1 if kind == "mixed" else 0
            rest = paras[first].split(". ", 1)
            tail = rest[1] if len(rest) > 1 else ""
            paras[first] = f"{self.sentence(doc.topic)} {tail}".strip()
        if kind == "dropped_paragraph":
            del paras[self.rng.randrange(1, len(paras))]
        if kind in {"headline", "mixed"}:
            headline = self.sentence(doc.topic).rstrip(".")
        if kind in {"reword", "mixed"}:
            paras = [self._reword(p) for p in paras]
        return Doc(url, headline, tuple(paras), doc.topic)

    def _reword(self, text: str) -> str:
        words = text.split(" ")
        return " ".join(
            SYNONYMS.get(w, w) if self.rng.random() < REWORD_SHARE else w for w in words
        )
