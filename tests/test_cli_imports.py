"""The read-only commands load only what they use (issue 15: a CLI that answers at once).

Each command runs as a whole `python -m monitor` process on a small real store and reports the
modules it had loaded when it exited; the heavy libraries of ingestion, delivery and the web UI
must not be among them. Not a timing test: bench/bench_cli.py measures the time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_monitor

# Libraries (and project modules that pull them) that no read-only command needs: a command that
# loads one pays for it on every call (numpy: sqlite-utils would import it, see storage/__init__).
NEVER = ("datasette", "apprise", "trafilatura", "feedparser", "dateparser", "httpx", "datasketch", "simplemma",
         "Stemmer", "prometheus_client", "apscheduler", "lxml", "numpy", "tomlkit", "usp", "uvicorn",
         "listparser", "bs4", "courlan", "htmldate", "ahocorasick", "protego",
         "monitor.collect", "monitor.pipeline", "monitor.analysis", "monitor.fetch", "monitor.web",
         "monitor.config_edit", "monitor.sources.feed", "monitor.sources.page", "monitor.sources.sitemap")
# rich draws tables: `sources` and `story` print one; the others print lines.
NO_TABLE = NEVER + ("rich",)
# A table that fits the output and goes to a pipe is printed line by line, without rich's console
# (the tests' output is a pipe); only its character widths (rich.cells) are used.
PIPED_TABLE = NEVER + ("rich.console",)

# Runs `python -m monitor ARGS` as the entry point does, then prints the loaded modules on stderr
# at exit (click ends every command with sys.exit).
_PROBE = """
import atexit, runpy, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["monitor", *sys.argv[1:]]
runpy.run_module("monitor", run_name="__main__", alter_sys=True)
"""


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the sample feed's items, stories and alerts in it."""
    folder = tmp_path_factory.mktemp("cli_imports")
    path = folder / "config.toml"
    path.write_text(f"""[settings]
database = "{folder / 'monitor.db'}"
alert_log = "{folder / 'alerts.jsonl'}"
alert_delay = "0s"

[[sources]]
name = "sample-feed"
kind = "feed"
path = "{ROOT / 'samples/feeds/border-crisis.xml'}"

[[rules]]
name = "Donbas"
terms = ["Donbas", "Donbass"]
""", encoding="utf-8")
    done = run_monitor("run", "--once", "--config", str(path))
    assert done.code == 0, done.stderr
    return path


def loaded_by(config: Path, *args: str) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MONITOR_CONFIG", None)
    env.pop("COLUMNS", None)  # (pytest-xdist's workers have it): a pipe's tables are as wide as they need
    done = subprocess.run([sys.executable, "-c", _PROBE, "--config", str(config), *args], cwd=config.parent,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), f"monitor {' '.join(args)} printed nothing"
    return set(done.stderr.rsplit("MODULES ", 1)[1].split())


def heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if name in modules or any(m.startswith(name + ".") for m in modules))


@pytest.mark.parametrize("args, never", [pytest.param(args, never, id=" ".join(args)) for args, never in [
    (("--help",), NO_TABLE),
    (("alerts",), NO_TABLE),
    (("alerts", "--json"), NO_TABLE),
    (("alerts", "--help"), NO_TABLE),
    (("search", "Donbas"), NO_TABLE),
    (("search", "--help"), NO_TABLE),
    (("sources",), PIPED_TABLE),
    (("sources", "--json"), NO_TABLE),
    (("story", "1"), NEVER),
    (("story", "1", "--json"), NO_TABLE),
]])
def test_read_only_commands_load_no_heavy_library(config: Path, args: tuple[str, ...],
                                                  never: tuple[str, ...]) -> None:
    modules = loaded_by(config, *args)
    assert "storage" in modules or args[-1] == "--help"  # the probe saw the command run
    assert heavy(modules, never) == [], f"monitor {' '.join(args)} imported {heavy(modules, never)}"


def test_the_probe_sees_heavy_imports(config: Path) -> None:
    # The same probe on a command that parses documents: its libraries are listed, so the test above
    # would fail if a read-only command loaded them.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("COLUMNS", None)
    done = subprocess.run([sys.executable, "-c", _PROBE, "--config", str(config), "run", "--once"],
                          cwd=config.parent, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = set(done.stderr.rsplit("MODULES ", 1)[1].split())
    assert {"feedparser", "lxml", "monitor.pipeline"} <= modules
    assert "trafilatura" not in modules  # a run of feeds only reads no article page
    assert "usp" not in modules and "requests" not in modules  # nor any sitemap
    assert "rich.console" not in modules  # its summary goes to a pipe (PIPED_TABLE)


def test_the_fetcher_does_not_load_httpxs_command_line_client() -> None:
    # httpx imports its own CLI (rich's progress bars, pygments) when those are installed; the
    # daemon never runs it (monitor.fetch keeps it out), and it stays importable for who would.
    probe = ("import sys, monitor.fetch; "
             "print(sorted(m for m in ('httpx._main', 'rich', 'pygments') if m in sys.modules)); "
             "import httpx._main; print(callable(httpx._main.main))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "True"], out.stdout + out.stderr


def test_a_spawned_worker_of_python_m_monitor_does_not_import_the_cli() -> None:
    # multiprocessing's spawn runs the parent's main module again in each child, as __mp_main__
    # (multiprocessing.spawn._fixup_main_from_name): for `python -m monitor`, this module. A parse
    # worker has no use for the CLI's imports.
    probe = ("import runpy, sys; runpy.run_module('monitor.__main__', run_name='__mp_main__', alter_sys=True); "
             "print(sorted(m for m in ('monitor.cli', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_spawned_worker_of_the_monitor_command_does_not_import_the_cli(tmp_path: Path) -> None:
    # Under the `monitor` command the main module is the console script pip wrote for the installed
    # entry point (`from MODULE import ATTR; sys.exit(ATTR())` under a main guard): a spawned worker
    # runs that script again (multiprocessing.spawn._fixup_main_from_path), imports included.
    from importlib.metadata import entry_points

    [entry] = [e for e in entry_points(group="console_scripts") if e.name == "monitor"]
    script = tmp_path / "monitor"
    script.write_text(f"import re\nimport sys\nfrom {entry.module} import {entry.attr}\n"
                      f"if __name__ == '__main__':\n    sys.exit({entry.attr}())\n")
    probe = (f"import runpy, sys; runpy.run_path({str(script)!r}, run_name='__mp_main__'); "
             "print(sorted(m for m in ('monitor.cli', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
    # and the script, run as the command, is the CLI
    done = subprocess.run([sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "Usage: monitor" in done.stdout, done.stdout + done.stderr


_COUNTING_PASSES = """
import gc, sys
from monitor.__main__ import run

during_import = []


def started(phase, info):
    if phase == "start":  # whether monitor.cli is being imported as the pass starts
        spec = getattr(sys.modules.get("monitor.cli"), "__spec__", None)
        during_import.append(bool(getattr(spec, "_initializing", False)))


gc.callbacks.append(started)
sys.argv = ["monitor", "--help"]
try:
    run()
except SystemExit:
    pass
print(sum(during_import), len(during_import), gc.isenabled(), file=sys.stderr)  # stdout: the help
"""


def test_the_command_line_is_imported_without_passes_of_the_cyclic_collector() -> None:
    # Imports make objects that live as long as the process: the collector's passes over them as
    # they pile up (about 30 while the CLI is imported) free next to nothing. It is paused for the
    # import and on again for the command.
    out = subprocess.run([sys.executable, "-c", _COUNTING_PASSES], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    during_import, passes, collecting = out.stderr.split()
    assert during_import == "0", out.stderr
    assert collecting == "True"


def test_the_command_line_freezes_its_objects_as_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    # The interpreter's shutdown runs the cyclic collector over every object still alive, more than
    # once; frozen ones are left out (50 ms after a `run --once` of 5,000 items, 10-20 ms of a
    # read-only command). Whatever way the command ends: click ends each one with sys.exit.
    import gc

    from monitor.__main__ import run

    monkeypatch.setattr(sys, "argv", ["monitor", "--help"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            run()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
