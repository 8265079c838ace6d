"""Which URLs may be fetched: http or https only (check_scheme), and a host whose every address is
public (check_address), by ipaddress's own classification and by the IPv4 address an IPv6 one may
carry (IPv4-mapped, 6to4, Teredo, NAT64). check_address returns the addresses it checked, so the
fetcher connects to exactly those."""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import Callable, Sequence
from urllib.parse import urlsplit

from monitor.errors import FetchError, RefusedURL
from monitor.urls.canonical import ascii_host


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def has_scheme(text: str) -> bool:
    """Whether a location is written as a URL of some scheme (http:, file:, javascript:…), not a path."""
    return _SCHEME.match(text) is not None


def check_scheme(url: str) -> None:
    """Refuse anything but http and https (file:, data:, javascript:, ftp: …)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise RefusedURL(url, f"scheme {scheme or 'missing'!r} is not fetched (only http and https)")


Resolver = Callable[[str], Sequence[str]]
"""A host name → the addresses it resolves to, as text; OSError (socket.gaierror) when it does not."""


def resolve_host(name: str) -> list[str]:
    """The addresses of a host name from the system resolver (socket.getaddrinfo), in its order."""
    return [str(info[4][0]) for info in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)]


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix: IPv4 in the last 32 bits
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215 local-use: never globally reachable


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address carries (6to4, Teredo, NAT64), each with how it carries it."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if address.sixtofour is not None:
        found.append(("6to4 of", address.sixtofour))
    if address.teredo is not None:
        server, client = address.teredo
        found += [("Teredo server", server), ("Teredo client", client)]
    if address in _NAT64 or address in _NAT64_LOCAL:  # the /96 layout: the address's last 32 bits
        found.append(("NAT64 of", ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)))
    return found


def _classify(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """ipaddress's own verdict on one address: a label when it is not a public one."""
    for label, test in (("loopback", address.is_loopback), ("link-local", address.is_link_local),
                        ("multicast", address.is_multicast), ("private", address.is_private),
                        ("reserved", address.is_reserved), ("unspecified", address.is_unspecified)):
        if test:
            return label
    if not address.is_global:  # shared address space (100.64.0.0/10: cloud metadata), documentation ranges
        return "non-public"
    return None


def forbidden_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> tuple[str, str] | None:
    """Why an address may not be fetched: (label, how it embeds an IPv4 or ""); None when it may.

    An IPv4-mapped address is judged by its IPv4 alone. 6to4, Teredo (server and client) and NAT64
    addresses are refused when the IPv4 they carry is, and otherwise judged as IPv6 addresses.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            label = _classify(address.ipv4_mapped)
            return (label, f"IPv4-mapped {address.ipv4_mapped}") if label else None
        for how, inner in _embedded_ipv4(address):
            label = _classify(inner)
            if label:
                return label, f"{how} {inner}"
        if address in _NAT64_LOCAL:
            return "non-public", "NAT64 local-use prefix"
    label = _classify(address)
    return (label, "") if label else None


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def names_an_address(url: str) -> bool:
    """Whether a URL's host is an IP literal, so checking it needs no resolver (and no thread)."""
    host = urlsplit(url).hostname
    return bool(host) and _is_ip_literal(host or "")


def check_address(url: str, allow_private: bool = False, resolve: Resolver = resolve_host) -> list[str]:
    """Resolve a URL's host; refuse loopback, private, link-local, multicast and other non-public addresses.

    Returns the resolved addresses, in the resolver's order: the fetcher connects to these and
    never resolves the name again (see monitor.fetch.pinning). A name that resolves to any forbidden address is
    refused, so a DNS answer mixing public and private addresses cannot smuggle a request inside.
    An IP literal is its own answer; `resolve` (default: the system resolver) is asked about names.
    """
    check_scheme(url)
    host = urlsplit(url).hostname
    if not host:
        raise RefusedURL(url, "no host")
    if _is_ip_literal(host):
        answers: Sequence[str] = [host]
    else:
        try:
            answers = resolve(ascii_host(host))
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r}: {exc}") from None
    addresses = list(dict.fromkeys(answers))
    if not addresses:
        raise FetchError(url, f"cannot resolve host {host!r}: no address")
    for text in addresses:
        try:
            address = ipaddress.ip_address(text.split("%")[0])
        except ValueError:
            raise FetchError(url, f"cannot resolve host {host!r}: {text!r} is not an address") from None
        reason = None if allow_private else forbidden_reason(address)
        if reason:
            label, how = reason
            raise RefusedURL(url, f"host {host!r} resolves to {label} address {text}" + (f" ({how})" if how else ""))
    return addresses
