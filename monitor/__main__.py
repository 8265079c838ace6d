"""`python -m monitor`, and the `monitor` command (its console script calls run()), run the
command-line interface."""

import gc
import sys


def run() -> int:
    """The command-line interface, imported here and not at the top: a spawned parse worker runs
    its parent's main module again (as __mp_main__), whether that is this module (`python -m
    monitor`) or the console script pip wrote (which imports this one), and has no use for the
    CLI's imports (about 0.09 s of CPU per worker)."""
    from monitor.memory import lasting_objects  # (light: the standard library's gc and contextlib)

    with lasting_objects():  # `run` does the same over its own imports (monitor/cli/run.py)
        from monitor.cli import cli
    try:
        cli()
    finally:
        # The process ends now. Its objects are freed as the interpreter shuts down, which also
        # runs the cyclic garbage collector over all of them, more than once: 50 ms at the end of a
        # `run --once` of 5,000 items. Frozen, they are left out of those passes; the files and
        # connections they hold have been closed by the command (the kernel closes the rest).
        gc.freeze()
    return 0


if __name__ == "__main__":
    sys.exit(run())
