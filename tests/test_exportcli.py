"""``newscrawl-export``: stored articles as JSON Lines, filtered, from SQLite and PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from newscrawl.exportcli import main
from newscrawl.store.postgres import PostgresConnection
from newscrawl.store.sqlite import ArticleStore, select_articles_sql
from tests.test_crawl import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

ROWS = (
    # canonical URL, site, first seen, duplicate of
    ("https://a.example/ferry", "a_example", "2024-06-01T08:00:00+00:00", None),
    ("https://b.example/ferry-copy", "b_example", "2024-06-02T09:00:00+00:00", "https://a.example/ferry"),
    ("https://a.example/market", "a_example", "2024-06-03T10:00:00+00:00", None),
)  # fmt: skip


def fill(store: ArticleStore) -> None:
    for url, site, first_seen, original in ROWS:
        store.upsert(
            {
                "url": url,
                "canonical_url": url,
                "site": site,
                "headline": f"Story at {url.rsplit('/', 1)[1]}",
                "body": f"The text of {url}.",
                "authors": ["Ana Lind", "Per Holm"],
                "fingerprint": url,
                "duplicate_of": original,
            },
            now=first_seen,
        )
    store.commit()


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "articles.sqlite"
    with ArticleStore(path) as store:
        fill(store)
    return path


def exported(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines()]


def test_every_article_in_the_order_first_seen(store_file, capsys):
    records = exported(capsys, "--store", str(store_file))
    assert [r["canonical_url"] for r in records] == [row[0] for row in ROWS]
    first = records[0]
    assert first["authors"] == ["Ana Lind", "Per Holm"]
    assert first["first_seen"] == "2024-06-01T08:00:00+00:00"
    assert first["last_updated"] == "2024-06-01T08:00:00+00:00"
    assert records[1]["duplicate_of"] == "https://a.example/ferry"


def test_filters_since_site_and_originals(store_file, capsys):
    store = str(store_file)
    since = exported(capsys, "--store", store, "--since", "2024-06-02")
    assert [r["canonical_url"] for r in since] == [ROWS[1][0], ROWS[2][0]]
    site = exported(capsys, "--store", store, "--site", "b_example")
    assert [r["canonical_url"] for r in site] == [ROWS[1][0]]
    both_sites = exported(
        capsys, "--store", store, "--site", "a_example", "--site", "b_example"
    )
    assert len(both_sites) == 3
    originals = exported(capsys, "--store", store, "--originals")
    assert [r["canonical_url"] for r in originals] == [ROWS[0][0], ROWS[2][0]]


def test_updated_adds_articles_changed_since(store_file, capsys):
    with ArticleStore(store_file) as writer:
        changed = writer.get(ROWS[0][0])
        assert changed is not None
        changed.update(body="The text, corrected.", fingerprint="corrected")
        writer.upsert(changed, now="2024-06-04T07:00:00+00:00")
    store = str(store_file)
    new_only = exported(capsys, "--store", store, "--since", "2024-06-02")
    assert [r["canonical_url"] for r in new_only] == [ROWS[1][0], ROWS[2][0]]
    changes = exported(capsys, "--store", store, "--since", "2024-06-02", "--updated")
    # In the order of their last change; first_seen kept from the first crawl.
    assert [r["canonical_url"] for r in changes] == [ROWS[1][0], ROWS[2][0], ROWS[0][0]]
    assert changes[-1]["body"] == "The text, corrected."
    assert changes[-1]["first_seen"] == "2024-06-01T08:00:00+00:00"


def test_output_file_appears_whole(store_file, tmp_path, capsys):
    target = tmp_path / "out" / "today.jsonl"
    target.parent.mkdir()
    assert main(["--store", str(store_file), "-o", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["canonical_url"] for line in lines] == [r[0] for r in ROWS]
    assert "3 articles" in capsys.readouterr().err
    # Nothing but the file is left in its folder.
    assert [p.name for p in target.parent.iterdir()] == ["today.jsonl"]


def test_a_missing_store_is_an_error_and_is_not_created(tmp_path, capsys):
    missing = tmp_path / "none.sqlite"
    assert main(["--store", str(missing)]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not missing.exists()


def test_a_bad_since_is_a_usage_error(store_file):
    with pytest.raises(SystemExit) as exit_info:
        main(["--store", str(store_file), "--since", "last tuesday"])
    assert exit_info.value.code == 2


def test_from_postgresql_through_a_server_side_cursor(
    postgres_url, capsys, monkeypatch
):
    with ArticleStore(postgres_url) as store:
        fill(store)
    batches = []
    real_stream = PostgresConnection.stream

    def spied(self, sql, params=(), *, batch=1000):
        batches.append(batch)
        return real_stream(self, sql, params, batch=1)

    monkeypatch.setattr(PostgresConnection, "stream", spied)
    records = exported(capsys, "--store", postgres_url, "--originals")
    assert [r["canonical_url"] for r in records] == [ROWS[0][0], ROWS[2][0]]
    assert records[0]["authors"] == ["Ana Lind", "Per Holm"]
    assert batches == [1000]


def test_installed_command_runs(store_file):
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl.exportcli", "--store", str(store_file)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(ROWS)


@pytest.mark.parametrize("stamp", ["first_seen", "last_updated"])
@pytest.mark.parametrize("since", [True, False])
def test_an_export_reads_the_stamps_index_not_the_whole_table(tmp_path, stamp, since):
    path = tmp_path / "articles.sqlite"
    with ArticleStore(path) as store:
        for i in range(200):
            store.upsert(
                {
                    "url": f"https://a.example/{i}",
                    "canonical_url": f"https://a.example/{i}",
                },
                now=f"2026-03-{i % 28 + 1:02d}T09:00:00+00:00",
            )
        store.commit()
    sql = select_articles_sql(since=since, sites=0, originals_only=False, stamp=stamp)
    params = ["2026-03-20T00:00:00+00:00"] if since else []

    with sqlite3.connect(path) as connection:
        connection.execute("ANALYZE")
        plan = " | ".join(
            row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        )

    assert f"USING INDEX articles_{stamp}_idx" in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
