"""Make URLs comparable (canonical form) and decide which ones are safe to fetch."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from monitor.errors import RefusedURL

# Parameters that identify a click, a campaign or a session, never the article.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "cmpid", "icid", "ncid", "ito",
    "sr_share", "smid", "cid", "utm", "ref_src", "ref_url", "spm", "share", "at_medium",
    "at_campaign", "guccounter", "guce_referrer", "guce_referrer_sig", "s_cid", "xtor",
})
TRACKING_PREFIXES = ("utm_", "__twitter", "at_", "pk_", "mtm_", "hsa_", "oly_", "vero_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _normalize_escapes(path: str) -> str:
    """Decode escapes of unreserved characters only (RFC 3986 6.2.2.2), upper-case the rest, and
    escape what must be; %2F and %25 keep their meaning."""
    def fix(found: re.Match[str]) -> str:
        char = chr(int(found.group(1), 16))
        return char if char in _UNRESERVED else "%" + found.group(1).upper()

    return quote(_ESCAPE.sub(fix, path), safe="/:@!$&'()*+,;=-._~%")


def _ascii_host(host: str) -> str:
    """A host name in lower-case ASCII, non-ASCII labels by IDNA 2008 (UTS 46) as browsers do."""
    if host.isascii():
        return host.lower()
    try:
        import idna

        return idna.encode(host, uts46=True).decode("ascii").lower()
    except (UnicodeError, ValueError, ImportError):
        try:
            return host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return host.lower()


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """A comparable form of an http(s) URL; None when there is none to be had.

    Scheme and host lower-cased (IDNA for non-ASCII hosts), default port, fragment and tracking
    parameters dropped, path percent-encoding normalised, "/" for an empty path. The order of the
    remaining query parameters is kept: some sites give it meaning.
    """
    if not url:
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return None
        host = _ascii_host(parts.hostname.rstrip("."))
        port = parts.port
    except ValueError:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = _normalize_escapes(parts.path) or "/"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(query_pairs, quote_via=quote, safe="/:@!$'()*,;-._~")
    return urlunsplit((scheme, netloc, path, query, ""))


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def has_scheme(text: str) -> bool:
    """Whether a location is written as a URL of some scheme (http:, file:, javascript:…), not a path."""
    return _SCHEME.match(text) is not None


def check_scheme(url: str) -> None:
    """Refuse anything but http and https (file:, data:, javascript:, ftp: …)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise RefusedURL(url, f"scheme {scheme or 'missing'!r} is not fetched (only http and https)")


def _forbidden_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for label, test in (("loopback", address.is_loopback), ("link-local", address.is_link_local),
                        ("multicast", address.is_multicast), ("private", address.is_private),
                        ("reserved", address.is_reserved), ("unspecified", address.is_unspecified)):
        if test:
            return label
    if not address.is_global:  # shared address space (100.64.0.0/10: cloud metadata), documentation ranges
        return "non-public"
    return None


def check_address(url: str, allow_private: bool = False) -> list[str]:
    """Resolve a URL's host; refuse loopback, private, link-local and multicast addresses.

    Returns the resolved addresses. A name that resolves to any forbidden address is refused, so a
    DNS answer mixing public and private addresses cannot smuggle a request inside.
    """
    check_scheme(url)
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise RefusedURL(url, "no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or _DEFAULT_PORTS[parts.scheme.lower()],
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        from monitor.errors import FetchError
        raise FetchError(url, f"cannot resolve host {host!r}: {exc}") from None
    addresses = sorted({str(info[4][0]) for info in infos})
    if not allow_private:
        for text in addresses:
            label = _forbidden_address(ipaddress.ip_address(text.split("%")[0]))
            if label:
                raise RefusedURL(url, f"host {host!r} resolves to {label} address {text}")
    return addresses


def host_key(url: str) -> str:
    """The politeness key of a URL: its host and port."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)}"
