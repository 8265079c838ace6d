"""Make URLs comparable (canonical form) and decide which ones are safe to fetch.

Safe to fetch means http or https, and a host whose every address is public: not loopback,
private, link-local, multicast, reserved or otherwise non-global, by ipaddress's own classification
and by the IPv4 address an IPv6 one may carry (IPv4-mapped, 6to4, Teredo, NAT64). `check_address`
returns the addresses it checked so the fetcher can connect to exactly those.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import socket
from typing import Callable, Sequence
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from monitor.errors import FetchError, RefusedURL

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


def remove_dot_segments(path: str) -> str:
    """A path without "." and ".." segments, by RFC 3986 section 5.2.4 (empty segments are kept)."""
    if "." not in path:
        return path
    output: list[str] = []  # segments written so far, each with its leading "/" (the first maybe without)
    rest = path
    while rest:
        if rest.startswith("../"):
            rest = rest[3:]
        elif rest.startswith("./"):
            rest = rest[2:]
        elif rest.startswith("/./") or rest == "/.":
            rest = "/" + rest[3:]
        elif rest.startswith("/../") or rest == "/..":
            rest = "/" + rest[4:]
            if output:
                output.pop()
        elif rest in (".", ".."):
            rest = ""
        else:
            end = rest.find("/", 1)
            end = len(rest) if end == -1 else end
            output.append(rest[:end])
            rest = rest[end:]
    return "".join(output)


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
    parameters dropped, path percent-encoding normalised and then "." and ".." segments removed
    (RFC 3986 6.2.2: "/a/x/../b" and "/a/%2E/b" are "/a/b"), "/" for an empty path. The order of the
    remaining query parameters is kept: some sites give it meaning.
    """
    if not url:
        return None
    url = absolute(url.strip(), base)
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
    path = remove_dot_segments(_normalize_escapes(parts.path)) or "/"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(query_pairs, quote_via=quote, safe="/:@!$'()*,;-._~")
    return urlunsplit((scheme, netloc, path, query, ""))


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def page_address(url: str | None, base: str | None = None) -> str | None:
    """What two links to one page have in common: the host and the decoded path, without the
    scheme, port, query, fragment, a leading "www." or a trailing "/". A feed's own links to a story
    differ in just those (Medium adds "?source=rss…" to the item's link, not to the same link in its
    text). Lighter than canonical_url: a text's every link may be compared with its item's."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(absolute(url, base))
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not host:
        return None
    path = unquote(parts.path) if "%" in parts.path else parts.path
    return _ascii_host(host.rstrip(".")).removeprefix("www.") + path.rstrip("/")


# Google News links every item through news.google.com/rss/articles/<id>. Ids of the years our
# first subject covers (to 2024) are the article's own address, base64url-encoded in a small
# protobuf message (field 1 a number, then the address as a length-prefixed string); newer ids hold
# a key only Google resolves, and are left as they are.
_GOOGLE_NEWS_HOSTS = frozenset({"news.google.com"})
_GOOGLE_NEWS_PATH = re.compile(r"/(?:rss/)?articles/([A-Za-z0-9_-]{4,})")


def _google_news_id(url: str | None) -> str | None:
    if not url or "news.google.com" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    found = _GOOGLE_NEWS_PATH.match(parts.path)
    return found.group(1) if found is not None and (parts.hostname or "") in _GOOGLE_NEWS_HOSTS else None


def is_google_news_article(url: str | None) -> bool:
    """Whether a link is Google News's redirect to an article (news.google.com/rss/articles/<id>)."""
    return _google_news_id(url) is not None


def google_news_article(url: str | None) -> str | None:
    """The publisher's address a Google News article link stands for, when its id holds one."""
    encoded = _google_news_id(url)
    if encoded is None:
        return None
    try:
        message = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (ValueError, binascii.Error):
        return None
    return _first_address(message)


# Links that carry the article's address in a query parameter: Google Alerts' feeds
# (www.google.com/url?…&url=…), Bing News's (bing.com/news/apiclick.aspx?…&url=…), Facebook's.
_QUERY_REDIRECTS = {
    ("www.google.com", "/url"): ("url", "q"), ("google.com", "/url"): ("url", "q"),
    ("www.bing.com", "/news/apiclick.aspx"): ("url",), ("bing.com", "/news/apiclick.aspx"): ("url",),
    ("l.facebook.com", "/l.php"): ("u",), ("lm.facebook.com", "/l.php"): ("u",),
}


def redirect_target(url: str | None) -> str | None:
    """The article's own address a search engine's or an aggregator's redirect link stands for:
    Google News's (google_news_article) or one that carries it in its query (_QUERY_REDIRECTS)."""
    if not url:
        return None
    if (article := google_news_article(url)) is not None:
        return article
    if "/url?" not in url and "apiclick" not in url and "l.php" not in url:  # most links: no urlsplit
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    names = _QUERY_REDIRECTS.get(((parts.hostname or "").lower(), parts.path.lower()))
    if names is None:
        return None
    query = dict(parse_qsl(parts.query))
    for name in names:
        target = query.get(name, "").strip()
        if target.lower().startswith(("https://", "http://")):
            return target
    return None


def _first_address(message: bytes) -> str | None:
    """The first length-delimited field of a protobuf message that is an http(s) address."""
    position = 0
    for _ in range(4):  # the address is the second field; a few more are looked at, no further
        tag, position = _varint(message, position)
        if tag is None:
            return None
        if tag & 7 == 0:  # a number
            _, position = _varint(message, position)
        elif tag & 7 == 2:  # bytes
            length, position = _varint(message, position)
            if length is None or position + length > len(message):
                return None
            value = message[position:position + length]
            position += length
            if value.startswith((b"https://", b"http://")):
                try:
                    address = value.decode("ascii")
                except UnicodeDecodeError:
                    return None
                return address if not any(c in address for c in " \t\r\n\"<>") else None
        else:
            return None
    return None


def _varint(data: bytes, position: int) -> tuple[int | None, int]:
    value = shift = 0
    while position < len(data) and shift < 64:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7
    return None, position


# t.me/NAME, t.me/s/NAME, t.me/NAME/123 (a post), telegram.me/NAME: a public channel, whose web
# preview is t.me/s/NAME. Not its other paths: invitations (joinchat, +…), sticker sets, share links.
_TELEGRAM = re.compile(r"https?://(?:www\.)?(?:t|telegram)\.me/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})(?:/\d+)?/?"
                       r"(?:[?#].*)?", re.IGNORECASE)
_TELEGRAM_PATHS = frozenset({"joinchat", "addstickers", "addemoji", "share", "proxy", "socks", "iv", "login",
                             "setlanguage", "addtheme", "confirmphone", "bg", "invoice", "boost"})


def telegram_preview(url: str) -> str | None:
    """The web preview (https://t.me/s/NAME) of the public Telegram channel a link names, or None."""
    found = _TELEGRAM.fullmatch(url.strip())
    if found is None or found.group(1).lower() in _TELEGRAM_PATHS:
        return None
    return f"https://t.me/s/{found.group(1)}"


# A link that begins with a host's "www." name and no scheme ("www.example.org/news/1"), as some CMS
# templates write their items' links: it names that host, not a path under the feed's address.
_SCHEMELESS_WWW = re.compile(r"www\d*\.[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


def names_a_www_host(url: str) -> bool:
    """Whether a link without a scheme begins with a host's "www." name ("www.example.org/news/1")."""
    return _SCHEMELESS_WWW.match(url) is not None


def absolute(url: str, base: str | None) -> str:
    """A link as an absolute address: one with a scheme as it is, one that begins with "www." on that
    host (with the base's scheme, else https), anything else resolved against `base` when given."""
    if _SCHEMELESS_WWW.match(url):
        scheme = base.partition(":")[0].lower() if base else ""
        return f"{scheme if scheme in _DEFAULT_PORTS else 'https'}://{url}"
    if not base or url.startswith(("https://", "http://")):  # most links: urljoin costs more than the rest
        return url
    return urljoin(base, url)


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
            answers = resolve(_ascii_host(host))
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


def host_key(url: str) -> str:
    """The politeness key of a URL: its host and port."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)}"
