"""Run the shared scorers on newscrawl and on a baseline in the same run, side by side.

``make bench`` calls this. Each scorer prints a last summary line; this script prints
that line for newscrawl and for the baseline, and the ratio of their median ms/page
(newscrawl / baseline: below 1.0 means newscrawl is faster). The machines are shared
and noisy, so only ratios measured in one run are worth comparing.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# The median where a scorer gives one, else its only (mean) figure.
_ms_pattern = re.compile(
    r"(?:median ms/page|ms/page) (\d+(?:\.\d+)?)(?!.*median ms/page)"
)


@dataclass(frozen=True)
class Scorer:
    title: str
    script: str
    data: str
    extractor_flag: str
    ours: str
    baselines: tuple[tuple[str, str], ...]


SCORERS = (
    Scorer(
        "article body (article-extraction, dev)",
        "extraction_eval.py",
        "article-extraction",
        "-e",
        "newscrawl_adapters:body",
        (("trafilatura", "trafilatura"),),
    ),
    Scorer(
        "date + headline (metadata, dev)",
        "metadata_eval.py",
        "metadata",
        "--extractor",
        "newscrawl_adapters:metadata",
        (
            ("trafilatura", "metadata_baselines:trafilatura_metadata"),
            ("trafilatura (all)", "baselines:trafilatura_full_metadata"),
            ("htmldate extensive", "metadata_baselines:htmldate_extensive"),
        ),
    ),
    Scorer(
        "per-site parsers (publishers)",
        "publishers_eval.py",
        "publishers",
        "--extractor",
        "newscrawl_adapters:article",
        (("trafilatura", "baselines:trafilatura_article"),),
    ),
)


def run_scorer(
    scorer: Scorer, extractor: str, shared: Path, extra: list[str]
) -> list[str]:
    """Run one scorer; return its output lines.

    metadata_eval.py prints the mean ms/page; the targets are medians, so its per-page
    dump is read and a ``median ms/page`` is appended to its last line.
    """
    if scorer.data != "metadata":
        return _run(scorer, extractor, shared, extra)
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "pages.jsonl"
        lines = _run(scorer, extractor, shared, [*extra, "--dump", str(dump)])
        if dump.is_file():
            times = [
                json.loads(line)["ms"]
                for line in dump.read_text(encoding="utf-8").splitlines()
            ]
            lines[-1] += f" (mean); median ms/page {statistics.median(times):.1f}"
    return lines


def _run(scorer: Scorer, extractor: str, shared: Path, extra: list[str]) -> list[str]:
    command = [
        sys.executable,
        str(shared / "bench" / scorer.script),
        str(shared / "benchmarks" / scorer.data),
        scorer.extractor_flag,
        extractor,
        "--pythonpath",
        str(shared / "bench"),
        "--pythonpath",
        str(PROJECT),
        "--pythonpath",
        str(PROJECT / "benchmarks"),
        *extra,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        tail = completed.stderr.strip().splitlines()[-5:]
        return [f"FAILED (exit {completed.returncode}): " + " | ".join(tail)]
    return completed.stdout.strip().splitlines()


def median_ms(line: str) -> float | None:
    match = _ms_pattern.search(line)
    return float(match.group(1)) if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument(
        "--only", help="run only scorers whose script name contains this"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the baselines")
    parser.add_argument(
        "--limit", type=int, help="pass --limit N to the scorers that take it"
    )
    args = parser.parse_args(argv)

    shared = args.shared.resolve()
    if not (shared / "bench").is_dir() or not (shared / "benchmarks").is_dir():
        print(
            f"make bench needs the shared scorers and pages at {shared}/bench and {shared}/benchmarks"
        )
        return 1

    for scorer in SCORERS:
        if args.only and args.only not in scorer.script:
            continue
        extra = (
            ["--limit", str(args.limit)]
            if args.limit and scorer.data != "publishers"
            else []
        )
        if scorer.data == "publishers":
            extra.append("--quiet")
        print(f"== {scorer.title}: {scorer.script}")
        ours = run_scorer(
            scorer, scorer.ours, shared, [e for e in extra if e != "--quiet"]
        )
        if scorer.data == "publishers":
            print("\n".join(ours[:-1]))
        print(f"  newscrawl           {ours[-1]}")
        ours_ms = median_ms(ours[-1])
        if args.no_baseline:
            continue
        for label, extractor in scorer.baselines:
            theirs = run_scorer(scorer, extractor, shared, extra)
            print(f"  {label:<19} {theirs[-1]}")
            theirs_ms = median_ms(theirs[-1])
            if ours_ms is not None and theirs_ms:
                print(f"  ms/page ratio newscrawl / {label}: {ours_ms / theirs_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
