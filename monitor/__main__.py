"""`python -m monitor` runs the command-line interface."""

from monitor.cli import cli

if __name__ == "__main__":
    cli()
