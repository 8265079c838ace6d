"""The web interface as a user meets it: `monitor serve` as a real subprocess over a real store built by
`monitor run --once` from the bundled config and samples, driven by a real headless Chromium
(Playwright), and `monitor report` opened from its file. Nothing here reaches beyond 127.0.0.1: the
browser refuses, and the tests count, every other request.

Chromium comes from the system's packages (/usr/bin/chromium; `.ci/run` installs it); the tests fail
without it rather than skip. MONITOR_UPDATE_SCREENSHOT=1 also writes the README's docs/dashboard.png.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, run_monitor

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1000, "height": 700}
SPIKE_RULE = "NATO"  # among the rules with most stories, so its chart comes first and the screenshot shows it
BAR_BLUE, SPIKE_RED = (0x3B, 0x6E, 0xA8), (0xC0, 0x39, 0x2B)  # monitor.charts.BAR and SPIKE
SCREENSHOT = ROOT / "docs" / "dashboard.png"


# --- helpers ---
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def monitor_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    for name in ("MONITOR_CONFIG", "MONITOR_PASSWORD_HASH"):
        env.pop(name, None)
    env.update(extra)
    return env


@contextmanager
def serving(config: Path, log: Path, **env: str) -> Iterator[str]:
    """`monitor serve` on a free 127.0.0.1 port until the block ends; yields its base URL once it answers HTTP."""
    for _attempt in range(3):  # another process may take the free port between the probe and the bind
        port = free_port()
        with log.open("wb") as err:
            server = subprocess.Popen([sys.executable, "-m", "monitor", "serve", "--config", str(config),
                                       "--port", str(port)], cwd=config.parent, env=monitor_env(**env),
                                      stdout=subprocess.DEVNULL, stderr=err)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while server.poll() is None and time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                except urllib.error.HTTPError:
                    pass  # it answers (401 when a password is required)
                except OSError:
                    time.sleep(0.1)
                    continue
                break
            time.sleep(0.1)
            if server.poll() is None and listening(port):
                yield base
                return
            assert server.poll() is not None, f"monitor serve did not answer within 30 s: {log.read_text()}"
            if b"address already in use" not in log.read_bytes():
                pytest.fail(f"monitor serve exited with {server.returncode}: {log.read_text()}")
        finally:
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    pytest.fail(f"no free port for monitor serve after 3 attempts: {log.read_text()}")


def png_colours(png: bytes) -> set[tuple[int, ...]]:
    """The distinct pixel values of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes), by the stdlib."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", png[pos + 8:pos + 8 + length])
        elif kind == b"IDAT":
            chunks.append(png[pos + 8:pos + 8 + length])
        pos += 12 + length
    assert header is not None
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and not interlace, header
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    previous, seen = bytearray(stride), set()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:  # Average
            for i in range(stride):
                line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + previous[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a, b = (line[i - bpp], previous[i - bpp]) if i >= bpp else (0, 0)
                up = previous[i]
                p = a + up - b
                pa, pb, pc = abs(p - a), abs(p - up), abs(p - b)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else up if pb <= pc else b)) & 255
        seen.update(tuple(line[i:i + 3]) for i in range(0, stride, bpp))
        previous = line
    return seen


def assert_not_blank(png: bytes, *colours: tuple[int, int, int]) -> None:
    seen = png_colours(png)
    assert len(seen) > 50, f"the screenshot looks blank: {len(seen)} distinct colour(s)"
    for colour in colours:
        assert colour in seen, f"colour {colour} is not in the screenshot"


def query(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def acked_ids(db: Path) -> set[int]:
    return {row[0] for row in query(db, "SELECT id FROM alerts WHERE acked_at IS NOT NULL")}


# --- fixtures ---
@dataclass
class Site:
    """The bundled config's store, with a planted spike, and the server over it."""

    folder: Path
    config: Path
    db: Path
    base: str
    spike_hour: datetime

    @property
    def name(self) -> str:
        return self.db.stem

    def alerts_per_rule(self) -> dict[str, int]:
        return dict(query(self.db, "SELECT rule, count(*) FROM alerts GROUP BY rule"))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: these tests drive the system's Chromium (Debian package `chromium`), "
                    "which .ci/run installs; locally: apt-get install chromium")
    return CHROMIUM


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from monitor.config import load
    from monitor.models import SpikeAlert
    from storage import open_store

    folder = tmp_path_factory.mktemp("serve")
    shutil.copy(ROOT / "config.toml", folder / "config.toml")
    shutil.copytree(ROOT / "samples", folder / "samples")
    config = folder / "config.toml"
    done = run_monitor("run", "--once", "--config", str(config), cwd=folder)
    assert done.code == 0, done.stderr
    db = folder / "data" / "monitor.db"
    [(created,)] = query(db, "SELECT min(created_at) FROM alerts WHERE rule = ?", SPIKE_RULE)
    hour = datetime.fromisoformat(created.replace("Z", "+00:00")).replace(minute=0, second=0)
    store = open_store(load(config))
    try:
        count = store.execute("SELECT count(*) FROM alerts WHERE rule = ?", [SPIKE_RULE]).fetchone()[0]
        assert store.add_spike(SpikeAlert(rule=SPIKE_RULE, hour=hour, count=count, baseline=0.1, p_value=1e-6),
                               [], datetime.now(timezone.utc)) is not None
    finally:
        store.close()
    with serving(config, folder / "serve.log") as base:
        yield Site(folder, config, db, base, hour)


@dataclass
class Browser:
    """A browser page that may reach 127.0.0.1 and files only; what else it tried is kept in `blocked`."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def chromium_browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium_browser: Any) -> Iterator[Browser]:
    context = chromium_browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    found = Browser(page)

    def guard(route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob", "about") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            found.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("request", lambda request: found.requests.append(request.url))
    yield found
    context.close()


# --- the dashboard ---
def chart_rules(page: Any) -> list[str]:
    return [str(rule) for rule in page.locator("svg.activity-chart").evaluate_all(
        "charts => charts.map(c => c.dataset.rule)")]


def bar_counts(page: Any, rule: str) -> list[int]:
    """Stories per bar of a rule's chart, from each bar's tooltip ('2021-12-01: 3 stories')."""
    tips = page.locator(f'svg.activity-chart[data-rule="{rule}"] rect.bar title').all_text_contents()
    return [int(tip.rsplit(": ", 1)[1].split()[0]) for tip in tips]


def test_dashboard_draws_a_chart_per_rule_with_the_spike_marked(site: Site, browser: Browser) -> None:
    page = browser.page
    page.goto(site.base + "/-/dashboard")
    alerts = site.alerts_per_rule()
    assert len(alerts) == 5  # the bundled samples match every bundled rule
    assert sorted(chart_rules(page)) == sorted(alerts)
    for rule, count in alerts.items():
        assert sum(bar_counts(page, rule)) == count, rule
    spiked = page.locator(f'svg.activity-chart[data-rule="{SPIKE_RULE}"]')
    assert spiked.locator(".spike-marker").count() == 1
    assert spiked.locator("rect.bar.spike").count() == 1
    assert page.locator("svg.activity-chart .spike-marker").count() == 1  # no other rule has a spike
    assert "1 spike" in page.locator(f'article.mm-rule[data-rule="{SPIKE_RULE}"] h2').inner_text()
    assert chart_rules(page)[0] == SPIKE_RULE  # so the viewport's screenshot shows the spike

    png = page.screenshot()  # the viewport, not the full page
    assert_not_blank(png, BAR_BLUE, SPIKE_RED)
    if os.environ.get("MONITOR_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(png)
        assert len(png) < 150_000, f"{SCREENSHOT} is {len(png) // 1024} KB"
    assert not browser.blocked


def test_dashboard_for_48_hours_is_hourly(site: Site, browser: Browser) -> None:
    page = browser.page
    page.goto(site.base + "/-/dashboard?hours=48")
    assert "per hour" in page.locator("h1 + p").inner_text()
    assert sorted(chart_rules(page)) == sorted(site.alerts_per_rule())
    chart = page.locator(f'svg.activity-chart[data-rule="{SPIKE_RULE}"]')
    labels = chart.locator("text[text-anchor=middle]").all_text_contents()
    assert labels and all(len(label) == 5 and label.endswith(":00") for label in labels), labels
    tips = chart.locator("rect.bar.spike title").all_text_contents()
    count = site.alerts_per_rule()[SPIKE_RULE]
    assert tips == [f"{site.spike_hour:%Y-%m-%d %H}:00 UTC: {count} stories"]
    assert chart.locator(".spike-marker").count() == 1
    assert not browser.blocked


# --- canned queries and acknowledging ---
def test_unreviewed_alerts_query_lists_each_unacknowledged_alert(site: Site, browser: Browser) -> None:
    page = browser.page
    page.goto(f"{site.base}/{site.name}/unreviewed_alerts")
    shown = [int(cell) for cell in page.locator("table.rows-and-columns td.col-id").all_inner_texts()]
    unreviewed = [row[0] for row in query(site.db, "SELECT id FROM alerts WHERE acked_at IS NULL ORDER BY id DESC")]
    assert unreviewed and shown == unreviewed
    assert not browser.blocked


def ack_on_dashboard(site: Site, browser: Browser, count: int) -> list[int]:
    """Tick the first `count` alerts on the dashboard and acknowledge them; their ids."""
    page = browser.page
    page.goto(site.base + "/-/dashboard")
    boxes = page.locator('form input[type=checkbox][name="id"]')
    assert boxes.count() >= count
    ids = [int(boxes.nth(i).get_attribute("value") or "") for i in range(count)]
    for i in range(count):
        boxes.nth(i).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Acknowledge selected").click()
    assert urlsplit(page.url).path == "/-/dashboard"
    return ids


def test_acknowledging_one_alert_on_the_dashboard_marks_it_reviewed(site: Site, browser: Browser) -> None:
    before = acked_ids(site.db)
    [alert] = ack_on_dashboard(site, browser, 1)
    assert f"Acknowledged 1 alert(s): #{alert}" in browser.page.content()
    assert acked_ids(site.db) - before == {alert} and alert not in before
    assert browser.page.locator(f"#ack-{alert}").count() == 0  # gone from the list to review
    assert not browser.blocked


def test_acknowledging_several_alerts_at_once(site: Site, browser: Browser) -> None:
    before = acked_ids(site.db)
    first, second = ack_on_dashboard(site, browser, 2)
    low, high = sorted((first, second))
    assert f"Acknowledged 2 alert(s): #{low}, #{high}" in browser.page.content()
    assert acked_ids(site.db) - before == {first, second}
    assert not browser.blocked


def test_ack_alerts_canned_query_form_acknowledges_the_ids_typed(site: Site, browser: Browser) -> None:
    before = acked_ids(site.db)
    unreviewed = [row[0] for row in query(site.db, "SELECT id FROM alerts WHERE acked_at IS NULL ORDER BY id")]
    chosen = unreviewed[:2]
    page = browser.page
    page.goto(f"{site.base}/{site.name}/ack_alerts")
    page.fill('input[name="ids"]', ",".join(map(str, chosen)))
    with page.expect_navigation():
        page.click('form.sql input[type="submit"]')
    assert "Alerts acknowledged" in page.content()
    assert acked_ids(site.db) - before == set(chosen)
    [(stamp,)] = query(site.db, "SELECT acked_at FROM alerts WHERE id = ?", chosen[0])
    assert datetime.fromisoformat(stamp.replace("Z", "+00:00")).tzinfo is not None
    assert not browser.blocked


# --- binding safely ---
@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_non_loopback_bind_without_a_password_is_refused(make_config, tmp_path: Path, host: str) -> None:
    config = make_config([])
    port = free_port()
    done = run_monitor("serve", "--host", host, "--port", str(port), "--config", str(config), timeout=30,
                       env={"MONITOR_PASSWORD_HASH": ""})
    assert done.code == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "MONITOR_PASSWORD_HASH" in lines[0], done.stderr
    assert not listening(port)
    assert not (tmp_path / "monitor.db").exists()  # refused before touching the store


def test_a_password_is_required_when_set(make_config, tmp_path: Path) -> None:
    from datasette_auth_passwords.utils import hash_password

    password = "correct horse battery staple"
    config = make_config([])
    with serving(config, tmp_path / "serve.log", MONITOR_PASSWORD_HASH=hash_password(password)) as base:
        def status(credentials: str | None) -> int:
            request = urllib.request.Request(base + "/-/dashboard")
            if credentials is not None:
                request.add_header("Authorization", "Basic " + base64.b64encode(credentials.encode()).decode())
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    return int(answer.status)
            except urllib.error.HTTPError as refused:
                return refused.code

        assert status(None) == 401
        assert status("monitor:wrong password") == 401
        assert status(f"monitor:{password}") == 200


# --- the shareable report ---
def test_report_file_renders_its_charts_offline(site: Site, browser: Browser) -> None:
    output = site.folder / "report.html"
    done = run_monitor("report", "--since", "30d", "-o", str(output), "--config", str(site.config), cwd=site.folder)
    assert done.code == 0, done.stderr
    page = browser.page
    page.goto(output.as_uri())
    alerts = site.alerts_per_rule()
    assert sorted(chart_rules(page)) == sorted(alerts)
    for rule, count in alerts.items():
        assert sum(bar_counts(page, rule)) == count, rule
    assert page.locator(f'svg.activity-chart[data-rule="{SPIKE_RULE}"] .spike-marker').count() == 1
    assert_not_blank(page.screenshot(), BAR_BLUE, SPIKE_RED)
    assert browser.requests == [output.as_uri()] and not browser.blocked


def test_a_port_that_is_taken_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import socket

    taken = socket.create_server(("127.0.0.1", 0))
    try:
        port = taken.getsockname()[1]
        config = tmp_path / "config.toml"
        config.write_text('[settings]\ndatabase = "m.db"\n', encoding="utf-8")
        done = run_monitor("serve", "--port", str(port), "--config", str(config))
    finally:
        taken.close()
    assert done.code == 2 and "cannot listen there" in done.stderr and str(port) in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "serving" not in done.stderr
