"""`newsgraph serve` and `newsgraph ingest --server`: the server owns the database, other
commands say so and point at --server, and ingest sends its articles to the running server."""

from __future__ import annotations

import re
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

import server_data
from newsgraph.cli import main

START_TIMEOUT = 60.0


def newsgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def first_line(proc: subprocess.Popen[str]) -> str:
    """The first line the server prints, waiting at most START_TIMEOUT seconds."""
    assert proc.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            return proc.stdout.readline()
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"the server exited ({proc.returncode}): {err}")
    raise AssertionError("the server printed no address in time")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return server_data.database(tmp_path_factory)


@pytest.fixture(scope="module")
def served(db: Path) -> Iterator[str]:
    """`newsgraph serve` on a free port, as a user starts it; yields its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(proc)
        found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
        assert found, line
        assert "Ctrl-C to stop" in line
        yield found.group(1).rstrip("/")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)  # waits, and closes the pipes


def test_served_api_answers(served: str) -> None:
    counts = httpx.get(served + "/api/stats", timeout=30).json()
    assert counts["articles"] >= 23
    assert httpx.get(served + "/", timeout=30).status_code == 200


@pytest.mark.parametrize(
    "args",
    [
        ("stats",),
        ("export", "--format", "jsonl"),
        ("ingest", "--samples"),
    ],
)
def test_other_commands_point_at_the_server(served: str, db: Path, args: tuple[str, ...]) -> None:
    result = newsgraph(*args, "--db", str(db))
    assert result.returncode == 2
    assert "in use by another process" in result.stderr
    assert "--server URL" in result.stderr


def test_a_second_server_is_refused(served: str, db: Path) -> None:
    result = newsgraph("serve", "--db", str(db), "--port", "0")
    assert result.returncode == 2 and "in use" in result.stderr


def test_ingest_through_the_server(served: str, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Ferry service resumes across the lake\n\n"
        "The ferry between the two ports resumed on Saturday after repairs, the operator said."
    )
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", "--server", served, str(story)])
    assert first.exit_code == 0, first.output
    assert f"{served}: 1 stored (0 as near-duplicates), 0 already stored, 0 failed" in first.output
    again = runner.invoke(main, ["ingest", "--server", served, str(story)])
    assert "0 stored (0 as near-duplicates), 1 already stored, 0 failed" in again.output
    found = httpx.get(served + "/api/articles", params={"q": "Ferry service"}, timeout=30)
    assert [a["title"] for a in found.json()["items"]] == ["Ferry service resumes across the lake"]


def test_ingest_through_the_server_reports_failures(served: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(
        main, ["ingest", "--server", served, str(empty), str(tmp_path / "missing.txt")]
    )
    assert result.exit_code == 1
    assert "empty.txt: empty input" in result.output
    assert "missing.txt: no such file or directory" in result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_ingest_without_a_server(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Title\n\nBody of the story.")
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["ingest", "--server", url, str(story)])
    assert result.exit_code == 2
    assert "cannot reach the server" in result.output


def test_ingest_server_and_actor_files_do_not_mix(tmp_path: Path) -> None:
    layer = tmp_path / "mine.yaml"
    layer.write_text("actors: []\n")
    result = CliRunner().invoke(
        main, ["ingest", "--server", "http://127.0.0.1:9", "--actors", str(layer), "x.txt"]
    )
    assert result.exit_code == 2 and "NEWSGRAPH_ACTORS" in result.output


def test_serve_on_a_taken_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = newsgraph("serve", "--db", str(tmp_path / "n.duckdb"), "--port", str(port))
    assert result.returncode == 2 and "cannot listen there" in result.stderr
