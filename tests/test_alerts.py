"""The alert log: every alert exactly once, whatever moment a crash picks (real store, real file)."""

from __future__ import annotations

import json
from pathlib import Path

from monitor import alerts as alert_log
from monitor.pipeline import flush_alert_log


def _ids(path: Path) -> list[int]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def _text_source(tmp_path: Path, text: str) -> dict:
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    return {"name": "desk", "kind": "text", "path": str(article)}


def test_a_crash_between_append_and_mark_does_not_repeat_lines(make_config, tmp_path: Path, open_monitor) -> None:
    monitor = open_monitor(make_config([_text_source(tmp_path, "Putin and NATO\n\nPutin spoke of NATO and Crimea.\n")]))
    assert monitor.ingest(flush_log=False).alerts == 3
    log = monitor.config.settings.alert_log
    # What a process killed right after its append leaves: the lines are written, the rows unmarked.
    with alert_log.log_lock(log):
        alert_log.append_log(log, monitor.db.unlogged_alerts())
    assert len(monitor.db.unlogged_alerts()) == 3
    assert flush_alert_log(monitor.db, monitor.ctx, settle=0) == 0
    assert monitor.db.unlogged_alerts() == []
    ids = _ids(log)
    assert len(ids) == 3 and len(set(ids)) == 3


def test_a_line_cut_short_by_a_crash_is_written_again_whole(make_config, tmp_path: Path, open_monitor) -> None:
    monitor = open_monitor(make_config([_text_source(tmp_path, "Putin speaks\n\nPutin spoke on Friday.\n")]))
    monitor.ingest(flush_log=False)
    log = monitor.config.settings.alert_log
    log.write_text('{"id": 1, "created_at": "2022-0', encoding="utf-8")  # killed in the middle of a write
    assert flush_alert_log(monitor.db, monitor.ctx, settle=0) == 1
    assert _ids(log) == [1]


def test_later_alerts_after_a_repair_are_appended_once(make_config, tmp_path: Path, open_monitor) -> None:
    source = _text_source(tmp_path, "Putin speaks\n\nPutin spoke on Friday.\n")
    monitor = open_monitor(make_config([source]))
    monitor.ingest(flush_log=False)
    log = monitor.config.settings.alert_log
    with alert_log.log_lock(log):
        alert_log.append_log(log, monitor.db.unlogged_alerts())  # the crash again
    Path(source["path"]).write_text("NATO meets\n\nNATO ministers met about Crimea.\n", encoding="utf-8")
    monitor.ingest(flush_log=False)
    assert flush_alert_log(monitor.db, monitor.ctx, settle=0) == 2  # the two new ones, not the first again
    ids = _ids(log)
    assert ids == sorted(set(ids)) and len(ids) == 3
