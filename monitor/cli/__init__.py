"""The `monitor` command: parse arguments, print results, map errors to exit codes.

One module per command (group); importing them registers them on the `cli` group.
ConfigError → its one line on stderr, exit 2. Any other MonitorError → "Error: …", exit 1.
Tracebacks only with --debug.
"""

from monitor.cli import (alerts, backup, distributed, health, ingest, notify, prune, run, search, serve,  # noqa: F401
                         store, sources, sources_edit)  # (register on import)
from monitor.cli.backtest import backtest
from monitor.cli.base import cli
from monitor.cli.explain import explain
from monitor.cli.story import story

for _command in (story, explain, backtest):
    cli.add_command(_command)

__all__ = ["cli"]
