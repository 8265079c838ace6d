"""The canned queries `monitor serve` offers in Datasette: what an analyst opens every morning.

Each is plain SQL over the public schema (README, "Schema"), so it can be copied into sqlite3 or
pandas as it is, or run on a PostgreSQL store (psql), which has the SQLite functions they use
(storage/postgres/migrations.py, 0004). Named parameters become form fields; an empty one means "no filter".
"""

from __future__ import annotations

from typing import Any

# The one write the web interface may make: the effect of `monitor alerts ack ID…` (an alert
# acknowledged before keeps its first time). :ids is a comma-separated list of alert ids.
ACK_SQL = """UPDATE alerts SET acked_at = coalesce(acked_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each('[' || :ids || ']'))"""

_COPIES = """(SELECT count(*) FROM item_sightings s JOIN items c ON c.id = s.item_id WHERE c.story_id = a.story_id)"""

QUERIES: dict[str, dict[str, Any]] = {
    "unreviewed_alerts": {
        "title": "Unreviewed alerts",
        "description": "Alerts not yet acknowledged, newest first, with the matched passage, the link and the "
                       "story's copy count. Acknowledge with the ack_alerts query or from the dashboard.",
        "sql": f"""SELECT a.id, a.created_at, a.rule, i.title, i.url, a.snippet, i.source,
       {_COPIES} AS copies, a.story_id
FROM alerts a JOIN items i ON i.id = a.item_id
WHERE a.acked_at IS NULL
  AND (:rule = '' OR a.rule = :rule)
ORDER BY a.id DESC LIMIT 500""",
    },
    "alerts_per_rule_per_day": {
        "title": "Alerts per rule per day",
        "description": "How many stories each rule matched each day (one alert per rule and story).",
        "sql": """SELECT substr(created_at, 1, 10) AS day, rule, count(*) AS stories
FROM alerts
WHERE created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || coalesce(nullif(:days, ''), '30') || ' days')
GROUP BY day, rule ORDER BY day DESC, stories DESC""",
    },
    "stories_by_sources": {
        "title": "Stories delivered by the most sources",
        "description": "Stories of the last days ranked by how many sources carried them, then by copies.",
        "sql": """SELECT st.id AS story_id, st.title, count(DISTINCT s.source) AS sources, count(*) AS copies,
       group_concat(DISTINCT s.source) AS seen_in, min(s.first_seen_at) AS first_seen
FROM stories st JOIN items i ON i.story_id = st.id JOIN item_sightings s ON s.item_id = i.id
WHERE st.updated_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || coalesce(nullif(:days, ''), '7') || ' days')
GROUP BY st.id ORDER BY sources DESC, copies DESC LIMIT 100""",
    },
    "story_copies": {
        "title": "A story's copies",
        "description": "Every item of a story and every source that delivered it, with how the item joined.",
        "sql": """SELECT i.id AS item_id, i.title, i.url, i.story_reason, round(i.story_similarity, 3) AS similarity,
       s.source, s.first_seen_at, i.published_at
FROM items i JOIN item_sightings s ON s.item_id = i.id
WHERE i.story_id = :story_id ORDER BY s.first_seen_at""",
    },
    "source_health": {
        "title": "Source health",
        "description": "Each configured source: last outcome, failures in a row, last success, last new item "
                       "and whether a silence alert is open.",
        "sql": """SELECT so.name, so.kind, so.enabled, so.last_outcome, so.consecutive_failures, so.last_error,
       so.last_success_at,
       (SELECT max(first_seen_at) FROM item_sightings g WHERE g.source = so.name) AS last_new_item,
       (SELECT reason FROM silences si WHERE si.source = so.name AND si.cleared_at IS NULL) AS silence
FROM sources so WHERE so.in_config = 1
ORDER BY so.consecutive_failures DESC, so.name""",
    },
    "failing_sources": {
        "title": "Failing sources",
        "description": "Sources whose latest fetches failed, worst first, with the error and when they are tried next.",
        "sql": """SELECT name, kind, location, consecutive_failures, last_outcome, last_error, last_success_at,
       next_fetch_at
FROM sources WHERE in_config = 1 AND consecutive_failures > 0
ORDER BY consecutive_failures DESC, name""",
    },
    "notification_status": {
        "title": "Notification status",
        "description": "Each notification target: messages waiting, failing, held alerts, last error, last delivery.",
        "sql": """SELECT target,
       count(*) FILTER (WHERE delivered_at IS NULL) AS pending,
       count(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0) AS failing,
       (SELECT count(*) FROM deliveries d WHERE d.target = m.target AND d.message_id IS NULL
          AND d.delivered_at IS NULL AND d.dropped_at IS NULL) AS held,
       (SELECT last_error FROM messages e WHERE e.target = m.target AND e.last_error IS NOT NULL
          ORDER BY e.id DESC LIMIT 1) AS last_error,
       max(delivered_at) AS last_delivered_at
FROM messages m GROUP BY target ORDER BY target""",
    },
    "latest_spikes": {
        "title": "Latest spikes",
        "description": "Hours in which a rule matched improbably many stories against its own baseline.",
        "sql": """SELECT rule, hour, count, round(baseline, 2) AS usual, p_value,
       (SELECT group_concat(json_extract(value, '$.title'), ' | ') FROM json_each(spikes.stories)) AS top_stories
FROM spikes ORDER BY hour DESC LIMIT 100""",
    },
    "ack_alerts": {
        "title": "Acknowledge alerts",
        "description": "Mark alerts reviewed, as `monitor alerts ack` does: one id, or several separated by commas.",
        "sql": ACK_SQL,
        "write": True,
        "on_success_message": "Alerts acknowledged",
        "on_error_message": "Not acknowledged: give alert ids separated by commas",
    },
}
