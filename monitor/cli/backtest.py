"""`monitor backtest`: run a rule over the stored history without writing any alert."""

from __future__ import annotations

import json

import click

from monitor.cli.base import config_option, handle_errors, load_config, parse_since, print_table, progress_bar
from monitor.errors import ConfigError
from monitor.models import Rule, iso
from monitor.query import QuerySyntaxError, parse_query


@click.command()
@config_option
@click.argument("rule_name", required=False)
@click.option("--query", "query", help="Backtest this query instead of a configured rule.")
@click.option("--since", help="Only items published (or first seen) since: 30d, or a date such as 2021-12-01.")
@click.option("--spikes", is_flag=True,
              help="Show the hours in which the rule's spike alert would have fired (its spike_* settings).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@handle_errors
def backtest(ctx: click.Context, config_path: str | None, rule_name: str | None, query: str | None,
             since: str | None, spikes: bool, as_json: bool) -> None:
    """Run RULE (or --query EXPR) over stored items: what would have fired, per day, with samples;
    with --spikes, when its spike alert would have fired."""
    from monitor.backtest import backtest as run_backtest
    from monitor.backtest import spike_backtest
    from storage import open_store

    config = load_config(ctx, config_path)
    if (rule_name is None) == (query is None):
        raise click.UsageError("give a configured RULE name or --query EXPR (one of them)")
    if query is not None:
        try:
            parse_query(query)
        except QuerySyntaxError as exc:
            raise ConfigError("--query", "", str(exc)) from None
        rule = Rule(name="(query)", query=query)
    else:
        matching = [r for r in config.rules if r.name == rule_name]
        if not matching:
            known = ", ".join(r.name for r in config.rules)
            raise click.UsageError(f"no rule named {rule_name!r} (known: {known})")
        rule = matching[0]
    since_at = parse_since(since) if since else None

    store = open_store(config)
    try:
        with progress_bar(f"backtest {rule.name}", unit="item(s)") as bar:
            report = run_backtest(store, rule, since=since_at, snippet_chars=config.settings.snippet_chars,
                                  progress=bar.tracking)
        began = store.watched_since(published=True) if spikes else None
        if began is not None and since_at is not None:
            began = max(began, since_at)
    finally:
        store.close()
    if spikes:
        found = spike_backtest(report, rule, began)
        if as_json:
            click.echo(json.dumps([{"hour": iso(c.hour), "count": c.count, "baseline": round(c.baseline, 3),
                                    "p_value": c.p_value} for c in found], indent=2))
            return
        click.echo(f"rule {rule.name}: {len(found)} spike(s) over {len(report.stories)} matching story(ies) "
                   f"(sensitivity {rule.spike_sensitivity:g}, at least {rule.spike_min_count} stories an hour)")
        if found:
            rows = [["hour (UTC)", "stories", "baseline", "p-value"]]
            rows += [[c.hour.strftime("%Y-%m-%d %H:00"), str(c.count), f"{c.baseline:.2f}", f"{c.p_value:.1e}"]
                     for c in found]
            print_table(rows)
        return
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"rule {report.rule}: {report.items} item(s) in {len(report.stories)} story(ies) would have "
               f"fired ({report.scanned} candidate(s) checked)")
    if report.items_per_day:
        rows = [["day", "items", "stories"]]
        rows += [[day, str(report.items_per_day[day]), str(report.stories_per_day[day])]
                 for day in sorted(report.items_per_day)]
        print_table(rows)
    for sample in report.samples:
        click.echo(f"\n#{sample.item_id} (story {sample.story_id})  {sample.day}  {sample.title}")
        click.echo(f"    {', '.join(sample.terms)}: {sample.snippet}")
