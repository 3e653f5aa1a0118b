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
100k articles, and the time and peak traced memory per new item (lookup + upsert).
The band index is log-structured (see newscrawl.store.bands): the deepest level that
fills up at a store size is emptied into the next one, then new items are written until
it is full and merged again, so the mean carries that merge and every merge below it.
The smaller sizes' cycles run on copies of their stores, interleaved with slices of the
largest one's, so a busy machine slows all sizes alike. Wall-clock and this process's
CPU time are both printed.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING, Any, NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from newscrawl import defaults, neardup
from newscrawl.fingerprint import content_fingerprint
from newscrawl.pipelines.dedup import SeenArticles, check_duplicate
from newscrawl.store import bands
from newscrawl.store.bands import SELECT_CANDIDATES_SQL, candidate_params
from newscrawl.store.sqlite import ArticleStore

if TYPE_CHECKING:
    from collections.abc import Callable

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


class Times(NamedTuple):
    """Seconds one item took: wall clock, and this process's CPU time."""

    check: float
    write: float
    check_cpu: float
    write_cpu: float


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
    seen: SeenArticles,
    gen: Generator,
    stored: int,
    tag: str,
    stop: Callable[[int], bool],
) -> tuple[list[Times], int, int]:
    """Time new items (check, write) against the store; count copies found, new flagged.

    Stops after the first commit after which ``stop(items so far)`` is true.
    """
    store = seen.store
    if store is None:
        raise ValueError("the probes need a store")
    topics = list(TOPICS)
    times = []
    found = false_flags = 0
    for i in itertools.count():
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
        start, start_cpu = time.perf_counter(), time.process_time()
        got = check_duplicate(seen, doc.url, item["fingerprint"], None, doc.body)[1]
        checked, checked_cpu = time.perf_counter(), time.process_time()
        item["duplicate_of"] = got
        store.upsert(item)
        # Commits in batches as the storage pipeline does, their cost spread over items.
        commit = i % defaults.NEWSCRAWL_SQLITE_BATCH_SIZE == 0
        if commit:
            store.commit()
        times.append(
            Times(
                checked - start,
                time.perf_counter() - checked,
                checked_cpu - start_cpu,
                time.process_time() - checked_cpu,
            )
        )
        found += got is not None and got == expected
        false_flags += got is not None and got != expected
        if commit and stop(i + 1):
            break
    store.commit()
    return times, found, false_flags


def candidates_per_lookup(
    path: Path, gen: Generator, count: int, threshold: float
) -> tuple[float, float]:
    """Count candidates and full reads per lookup of a new, unrelated article.

    Candidates share a band with it; the ones whose compact signature passes the
    screen have their full signature row read.
    """
    topics = list(TOPICS)
    candidates = read = 0
    with closing(sqlite3.connect(path)) as connection:
        for i in range(count):
            doc = gen.article("x", topics[i % len(topics)], paragraphs=(3, 5))
            sketch = neardup.signature(doc.body)
            if sketch is None:
                continue
            rows = connection.execute(
                SELECT_CANDIDATES_SQL, candidate_params(sketch.keys)
            ).fetchall()
            candidates += len(rows)
            read += sum(
                neardup.could_be_similar(
                    sketch.values, [row[1] for row in rows], threshold
                )
            )
    return candidates / count, read / count


def deepest_merge(articles: int) -> int:
    """Return the deepest band index level that fills up and merges at this size."""
    rows = articles * len(neardup.BAND_RANGES)
    full = [lv for lv in range(bands.LEVELS - 1) if bands.capacity(lv) <= rows]
    return max(full, default=0)


def merged_into(path: Path, level: int) -> Callable[[], bool]:
    """Tell, when called, whether band index ``level`` received rows since now."""

    def rows() -> int:
        with closing(sqlite3.connect(path)) as connection:
            query = "SELECT row_count FROM neardup_levels WHERE level = ?"
            return int(connection.execute(query, (level,)).fetchone()[0])

    before = rows()
    return lambda: rows() > before


def copy_store(source: Path, target: Path) -> None:
    """Copy the committed state of one store file to another (SQLite's online backup)."""
    with (
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


class Measured:
    """What the probes of one store size gave, added up over its slices."""

    def __init__(self) -> None:
        self.times: list[Times] = []
        self.found = self.false_flags = self.cycles = 0

    def add(self, result: tuple[list[Times], int, int]) -> None:
        self.times += result[0]
        self.found += result[1]
        self.false_flags += result[2]


def start_cycle(store: ArticleStore, path: Path, size: int) -> Callable[[], bool]:
    """Empty the band index levels up to the deepest one that fills at this size."""
    deepest = deepest_merge(size)
    store.merge_near_duplicate_index(through=deepest)
    return merged_into(path, deepest + 1)


def scale(
    path: Path, sizes: list[int], probes: int, threshold: float, seed: int
) -> None:
    """Measure each size over one whole cycle of its deepest merge (module docstring).

    The largest store's cycle is long, so it runs in slices, and before each slice
    every smaller size runs one whole cycle of its own on a fresh copy of its store:
    the sizes are measured side by side, so the ratios hold on a busy machine too.
    """
    gen = Generator(seed + 1)
    *smaller, largest = sizes
    loads: dict[int, float] = {}
    measured = {size: Measured() for size in sizes}
    with ArticleStore(path) as store:
        have = 0
        for size in sizes:
            start = time.perf_counter()
            fill(store, gen, have, size)
            loads[size] = time.perf_counter() - start
            have = size
            if size != largest:
                copy_store(path, path.with_suffix(f".{size}"))
        seen = SeenArticles(store, threshold)
        merged = start_cycle(store, path, largest)
        # A slice as long as the smallest size's cycle keeps the sizes side by side.
        slice_items = max(probes, bands.capacity(deepest_merge(sizes[0])) // 32)
        for part in itertools.count():
            for size in smaller:
                work = path.with_suffix(f".{size}-{part}")
                copy_store(path.with_suffix(f".{size}"), work)
                with ArticleStore(work) as copy:
                    done = start_cycle(copy, work, size)
                    run = SeenArticles(copy, threshold)
                    stop = functools.partial(_cycle_over, done, probes)
                    measured[size].add(probe(run, gen, size, f"t{size}-{part}", stop))
                    measured[size].cycles += 1
            stop = functools.partial(_slice_over, merged, slice_items)
            measured[largest].add(probe(seen, gen, largest, f"t{largest}-{part}", stop))
            if merged():
                measured[largest].cycles = 1
                break
        for size in smaller:
            work = path.with_suffix(f".{size}-memory")
            copy_store(path.with_suffix(f".{size}"), work)
            with ArticleStore(work) as copy:
                run = SeenArticles(copy, threshold)
                report(run, work, gen, size, loads[size], measured[size], probes)
        report(seen, path, gen, largest, loads[largest], measured[largest], probes)
    big, small = measured[largest].times, measured[sizes[0]].times
    means = {
        key: Times(*(mean(column) for column in zip(*times, strict=True)))
        for key, times in (("big", big), ("small", small))
    }
    if smaller:
        big_mean, small_mean = means["big"], means["small"]
        for label, b, a in (
            ("", big_mean[:2], small_mean[:2]),
            (" (CPU time)", big_mean[2:], small_mean[2:]),
        ):
            print(
                f"  ratio {largest:,} / {sizes[0]:,}{label}: check {b[0] / a[0]:.2f},"
                f" write {b[1] / a[1]:.2f}, total {sum(b) / sum(a):.2f}"
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  database file: {path.stat().st_size / 1e6:.0f} MB; "
        f"peak RSS of the whole run {rss:.0f} MB"
    )


def _cycle_over(merged: Callable[[], bool], at_least: int, items: int) -> bool:
    return items >= at_least and merged()


def _slice_over(merged: Callable[[], bool], length: int, items: int) -> bool:
    return items >= length or merged()


def report(  # noqa: PLR0913, PLR0917 - one size's figures, printed in one place
    seen: SeenArticles,
    path: Path,
    gen: Generator,
    size: int,
    load: float,
    measured: Measured,
    probes: int,
) -> None:
    """Print one size's means, then its traced memory and candidates per lookup."""
    tracemalloc.start()
    probe(seen, gen, size, f"m{size}", lambda n: n >= max(50, probes // 5))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    candidates, read = candidates_per_lookup(path, gen, 200, seen.near_threshold or 1)
    # Means, because the commit every 100 items belongs to the per-item cost.
    means = Times(*(mean(column) for column in zip(*measured.times, strict=True)))
    wall, cpu = means[:2], means[2:]
    deepest = deepest_merge(size)
    print(
        f"store of {size:>7,} articles (loaded in {load:.0f} s), mean ms/item"
        f" over {len(measured.times):,} new ones ({measured.cycles} whole"
        f" cycle(s) of band index level {deepest}, its merge into level {deepest + 1}"
        f" and the merges below it included): check {wall[0] * 1000:.2f}"
        f" (sketch + lookup), write {wall[1] * 1000:.2f} (upsert + index + commit"
        f" share), total {sum(wall) * 1000:.2f}"
    )
    print(
        f"  CPU time of this process: check {cpu[0] * 1000:.2f},"
        f" write {cpu[1] * 1000:.2f}, total {sum(cpu) * 1000:.2f}"
    )
    print(
        f"  peak traced memory {peak / 1e6:.1f} MB; copies found "
        f"{measured.found}/{len(measured.times) // 2}, wrong flags"
        f" {measured.false_flags}; {candidates:.1f} candidates per lookup,"
        f" {read:.2f} read in full after the screen"
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
