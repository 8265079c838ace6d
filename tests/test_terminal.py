"""The terminal: tables that fit the width (COLUMNS, a real pseudo-terminal), plain output in pipes,
progress bars on stderr only when stderr is a terminal. Real subprocesses throughout."""

from __future__ import annotations

import json
import os
import pty
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_monitor
from monitor.cli.base import fit_columns

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BOX = re.compile("[\u2500-\u257f]")  # box drawing: borders, rules
LONG_WORD = "Zaporizhzhia" * 10  # 120 letters and no space: it has to be folded
TITLE = ("Donbas: " + " ".join(f"delegates{i} met again" for i in range(40)) + " " + LONG_WORD)


@pytest.fixture
def long_title_config(make_config, tmp_path: Path) -> Path:
    article = tmp_path / "long.txt"
    article.write_text(f"{TITLE}\n\n" + "Officials said the talks on the Donbas would go on next week. " * 6 + "\n",
                       encoding="utf-8")
    return make_config([{"name": "desk", "kind": "text", "path": str(article)}])


# --- widths --------------------------------------------------------------------------------------

def test_columns_that_fit_keep_their_natural_width() -> None:
    assert fit_columns([4, 10, 60], [4, 10, 60], 74) == [4, 10, 60]


def test_long_text_gives_way_first_then_headers_then_everything() -> None:
    natural = [6, 8, 3, 90]  # a name, an outcome whose header is wider than its cells, a number, a title
    least = [6, 5, 3, 90]  # how narrow each short column goes before its cells are cut
    assert fit_columns(natural, least, 60) == [6, 8, 3, 43], "the long column takes what is left"
    assert fit_columns(natural, least, 29) == [6, 8, 3, 12], "down to its floor"
    assert fit_columns(natural, least, 27) == [6, 6, 3, 12], "then a header wraps"
    assert fit_columns(natural, least, 12) == [3, 3, 3, 3], "then everything is cut, evenly"
    for room in range(4, 120):
        widths = fit_columns(natural, least, room)
        assert sum(widths) <= room and min(widths) >= 1, room


# --- tables in pipes -----------------------------------------------------------------------------

def test_a_table_that_fits_prints_in_a_pipe_as_rich_lays_it_out() -> None:
    # Pipes and files get the plain lines without rich's layout (a run --once of thousands of
    # sources): the same characters as rich's table, for wide, combining and right-aligned cells.
    import random

    from rich.cells import cell_len
    from rich.console import Console

    from monitor.cli.base import _GAP, _plain_lines, _table

    pieces = ["a", "Zaporizhzhia", "Dnipropetrovsk oblast", "é", "e\u0301", "ж", "中文", "😀", " ", "-", "·", "ﬁ", "Ⅻ", "ا"]
    rng = random.Random(15)
    for case in range(300):
        columns = rng.randint(1, 5)
        numeric = [rng.random() < 0.4 for _ in range(columns)]
        rows = [[f"h{i}" + "".join(rng.choices(pieces, k=rng.randint(0, 2))) for i in range(columns)]]
        for _ in range(rng.randint(0, 6)):
            rows.append([str(rng.randint(0, 10 ** rng.randint(0, 6))) if numeric[i] else
                         "".join(rng.choices(pieces, k=rng.randint(0, 6))) for i in range(columns)])
        widths = [max(cell_len(row[i]) for row in rows) for i in range(columns)]
        console = Console(width=max(1, sum(widths) + _GAP * (columns - 1)), force_terminal=False, color_system=None,
                          markup=False, emoji=False, highlight=False)
        with console.capture() as captured:
            console.print(_table(rows, widths, widths, header_style=""))
        expected = [line.rstrip() for line in captured.get().splitlines()]
        assert list(_plain_lines(rows, widths)) == expected, f"case {case}: {rows}"


def test_a_long_title_wraps_to_columns_and_json_stays_whole(long_title_config: Path) -> None:
    assert run_monitor("run", "--once", "--config", str(long_title_config)).code == 0
    narrow = run_monitor("story", "1", "--config", str(long_title_config), env={"COLUMNS": "80"})
    assert narrow.code == 0, narrow.stderr
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, narrow.stdout
    assert not ANSI.search(narrow.stdout) and not BOX.search(narrow.stdout)
    assert any(line.split()[:5] == ["item", "first", "seen", "sources", "joined"] for line in lines)
    # Every character of the title is there, wrapped, in order (the long word folded).
    squeezed = "".join(narrow.stdout.split())
    assert "".join(TITLE.split()) in squeezed and LONG_WORD in squeezed
    whole = json.loads(run_monitor("story", "1", "--json", "--config", str(long_title_config),
                                   env={"COLUMNS": "80"}).stdout)
    assert whole["items"][0]["title"] == TITLE and whole["story"]["title"] == TITLE


def test_a_pipe_without_columns_gets_one_line_per_row(long_title_config: Path) -> None:
    assert run_monitor("run", "--once", "--config", str(long_title_config)).code == 0
    wide = run_monitor("story", "1", "--config", str(long_title_config))
    assert wide.code == 0, wide.stderr
    lines = wide.stdout.splitlines()
    assert lines[0] == f"story 1: {TITLE}"
    row = next(line for line in lines if line.startswith("#1 "))
    assert TITLE in row and row == row.rstrip()
    assert len(lines) == 5  # heading, counts, header, the row, alerts
    assert not ANSI.search(wide.stdout) and not BOX.search(wide.stdout)
    header = lines[2]
    assert header.index("title / url") == row.index(TITLE), "aligned columns"


def test_run_once_table_fits_columns(long_title_config: Path, feed_server) -> None:
    gone = feed_server.add("/" + "gone/" * 30 + "feed.xml", status=404)
    config = long_title_config.read_text(encoding="utf-8").replace(
        'name = "desk"', 'name = "desk-with-a-rather-long-name-for-a-column"')
    config += f'\n[[sources]]\nname = "missing"\nkind = "feed"\nurl = "{gone}"\nallow_private = true\n'
    long_title_config.write_text(config, encoding="utf-8")
    done = run_monitor("run", "--once", "--config", str(long_title_config), env={"COLUMNS": "72"})
    assert done.code == 1, done.stderr  # a source failed
    assert max(len(line) for line in done.stdout.splitlines()) <= 72, done.stdout
    assert done.stdout.splitlines()[0].split() == ["source", "outcome", "new", "updated", "duplicate", "alerts",
                                                   "error"]
    assert "404" in done.stdout and "gone/gone/" in "".join(done.stdout.split())
    assert done.stdout.splitlines()[-1].startswith("2 source(s): 1 new")


# --- a real terminal -----------------------------------------------------------------------------

def _on_a_terminal(args: list[str], stream: str, columns: int = 80) -> tuple[int, str, str]:
    """Run monitor with `stream` ("stdout" or "stderr") on a pseudo-terminal `columns` wide and the
    other one on a pipe: (exit code, what the terminal showed, what the pipe got)."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color")
    for name in ("COLUMNS", "LINES", "MONITOR_CONFIG", "NO_COLOR"):
        env.pop(name, None)
    process = subprocess.Popen([sys.executable, "-m", "monitor", *args], env=env, cwd=ROOT,
                               stdout=slave if stream == "stdout" else subprocess.PIPE,
                               stderr=slave if stream == "stderr" else subprocess.PIPE)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    piped = (process.stdout if stream == "stderr" else process.stderr).read()  # type: ignore[union-attr]
    code = process.wait(timeout=60)
    return code, shown.decode("utf-8", "replace"), piped.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_stderr_only(long_title_config: Path, tmp_path: Path) -> None:
    targets = []
    for n in range(3):
        target = tmp_path / f"article{n}.txt"
        target.write_text(f"Headline {n} on NATO\n\n" + f"Story number {n} about NATO and the talks. " * 8,
                          encoding="utf-8")
        targets.append(str(target))
    code, shown, piped = _on_a_terminal(["ingest", *targets, "--config", str(long_title_config)], "stderr")
    assert code == 0, shown
    assert "3/3" in shown and "target(s)" in shown, shown
    assert "\x1b[" in shown  # drawn, then erased
    # The log lines go above the bar, each still one line.
    logged = [line for line in ANSI.sub("", shown).replace("\r", "\n").splitlines() if "fetch source=manual" in line]
    assert len(logged) == 3 and all("ms=" in line for line in logged), shown
    # stdout, a pipe, is the plain table.
    assert piped.splitlines()[0].split()[:2] == ["target", "outcome"] and not ANSI.search(piped)

    plain = run_monitor("ingest", *targets, "--config", str(long_title_config))
    assert "target(s)" not in plain.stderr and "\x1b" not in plain.stderr, "no bar when stderr is a pipe"


def test_run_once_and_backtest_bars(long_title_config: Path) -> None:
    code, shown, piped = _on_a_terminal(["run", "--once", "--config", str(long_title_config)], "stderr")
    assert code == 0 and "1/1" in shown and "source(s)" in shown, shown
    assert piped.splitlines()[-1].startswith("1 source(s): 1 new")
    code, shown, piped = _on_a_terminal(["backtest", "Donbas", "--config", str(long_title_config)], "stderr")
    assert code == 0 and "backtest Donbas" in shown and "item(s)" in shown, shown
    assert piped.startswith("rule Donbas: 1 item(s)")


def test_a_table_on_a_terminal_fits_it(long_title_config: Path) -> None:
    assert run_monitor("run", "--once", "--config", str(long_title_config)).code == 0
    code, shown, _ = _on_a_terminal(["story", "1", "--config", str(long_title_config)], "stdout", columns=70)
    assert code == 0, shown
    text = ANSI.sub("", shown).replace("\r", "")
    assert max(len(line) for line in text.splitlines()) <= 70, text
    assert "\x1b[1m" in shown, "a bold header"
    assert "".join(TITLE.split()) in "".join(text.split())
