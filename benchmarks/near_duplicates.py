"""Near-duplicate detection: precision and recall on a generated set, cost at 10k/100k.

``make bench-neardup`` runs it. It prints figures; it is not a test.

The articles are generated here from templated sentences and a small vocabulary per
topic (seeded, so every run sees the same set). Copies get the edits aggregators make:
other boilerplate lines, a changed first sentence, a dropped paragraph, a new headline,
light rewording, and a mix of these. Unrelated articles on the same topic, some about
the same people and places, must not be flagged.

Quality: the originals are stored in a first session, the copies and unrelated articles
come in a second one on the same SQLite file, through the dedup pipeline's own logic
(``check_duplicate``) and the store's upsert. Scale: a store pre-filled with 10k and then
100k articles, and the time and peak traced memory per new item (lookup + upsert),
averaged over one cycle of the band index's merge (see newscrawl.store.bands).
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from newscrawl import defaults, neardup
from newscrawl.fingerprint import content_fingerprint
from newscrawl.pipelines.dedup import SeenArticles, check_duplicate
from newscrawl.store import bands
from newscrawl.store.bands import SELECT_NEAR_CANDIDATES_SQL
from newscrawl.store.sqlite import ArticleStore

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
LOAD_BATCH = 5000
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
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a reproducible text generator

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


def record(doc: Doc, site: str) -> dict[str, Any]:
    return {
        "url": doc.url,
        "canonical_url": doc.url,
        "site": site,
        "headline": doc.headline,
        "body": doc.body,
        "fingerprint": content_fingerprint(doc.body),
    }


def process(seen: SeenArticles, store: ArticleStore, doc: Doc, site: str) -> str | None:
    """Do what the dedup and storage pipelines do with one article; its ``duplicate_of``."""
    item = record(doc, site)
    verdict = check_duplicate(seen, doc.url, item["fingerprint"], None, doc.body)
    item["duplicate_of"] = verdict.duplicate_of
    store.upsert(item)
    return verdict.duplicate_of


def quality(path: Path, originals: int, threshold: float, seed: int) -> None:
    gen = Generator(seed)
    topics = list(TOPICS)
    docs = []
    for i in range(originals):
        topic = topics[i % len(topics)]
        docs.append(gen.article(f"https://agency.example/{topic}/{i}", topic))
    with ArticleStore(path) as store:
        seen = SeenArticles(store, threshold)
        for doc in docs:
            process(seen, store, doc, "agency_example")
    # Second session: copies and same-topic articles from other sites.
    cases: list[tuple[Doc, str | None, str]] = []
    for i, doc in enumerate(docs):
        kind = EDITS[i % len(EDITS)]
        cases.append((gen.edit(doc, kind, f"https://copy.example/{i}"), doc.url, kind))
        cast = gen.cast_of(doc.topic)
        other = gen.article(f"https://other.example/{i}", doc.topic, cast=cast)
        cases.append((other, None, "unrelated"))
        if i % 2 == 0:
            # A follow-up about the same subject as the original, not a copy of it.
            follow = gen.article(
                f"https://follow.example/{i}",
                doc.topic,
                cast={
                    "who": cast["who"],
                    "place": cast["place"],
                    "thing": cast["thing"],
                },
            )
            cases.append((follow, None, "unrelated"))
    gen.rng.shuffle(cases)
    flagged_right = flagged_wrong = copies = 0
    missed: dict[str, int] = {}
    with ArticleStore(path) as store:
        seen = SeenArticles(store, threshold)
        for doc, expected, kind in cases:
            got = process(seen, store, doc, "copy_example")
            copies += expected is not None
            if got is not None and got == expected:
                flagged_right += 1
            elif got is not None:
                flagged_wrong += 1
            elif expected is not None:
                missed[kind] = missed.get(kind, 0) + 1
    unrelated = len(cases) - copies
    precision = flagged_right / max(1, flagged_right + flagged_wrong)
    recall = flagged_right / max(1, copies)
    print(
        f"quality: {originals} originals; {copies} copies ({', '.join(EDITS)}), "
        f"{unrelated} unrelated same-topic articles; threshold {threshold}"
    )
    print(
        f"  precision {precision:.3f}  recall {recall:.3f}  "
        f"(right {flagged_right}, wrong {flagged_wrong}, missed {sum(missed.values())}"
        f"{' ' + str(missed) if missed else ''})"
    )


def fill(store: ArticleStore, gen: Generator, start: int, stop: int) -> None:
    """Bulk-load base articles in large transactions, signatures included."""
    topics = list(TOPICS)
    for i in range(start, stop):
        topic = topics[i % len(topics)]
        doc = gen.article(f"https://base.example/{i}", topic, paragraphs=(3, 5))
        store.upsert(record(doc, "base_example"), now=f"2026-01-01T00:00:{i:09d}")
        if i % LOAD_BATCH == LOAD_BATCH - 1:
            store.commit()
    store.commit()


def probe(
    seen: SeenArticles, gen: Generator, stored: int, count: int, tag: str
) -> tuple[list[tuple[float, float]], int, int]:
    """Time new items (check, write) against the store; count copies found, new flagged."""
    store = seen.store
    if store is None:
        raise ValueError("the probes need a store")
    topics = list(TOPICS)
    times = []
    found = false_flags = 0
    for i in range(count):
        topic = topics[i % len(topics)]
        expected = None
        if i % 2:
            base = gen.article("x", topic, paragraphs=(3, 5))
            doc = replace(base, url=f"https://probe.example/{tag}/{i}")
        else:
            # A near copy of a random stored article, read back from the store.
            expected = f"https://base.example/{gen.rng.randrange(stored)}"
            row = store.get(expected)
            if row is None:
                raise LookupError(expected)
            orig = Doc(
                row["url"], row["headline"], tuple(row["body"].split("\n\n")), topic
            )
            kind = EDITS[(i // 2) % len(EDITS)]
            doc = gen.edit(orig, kind, f"https://probe.example/{tag}/{i}")
        item = record(doc, "probe_example")
        start = time.perf_counter()
        got = check_duplicate(seen, doc.url, item["fingerprint"], None, doc.body)[1]
        checked = time.perf_counter()
        item["duplicate_of"] = got
        store.upsert(item)
        # Commits in batches as the storage pipeline does, their cost spread over items.
        if i % defaults.NEWSCRAWL_SQLITE_BATCH_SIZE == 0:
            store.commit()
        times.append((checked - start, time.perf_counter() - checked))
        found += got is not None and got == expected
        false_flags += got is not None and got != expected
    store.commit()
    return times, found, false_flags


def candidates_per_lookup(path: Path, gen: Generator, count: int) -> float:
    """Mean number of stored articles sharing a band with a new, unrelated article."""
    topics = list(TOPICS)
    total = 0
    with sqlite3.connect(path) as connection:
        for i in range(count):
            doc = gen.article("x", topics[i % len(topics)], paragraphs=(3, 5))
            sketch = neardup.signature(doc.body)
            if sketch is None:
                continue
            params = (*sketch.keys, *sketch.keys, "x")
            total += len(
                connection.execute(SELECT_NEAR_CANDIDATES_SQL, params).fetchall()
            )
    return total / count


def scale(
    path: Path, sizes: list[int], probes: int, threshold: float, seed: int
) -> None:
    gen = Generator(seed + 1)
    results = {}
    with ArticleStore(path) as store:
        have = 0
        for size in sizes:
            start = time.perf_counter()
            fill(store, gen, have, size)
            load = time.perf_counter() - start
            have = size
            seen = SeenArticles(store, threshold)
            # Start from an empty recent table and probe one whole merge cycle, so the
            # mean carries the merge that the cycle's articles cause.
            store.merge_near_duplicate_index()
            due = math.ceil(bands.MERGE_SHARE * size)
            cycle = max(probes, due + defaults.NEWSCRAWL_SQLITE_BATCH_SIZE)
            times, found, false_flags = probe(seen, gen, size, cycle, f"t{size}")
            tracemalloc.start()
            probe(seen, gen, size, max(50, probes // 5), f"m{size}")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            candidates = candidates_per_lookup(path, gen, 200)
            # Means, because the commit every 100 items belongs to the per-item cost.
            check = mean([t[0] for t in times])
            write = mean([t[1] for t in times])
            total = check + write
            results[size] = (check, write, total)
            print(
                f"store of {size:>7,} articles (loaded in {load:.0f} s), mean ms/item"
                f" over {cycle:,} new ones (one index merge): "
                f"check {check * 1000:.2f} (sketch + lookup), write {write * 1000:.2f} "
                f"(upsert + index + commit share), total {total * 1000:.2f}"
            )
            print(
                f"  peak traced memory {peak / 1e6:.1f} MB; copies found "
                f"{found}/{cycle // 2}, wrong flags {false_flags}; "
                f"{candidates:.1f} candidates per lookup"
            )
    if len(sizes) > 1:
        big, small = results[sizes[-1]], results[sizes[0]]
        print(
            f"  ratio {sizes[-1]:,} / {sizes[0]:,}: check {big[0] / small[0]:.2f}, "
            f"write {big[1] / small[1]:.2f}, total {big[2] / small[2]:.2f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  database file: {path.stat().st_size / 1e6:.0f} MB; "
        f"peak RSS of the whole run {rss:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--originals", type=int, default=600)
    parser.add_argument(
        "--threshold", type=float, default=defaults.NEWSCRAWL_NEARDUP_THRESHOLD
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    print(
        f"MinHash {neardup.NUM_PERM} permutations, {neardup.SHINGLE_WORDS}-word "
        f"shingles, {len(neardup.BAND_RANGES)} bands; bodies under "
        f"{neardup.MIN_WORDS} words use the exact fingerprint only"
    )
    with tempfile.TemporaryDirectory() as tmp:
        quality(Path(tmp) / "quality.sqlite", args.originals, args.threshold, args.seed)
        if not args.skip_scale:
            sizes = [int(s) for s in args.sizes.split(",")]
            scale(
                Path(tmp) / "scale.sqlite",
                sizes,
                args.probes,
                args.threshold,
                args.seed,
            )


if __name__ == "__main__":
    main()
