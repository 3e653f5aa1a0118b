"""Real servers for tests and benchmarks, started on 127.0.0.1 on free ports.

PostgreSQL runs from the Debian packages' binaries as a throwaway cluster (trust auth,
user ``newscrawl``, no fsync); redis-server with no persistence. Each is stopped and its
files removed by whoever started it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PageHandler(BaseHTTPRequestHandler):
    """A quiet handler for a test's own little site; ``send_page`` answers 200."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_page(
        self, body: str | bytes, content_type: str = "text/html; charset=utf-8"
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free port of 127.0.0.1; yield the base URL (no slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


_PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _pg_binary(name: str) -> str | None:
    for folder in _PG_BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def _as_server_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; CI runs as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1, trust auth, user ``newscrawl``."""

    def __init__(self) -> None:
        initdb, self._pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
        if initdb is None or self._pg_ctl is None:
            reason = (
                "PostgreSQL server binaries are not installed (.ci/run installs them)"
            )
            if os.environ.get("CI"):
                pytest.fail(reason)
            pytest.skip(reason)
        # Not under pytest's temp folder: that one is private to this user, and the
        # server runs as "postgres" when the tests run as root.
        self.home = Path(tempfile.mkdtemp(prefix="newscrawl-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.home, user="postgres")
        self._data = self.home / "data"
        self.port = free_port()
        self.url = f"postgresql://newscrawl@127.0.0.1:{self.port}"
        subprocess.run(
            _as_server_user([initdb, "-D", str(self._data), "-A", "trust",
                             "-U", "newscrawl", "-E", "UTF8", "--no-sync"]),
            check=True, capture_output=True,
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 -c fsync=off"
        )
        self._pg_ctl_run("-l", str(self.home / "log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        self._pg_ctl_run("-m", "fast", "-w", "stop", check=False)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"{self.url}/{name}"

    def _pg_ctl_run(self, *arguments: str, check: bool = True) -> None:
        assert self._pg_ctl is not None
        subprocess.run(
            _as_server_user([self._pg_ctl, "-D", str(self._data), *arguments]),
            check=check,
            capture_output=True,
        )


class RedisServer:
    """A redis-server on 127.0.0.1; ``url`` names database 0.

    Without persistence unless ``persistent``: then every write goes to an append-only
    file first, so :meth:`restart` keeps the data, as a production server would.
    """

    def __init__(self, home: Path, *, persistent: bool = False) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            _missing("redis-server is not installed (.ci/run installs it)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        persistence = (
            ["--appendonly", "yes", "--appendfsync", "always"]
            if persistent
            else ["--save", "", "--appendonly", "no"]
        )
        self._command = [
            str(binary), "--port", str(self.port), "--bind", "127.0.0.1",
            *persistence, "--dir", str(home),
        ]  # fmt: skip
        self._start()

    def _start(self) -> None:
        self._process = subprocess.Popen(self._command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def restart(self, pause: float) -> None:
        """Stop the server, leave the port closed for ``pause`` seconds, start it again."""
        self.stop()
        time.sleep(pause)
        self._start()

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)
