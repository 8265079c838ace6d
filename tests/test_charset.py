"""monitor.charset: labels read as browsers read them (WHATWG Encoding Standard), so text served as
"iso-8859-1" whose bytes are windows-1252 keeps its punctuation; end to end over real HTTP for a
text source, a page and a feed.

(The order BOM → header → declaration → sniffing is tested in test_clean.py.)
"""

from __future__ import annotations

import pytest

from monitor.charset import charset_from_content_type, declared_in_document, decode, decode_as, detect

# The punctuation windows-1252 puts where Latin-1 has C1 controls: 0x93/0x94 “ ”, 0x91/0x92 ‘ ’,
# 0x96 – (en dash), 0x97 — (em dash), 0x85 … (ellipsis).
PUNCTUATION = "“”‘’–—…"

HEADLINE = "Blinken and Lavrov meet in Geneva – “frank” talks, no breakthrough"
PARAGRAPHS = [
    "The two foreign ministers spoke for about ninety minutes on Friday 21 January 2022 in a hotel by "
    "the lake. Each side called the meeting “frank and useful” and neither claimed to have moved the "
    "other on Ukraine.",
    "Washington promised written answers to Moscow’s security demands the following week — the first "
    "time it agreed to put its position on paper — while Russia’s side said it expected a reply “on "
    "every point”.",
    "Officials on both sides spoke of a ‘pause’ rather than a result… and said the ministers might meet "
    "again once the written answers had been read in both capitals.",
]
BODY = "\n\n".join(PARAGRAPHS)


def test_the_sample_carries_every_mark_as_a_windows_1252_byte() -> None:
    encoded = (HEADLINE + BODY).encode("cp1252")
    assert all(char in HEADLINE + BODY for char in PUNCTUATION)
    assert {0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x85} <= set(encoded)


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize("label", [
    "iso-8859-1", "ISO-8859-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1:1987", "cp819", "ibm819",
    "windows-1252", "x-cp1252",
    "latin-1", "iso_8859_1",  # Python's spellings, no WHATWG labels: read the same way
])
def test_labels_that_browsers_read_as_windows_1252(label: str) -> None:
    body = "‘Quoted’ – “dashes” — and ellipses…".encode("cp1252")
    assert charset_from_content_type(f"text/plain; charset={label}") == "cp1252"
    assert detect(body, label) == "cp1252"
    assert decode(body, label) == "‘Quoted’ – “dashes” — and ellipses…"


@pytest.mark.parametrize(("label", "codec"), [
    ("utf8", "utf-8"), ("unicode-1-1-utf-8", "utf-8"),
    ("iso-8859-15", "iso8859-15"), ("latin9", "iso8859-15"),
    ("cp1251", "cp1251"), ("x-cp1251", "cp1251"),
    ("koi8-r", "koi8-r"), ("koi", "koi8-r"),
    ("gb2312", "web-gbk"), ("gbk", "web-gbk"),  # the standard reads GB2312 as GBK, GB18030's decoder and 0x80 "€"
    ("shift_jis", "cp932"),
    ("utf-16", "utf-16-le"),
    ("iso-2022-kr", "iso2022_kr"),  # "replacement" in a browser; Python's codec reads the text
    ("utf-32", "utf-32"),  # no WHATWG label; Python's codec
    ("bogus-charset", None),
    ("x-user-defined", None),  # a WHATWG encoding Python's codecs do not have
])
def test_other_labels(label: str, codec: str | None) -> None:
    assert charset_from_content_type(f"text/html; charset={label}") == codec


def test_a_gbk_page_with_windows_euro_sign_reads_as_browsers_read_it() -> None:
    # Windows' code page 936 writes the euro sign as the byte 0x80, which Python's gbk has not: the
    # page failed to decode under its label and was read as windows-1252, all of it mojibake.
    text = "欧洲央行官员：通胀压力可能持续至明年，能源价格上涨10€以上。"
    body = b"\x80".join(part.encode("gbk") for part in text.split("€"))
    assert decode(body, "gb2312") == text
    page = b"<html><head><meta charset='gbk'></head><body>" + body + b"</body></html>"
    assert decode(page).endswith(f"{text}</body></html>")
    assert b"\xc5\xb7\xff".decode("web-gbk", "replace") == "欧\ufffd"  # a broken byte is no euro sign


@pytest.mark.parametrize("declaration", [
    b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>',
    b'<html><head><meta charset="iso-8859-1"></head>',
    b'<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">',
])
def test_documents_declaring_latin1_or_ascii_are_windows_1252(declaration: bytes) -> None:
    assert declared_in_document(declaration) == "cp1252"
    body = declaration + "<p>“Talks” – Geneva</p>".encode("cp1252")
    assert decode(body).endswith("<p>“Talks” – Geneva</p>")


def test_every_byte_decodes_as_the_standard_says() -> None:
    # The five bytes Python's cp1252 leaves undefined are the C1 controls of that number in WHATWG's
    # windows-1252 (cleaning removes them); nothing is an error and nothing becomes U+FFFD.
    text = decode_as(bytes(range(256)), "cp1252")
    assert len(text) == 256 and "\ufffd" not in text
    assert [text[b] for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)] == ["\x81", "\x8d", "\x8f", "\x90", "\x9d"]
    assert text[0x80] == "€" and text[0x9F] == "Ÿ" and text[0xE9] == "é"
    assert detect(b"caf\xe9 \x81 \x93x\x94", "iso-8859-1") == "cp1252"


def test_utf8_declared_latin1_is_still_utf8() -> None:
    body = "“Talks” – Geneva".encode("utf-8")
    assert detect(body, "iso-8859-1") == "utf-8"
    assert decode(body, "latin1") == "“Talks” – Geneva"


@pytest.mark.parametrize("declared", ["windows-1251", "koi8-r", "koi8-u", "iso-8859-5", "cp866", "windows-1250"])
def test_utf8_declared_as_any_single_byte_code_page_is_still_utf8(declared: str) -> None:
    # A site moved to UTF-8 while its template still declares the code page it used to write in.
    text = "Новини України: «Переговори в Женеві» — Ї, ґ, є"
    body = f'<?xml version="1.0" encoding="{declared}"?><rss><title>{text}</title></rss>'.encode("utf-8")
    assert detect(body) == "utf-8" and detect(body, declared) == "utf-8"
    assert text in decode(body, declared)


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866"])
def test_text_in_a_single_byte_code_page_keeps_its_declaration(codec: str) -> None:
    text = "Переговоры в Женеве — Росія, Україна"
    body = f'<?xml version="1.0" encoding="{codec}"?><rss><title>{text}</title></rss>'.encode(codec, errors="replace")
    assert detect(body) == codec and text.encode(codec, errors="replace").decode(codec) in decode(body)


@pytest.mark.parametrize("codec, text", [
    ("cp1251", "Путин заявил о переговорах с Зеленским. Российский президент выступил в четверг в Москве."),
    ("koi8-r", "Путин заявил о переговорах с Зеленским. Российский президент выступил в четверг в Москве."),
    ("cp1251", "Міністр оборони заявив, що біля кордону зосереджено близько дев'яноста тисяч військових."),
    ("cp1253", "Ο Ρώσος πρόεδρος μίλησε την Πέμπτη σε συνέντευξη Τύπου στη Μόσχα για τις συνομιλίες."),
])
@pytest.mark.parametrize("where", ["header", "document"])
def test_a_latin1_label_on_cyrillic_or_greek_text_gives_way(codec: str, text: str, where: str) -> None:
    # A server's default charset left on a Russian site: every byte decodes as Latin-1 ("Ïóòèí").
    label = "iso-8859-1"
    declaration = label if where == "document" else "utf-8"
    body = f'<?xml version="1.0" encoding="{declaration}"?><rss><title>{text}</title></rss>'.encode(codec)
    assert text in decode(body, label if where == "header" else None)
    # The document's own declaration, behind a wrong header, is the one taken.
    declared = f'<?xml version="1.0" encoding="{codec}"?><rss><title>{text}</title></rss>'.encode(codec)
    assert detect(declared, label) == codec


@pytest.mark.parametrize("text", [
    "Le président a été reçu à l'Élysée où il a évoqué la sécurité européenne et l'été prochain.",
    "Die Größe der Truppen an der Grenze überrascht die Beobachter in München und Köln.",
    "A ação do governo português foi discutida na reunião de ministros em Lisboa e no Porto.",
    "Þórður og Ægir fóru í gær á fund í Reykjavík þar sem öryggismál voru rædd.",
])
def test_latin_languages_keep_their_latin1_label(text: str) -> None:
    body = f'<?xml version="1.0" encoding="iso-8859-1"?><rss><title>{text}</title></rss>'.encode("latin-1")
    assert detect(body) == "cp1252" and text in decode(body)


def test_utf8_declared_as_a_multi_byte_code_page_is_read_as_declared_when_it_decodes() -> None:
    # Shift_JIS text can hold bytes that are valid UTF-8 (a kanji, then a half-width katakana): its
    # declaration is trusted.
    body = b"\xe3\x81\xa2" * 2
    assert body.decode("utf-8") and body.decode("cp932")
    assert detect(body, "shift_jis") == "cp932"  # the WHATWG's Shift_JIS


# --------------------------------------------------------------------------- end to end over HTTP


def _stored(monitor) -> tuple[str, str]:
    rows = monitor.db.execute("SELECT title, body FROM items").fetchall()
    assert len(rows) == 1
    return rows[0]


def _assert_punctuation_kept(title: str, body: str) -> None:
    assert title == HEADLINE
    for paragraph in PARAGRAPHS:
        assert paragraph in body
    for char in PUNCTUATION:
        assert char in title + body, char
    assert not any("\x80" <= char <= "\x9f" for char in title + body)


@pytest.mark.parametrize("content_type", ["text/plain; charset=iso-8859-1", "text/plain; charset=us-ascii"])
def test_text_source_served_as_latin1_keeps_its_punctuation(content_type: str, make_config, feed_server,
                                                            open_monitor) -> None:
    url = feed_server.add("/geneva.txt", (HEADLINE + "\n\n" + BODY + "\n").encode("cp1252"), content_type=content_type)
    monitor = open_monitor(make_config([{"name": "wire", "kind": "text", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 1
    _assert_punctuation_kept(*_stored(monitor))


PAGE = """<!DOCTYPE html>
<html lang="en"><head>{meta}
<title>{headline}</title>
<meta property="og:title" content="{headline}">
</head><body>
<nav><a href="/">Front page</a> <a href="/world">World</a></nav>
<article><h1>{headline}</h1>
{paragraphs}
</article>
<footer>Desk sample pages</footer>
</body></html>
"""


@pytest.mark.parametrize(("content_type", "meta"), [
    ("text/html; charset=iso-8859-1", ""),  # the header's label
    ("text/html", '<meta charset="iso-8859-1">'),  # the page's own declaration
    ("text/html; charset=latin1", '<meta http-equiv="Content-Type" content="text/html; charset=latin1">'),
])
def test_page_served_as_latin1_keeps_its_punctuation(content_type: str, meta: str, make_config, feed_server,
                                                     open_monitor) -> None:
    markup = PAGE.format(meta=meta, headline=HEADLINE, paragraphs="\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    url = feed_server.add("/2022/01/21/geneva", markup.encode("cp1252"), content_type=content_type)
    monitor = open_monitor(make_config([{"name": "desk", "kind": "page", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 1
    _assert_punctuation_kept(*_stored(monitor))


FEED = """<?xml version="1.0"{encoding}?>
<rss version="2.0"><channel><title>Desk – world</title><link>https://desk.example.org/</link>
<item><title>{headline}</title><link>https://desk.example.org/2022/01/21/geneva</link>
<guid isPermaLink="false">geneva-0121</guid><pubDate>Fri, 21 Jan 2022 14:00:00 +0000</pubDate>
<description><![CDATA[{paragraphs}]]></description></item>
</channel></rss>
"""


@pytest.mark.parametrize(("content_type", "encoding"), [
    ("application/rss+xml; charset=iso-8859-1", ""),  # the header's label
    ("application/rss+xml", ' encoding="ISO-8859-1"'),  # the XML declaration's
    ("text/xml; charset=us-ascii", ' encoding="us-ascii"'),
])
def test_feed_served_as_latin1_keeps_its_punctuation(content_type: str, encoding: str, make_config, feed_server,
                                                     open_monitor) -> None:
    xml = FEED.format(encoding=encoding, headline=HEADLINE, paragraphs="".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    url = feed_server.add("/world.rss", xml.encode("cp1252"), content_type=content_type)
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 1
    title, body = _stored(monitor)
    summary = monitor.db.execute("SELECT summary FROM items").fetchone()[0]
    _assert_punctuation_kept(title, (body or "") + (summary or ""))


def _encoded_twice(text: str) -> str:
    """What a site serves that stored its UTF-8 bytes as if they were windows-1252 characters."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


def test_feed_whose_text_was_encoded_twice_is_stored_as_written(make_config, feed_server, open_monitor) -> None:
    # Valid UTF-8 under a right label: decoding has nothing to mend, the text itself is mojibake.
    xml = FEED.format(encoding=' encoding="utf-8"', headline=_encoded_twice(HEADLINE),
                      paragraphs="".join(f"<p>{_encoded_twice(p)}</p>" for p in PARAGRAPHS))
    assert "â€œ" in xml
    url = feed_server.add("/world.rss", xml.encode("utf-8"), content_type="application/rss+xml; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 1
    title, body = _stored(monitor)
    summary = monitor.db.execute("SELECT summary FROM items").fetchone()[0]
    _assert_punctuation_kept(title, (body or "") + (summary or ""))


def test_page_whose_text_was_encoded_twice_is_stored_as_written(make_config, feed_server, open_monitor) -> None:
    markup = PAGE.format(meta='<meta charset="utf-8">', headline=_encoded_twice(HEADLINE),
                         paragraphs="\n".join(f"<p>{_encoded_twice(p)}</p>" for p in PARAGRAPHS))
    url = feed_server.add("/2022/01/21/geneva", markup.encode("utf-8"), content_type="text/html; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "page", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 1
    _assert_punctuation_kept(*_stored(monitor))


def test_a_latin1_header_on_the_corpus_gives_way_only_to_other_scripts() -> None:
    from conftest import ROOT

    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"the feed corpus is not at {corpus}")
    read_right = []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        body = path.read_bytes()
        alone, under_latin1 = detect(body), detect(body, "iso-8859-1")
        # A Latin-1 header is taken at its word, or gives way to what the file says or is; never a third.
        assert under_latin1 in (alone, "cp1252"), path
        if under_latin1 == alone and alone not in ("cp1252", "utf-8", "ascii") and not body.isascii():
            read_right.append(path.name)
    # Cyrillic, Hebrew, Thai, Korean and Chinese files, mojibake under such a header before.
    assert {"koi8r.xml", "windows1255.xml", "tis620.xml", "euckr.xml", "encoding-gb2312.xml",
            "encoding_WINDOWS-1251.xml", "iconv.xml"} <= set(read_right)


_POLISH = ("Minister spraw zagranicznych powiedział we wtorek, że rozmowy na granicy będą kontynuowane w przyszłym "
           "tygodniu. Według niego strony uzgodniły nowe spotkanie ekspertów, które odbędzie się w Genewie pod koniec "
           "miesiąca. Źródła zbliżone do ministerstwa podkreślają, że świat śledzi sytuację.")
_LATVIAN = ("Ārlietu ministrs otrdien paziņoja, ka sarunas uz robežas turpināsies nākamnedēļ, neskatoties uz ziņām par "
            "karaspēka pārvietošanu. Pēc viņa teiktā, puses vienojās par jaunu ekspertu tikšanos, kas notiks Ženēvā "
            "mēneša beigās.")


@pytest.mark.parametrize(("text", "codec", "country"), [
    (_POLISH, "iso8859-2", "pl"), (_POLISH, "cp1250", "pl"), (_LATVIAN, "cp1257", "lv"), (_LATVIAN, "iso8859-13", "lv"),
])
def test_undeclared_text_is_sniffed_among_the_code_pages_of_the_sites_country(text: str, codec: str, country: str) -> None:
    # Bytes alone had read Polish in ISO 8859-2 as ISO 8859-14 and Latvian in windows-1257 as windows-1252.
    body = f"<html><head><title>x</title></head><body><p>{text}</p></body></html>".encode(codec)
    assert text in decode(body, None, country)


def test_a_sites_country_does_not_overrule_utf8_or_a_declaration() -> None:
    assert decode(_LATVIAN.encode("utf-8"), None, "pl") == _LATVIAN
    assert detect(_POLISH.encode("iso-8859-2"), "iso-8859-2", "lv") == "iso8859-2"  # (windows-1250 bytes under that label: the next test)


def test_an_undeclared_page_on_a_latvian_address_is_read_in_its_code_page() -> None:
    from datetime import datetime, timezone

    from monitor.models import RawDocument
    from monitor.sources import page

    body = (f"<html><head><title>Sarunas turpināsies</title></head><body><article><h1>Sarunas turpināsies</h1>"
            f"<p>{_LATVIAN}</p><p>{_LATVIAN}</p></article></body></html>").encode("cp1257")
    raw = RawDocument(source="s", kind="page", location="https://www.example.lv/zinas/1", body=body,
                      fetched_at=datetime(2021, 12, 7, tzinfo=timezone.utc), final_url="https://www.example.lv/zinas/1")
    entry = page.parse(raw).entries[0]
    assert entry.title == "Sarunas turpināsies"
    assert _LATVIAN[:40] in (entry.body or "")


def test_windows_1250_labelled_iso_8859_2_is_read_as_windows_1250() -> None:
    # Polish sites label their windows-1250 so: its bytes 0x80-0x9F (ś, ź, Ś…) are controls in ISO 8859-2.
    body = "Synoptycy ostrzegają przed śnieżycą".encode("cp1250")
    assert detect(body, "iso-8859-2") == "cp1250"
    assert decode(body, "iso-8859-2") == "Synoptycy ostrzegają przed śnieżycą"
    # ISO 8859-2 itself has none of those bytes, and stays.
    latin2 = "Zażółć gęślą jaźń".encode("iso-8859-2")
    assert detect(latin2, "iso-8859-2") == "iso8859-2" and decode(latin2, "iso-8859-2") == "Zażółć gęślą jaźń"


_GREEK = "Άνοιξαν ξανά τα σχολεία στην Αττική μετά την κακοκαιρία, ανακοίνωσε η περιφέρεια."


def test_windows_1253_labelled_iso_8859_7_is_read_as_windows_1253() -> None:
    # Greek sites label their windows-1253 so: its Ά (0xA2) is ISO 8859-7's closing quote, "’νοιξαν".
    body = _GREEK.encode("cp1253")
    assert detect(body, "iso-8859-7") == "cp1253" and decode(body, "iso-8859-7") == _GREEK
    # ISO 8859-7 itself stays, and so does its quote closing a word ("σ’ αυτό")
    assert decode(_GREEK.encode("iso8859_7"), "iso-8859-7") == _GREEK
    quoted = "Είπε «ναι» σ’ αυτό, την Τρίτη.".encode("iso8859_7")
    assert detect(quoted, "iso-8859-7") == "iso8859-7"


def test_undeclared_iso_8859_7_on_a_greek_address_keeps_its_capitals() -> None:
    # Sniffed among Greece's code pages as windows-1253, its Ά (0xB6) had been "¶νοιξαν".
    body = f"<html><head><title>x</title></head><body><p>{_GREEK}</p></body></html>".encode("iso8859_7")
    assert _GREEK in decode(body, None, "gr")
    assert _GREEK in decode(f"<p>{_GREEK}</p>".encode("cp1253"), None, "gr")


_RUSSIAN = ("Песков заявил во вторник, что перемещение войск по своей территории является внутренним делом страны. "
            "Переговоры продолжатся в Женеве на следующей неделе. Москва и Вашингтон договорились о встрече экспертов.")
_UKRAINIAN = ("Резніков заявив у вівторок, що переговори на кордоні продовжаться. Сторони домовилися про нову зустріч "
              "експертів у Женеві. Київ чекає на відповідь Москви.")


@pytest.mark.parametrize(("text", "codec", "label"), [
    (_RUSSIAN, "koi8_r", "windows-1251"), (_RUSSIAN, "cp1251", "koi8-r"), (_UKRAINIAN, "koi8_u", "windows-1251"),
    (_UKRAINIAN, "cp1251", "koi8-u"),
])
def test_cyrillic_in_one_code_page_labelled_as_the_other_is_read_in_its_own(text: str, codec: str, label: str) -> None:
    # windows-1251 and KOI8 swap Cyrillic's capitals and small letters: read by the label, "рЕУЛПЧ ОБЪЧБМ".
    body = f'<?xml version="1.0" encoding="{label}"?><rss><channel><title>{text}</title></channel></rss>'.encode(codec)
    assert text in decode(body, label)
    # Each labelled as itself stays, and so does a text of capitals in its own page.
    assert text in decode(text.encode(codec), {"koi8_r": "koi8-r", "koi8_u": "koi8-u"}.get(codec, codec))
    shouted = "ПЕСКОВ: КРЕМЛЬ НЕ ПЛАНИРУЕТ ВТОРЖЕНИЕ, ПЕРЕГОВОРЫ ПРОДОЛЖАТСЯ"
    assert decode(shouted.encode("cp1251"), "windows-1251") == shouted


def test_windows_1251_read_as_latin1_is_read_as_windows_1251() -> None:
    # A site that stored its windows-1251 bytes as Latin-1 characters, served as valid UTF-8:
    # "Ïåñêîâ íàçâàë…" for "Песков назвал…".
    from monitor.clean.text import clean_text

    stored = _RUSSIAN.encode("cp1251").decode("cp1252")
    assert stored.startswith("Ïåñêîâ") and clean_text(stored) == _RUSSIAN
    # French, Nordic or a lone word in those letters stay
    for latin in ("L'île à côté, où l'été était doux, près de Nîmes.", "På Skåne åker vi, och bå blir glad.", "Ïåñêîâ"):
        assert clean_text(latin) == latin
