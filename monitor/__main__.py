"""`python -m monitor` runs the command-line interface."""

if __name__ == "__main__":
    # Imported here, not at the top: a spawned parse worker imports this module again (as
    # __mp_main__) and has no use for the CLI's imports (about 0.09 s of CPU per worker).
    from monitor.cli import cli

    cli()
