"""The command line as a user runs it: analyze, ingest, export, stats, and partial failure."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PARAS, page, serving
from newsgraph.cli import main
from newsgraph.model import Analysis

N_RESUME = 1500
WIRE = (
    "Home world Ceasefire talks resume in Doha\n"
    "Ceasefire talks resume in Doha\n"
    "Share this article\n"
    "Published: 17 April 2024\n\n"
    "DOHA, April 17 (Newswire) - Negotiators met in Doha on Monday, two weeks after the last "
    "round collapsed, officials said.\n\n"
    "More than 3,100 people have been displaced since March 3, according to the United Nations.\n"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_analyze_plain_text_wire_story(workdir: Path) -> None:
    Path("wire.txt").write_text(WIRE, encoding="utf-8")
    code, out, err = run("analyze", "wire.txt")
    assert code == 0, err
    record = json.loads(out)
    an = Analysis.from_json(record)
    assert record["schema"] == "newsgraph.analysis/1"
    assert an.article.title == "Ceasefire talks resume in Doha"
    assert an.article.published == "2024-04-17" and an.article.section == "world"
    assert "Share this article" not in an.article.text
    assert len(an.sentences) == 2
    values = {t.text: t.value for t in an.timexes}
    assert values["Monday"] == "2024-04-15" or values.get("on Monday") == "2024-04-15"
    assert any(c.value == 3100 and c.qualifier == "more than" for c in an.claims)
    for span in an.sentences + an.timexes + an.claims:
        assert 0 <= span.start < span.end <= len(an.article.text)


def test_analyze_jsonl_keeps_input_order_and_ids(workdir: Path) -> None:
    lines = [
        json.dumps({"id": f"r{i}", "text": p, "published": "2024-05-13"})
        for i, p in enumerate(PARAS)
    ]
    lines.insert(1, "{broken")
    Path("in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run("analyze", "--input-format", "jsonl", "--format", "jsonl", "in.jsonl")
    assert code == 1
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == ["r0", "r1", "r2"]
    assert (
        err.strip() == "error: in.jsonl:2: invalid JSON (Expecting property name enclosed "
        "in double quotes at column 2)"
    )


def test_analyze_html_stdin_and_text_format(workdir: Path) -> None:
    code, out, _ = run(
        "analyze", "--format", "text", "--published", "2024-05-13", "-", stdin=page()
    )
    assert code == 0
    assert out.startswith("# Border talks resume in Almaty\n")
    assert "Dates" in out and "2024-05-13" in out


def test_analyze_rejects_a_bad_published_date(workdir: Path) -> None:
    code, _, err = run("analyze", "--published", "17/04/2024", "x.txt")
    assert code == 2 and "not an ISO date" in err


def test_ingest_is_idempotent_and_stats(workdir: Path) -> None:
    Path("wire.txt").write_text(WIRE, encoding="utf-8")
    Path("page.html").write_text(page(), encoding="utf-8")
    code, out, _ = run("ingest", "wire.txt", "page.html")
    assert code == 0 and out.strip() == (
        "newsgraph.duckdb: 2 stored (0 as near-duplicates), 0 already stored, 0 failed"
    )
    first = json.loads(run("stats", "--format", "json")[1])
    code, out, _ = run("ingest", "wire.txt", "page.html")
    assert code == 0 and "0 stored (0 as near-duplicates), 2 already stored" in out
    assert json.loads(run("stats", "--format", "json")[1]) == first
    assert first["articles"] == 2 and first["sentences"] > 4 and first["timexes"] >= 2
    assert set(first) >= {
        "articles",
        "sentences",
        "actors",
        "mentions",
        "events",
        "quotes",
        "claims",
        "timexes",
        "framing",
    }


def test_ingest_partial_failure_keeps_the_good_inputs(workdir: Path) -> None:
    Path("wire.txt").write_text(WIRE, encoding="utf-8")
    Path("empty.txt").write_text("", encoding="utf-8")
    Path("blob.html").write_bytes(bytes(range(256)) * 4)
    code, out, err = run(
        "ingest", "--db", "x.duckdb", "empty.txt", "wire.txt", "blob.html", "missing.txt"
    )
    assert code == 1
    assert "1 stored" in out and "3 failed" in out
    assert err.splitlines() == [
        "error: empty.txt: empty input",
        "error: blob.html: binary content, not text or HTML",
        "error: missing.txt: no such file or directory",
    ]


def test_syndicated_copy_is_linked_to_its_original(workdir: Path) -> None:
    Path("a.txt").write_text(WIRE, encoding="utf-8")
    copy = WIRE.replace("Ceasefire talks resume in Doha", "Doha talks back on track").replace(
        "officials said.", "officials said. Further talks are planned."
    )
    Path("b.txt").write_text(copy, encoding="utf-8")
    code, out, _ = run("ingest", "a.txt", "b.txt")
    assert code == 0 and "2 stored (1 as near-duplicates)" in out
    stats = json.loads(run("stats", "--format", "json")[1])
    assert stats["duplicates"] == 1


def test_export_formats(workdir: Path) -> None:
    Path("wire.txt").write_text(WIRE, encoding="utf-8")
    run("ingest", "wire.txt")
    code, out, _ = run("export", "--format", "parquet", "--out", "pq")
    assert code == 0 and "pq/claims.parquet" in out
    code, out, _ = run("export", "--format", "csv", "--out", "csv", "--table", "timexes")
    assert code == 0 and out.strip() == "csv/timexes.csv"
    code, out, _ = run("export", "--format", "jsonl")
    assert Analysis.from_json(out.splitlines()[0]).article.title.startswith("Ceasefire")
    code, _, err = run("export", "--format", "csv", "--table", "nope")
    assert code == 2 and "unknown table" in err


def test_commands_on_a_missing_database(workdir: Path) -> None:
    code, _, err = run("stats", "--db", "none.duckdb")
    assert code == 2 and err.strip() == (
        "error: none.duckdb: no such database (run `newsgraph ingest` first)"
    )


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_duplicates(workdir: Path) -> None:
    rng = random.Random(7)
    words = " ".join(PARAS).replace(",", "").replace(".", "").split()
    records = [
        json.dumps(
            {
                "id": f"n{i}",
                "published": "2024-05-13",
                "text": f"Report {i}\n\n" + " ".join(rng.choice(words) for _ in range(80)),
            }
        )
        for i in range(N_RESUME)
    ]
    Path("big.jsonl").write_text("\n".join(records), encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "newsgraph",
        "ingest",
        "--no-progress",
        "--batch-size",
        "20",
        "--db",
        "k.duckdb",
        "big.jsonl",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    if killed:
        assert (
            re.search(r"[1-9]\d* already stored", done.stdout)
            or f"{N_RESUME} stored" in done.stdout
        )
    resumed = json.loads(run("stats", "--db", "k.duckdb", "--format", "json")[1])
    clean_cmd = [*cmd[:-2], "clean.duckdb", "big.jsonl"]
    subprocess.run(clean_cmd, capture_output=True, check=True)
    clean = json.loads(run("stats", "--db", "clean.duckdb", "--format", "json")[1])
    assert resumed["articles"] == N_RESUME
    assert resumed == clean


@pytest.fixture
def web(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving a folder of pages."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "talks.html").write_text(page(), encoding="utf-8")
    (root / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Talks</title><link>/talks.html</link></item>"
        "<item><title>Gone</title><link>/gone.html</link></item></channel></rss>",
        encoding="utf-8",
    )
    handler = partial(QuietHandler, directory=str(root))
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as srv:
        yield f"http://127.0.0.1:{srv.server_address[1]}"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_ingest_urls_and_feeds_from_a_real_server(workdir: Path, web: str) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}/x.html"
    closed.close()
    code, out, err = run("ingest", f"{web}/talks.html", f"{web}/feed.rss", dead, f"{web}/404.html")
    assert code == 1
    # The feed names its entry by its link, so the same page comes back as a linked copy.
    assert "2 stored (1 as near-duplicates), 0 already stored, 3 failed" in out, err
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"error: {web}/gone.html: HTTP 404")
    assert lines[1].startswith(f"error: {dead}: unreachable")
    assert lines[2].startswith(f"error: {web}/404.html: HTTP 404")


def test_a_50_mb_page_is_refused_and_the_run_goes_on(workdir: Path) -> None:
    Path("huge.html").write_bytes(
        b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>"
    )
    Path("wire.txt").write_text(WIRE, encoding="utf-8")
    code, out, err = run("ingest", "huge.html", "wire.txt")
    assert code == 1 and "1 stored" in out
    assert err.strip() == "error: huge.html: 50.0 MB is over the 20 MB limit (--max-mb)"


@pytest.mark.parametrize(
    ("env", "content", "message"),
    [
        ("NEWSGRAPH_PATTERNS", "type: NOPE\nrules: []\n", "unknown event type 'NOPE'"),
        ("NEWSGRAPH_FRAMING", "groups: [{category: 5}]\n", "groups[0]: category"),
    ],
)
def test_a_broken_user_file_is_one_error_before_any_work(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, env: str, content: str, message: str
) -> None:
    Path("user.yaml").write_text(content, encoding="utf-8")
    Path("wire.txt").write_text(WIRE, encoding="utf-8")
    monkeypatch.setenv(env, str(Path("user.yaml").resolve()))
    for command in (["analyze", "wire.txt"], ["ingest", "--db", "x.duckdb", "wire.txt"]):
        code, out, err = run(*command)
        lines = err.strip().splitlines()
        assert code == 2 and out == "" and len(lines) == 1, err
        assert lines[0].startswith("error: ") and "user.yaml" in lines[0] and message in lines[0]
    assert not Path("x.duckdb").exists()
