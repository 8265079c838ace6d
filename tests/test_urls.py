"""monitor.urls: canonical_url, check_scheme, check_address (IP literals, and names through a resolver
the test controls: no DNS), host_key."""

from __future__ import annotations

import ipaddress

import pytest

from monitor.errors import FetchError, RefusedURL
from monitor.urls import (canonical_url, check_address, check_scheme, google_news_article, host_key, page_address,
                          redirect_target, remove_dot_segments, telegram_preview, url_variants)


# --------------------------------------------------------------------------- canonical_url

@pytest.mark.parametrize(("raw", "expected"), [
    ("HTTP://Example.COM/Path", "http://example.com/Path"),  # path case is kept
    ("https://EXAMPLE.com/A/B?Q=X", "https://example.com/A/B?Q=X"),
])
def test_scheme_and_host_are_lower_cased_but_path_and_query_are_not(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:80", "http://example.com/"),
    ("HTTPS://[2001:DB8::1]:443/", "https://[2001:db8::1]/"),
    ("http://[::1]:80/", "http://[::1]/"),
])
def test_default_ports_are_dropped(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("http://example.com:443/x", "http://example.com:443/x"),  # 443 is not http's default
    ("https://example.com:80/x", "https://example.com:80/x"),
])
def test_other_ports_are_kept(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.com/a#section-2", "https://example.com/a"),
    ("https://example.com/a?b=1#frag", "https://example.com/a?b=1"),
    ("https://example.com/a#", "https://example.com/a"),
])
def test_fragment_is_dropped(raw, expected):
    assert canonical_url(raw) == expected


def test_tracking_params_dropped_and_others_keep_their_order():
    raw = ("https://ex.com/p?utm_source=x&b=2&fbclid=y&a=1&gclid=z&UTM_Medium=q"
           "&z=9&utm_campaign=c")
    assert canonical_url(raw) == "https://ex.com/p?b=2&a=1&z=9"


def test_order_of_kept_params_is_not_sorted():
    assert canonical_url("https://ex.com/?z=1&a=2&m=3") == "https://ex.com/?z=1&a=2&m=3"


def test_repeated_and_blank_params_are_kept():
    assert canonical_url("https://example.com/?a=1&a=2&b=") == "https://example.com/?a=1&a=2&b"


@pytest.mark.parametrize("raw", ["https://ex.fr/spip.php?article3412", "https://ex.fr/spip.php?article3412="])
def test_a_key_without_a_value_is_written_bare(raw):
    # SPIP names its articles by a bare key: "article3412=" is no address the site gives.
    assert canonical_url(raw) == "https://ex.fr/spip.php?article3412"
    assert canonical_url("https://ex.fr/spip.php?page=article&id_article=5&lang") == (
        "https://ex.fr/spip.php?page=article&id_article=5&lang")


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://ex.com/?utm_source=x", "https://ex.com/"),
    ("https://ex.com/?fbclid=abc&gclid=def", "https://ex.com/"),
    ("https://ex.com/?", "https://ex.com/"),
    ("https://www.theguardian.com/world/2021/dec/07/x?CMP=twt_gu", "https://www.theguardian.com/world/2021/dec/07/x"),
    ("https://www.bbc.co.uk/news/x?ns_mchannel=social&ns_source=twitter&ns_campaign=bbc_news",
     "https://www.bbc.co.uk/news/x"),
    ("https://ex.com/x?WT.mc_id=rss&soc_src=social-sh&soc_trk=tw", "https://ex.com/x"),
    ("https://www.dw.com/en/talks/a-60000000?maca=en-rss-en-world-4025-rdf", "https://www.dw.com/en/talks/a-60000000"),
    ("https://ex.ru/news/1?_openstat=ZGlyZWN0LnlhbmRleC5ydTsxOzE7", "https://ex.ru/news/1"),
    # a click from the site's feed, told by the value: Medium's, the WSJ's, the NYT's, Russian sites'
    ("https://medium.com/@x/talks-abc123?source=rss-d5e6f7------2", "https://medium.com/@x/talks-abc123"),
    ("https://www.wsj.com/articles/talks-11638871200?mod=rss_US_News", "https://www.wsj.com/articles/talks-11638871200"),
    ("https://www.nytimes.com/2021/12/07/world/talks.html?partner=rss&emc=rss",
     "https://www.nytimes.com/2021/12/07/world/talks.html"),
    ("https://ex.ru/doc/5112233?from=rss", "https://ex.ru/doc/5112233"),
    # Reuters', Condé Nast's, Yahoo's, Nikkei's, Onet's and RBC's feed and share marks; Forbes's share
    # hash and Arc XP's AMP output, by their values
    ("https://www.reuters.com/world/talks-2021-12-07/?feedType=RSS&feedName=worldNews", "https://www.reuters.com/world/talks-2021-12-07/"),
    ("https://www.wired.com/story/chips/?mbid=social_twitter", "https://www.wired.com/story/chips/"),
    ("https://news.yahoo.com/comet-101500123.html?.tsrc=rss", "https://news.yahoo.com/comet-101500123.html"),
    ("https://www.nikkei.com/article/DGXZQOUA071234/?n_cid=NMAIL007", "https://www.nikkei.com/article/DGXZQOUA071234/"),
    ("https://wiadomosci.onet.pl/kraj/x/abc123?srcc=ucs&utm_v=2", "https://wiadomosci.onet.pl/kraj/x/abc123"),
    # heise's and Zeit's Webtrends marks with an underscore, Der Spiegel's campaign's
    ("https://www.heise.de/news/Artikel-6290000.html?wt_mc=rss.red.ho.ho.atom.beitrag.beitrag",
     "https://www.heise.de/news/Artikel-6290000.html"),
    ("https://www.zeit.de/politik/2021-12/ampel?wt_zmc=fix.int.zonaudev.twitter.ref.zeitde.share.link.x",
     "https://www.zeit.de/politik/2021-12/ampel"),
    ("https://www.spiegel.de/politik/a-123?sara_ecid=soci_upd_KsBF0AFjflf0DZCxpPYDCQgO1dEMph",
     "https://www.spiegel.de/politik/a-123"),
    ("https://www.rbc.ru/politics/07/12/2021/61af1a?from=newsfeed", "https://www.rbc.ru/politics/07/12/2021/61af1a"),
    ("https://www.rbc.ru/politics/08/12/2021/61b05e?from=from_main_3", "https://www.rbc.ru/politics/08/12/2021/61b05e"),
    ("https://www.rbc.ru/politics/08/12/2021/61b05e?from=column_2", "https://www.rbc.ru/politics/08/12/2021/61b05e"),
    ("https://www.forbes.com/sites/x/2021/12/07/rally/?sh=5a1b2c3d4e5f", "https://www.forbes.com/sites/x/2021/12/07/rally/"),
    ("https://www.washingtonpost.com/world/2021/12/07/x/?outputType=amp", "https://www.washingtonpost.com/world/2021/12/07/x/"),
    # Yonhap's channel of the click, its feeds' and its pages'
    ("https://www.yna.co.kr/view/AKR20211208008500080?input=1195m", "https://www.yna.co.kr/view/AKR20211208008500080"),
    ("https://www.yna.co.kr/view/AKR20211208001952071?section=nk&input=1179m",
     "https://www.yna.co.kr/view/AKR20211208001952071?section=nk"),
])
def test_only_tracking_params_leaves_no_query(raw, expected):
    assert canonical_url(raw) == expected


def test_a_feed_click_name_with_another_value_routes_the_page_and_is_kept():
    assert canonical_url("https://ex.ru/index.php?mod=news&id=5") == "https://ex.ru/index.php?mod=news&id=5"
    assert canonical_url("https://ex.com/story?from=kyiv&source=mfa") == "https://ex.com/story?from=kyiv&source=mfa"
    assert canonical_url("https://ex.com/find?sh=ukraine&outputType=json") == "https://ex.com/find?sh=ukraine&outputType=json"


def test_names_only_resembling_tracking_params_are_kept():
    # "utm" alone is a tracking name, "utmx" is not; "cid" is, "x" is not.
    assert canonical_url("https://example.com/?utm=1&utmx=2&cid=3&x=4") == \
        "https://example.com/?utmx=2&x=4"


def test_encoded_query_values_survive():
    assert canonical_url("https://example.com/?q=%26x&r=1") == "https://example.com/?q=%26x&r=1"


def test_empty_path_becomes_slash():
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("https://example.com?x=1") == "https://example.com/?x=1"


def test_surrounding_whitespace_is_ignored():
    assert canonical_url("  https://Example.com/x  \n") == "https://example.com/x"


def test_trailing_dot_of_host_is_dropped():
    assert canonical_url("http://example.com./x") == "http://example.com/x"


def test_user_info_is_dropped():
    assert canonical_url("https://user:pw@Example.com/a") == "https://example.com/a"


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.com/a%7Eb/%41", "https://example.com/a~b/A"),  # unreserved decoded
    ("https://example.com/a b", "https://example.com/a%20b"),
    ("https://example.com/Stra%c3%9Fe", "https://example.com/Stra%C3%9Fe"),
])
def test_path_percent_encoding_is_normalised(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.com/a%2Fb", "https://example.com/a%2Fb"),  # an encoded slash is not a separator
    ("https://example.com/a%2fb", "https://example.com/a%2Fb"),  # escapes are upper-cased
    ("https://example.com/%7e%41", "https://example.com/~A"),
    ("https://example.com/%e2%82%ac", "https://example.com/%E2%82%AC"),
    ("https://example.com/€", "https://example.com/%E2%82%AC"),
])
def test_only_unreserved_escapes_are_decoded(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.com/a%2541", "https://example.com/a%2541"),  # not "%41" (= "A")
    ("https://example.com/100%25", "https://example.com/100%25"),  # not the invalid "100%"
])
def test_encoded_percent_sign_in_path_is_kept(raw, expected):
    assert canonical_url(raw) == expected
    assert canonical_url(canonical_url(raw)) == expected


# --------------------------------------------------------------------------- dot segments (RFC 3986)

RFC_BASE = "http://a/b/c/d;p?q"
# RFC 3986 section 5.4: reference → target against RFC_BASE; 5.4.1 "normal", then 5.4.2 "abnormal".
RFC_EXAMPLES = [
    ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
    ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
    ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
    (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
    ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
    ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
    ("../../g", "http://a/g"),
    ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
    ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
    ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
    ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
    ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
    ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
    ("http:g", "http://a/b/c/g"),  # the RFC's "backward-compatible" reading, as urljoin and browsers do
]


def _path_only(reference: str) -> bool:
    return reference not in ("", "http:g") and not reference.startswith(("//", "?", "#")) \
        and "?" not in reference and "#" not in reference


@pytest.mark.parametrize(("reference", "target"), [e for e in RFC_EXAMPLES if _path_only(e[0])])
def test_remove_dot_segments_on_the_rfc_examples(reference, target):
    # Section 5.2.2: a path reference is merged with the base's path (5.2.3), then its dots removed.
    merged = reference if reference.startswith("/") else "/b/c/" + reference
    assert remove_dot_segments(merged) == target.removeprefix("http://a")


@pytest.mark.parametrize(("path", "expected"), [
    ("/a/b/c/./../../g", "/a/g"),  # section 5.2.4's own two examples
    ("mid/content=5/../6", "mid/6"),
    ("/articles/x/../a1.html", "/articles/a1.html"),
    ("/..", "/"), ("/.", "/"), ("/a/..", "/"), ("/a/b/..", "/a/"), ("/a/./b/.", "/a/b/"),
    ("/a//../b", "/a/b"),  # an empty segment is a segment
    ("/a/.b/c./..d/", "/a/.b/c./..d/"),  # dots inside a name are no dot segments
    ("", ""), ("/", "/"), ("/a/b", "/a/b"),
])
def test_remove_dot_segments(path, expected):
    assert remove_dot_segments(path) == expected


@pytest.mark.parametrize(("reference", "target"), [e for e in RFC_EXAMPLES if e[0]])  # "" is no link: None
def test_canonical_url_resolves_the_rfc_examples(reference, target):
    assert canonical_url(reference, base=RFC_BASE) == canonical_url(target)


@pytest.mark.parametrize(("reference", "target"), [e for e in RFC_EXAMPLES if _path_only(e[0])])
def test_canonical_url_removes_dot_segments_from_absolute_urls(reference, target):
    # A feed's link is usually absolute: "http://a/b/c/../../g" is the RFC's example written out.
    merged = reference if reference.startswith("/") else "/b/c/" + reference
    assert canonical_url("http://a" + merged) == canonical_url(target)


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://news.example.org/articles/x/../a1.html", "https://news.example.org/articles/a1.html"),
    ("https://news.example.org/articles/./a1.html?id=3", "https://news.example.org/articles/a1.html?id=3"),
    ("https://news.example.org/../../a1.html", "https://news.example.org/a1.html"),
    ("https://news.example.org/articles/%2E%2E/a1.html", "https://news.example.org/a1.html"),  # "%2E" is "."
    ("https://news.example.org/articles/x/..", "https://news.example.org/articles/"),
    ("https://news.example.org/a1.html?next=../b", "https://news.example.org/a1.html?next=../b"),  # not the query
])
def test_dot_segments_are_removed_from_the_path(raw, expected):
    assert canonical_url(raw) == expected
    assert canonical_url(expected) == expected


@pytest.mark.parametrize(("relative", "base", "expected"), [
    ("../c?x=1", "https://Site.org/a/b/", "https://site.org/a/c?x=1"),
    ("/x", "https://site.org/a/b", "https://site.org/x"),
    ("story.html", "https://site.org/news/index.html", "https://site.org/news/story.html"),
    ("//cdn.example.com/x", "https://other.org/", "https://cdn.example.com/x"),
    ("?page=2", "https://other.org/list?page=1", "https://other.org/list?page=2"),
    ("#top", "https://other.org/list?page=1#x", "https://other.org/list?page=1"),
    ("https://abs.example/y?utm_medium=z", "https://other.org/", "https://abs.example/y"),
])
def test_relative_url_resolves_against_base(relative, base, expected):
    assert canonical_url(relative, base=base) == expected


def test_relative_url_without_base_is_none():
    assert canonical_url("/x") is None
    assert canonical_url("story.html") is None


@pytest.mark.parametrize("raw", [
    "mailto:a@example.com", "ftp://example.com/file", "javascript:alert(1)",
    "file:///etc/passwd", "data:text/html,hi", "gopher://example.com/", "tel:+123456",
])
def test_non_http_schemes_are_none(raw):
    assert canonical_url(raw) is None


@pytest.mark.parametrize("raw", [None, "", "https:///nohost", "https://example.com:99999/"])
def test_unusable_input_is_none(raw):
    assert canonical_url(raw) is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://bücher.de/", "https://xn--bcher-kva.de/"),
    ("https://BÜCHER.de/", "https://xn--bcher-kva.de/"),
    ("https://xn--bcher-kva.de/", "https://xn--bcher-kva.de/"),
    ("https://bücher.de/Straße", "https://xn--bcher-kva.de/Stra%C3%9Fe"),
    ("https://ПРИМЕР.рф/путь", "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C"),
])
def test_idn_host_is_punycoded_and_lower_cased(raw, expected):
    assert canonical_url(raw) == expected


def test_idn_host_with_sharp_s_keeps_its_identity():
    # IDNA 2008 / UTS 46 (as browsers): straße.de is its own domain, not strasse.de.
    assert canonical_url("https://straße.de/") == "https://xn--strae-oqa.de/"
    assert canonical_url("https://Faß.DE/x") == "https://xn--fa-hia.de/x"
    assert canonical_url("https://xn--strae-oqa.de/") == "https://xn--strae-oqa.de/"


def test_canonical_url_is_idempotent():
    raw = "HTTPS://Bücher.de:443/a b/%7Eu?z=1&utm_source=x&a=%26#frag"
    once = canonical_url(raw)
    assert once == "https://xn--bcher-kva.de/a%20b/~u?z=1&a=%26"
    assert canonical_url(once) == once


# --------------------------------------------------------------------------- check_scheme

@pytest.mark.parametrize(("url", "scheme"), [
    ("file:///etc/passwd", "file"),
    ("data:text/html,<script>alert(1)</script>", "data"),
    ("javascript:alert(1)", "javascript"),
    ("ftp://example.com/x", "ftp"),
    ("FILE:///etc/passwd", "file"),
    ("gopher://example.com/", "gopher"),
])
def test_check_scheme_refuses_non_http(url, scheme):
    with pytest.raises(RefusedURL) as info:
        check_scheme(url)
    message = str(info.value)
    assert f"scheme {scheme!r}" in message
    assert "refused" in message
    assert info.value.outcome == "refused"
    assert info.value.location == url


def test_check_scheme_refuses_missing_scheme():
    with pytest.raises(RefusedURL, match="scheme 'missing'"):
        check_scheme("//example.com/x")


@pytest.mark.parametrize("url", ["http://example.com/", "https://example.com/", "HTTPS://EXAMPLE.COM/"])
def test_check_scheme_accepts_http_and_https(url):
    assert check_scheme(url) is None


def test_refused_url_is_a_fetch_error():
    with pytest.raises(FetchError):
        check_scheme("ftp://example.com/")


# --------------------------------------------------------------------------- check_address (IP literals)

@pytest.mark.parametrize(("url", "label", "address"), [
    ("http://127.0.0.1/", "loopback", "127.0.0.1"),
    ("http://[::1]/", "loopback", "::1"),
    ("http://169.254.169.254/latest/meta-data/", "link-local", "169.254.169.254"),
    ("http://10.0.0.1/", "private", "10.0.0.1"),
    ("http://224.0.0.1/", "multicast", "224.0.0.1"),
    ("http://192.168.1.1:8080/", "private", "192.168.1.1"),
    ("http://172.16.0.1/", "private", "172.16.0.1"),
    ("http://[fe80::1]/", "link-local", "fe80::1"),
    ("http://[ff02::1]/", "multicast", "ff02::1"),
    ("http://[fc00::1]/", "private", "fc00::1"),
    ("http://[::ffff:127.0.0.1]/", "loopback", "::ffff:127.0.0.1"),  # IPv4-mapped IPv6
    ("http://[::ffff:10.0.0.1]/", "private", "::ffff:10.0.0.1"),
])
def test_check_address_refuses_forbidden_addresses(url, label, address):
    with pytest.raises(RefusedURL) as info:
        check_address(url)
    assert f"resolves to {label} address {address}" in str(info.value)
    assert info.value.outcome == "refused"


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1/", ["127.0.0.1"]),
    ("http://[::1]:8080/", ["::1"]),
    ("http://10.0.0.1/", ["10.0.0.1"]),
    ("http://169.254.169.254/", ["169.254.169.254"]),
])
def test_check_address_allow_private_returns_the_addresses(url, expected):
    assert check_address(url, allow_private=True) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("http://8.8.8.8/", ["8.8.8.8"]),
    ("https://1.1.1.1:8443/x", ["1.1.1.1"]),
    ("http://[2001:4860:4860::8888]/", ["2001:4860:4860::8888"]),
])
def test_check_address_accepts_public_literals(url, expected):
    assert check_address(url) == expected
    assert check_address(url, allow_private=True) == expected


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/", "javascript:alert(1)"])
def test_check_address_checks_the_scheme_first(url):
    with pytest.raises(RefusedURL, match="scheme"):
        check_address(url, allow_private=True)


def test_check_address_refuses_url_without_host():
    with pytest.raises(RefusedURL, match="no host"):
        check_address("http:///x")


# --------------------------------------------------------------------------- check_address (names, a test resolver)

class Resolver:
    """Answers from a table, and remembers the names it was asked about."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, name: str) -> list[str]:
        self.asked.append(name)
        if name not in self.table:
            raise OSError(f"no such name {name}")
        return self.table[name]


def _teredo(server: str, client: str) -> str:
    """A Teredo address (2001::/32) for a server and a client IPv4 address (the client's bits inverted)."""
    s, c = int(ipaddress.IPv4Address(server)), int(ipaddress.IPv4Address(client)) ^ 0xFFFF_FFFF
    return str(ipaddress.IPv6Address((0x2001_0000 << 96) | (s << 64) | c))


@pytest.mark.parametrize(("answer", "label", "how"), [
    pytest.param("2002:7f00:1::1", "loopback", "6to4 of 127.0.0.1", id="6to4-loopback"),
    pytest.param("2002:a00:1::1", "private", "6to4 of 10.0.0.1", id="6to4-private"),
    pytest.param("2002:c0a8:101::", "private", "6to4 of 192.168.1.1", id="6to4-private-192.168"),
    pytest.param("2002:a9fe:a9fe::1", "link-local", "6to4 of 169.254.169.254", id="6to4-cloud-metadata"),
    pytest.param("2002:6440:1::1", "non-public", "6to4 of 100.64.0.1", id="6to4-shared-address-space"),
    pytest.param(_teredo("127.0.0.1", "8.8.8.8"), "loopback", "Teredo server 127.0.0.1", id="teredo-server"),
    pytest.param(_teredo("65.54.227.120", "10.0.0.1"), "private", "Teredo client 10.0.0.1", id="teredo-client"),
    pytest.param("64:ff9b::7f00:1", "loopback", "NAT64 of 127.0.0.1", id="nat64-loopback"),
    pytest.param("64:ff9b::a9fe:a9fe", "link-local", "NAT64 of 169.254.169.254", id="nat64-cloud-metadata"),
    pytest.param("64:ff9b::c0a8:101", "private", "NAT64 of 192.168.1.1", id="nat64-private"),
    pytest.param("64:ff9b:1::a00:1", "private", "NAT64 of 10.0.0.1", id="nat64-local-use-private"),
    pytest.param("::ffff:127.0.0.1", "loopback", "IPv4-mapped 127.0.0.1", id="ipv4-mapped"),
    pytest.param("::ffff:a9fe:a9fe", "link-local", "IPv4-mapped 169.254.169.254", id="ipv4-mapped-hex"),
])
def test_check_address_refuses_a_name_whose_ipv6_address_embeds_a_forbidden_ipv4(answer, label, how):
    resolve = Resolver({"news.example.org": [answer]})
    with pytest.raises(RefusedURL) as info:
        check_address("https://news.example.org/feed.xml", resolve=resolve)
    message = str(info.value)
    assert f"resolves to {label} address {answer} ({how})" in message, message
    assert info.value.outcome == "refused" and "\n" not in message
    assert resolve.asked == ["news.example.org"]
    # allow_private lets it through, and says where to connect.
    assert check_address("https://news.example.org/feed.xml", allow_private=True, resolve=resolve) == [answer]


@pytest.mark.parametrize("answer", [
    _teredo("65.54.227.120", "8.8.8.8"),  # both embedded addresses public: Teredo itself is not (2001::/23)
    "64:ff9b:1::808:808",  # NAT64 local-use prefix: never public, whatever it carries
    "2001:db8::1",  # documentation
    "fd12:3456::1",  # unique local
    "100.64.0.1",  # shared address space
])
def test_check_address_refuses_non_public_ipv6_even_when_the_embedded_ipv4_is_public(answer):
    with pytest.raises(RefusedURL, match="resolves to"):
        check_address("http://news.example.org/", resolve=Resolver({"news.example.org": [answer]}))


def test_check_address_refuses_a_name_when_any_of_its_addresses_is_forbidden():
    resolve = Resolver({"mixed.example.org": ["93.184.216.34", "2606:2800:220:1::1", "2002:7f00:1::1"]})
    with pytest.raises(RefusedURL, match=r"loopback address 2002:7f00:1::1 \(6to4 of 127.0.0.1\)"):
        check_address("http://mixed.example.org/", resolve=resolve)


def test_check_address_returns_the_resolvers_addresses_in_its_order_without_repeats():
    resolve = Resolver({"news.example.org": ["93.184.216.34", "2606:2800:220:1::1", "93.184.216.34"]})
    assert check_address("https://News.Example.org:8443/x", resolve=resolve) == ["93.184.216.34",
                                                                               "2606:2800:220:1::1"]
    assert resolve.asked == ["news.example.org"]


def test_check_address_asks_the_resolver_about_names_only():
    resolve = Resolver({})
    assert check_address("http://8.8.8.8/", resolve=resolve) == ["8.8.8.8"]
    assert check_address("http://[2001:4860:4860::8888]/", resolve=resolve) == ["2001:4860:4860::8888"]
    assert resolve.asked == []


def test_check_address_asks_about_a_non_ascii_name_in_its_idna_form():
    resolve = Resolver({"xn--80ak6aa92e.com": ["93.184.216.34"]})
    assert check_address("https://аррӏе.com/", resolve=resolve) == ["93.184.216.34"]
    assert resolve.asked == ["xn--80ak6aa92e.com"]


@pytest.mark.parametrize(("table", "words"), [
    ({}, "cannot resolve host 'gone.example.org': no such name"),
    ({"gone.example.org": []}, "cannot resolve host 'gone.example.org': no address"),
    ({"gone.example.org": ["not-an-address"]}, "'not-an-address' is not an address"),
])
def test_check_address_a_name_without_a_usable_address_is_a_fetch_error_not_a_refusal(table, words):
    with pytest.raises(FetchError) as info:
        check_address("http://gone.example.org/feed", resolve=Resolver(table))
    assert not isinstance(info.value, RefusedURL)
    assert words in str(info.value) and str(info.value).startswith("fetch: http://gone.example.org/feed: ")


# --------------------------------------------------------------------------- host_key

@pytest.mark.parametrize(("url", "expected"), [
    ("http://a.com/x", "a.com:80"),
    ("https://a.com/x", "a.com:443"),
    ("https://A.COM:8080/", "a.com:8080"),
    ("HTTPS://Example.com/", "example.com:443"),
    ("http://[::1]:8080/", "::1:8080"),
    ("ftp://a.com/", "a.com:0"),
])
def test_host_key(url, expected):
    assert host_key(url) == expected


def test_host_key_differs_by_port_and_scheme_but_not_path():
    assert host_key("https://a.com/x") == host_key("https://a.com/y?z=1")
    assert host_key("https://a.com/") != host_key("http://a.com/")
    assert host_key("https://a.com/") != host_key("https://a.com:8443/")
    assert host_key("https://a.com/") != host_key("https://b.com/")


@pytest.mark.parametrize("url, base, expected", [
    ("https://www.news.example/a/b/?source=rss#top", None, "news.example/a/b"),
    ("HTTP://News.Example:8080/a/b", None, "news.example/a/b"),
    ("/a/b/", "https://www.news.example/x/y", "news.example/a/b"),
    ("https://news.example/%D0%B2%D1%96%D0%B9%D0%BD%D0%B0", None, "news.example/війна"),
    ("https://новини.example/a", None, "xn--b1amarcd.example/a"),
    ("https://news.example/", None, "news.example"),
    ("mailto:desk@news.example", None, None),
    ("", None, None),
    ("http://[::1", None, None),
])
def test_page_address(url, base, expected):
    assert page_address(url, base) == expected


@pytest.mark.parametrize("address", [
    "https://www.reuters.com/world/europe/russia-masses-troops-2021-12-06/",
    "https://www.pravda.com.ua/news/2021/12/6/" + "a" * 150,  # longer than 127 bytes: a two-byte length
])
def test_a_google_news_article_link_of_the_old_kind_gives_the_publishers_address(address):
    from test_sources_feed import google_news_id

    assert google_news_article(f"https://news.google.com/rss/articles/{google_news_id(address)}?oc=5") == address
    assert google_news_article(f"https://news.google.com/articles/{google_news_id(address)}") == address
    # as the feeds of 2021 linked them, in every language's edition
    assert google_news_article(f"https://news.google.com/__i/rss/rd/articles/{google_news_id(address)}?oc=5") == address


@pytest.mark.parametrize("url", [
    # Since 2024 the id holds a key ("AU_yqL…") only Google resolves.
    "https://news.google.com/rss/articles/CBMiqwFBVV95cUxNMTRqdUZpNl9hQldXbGo2YVVLOGFQdkFLYldlMTlqcGQ5U3FSaUdqdENaOGJ3dk"
    "tBNHFjSFlMRV9pZ0pVQkpnVjdVeUcwOVVMZl9UTE1UeWE?oc=5",
    "https://news.google.com/rss/articles/CBMiAbc?oc=5", "https://news.google.com/rss/articles/!!!!!!!!!!",
    "https://news.google.com/search?q=Ukraine", "https://example.org/rss/articles/CBMiSWh0dHBzOi8vd3d3",
    "", None,
])
def test_other_links_give_no_publishers_address(url):
    assert google_news_article(url) is None


@pytest.mark.parametrize(("url", "target"), [
    ("https://www.google.com/url?rct=j&sa=t&url=https://www.kyivpost.com/post/12345&ct=ga&cd=CAIyGj&usg=AOvVaw",
     "https://www.kyivpost.com/post/12345"),  # Google Alerts
    ("http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=x&url=https%3a%2f%2fwww.reuters.com%2fworld%2fa%2f"
     "&c=1&mkt=en-us", "https://www.reuters.com/world/a/"),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fa&h=AT", "https://example.org/a"),
    # Yandex News's, the address without its scheme, or with it
    ("https://news.yandex.ru/yandsearch?cl4url=desk.example%2F20211207%2Ftalks.html&lang=ru&from=rss",
     "http://desk.example/20211207/talks.html"),
    ("https://news.yandex.ua/yandsearch?cl4url=https%3A%2F%2Fdesk.example.ua%2Fnews%2F1%2F", "https://desk.example.ua/news/1/"),
    ("https://news.yandex.ru/yandsearch?cl4url=&lang=ru&text=border", None), ("https://example.org/cl4url", None),
    ("https://www.google.com/url?q=example.org/a", None),  # Yandex's alone writes the address without a scheme
    ("https://www.google.com/url?url=javascript:alert(1)", None),  # only an http(s) address
    ("https://www.google.com/search?q=https://example.org/", None),
    ("https://example.org/url?url=https://example.com/", None),
])
def test_a_redirect_link_gives_the_articles_own_address(url, target):
    assert redirect_target(url) == target


@pytest.mark.parametrize(("url", "preview"), [
    ("https://t.me/Desk_UA", "https://t.me/s/Desk_UA"), ("https://t.me/s/Desk_UA", "https://t.me/s/Desk_UA"),
    ("https://t.me/Desk_UA/1234", "https://t.me/s/Desk_UA"), ("http://telegram.me/desk_ua/", "https://t.me/s/desk_ua"),
    ("https://t.me/s/Desk_UA?before=1200", "https://t.me/s/Desk_UA"),
    ("https://t.me/joinchat/AAAAAE", None), ("https://t.me/+AbCdEf", None), ("https://t.me/addstickers/Pack", None),
    ("https://t.me/abc", None),  # too short to be a channel's name
    ("https://example.org/Desk_UA", None), ("https://t.me/Desk_UA/posts/x", None),
])
def test_a_telegram_channels_link_names_its_web_preview(url, preview):
    assert telegram_preview(url) == preview


@pytest.mark.parametrize(("link", "base", "expected"), [
    ("www.desk.example/news/1.html", "http://rss.desk.example/all.xml", "http://www.desk.example/news/1.html"),
    ("WWW.desk.example:8080/a?b=1", "https://rss.desk.example/", "https://www.desk.example:8080/a?b=1"),
    ("www2.desk.co.uk", None, "https://www2.desk.co.uk/"),
    # Not a host: a file or path whose name begins with "www".
    ("www.html", "https://desk.example/a/", "https://desk.example/a/www.html"),
    ("wwwroot/x", "https://desk.example/a/", "https://desk.example/a/wwwroot/x"),
    ("news/2.html", "https://desk.example/a/", "https://desk.example/a/news/2.html"),
])
def test_a_link_that_begins_with_www_names_that_host(link: str, base: str | None, expected: str) -> None:
    assert canonical_url(link, base) == expected
    assert page_address(link, base) == page_address(expected)


def test_the_ways_links_write_one_pages_address_are_its_variants() -> None:
    variants = url_variants("http://www.kyivpost.com/ukraine-politics/talks.html")
    assert "https://www.kyivpost.com/ukraine-politics/talks.html" in variants
    assert "https://www.pravda.com.ua/news/2021/12/7/7316890/" in url_variants("https://www.pravda.com.ua/news/2021/12/7/7316890")
    assert "https://www.dw.com/ru/x/a-60000" in url_variants("https://m.dw.com/ru/x/a-60000")
    assert "https://www.theguardian.com/world/x" in url_variants("https://amp.theguardian.com/world/x")
    assert "https://amp.theguardian.com/world/x" in url_variants("https://www.theguardian.com/world/x")
    # A query's address keeps its path as it is; no address is its own variant; no variants of other schemes.
    assert "https://x.example/a/?id=3" not in url_variants("https://x.example/a?id=3")
    assert "https://x.example/a" not in url_variants("https://x.example/a")
    assert url_variants("ftp://x.example/a") == [] and url_variants("not a url") == []
