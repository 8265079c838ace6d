"""URLs made comparable: the canonical form two links to one article share (canonical_url), the
lighter page address a text's links are compared with (page_address), a link made absolute, and
the host-and-port key politeness is kept by."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit, urlunsplit


# Parameters that identify a click, a campaign or a session, never the article.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ocid", "cmpid", "icid", "ncid", "ito",
    "sr_share", "smid", "cid", "utm", "ref_src", "ref_url", "spm", "share", "at_medium",
    "at_campaign", "guccounter", "guce_referrer", "guce_referrer_sig", "s_cid", "xtor",
    "cmp",  # The Guardian's shared links: "?CMP=twt_gu", "?CMP=share_btn_link"
    "maca",  # DW's feed links: "?maca=en-rss-en-world-4025-rdf"
    "_openstat",  # Yandex's ad tracking, on Russian sites' links
    "feedtype", "feedname",  # Reuters' feed links: "?feedType=RSS&feedName=worldNews"
    "mbid",  # Condé Nast's: "?mbid=social_twitter"
    ".tsrc",  # Yahoo's: "?.tsrc=rss"
    "n_cid",  # Nikkei's: "?n_cid=NMAIL007"
    "srcc",  # Onet's: "?srcc=ucs"
    "wt_mc", "wt_zmc", "wt_cc1", "wt_cc2",  # Webtrends' with an underscore: heise's "?wt_mc=rss.red…", Zeit's "wt_zmc"
})
# BBC's comScore "ns_mchannel", "ns_source"; Webtrends' "WT.mc_id"; "soc_src", "soc_trk"; Der Spiegel's
# "sara_ecid" (its social-media campaigns: "sara_ref", "sara_ecid").
TRACKING_PREFIXES = ("utm_", "__twitter", "at_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "ns_", "wt.", "soc_",
                     "sara_")
DEFAULT_PORTS = {"http": 80, "https": 443}


# Parameters that mark a click from the site's feed by their value ("?source=rss-d5e6f7------2",
# Medium's; "?mod=rss_US_News", the WSJ's; "?partner=rss&emc=rss", the NYT's; "?from=rss"): by the
# value only, as "mod" or "from" route other sites' pages ("index.php?mod=news&id=5").
_FEED_CLICK_PARAMS = frozenset({"source", "mod", "from", "partner", "emc", "ref", "src", "via"})
# RBC's "?from=newsfeed", and its home page's placements ("?from=from_main_3", "?from=column_2")
_FEED_CLICK_VALUES = ("rss", "feed", "atom", "newsfeed", "from_main", "column_")
# And parameters that are a click's or a view's by their value alone: Forbes's share hash
# ("?sh=5a1b2c3d4e5f"), Arc XP's AMP output of the story ("?outputType=amp").
# And Yonhap's channel of the click ("?input=1195m", its feeds'; "1179m", its pages').
_BY_VALUE = {"sh": re.compile(r"[0-9a-f]{8,16}"), "outputtype": re.compile(r"amp", re.IGNORECASE),
             "input": re.compile(r"1\d{3}m")}


def _is_tracking(name: str, value: str) -> bool:
    lowered = name.lower()
    return (lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)
            or (lowered in _FEED_CLICK_PARAMS and value.lower().startswith(_FEED_CLICK_VALUES))
            or ((pattern := _BY_VALUE.get(lowered)) is not None and pattern.fullmatch(value) is not None))


_QUERY_SAFE = "/:@!$'()*,;-._~"  # what a query's keys and values keep unescaped
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


def ascii_host(host: str) -> str:
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
        host = ascii_host(parts.hostname.rstrip("."))
        port = parts.port
    except ValueError:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = remove_dot_segments(_normalize_escapes(parts.path)) or "/"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k, v)]
    # A key without a value is written as it came, bare: SPIP's "spip.php?article3412" names its
    # article so, and "article3412=" is no address the site gives. "?a" and "?a=" are one.
    query = "&".join(quote(k, safe=_QUERY_SAFE) + (f"={quote(v, safe=_QUERY_SAFE)}" if v else "")
                     for k, v in query_pairs)
    return urlunsplit((scheme, netloc, path, query, ""))


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
    if parts.scheme.lower() not in DEFAULT_PORTS or not host:
        return None
    path = unquote(parts.path) if "%" in parts.path else parts.path
    return ascii_host(host.rstrip(".")).removeprefix("www.") + path.rstrip("/")


# The hosts a site serves its pages' other versions from: its mobile site and its AMP pages
# ("m.dw.com", "amp.theguardian.com"), the article's own at "www." or the bare domain.
_OTHER_VERSIONS_HOSTS = ("m.", "mobile.", "amp.")


def url_variants(url: str) -> list[str]:
    """The other ways links write one page's canonical URL, itself aside: the other scheme (a feed's
    "http://" for the page's "https://"), with or without a trailing "/" (a path's, no query after
    it), with or without "www."; and a mobile or AMP host's ("m.dw.com", "amp.theguardian.com") the
    site's own. No site serves two articles at addresses so near; an empty list for anything but an
    http(s) URL. (Plain string work, no parser: it runs for every new item's address, 4 µs.)"""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("http", "https"):
        return []
    host, slash, path = rest.partition("/")
    if not host or "@" in host or "?" in host or "#" in host:
        return []
    path = slash + path
    bare = host.removeprefix("www.")
    mobile = False
    for prefix in _OTHER_VERSIONS_HOSTS:
        if bare.startswith(prefix) and bare.count(".") >= 2:
            bare, mobile = bare[len(prefix):], True
            break
    paths = [path]
    if path not in ("", "/") and "?" not in path and "#" not in path:
        paths.append(path[:-1] if path.endswith("/") else f"{path}/")
    variants = [f"{each_scheme}://{each_host}{each_path}" for each_scheme in ("https", "http")
                for each_host in (bare, f"www.{bare}") for each_path in paths]
    if not mobile:  # (and the site's mobile and AMP pages, as links to them write them: https, the same path)
        variants += [f"https://m.{bare}{path}", f"https://amp.{bare}{path}"]
    return [variant for variant in variants if variant != url]


def is_front_page(url: str) -> bool:
    """Whether a URL is a site's front page (no path, no query): never one article's."""
    rest = url.strip().split("://", 1)[-1]
    return "/" not in rest.rstrip("/") and "?" not in rest


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
        return f"{scheme if scheme in DEFAULT_PORTS else 'https'}://{url}"
    if not base or url.startswith(("https://", "http://")):  # most links: urljoin costs more than the rest
        return url
    return urljoin(base, url)


def host_key(url: str) -> str:
    """The politeness key of a URL: its host and port."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or DEFAULT_PORTS.get(parts.scheme, 0)}"
