"""`monitor serve`: Datasette over the store, with the schema's descriptions, the canned queries,
full-text search on items and the dashboard, safe by default.

Safe by default: reads use Datasette's read-only connections (SQLite `mode=ro`); the only write is
acknowledging alerts. Bound to 127.0.0.1 unless told otherwise, and any other address is refused
unless a password is configured (MONITOR_PASSWORD_HASH, checked by datasette-auth-passwords on
every request), so nobody on the network reads or changes the store unasked.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

from monitor.errors import ConfigError
from monitor.models import Config
from monitor.web.queries import QUERIES
from monitor.web.view import TEMPLATES
from storage.schema_doc import datasette_metadata

PASSWORD_ENV = "MONITOR_PASSWORD_HASH"
USER = "monitor"  # the user name that goes with the password


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether authentication is on; raises ConfigError for a non-loopback bind without it."""
    auth = bool(environ.get(PASSWORD_ENV, "").strip())
    if not auth and not is_loopback(host):
        raise ConfigError("--host", host, f"refusing to serve the store beyond this machine without a password: "
                                          f"set {PASSWORD_ENV} (see README, 'Serving safely')")
    return auth


def check_port(host: str, port: int) -> None:
    """Raise ConfigError, one line, when the address cannot be listened on (taken, or not ours),
    before anything says the server is up."""
    import socket

    try:
        with socket.create_server((host.strip("[]"), port),
                                  family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as exc:
        raise ConfigError("--port", f"{host}:{port}", f"cannot listen there: {exc.strerror or exc}") from None


def metadata(config: Config, auth: bool) -> dict[str, Any]:
    """Datasette metadata: schema descriptions, canned queries, our plugin's settings, and the password."""
    name = Path(config.settings.database).stem
    found = datasette_metadata(name)
    found["title"] = "media-monitor"
    found["description"] = "Stories, alerts and sources of the media monitor. Dashboard: /-/dashboard"
    found["databases"][name]["queries"] = QUERIES
    found["plugins"] = {"media-monitor": {"database": name, "rules": [rule.name for rule in config.rules]}}
    if auth:
        found["plugins"]["datasette-auth-passwords"] = {
            f"{USER}_password_hash": {"$env": PASSWORD_ENV}, "http_basic_auth": True}
    return found


def build(config: Config, auth: bool) -> Any:
    """A Datasette (not started) over the config's store."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from monitor.web import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="media-monitor")
    return Datasette([str(config.settings.database)], metadata=metadata(config, auth), template_dir=str(TEMPLATES),
                     settings={"sql_time_limit_ms": 3000, "allow_download": False})


def serve(config: Config, host: str, port: int) -> None:
    """Run the server until interrupted."""
    import uvicorn

    auth = check_bind(host)
    datasette = build(config, auth)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
