"""Notifications: alerts delivered to Apprise targets through the outbox, retried, never doubled.

A real HTTP receiver on 127.0.0.1 takes Apprise's json:// posts; the store is a real SQLite file.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import run_monitor
from monitor.config import load
from monitor.errors import ConfigError
from monitor.outbox import deliver_pending

TEXT = "Putin and NATO\n\nPutin spoke about NATO and Crimea on Friday.\n"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def _config(make_config, tmp_path: Path, hook: str, **target: object) -> Path:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    path = make_config([{"name": "desk", "kind": "text", "path": str(article)}])
    lines = ["\n[[notify]]", 'name = "desk-hook"', f'urls = ["{hook}"]']
    lines += [f"{key} = {json.dumps(value)}" for key, value in target.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _posts(feed_server, path: str) -> list[dict]:
    return [json.loads(headers["body"]) for p, headers in feed_server.requests if p == path and "body" in headers]


def test_each_alert_reaches_the_target_once(make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    monitor = open_monitor(_config(make_config, tmp_path, hook), clock=Clock())
    assert monitor.ingest().alerts == 3
    assert deliver_pending(monitor.db, monitor.ctx) == 3
    assert deliver_pending(monitor.db, monitor.ctx) == 0  # delivered ones are not sent again
    posts = _posts(feed_server, "/hook")
    assert sorted(p["title"].split(":")[0] for p in posts) == ["Crimea", "NATO", "Putin"]
    nato = next(p for p in posts if p["title"].startswith("NATO"))
    assert "**NATO**" in nato["message"] and "Source: desk" in nato["message"]
    status = monitor.db.delivery_status()
    assert [(s.target, s.pending, s.failing) for s in status] == [("desk-hook", 0, 0)]


def test_rule_filter_sends_only_those_rules(make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    monitor = open_monitor(_config(make_config, tmp_path, hook, rules=["NATO"]), clock=Clock())
    monitor.ingest()
    deliver_pending(monitor.db, monitor.ctx)
    assert [p["title"].split(":")[0] for p in _posts(feed_server, "/hook")] == ["NATO"]


def test_a_target_that_is_down_gets_everything_once_it_is_back(make_config, feed_server, tmp_path: Path,
                                                              open_monitor) -> None:
    feed_server.add("/hook", b"down", status=503)
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    clock = Clock()
    monitor = open_monitor(_config(make_config, tmp_path, hook), clock=clock)
    monitor.ingest()
    assert deliver_pending(monitor.db, monitor.ctx) == 0
    [status] = monitor.db.delivery_status()
    assert (status.pending, status.failing) == (3, 1) and status.last_error  # one try, the rest wait with it
    assert deliver_pending(monitor.db, monitor.ctx) == 0  # not due again yet: backing off
    assert len(_posts(feed_server, "/hook")) == 1
    feed_server.add("/hook", b"ok")  # an hour later the target is back
    clock.now += timedelta(hours=1)
    assert deliver_pending(monitor.db, monitor.ctx) == 3
    assert len(_posts(feed_server, "/hook")) == 4  # 1 refused, then 3 delivered: nothing lost, nothing twice
    [status] = monitor.db.delivery_status()
    assert (status.pending, status.failing, status.last_error) == (0, 0, None)


def test_a_slow_target_does_not_hold_up_the_others(make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    import threading
    import time

    from conftest import Route
    from monitor.outbox import work_outbox

    arrived: dict[str, list[float]] = {"/slow": [], "/fast": []}

    def receiver(path: str, delay: float):
        def handle(handler) -> None:
            time.sleep(delay)
            arrived[path].append(time.monotonic())
            handler.send_response(200)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.write(b"ok")
        return handle

    feed_server.routes["/slow"] = Route(handler=receiver("/slow", 1.0))
    feed_server.routes["/fast"] = Route(handler=receiver("/fast", 0.0))
    base = feed_server.base.replace("http://", "json://")
    path = _config(make_config, tmp_path, base + "/slow")
    path.write_text(path.read_text(encoding="utf-8") + f'\n[[notify]]\nname = "fast"\nurls = ["{base}/fast"]\n',
                    encoding="utf-8")
    monitor = open_monitor(path, clock=Clock())
    started = time.monotonic()
    monitor.ingest()
    worker = threading.Thread(target=work_outbox, args=(monitor.db, monitor.ctx, 4.0))
    worker.start()
    worker.join(timeout=30)
    assert len(arrived["/fast"]) == 3 and len(arrived["/slow"]) == 3
    assert max(arrived["/fast"]) - started < 0.9  # all three before the slow target took its first
    assert max(arrived["/slow"]) - started > 2.9
    assert [(s.target, s.pending) for s in monitor.db.delivery_status()] == [("desk-hook", 0), ("fast", 0)]


def test_notify_status_and_run_once_deliver(make_config, feed_server, tmp_path: Path) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    path = _config(make_config, tmp_path, hook)
    done = run_monitor("run", "--once", "--config", str(path))
    assert done.code == 0, done.stderr
    assert len(_posts(feed_server, "/hook")) == 3
    status = run_monitor("notify", "status", "--config", str(path), "--json")
    assert json.loads(status.stdout) == [{"target": "desk-hook", "configured": True, "mode": "instant", "pending": 0,
                                         "failing": 0, "held": 0,
                                         "last_error": None, "last_delivered_at": json.loads(status.stdout)[0]
                                         ["last_delivered_at"]}]
    assert json.loads(status.stdout)[0]["last_delivered_at"]


@pytest.mark.parametrize("target, message", [
    ({"urls": ["nosuch://x"]}, "notify[0] (desk-hook).urls[0]: not a URL Apprise can send to"),
    ({"urls": ["json://${MONITOR_TEST_UNSET_VARIABLE}/hook"]},
     "notify[0] (desk-hook).urls[0]: environment variable MONITOR_TEST_UNSET_VARIABLE is not set"),
    ({"urls": ["json://127.0.0.1/hook"], "rules": ["Nothing"]}, "notify[0] (desk-hook).rules: no rule named 'Nothing'"),
])
def test_bad_targets_are_config_errors(make_config, tmp_path: Path, target: dict, message: str) -> None:
    path = make_config([])
    lines = ["\n[[notify]]", 'name = "desk-hook"'] + [f"{k} = {json.dumps(v)}" for k, v in target.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
                       .replace("]", r"\]").replace("$", r"\$").replace("{", r"\{").replace("}", r"\}")):
        load(path)


def test_secrets_come_from_the_environment(make_config, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MONITOR_TEST_HOOK_HOST", "127.0.0.1:9")
    path = make_config([])
    path.write_text(path.read_text(encoding="utf-8") + '\n[[notify]]\nname = "t"\n'
                    'urls = ["json://${MONITOR_TEST_HOOK_HOST}/hook"]\n', encoding="utf-8")
    assert load(path).targets[0].urls == ("json://127.0.0.1:9/hook",)


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it receives."""
    import socket
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    received: list = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
            received.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
            return "250 OK"

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_alerts_arrive_as_mail_through_a_real_smtp_server(make_config, smtp_server, tmp_path: Path) -> None:
    port, received = smtp_server
    path = _config(make_config, tmp_path, f"mailto://127.0.0.1:{port}?from=monitor@example.org&to=desk@example.org")
    done = run_monitor("run", "--once", "--config", str(path))
    assert done.code == 0, done.stderr
    assert sorted(str(mail["Subject"]).split(":")[0] for _, mail in received) == ["Crimea", "NATO", "Putin"]
    assert all(rcpt == ["desk@example.org"] for rcpt, _ in received)
    again = run_monitor("run", "--once", "--config", str(path))  # nothing new: no mail again
    assert again.code == 0 and len(received) == 3


def test_a_kill_during_delivery_loses_nothing_and_the_key_marks_a_repeat(make_config, feed_server,
                                                                         tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT, Route

    keys: list[str] = []

    def slow_receiver(handler) -> None:  # a slow webhook: the daemon is killed with sends in flight
        time.sleep(0.3)
        keys.append(handler.headers.get("Idempotency-Key"))
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    feed_server.routes["/hook"] = Route(handler=slow_receiver)
    items = "".join(f"<item><title>Story {n}: Putin, NATO and Crimea</title><link>https://news.example.org/{n}</link>"
                    f"<description>Report {n} on what Putin said about NATO and Crimea.</description></item>"
                    for n in range(6))
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>',
                    encoding="utf-8")
    path = make_config([{"name": "desk", "kind": "feed", "path": str(feed), "interval": "1h"}])
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    # One rule: 6 alerts, each its own message (18 at once would be folded into one, see FOLD_AFTER).
    path.write_text(path.read_text(encoding="utf-8") + f'\n[[notify]]\nname = "hook"\nurls = ["{hook}"]\n'
                    'rules = ["Putin"]\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(path)], cwd=tmp_path,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while len(keys) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    daemon.send_signal(signal.SIGKILL)
    daemon.wait()
    assert 2 <= len(keys) < 6, "the kill should land with deliveries still to make"
    done = run_monitor("run", "--once", "--config", str(path))
    assert done.code == 0, done.stderr
    assert len(set(keys)) == 6  # 6 stories: every alert delivered
    assert len(keys) - len(set(keys)) <= 1  # at most the one message in flight repeated, and its key says so


def test_notify_test_sends_one_message_or_says_why_not(make_config, feed_server, tmp_path: Path) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    path = _config(make_config, tmp_path, hook)
    done = run_monitor("notify", "test", "desk-hook", "--config", str(path))
    assert done.code == 0 and "sent a test message to desk-hook" in done.stdout, done.stderr
    assert [p["title"] for p in _posts(feed_server, "/hook")] == ["media-monitor: test message"]
    feed_server.add("/hook", b"no", status=500)
    failed = run_monitor("notify", "test", "desk-hook", "--config", str(path))
    assert failed.code == 1 and failed.stderr.startswith("Error: notify: desk-hook: ")
    assert len(failed.stderr.strip().splitlines()) == 1
    unknown = run_monitor("notify", "test", "nobody", "--config", str(path))
    assert unknown.code == 2 and "no notification target named 'nobody'" in unknown.stderr


# --- quiet hours, cool-down, digests: through the store and a real receiver, on a controlled clock ---

def _folder_config(make_config, tmp_path: Path, hook: str, **target: object) -> tuple[Path, Path]:
    drop = tmp_path / "drop"
    drop.mkdir()
    path = make_config([{"name": "desk", "kind": "folder", "path": str(drop)}])
    lines = ["\n[[notify]]", 'name = "desk-hook"', f'urls = ["{hook}"]']
    lines += [f"{key} = {json.dumps(value)}" for key, value in target.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return path, drop


_PLACES = ["Mariupol", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Kherson"]


def _drop(drop: Path, n: int) -> None:
    """A different NATO story per n (different words: a story of its own)."""
    import os
    import time

    place = _PLACES[n % len(_PLACES)]
    file = drop / f"{n}.txt"
    file.write_text(
        f"NATO envoys visit {place} (report {n})\n\nIn report number {n}, NATO envoys toured {place} and met "
        f"the regional administration of {place} to discuss shelters, generators and schools before winter.\n",
        encoding="utf-8")
    settled = time.time() - 10  # a folder source waits until a file has not changed for 2 s
    os.utime(file, (settled, settled))


def test_quiet_hours_hold_alerts_and_send_them_as_one_message_at_the_end(make_config, feed_server, tmp_path: Path,
                                                                          open_monitor) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    path, drop = _folder_config(make_config, tmp_path, hook, rules=["NATO"], quiet_hours="11:00-13:00",
                                timezone="UTC")
    clock = Clock()  # 12:00 UTC: inside the quiet hours
    monitor = open_monitor(path, clock=clock)
    for n in range(3):
        _drop(drop, n)
    assert monitor.ingest().alerts == 3
    assert deliver_pending(monitor.db, monitor.ctx) == 0
    [status] = monitor.db.delivery_status()
    assert (status.pending, status.held) == (0, 3)
    clock.now += timedelta(minutes=59)
    assert deliver_pending(monitor.db, monitor.ctx) == 0 and _posts(feed_server, "/hook") == []
    clock.now += timedelta(minutes=1)  # 13:00: over
    assert deliver_pending(monitor.db, monitor.ctx) == 1
    [post] = _posts(feed_server, "/hook")
    assert post["title"] == "3 alerts (NATO)" and "during quiet hours (11:00-13:00)" in post["message"]
    assert all(f"report {n})" in post["message"] for n in range(3))
    assert deliver_pending(monitor.db, monitor.ctx) == 0 and len(_posts(feed_server, "/hook")) == 1


def test_a_cooldown_sends_one_message_per_rule_per_period(make_config, feed_server, tmp_path: Path,
                                                          open_monitor) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    path, drop = _folder_config(make_config, tmp_path, hook, rules=["NATO"], cooldown="15m")
    clock = Clock()
    monitor = open_monitor(path, clock=clock)
    _drop(drop, 0)
    monitor.ingest()
    assert deliver_pending(monitor.db, monitor.ctx) == 1  # the first goes at once
    for n in (1, 2, 3):
        clock.now += timedelta(minutes=2)
        _drop(drop, n)
        monitor.ingest()
        assert deliver_pending(monitor.db, monitor.ctx) == 0  # cooling down
    clock.now = Clock().now + timedelta(minutes=15)
    assert deliver_pending(monitor.db, monitor.ctx) == 1
    first, folded = _posts(feed_server, "/hook")
    assert first["title"].startswith("NATO: NATO envoys visit Mariupol")
    assert folded["title"] == "3 alerts (NATO)" and "during its cool-down" in folded["message"]


def test_a_digest_goes_out_at_its_local_time_and_can_be_previewed(make_config, feed_server, tmp_path: Path,
                                                                  open_monitor) -> None:
    feed_server.add("/hook", b"ok")
    hook = feed_server.base.replace("http://", "json://") + "/hook"
    path, drop = _folder_config(make_config, tmp_path, hook, mode="digest", schedule="daily 08:00",
                                timezone="Europe/Kyiv")
    clock = Clock()  # 2022-01-15 12:00 UTC; 08:00 in Kyiv (UTC+2) is 06:00 UTC
    monitor = open_monitor(path, clock=clock)
    for n in range(2):
        _drop(drop, n)
    monitor.ingest()
    assert deliver_pending(monitor.db, monitor.ctx) == 0
    preview = run_monitor("notify", "digest", "desk-hook", "--dry-run", "--config", str(path))
    assert preview.code == 0, preview.stderr
    assert preview.stdout.startswith("next digest at 2022-01-16T06:00:00Z")
    assert "## NATO — 2 stories" in preview.stdout and "Kharkiv" in preview.stdout
    clock.now = datetime(2022, 1, 16, 5, 59, tzinfo=timezone.utc)
    assert deliver_pending(monitor.db, monitor.ctx) == 0
    clock.now = datetime(2022, 1, 16, 6, 0, tzinfo=timezone.utc)
    assert deliver_pending(monitor.db, monitor.ctx) == 1
    [digest] = _posts(feed_server, "/hook")
    assert digest["title"] == "Digest desk-hook: 2 stories for 1 rule" and "Mariupol" in digest["message"]
    nothing = run_monitor("notify", "digest", "desk-hook", "--dry-run", "--config", str(path))
    assert nothing.code == 0 and "nothing waiting" in nothing.stdout
    instant = _config(make_config, tmp_path, hook)
    refused = run_monitor("notify", "digest", "desk-hook", "--config", str(instant))
    assert refused.code == 2 and "not digests" in refused.stderr


def test_digest_now_sends_what_is_waiting(make_config, smtp_server, tmp_path: Path) -> None:
    port, received = smtp_server
    mail = f"mailto://127.0.0.1:{port}?from=monitor@example.org&to=desk@example.org"
    path, drop = _folder_config(make_config, tmp_path, mail, mode="digest", schedule="weekly mon 08:00")
    for n in range(3):
        _drop(drop, n)
    assert run_monitor("run", "--once", "--config", str(path)).code == 0
    assert received == []  # waiting for Monday
    done = run_monitor("notify", "digest", "desk-hook", "--config", str(path))
    assert done.code == 0 and "digest of 3 alert(s) queued; 1 message(s) sent" in done.stdout, done.stderr
    [(_, message)] = received
    assert str(message["Subject"]) == "Digest desk-hook: 3 stories for 1 rule"
    assert "Odesa" in message.get_body(("html", "plain")).get_content()


@pytest.mark.parametrize("target, message", [
    ({"mode": "digest"}, "notify[0] (desk-hook).schedule: missing"),
    ({"mode": "digest", "schedule": "dayly 8:00"}, "notify[0] (desk-hook).schedule: unknown schedule 'dayly 8:00'"),
    ({"mode": "weekly"}, "notify[0] (desk-hook).mode: unknown mode 'weekly'"),
    ({"schedule": "daily 08:00"}, "notify[0] (desk-hook).schedule: only a digest has a schedule"),
    ({"timezone": "Mars/Base"}, "notify[0] (desk-hook).timezone: unknown time zone 'Mars/Base'"),
    ({"quiet_hours": "22:00"}, "notify[0] (desk-hook).quiet_hours: "),
    ({"mode": "digest", "schedule": "hourly", "cooldown": "5m"}, "notify[0] (desk-hook).cooldown: "),
    ({"min_copies": 0}, "notify[0] (desk-hook).min_copies: must be at least 1"),
])
def test_bad_timing_is_a_config_error_naming_the_key(make_config, tmp_path: Path, target: dict, message: str) -> None:
    path = make_config([])
    lines = ["\n[[notify]]", 'name = "desk-hook"', 'urls = ["json://127.0.0.1:9/hook"]']
    lines += [f"{k} = {json.dumps(v)}" for k, v in target.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)
