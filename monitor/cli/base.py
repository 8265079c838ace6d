"""The `monitor` command group and what its commands share: config loading, error mapping, tables that
fit the terminal, progress bars on stderr.

ConfigError → its one line on stderr, exit 2. Any other MonitorError → "Error: …", exit 1.
Tracebacks only with --debug.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TypeVar

import click

from monitor import __version__, config as config_module, logs
from monitor.dates import parse_date, utc_now
from monitor.durations import parse_duration
from monitor.errors import ConfigError, MonitorError
from monitor.models import Config

if TYPE_CHECKING:  # rich is imported when a table or a bar is drawn (~40 ms that --json never pays)
    from rich.console import Console, OverflowMethod, RenderableType
    from rich.progress import Progress
    from rich.table import Table

    from monitor.parse_pool import ParsePool

DEFAULT_CONFIG = "config.toml"
T = TypeVar("T")


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                        envvar="MONITOR_CONFIG", show_envvar=True,
                        help=f"Config file (default: ./{DEFAULT_CONFIG}).")(func)


def load_config(ctx: click.Context, config_path: str | None) -> Config:
    path = config_path or (ctx.obj or {}).get("config_path") or DEFAULT_CONFIG
    config = config_module.load(path)
    logs.configure((ctx.obj or {}).get("log_level") or config.settings.log_level, config.settings.log_format)
    return config


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our exceptions into one-line messages and exit codes at the edge."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = (click.get_current_context().find_root().obj or {}).get("debug")
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            if debug:
                raise
            click.echo(str(exc), err=True)
            sys.exit(2)
        except MonitorError as exc:
            if debug:
                raise
            raise click.ClickException(str(exc)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="monitor")
@config_option
@click.option("--debug", is_flag=True, help="Show tracebacks and DEBUG logs.")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, debug: bool) -> None:
    """Watch news sources, store every story once in SQLite, and alert on keywords."""
    ctx.obj = {"config_path": config_path, "debug": debug, "log_level": "DEBUG" if debug else None}


def pipeline_context(config: Config, pool: ParsePool | None = None) -> Any:
    """The pipeline's Context for a command that fetches, with its parse pool (`pool`: one made already)."""
    from monitor.collect import Context
    from storage import host_gates

    return Context.build(config, auto_pool=True, gate=host_gates(config.settings), pool=pool)


# --- tables ---------------------------------------------------------------------------------------
# A column whose widest cell is longer than _WRAP_PAST holds long text (a title, an error, a URL) and
# is the first to give way: its cells wrap, words longer than the column fold. Then the headers of the
# short columns (names, numbers, times, outcomes) wrap between their words. Only when the short
# columns still do not fit is every column cut down, short cells losing their ends to "…".
_WRAP_PAST = 24
_WRAP_MIN = 12  # a wrapping column narrower than this would be a ribbon of a few letters a line
_GAP = 2  # spaces between columns
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def print_table(rows: list[list[str]]) -> None:
    """Print rows (the first is the header) as aligned columns that fit the output's width.

    On a terminal: its width (or COLUMNS), a bold header. Otherwise plain text for pipes and files:
    no colour, no borders, no trailing spaces, and one line per row however wide, unless COLUMNS
    sets a width to fit.
    """
    from rich.cells import cell_len

    cells = [[_CONTROL.sub(" ", cell) for cell in row] for row in rows]
    natural = [max(cell_len(row[i]) for row in cells) for i in range(len(cells[0]))]
    least = [max([cell_len(row[i]) for row in cells[1:]] + [cell_len(w) for w in cells[0][i].split()] + [1])
             for i in range(len(natural))]
    gaps = _GAP * (len(natural) - 1)
    # Narrower than a character a column cannot be done: such lines are longer than asked.
    least_width = gaps + len(natural)
    width = _width(sum(natural) + gaps, tty=False) if not sys.stdout.isatty() else None
    if width is not None and fit_columns(natural, least, max(width, least_width) - gaps) == natural:
        # Not a terminal, nothing to wrap or cut, no style: the lines rich would print, without its
        # layout work (0.8 s of CPU for a `run --once` summary of 1,000 sources, 8 s for 10,000)
        # or its console (importing it: 16 ms at the end of every `run --once`).
        for line in _plain_lines(cells, natural):
            click.echo(line)
        return
    console = _stdout(sum(natural) + gaps)
    console.width = max(console.width, least_width)
    widths = fit_columns(natural, least, console.width - gaps)
    _print(console, _table(cells, natural, widths, header_style="bold" if console.is_terminal else ""))


def _plain_lines(rows: list[list[str]], widths: list[int]) -> Iterator[str]:
    """Rows whose cells fit their columns' widths, as rich prints them unstyled: padded to width
    (numeric columns to the right), _GAP spaces apart, no trailing spaces."""
    from rich.cells import cell_len

    right = _numeric_columns(rows)
    gap = " " * _GAP
    for row in rows:
        padded = []
        for cell, width, to_right in zip(row, widths, right):
            if to_right:  # as rich justifies to the right: trailing spaces go first
                cell = cell.rstrip()
                padded.append(" " * (width - cell_len(cell)) + cell)
            else:
                padded.append(cell + " " * (width - cell_len(cell)))
        yield gap.join(padded).rstrip()


def _numeric_columns(rows: list[list[str]]) -> list[bool]:
    """Which columns hold only numbers below their header (printed flush right)."""
    return [len(rows) > 1 and all(row[i].isdigit() for row in rows[1:]) for i in range(len(rows[0]))]


def print_wrapped(text: str, indent: str = "  ") -> None:
    """Print a line of text (a heading with a title in it) wrapped as the tables are, later lines indented."""
    from rich.cells import cell_len
    from rich.text import Text

    text = _CONTROL.sub(" ", text)
    console = _stdout(cell_len(text) + cell_len(indent))
    room = max(1, console.width - cell_len(indent))
    lines = Text(text).wrap(console, room, overflow="fold")
    _print(console, Text("\n").join([lines[0]] + [Text(indent) + line for line in lines[1:]]))


def _stdout(natural: int) -> Console:
    """A console on stdout at the width the output gets: the terminal's or COLUMNS; in a pipe or a
    file, COLUMNS or else `natural` (what the content needs: nothing is wrapped)."""
    from rich.console import Console

    tty = sys.stdout.isatty()
    width = _width(natural, tty)
    # Decided by isatty alone: FORCE_COLOR or TTY_COMPATIBLE in the environment never colour a pipe.
    return Console(file=sys.stdout, width=width, force_terminal=tty, color_system="auto" if tty else None,
                   markup=False, emoji=False, highlight=False)


def _width(natural: int, tty: bool) -> int | None:
    """The width output gets: COLUMNS, else in a pipe or a file `natural` (what the content needs:
    nothing is wrapped), else None (a terminal's own width)."""
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    if width is None and not tty:
        width = max(1, natural)
    return width


def _print(console: Console, renderable: RenderableType) -> None:
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    for line in captured.get().splitlines():
        click.echo(line.rstrip())


def fit_columns(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths adding up to at most `room` (when it allows a character a column).

    `natural`: each column's widest cell; `least`: how narrow a short column gets before its cells
    are cut (its widest body cell, or its header's longest word). See _WRAP_PAST.
    """
    if sum(natural) <= room:
        return list(natural)
    wide = [n > _WRAP_PAST for n in natural]
    floors = [min(n, _WRAP_MIN) if w else m for n, m, w in zip(natural, least, wide)]
    extra = room - sum(floors)
    if extra < 0:  # everything is cut down, as evenly as can be (long text no wider than its floor)
        return _fair_shares([f if w else n for n, f, w in zip(natural, floors, wide)], room)
    # Above the floors, the short columns' headers are made whole first, then the long text gets the rest.
    widths = list(floors)
    for group in ([i for i, w in enumerate(wide) if not w], [i for i, w in enumerate(wide) if w]):
        wants = [natural[i] - floors[i] for i in group]
        shares = _fair_shares(wants, min(extra, sum(wants)), at_least=0)
        for i, share in zip(group, shares):
            widths[i] += share
        extra -= sum(shares)
    return widths


def _fair_shares(wants: list[int], room: int, at_least: int = 1) -> list[int]:
    """Split room so that no one gets more than it wants and the smallest share is as big as can be."""
    shares = [0] * len(wants)
    left, room = len(wants), max(room, at_least * len(wants))
    for i in sorted(range(len(wants)), key=lambda i: wants[i]):
        shares[i] = max(at_least, min(wants[i], room // left))
        room -= shares[i]
        left -= 1
    return shares


def _table(rows: list[list[str]], natural: list[int], widths: list[int], header_style: str) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, _GAP // 2), header_style=header_style)
    for i, (header, numeric) in enumerate(zip(rows[0], _numeric_columns(rows))):
        wraps = natural[i] > _WRAP_PAST
        overflow: OverflowMethod = "fold" if wraps else "ellipsis"
        table.add_column(Text(header, no_wrap=False, overflow=overflow), justify="right" if numeric else "left",
                         width=widths[i], no_wrap=not wraps, overflow=overflow)
    for row in rows[1:]:
        table.add_row(*(Text(cell) for cell in row))
    return table


# --- progress --------------------------------------------------------------------------------------

class Bar:
    """A progress bar on stderr while long work runs, or nothing at all when stderr is not a terminal
    (a pipe, a file, a test): the caller advances it the same way in both cases."""

    def __init__(self, progress: Progress | None, description: str) -> None:
        self._progress = progress
        self._task = progress.add_task(description, total=None) if progress else None

    @property
    def shown(self) -> bool:
        """Whether the bar is drawn (stderr is a terminal)."""
        return self._progress is not None

    def start(self, total: int | None) -> None:
        """Set how many steps the work has (an unknown total shows a pulsing bar)."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)

    def advance(self, steps: int = 1) -> None:
        """Count steps done."""
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, steps)

    def describe(self, description: str) -> None:
        """Say what the work is doing now."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=description)

    def tracking(self, total: int) -> Callable[[Iterable[T]], Iterator[T]]:
        """start(total), then a function that advances the bar for each row of an iterable."""
        self.start(total)

        def track(rows: Iterable[T]) -> Iterator[T]:
            for row in rows:
                yield row
                self.advance()

        return track


@contextlib.contextmanager
def progress_bar(description: str, total: int | None = None, unit: str = "") -> Iterator[Bar]:
    """A Bar for the block: drawn on stderr only when stderr is a terminal, and gone afterwards.

    While it is drawn, log lines (stderr) are printed above it rather than through it.
    """
    if not sys.stderr.isatty() or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        yield Bar(None, description)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # soft_wrap: a log line printed above the bar stays one line (the terminal folds it).
    console = Console(file=sys.stderr, force_terminal=True, markup=False, emoji=False, highlight=False,
                      soft_wrap=True)
    # markup=False: a description names a file or a rule, whose brackets are not rich markup.
    progress = Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                        TextColumn(unit.replace("{", "{{").replace("}", "}}"), markup=False), TimeElapsedColumn(),
                        console=console, transient=True,
                        redirect_stdout=False, redirect_stderr=True)
    bar = Bar(progress, description)
    bar.start(total)
    original = sys.stderr
    with progress:
        # Our log handler holds the real stderr; point it at the proxy the bar installed meanwhile.
        moved = [h for h in logging.getLogger().handlers
                 if isinstance(h, logging.StreamHandler) and h.stream is original]
        for handler in moved:
            handler.setStream(sys.stderr)
        try:
            yield bar
        finally:
            for handler in moved:
                handler.setStream(original)


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """A --since value: a duration back from now ("2h", "3d") or a date/time ("2021-12-01")."""
    now = now or utc_now()
    try:
        return now - timedelta(seconds=parse_duration(value))
    except ValueError:
        pass
    when, _ = parse_date(value, placeholders=True)
    if when is None:
        raise click.BadParameter(f"expected a duration such as 2h or 3d, or a date such as 2021-12-01, got {value!r}")
    return when
