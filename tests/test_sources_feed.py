"""The feed kind: RSS and Atom entries, bozo feeds kept with a warning, HTML pages refused clearly."""

from __future__ import annotations

import base64
from datetime import datetime, timezone

import pytest

from conftest import ROOT, SHARED
from monitor.errors import ParseError
from monitor.models import RawDocument
from monitor.normalize import normalize
from monitor import sources
from monitor.sources import feed, xml_bytes

NOW = datetime(2022, 3, 1, tzinfo=timezone.utc)
CORPUS = SHARED / "corpus"


def doc(body: bytes, location: str = "https://example.org/feed", content_type: str | None = None) -> RawDocument:
    return RawDocument(source="s", kind="feed", location=location, body=body, fetched_at=NOW,
                       final_url=location, content_type=content_type)


def test_sample_feed_entries() -> None:
    parsed = feed.parse(doc((ROOT / "samples/feeds/border-crisis.xml").read_bytes()))
    assert len(parsed.entries) == 6
    assert parsed.warning is None
    first = parsed.entries[0]
    assert first.title and first.url.startswith("https://") and first.guid
    assert first.published and first.published_hint is not None
    assert first.summary and first.summary_is_html
    assert all("@" not in (e.author or "") for e in parsed.entries), "names, not e-mail addresses"


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:x</id><updated>2022-01-01T00:00:00Z</updated>
<entry><title type="html">Talks &amp;amp; more</title><id>urn:1</id><updated>2022-01-02T10:00:00+02:00</updated>
<link rel="alternate" type="text/html" href="/2022/01/talks"/><link rel="enclosure" href="/a.mp3"/>
<author><name>Ann Writer</name></author>
<summary>Short teaser</summary><content type="html">&lt;p&gt;Full &lt;b&gt;text&lt;/b&gt;&lt;/p&gt;</content></entry>
</feed>"""


def test_atom_entry_fields() -> None:
    entry = feed.parse(doc(ATOM)).entries[0]
    assert entry.url == "https://example.org/2022/01/talks"  # resolved against the document URL
    assert entry.guid == "urn:1" and entry.author == "Ann Writer"
    assert entry.body == "<p>Full <b>text</b></p>" and entry.body_is_html
    assert entry.summary == "Short teaser"
    assert entry.published_hint == datetime(2022, 1, 2, 8, 0, tzinfo=timezone.utc)


FULL_TEXT = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:yandex="http://news.yandex.ru" xmlns:turbo="http://turbo.yandex.ru"
     xmlns:ya="http://news.yandex.ru" xmlns:rambler="http://news.rambler.ru"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Новости</title>
<item><title>Войска у границы</title><link>https://news.example/1</link><description>Коротко о войсках.</description>
<yandex:full-text>Коротко о войсках. Колонны техники прошли через Белгород.</yandex:full-text></item>
<item><title>Переговоры в Женеве</title><link>https://news.example/2</link><description>Коротко.</description>
<turbo:content><![CDATA[<header><h1>Переговоры в Женеве</h1></header><p>Делегации встретились утром.</p>]]></turbo:content>
</item>
<item><title>Саммит</title><link>https://news.example/3</link><ya:full-text>Короткий.</ya:full-text>
<rambler:fulltext>Лидеры говорили о безопасности в Европе весь день.</rambler:fulltext></item>
<item><title>Киев</title><link>https://news.example/4</link><content:encoded>&lt;p&gt;Полный текст.&lt;/p&gt;</content:encoded>
<yandex:full-text>Другой текст.</yandex:full-text></item>
</channel></rss>""".encode()


def test_an_aggregators_full_text_element_is_the_body() -> None:
    """Russian and Ukrainian sites write an item's whole text for Yandex News, Yandex Turbo or Rambler;
    it is the body where the feed has no <content:encoded> (that one wins when both are there)."""
    entries = feed.parse(doc(FULL_TEXT)).entries
    assert [e.body for e in entries] == [
        "Коротко о войсках. Колонны техники прошли через Белгород.",
        "<header><h1>Переговоры в Женеве</h1></header><p>Делегации встретились утром.</p>",
        "Лидеры говорили о безопасности в Европе весь день.",  # the longer of two
        "<p>Полный текст.</p>"]
    from monitor.normalize import normalize

    items = [normalize(entry, doc(FULL_TEXT)) for entry in entries]
    assert items[0].summary == "" and items[0].body.endswith("через Белгород.")  # the teaser began the text
    assert (items[1].summary, items[1].body) == ("Коротко.", "Делегации встретились утром.")  # the <h1> is the title


@pytest.mark.parametrize("rss", ['<rss version="2.0">',
                                 '<rss xmlns="https://cyber.harvard.edu/rss/rss.html" version="2.0">'])
def test_ukr_nets_full_text_element_without_a_prefix_is_the_body(rss: str) -> None:
    # Ukrainian sites' feeds for ukr.net (Suspilne's rss/ukrnet.rss): <full-text>, unprefixed, some
    # under a default namespace of no known feed format.
    body = (f'<?xml version="1.0" encoding="UTF-8"?>{rss}<channel><title>Новини</title><item>'
            "<title>Вибухи на Хмельниччині</title><link>https://news.example.ua/1</link>"
            "<description><![CDATA[Уночі область атакували дрони.]]></description>"
            "<full-text><![CDATA[Уночі область атакували дрони. <p>Працювала протиповітряна оборона.</p>]]></full-text>"
            "</item></channel></rss>").encode()
    entry = feed.parse(doc(body)).entries[0]
    assert entry.body == "Уночі область атакували дрони. <p>Працювала протиповітряна оборона.</p>"


def test_an_items_link_through_a_click_counter_gives_way_to_the_article_its_signature_links() -> None:
    # FeedBlitz's counter with no origLink beside it; WordPress's signature names the article.
    body = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>WOTR</title><item>'
            "<title>Deterring Russia</title><link>https://feeds.feedblitz.com/~/676498877/0/wotr~Deterring-Russia/</link>"
            "<content:encoded><![CDATA[<p>Washington has ruled out sending combat troops.</p><p>The post <a rel='nofollow' "
            "href='https://warontherocks.example/2021/12/deterring-russia/'>Deterring Russia</a> appeared first on "
            "<a href='https://warontherocks.example'>War on the Rocks</a>.</p>]]></content:encoded></item></channel></rss>").encode()
    assert feed.parse(doc(body)).entries[0].url == "https://warontherocks.example/2021/12/deterring-russia/"


def test_a_full_text_element_under_a_prefix_with_an_underscore_is_the_body() -> None:
    # RBC's <rbc_news:full-text>, its <description> empty: feedparser names it "rbc_news_full-text".
    body = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:rbc_news="https://www.rbc.ru"><channel>'
            "<title>РБК</title><item><title>Путин и Байден поговорили</title><link>https://www.rbc.ru/politics/1</link>"
            "<description></description><rbc_news:full-text>Разговор длился два часа. Стороны обсудили Украину."
            "</rbc_news:full-text></item></channel></rss>").encode()
    assert feed.parse(doc(body)).entries[0].body == "Разговор длился два часа. Стороны обсудили Украину."


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
def test_a_yandex_feeds_full_text_in_the_corpus_is_read() -> None:
    # oren.ru, in windows-1251: a teaser in <description>, the article in <yandex:full-text> with <br />s
    parsed = feed.parse(doc((CORPUS / "danmactough-node-feedparser/feeds/iconv.xml").read_bytes()))
    assert len(parsed.entries) == 10
    assert all(len(entry.body or "") > 3 * len(entry.summary or "") for entry in parsed.entries)
    assert parsed.entries[0].body.startswith("В Бузулуке обсудили вопросы")


def test_a_windows_1251_feed_behind_a_stray_utf8_bom_is_read_in_cyrillic() -> None:
    body = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title>'
            '<item><title>Войска у границы</title><link>https://news.example/1</link>'
            '<description>Колонны прошли через Белгород.</description></item></channel></rss>').encode("cp1251")
    parsed = feed.parse(doc(b"\xef\xbb\xbf" + body))
    assert [(e.title, e.summary) for e in parsed.entries] == [("Войска у границы", "Колонны прошли через Белгород.")]
    assert parsed.warning is None


@pytest.mark.parametrize("ahead", [b"\n\n", b"\r\n \t", b"\xef\xbb\xbf\n"])
def test_blank_lines_ahead_of_the_xml_declaration_are_no_problem(ahead: bytes) -> None:
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title><item>'
            b'<title>Talks</title><link>https://news.example/1</link></item></channel></rss>')
    parsed = feed.parse(doc(ahead + body))
    assert [e.title for e in parsed.entries] == ["Talks"] and parsed.warning is None


GOOGLE_NEWS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>"Ukraine border" - Google News</title><link>https://news.google.com/search?q=Ukraine+border</link>
<item><title>Russia masses troops near Ukraine border - Reuters</title>
<link>https://news.google.com/rss/articles/CBMiAbc?oc=5</link><guid isPermaLink="false">CBMiAbc</guid>
<pubDate>Mon, 06 Dec 2021 10:00:00 GMT</pubDate>
<description>&lt;a href="https://news.google.com/rss/articles/CBMiAbc?oc=5" target="_blank"&gt;Russia masses troops near
Ukraine border&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Reuters&lt;/font&gt;</description>
<source url="https://www.reuters.com">Reuters</source></item></channel></rss>"""


def test_a_google_news_title_loses_its_sources_name() -> None:
    """Google News ends every title with " - " and the <source>'s name, which is the publisher."""
    from monitor.normalize import normalize

    item = normalize(feed.parse(doc(GOOGLE_NEWS)).entries[0], doc(GOOGLE_NEWS))
    assert (item.title, item.publisher) == ("Russia masses troops near Ukraine border", "Reuters")
    # The page's <title> it took, with Kompas's page marker before the source's name.
    kompas = GOOGLE_NEWS.replace(b"near Ukraine border - Reuters</title>", b"near Ukraine border Halaman all - Kompas.com</title>"
                                 ).replace(b'>Reuters</source>', b'>Kompas.com</source>')
    assert normalize(feed.parse(doc(kompas)).entries[0], doc(kompas)).title == "Russia masses troops near Ukraine border"


def _media_feed(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">'
            f"<channel><title>Desk</title>{''.join(items)}</channel></rss>").encode()


def test_a_pictures_caption_in_media_rss_is_not_the_items_text() -> None:
    # Le Monde's items: a description, then the picture with its caption and credit (feedparser read
    # the caption as a second description: the item's body). The caption before the description
    # had been the summary; after a content:encoded, summary_detail (what we read) had been the caption.
    picture = ('<media:content url="https://img.desk.example/a.jpg" medium="image" width="644" height="322">'
               '<media:description type="plain">The minister in Geneva, on December 6.</media:description>'
               '<media:credit scheme="urn:ebu">JANE DOE / AFP</media:credit></media:content>')
    typed = picture.replace(' medium="image"', ' type="image/jpeg"')
    bare = picture.replace(' medium="image"', "")
    entries = feed.parse(doc(_media_feed(
        f"<item><title>One</title><description>Talks go on in Geneva.</description>{picture}</item>",
        f"<item><title>Two</title>{typed}<description>Talks go on in Geneva.</description></item>",
        "<item><title>Three</title><description>Talks go on.</description><content:encoded "
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;Talks go on in Geneva.&lt;/p&gt;'
        f"</content:encoded>{bare}</item>"))).entries
    assert [(e.summary, e.body) for e in entries] == [("Talks go on in Geneva.", None), ("Talks go on in Geneva.", None),
                                                      ("Talks go on.", "<p>Talks go on in Geneva.</p>")]
    # A photo's item says what it says in its caption; a video's description is its text, as is
    # a description beside the picture rather than in it.
    entries = feed.parse(doc(_media_feed(
        f"<item><title>Photo</title>{picture}</item>",
        '<item><title>Video</title><media:content url="https://v.desk.example/a.mp4" medium="video">'
        "<media:description>Talks go on in Geneva.</media:description></media:content></item>",
        '<item><title>Beside</title><media:content url="https://img.desk.example/a.jpg" medium="image"/>'
        "<media:description>Talks go on in Geneva.</media:description></item>"))).entries
    assert [e.summary for e in entries] == ["The minister in Geneva, on December 6.", "Talks go on in Geneva.",
                                            "Talks go on in Geneva."]


def _titled_feed(channel: str, titles: list[str]) -> bytes:
    items = "".join(f"<item><title>{title}</title><link>https://desk.example/{n}</link></item>"
                    for n, title in enumerate(titles))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{channel}</title>'
            f"{items}</channel></rss>").encode()


@pytest.mark.parametrize(("channel", "titles", "expected"), [
    # The site's name closing every title: three or more titles, or two where it is the feed's name.
    ("УНИАН: последние новости", ["Переговоры продолжатся - УНИАН", "Войска отведены - УНИАН", "Санкции продлены - УНИАН"],
     ["Переговоры продолжатся", "Войска отведены", "Санкции продлены"]),
    ("Latest", ["Talks go on | Desk News", "Troops pulled back | Desk News", "Sanctions extended | Desk News"],
     ["Talks go on", "Troops pulled back", "Sanctions extended"]),
    ("Desk News - World", ["Talks go on | Desk News", "Troops pulled back | Desk News"], ["Talks go on", "Troops pulled back"]),
    # with each item's date after the name (RIA Novosti's)
    ("Лента", ["Песков назвал заявления беспочвенными - РИА Новости, 05.12.2021",
               "Лавров встретится с коллегами - РИА Новости, 06.12.2021", "Учения завершены - РИА Новости, 07.12.2021"],
     ["Песков назвал заявления беспочвенными", "Лавров встретится с коллегами", "Учения завершены"]),
    # Two titles closing alike, the feed named otherwise; a closing part one title does not share.
    ("Latest", ["Talks go on | Desk News", "Troops pulled back | Desk News"],
     ["Talks go on | Desk News", "Troops pulled back | Desk News"]),
    ("Ukraine", ["Russia masses troops - Ukraine", "Talks in Geneva - Ukraine", "Kyiv - Kharkiv rail link reopens"],
     ["Russia masses troops - Ukraine", "Talks in Geneva - Ukraine", "Kyiv - Kharkiv rail link reopens"]),
    # and the section every title names before it, a word or two (CNA's); a longer shared part stays
    ("中央社 CNA 即時新聞", ["行政院會通過預算 | 政治 | 中央社 CNA", "立法院三讀通過修正案 | 政治 | 中央社 CNA"],
     ["行政院會通過預算", "立法院三讀通過修正案"]),
    ("Latest", ["Talks go on - Live from the border today | Desk News", "Troops pulled back - Live from the border today | "
                "Desk News", "Sanctions extended - Live from the border today | Desk News"],
     ["Talks go on - Live from the border today", "Troops pulled back - Live from the border today",
      "Sanctions extended - Live from the border today"]),
    # A feed of one item: its title less the feed's name closing it, not less another closing part.
    ("Desk News", ["Talks go on in Geneva | Desk News"], ["Talks go on in Geneva"]),
    ("Latest", ["Talks go on in Geneva | Desk News"], ["Talks go on in Geneva | Desk News"]),
])
def test_the_sites_name_closing_every_title_of_a_feed_is_left_out(channel: str, titles: list[str],
                                                                  expected: list[str]) -> None:
    # As every kind's parser is called: through the registry (monitor.sources.parse).
    assert [e.title for e in sources.parse(doc(_titled_feed(channel, titles))).entries] == expected


def test_the_sites_name_closing_every_title_of_a_json_feed_is_left_out() -> None:
    items = ",".join(f'{{"id": "{n}", "url": "https://desk.example/{n}", "title": "{title} | Desk News"}}'
                     for n, title in enumerate(["Talks go on", "Troops pulled back", "Sanctions extended"]))
    body = f'{{"version": "https://jsonfeed.org/version/1.1", "title": "Latest", "items": [{items}]}}'.encode()
    assert [e.title for e in sources.parse(doc(body, content_type="application/feed+json")).entries] == [
        "Talks go on", "Troops pulled back", "Sanctions extended"]


def test_a_page_served_for_a_feed_names_the_feed_it_advertises() -> None:
    page = (b'<!DOCTYPE html><html><head><link rel="stylesheet" href="/a.css">'
            b'<link rel="alternate" type="application/rss+xml" href="https://desk.example/world.rss"></head></html>')
    with pytest.raises(ParseError, match="HTML page, not a feed; the page advertises a feed at https://desk.example/world.rss"):
        feed.parse(doc(page))


def test_a_hostile_page_of_link_tags_is_read_in_one_pass() -> None:
    # From each "<link" of a page with no ">" after it, the look for an advertised feed read the rest
    # of the page: 200 KB of them took 13 s.
    with pytest.raises(ParseError, match="HTML page, not a feed"):
        feed.parse(doc(b"<!DOCTYPE html><html><head>" + b"<link " * 40_000))


def test_a_read_more_link_to_another_address_than_the_items_does_not_close_its_summary() -> None:
    # FeedBurner's: the item links to the story, the teaser's "Continue reading" to the redirect.
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
            b'<item><title>Talks go on</title><link>https://desk.example/2021/12/07/talks</link>'
            b'<description>&lt;p&gt;The ministers met in Geneva on Tuesday.&lt;/p&gt; &lt;a href="https://feeds.example/~r/desk/~3/x/"'
            b'&gt;Continue reading &amp;rarr;&lt;/a&gt;</description></item></channel></rss>')
    assert normalize(feed.parse(doc(body)).entries[0], doc(body)).summary == "The ministers met in Geneva on Tuesday."


def test_references_to_c1_controls_are_windows_1252_characters() -> None:
    # XML reads "&#133;" as U+0085, which feedparser strips as a space at the end of a text; sites
    # mean windows-1252's ellipsis, as HTML reads it.
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
            b'<item><title>Talks go on &#133;</title><link>https://desk.example/1</link>'
            b'<description>Kyiv&#x92;s view &#150; and more&#X85;</description></item></channel></rss>')
    entry = feed.parse(doc(body)).entries[0]
    assert (entry.title, entry.summary) == ("Talks go on \u2026", "Kyiv\u2019s view \u2013 and more\u2026")


def test_a_google_news_title_keeps_the_dashes_of_its_headline() -> None:
    from monitor.normalize import normalize

    body = GOOGLE_NEWS.replace(b"<title>Russia masses troops near Ukraine border - Reuters",
                               "<title>Border crisis — Biden warns Moscow - the talks go on - Reuters".encode())
    item = normalize(feed.parse(doc(body)).entries[0], doc(body))
    assert item.title == "Border crisis — Biden warns Moscow - the talks go on"


def google_news_id(address: str) -> str:
    """An article id as Google News wrote them until 2024: the address in a small protobuf message."""
    data = address.encode()
    length = bytes([len(data)]) if len(data) < 128 else bytes([len(data) & 0x7F | 0x80, len(data) >> 7])
    return base64.urlsafe_b64encode(b"\x08\x13\x22" + length + data + b"\xd2\x01\x00").decode().rstrip("=")


def test_a_google_news_item_links_to_the_publishers_article_and_keeps_no_listing() -> None:
    """Google News's description lists headlines: this item's, then other outlets' stories of its
    cluster ("Kremlin says talks possible CNN"), whose words rules would take for this one's."""
    from monitor.normalize import normalize

    address = "https://www.reuters.com/world/europe/russia-masses-troops-2021-12-06/"
    cluster = GOOGLE_NEWS.replace(b"CBMiAbc", google_news_id(address).encode()).replace(
        b"&lt;font color=\"#6f6f6f\"&gt;Reuters&lt;/font&gt;</description>",
        b"&lt;font color=\"#6f6f6f\"&gt;Reuters&lt;/font&gt;&lt;br&gt;&lt;a href=\"https://news.google.com/rss/"
        b"articles/CBMiXyz?oc=5\"&gt;Kremlin says talks possible&lt;/a&gt; CNN</description>")
    entry = feed.parse(doc(cluster)).entries[0]
    item = normalize(entry, doc(cluster))
    assert (item.url, item.title, item.summary, item.body) == (address, "Russia masses troops near Ukraine border", "", "")
    assert item.guid == google_news_id(address)  # the source's own identity for it stays Google's


def test_a_google_news_link_that_holds_no_address_has_no_page_to_fetch() -> None:
    # Google's page for a newer id sends browsers on with a script: a full-text source reads nothing there.
    from monitor.analysis import needs_page
    from monitor.normalize import normalize

    address = "https://www.reuters.com/world/europe/russia-masses-troops-2021-12-06/"
    decoded = GOOGLE_NEWS.replace(b"CBMiAbc", google_news_id(address).encode())
    assert [needs_page(normalize(feed.parse(doc(body)).entries[0], doc(body)), frozenset())
            for body in (GOOGLE_NEWS, decoded)] == [False, True]


def test_a_google_alerts_entry_links_to_the_article() -> None:
    alerts = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
              b'<id>tag:google.com,2005:reader/user/1/state/com.google/alerts/2</id><title>Google Alert - Ukraine</title>'
              b'<entry><id>tag:google.com,2013:googlealerts/feed:1</id><title type="html">&lt;b&gt;Ukraine&lt;/b&gt; '
              b'border talks</title><link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.kyivpost.com/'
              b'post/12345&amp;ct=ga&amp;cd=CAIyGj&amp;usg=AOvVaw"/><published>2021-12-06T10:00:00Z</published>'
              b'<content type="html">Talks on the &lt;b&gt;Ukraine&lt;/b&gt; border went on.</content></entry></feed>')
    entry = feed.parse(doc(alerts)).entries[0]
    assert entry.url == "https://www.kyivpost.com/post/12345"


def test_a_google_news_id_that_holds_no_address_leaves_the_link() -> None:
    entry = feed.parse(doc(GOOGLE_NEWS)).entries[0]  # "CBMiAbc": no address in it
    assert entry.url == "https://news.google.com/rss/articles/CBMiAbc?oc=5" and entry.summary is None


def test_a_feeds_own_title_is_not_taken_off_its_items_titles() -> None:
    """A feed may be named for a topic that ends a headline as a word; only a <source> is a publisher."""
    topic = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ukraine</title><item>'
             b"<title>Talks on the border crisis resume - Ukraine</title><link>https://news.example/1</link>"
             b"</item></channel></rss>")
    from monitor.normalize import normalize

    item = normalize(feed.parse(doc(topic)).entries[0], doc(topic))
    assert (item.title, item.publisher) == ("Talks on the border crisis resume - Ukraine", "Ukraine")


@pytest.mark.parametrize("element", ["author", "dc:creator", "managingEditor"])
def test_a_hostile_authors_length_costs_no_more_than_a_bylines(element: str) -> None:
    # A run of letters and dots with no address in it: feedparser's look for an e-mail address
    # backtracked quadratically over it (16,000 characters: 1.4 s; these 100,000: over a minute).
    hostile = "a." * 50_000
    body = (f'<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>Desk</title><{element}>{hostile}</{element}><item><title>Talks resume</title>"
            f"<link>https://example.org/1</link><{element}>{hostile}</{element}></item>"
            f"<item><title>Second</title><link>https://example.org/2</link><author>ann@desk.example (Ann Lee)</author>"
            f"</item></channel></rss>").encode()
    entries = feed.parse(doc(body)).entries
    assert [e.title for e in entries] == ["Talks resume", "Second"]
    assert len(entries[0].author or "") <= feed.MAX_AUTHOR_CHARS
    assert entries[1].author == "Ann Lee"  # an address beside a name is still read apart


def test_bozo_feed_with_entries_keeps_them_and_warns() -> None:
    broken = b"<rss version='2.0'><channel><title>T</title><item><title>One &bogus; item</title>" \
             b"<link>https://example.org/1</link></item><item><title>Two</title></channel>"
    parsed = feed.parse(doc(broken))
    assert [e.title for e in parsed.entries][:1] == ["One  item"] or parsed.entries[0].title.startswith("One")
    assert parsed.warning and "\n" not in parsed.warning


def test_html_page_instead_of_feed_names_the_advertised_feed() -> None:
    page = b"""<!DOCTYPE html><html><head><title>News</title>
    <link rel="alternate" type="application/rss+xml" href="https://example.org/rss.xml"></head>
    <body><p>Hello</p></body></html>"""
    with pytest.raises(ParseError) as caught:
        feed.parse(doc(page, content_type="text/html"))
    assert "HTML page, not a feed" in str(caught.value)
    assert "https://example.org/rss.xml" in str(caught.value)


def test_garbage_is_a_one_line_error() -> None:
    with pytest.raises(ParseError) as caught:
        feed.parse(doc(b"\x00\x01 this is not xml at all {"))
    assert str(caught.value).startswith("feed: https://example.org/feed: not a readable feed")


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
def test_windows_1251_russian_feed_is_decoded() -> None:
    path = CORPUS / "danmactough-node-feedparser/feeds/iconv.xml"
    parsed = feed.parse(doc(path.read_bytes()))
    titles = " ".join(e.title or "" for e in parsed.entries)
    assert any("\u0400" <= ch <= "\u04ff" for ch in titles)
    assert "Ð" not in titles and "Ã" not in titles


def test_an_elements_text_reaches_feedparser_in_one_piece() -> None:
    # Unbuffered, expat hands an article's HTML over line by line and entity by entity, each piece
    # through feedparser's handle_data (monitor.sources.expat_buffered). feedparser asks xml.sax for
    # the reader it is told to prefer; here the same reader reads into a handler that records pieces.
    import io
    import xml.sax
    import xml.sax.handler

    import feedparser.api

    class Pieces(xml.sax.handler.ContentHandler):
        def __init__(self) -> None:
            super().__init__()
            self.pieces: list[str] = []

        def characters(self, content: str) -> None:
            self.pieces.append(content)

    html = "\n".join(f"<p>Paragraph {n} &amp; more about the border.</p>" for n in range(200))
    body = (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>T</title><item><title>A &amp; B</title><link>https://example.org/a</link>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item></channel></rss>").encode()
    reader = xml.sax.make_parser(feedparser.api.PREFERRED_XML_PARSERS)
    handler = Pieces()
    reader.setContentHandler(handler)
    source = xml.sax.xmlreader.InputSource()
    source.setByteStream(io.BytesIO(body))
    reader.parse(source)
    assert html in handler.pieces and "A & B" in handler.pieces
    assert len(handler.pieces) < 10
    parsed = feed.parse(doc(body))
    assert parsed.entries[0].body == html and parsed.entries[0].title == "A & B"


def _feedparser_reading(data: bytes, readers: list[str]) -> tuple[dict[str, object], str]:
    import feedparser
    import feedparser.api

    saved = feedparser.api.PREFERRED_XML_PARSERS
    feedparser.api.PREFERRED_XML_PARSERS = readers
    try:
        result = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    finally:
        feedparser.api.PREFERRED_XML_PARSERS = saved
    problem = result.pop("bozo_exception", None)
    return dict(result), repr(problem)


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
def test_the_buffered_reader_reads_every_corpus_feed_as_the_standard_one_does() -> None:
    import warnings

    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix not in (".md", ".json", ".py", ".js")]
    assert len(files) > 2000
    differ = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            data = path.read_bytes()
            if _feedparser_reading(data, [feed.expat_buffered.__name__]) != _feedparser_reading(data, []):
                differ.append(str(path.relative_to(CORPUS)))
    assert differ == []


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
def test_content_parameters_copied_as_dicts_read_every_corpus_feed_as_deepcopy_does(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # monitor.sources.feed gives feedparser.mixin a `copy` whose deepcopy copies a dict of strings
    # by copying the dict; with the copy module itself, every corpus feed reads the same.
    import copy
    import warnings

    import feedparser.mixin
    import feedparser.util

    shim = feedparser.mixin.copy
    assert shim is not copy  # monitor.sources.feed's copy is in place
    params = feedparser.util.FeedParserDict(type="text/html", language=None, base="https://example.org/")
    copied = shim.deepcopy(params)
    assert copied == params and copied is not params and type(copied) is feedparser.util.FeedParserDict
    nested = feedparser.util.FeedParserDict(type="text/html", tags=[{"term": "x"}])
    assert shim.deepcopy(nested)["tags"] is not nested["tags"]  # not strings alone: the real deepcopy
    assert shim.copy is copy.copy  # the rest of the module is the module's
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix not in (".md", ".json", ".py", ".js")]
    readers = [feed.expat_buffered.__name__]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with_shim = [_feedparser_reading(path.read_bytes(), readers) for path in files]
        monkeypatch.setattr(feedparser.mixin, "copy", copy)
        stock = [_feedparser_reading(path.read_bytes(), readers) for path in files]
    differ = [str(path.relative_to(CORPUS)) for path, a, b in zip(files, with_shim, stock) if a != b]
    assert len(files) > 2000 and differ == []


def _with_stock_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser.util

    monkeypatch.setattr(feedparser.util.FeedParserDict, "__getitem__", feed._stock_getitem)
    monkeypatch.setattr(feedparser.util.FeedParserDict, "get", feed._stock_get)
    monkeypatch.setattr(feedparser.util.FeedParserDict, "__contains__", feed._stock_contains)


def test_feedparser_dicts_read_their_own_keys_as_feedparser_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings

    import feedparser.util

    assert feedparser.util.FeedParserDict.get is feed._get  # monitor.sources.feed's lookups are in place

    def readings() -> list[object]:
        tagged = feedparser.util.FeedParserDict(
            tags=[{"term": "war"}], links=[{"rel": "enclosure", "href": "a.mp3", "type": "audio/mpeg"},
                                           {"rel": "license", "href": "https://cc.example/by"}],
            published="Mon, 01 Nov 2021", summary="s", subtitle="t", id="g", plain="p")
        empty = feedparser.util.FeedParserDict(tags=[], links=[])
        out: list[object] = []
        for d in (tagged, empty):
            for key in ("category", "enclosures", "license", "updated", "updated_parsed", "description",
                        "guid", "url", "channel", "plain", "absent", "summary"):
                try:
                    out.append(("item", key, d[key]))
                except (KeyError, IndexError) as exc:
                    out.append(("item", key, type(exc).__name__))
                out.append(("get", key, d.get(key), d.get(key, "default")))
                out.append(("in", key, key in d))
                try:
                    out.append(("attr", key, getattr(d, key)))
                except AttributeError:
                    out.append(("attr", key, "AttributeError"))
        return out

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = readings()
        _with_stock_lookups(monkeypatch)
        stock = readings()
    assert ours == stock
    assert ("get", "description", "s", "s") in ours and ("in", "absent", False) in ours


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
def test_feedparser_dicts_read_every_corpus_feed_as_their_own_lookups_do(monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings

    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix not in (".md", ".json", ".py", ".js")]
    readers = [feed.expat_buffered.__name__]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = [_feedparser_reading(path.read_bytes(), readers) for path in files]
        _with_stock_lookups(monkeypatch)
        stock = [_feedparser_reading(path.read_bytes(), readers) for path in files]
    differ = [str(path.relative_to(CORPUS)) for path, a, b in zip(files, ours, stock) if a != b]
    assert len(files) > 2000 and differ == []


def test_a_parse_asks_for_no_sax_driver_beyond_the_standard_librarys(monkeypatch: pytest.MonkeyPatch) -> None:
    # feedparser's default asks xml.sax for drv_libxml2 first; absent, that import failed again on
    # every feed (a search of sys.path each time). Every import asked for during a parse is recorded.
    import importlib.abc
    import sys

    asked: list[str] = []

    class Recorder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
            asked.append(name)
            return None

    monkeypatch.setattr(sys, "meta_path", [Recorder(), *sys.meta_path])
    parsed = feed.parse(doc((ROOT / "samples/feeds/border-crisis.xml").read_bytes()))
    assert parsed.entries
    assert "drv_libxml2" not in asked


XML_BASES = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/desk/"><title>Desk</title><id>urn:x</id>
<entry xml:base="2022/"><title>One</title><id>urn:1</id><link href="one"/></entry>
<entry xml:base="https://other.example/a/b/"><title>Two</title><id>urn:2</id><link href="../two"/></entry>
<entry xml:base="javascript:alert(1)"><title>Three</title><id>urn:3</id><link href="three"/></entry>
<entry><title>Four</title><id>urn:4</id><link href="/four"/></entry>
<entry xml:base="https:///x.example//deep/"><title>Five</title><id>urn:5</id><link href="five"/></entry>
</feed>"""


def test_base_uris_joined_through_the_cache_are_those_feedparser_joins_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser.mixin
    import feedparser.urls

    cached = feedparser.mixin.make_safe_absolute_uri
    assert cached is not feedparser.urls.make_safe_absolute_uri  # monitor.sources.feed's cache is in place
    documents = [XML_BASES] + [p.read_bytes() for p in sorted(CORPUS.rglob("*.xml"))
                               if b"xml:base" in p.read_bytes()[:100_000]][:60]
    with_cache = [[(e.url, e.title) for e in feed.parse(doc(body)).entries] for body in documents + documents]
    monkeypatch.setattr(feedparser.mixin, "make_safe_absolute_uri", feedparser.urls.make_safe_absolute_uri)
    without = [[(e.url, e.title) for e in feed.parse(doc(body)).entries] for body in documents]
    assert with_cache == without + without
    assert with_cache[0] == [("https://example.org/desk/2022/one", "One"), ("https://other.example/a/two", "Two"),
                             ("https://example.org/desk/three", "Three"), ("https://example.org/four", "Four"),
                             ("https://x.example/deep/five", "Five")]


BARE_AMPERSANDS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
                   "<item><title>AT&T и S&P 500 после заявления Кремля</title><link>https://desk.example/a?id=1&amp;s=2"
                   "</link><description><![CDATA[<p>Procter&Gamble &amp; M&M: акции упали</p>]]></description></item>"
                   "<item><title>Второй материал</title><link>https://desk.example/b?id=2&s=3</link>"
                   "</item></channel></rss>")


def test_bare_ampersands_are_read_as_ampersands() -> None:
    # Not XML: expat gave up on the feed, and feedparser's forgiving reader read "AT&T;", "S&P;".
    parsed = feed.parse(doc(BARE_AMPERSANDS.encode()))
    assert [e.title for e in parsed.entries] == ["AT&T и S&P 500 после заявления Кремля", "Второй материал"]
    assert [e.url for e in parsed.entries] == ["https://desk.example/a?id=1&s=2", "https://desk.example/b?id=2&s=3"]
    assert parsed.entries[0].summary == "<p>Procter&Gamble &amp; M&M: акции упали</p>"  # CDATA is read as written
    assert parsed.warning is None  # with them escaped, the feed is XML


def test_a_feed_with_bare_ampersands_and_another_fault_is_read_with_its_warning() -> None:
    parsed = feed.parse(doc(BARE_AMPERSANDS.replace("Второй", "Второй < третий").encode()))
    assert parsed.entries[0].title == "AT&T и S&P 500 после заявления Кремля"
    assert parsed.warning is not None and "not well-formed" in parsed.warning


@pytest.mark.parametrize(("written", "read"), [
    # XML does not define &nbsp; or &laquo;: expat gave up, and every fetch carried a warning.
    ("Второй&nbsp;&laquo;материал&raquo; &mdash; &foo;", "Второй\u00a0«материал» — &foo;"),
    ("Второй\x0bматериал\x02", "Второй материал"),  # control characters XML allows nowhere
])
def test_html_entities_and_control_characters_in_a_feed_are_read_without_a_warning(written: str, read: str) -> None:
    parsed = feed.parse(doc(BARE_AMPERSANDS.replace("Второй материал", written).encode()))
    assert parsed.entries[1].title == read
    assert parsed.warning is None


def test_mending_ampersands_leaves_references_and_cdata_alone() -> None:
    body = (b"<a>&amp; &lt; &#38; &#x26; &nbsp; &laquo;&NotEqualTilde; &foo; &T &</a><![CDATA[&T &nbsp;]]>"
            b"<b>&x</b><![CDATA[ & unterminated")
    assert xml_bytes.as_xml(body) == (
        b"<a>&amp; &lt; &#38; &#x26; &#160; &#171;&#8770;&#824; &amp;foo; &amp;T &amp;</a><![CDATA[&T &nbsp;]]>"
        b"<b>&amp;x</b><![CDATA[ & unterminated")
    assert xml_bytes.as_xml(b"<a>\x02A\x0bB\x0cC\x1f\t\n\r</a><![CDATA[D\x0bE]]>") == b"<a>A B C\t\n\r</a><![CDATA[D E]]>"
    well_formed = b"<a>&amp; &lt; &#160;</a>"
    assert xml_bytes.as_xml(well_formed) == well_formed


def test_an_rss_items_link_relative_to_its_site_resolves_against_the_channels_link() -> None:
    # News24 serves its feed from a host of its own and writes its items' links relative to the site
    # its channel's <link> names; against the feed's address they led to no page. The GUID stays as
    # read (the item's identity), and so does a link where the channel names the feed's own host.
    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>News24 World</title>'
            "<link>https://www.news24.example/news24/world</link>"
            "<item><title>Talks</title><link>/news24/world/news/talks-20211207</link>"
            "<guid>/news24/world/news/talks-20211207</guid></item>"
            "<item><title>Troops</title><link>https://www.news24.example/troops</link></item></channel></rss>")
    parsed = feed.parse(doc(body.encode(), location="https://feeds.news24.example/articles/World/rss"))
    assert [e.url for e in parsed.entries] == ["https://www.news24.example/news24/world/news/talks-20211207",
                                              "https://www.news24.example/troops"]
    assert parsed.entries[0].guid == "https://feeds.news24.example/news24/world/news/talks-20211207"
    same_host = body.replace("https://www.news24.example/news24/world", "https://feeds.news24.example/")
    assert feed.parse(doc(same_host.encode(), location="https://feeds.news24.example/articles/World/rss")).entries[0].url \
        == "https://feeds.news24.example/news24/world/news/talks-20211207"
    # Atom keeps its own rules (xml:base, then the document's address).
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            "<link href='https://www.news24.example/'/><entry><title>T</title><id>t-1</id>"
            "<link href='/a/1'/></entry></feed>")
    assert feed.parse(doc(atom.encode(), location="https://feeds.news24.example/atom")).entries[0].url \
        == "https://feeds.news24.example/a/1"


def test_a_cdata_section_pasted_inside_another_is_unwrapped() -> None:
    # A tweet's embed pasted with its own CDATA into the description's (Lenta's): the inner "]]>"
    # closed the outer section, and the outer one's "]]>" was read as the text's last words.
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Лента</title><item>'
            "<title>В Кремле ответили на заявление Вашингтона</title><link>https://lenta.example/news/1</link>"
            "<description><![CDATA[<p>Песков прокомментировал переговоры.</p><blockquote class=\"twitter-tweet\">"
            "<![CDATA[<p>Встреча прошла в Женеве.</p>]]></blockquote><p>Ответ ожидается в ближайшее время.</p>]]>"
            "</description></item></channel></rss>")
    parsed = feed.parse(doc(body.encode()))
    summary = parsed.entries[0].summary
    assert "]]>" not in summary and "]]&gt;" not in summary
    assert summary.startswith("<p>Песков прокомментировал переговоры.</p>")
    assert "Встреча прошла в Женеве." in summary and summary.endswith("<p>Ответ ожидается в ближайшее время.</p>")
    assert xml_bytes.as_xml(b"<d><![CDATA[a <![CDATA[b]]> c]]></d>") == b"<d><![CDATA[a b c]]></d>"
    # Sections that never close are left as the reader takes them.
    assert xml_bytes.as_xml(b"<d><![CDATA[a <![CDATA[b]]> c") == b"<d><![CDATA[a <![CDATA[b]]> c"


def test_a_bot_check_served_for_a_feed_says_so() -> None:
    challenge = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h2>Checking if the "
                 "site connection is secure</h2><script>window._cf_chl_opt={cType: 'managed'};</script></body></html>")
    with pytest.raises(ParseError) as caught:
        feed.parse(doc(challenge.encode(), content_type="text/html; charset=utf-8"))
    assert str(caught.value) == ("feed: https://example.org/feed: the site answered with a bot check "
                                 "(its title is 'Just a moment...'), not the feed")


SCHEMELESS_LINKS = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
                    b"<link>https://desk.example/</link>"
                    b"<item><title>One</title><link>www.desk.example/news/1.html</link></item>"
                    b"<item><title>Two</title><link>news/2.html</link></item>"
                    b"<item><title>Three</title><link>//cdn.desk.example/3</link></item></channel></rss>")


def test_a_link_that_begins_with_www_names_that_host() -> None:
    # Some CMS templates write their items' links without a scheme: "www.desk.example/news/1.html"
    # is that host's page, not a path under the feed's address. (A relative link is the site's, which
    # the channel's <link> names: the feed is served from a host of its own.)
    entries = feed.parse(doc(SCHEMELESS_LINKS, location="http://rss.desk.example/feeds/all.xml")).entries
    assert [e.url for e in entries] == ["http://www.desk.example/news/1.html",
                                        "https://desk.example/news/2.html", "http://cdn.desk.example/3"]


PROXIED_LINKS = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                 b'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" '
                 b'xmlns:pheedo="http://www.pheedo.com/namespace/pheedo"><channel><title>Desk</title>'
                 b"<item><title>One</title><link>http://feedproxy.google.com/~r/desk/~3/AbC/one.html</link>"
                 b"<feedburner:origLink>https://desk.example/2021/11/one.html</feedburner:origLink></item>"
                 b"<item><title>Two</title><link>http://ads.pheedo.com/click.phdo?s=1</link>"
                 b"<pheedo:origLink>https://desk.example/2021/11/two.html</pheedo:origLink></item>"
                 b"<item><title>Three</title><link>https://desk.example/three.html</link>"
                 b"<feedburner:origLink>javascript:void(0)</feedburner:origLink></item></channel></rss>")


def test_an_item_linked_through_a_feed_proxy_keeps_the_articles_own_address() -> None:
    assert [e.url for e in feed.parse(doc(PROXIED_LINKS)).entries] == [
        "https://desk.example/2021/11/one.html", "https://desk.example/2021/11/two.html",
        "https://desk.example/three.html"]


@pytest.mark.parametrize(("written", "author"), [
    # feedparser's address pattern ends at a 4-letter top-level domain: its name was "ine (Иван Иванов".
    ("<author>ivanov@desk.online (Иван Иванов)</author>", "Иван Иванов"),
    ("<author>Иван Иванов &lt;ivanov@desk.online&gt;</author>", "Иван Иванов"),
    ("<author>ivanov@desk.online (Иван Иванов)</author><dc:creator>Иван Иванов</dc:creator>", "Иван Иванов"),
    ("<author>ann@desk.org (Ann Writer)</author>", "Ann Writer"),
    ("<dc:creator>Ann Writer</dc:creator>", "Ann Writer"),
    ("<author>news@desk.online</author>", "news@desk.online"),  # an address alone: normalize keeps no one
    # Several authors: all of them (feedparser's `author` is the last one alone).
    ("<dc:creator>Иван Иванов</dc:creator><dc:creator>Пётр Петров</dc:creator>", "Иван Иванов, Пётр Петров"),
    ("<dc:creator>Ann Writer</dc:creator><dc:creator>Ann Writer</dc:creator>", "Ann Writer"),
    # Two forms of one name, in two vocabularies: one author.
    ("<dc:creator>Desk: www.desk.example</dc:creator><author>Desk</author>", "Desk: www.desk.example"),
])
def test_an_rss_author_is_the_name_beside_the_address(written: str, author: str) -> None:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>Desk</title><item><title>One</title>{written}</item></channel></rss>").encode()
    assert feed.parse(doc(body)).entries[0].author == author


@pytest.mark.parametrize("channel, written, author", [
    # Ukrainska Pravda's feed signs most items with its own name beside its address; a writer's by name.
    ("Украинская правда", "<author>ukrpravda@gmail.com (Украинская правда)</author>", None),
    ("Украинская правда", "<author>ukrpravda@gmail.com (Ярослав Винокуров)</author>", "Ярослав Винокуров"),
    ("Harbour Gazette", "<dc:creator>Harbour Gazette newsroom</dc:creator>", None),  # the site's desk
    ("Taverncast - Happy Hour in Your Head", "<author>Taverncast</author>", None),  # a podcast's name, cut short
    # a broadcaster's name, its letters first, in capitals as the site signs ("CNN TÜRK", RTL's)
    ("Son Dakika Haberleri | CNN Türk", "<dc:creator>CNN TÜRK</dc:creator>", None),
    ("RTL Nieuws - Binnenland", "<dc:creator>RTL Nieuws</dc:creator>", None),
    ("Harbour Gazette", "<dc:creator>Ann Writer, Harbour Gazette</dc:creator>", "Ann Writer"),  # after the writer's
    ("Harbour Gazette", "<dc:creator>Ann Writer, Bob Reporter and Cy Editor, Harbour Gazette</dc:creator>",
     "Ann Writer, Bob Reporter and Cy Editor"),
    ("Harbour Gazette", "<dc:creator>Ann Writer | Harbour Gazette</dc:creator>", "Ann Writer"),
    ("Harbour Gazette", "<dc:creator>Ann Writer (Harbour Gazette)</dc:creator>", "Ann Writer"),
    ("Harbour Gazette", "<dc:creator>Staff, Harbour Gazette</dc:creator>", None),  # no writer's name before it
    ("Harbour Gazette", "<dc:creator>Metro desk (Harbour Gazette)</dc:creator>", None),
    ("Harbour Gazette", "<dc:creator>Ann Writer, Harbour Gazette Business</dc:creator>", "Ann Writer"),  # a section's
    ("The Harbour Gazette", "<dc:creator>Ann Writer - Harbour Gazette</dc:creator>", "Ann Writer"),
    ("Harbour Gazette", "<dc:creator>Ann Writer (The Harbour Gazette)</dc:creator>", "Ann Writer"),
    ("Harbour Gazette", "<dc:creator>Ann Writer, Harbour Gazette Weekend Business Desk</dc:creator>",
     "Ann Writer, Harbour Gazette Weekend Business Desk"),  # more than a section's name: as written
    ("Harbour Gazette", "<dc:creator>Ann Writer, Gazette Harbour</dc:creator>", "Ann Writer, Gazette Harbour"),
    ("Ann Writer's notebook", "<author>Ann Writer</author>", "Ann Writer"),  # a blog named after its writer
    ("wearehugh's bookmarks", "<author>wearehugh</author>", "wearehugh"),
])
def test_a_feed_item_signed_with_the_feeds_own_name_has_no_author(channel: str, written: str, author: str | None) -> None:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{channel}</title><item><title>Одна новость</title><link>https://example.org/1</link>"
            f"{written}</item></channel></rss>").encode()
    parsed = doc(body)
    item = normalize(feed.parse(parsed).entries[0], parsed)
    assert (item.author, item.publisher) == (author, channel)


def test_an_atom_entrys_authors_are_all_its_authors() -> None:
    body = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
            b"<entry><title>One</title><id>urn:1</id><author><name>Ann Writer</name></author>"
            b"<author><name>Bob Reporter</name><email>bob@desk.example</email></author></entry></feed>")
    assert feed.parse(doc(body)).entries[0].author == "Ann Writer, Bob Reporter"


def test_a_numeric_pubdate_english_writes_both_ways_is_read_in_the_order_of_the_sites_country() -> None:
    # A British council's feed writes "08/02/2013 12:00:00": the 8th of February (London's time, which
    # is UTC then). The same text from a site whose country is unknown stays unread.
    from monitor.normalize import normalize

    def published(link: str) -> datetime | None:
        body = ("<?xml version='1.0'?><rss version='2.0'><channel><title>School news</title><link>" + link
                + "</link><language>en</language><item><title>Training dates for school staff</title><link>"
                + link + "/notice/19167</link><pubDate>08/02/2013 12:00:00</pubDate><description>Training "
                "sessions for school staff are set for the spring term.</description></item></channel></rss>").encode()
        raw = doc(body, link + "/feed.xml")
        return normalize(feed.parse(raw).entries[0], raw).published_at

    assert published("http://www.schools.norfolk.gov.uk") == datetime(2013, 2, 8, 12, 0, tzinfo=timezone.utc)
    assert published("http://www.schools.example.org") is None


def test_a_pubdate_in_est_from_an_australian_site_is_in_australias_eastern_time() -> None:
    # Email's reading of "EST" is New York's; on an Australian site it is Sydney's, 15 hours apart:
    # read as New York's, the story first seen at 01:00 UTC was dated 14 hours in the future.
    from monitor.normalize import normalize

    def read(link: str) -> tuple[datetime | None, str | None]:
        body = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Regional news</title><link>" + link
                + "</link><item><title>Port reopens after storm</title><link>" + link + "/news/port-reopens</link>"
                "<pubDate>Mon, 06 Dec 2021 10:15:00 EST</pubDate><description>The port reopened on Monday."
                "</description></item></channel></rss>").encode()
        raw = doc(body, link + "/feed.xml")
        item = normalize(feed.parse(raw).entries[0], raw, first_seen=datetime(2021, 12, 6, 1, 0, tzinfo=timezone.utc))
        return item.published_at, item.date_suspect

    assert read("https://www.regional.example.com.au") == (datetime(2021, 12, 6, 0, 15, tzinfo=timezone.utc), None)
    assert read("https://www.regional.example.com") == (datetime(2021, 12, 6, 15, 15, tzinfo=timezone.utc),
                                                        "in the future")


def test_a_feeds_zero_timestamp_is_no_date() -> None:
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title><item>'
            b"<title>Talks</title><link>https://news.example/1</link><pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>"
            b"</item></channel></rss>")
    item = normalize(feed.parse(doc(body)).entries[0], doc(body))
    assert (item.published_at, item.published_raw) == (None, "Thu, 01 Jan 1970 00:00:00 +0000")
    assert item.date_suspect is not None and item.date_suspect.startswith("a placeholder")



def test_an_items_link_to_the_home_page_gives_way_to_its_permalink_guid() -> None:
    # A CMS template linking every item to the home page, the article named in its GUID only: every
    # item had had one address (and was one item to the store).
    items = "".join(
        f'<item><title>{title}</title><link>{link}</link><guid isPermaLink="{permalink}">{guid}</guid></item>'
        for title, link, guid, permalink in [
            ("Road closed", "https://www.desk.example/", "https://www.desk.example/news/road-closed", "true"),
            ("Pier open", "https://desk.example", "https://www.desk.example/news/pier-open", "true"),
            # an article's own link, a plain permalink's query, another site's GUID, a GUID that is no address
            ("Ferry", "https://desk.example/news/ferry", "https://desk.example/news/ferry-2", "true"),
            ("Storm", "https://desk.example/?p=123", "https://desk.example/news/storm", "true"),
            ("Bridge", "https://desk.example/", "https://other.example/news/bridge", "true"),
            ("Dam", "https://desk.example/", "tag:desk.example,2021:dam", "false"),
            ("Episode 62", "https://desk.example/", "https://desk.example/shows/episode-62.mp3", "true"),  # a podcast's file
            ("Canal", "https://desk.example/", "https://desk.example/news/canal.html", "true"),
            ("Port", "http://[::1", "https://desk.example/news/port", "true"),  # a link that is no URL: the GUID
        ])
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}</channel></rss>'.encode()
    assert [e.url for e in feed.parse(doc(body)).entries] == [
        "https://www.desk.example/news/road-closed", "https://www.desk.example/news/pier-open",
        "https://desk.example/news/ferry", "https://desk.example/?p=123", "https://desk.example/", "https://desk.example/",
        "https://desk.example/", "https://desk.example/news/canal.html", "https://desk.example/news/port"]


def test_an_atom_text_construct_of_type_text_is_text_whatever_it_holds() -> None:
    # "Fix <Button> focus ring" had been read as markup, and lost all after "Fix".
    body = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ui-kit</title><id>x</id>'
            '<entry><title type="text">Fix &lt;Button&gt; focus ring in &lt;Dialog&gt;</title><id>urn:1</id>'
            '<link href="https://desk.example/releases/1"/><updated>2021-12-07T11:00:00Z</updated>'
            '<content type="text">Renders &lt;Button&gt; with a ring.\n\nThe &lt;Dialog&gt; keeps its focus.</content></entry>'
            '<entry><title type="html">&lt;b&gt;Talks&lt;/b&gt; go on</title><id>urn:2</id>'
            '<link href="https://desk.example/news/2"/><updated>2021-12-07T11:00:00Z</updated>'
            '<summary type="html">&lt;p&gt;The sides met in Geneva.&lt;/p&gt;</summary></entry></feed>').encode()
    raw = doc(body)
    items = [normalize(entry, raw) for entry in feed.parse(raw).entries]
    assert [(item.title, item.body, item.summary) for item in items] == [
        ("Fix <Button> focus ring in <Dialog>", "Renders <Button> with a ring.\n\nThe <Dialog> keeps its focus.", ""),
        ("Talks go on", "", "The sides met in Geneva.")]


def test_xml_that_is_no_feed_whose_elements_carry_attributes_is_an_error() -> None:
    # An export dropped as .xml: feedparser keeps its elements' attributes as the "feed", and it was
    # read as a feed of no items, with no error.
    body = (b'<?xml version="1.0" encoding="utf-8"?><report generated="2021-12-07" version="3">'
            b'<row id="1" region="Donetsk" kind="shelling" count="12"/><row id="2" region="Luhansk" count="4"/>'
            b'</report>')
    with pytest.raises(ParseError, match="XML that is not an RSS or Atom feed"):
        feed.parse(doc(body))


CHANNEL_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>Desk News</title>
<entry><id>yt:video:a1</id><title>Envoys meet in Geneva as troops mass | Desk News</title>
<link rel="alternate" href="https://video.example/watch?v=a1"/><author><name>Desk News</name></author>
<published>2021-12-07T10:00:00+00:00</published><media:group><media:title>Envoys meet in Geneva</media:title>
<media:description>The envoys talked for two hours on Tuesday.
Both sides said they would meet again in January.

Subscribe: https://video.example/user/desknews?sub_confirmation=1

For more news go to: https://www.desk.example/en/
Follow Desk News on social media:
►Facebook: https://www.facebook.com/desknews/
►Twitter: https://twitter.com/desknews
Videos in German: https://video.example/deskdeutsch</media:description></media:group></entry>
</feed>""".encode()


def test_a_channels_video_loses_its_name_after_a_bar_and_its_descriptions_pointers() -> None:
    # YouTube's channel feeds: every entry by the channel, its name closing a headline after a bar; the
    # description plain text whose lines of links ran into one paragraph that no line rule could read.
    item = normalize(feed.parse(doc(CHANNEL_FEED)).entries[0], doc(CHANNEL_FEED))
    assert item.title == "Envoys meet in Geneva as troops mass"
    assert item.summary == ("The envoys talked for two hours on Tuesday. Both sides said they would meet again "
                            "in January.")
    # A dash is no bar: a topic may close a headline after one.
    dashed = CHANNEL_FEED.replace(b"as troops mass | Desk News", b"as troops mass - Desk News")
    assert normalize(feed.parse(doc(dashed)).entries[0], doc(dashed)).title == "Envoys meet in Geneva as troops mass - Desk News"


def test_a_guid_written_as_no_address_is_no_items_link() -> None:
    # RSS's isPermaLink is "true" by default: a GUID that is an identifier ("a-60230011") had been joined
    # to the feed's address and stored as the link of an item that has none.
    items = ('<item><title>Talks</title><guid>a-60230011</guid><description>Talks went on.</description></item>'
             '<item><title>Troops</title><guid>https://desk.example/news/troops</guid><description>More.</description></item>'
             '<item><title>Port</title><guid>/news/port</guid><description>Port closed.</description></item>')
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}</channel></rss>'.encode()
    entries = feed.parse(doc(body, "https://rss.desk.example/xml/all")).entries
    assert [e.url for e in entries] == [None, "https://desk.example/news/troops", "https://rss.desk.example/news/port"]
