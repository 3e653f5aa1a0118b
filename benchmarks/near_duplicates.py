"""Near-duplicate detection: precision and recall on a generated set, cost at 10k/100k.

``make bench-neardup`` runs it. It prints figures; it is not a test.

The articles come from news_text.py (seeded, so every run sees the same set). Copies get
the edits aggregators make: other boilerplate lines, a changed first sentence, a dropped
paragraph, a new headline, light rewording, and a mix of these. Unrelated articles on
the same topic, some about the same people and places, must not be flagged.

Quality: templated originals are stored in a first session, the copies and unrelated
articles come in a second one on the same SQLite file, through the dedup pipeline's own
logic (``check_duplicate``) and the store's upsert.

Chance candidates: the share of body pairs that share an LSH band but are not similar
enough, for both kinds of generated text and, when ../shared/benchmarks is there, for
real article bodies (read there at run time, never copied).

Scale: a store pre-filled with 10k and then 100k articles, and the time and peak traced
memory per new item (lookup + upsert), once with varied text (chance candidates as rare
as between real bodies) and once with templated text, the worst case for them.
The band index is log-structured (see newscrawl.store.bands): the deepest level that
fills up at a store size is emptied into the next one, then new items are written until
it is full and merged again, so the mean carries that merge and every merge below it.
The smaller sizes' cycles run on copies of their stores, interleaved with slices of the
largest one's, so a busy machine slows all sizes alike. Wall-clock and this process's
CPU time are both printed. Then the same with the band index in memory
(``near_index="memory"``, newscrawl.store.memoryindex; ``--indexes``), where nothing
merges: every size gets the same number of new articles, in turns side by side.

Each scale run also prints the part of an item's time that near-duplicate detection
adds (sketch, lookup, index writes, merges: :class:`NearDuplicateWork`), apart from the
store's own work for the article, and the lookup alone, read-only.
"""

from __future__ import annotations

import argparse
import functools
import gc
import gzip
import itertools
import json
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from datasketch import MinHash, MinHashLSH
from news_text import EDITS, TOPICS, Doc, Generator

from newscrawl import defaults, neardup
from newscrawl.fingerprint import content_fingerprint
from newscrawl.pipelines.dedup import SeenArticles, check_duplicate
from newscrawl.store import bands
from newscrawl.store.bands import SELECT_CANDIDATES_SQL, candidate_params
from newscrawl.store.sqlite import ArticleStore

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

LOAD_BATCH = 5000
# The in-memory reference runs each size in turn, this many slices of this many articles.
REFERENCE_SLICES = 10
REFERENCE_SLICE = 200
# New articles looked up, and rounds, when the lookup is timed alone.
LOOKUP_ITEMS = 2000
LOOKUP_ROUNDS = 5
# Turns each size takes with the band index in memory, and new articles per --probes
# article (scale_in_memory): items cost well under a millisecond, and nothing merges.
MEMORY_ROUNDS = 10
MEMORY_ITEMS_PER_PROBE = 5


class Times(NamedTuple):
    """Seconds one item took: wall clock, and this process's CPU time."""

    check: float
    write: float
    check_cpu: float
    write_cpu: float


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


def quality(
    path: Path, originals: int, threshold: float, seed: int, near_index: str
) -> None:
    gen = Generator(seed)
    topics = list(TOPICS)
    docs = []
    for i in range(originals):
        topic = topics[i % len(topics)]
        docs.append(gen.article(f"https://agency.example/{topic}/{i}", topic))
    with ArticleStore(path, near_index=near_index) as store:
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
    with ArticleStore(path, near_index=near_index) as store:
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
        f"quality, band index in {'the tables' if near_index == 'store' else 'memory'}:"
        f" {originals} originals; {copies} copies ({', '.join(EDITS)}), "
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
        doc = gen.filler(f"https://base.example/{i}", topic)
        store.upsert(record(doc, "base_example"), now=f"2026-01-01T00:00:{i:09d}")
        if i % LOAD_BATCH == LOAD_BATCH - 1:
            store.commit()
    store.commit()


def new_article(
    store: ArticleStore, gen: Generator, stored: int, name: str, i: int
) -> tuple[Doc, str | None]:
    """Return the ``i``-th new article of a probe and the stored URL it copies, if any.

    Odd ones are unrelated, even ones near copies of a random stored article read back from the
    store, with the edit kinds in turn.
    """
    topics = list(TOPICS)
    topic = topics[i % len(topics)]
    url = f"https://probe.example/{name}"
    if i % 2:
        return replace(gen.filler("x", topic), url=url), None
    expected = f"https://base.example/{gen.rng.randrange(stored)}"
    row = store.get(expected)
    if row is None:
        raise LookupError(expected)
    orig = Doc(row["url"], row["headline"], tuple(row["body"].split("\n\n")), topic)
    return gen.edit(orig, EDITS[(i // 2) % len(EDITS)], url), expected


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
    if not isinstance(store, ArticleStore):
        raise TypeError("the probes write to the store they read: an ArticleStore")
    times = []
    found = false_flags = 0
    for i in itertools.count():
        doc, expected = new_article(store, gen, stored, f"{tag}/{i}", i)
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
            doc = gen.filler("x", topics[i % len(topics)])
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


def chance_candidates(bodies: Iterable[str], threshold: float) -> tuple[int, int]:
    """Count the pairs of sketched bodies, and those sharing a band under ``threshold``.

    Those are the chance candidates a lookup has to read and turn down; their share of
    all pairs times the store's size is about how many one lookup meets.
    """
    sketches = [s for s in map(neardup.signature, bodies) if s is not None]
    by_key: dict[tuple[int, int], list[int]] = {}
    for number, sketch in enumerate(sketches):
        for band, key in enumerate(sketch.keys):
            by_key.setdefault((band, key), []).append(number)
    sharing = {
        pair
        for numbers in by_key.values()
        for pair in itertools.combinations(numbers, 2)
    }
    chance = sum(
        neardup.similarity(sketches[a].values, sketches[b].values) < threshold
        for a, b in sharing
    )
    return len(sketches) * (len(sketches) - 1) // 2, chance


def real_bodies(shared: Path) -> list[str]:
    """Article bodies of the pages in ../shared/benchmarks: hand-made and extracted."""
    from newscrawl.extraction import extract_article  # noqa: PLC0415 - only here

    truth = shared / "article-extraction" / "ground-truth.json"
    bodies = [entry["articleBody"] for entry in json.loads(truth.read_text()).values()]
    for page in sorted((shared / "metadata" / "html").rglob("*.html*")):
        raw = page.read_bytes()
        html = gzip.decompress(raw) if page.suffix == ".gz" else raw
        article = extract_article(html, "https://metadata.example/page")
        if article is not None and article.body:
            bodies.append(article.body)
    return bodies


def print_chance_candidates(shared: Path, threshold: float, seed: int) -> None:
    """Print the chance candidate share of generated and, if present, real bodies."""
    samples: dict[str, list[str]] = {}
    if (shared / "metadata").is_dir():
        samples["real article bodies (../shared/benchmarks)"] = real_bodies(shared)
    count = max([1000, *(len(bodies) for bodies in samples.values())])
    topics = list(TOPICS)
    for varied in (True, False):
        gen = Generator(seed, varied=varied)
        samples[f"{'varied' if varied else 'templated'} generated bodies"] = [
            gen.filler("x", topics[i % len(topics)]).body for i in range(count)
        ]
    print(f"chance candidates (share a band, similarity under {threshold}):")
    if not (shared / "metadata").is_dir():
        print(f"  no real bodies to compare with: {shared / 'metadata'} is not there")
    for name, bodies in samples.items():
        pairs, chance = chance_candidates(bodies, threshold)
        share = chance / max(1, pairs)
        print(
            f"  {name}: {chance} of {pairs:,} pairs ({share:.1e}),"
            f" about {share * 100_000:.1f} per lookup in a store of 100k"
        )


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


class NearDuplicateWork:
    """Seconds the measured probes spend in near-duplicate work, size by size.

    Wraps its entry points for the whole run (a wrapper costs well under a
    microsecond a call): the sketch, the store's lookup, and the index's writes
    (signature, band rows, merges). What is left of an item's time is the article's
    own row, the URL and fingerprint lookups, and the commit, which a store without
    near-duplicate detection pays too.
    """

    PARTS: ClassVar[dict[str, tuple[Any, str]]] = {
        "sketch": (neardup, "signature"),
        "lookup": (ArticleStore, "near_duplicate_of"),
        "index write": (bands.BandIndex, "add"),
        "merges": (bands.BandIndex, "merge"),
    }

    def __init__(self) -> None:
        self.size: int | None = None
        self.seconds: dict[int, dict[str, float]] = {}
        for part, (owner, name) in self.PARTS.items():
            setattr(owner, name, self._timed(part, getattr(owner, name)))

    def _timed(self, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.size is None:
                return function(*args, **kwargs)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = self.seconds.setdefault(self.size, {})
                spent[part] = spent.get(part, 0.0) + time.perf_counter() - started

        return timed

    def reset(self) -> None:
        self.size = None
        self.seconds = {}

    def per_item(self, size: int, items: int) -> dict[str, float]:
        """Microseconds per item by part."""
        spent = self.seconds.get(size, {})
        return {part: seconds / items * 1e6 for part, seconds in spent.items()}

    def print_ratio(self, sizes: dict[int, int]) -> None:
        """Print each size's parts and the ratio of their sums, largest over smallest."""
        small, *_, big = sorted(sizes)
        totals = {}
        for size in (small, big):
            parts = self.per_item(size, sizes[size])
            totals[size] = sum(parts.values())
            shown = ", ".join(f"{part} {us:.0f}" for part, us in sorted(parts.items()))
            print(
                f"  near-duplicate work at {size:,}: {shown} us/item"
                f" (sum {totals[size]:.0f})"
            )
        print(
            f"  ratio {big:,} / {small:,} of the near-duplicate work:"
            f" {totals[big] / totals[small]:.2f}"
        )


WORK = NearDuplicateWork()


def work_probe(
    seen: SeenArticles,
    gen: Generator,
    stored: int,
    tag: str,
    stop: Callable[[int], bool],
) -> tuple[list[Times], int, int]:
    """:func:`probe`, its near-duplicate work counted for the size ``stored``."""
    WORK.size = stored
    try:
        return probe(seen, gen, stored, tag, stop)
    finally:
        WORK.size = None


def start_cycle(store: ArticleStore, path: Path, size: int) -> Callable[[], bool]:
    """Empty the band index levels up to the deepest one that fills at this size."""
    deepest = deepest_merge(size)
    store.merge_near_duplicate_index(through=deepest)
    return merged_into(path, deepest + 1)


def scale(  # noqa: PLR0913 - the sizes, the text kind and the run's knobs
    path: Path,
    sizes: list[int],
    probes: int,
    threshold: float,
    seed: int,
    *,
    varied: bool,
) -> None:
    """Measure each size over one whole cycle of its deepest merge (module docstring).

    The largest store's cycle is long, so it runs in slices, and before each slice
    every smaller size runs one whole cycle of its own on a fresh copy of its store:
    the sizes are measured side by side, so the ratios hold on a busy machine too.
    """
    gen = Generator(seed + 1, varied=varied)
    WORK.reset()
    gc.collect()
    print(f"scale, {'varied' if varied else 'templated'} text:")
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
                    measured[size].add(
                        work_probe(run, gen, size, f"t{size}-{part}", stop)
                    )
                    measured[size].cycles += 1
            stop = functools.partial(_slice_over, merged, slice_items)
            measured[largest].add(
                work_probe(seen, gen, largest, f"t{largest}-{part}", stop)
            )
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
    if smaller:
        WORK.print_ratio({size: len(measured[size].times) for size in sizes})
    stores = {size: path.with_suffix(f".{size}") for size in smaller} | {largest: path}
    print_lookup_alone(stores, "store", gen, threshold)
    print_reference(stores, gen)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  database file: {path.stat().st_size / 1e6:.0f} MB; "
        f"peak RSS of the whole run {rss:.0f} MB"
    )


def scale_in_memory(  # noqa: PLR0913 - the sizes, the text kind and the run's knobs
    path: Path,
    sizes: list[int],
    probes: int,
    threshold: float,
    seed: int,
    *,
    varied: bool,
) -> None:
    """Measure the same sizes with the band index in memory (``near_index="memory"``).

    Nothing merges, so no cycle to wait for: each size gets the same number of new
    articles, in :data:`MEMORY_ROUNDS` turns taken side by side, each turn on the
    store as the one before left it, opened anew (the index is loaded at every open,
    outside the timed items).
    """
    gen = Generator(seed + 1, varied=varied)
    WORK.reset()
    # What the sections before left for the collector (datasketch's reference index:
    # millions of objects) would otherwise be collected in this one's timed items.
    gc.collect()
    print(f"scale, {'varied' if varied else 'templated'} text, band index in memory:")
    stores = {size: path.with_suffix(f".memory-{size}") for size in sizes}
    loads: dict[int, float] = {}
    with ArticleStore(path, near_index="memory") as store:
        have = 0
        for size in sizes:
            fill(store, gen, have, size)
            have = size
            copy_store(path, stores[size])
    index_mb = {size: _index_memory(stores[size]) for size in sizes}
    measured = {size: Measured() for size in sizes}
    per_turn = max(1, probes * MEMORY_ITEMS_PER_PROBE // MEMORY_ROUNDS)
    for turn in range(MEMORY_ROUNDS):
        for size, work in stores.items():
            with ArticleStore(work, near_index="memory") as store:
                started = time.perf_counter()
                store.prepare_lookups()
                loads[size] = time.perf_counter() - started
                run = SeenArticles(store, threshold)
                measured[size].add(
                    work_probe(
                        run, gen, size, f"m{size}-{turn}", lambda n: n >= per_turn
                    )
                )
    means = {}
    for size in sizes:
        times = measured[size].times
        means[size] = Times(*(mean(column) for column in zip(*times, strict=True)))
        wall = means[size][:2]
        print(
            f"store of {size:>7,} articles, mean ms/item over {len(times):,} new ones:"
            f" check {wall[0] * 1000:.2f}, write {wall[1] * 1000:.2f},"
            f" total {sum(wall) * 1000:.2f}; index loaded in {loads[size]:.1f} s,"
            f" {index_mb[size]:,.0f} MB; copies found"
            f" {measured[size].found}/{len(times) // 2},"
            f" wrong flags {measured[size].false_flags}"
        )
    small, *_, big = sizes
    a, b = means[small], means[big]
    print(
        f"  ratio {big:,} / {small:,}: check {b[0] / a[0]:.2f}, write {b[1] / a[1]:.2f},"
        f" total {sum(b[:2]) / sum(a[:2]):.2f} (CPU time: total"
        f" {sum(b[2:]) / sum(a[2:]):.2f})"
    )
    WORK.print_ratio({size: len(measured[size].times) for size in sizes})
    print_lookup_alone(stores, "memory", gen, threshold)


def print_lookup_alone(
    stores: dict[int, Path], near_index: str, gen: Generator, threshold: float
) -> None:
    """Time the near-duplicate lookup alone at each size, read-only, side by side.

    ``ArticleStore.near_duplicate_of`` for new articles, half of them near copies of
    stored ones: the index probe, the screen and the full reads of the candidates that
    pass; no sketch, no URL or fingerprint lookup, no write. The quickest round counts.
    """
    sketches: dict[int, list[tuple[neardup.Sketch, str]]] = {}
    for size, path in stores.items():
        store = ArticleStore(path, near_index=near_index)
        try:
            docs = (
                new_article(store, gen, size, f"l{size}/{i}", i)[0]
                for i in range(LOOKUP_ITEMS)
            )
            sketches[size] = [
                (sketch, doc.url)
                for doc in docs
                if (sketch := neardup.signature(doc.body)) is not None
            ]
        finally:
            store.close(commit=False)
    times: dict[int, list[float]] = {size: [] for size in stores}
    for _ in range(LOOKUP_ROUNDS):
        for size, path in stores.items():
            store = ArticleStore(path, near_index=near_index)
            try:
                store.prepare_lookups()
                started = time.perf_counter()
                for sketch, url in sketches[size]:
                    store.near_duplicate_of(sketch, threshold, other_than=url)
                elapsed = time.perf_counter() - started
            finally:
                store.close(commit=False)
            times[size].append(elapsed / len(sketches[size]))
    small, *_, big = sorted(stores)
    best = {size: min(times[size]) * 1e6 for size in (small, big)}
    print(
        f"  lookup alone ({LOOKUP_ITEMS:,} new articles, half of them copies; the"
        f" quickest of {LOOKUP_ROUNDS} rounds): {best[small]:.0f} ->"
        f" {best[big]:.0f} us/item ({best[big] / best[small]:.2f}x)"
    )


def _index_memory(path: Path) -> float:
    """Traced MB of a store's band index loaded into memory."""
    with ArticleStore(path, near_index="memory") as store:
        tracemalloc.start()
        store.prepare_lookups()
        size = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    return size / 1e6


def _resident_mb() -> float:
    """Return this process's resident memory now in MB (Linux), not its peak."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def _minhash(values: neardup.Signature) -> MinHash:
    return MinHash(num_perm=neardup.NUM_PERM, hashvalues=values, scheme="affine32")


def reference_index(path: Path, size: int) -> tuple[MinHashLSH, float]:
    """Build datasketch's in-memory LSH of a store's first ``size`` signatures; its MB."""
    before = _resident_mb()
    lsh = MinHashLSH(threshold=neardup.LSH_THRESHOLD, num_perm=neardup.NUM_PERM)
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT canonical_url, signature FROM neardup_signatures"
            " ORDER BY id LIMIT ?",
            (size,),
        )
        for url, blob in rows:
            lsh.insert(url, _minhash(neardup.from_blob(blob)))
    return lsh, _resident_mb() - before


def reference_probe(
    lsh: MinHashLSH, store: ArticleStore, gen: Generator, size: int, tag: str
) -> list[float]:
    """Seconds per new article to sketch it, query ``lsh`` and insert it there."""
    times = []
    for i in range(REFERENCE_SLICE):
        doc, _ = new_article(store, gen, size, f"{tag}/{i}", i)
        start = time.perf_counter()
        sketch = neardup.signature(doc.body)
        if sketch is not None:
            minhash = _minhash(sketch.values)
            lsh.query(minhash)
            lsh.insert(doc.url, minhash)
        times.append(time.perf_counter() - start)
    return times


def print_reference(stores: dict[int, Path], gen: Generator) -> None:
    """Measure the same sizes on datasketch's MinHashLSH held in memory, side by side.

    The index the issue names as an example, with nothing persisted: it answers from
    a hash table, so its time per article is the flat floor to compare the store's
    growth with, and its memory is what keeping the index in memory costs instead.
    """
    built = {size: reference_index(path, size) for size, path in stores.items()}
    times: dict[int, list[float]] = {size: [] for size in stores}
    for part in range(REFERENCE_SLICES):
        for size, path in stores.items():
            with ArticleStore(path) as store:
                times[size] += reference_probe(
                    built[size][0], store, gen, size, f"r{size}-{part}"
                )
    small, *_, big = sorted(stores)
    per_item = {size: mean(times[size]) * 1000 for size in (small, big)}
    print(
        "  in-memory reference, datasketch MinHashLSH with the same bands (nothing"
        " persisted, candidates not verified): sketch + query + insert"
        f" {per_item[small]:.2f} -> {per_item[big]:.2f} ms/item"
        f" ({per_item[big] / per_item[small]:.2f}x); index memory"
        f" {built[small][1]:,.0f} -> {built[big][1]:,.0f} MB"
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
    parser.add_argument(
        "--texts",
        default="varied,templated",
        help="the generated text kinds to measure the scale on (news_text.py)",
    )
    parser.add_argument(
        "--indexes",
        default="store,memory",
        help="where the band index is kept: in the store's tables, in memory, or both",
    )
    parser.add_argument(
        "--shared", type=Path, default=PROJECT.parent / "shared" / "benchmarks"
    )
    args = parser.parse_args()
    print(
        f"MinHash {neardup.NUM_PERM} permutations, {neardup.SHINGLE_WORDS}-word "
        f"shingles, {len(neardup.BAND_RANGES)} bands; bodies under "
        f"{neardup.MIN_WORDS} words use the exact fingerprint only, unless written "
        f"without spaces ({neardup.SHINGLE_CHARS}-character shingles from "
        f"{neardup.MIN_UNSPACED_CHARS} characters)"
    )
    measures = {"store": scale, "memory": scale_in_memory}
    indexes = args.indexes.split(",")
    for index in indexes:
        if index not in measures:
            parser.error(f"--indexes: unknown index {index!r}")
    with tempfile.TemporaryDirectory() as tmp:
        for index in indexes:
            quality(
                Path(tmp) / f"quality-{index}.sqlite",
                args.originals,
                args.threshold,
                args.seed,
                index,
            )
        print_chance_candidates(args.shared, args.threshold, args.seed)
        if args.skip_scale:
            return
        sizes = [int(s) for s in args.sizes.split(",")]
        for text in args.texts.split(","):
            if text not in {"varied", "templated"}:
                parser.error(f"--texts: unknown text kind {text!r}")
            for index in indexes:
                measures[index](
                    Path(tmp) / f"scale-{text}-{index}.sqlite",
                    sizes,
                    args.probes,
                    args.threshold,
                    args.seed,
                    varied=text == "varied",
                )


if __name__ == "__main__":
    main()
