"""`monitor sources add|rm|enable|disable|import|export`: change the sources without editing TOML.

Every change goes through monitor.config_edit: config.toml edited in place (comments and order
kept), validated by the loader before it is written, written atomically. A change the loader
refuses prints its one line (exit 2) and leaves the file as it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from monitor.cli.base import DEFAULT_CONFIG, config_option, handle_errors, load_config
from monitor.cli.sources import sources
# monitor.config_edit is imported by the commands that edit: its tomlkit costs 40 ms, which `monitor
# sources` and every other command would otherwise pay for when the CLI registers these commands.
from monitor.models import Config, is_web_url
from monitor.urls import canonical_url, telegram_preview


def _path(ctx: click.Context, config_path: str | None) -> str:
    return config_path or (ctx.obj or {}).get("config_path") or DEFAULT_CONFIG


def _configured_urls(config: Config) -> dict[str, str]:
    """Canonical URL → the name of the source that fetches it."""
    return {canonical_url(s.location) or s.location: s.name for s in config.sources if s.is_url}


@sources.command("add")
@click.argument("url")
@click.option("--name", help="Source name (default: from the feed's title, else the host; made unique).")
@click.option("--interval", help='Time between two runs, such as "15m" (default: 15m).')
@click.option("--kind", help="Source kind (default: telegram for a t.me channel link, else feed, found from the page "
                             "when URL is not a feed).")
@click.option("--pick", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which of the feeds found to add.")
@click.option("--allow-private", is_flag=True, help="Allow loopback and private addresses (tests, intranets).")
@click.option("--timezone", help="Time zone of the dates the source writes without one, such as Europe/Moscow.")
@config_option
@click.pass_context
@handle_errors
def add(ctx: click.Context, url: str, name: str | None, interval: str | None, kind: str | None, pick: int,
        allow_private: bool, timezone: str | None, config_path: str | None) -> None:
    """Add a source; a page's feeds are found (<link rel=alternate>, then /feed, /rss…) and the first added."""
    from monitor.config_edit import ConfigFile, add_sources, name_for
    from monitor.discover import discover
    from monitor.fetch import Fetcher

    path = _path(ctx, config_path)
    config = load_config(ctx, path)
    title: str | None = None
    if kind in (None, "telegram") and (preview := telegram_preview(url)) is not None:
        kind, url, title = "telegram", preview, preview.rsplit("/", 1)[-1]  # a channel's link: its web preview
    kind = kind or "feed"
    if kind == "feed" and is_web_url(url):
        with Fetcher(config.settings) as fetcher:
            found = discover(fetcher, url, allow_private=allow_private)
        if not found:
            raise click.ClickException(f"no feed found at {url} (no <link rel=alternate> feed, none at "
                                       "/feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml)")
        if found[0].how != "the URL itself":
            click.echo(f"found {len(found)} feed{'s' if len(found) > 1 else ''} ({found[0].how}):")
            for number, feed in enumerate(found, 1):
                click.echo(f"  {number}. {feed.url}" + (f"  {feed.title}" if feed.title else ""))
        if pick > len(found):
            raise click.BadParameter(f"{pick}: only {len(found)} found", param_hint="--pick")
        url, title = found[pick - 1].url, found[pick - 1].title
    owner = _configured_urls(config).get(canonical_url(url) or url)
    if owner is not None:
        raise click.ClickException(f"{url} is already configured as source {owner!r}")
    entry: dict[str, object] = {
        "name": name if name is not None else name_for(title, url, {s.name for s in config.sources}),
        "kind": kind, "url" if is_web_url(url) else "path": url,
    }
    if interval is not None:
        entry["interval"] = interval
    if allow_private:
        entry["allow_private"] = True
    if timezone is not None:
        entry["timezone"] = timezone
    ConfigFile(path).change(lambda doc: add_sources(doc, [entry]))
    click.echo(f"added source {entry['name']}: {url}")


@sources.command("rm")
@click.argument("name")
@config_option
@click.pass_context
@handle_errors
def rm(ctx: click.Context, name: str, config_path: str | None) -> None:
    """Remove a source from the config (its stored items stay in the database)."""
    from monitor.config_edit import ConfigFile, remove_source

    file = ConfigFile(_path(ctx, config_path))
    file.change(lambda doc: remove_source(doc, name, file.path.name))
    click.echo(f"removed source {name}")


def _switch(ctx: click.Context, name: str, config_path: str | None, enabled: bool) -> None:
    from monitor.config_edit import ConfigFile, set_enabled

    file = ConfigFile(_path(ctx, config_path))
    changed: list[bool] = []
    file.change(lambda doc: changed.append(set_enabled(doc, name, enabled, file.path.name)))
    state = "enabled" if enabled else "disabled"
    click.echo(f"{state} source {name}" if changed[0] else f"source {name} was already {state}")


@sources.command("enable")
@click.argument("name")
@config_option
@click.pass_context
@handle_errors
def enable(ctx: click.Context, name: str, config_path: str | None) -> None:
    """Enable a source (enabled = true)."""
    _switch(ctx, name, config_path, True)


@sources.command("disable")
@click.argument("name")
@config_option
@click.pass_context
@handle_errors
def disable(ctx: click.Context, name: str, config_path: str | None) -> None:
    """Disable a source (enabled = false): kept in the config, never run."""
    _switch(ctx, name, config_path, False)


@sources.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@config_option
@click.pass_context
@handle_errors
def import_(ctx: click.Context, file: str, config_path: str | None) -> None:
    """Add the feeds of an OPML file as sources, folders as tags; duplicates are skipped and listed."""
    from monitor.config_edit import ConfigFile, add_sources, name_for
    from monitor.opml import read_opml

    path = _path(ctx, config_path)
    config = load_config(ctx, path)
    feeds = read_opml(Path(file).read_bytes(), file)
    known = _configured_urls(config)
    taken = {s.name for s in config.sources}
    entries: list[dict[str, object]] = []
    skipped: list[str] = []
    for feed in feeds:
        key = canonical_url(feed.url) if is_web_url(feed.url) else None
        if key is None:
            skipped.append(f"{feed.url}: not an http(s) URL")
            continue
        if key in known:
            skipped.append(f"{feed.url}: duplicate of source {known[key]!r}")
            continue
        name = name_for(feed.title, feed.url, taken)
        known[key] = name
        entry: dict[str, object] = {"name": name, "kind": "feed", "url": feed.url}
        if feed.tags:
            entry["tags"] = list(feed.tags)
        entries.append(entry)
    if entries:
        ConfigFile(path).change(lambda doc: add_sources(doc, entries))
    click.echo(f"imported {len(entries)} source{'s' if len(entries) != 1 else ''}, skipped {len(skipped)}")
    for line in skipped:
        click.echo(f"  skipped {line}")


@sources.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (default: stdout).")
@config_option
@click.pass_context
@handle_errors
def export(ctx: click.Context, output: str | None, config_path: str | None) -> None:
    """Write the feed sources as OPML 2.0, in folders by their tags."""
    from monitor.opml import write_opml

    config = load_config(ctx, _path(ctx, config_path))
    feeds = [s for s in config.sources if s.kind == "feed" and s.is_url]
    data = write_opml(feeds)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        target = Path(output).resolve()
        import tempfile

        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    others = len(config.sources) - len(feeds)
    click.echo(f"exported {len(feeds)} feed{'s' if len(feeds) != 1 else ''}"
               + (f" ({others} other sources are not feeds)" if others else ""), err=True)
