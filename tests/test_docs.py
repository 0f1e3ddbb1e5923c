"""Docs that run: the README's quick start and every console example in it.

Console examples are ``$ command`` lines followed by their output. Each runs in a scratch folder
that sees the repository's ``src`` (so sample paths resolve) and its own database; the output
must match what the README shows. After a deliberate change of output, rewrite the examples with
``NEWSGRAPH_UPDATE_DOCS=1 pytest tests/test_docs.py``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def blocks() -> list[str]:
    return _BLOCK.findall(README.read_text(encoding="utf-8"))


def examples(block: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of one console block."""
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
        command, _, expected = chunk.partition("\n")
        out.append((command, expected))
    return out


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", COLUMNS="100")
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_quick_start_is_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", quick, re.S)
    lines = [ln for block in commands for ln in block.splitlines() if ln.strip()]
    assert lines == ["make run", "make test"]


@pytest.mark.slow
def test_make_run(tmp_path: Path) -> None:
    """`make run` on the bundled samples (its database redirected with DB=, as make allows)
    ingests, prints the summary, and ends with the server up on the sample corpus."""
    env = dict(os.environ, DB=str(tmp_path / "run.duckdb"), PORT="0")
    proc = subprocess.Popen(
        ["make", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 900
        url = None
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if m := re.search(r"serving (http://\S+?)/? ", line):
                url = m.group(1)
        out = "".join(seen)
        assert url, out[-2000:]
        assert re.search(
            r"run\.duckdb: 2\d stored \(\d+ as near-duplicates\), 0 already stored, 0 failed", out
        )
        assert re.search(r"^articles\s+2\d$", out, re.M)
        stats = httpx.get(f"{url}/api/stats", timeout=30).json()
        assert stats["articles"] >= 20
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=60)


def test_make_test_is_a_valid_target() -> None:
    """`make test` cannot run itself from inside its own tests; check that make can plan it."""
    done = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "pytest" in done.stdout and "eval/run.py" in done.stdout


@pytest.mark.slow
def test_console_examples(tmp_path: Path) -> None:
    (tmp_path / "src").symlink_to(ROOT / "src")
    text = README.read_text(encoding="utf-8")
    updated = text
    for block in blocks():
        new_block = block
        for command, expected in examples(block):
            done = run(command, tmp_path)
            assert done.returncode == 0, f"{command}\n{done.stderr}"
            actual = done.stdout
            if os.environ.get("NEWSGRAPH_UPDATE_DOCS"):
                new_block = new_block.replace(f"$ {command}\n{expected}", f"$ {command}\n{actual}")
            else:
                assert actual == expected, f"README example changed: {command}"
        updated = updated.replace(block, new_block)
    if updated != text:
        README.write_text(updated, encoding="utf-8")


def test_yaml_examples_load_as_actor_layers_or_event_patterns(tmp_path: Path) -> None:
    from newsgraph.actors.kb import load_user_layer
    from newsgraph.events.patterns import default_patterns, load_patterns

    yamls = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(yamls) >= 2
    bundled = len(default_patterns().rules)
    for i, block in enumerate(yamls):
        path = tmp_path / f"example{i}.yaml"
        path.write_text(block, encoding="utf-8")
        if block.startswith("type:"):  # an event-pattern file adds its rules to the bundled ones
            assert len(load_patterns(extra=(str(path),)).rules) > bundled
        elif block.startswith("version:"):  # a framing lexicon layered over the bundled one
            from newsgraph.framing import load_lexicon

            layered = load_lexicon((str(path),))
            assert [t.source for t in layered.lookup("steamrolled")] == [str(path)]
            assert not layered.lookup("whined")  # removed by the example
        else:
            assert load_user_layer(path)
