"""The page kind: metadata from JSON-LD / OpenGraph / canonical / <time>; main text without chrome."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from conftest import ROOT
from monitor.clean.markup import parse_html
from monitor.errors import ParseError
from monitor.extract import body as extracted_text
from monitor.extract import furniture
from monitor.models import Item, RawDocument
from monitor.normalize import normalize
from monitor.sources import page

NOW = datetime(2022, 1, 11, tzinfo=timezone.utc)


def doc(body: bytes, location: str = "https://news.example.org/x") -> RawDocument:
    return RawDocument(source="s", kind="page", location=location, body=body, fetched_at=NOW, final_url=location)


def test_sample_page_metadata_and_text() -> None:
    raw = doc((ROOT / "samples/pages/geneva-talks.html").read_bytes())
    entry = page.parse(raw).entries[0]
    assert entry.title.startswith("U.S. and Russian negotiators")
    assert entry.author == "Marta Lindqvist"
    assert entry.publisher == "Border Desk Sample News"
    assert entry.published == "2022-01-10T18:30:00+01:00"
    item = normalize(entry, raw)
    assert item.url == "https://news.example.org/2022/01/10/geneva-talks"  # utm_source dropped
    assert item.published_at == datetime(2022, 1, 10, 17, 30, tzinfo=timezone.utc)
    for chrome in ("Donbas", "Crimea", "cookie", "Related"):
        assert chrome not in item.body, chrome
    assert "Zelenskyy" in item.body and "Putin" in item.body
    assert not item.body.startswith(item.title)


CHROME_PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1251">
<meta property="og:title" content="Київ відповідає">
<meta property="article:published_time" content="2022-02-01T08:00:00Z">
</head><body><nav><a href="/nato">NATO news</a></nav>
<article><h1>Київ відповідає</h1>
<p>Перший абзац статті про переговори. Сторони домовилися зустрітися знову наступного тижня у Женеві.</p>
<p>Другий абзац: дипломати обговорили безпеку в Європі та подальші кроки щодо деескалації.</p>
<p>Третій абзац з додатковими подробицями про позиції делегацій і заяви після зустрічі.</p></article>
<aside class="related">Related: Crimea explainer</aside><footer>© Desk</footer></body></html>"""


def test_cyrillic_page_in_declared_windows_1251() -> None:
    entry = page.parse(doc(CHROME_PAGE.encode("cp1251"))).entries[0]
    assert entry.title == "Київ відповідає"
    assert "Перший абзац" in entry.body
    assert "NATO" not in entry.body and "Crimea" not in entry.body
    assert entry.published == "2022-02-01T08:00:00Z"


def _titled(title: str, *headings: str) -> str:
    page_html = (f"<html><head><title>{title}</title></head><body>"
                 + "".join(f"<h1>{h}</h1>" for h in headings)
                 + "<article><p>Diplomats met in Geneva for a second day of talks on security in Europe and "
                   "agreed to meet again next week, officials from both delegations said afterwards.</p>"
                   "</article></body></html>")
    return page.parse(doc(page_html.encode("utf-8"))).entries[0].title


def test_a_title_tag_loses_the_sites_name_when_the_pages_heading_confirms_the_headline() -> None:
    # Only when the page has no JSON-LD or OpenGraph title; the <h1> says which side is the headline.
    assert _titled("Войска у границы - Новости", "Войска у границы") == "Войска у границы"
    assert _titled("The Desk | Talks end in Geneva", "Talks end in Geneva") == "Talks end in Geneva"
    assert _titled("Talks end in Geneva — The Desk", "The Desk", "Talks end in Geneva") == "Talks end in Geneva"
    # A dash inside the headline, a heading that is not the headline, no heading: the title whole.
    assert _titled("Kyiv - Kharkiv rail link reopens", "Kyiv") == "Kyiv - Kharkiv rail link reopens"
    assert _titled("Talks end - in Geneva", "Something else") == "Talks end - in Geneva"
    assert _titled("Talks end in Geneva - The Desk") == "Talks end in Geneva - The Desk"
    # A longer rest that opens with the name of the site's address (news.example.org) is the site's.
    assert _titled("Talks end in Geneva - Example.org - Your independent desk since 1990", "Talks end in Geneva") \
        == "Talks end in Geneva"
    assert _titled("Kyiv - News of the Kharkiv rail link", "Kyiv") == "Kyiv - News of the Kharkiv rail link"
    # With no heading to say it, the name the address gives (news.example.org) after a separator, or
    # alone before the first one, is the site's; a word that only begins with it is not.
    assert _titled("Talks end in Geneva - EXAMPLE") == "Talks end in Geneva"
    assert _titled("Example » Talks end in Geneva") == "Talks end in Geneva"
    assert _titled("Talks end - Example-Recherche zeigt neue Details") == "Talks end - Example-Recherche zeigt neue Details"
    assert _titled("Talks - Example") == "Talks - Example"  # a headline of one word is left whole
    # The address's name written with its accents (aktualne.cz).
    czech = ("<html><head><title>Vláda schválila rozpočet - Aktuálně.cz</title></head><body><article><p>"
             + "Vláda ve středu schválila návrh rozpočtu na příští rok, oznámil ministr financí. " * 3 + "</p></article></body></html>")
    assert page.parse(doc(czech.encode(), "https://www.aktualne.cz/domaci/x")).entries[0].title == "Vláda schválila rozpočet"
    # A Chinese headline is short in characters, not in what it says: the site's name and section
    # after it are as many characters.
    assert _titled("港特首就住宅违建事件道歉 - 示例中文网 - 两岸三地", "港特首就住宅违建事件道歉") == "港特首就住宅违建事件道歉"
    assert _titled("日内瓦会谈结束 - 各方表态", "日内瓦") == "日内瓦会谈结束 - 各方表态"
    # With no heading to say it, a Chinese site's name after a dash or an underscore, with or without
    # spaces, where it names a site, a newspaper or a channel (网, 官网, 网站, 日报); a blog's name
    # and a headline may hold underscores of their own.
    assert _titled("日内瓦会谈结束 - 示例网", "日内瓦") == "日内瓦会谈结束"
    assert _titled("法国全国大罢工再次严重影响交通-示例网") == "法国全国大罢工再次严重影响交通"
    assert _titled("载人交会对接任务第二场新闻发布会_示例航天官方网站") == "载人交会对接任务第二场新闻发布会"
    assert _titled("日内瓦会谈结束_国际_示例日报") == "日内瓦会谈结束"  # its section before it too
    assert _titled("新竹尖石_美樹營地賞楓 (2) @ 示例的家_藍天") == "新竹尖石_美樹營地賞楓 (2) @ 示例的家_藍天"
    assert _titled("会谈-示例网") == "会谈-示例网"  # too short a headline to leave


def test_a_chinese_og_title_is_whole_where_the_title_goes_on_after_a_dash() -> None:
    # A tech site's <title>: the og:title, then with no space a dash, its keywords, its name and its
    # slogan. That is no headline the og:title cut short.
    og = "首次采样带回 月球任务为什么最复杂？一图看懂"
    page_html = (f"<html><head><title>{og}-中国,月球,航天 ——示例科技(示例旗下媒体)--科技改变未来</title>"
                 f"<meta property='og:title' content='{og}'></head><body><div class='news'>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</div></body></html>")
    assert page.parse(doc(page_html.encode("utf-8"))).entries[0].title == og


def _og_titled(og_title: str, site: str = "", heading: str = "", headline: str = "") -> str:
    head = (f'<meta property="og:title" content="{og_title}">' + (f'<meta property="og:site_name" content="{site}">'
            if site else "") + (f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": '
                                f'"{headline}"}}</script>' if headline else ""))
    page_html = (f"<html><head><title>{og_title}</title>{head}</head><body>" + (f"<h1>{heading}</h1>" if heading else "")
                 + "<article><p>Diplomats met in Geneva for a second day of talks on security in Europe and "
                   "agreed to meet again next week, officials from both delegations said afterwards.</p>"
                   "</article></body></html>")
    return page.parse(doc(page_html.encode("utf-8"))).entries[0].title


def test_an_og_title_loses_the_sites_name_the_page_gives_or_its_heading_confirms() -> None:
    assert _og_titled("Резніков: біля кордону 94 тисячі | Новини Город", site="Новини Город") == \
        "Резніков: біля кордону 94 тисячі"
    assert _og_titled("Talks end in Geneva - The Desk", heading="Talks end in Geneva") == "Talks end in Geneva"
    assert _og_titled("x", headline="Talks end in Geneva | The Desk", site="The Desk") == "Talks end in Geneva"
    # Neither the site's name nor a heading to confirm it: the title whole.
    assert _og_titled("Talks end in Geneva - The Desk") == "Talks end in Geneva - The Desk"
    # An address's slug where the og:title belongs is no title: the <title>'s is.
    slug = "<meta property='og:title' content='talks-end-in-geneva-2021'>"
    raw = doc(f"<html><head><title>Talks end in Geneva</title>{slug}</head><body><p>{FULL_STORY[0]}</p></body></html>".encode())
    assert page.parse(raw).entries[0].title == "Talks end in Geneva"
    assert _og_titled("Kyiv - Kharkiv rail link reopens", site="Kyiv") == "Kyiv - Kharkiv rail link reopens"


@pytest.mark.parametrize(("title", "site", "headline"), [
    # The sections and the site's name East Asian sites close a <title> with, after a spaced colon,
    # an angle bracket, a bar, an underscore or a double dash, the site's name given or not.
    ("国境協議、来週も継続へ : 国際 : ニュース : 読売新聞オンライン", "読売新聞オンライン", "国境協議、来週も継続へ"),
    ("国境協議、来週も継続へ : 国際 : ニュース : 読売新聞オンライン", "", "国境協議、来週も継続へ"),
    ("国境協議、来週も継続へ | 毎日新聞", "", "国境協議、来週も継続へ"),
    ("국경 회담 다음주도 계속 : 국제일반 : 국제 : 뉴스 : 한겨레", "한겨레", "국경 회담 다음주도 계속"),
    ("국경 회담 다음주도 계속 : 국제일반 : 국제 : 뉴스 : 한겨레", "", "국경 회담 다음주도 계속"),
    ("국경 회담 다음주도 계속 < 국제 < 기사본문 - 뉴스1", "", "국경 회담 다음주도 계속"),  # Korean news CMSs'
    ("外交部长：边境会谈下周继续_新闻_腾讯网", "腾讯网", "外交部长：边境会谈下周继续"),
    ("外交部长：边境会谈下周继续_新闻_腾讯网", "", "外交部长：边境会谈下周继续"),
    ("外交部长：边境会谈下周继续--国际--人民网", "", "外交部长：边境会谈下周继续"),
    # After a spaced dash, a news site's word closing the part says it is the site's name.
    ("国境協議、来週も継続へ - 産経ニュース", "", "国境協議、来週も継続へ"),
    ("국경 회담 다음주도 계속 - 조선일보", "", "국경 회담 다음주도 계속"),
    ("외무장관 회담 - 이견 좁혀", "", "외무장관 회담 - 이견 좁혀"),  # a headline's own dash
    # French puts a space before a colon: no section's separator in Latin letters.
    ("Ukraine : Zelensky : « Nous tiendrons »", "", "Ukraine : Zelensky : « Nous tiendrons »"),
])
def test_an_east_asian_titles_sections_and_sites_name_are_no_headline(title: str, site: str, headline: str) -> None:
    assert _og_titled(title, site=site) == headline


@pytest.mark.parametrize(("title", "headline"), [
    # A news label, or a Turkish paper's name, that closes every <title> of a site and names none
    ("Görüşmeler gelecek hafta sürecek - Son Dakika Haberler", "Görüşmeler gelecek hafta sürecek"),
    ("Görüşmeler gelecek hafta sürecek - Son Dakika Dünya Haberleri", "Görüşmeler gelecek hafta sürecek"),
    ("Görüşmeler gelecek hafta sürecek - Sözcü Gazetesi", "Görüşmeler gelecek hafta sürecek"),
    ("Talks to continue next week - Breaking News", "Talks to continue next week"),
    ("Talks - Breaking News", "Talks - Breaking News"),  # too short a headline to leave
])
def test_a_news_label_closing_a_title_is_no_headline(title: str, headline: str) -> None:
    assert _og_titled(title) == headline


ARTICLE = ("<p>Колонны военной техники прошли через Белгородскую область в сторону границы с Украиной, "
           "сообщили местные жители в понедельник утром.</p><p>По словам очевидцев, колонна растянулась на "
           "несколько километров; в региональном правительстве ситуацию не прокомментировали.</p>")


def _shown(date_markup: str, lang: str = "ru", before: str = "", after: str = "") -> tuple[str | None, str]:
    """(the date read, the body) of a page that shows its date only as text, in `date_markup`."""
    page_html = (f'<!DOCTYPE html><html lang="{lang}"><head><title>Войска у границы</title></head><body>{before}'
                 f'<div class="news-detail"><h1>Войска у границы</h1>{date_markup}{ARTICLE}</div>{after}</body></html>')
    entry = page.parse(doc(page_html.encode("utf-8"))).entries[0]
    return entry.published, entry.body


@pytest.mark.parametrize(("location", "published_at"), [
    ("https://www.eveningnews.co.uk/news/1", datetime(2021, 4, 3, 9, 15, tzinfo=timezone.utc)),  # London, summer time
    ("https://www.dailyrecord.us/news/1", datetime(2021, 3, 4, 15, 15, tzinfo=timezone.utc)),  # New York's time
    ("https://www.eveningnews.example.com/news/1", None),  # the site's country unknown: no date beats a wrong one
])
def test_a_numeric_date_shown_on_an_english_page_is_read_in_its_sites_order(location: str,
                                                                             published_at: datetime | None) -> None:
    page_html = ("<html lang='en'><head><title>Council approves the budget</title></head><body><article>"
                 "<h1>Council approves the budget</h1><span class='date'>03/04/2021 10:15</span>"
                 + "<p>The council approved next year's budget after a long session on Tuesday evening.</p>" * 4
                 + "</article></body></html>")
    raw = doc(page_html.encode(), location)
    entry = page.parse(raw).entries[0]
    assert entry.published == ("03/04/2021 10:15" if published_at else None)
    assert "03/04/2021" not in entry.body  # the page's date line, not its text, read or not
    assert normalize(entry, raw).published_at == published_at


def test_a_date_shown_only_as_text_is_read_in_the_pages_language() -> None:
    """A Bitrix-style page: no JSON-LD, meta or <time datetime>, the date in a "news-date-time" span."""
    raw = replace(doc(("<html lang='ru'><head><title>Войска у границы</title></head><body><div class='news-detail'>"
                       "<h1>Войска у границы</h1><span class='news-date-time'>06.12.2021 10:15</span>" + ARTICLE
                       + "</div></body></html>").encode("cp1251")), charset="windows-1251")
    entry = page.parse(raw).entries[0]
    assert entry.published == "06.12.2021 10:15"
    assert not entry.body.startswith("06.12.2021")  # the line above the article is its date, not its text
    item = normalize(entry, raw)
    assert item.published_at == datetime(2021, 12, 6, 7, 15, tzinfo=timezone.utc)  # Moscow's time, by its language
    assert item.date_suspect == "no time zone given; read as Europe/Moscow time, its language's"
    # in words, in a <time> of the article's own header
    assert _shown("<article><header><time>6 декабря 2021, 10:15</time></header></article>")[0] \
        == "6 декабря 2021, 10:15"


@pytest.mark.parametrize(("line", "lang", "published"), [
    # A date line that carries more than its date: a section, reading time, views, an update.
    ("06 декабря 2021, 10:15 | Политика", "ru", "06 декабря 2021, 10:15"),
    ("Политика | 06.12.2021 | 10:15", "ru", "06.12.2021 | 10:15"),
    ("10:15 06.12.2021 (обновлено: 11:40 06.12.2021)", "ru", "10:15 06.12.2021"),
    ("06.12.2021 10:15 Просмотров: 1520", "ru", "06.12.2021 10:15"),
    ("6 грудня 2021, 10:15 • 2 хв читання", "uk", "6 грудня 2021, 10:15"),
    ("Просмотров: 1520 (2021)", "ru", None),
    ("Иван Иванов, 1970 г.р., выдвинут 12.08.2021", "ru", None),  # a date in a sentence, not a date line
    # An update's time is not the publication's; it stands for it only where the page shows no
    # other date (test_the_time_of_the_last_update_dates_a_page_that_shows_no_other).
    ("Обновлено: 07.12.2021 11:40 | Политика", "ru", "07.12.2021 11:40"),
    ("(оновлено 07.12.2021 11:40) 06.12.2021 10:15", "uk", "06.12.2021 10:15"),
    # Longer than a date line, for the update after it (Le Monde's, Le Figaro's, Hürriyet's).
    ("Publié le 06 décembre 2021 à 10h15 - Mis à jour le 07 décembre 2021 à 11h40", "fr",
     "Publié le 06 décembre 2021 à 10h15"),
    ("Publié le 06/12/2021 à 10:15, Mis à jour le 07/12/2021 à 11:40", "fr", "Publié le 06/12/2021 à 10:15"),
    ("Giriş Tarihi: 06.12.2021 10:15 Son Güncellenme: 07.12.2021 11:40", "tr", "Giriş Tarihi: 06.12.2021 10:15"),
    ("Giriş Tarihi: 06.12.2021 - 10:15", "tr", "Giriş Tarihi: 06.12.2021 - 10:15"),  # the time after a dash
    ("Publish Date: Mon, 06 Dec 2021 10:15 AM (IST)", "hi", "Publish Date: Mon, 06 Dec 2021 10:15 AM (IST)"),  # Jagran's
])
def test_a_date_line_with_more_than_its_date_gives_its_date(line: str, lang: str, published: str | None) -> None:
    assert _shown(f"<div class='article-date'>{line}</div>", lang=lang)[0] == published


def test_a_date_set_out_in_parts_is_read_from_them_together() -> None:
    # A blog theme's date: month, day, weekday, year and time each in an element of its own.
    parts = ("<ul><li class='publish'><span class='month'>Dec </span><span class='date'>07 </span>"
             "<span class='day'>Tue </span><span class='year'>2021 </span><span class='time'>10:15</span></li></ul>")
    assert _shown(parts, lang="en")[0] == "Dec 07 Tue 2021 10:15"
    # Parts inside a long line are no date of their own.
    long_line = f"<p>{'Войска стоят у границы. ' * 4}<span class='date'>06</span></p>"
    assert _shown(long_line)[0] is None


def test_a_date_that_is_not_the_articles_is_not_its_date() -> None:
    # today's date in the site's header, a comment's date, a related story's
    assert _shown("", before="<div class='header'><span class='date'>Понедельник, 13 декабря 2021</span></div>")[0] is None
    assert _shown("", after="<div class='comments'><span class='comment-date'>07.12.2021 11:00</span></div>")[0] is None
    assert _shown("", after="<ul class='news-related'><li><span class='date'>05.12.2021</span></li></ul>")[0] is None
    # "12/06/2021" on an English page: the 6th of December or the 12th of June; left unread
    assert _shown("<span class='post-date'>12/06/2021</span>", lang="en")[0] is None
    # the date it was updated, before the date it was published
    assert _shown("<span class='date-updated'>07.12.2021 11:00</span><span class='date'>06.12.2021 10:15</span>")[0] \
        == "06.12.2021 10:15"
    # a "date" element holding no date
    assert _shown("<span class='update-date'>Обновлено недавно</span>")[0] is None


@pytest.mark.parametrize(("shown", "published"), [
    # The time the page shows, without its zone, gives way to the one the site declares with it.
    ("<span class='date'>09.05.2020 09:19</span>", "2020-05-09T08:19:00.776Z"),
    # Not a time shown with its zone: a zone's letters name different zones in different countries.
    ("<span class='date' title='2020-05-09T09:19:00+01:00'>09.05.2020 09:19</span>", "2020-05-09T09:19:00+01:00"),
    # Nor a day other than the declared one.
    ("<span class='date'>03.05.2020 09:19</span>", "03.05.2020 09:19"),
])
def test_a_date_the_site_declares_under_its_own_name_gives_the_zone_a_shown_one_lacks(shown, published) -> None:
    page_html = ("<html lang='pt'><head><title>Festa pode realizar-se</title><meta name='impresa:publishedDate' "
                 "content='2020-05-09T08:19:00.776Z'></head><body><article><h1>Festa pode realizar-se</h1>"
                 f"{shown}<p>{'O Governo admitiu que a festa pode vir a realizar-se com regras. ' * 8}</p></article>"
                 "</body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].published == published


@pytest.mark.parametrize(("shown", "author"), [
    ("SIC Notícias", None), ("Redacción SIC Notícias", None), ("SIC Notícias and Lusa", None),
    ("Ana Silva, SIC Notícias", "Ana Silva, SIC Notícias"),
    ("Ana Silva and Rui Costa Pereira, SIC Notícias", "Ana Silva and Rui Costa Pereira, SIC Notícias"),
])
def test_a_byline_shown_with_only_the_sites_name_is_no_author(shown: str, author: str | None) -> None:
    page_html = ("<html lang='pt'><head><title>Festa</title><meta property='og:site_name' content='SIC Notícias'>"
                 f"</head><body><article><h1>Festa</h1><p class='author'><a href='/autores/x'>{shown}</a></p>"
                 f"<p>{'O Governo admitiu que a festa pode vir a realizar-se com regras. ' * 8}</p></article>"
                 "</body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].author == author


def _normalized(page_html: str, location: str = "https://news.example.org/x") -> Item:
    raw = doc(page_html.encode(), location)
    return normalize(page.parse(raw).entries[0], raw)


def _article(title: str, *, lang: str | None = "en", head: str = "", before: str = "", after: str = "",
             outside: str = "") -> str:
    """A page whose <article> holds the headline, `before`, FULL_STORY's paragraphs and `after`
    (`lang` None: a page that declares no language)."""
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    declared = f" lang='{lang}'" if lang else ""
    return (f"<html{declared}><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{before}{story}{after}</article>{outside}</body></html>")


def test_the_furniture_over_the_headline_and_a_bylines_place_are_no_part_of_the_text() -> None:
    # CBC's section label and "Updated" over the headline; Reuters' byline, whose place is left
    # after its bar ("| WASHINGTON") once the name is taken out.
    story = [f"Paragraph {n}: the housing market is in a funk, new numbers from the realtors' association confirm, "
             "and buyers are waiting to see where interest rates go." for n in range(6)]
    page_html = ("<html lang='en'><head><title>Housing market slowdown continues | Desk News</title></head><body>"
                 "<main><span class='label'><a href='/business'>Business</a><span>·</span><span>Updated</span></span>"
                 "<h1>Housing market slowdown continues</h1><div class='byline'><span class='author'>By Ann Writer"
                 "</span> <span class='location'><span>|</span> OTTAWA</span></div>"
                 + "".join(f"<p>{p}</p>" for p in story) + "</main></body></html>")
    item = _normalized(page_html)
    assert item.body.split("\n\n") == story, item.body[:300]


@pytest.mark.parametrize(("given", "author"), [
    ({"@type": "Person", "givenName": "Douglas", "additionalName": "Noel", "familyName": "Adams"}, "Douglas Noel Adams"),
    ([{"@type": "Person", "name": ["Ann Writer", "Bob Reporter"]}], "Ann Writer, Bob Reporter"),
    # CNN's: the byline's markup inside the name, and the site's name after its writers (left out).
    ({"@type": "Person", "name": "By <a href=\"/profiles/ann\">Ann Writer</a> and Bob Reporter, Desk News"},
     "Ann Writer and Bob Reporter"),
    ({"@type": "Person", "name": "Ann Writer, Bob Reporter and Cy Editor, Desk News"}, "Ann Writer, Bob Reporter and Cy Editor"),
    # A wire service gives way to the person the page signs the article with.
    ({"@type": "Organization", "name": "Wire NewsWire"}, "Jenny Smith"),
    ({"@type": "Person", "name": {"@type": "Person", "name": "Ann Writer"}}, "Ann Writer"),  # a Person in its name
    # a desk listed beside the person (the ABC's), left out
    ([{"@type": "Person", "name": "Ann Writer"}, {"@type": "Organization", "name": "Desk Gippsland"}], "Ann Writer"),
])
def test_an_author_json_ld_gives_in_other_shapes_is_read(given: object, author: str) -> None:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Talks", "author": given,
                     "publisher": {"@type": "Organization", "name": "Desk News"}})
    page_html = (f"<html lang='en'><head><title>Talks</title><script type='application/ld+json'>{ld}</script></head>"
                 f"<body><article><h1>Talks</h1><span itemprop='author'>Jenny Smith</span><p>{FULL_STORY[0]}</p>"
                 "</article></body></html>")
    assert _normalized(page_html).author == author


def test_the_websites_name_in_json_ld_is_the_publisher_where_none_is_named() -> None:
    import json

    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "https://desk.example/#website", "name": "Border Desk"},
        {"@type": "NewsArticle", "headline": "Talks", "isPartOf": {"@id": "https://desk.example/#website"}}]}
    page_html = (f"<html lang='en'><head><title>Talks</title><script type='application/ld+json'>{json.dumps(graph)}"
                 f"</script></head><body><article><h1>Talks</h1><p>{FULL_STORY[0]}</p></article></body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].publisher == "Border Desk"
    named = page_html.replace('"headline": "Talks"', '"headline": "Talks", "publisher": {"name": "Desk Media"}')
    assert page.parse(doc(named.encode())).entries[0].publisher == "Desk Media"


def test_a_page_with_its_logo_in_the_h1_has_its_h2_for_headline() -> None:
    # 好奇心日报's layout: the site's logo in a hidden <h1>, the headline an <h2 class="title"> under its
    # section's name, the byline box holding the writer's photo, name and the date.
    story = [f"第{n}段：这个约会软件通过匹配用户共同讨厌的事物来帮助他们找到合适的对象。" for n in range(6)]
    page_html = ("<html lang='zh-CN'><head><title>约会软件用相似好恶帮你找对象_智能_东都日报</title></head><body>"
                 "<header><h1 class='hidden'>东都日报</h1></header><div class='article'><div class='category'>智能</div>"
                 "<h2 class='title'>约会软件用相似好恶帮你找对象</h2><div class='author'><img src='/a.jpg'>"
                 "<span class='name'>谢若含</span><span class='date'>2017-03-01 14:27</span></div>"
                 + "".join(f"<p>{p}</p>" for p in story) + "</div></body></html>")
    item = _normalized(page_html)
    assert (item.title, item.author) == ("约会软件用相似好恶帮你找对象", "谢若含")
    assert item.body.split("\n\n") == story


@pytest.mark.parametrize(("title_tag", "h1"), [
    # The site's name ahead of the <h1>'s headline and its section after it (Asahi's)
    ("asahi.com（朝日新聞社）：補正予算案を国会に提出 一般会計は過去最大規模 - 政治", "補正予算案を国会に提出 一般会計は過去最大規模"),
    ("asahi.com：オミクロン株、国内4例目を確認 - 社会", "オミクロン株、国内4例目を確認"),
    ("Border Desk: Talks on the border go on for a second week - World", "Talks on the border go on for a second week"),
])
def test_the_site_ahead_of_the_headline_and_its_section_after_are_no_headline(title_tag: str, h1: str) -> None:
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    page_html = f"<html><head><title>{title_tag}</title></head><body><div id='HeadLine'><h1>{h1}</h1></div>{story}</body></html>"
    assert page.parse(doc(page_html.encode())).entries[0].title == h1


def test_a_section_closing_the_title_that_its_kicker_names_is_no_part_of_the_headline() -> None:
    # SZ's: "Kicker: Headline - Section - Site", the section's name the kicker's; another closing part stays.
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    for title_tag, title in [
            ("München: Stadtrat beschließt Ausbau der Fernwärme - München - SZ.de", "München: Stadtrat beschließt Ausbau der Fernwärme"),
            ("München: Stadtrat beschließt Ausbau der Fernwärme - Bayern - SZ.de",
             "München: Stadtrat beschließt Ausbau der Fernwärme - Bayern")]:
        page_html = (f"<html lang='de'><head><title>{title_tag}</title><meta property='og:site_name' content='SZ.de'></head>"
                     f"<body><article>{story}</article></body></html>")
        assert page.parse(doc(page_html.encode())).entries[0].title == title


@pytest.mark.parametrize(("byline", "address", "author"), [
    # The site signing as itself, which only its address names (no publisher, no site's name in the
    # <title>): Le Figaro's "Par Le Figaro avec AFP", The Local's; a person's name on a personal site stays.
    ("Par Le Figaro avec AFP", "https://www.lefigaro.fr/societes/greve-sncf-20211207", None),
    ("By The Local", "https://www.thelocal.es/20211207/talks/", None),
    ("By Jane Doe", "https://janedoe.com/2021/12/07/talks/", "Jane Doe"),
    ("Par Anne Martin avec AFP", "https://www.lefigaro.fr/societes/greve-sncf-20211207", "Anne Martin"),
])
def test_a_byline_that_is_the_site_its_address_names_is_no_author(byline: str, address: str, author: str | None) -> None:
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    page_html = (f"<html lang='fr'><head><title>Grève à la SNCF</title></head><body><article><h1>Grève à la SNCF</h1>"
                 f"<div class='fig-content-metas__author'>{byline}</div>{story}</article></body></html>")
    raw = replace(doc(page_html.encode()), location=address, final_url=address)
    found = page.parse(raw).entries[0].author
    assert found is None if author is None else (found or "").startswith(author)


def test_a_user_name_gives_way_to_the_writers_name_and_a_pictures_file_name_is_no_text() -> None:
    # al.com's: sailthru.author a user name, article_author the name with an address; a picture's
    # file name set as the article's first paragraph.
    page_html = ("<html lang='en'><head><title>Two arrested in skimming scheme</title>"
                 "<meta name='sailthru.author' content='annwriter'><meta name='article_author' "
                 "content='Ann Writer | awriter@desk.example'></head><body><article><h1>Two arrested in skimming scheme</h1>"
                 "<p>skimming scheme seized cash and cards.jpg</p>" + "".join(f"<p>{p}</p>" for p in FULL_STORY)
                 + "</article></body></html>")
    item = _normalized(page_html)
    assert item.author == "Ann Writer"
    assert item.body.split("\n\n") == FULL_STORY


def test_a_cms_accounts_name_is_no_author_and_a_user_name_gives_way_to_a_shown_byline() -> None:
    # A women's magazine declares its CMS account ("Editorial7") as sailthru.author and JSON-LD's
    # author; a blog declares its login ("deskwriter") and signs the post with a link to the writer.
    account = _article("Hochzeit im Allgäu", lang="de", head=(
        "<meta property='sailthru.author' content='Editorial7'><script type='application/ld+json'>{\"@type\": "
        "\"NewsArticle\", \"headline\": \"Hochzeit im Allgäu\", \"author\": {\"@type\": \"Person\", \"name\": "
        "\"Editorial7\"}}</script>"))
    assert _normalized(account).author is None
    login = "<meta name='author' content='deskwriter'>"
    signed = "<p class='meta'>by <a href='/author/ann-writer/' rel='author' class='author url fn'>Ann Writer</a></p>"
    assert _normalized(_article("Polling after the vote", head=login, before=signed)).author == "Ann Writer"
    assert _normalized(_article("Polling after the vote", head=login)).author == "deskwriter"  # better than nothing


@pytest.mark.parametrize("title, headline, author, expected", [
    # A Chinese portal signs its pages with its own name, its channel's closing the <title>.
    ("航天员完成出舱活动_示例新闻", "航天员完成出舱活动", "示例", None),
    ("航天员完成出舱活动_示例新闻", "航天员完成出舱活动", "王文", "王文"),
    ("Spacewalk completed - Luxurious Magazine", "Spacewalk completed", "luxurious", None),  # a CMS's account
    # A blog named after its writer: theirs ("Daniel Lemire's blog"); a person's name stays.
    ("Spacewalk completed - Ann Writer's blog", "Spacewalk completed", "Ann Writer", "Ann Writer"),
    # A title that is the headline whole: its last part is no site's name.
    ("Spacewalk - Luxurious views from orbit", "Spacewalk - Luxurious views from orbit", "luxurious", "luxurious"),
    # The site's name whole (证券时报网's), and the channels before it, after the title's keywords:
    # Sina's "…|苹果|新品_电信_新浪科技_新浪网" signed "新浪科技", or "新浪财经-自媒体综合" under "…_新浪财经_新浪网".
    ("航天员完成出舱活动_示例新闻网", "航天员完成出舱活动", "示例新闻网", None),
    ("航天员完成出舱活动|航天|空间站_科学_示例科技_示例网", "航天员完成出舱活动", "示例科技", None),
    ("航天员完成出舱活动_示例财经_示例网", "航天员完成出舱活动", "示例财经-自媒体综合", None),
    ("航天员完成出舱活动_示例财经_示例网", "航天员完成出舱活动", "王文", "王文"),
    ("航天员完成出舱活动_王文的博客", "航天员完成出舱活动", "王文", "王文"),  # a blog named after its writer ("的": 's)
    # A one-word part says too little for an author holding it: "Fox News" under "… | News | Desk".
    ("Spacewalk completed | News | Desk", "Spacewalk completed", "Fox News", "Fox News"),
    ("Spacewalk completed | News | Desk", "Spacewalk completed", "Desk", None),
    # The site's name, as the <title> closes with it, after the writers' (a page naming no publisher
    # else), and the Associated Press's after its writer in capitals: no writer's
    ("Spacewalk completed | Desk Truth", "Spacewalk completed", "Ann Writer, Bob Reporter — Desk Truth",
     "Ann Writer, Bob Reporter"),
    ("Spacewalk completed | National | desk.example", "Spacewalk completed", "By ANN WRITER Associated Press", "Ann Writer"),
])
def test_an_author_that_is_part_of_the_sites_name_in_the_title_is_no_one(title: str, headline: str, author: str,
                                                                       expected: str | None) -> None:
    story = "".join(f"<p>第{n}段：两名航天员在空间站外完成了设备安装和巡检，整个过程持续了大约六个小时，地面指挥中心全程监测。</p>"
                    for n in range(5))
    page_html = (f"<html><head><title>{title}</title><meta name='author' content='{author}'></head><body>"
                 f"<article><h1>{headline}</h1>{story}</article></body></html>")
    assert _normalized(page_html).author == expected


def test_a_list_of_other_articles_bylines_signs_no_article() -> None:
    # Sina's column of columnists beside an article of none of them: each item links its writer's
    # page and another article, or holds the writer's name inside the link to their article.
    columnists = ("<ul class='seo_data_list'>" + "".join(
        f"<li><a href='https://columns.example.com/author/{slug}/'>{name}</a>：<a href='/zl/{slug}.shtml'>{headline}</a></li>"
        for slug, name, headline in (("lianping", "连平", "利率下调可期待的三个理由"), ("laoai", "老艾", "下半年牛市有何不同之处"))) + "</ul>")
    blogs = ("<ul>" + "".join(f"<li><a href='/blog_{n}.html'><span class='author'>{name}：</span>{headline}</a></li>"
                              for n, name, headline in ((1, "超级感悟", "时间节点跨越 市场强于预期"), (2, "宋驰", "市场热点诊断与操作策略")))
             + "</ul>")
    story = "".join(f"<p>第{n}段：随着低增长、低利率成为新的常态，资金不断涌入避险资产，债券收益率不断下行，多位首席投资官对此发表了看法。</p>"
                    for n in range(5))
    for listing in (columnists, blogs):
        page_html = (f"<html><head><title>债券市场是否存在泡沫</title></head><body><article><h1>债券市场是否存在泡沫</h1>"
                     f"{story}</article><div>{listing}</div></body></html>")
        assert _normalized(page_html).author is None
    # A list of co-authors, each linked to their page alone, still signs it.
    authors = ("<ul class='authors'><li><a href='/author/ann-writer/'>Ann Writer</a></li>"
               "<li><a href='/author/bob-reporter/'>Bob Reporter</a></li></ul>")
    assert _normalized(_article("Polling after the vote", before=authors)).author == "Ann Writer, Bob Reporter"


def test_a_hostile_meta_author_is_read_in_one_pass() -> None:
    # Fifty thousand words in a meta author: the look for a web address after a name is one pass.
    head = "<meta name='author' content='" + "ann " * 50_000 + "'>"
    assert _normalized(_article("Grill test", head=head)).title == "Grill test"


def test_a_box_heading_in_capitals_run_into_its_text_closes_the_article() -> None:
    # trafilatura joined cnet.de's author box heading "AUTOR" to the biography under it.
    bio = ("<p><span><div class='highlight'><div class='content'><div class='header'>AUTOR</div><h3>Dr. Anna Lee</h3>"
           "<p>ist Partnerin einer Berliner Kanzlei für Bank- und Internetrecht.</p></div></div></span></p>")
    assert _normalized(_article("Datenschutz nach dem Urteil", lang="de", after=bio)).body.split("\n\n") == FULL_STORY
    assert furniture._run_in_box_heading("AUTOR ist Partner einer Berliner Kanzlei.")
    assert furniture._run_in_box_heading("ÜBER DEN AUTOR Anna Lee schreibt über Recht.")
    # Not capitals that open a sentence ("NATO said…"), nor the heading written as a word of the text.
    assert not furniture._run_in_box_heading("NATO said the talks would go on.")
    assert not furniture._run_in_box_heading("Autor ist der Preisträger des Jahres.")
    assert not furniture._run_in_box_heading("AUTOR")


def test_the_writers_box_under_the_article_is_no_text() -> None:
    # A test magazine's author box after the verdict: the writer's photo, name and a line about her.
    box = ("<div class='Review__AuthorBox'><figure><img src='/w.jpg' alt='Ann Writer'><figcaption>Ann Writer</figcaption>"
           "</figure><blockquote>Ann Writer leads the community desk. When she is not selling things online, she tries "
           "out robot vacuums, sous-vide sticks and smart meat thermometers at home.</blockquote></div>")
    assert _normalized(_article("Grill test", after=box)).body.split("\n\n") == FULL_STORY


def test_a_date_line_under_the_headline_is_read_in_the_language_of_a_page_that_declares_none() -> None:
    # A Spanish page with no lang attribute: "marzo 15, 2019" under its headline reads as a date in
    # Spanish only, the language its headline and description are written in.
    head = ("<meta name='description' content='El gobierno regional aprobó ayer el presupuesto de las escuelas "
            "rurales tras meses de negociaciones con los sindicatos.'>"
            "<meta property='article:published_time' content='2019-03-15T10:00:00-05:00'>")
    page_html = _article("El presupuesto para las escuelas rurales sale adelante", lang=None, head=head,
                         before="<p>marzo 15, 2019</p>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize(("byline", "author"), [
    # A column's author box: the writer's name linked to their page, their title beside it.
    ("<ul class='author'><li><a href='/WangWei'><img alt='王伟' src='/w.png'></a><p><a href='/WangWei'>王伟</a>"
     "<span>示例大学国际关系研究院院长</span></p></li></ul>", "王伟"),
    ("<p class='byline'>By <a href='/author/ann-lee'>Ann Lee</a> Senior Correspondent</p>", "Ann Lee"),
    # Co-authors named after the one link stay.
    ("<p class='byline'>Par <a href='/signataires/ann-lee'>Ann Lee</a> (avec Bob Stone et Carla Diaz)</p>",
     "Ann Lee, Bob Stone, Carla Diaz"),
    # A link to the writer's handle beside the name is not the name.
    ("<div class='author'>Ann Lee <a href='https://x.com/annlee'>@annlee</a></div>", "Ann Lee"),
    # The name and the title in elements of their own, their words touching: not one word.
    ("<div class='post-author'><img alt='Иван Петров' src='/i.png'><span>Иван Петров</span><span>Журналист</span></div>",
     "Иван Петров"),
])
def test_a_bylines_one_link_names_the_writer_without_their_title(byline: str, author: str) -> None:
    assert _normalized(_article("Talks", before=byline)).author == author


def test_a_box_heading_in_an_element_named_for_the_author_is_no_author() -> None:
    # A finance site's box of the writer's other stories: <div class="author"><a>相关文章</a></div>.
    box = ("<div class='author-news'><div class='author'><a href='javascript:void(0);'>相关文章</a></div></div>"
           "<ul><li><a href='/1'>另一篇文章</a></li></ul>")
    assert _normalized(_article("股价跌停", lang="zh-CN", outside=box)).author is None


def test_a_web_agencys_credit_is_no_author() -> None:
    # The agency that built the site writes itself into every page's meta author, its address beside.
    head = "<meta name='author' content='Webwerk d.o.o. - www.webwerk.example'>"
    assert _normalized(_article("Herbstmode in Schwarz", lang="de", head=head)).author is None


_ENGLISH_STORY = "The talks at the border went on through the night, officials said. " * 6


@pytest.mark.parametrize(("lang", "byline_markup", "story", "author"), [
    # CNET Japan's byline: <span class="writer">, the date beside it.
    ("ja", "<div class='leaf-headline-inner'><span class='writer'>松村太郎</span><span class='date'>2019年04月13日</span></div>",
     "アップルは日本でもプライバシーをテーマにしたコマーシャルを放映し始めた。" * 6, "松村太郎"),
    # Mynavi's byline: a link to "/author/180/" under the headline, its label "著者：" before the name.
    ("ja", "<div class='articleHeader_info'><a class='articleHeader_name' href='/author/180/'>著者：後藤大地</a></div>",
     "圧縮・解凍ソフトに長年にわたって脆弱性が存在していると研究者が伝えた。" * 6, "後藤大地"),
    # El País's: a link to the writer's page as the site names it, in an element named for nothing else.
    *[(lang, f"<div class='a_md'><a class='a_md_a_n' href='{path}'>María R. Sahuquillo</a></div>", _ENGLISH_STORY,
       "María R. Sahuquillo")
      for path, lang in [("/autor/maria-r-sahuquillo/", "es"), ("/auteur/maria-r-sahuquillo/", "fr"),
                         ("/autore/maria-r-sahuquillo/", "it"), ("/authors/maria-r-sahuquillo/", "en")]],
    # Longer than a name of eight words, but for the places: the Guardian's.
    ("en", "<div class='byline'>By Jane Doe in Kyiv and John Roe in Moscow</div>", _ENGLISH_STORY, "Jane Doe and John Roe"),
    # Radio-Canada's: the writer's name in a signature's element
    ("fr", "<div class='signature'><span class='signature-name'>Marie-Ève Tremblay</span></div>", _ENGLISH_STORY,
     "Marie-Ève Tremblay"),
])
def test_the_writer_the_pages_markup_names_signs_the_article(lang: str, byline_markup: str, story: str,
                                                              author: str) -> None:
    page_html = (f"<html lang='{lang}'><head><title>Headline</title></head><body><article><h1>Headline</h1>"
                 f"{byline_markup}<p>{story}</p></article></body></html>")
    assert _normalized(page_html).author == author


@pytest.mark.parametrize(("declared", "published"), [
    # A year mistyped in the data, past the day the page was fetched: the date the page shows.
    ("2031-12-07T14:30:00+03:00", datetime(2021, 12, 7, 11, 30, tzinfo=timezone.utc)),
    # Declared as it shows it, or hours ahead (a zone's wrong guess), the data stands.
    ("2021-12-07T14:30:00+03:00", datetime(2021, 12, 7, 11, 30, tzinfo=timezone.utc)),
    ("2022-01-11T20:30:00+03:00", datetime(2022, 1, 11, 17, 30, tzinfo=timezone.utc)),
])
def test_a_declared_date_far_past_the_fetch_gives_way_to_the_date_the_page_shows(declared: str,
                                                                                  published: datetime) -> None:
    page_html = (f"<html lang='ru'><head><title>Войска</title><meta property='article:published_time' content='{declared}'>"
                 "</head><body><article><h1>Войска</h1><div class='article-date'>07.12.2021 14:30</div><p>"
                 + "Колонна техники прошла через село у границы, рассказали жители. " * 5 + "</p></article></body></html>")
    assert _normalized(page_html).published_at == published  # fetched at NOW, 2022-01-11


OLD_TABLE_STORY = ["Министр иностранных дел заявил во вторник, что переговоры на границе продолжатся на следующей неделе.",
                   "По его словам, стороны договорились о новой встрече экспертов, которая пройдет в Женеве.",
                   "Ранее в Кремле заявили, что не планируют наступления, а передвижение войск является внутренним делом."]


def test_an_old_table_layouts_menu_headline_and_date_read_as_one_line_are_no_text() -> None:
    # The menu cell's links and the headline's date line, their breaks lost, had opened the text
    # as one paragraph, and the page had no date.
    page_html = ("<html><head><title>Новости региона :: Переговоры на границе продолжатся на следующей неделе</title></head>"
                 "<body><table><tr><td width=200><a href=/>Главная</a><br><a href=/news>Новости</a><br><a href=/about>О нас"
                 "</a></td><td><font size=4><b>Переговоры на границе продолжатся на следующей неделе</b></font><br>"
                 "<font size=1>07.12.2021 14:30</font><br><br>" + "<br><br>".join(OLD_TABLE_STORY)
                 + "</td></tr></table></body></html>")
    raw = doc(page_html.encode("cp1251"), "https://region.example.ru/news/1.html")
    item = normalize(page.parse(replace(raw, charset="windows-1251")).entries[0], raw)
    assert item.body.split("\n\n") == OLD_TABLE_STORY
    assert item.published_at == datetime(2021, 12, 7, 11, 30, tzinfo=timezone.utc)  # Moscow's 14:30, a .ru site


@pytest.mark.parametrize("opening", ["Переговоры в Женеве завершились. Следующий раунд назначен на 07.12.2021",
                                     "Talks, officials said, will resume on 07.12.2021"])
def test_an_opening_sentence_that_closes_with_a_date_stays(opening: str) -> None:
    page_html = (f"<html lang='ru'><head><title>Переговоры</title></head><body><article><h1>Переговоры</h1><p>{opening}</p>"
                 + "".join(f"<p>{p}</p>" for p in OLD_TABLE_STORY) + "</article></body></html>")
    assert _normalized(page_html).body.startswith(opening)


def test_a_time_written_without_a_colon_is_read_in_the_sites_zone() -> None:
    # Libération's "publié le 7 décembre 2021 à 14h30": Paris's time, as "14:30" would be.
    page_html = ("<html lang='fr'><head><title>Les pourparlers</title></head><body><article><h1>Les pourparlers</h1>"
                 "<div>publié le 7 décembre 2021 à 14h30</div>"
                 f"<p>{'Les pourparlers à la frontière se poursuivront la semaine prochaine, selon le ministre. ' * 5}</p>"
                 "</article></body></html>")
    raw = doc(page_html.encode(), "https://www.liberation.fr/international/pourparlers/")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 7, 13, 30, tzinfo=timezone.utc)
    assert item.date_suspect == "no time zone given; read as Europe/Paris time, its site's country's"


def test_a_note_of_an_update_under_the_lead_is_no_text() -> None:
    page_html = ("<html lang='en'><head><title>Why the alert went out</title></head><body><article>"
                 f"<h1>Why the alert went out</h1><p>{FULL_STORY[0]}</p><p><em>Updated on December 6 at 3:15 p.m."
                 "</em></p>" + "".join(f"<p>{p}</p>" for p in FULL_STORY[1:]) + "</article></body></html>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_the_headline_again_under_the_lead_is_no_text() -> None:
    # CNN's: the headline set again over a video after the story's first paragraph.
    page_html = ("<html lang='en'><head><title>Why the talks stalled - Desk News</title></head><body><article>"
                 f"<h1>Why the talks stalled</h1><p>{FULL_STORY[0]}</p><div class='video'><h2>Why the talks stalled</h2>"
                 "</div>" + "".join(f"<p>{p}</p>" for p in FULL_STORY[1:]) + "</article></body></html>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_every_writer_a_page_names_in_an_author_meta_of_its_own_is_an_author() -> None:
    page_html = ("<html lang='en'><head><title>Protesters hold out</title><meta name='author' content='Ann Writer'>"
                 "<meta name='author' content='Bob Reporter'><meta name='author' content='Ann Writer'></head><body>"
                 f"<article><h1>Protesters hold out</h1><p>{FULL_STORY[0]}</p></article></body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].author == "Ann Writer, Bob Reporter"
    # A picture's photographer, its schema's itemprop="author" (CNBC's), is no writer of the article.
    photo = page_html.replace("<meta name='author' content='Bob Reporter'>", "").replace(
        "<article>", "<article><div itemscope><meta itemprop='author' content='Photo Desk | Getty Images'></div>")
    assert page.parse(doc(photo.encode())).entries[0].author == "Ann Writer"
    # Nor when the picture's schema comes first, ahead of the page's own meta.
    first = photo.replace("<head>", "<head><meta itemprop='author' content='Photo Desk | Getty Images'>")
    assert page.parse(doc(first.encode())).entries[0].author == "Ann Writer"
    # Microdata's author alone is the author.
    alone = page_html.replace("<meta name='author' content='Ann Writer'>", "").replace(
        "<meta name='author' content='Bob Reporter'>", "<meta itemprop='author' content='Bob Reporter'>")
    assert page.parse(doc(alone.encode())).entries[0].author == "Bob Reporter"
    # One writer given twice, with the site's name (CNN's): once.
    twice = page_html.replace("content='Ann Writer'", "content='Ann Writer, Desk'").replace(
        "<meta name='author' content='Bob Reporter'>", "")
    assert page.parse(doc(twice.encode())).entries[0].author == "Ann Writer, Desk"


@pytest.mark.parametrize(("heading", "og_title", "title"), [
    # A title written for sharing, other words than the page's: the <h1>, the <title> less the site's name.
    ("What's holding up the border talks?", "It's been a rough few months for the border talks",
     "What's holding up the border talks?"),
    # The <h1> less its kicker: the og:title.
    ("Analysis: What's holding up the border talks?", "What's holding up the border talks",
     "What's holding up the border talks"),
])
def test_the_pages_own_headline_stands_before_a_title_written_for_sharing(heading: str, og_title: str,
                                                                          title: str) -> None:
    page_html = (f"<html lang='en'><head><title>{heading} - Desk News</title>"
                 f"<meta property='og:title' content=\"{og_title}\"></head><body><article><h1>{heading}</h1>"
                 f"<p>{FULL_STORY[0]}</p></article></body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].title == title
    # The twitter:title may be the one that says the <h1> is the page's own (CNBC's <title> words it
    # a little otherwise).
    other = page_html.replace(f"<title>{heading} - Desk News</title>",
                              f"<title>Border talks stall</title><meta name='twitter:title' content=\"{heading}\">")
    assert page.parse(doc(other.encode())).entries[0].title == title


@pytest.mark.parametrize(("title_tag", "heading", "title"), [
    # Where the <title> is all the page declares: the <h1> as the page shows it, over the same headline
    # in Title Case (NDTV's) or written shorter for search engines (Newsquest's)
    ("Parliament Adjourned Twice Amid Opposition Protest Over Suspension Of Mps",
     "Parliament adjourned twice amid opposition protest over suspension of MPs",
     "Parliament adjourned twice amid opposition protest over suspension of MPs"),
    ("Plans for 120 homes near Darlington village rejected | The Desk Echo",
     "Plans for 120 homes on edge of Darlington village rejected by councillors",
     "Plans for 120 homes on edge of Darlington village rejected by councillors"),
    # an <h1> that is not the title's headline, or too short to tell by, gives way to the <title>
    ("Plans for 120 homes rejected | The Desk Echo", "Latest local news from the Desk Echo newsroom",
     "Plans for 120 homes rejected"),
    ("Plans for 120 homes rejected | The Desk Echo", "Plans rejected", "Plans for 120 homes rejected"),
])
def test_the_headline_a_page_shows_stands_before_its_title_tag_alone(title_tag: str, heading: str, title: str) -> None:
    page_html = (f"<html lang='en'><head><title>{title_tag}</title></head><body><article><h1>{heading}</h1>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")
    assert _normalized(page_html).title == title


def test_a_separator_opening_the_title_is_no_part_of_it() -> None:
    # WordPress's title with the blog's name left out: "» Headline | Blog".
    page_html = ("<html lang='fr'><head><title>» Certains rêvent de renforts à Ottawa|Chronique hockey</title>"
                 "<meta property='og:title' content='    » Certains rêvent de renforts à Ottawa | Chronique hockey'>"
                 "</head><body><article><h1>Certains rêvent de renforts à Ottawa</h1>"
                 f"<p>{'Le chroniqueur estime que les Sénateurs doivent songer à un échange. ' * 8}</p></article>"
                 "</body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].title == "Certains rêvent de renforts à Ottawa"


def test_a_date_in_the_articles_own_aside_is_its_date() -> None:
    # Spektrum's layout: the article's section, date and share buttons in an <aside> column inside
    # the <article>. A box of other stories there, their headlines its links, is not the article's.
    facts = ("<aside class='columns'><ul class='content__meta'><li><a href='/genetik/'>Genetik</a></li>"
             "<li class='content__meta__date'>07.12.2021</li><li><a href='#'>Teilen</a></li></ul></aside>")
    related = ("<aside class='columns'><ul><li><span class='date'>05.12.2021</span> <a href='/x'>Ein anderer "
               "Artikel über die Lage an der Grenze, mit langem Titel</a></li></ul></aside>")
    story = f"<div><p>{'Die Truppen stehen weiter an der Grenze, teilte das Ministerium mit. ' * 8}</p></div>"
    for aside, published in ((facts, "07.12.2021"), (related, None)):
        page_html = (f"<html lang='de'><head><title>Truppen an der Grenze</title></head><body><article>"
                     f"<h1>Truppen an der Grenze</h1>{aside}{story}</article></body></html>")
        assert page.parse(doc(page_html.encode())).entries[0].published == published


def test_the_byline_and_time_in_the_articles_own_footer_are_its_own() -> None:
    # Politico's layout: sixty teasers' bylines in the menu and in a list of the latest stories, each
    # an <article> with a <footer>, before the article's own footer under its headline.
    teaser = ("<article class='story-frag'><h3><a href='/x'>Another story about the campaign</a></h3><footer class='meta'>"
              "<p class='byline'>By <a rel='author' href='/staff/b'>Bob Teaser</a></p><p class='timestamp'>"
              "<time datetime='2016-10-03T05:07-0400'>10/03/16</time></p></footer></article>")
    page_html = ("<html lang='en'><head><title>Insiders: Trump will sink Pence</title></head><body>"
                 f"<nav>{teaser * 30}</nav><section class='latest-news'>{teaser * 30}</section>"
                 "<article class='story-main-content'><h1>Insiders: Trump will sink Pence</h1><footer class='meta'>"
                 "<p class='byline'>By <a rel='author' href='/staff/a'>Ann Writer</a></p><p class='timestamp'>"
                 "<time datetime='2016-10-04T05:07-0400'>10/04/16 05:07 AM EDT</time></p></footer>"
                 f"<p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p></article></body></html>")
    entry = page.parse(doc(page_html.encode())).entries[0]
    assert (entry.author, entry.published) == ("Ann Writer", "2016-10-04T05:07-0400")


def test_a_line_break_in_the_pages_source_is_a_space_but_in_preformatted_text() -> None:
    # Spektrum's closing credit: a <br>, then a sentence wrapped at 60 columns in the page's source,
    # had become a paragraph for each line.
    paragraphs = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    credit = ("<p>© Quanta Magazine<br>Translated and edited version of the article\n»Giant Parasite« "
              "from Quanta Magazine, an editorially\nindependent magazine.</p>")
    listing = "<pre>convoy  42 trucks\nconvoy  17 tanks</pre>"
    raw = doc(f"<html lang='uk'><head><title>Колона</title></head><body><article><h1>Колона</h1>{paragraphs}"
              f"{listing}{credit}</article></body></html>".encode())
    body = page.parse(raw).entries[0].body
    assert body.endswith("\n\nTranslated and edited version of the article »Giant Parasite« from Quanta Magazine, "
                         "an editorially independent magazine."), body[-300:]
    assert "convoy 42 trucks\n\nconvoy 17 tanks" in body  # its lines, each a paragraph, as before


def _ld_page(article_body: str, page_paragraphs: list[str]) -> bytes:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Колона техніки біля кордону",
                     "articleBody": article_body}, ensure_ascii=False)
    paragraphs = "".join(f"<p>{p}</p>" for p in page_paragraphs)
    return (f'<html lang="uk"><head><script type="application/ld+json">{ld}</script></head><body>'
            f"<nav><a href='/'>Головна</a></nav><article><h1>Колона техніки біля кордону</h1>{paragraphs}"
            f"</article><footer>© Редакція</footer></body></html>").encode()


FULL_STORY = [
    "Супутникові знімки показали нову колону військової техніки за сорок кілометрів від кордону, "
    "повідомили аналітики у вівторок.",
    "За їхніми даними, на польовому таборі з'явилися десятки танків і самохідних гаубиць, а також "
    "польові шпиталі та склади пального.",
    "У Міністерстві оборони заявили, що стежать за переміщеннями і готові до будь-якого розвитку "
    "подій, закликавши не поширювати чуток.",
    "Дипломати обох сторін мають зустрітися в Женеві наступного тижня, щоб обговорити питання "
    "безпеки в Європі та подальші кроки.",
]


def test_a_plain_article_body_keeps_its_paragraphs() -> None:
    # articleBody in plain text holds the page's paragraphs one per line: joined into one paragraph,
    # the site's "Читайте також" line would stay inside the story's text.
    body = "\n".join(FULL_STORY[:2] + ["Читайте також: Прогноз погоди на вихідні"] + FULL_STORY[2:])
    raw = doc(_ld_page(body, ["Коротко."]))
    entry = page.parse(raw).entries[0]
    assert entry.body.split("\n\n")[:2] == FULL_STORY[:2]
    item = normalize(entry, raw)
    assert item.body.split("\n\n") == FULL_STORY


def test_a_short_article_body_that_is_the_first_paragraph_gives_way_to_the_pages_whole_text() -> None:
    # The Hindustan Times declares its first paragraph alone as its articleBody, no mark of a cut.
    first = FULL_STORY[0] + " " + FULL_STORY[1]
    story = [first, *FULL_STORY[2:], "Обидві делегації підтвердили участь, а дата наступного раунду ще не визначена остаточно."]
    assert page.parse(doc(_ld_page(first, story))).entries[0].body.split("\n\n") == story
    # The page showing the same paragraph and the site's lists after it: the declared text stands.
    assert page.parse(doc(_ld_page(first, [first, "Новини", "Погода"]))).entries[0].body == first


def test_an_article_bodys_picture_placeholders_are_no_text() -> None:
    # The Verge's articleBody: "[Image: caption address]" where each picture was.
    picture = "[Image: Колона на трасі біля Бєлгорода. https://cdn.example.org/a/b/colonna.jpg]"
    body = "\n".join(FULL_STORY[:2] + [picture, "[Video: Ролик з колоною]"] + FULL_STORY[2:])
    assert page.parse(doc(_ld_page(body, ["Коротко."]))).entries[0].body.split("\n\n") == FULL_STORY
    # The same words in brackets inside a paragraph are the story's.
    told = f"{FULL_STORY[0]} [Image: a caption read aloud]"
    assert told in page.parse(doc(_ld_page("\n".join([told] + FULL_STORY[1:]), ["Коротко."]))).entries[0].body


def test_an_article_body_cut_off_gives_way_to_the_pages_own_text() -> None:
    teaser = " ".join(FULL_STORY[:3])[:300].rsplit(" ", 1)[0]
    assert len(teaser.split()) >= 30  # long enough to be taken for the article
    for cut in (teaser + "…", teaser + " [...]", teaser):  # with a mark of the cut, or mid-sentence
        raw = doc(_ld_page(cut, FULL_STORY))
        assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == FULL_STORY, cut


def test_a_whole_article_body_or_one_the_page_does_not_hold_is_kept() -> None:
    whole = "\n".join(FULL_STORY[:3])
    raw = doc(_ld_page(whole, FULL_STORY))
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == FULL_STORY[:3]  # ends as a sentence
    other = "Зовсім інша розповідь про погоду в Карпатах, яку сайт поклав у розмітку замість статті " * 3 + "і"
    entry = page.parse(doc(_ld_page(other.strip(), FULL_STORY))).entries[0]
    assert entry.body.startswith("Зовсім інша розповідь")


CLOUDFLARE_CHALLENGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper" role="main">
<div class="main-content"><h1 class="zone-name-title h1">news.example.org</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<div id="challenge-body-text" class="core-msg spacer">news.example.org needs to review the security of your
connection before proceeding.</div></div></div>
<script>(function(){window._cf_chl_opt={cvId: '2',cType: 'managed'};}());</script></body></html>"""

DDOS_GUARD = """<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body>
<div id="ddg-l10n-title">Проверка браузера перед переходом на сайт</div>
<script src="/.well-known/ddos-guard/check?context=free_splash"></script></body></html>"""


# A firewall's refusal, served with a 200 by a site that answers its errors so.
AKAMAI_DENIED = """<HTML><HEAD>
<TITLE>Access Denied</TITLE>
</HEAD><BODY>
<H1>Access Denied</H1>
You don't have permission to access "http&#58;&#47;&#47;news&#46;example&#46;org&#47;x" on this server.<P>
Reference&#32;&#35;18&#46;5f2e&#46;1638887400&#46;2a3b
<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;5f2e&#46;1638887400&#46;2a3b</P>
</BODY>
</HTML>"""
WORDFENCE = """<html><head><title>news.example.org</title></head><body><h1>Your access to this site has been limited by
the site owner</h1><p>If you think you have been blocked in error, contact the owner of this site.</p></body></html>"""


@pytest.mark.parametrize(("markup", "shows"), [
    (CLOUDFLARE_CHALLENGE, "its title is 'Just a moment...'"),
    (DDOS_GUARD, "its title is 'DDoS-Guard'"),
    (CLOUDFLARE_CHALLENGE.replace("Just a moment...", "news.example.org"), "it carries 'window._cf_chl_opt'"),
    (AKAMAI_DENIED, "its title is 'Access Denied'"),
    (AKAMAI_DENIED.replace("<TITLE>Access Denied</TITLE>", "<TITLE>news.example.org</TITLE>"), "it carries 'errors&#46;edgesuite&#46;net'"),
    (WORDFENCE, "it carries 'your access to this site has been limited'"),
])
def test_a_bot_check_in_place_of_the_page_is_an_error_not_an_article(markup: str, shows: str) -> None:
    with pytest.raises(ParseError) as caught:
        page.parse(doc(markup.encode()))
    assert str(caught.value) == f"page: https://news.example.org/x: the site answered with a bot check ({shows}), not the article"


def test_a_consent_page_redirected_to_is_an_error_not_an_article() -> None:
    markup = ("<html><head><title>Before you continue</title></head><body><p>"
              + "We use cookies and data to deliver and maintain services and measure audience engagement. " * 10
              + "</p></body></html>")
    raw = RawDocument(source="s", kind="page", location="https://news.example.org/x", body=markup.encode(),
                      fetched_at=NOW, final_url="https://consent.example.com/ml?continue=https://news.example.org/x")
    with pytest.raises(ParseError, match=r"bot check \(a consent page at consent.example.com\)"):
        page.parse(raw)


def test_a_consent_wall_in_the_articles_place_is_an_error_not_an_article() -> None:
    markup = ("<html><head><title>Desk Evening News</title></head><body><div id='consent'><h1>We value your privacy</h1>"
              "<p>We and our partners store and/or access information on a device, such as cookies, and process personal "
              "data for personalised ads and content, ad and content measurement.</p><button>I Accept</button></div>"
              "</body></html>")
    with pytest.raises(ParseError, match=r"a consent page: it says 'we and our partners store"):
        page.parse(doc(markup.encode()))
    # A German site's pay-or-consent wall (ZEIT's, 2021): advertising and tracking, or the paid "Pur" plan.
    wall = ("<html><head><title>DESK | Lesen Sie desk.de mit Werbung oder im PUR-Abo. Sie haben die Wahl.</title></head>"
            "<body><p>Besuchen Sie desk.de wie gewohnt mit Werbung und Tracking.</p><button>Einverstanden</button><p>Besuchen"
            " Sie desk.de ohne Werbetracking und externe Werbung. Für 1,20 € pro Woche.</p></body></html>")
    with pytest.raises(ParseError, match=r"a consent page: it says 'ohne werbetracking'"):
        page.parse(doc(wall.encode()))


@pytest.mark.parametrize(("title", "heading", "says"), [
    # a soft 404, a story taken down, a 404 page in Ukrainian: what they say, in their title or heading
    ("Page not found | Desk News", "Sorry, we can't find the page you were looking for", "Page not found | Desk News"),
    ("Материал удален — Город Desk", "Материал удален", "Материал удален — Город Desk"),
    ("Desk News", "Сторінку не знайдено", "Сторінку не знайдено"),
])
def test_a_page_that_says_the_article_is_not_there_is_an_error_not_an_article(title: str, heading: str, says: str) -> None:
    markup = (f"<html><head><title>{title}</title></head><body><main><h1>{heading}</h1><p>It may have been moved or "
              "deleted. Try searching or go to our homepage.</p></main></body></html>")
    with pytest.raises(ParseError) as caught:
        page.parse(doc(markup.encode()))
    assert str(caught.value) == f"page: https://news.example.org/x: the site answered that the article is not there (it says {says!r})"


def test_an_article_about_a_missing_page_is_read() -> None:
    # an article's own headline with the words in it, and text enough to be one
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    markup = (f"<html><head><title>404 not found: the ministry's page vanished</title></head><body><article>"
              f"<h1>404 not found: the ministry's page vanished</h1>{story}</article></body></html>")
    assert page.parse(doc(markup.encode())).entries[0].title == "404 not found: the ministry's page vanished"


def test_a_short_article_on_a_site_behind_a_bot_check_service_is_read() -> None:
    # Cloudflare puts its detection script in every page it serves; a news flash of a few words is an article.
    markup = ('<html><head><title>Border crossing reopened</title></head><body><article><h1>Border crossing '
              'reopened</h1><p>The Kalanchak crossing reopened on Monday morning, officials said.</p></article>'
              '<script src="/cdn-cgi/challenge-platform/h/b/scripts/jsd/main.js"></script></body></html>')
    entry = page.parse(doc(markup.encode())).entries[0]
    assert entry.title == "Border crossing reopened" and "Kalanchak" in entry.body


WHOLE_HEADLINE = ("Зеленський заявив про зосередження російських військ біля кордону і закликав партнерів "
                  "посилити санкції проти Москви")


@pytest.mark.parametrize("headline", [
    WHOLE_HEADLINE[:100] + "...", WHOLE_HEADLINE[:100] + "…",  # cut with a mark, mid-word
    WHOLE_HEADLINE[:110].rsplit(" ", 1)[0],  # cut at a word, with no mark
])
def test_a_json_ld_headline_cut_short_gives_way_to_the_whole_one(headline: str) -> None:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": headline}, ensure_ascii=False)
    for heading in (f"<h1>{WHOLE_HEADLINE}</h1>", ""):  # from the <h1>, else og:title less the site's name
        markup = (f'<html lang="uk"><head><title>{WHOLE_HEADLINE} - Новини</title>'
                  f'<meta property="og:title" content="{WHOLE_HEADLINE} | Desk">'
                  f'<meta property="og:site_name" content="Desk"><script type="application/ld+json">{ld}</script>'
                  f"</head><body>{heading}<article><p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p></article></body></html>")
        assert page.parse(doc(markup.encode())).entries[0].title == WHOLE_HEADLINE, heading


def test_a_count_of_comments_after_the_shown_headline_is_no_part_of_it() -> None:
    # Delfi's <h1> closes with a link to the comments, their count in brackets: "… regionui (27)".
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Talks resume in Geneva"})
    markup = (f'<html><head><title>Talks resume in Geneva</title><script type="application/ld+json">{ld}</script>'
              '</head><body><h1>Talks resume in Geneva <a class="comment-count" href="#comments">(27)</a></h1>'
              f"<article><p>{FULL_STORY[0]}</p></article></body></html>")
    assert page.parse(doc(markup.encode())).entries[0].title == "Talks resume in Geneva"


def test_a_whole_json_ld_headline_keeps_out_the_sites_name() -> None:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Talks resume in Geneva"})
    markup = (f'<html><head><title>Talks resume in Geneva | Desk</title><script type="application/ld+json">{ld}'
              f"</script></head><body><article><p>{FULL_STORY[0]}</p></article></body></html>")
    assert page.parse(doc(markup.encode())).entries[0].title == "Talks resume in Geneva"


def test_an_address_given_as_the_author_is_no_author() -> None:
    # OpenGraph's article:author is a profile's address; some sites give their home page as JSON-LD's author.
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Talks", "author": [
        {"@type": "Person", "name": "Олена Петренко", "url": "https://desk.example/authors/op"},
        {"@type": "Organization", "name": "https://desk.example/"}, {"name": {"@value": "odd"}}]})
    body = f"<body><article><p>{FULL_STORY[0]}</p></article></body>"
    markup = f'<html><head><script type="application/ld+json">{ld}</script></head>{body}</html>'
    assert page.parse(doc(markup.encode())).entries[0].author == "Олена Петренко"
    markup = ('<html><head><meta property="article:author" content="https://www.facebook.com/desk.news">'
              f'<meta name="author" content="Ann Writer"><title>Talks</title></head>{body}</html>')
    assert page.parse(doc(markup.encode())).entries[0].author == "Ann Writer"
    markup = ('<html><head><meta property="article:author" content="www.facebook.com/desk.news">'
              f"<title>Talks</title></head>{body}</html>")
    assert page.parse(doc(markup.encode())).entries[0].author is None


def test_a_date_declared_without_its_zone_takes_the_zone_another_declaration_of_it_gives() -> None:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Talks", "datePublished": "2017-11-03 03:01:00.000000"})
    body = f"<body><article><h1>Talks</h1><p>{FULL_STORY[0]}</p></article></body>"
    for name in ("published_at", "article:published_time"):
        zoned = f'<meta name="{name}" content="2017-11-03T03:01:00-04:00">'
        markup = f'<html><head><script type="application/ld+json">{ld}</script>{zoned}</head>{body}</html>'
        assert page.parse(doc(markup.encode())).entries[0].published == "2017-11-03T03:01:00-04:00"
    other_minute = '<meta name="published_at" content="2017-11-03T05:30:00-04:00">'
    markup = f'<html><head><script type="application/ld+json">{ld}</script>{other_minute}</head>{body}</html>'
    assert page.parse(doc(markup.encode())).entries[0].published == "2017-11-03 03:01:00.000000"


def test_the_sites_company_as_author_gives_way_to_the_bylines_shown() -> None:
    # El País: meta author "Ediciones El País" (og:site_name "EL PAÍS"), two writers' links in its byline.
    body = ("<body><article><h1>Las listas de espera se agravan</h1><span class='firma'><span class='autor'>"
            "<a href='/autor/mrs/' rel='author'>María R. Sahuquillo</a> / <a href='/autor/edb/' rel='author'>"
            f"Emilio de Benito</a></span></span><p>{FULL_STORY[0]}</p></article></body>")
    head = "<meta name='author' content='Ediciones El País'><meta property='og:site_name' content='EL PAÍS'>"
    markup = f"<html lang='es'><head><title>Las listas de espera se agravan</title>{head}</head>{body}</html>"
    assert page.parse(doc(markup.encode())).entries[0].author == "María R. Sahuquillo, Emilio de Benito"
    named = head.replace("Ediciones El País", "Emilio de Benito")
    markup = f"<html lang='es'><head><title>Las listas de espera se agravan</title>{named}</head>{body}</html>"
    assert page.parse(doc(markup.encode())).entries[0].author == "Emilio de Benito", "a writer's name stands"


def test_a_domain_as_author_gives_way_to_the_co_authors_shown() -> None:
    # Le Figaro: meta author "lefigaro.fr", two itemprop=author people in its byline.
    byline = ("<li class='fig-auteur'>Par <span itemscope itemprop='author'><a itemprop='name' href='#a'>"
              "Bertille Bayart</a></span>, <span itemscope itemprop='author'><a itemprop='name' href='#a'>"
              "Marie Visot</a></span></li>")
    markup = ("<html lang='fr'><head><title>Privatisations</title><meta name='author' content='lefigaro.fr'>"
              f"</head><body><article><h1>Privatisations</h1><ul>{byline}</ul><p>{FULL_STORY[0]}</p></article>"
              "</body></html>")
    assert page.parse(doc(markup.encode())).entries[0].author == "Bertille Bayart, Marie Visot"


def test_a_sites_name_given_as_its_address_gives_way_to_a_name() -> None:
    body = f"<body><article><h1>Talks</h1><p>{FULL_STORY[0]}</p></article></body>"
    site = "<meta property='og:site_name' content='http://www.tmz.com'>"
    markup = f"<html><head><title>Talks</title>{site}<meta name='application-name' content='TMZ.COM'></head>{body}"
    assert page.parse(doc(markup.encode())).entries[0].publisher == "TMZ.COM"
    markup = f"<html><head><title>Talks</title>{site}</head>{body}"
    assert page.parse(doc(markup.encode())).entries[0].publisher == "tmz.com"


@pytest.mark.parametrize("site, og_title, location, publisher", [
    # Czech news site: the motto after its name; og:title closes with the name alone.
    ("Hlasy.cz - Víte, co se právě děje", "Jednání v Ženevě | Hlasy.cz", "https://example.org/x", "Hlasy.cz"),
    # The name is the page's host, written with its accents (og:title names no site).
    ("Hlasy.cz - Víte, co se právě děje", "Jednání v Ženevě", "https://zpravy.hlasy.cz/x", "Hlasy.cz"),
    ("Zprávy – rychle a přesně", "Jednání v Ženevě", "https://www.zpravy.cz/x", "Zprávy"),
    # Neither: the whole name stands.
    ("Hlasy.cz - Víte, co se právě děje", "Jednání v Ženevě", "https://example.org/x", "Hlasy.cz - Víte, co se právě děje"),
    ("Radio Free Europe/Radio Liberty", "Talks | RFE/RL", "https://example.org/x", "Radio Free Europe/Radio Liberty"),
])
def test_a_sites_motto_after_its_name_goes(site: str, og_title: str, location: str, publisher: str) -> None:
    head = f"<meta property='og:site_name' content='{site}'><meta property='og:title' content='{og_title}'>"
    markup = f"<html><head><title>Jednání</title>{head}</head><body><article><h1>Jednání</h1><p>{FULL_STORY[0]}</p></article></body></html>"
    assert page.parse(doc(markup.encode(), location)).entries[0].publisher == publisher


def test_the_site_signing_as_itself_is_no_author() -> None:
    # BBC's pages give og:article:author "BBC News", its og:site_name: the byline shown, if any, instead.
    body = f"<body><article><h1>Talks</h1><p>{FULL_STORY[0]}</p></article></body>"
    head = ('<meta property="og:site_name" content="BBC News">'
            '<meta property="og:article:author" content="BBC  news">')
    markup = f"<html><head><title>Talks</title>{head}</head>{body}"
    assert page.parse(doc(markup.encode())).entries[0].author is None
    shown = body.replace("<h1>Talks</h1>", '<h1>Talks</h1><span class="byline">By Jon Sopel</span>')
    assert page.parse(doc(f"<html><head><title>Talks</title>{head}</head>{shown}".encode())).entries[0].author == "Jon Sopel"
    other = head.replace('content="BBC  news"', 'content="Jon Sopel"')
    assert page.parse(doc(f"<html><head><title>Talks</title>{other}</head>{body}".encode())).entries[0].author == "Jon Sopel"


def _timed(header: str, article: str, after: str = "", wrapper: str = "article") -> str:
    return (f"<html><head><title>Talks</title></head><body>{header}<{wrapper}><h1>Talks</h1>{article}"
            f"<p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p></{wrapper}>{after}</body></html>")


@pytest.mark.parametrize(("markup", "published"), [
    # The site's clock in its header, a related story's time: the article's own is taken.
    (_timed('<header class="site-header"><time datetime="2026-12-05">5 December</time></header>',
            '<time datetime="2021-11-13T16:43:00+03:00">13 November</time>',
            '<aside class="related"><time datetime="2021-11-12T10:00:00+03:00">12 Nov</time></aside>'),
     "2021-11-13T16:43:00+03:00"),
    # One named for an update comes after the one that is not.
    (_timed("", '<time class="updated" datetime="2021-11-14T10:00:00+03:00">14 Nov</time>'
                '<time class="published" datetime="2021-11-13T16:43:00+03:00">13 Nov</time>'),
     "2021-11-13T16:43:00+03:00"),
    (_timed("", '<time class="updated" datetime="2021-11-14T10:00:00+03:00">14 Nov</time>'),
     "2021-11-14T10:00:00+03:00"),
    # An article in no <article>: its date in a <header> is taken when nothing else is left.
    (_timed('<header><time datetime="2021-11-13T16:43:00+03:00">13 Nov</time></header>', "", wrapper="div"),
     "2021-11-13T16:43:00+03:00"),
    # The site's clock in the header that holds the headline comes after the date its byline shows
    # (Ultima Hora's: "jueves, 09 enero 2014 10:21" over a story of 08/01/2014).
    (_timed('<header id="head" role="banner"><div class="fecha"><time datetime="viernes, 17 diciembre 2021 10:21">'
            "viernes, 17 diciembre 2021</time></div></header>",
            '<p class="autor"><strong>Ana Ruiz</strong> | Palma | 16/12/2021</p>', wrapper="div"), "16/12/2021"),
    # …but its time on the day the page shows says more.
    (_timed('<header><time datetime="2021-12-16T16:43:00+03:00">16 Dec</time></header>',
            '<span class="date">16 December 2021</span>', wrapper="div"), "2021-12-16T16:43:00+03:00"),
])
def test_the_articles_own_time_element_gives_its_date(markup: str, published: str) -> None:
    assert page.parse(doc(markup.encode())).entries[0].published == published


@pytest.mark.parametrize(("head", "body", "title"), [
    # og:title and <title> are the site's name on every page; the article's <h1> is the headline.
    ('<meta property="og:title" content="Desk News"><meta property="og:site_name" content="Desk News">'
     "<title>Desk News</title>", '<header class="site-header"><h1>DESK</h1></header>'
     "<h1>Колона техніки біля кордону</h1>", "Колона техніки біля кордону"),
    # No <h1>: the <title>, less the site's name.
    ('<meta property="og:title" content="Desk News"><meta property="og:site_name" content="Desk News">'
     "<title>Колона техніки біля кордону - Desk News</title>", "", "Колона техніки біля кордону"),
    # Nothing says more than the site's name: it stays the title.
    ('<meta property="og:title" content="Desk News"><meta property="og:site_name" content="Desk News">', "",
     "Desk News"),
])
def test_a_title_that_is_only_the_sites_name_gives_way_to_the_headline(head: str, body: str, title: str) -> None:
    markup = f"<html><head>{head}</head><body>{body}<article><p>{FULL_STORY[0]}</p></article></body></html>"
    assert page.parse(doc(markup.encode())).entries[0].title == title


def _with_ld(script: str, head: str = "") -> bytes:
    return (f'<html><head>{head}<script type="application/ld+json">{script}</script></head><body><article>'
            f"<p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p></article></body></html>").encode()


_LD = '{"@type": "NewsArticle", "headline": "Колона біля кордону", "author": {"name": "Олена Петренко"}%s}'


@pytest.mark.parametrize("script", [
    _LD % ",",  # a template's trailing comma
    "<!-- " + _LD % "" + " -->",  # wrapped for browsers that predate <script>
    "//<![CDATA[\n" + _LD % "" + "\n//]]>",  # wrapped for XHTML
    "\n  <![CDATA[\n" + _LD % "" + "\n]]>\n",  # so, with no comment marks (The Verge's)
    '{"@type": "Organization", "name": "Desk"}\n' + _LD % "",  # two objects in one script
    # A property without its comma, in a CDATA section (Folha de S.Paulo's template).
    '<![CDATA[\n{"@type": "NewsArticle", "headline": "Колона біля кордону", "image": {"url": "/a.jpg"}\n'
    '"author": [{"name": "Олена Петренко"}], "publisher": {"name": "Desk"}}\n]]>',
    '{"@type": "NewsArticle" "headline": "Колона біля кордону" "author": {"name": "Олена Петренко"}}',
])
def test_json_ld_that_json_does_not_read_is_read_as_browsers_read_it(script: str) -> None:
    entry = page.parse(doc(_with_ld(script))).entries[0]
    assert (entry.title, entry.author) == ("Колона біля кордону", "Олена Петренко")


@pytest.mark.parametrize("script", [
    '{"@type": "NewsArticle", "headline": "Колона біля кордону" x "author": {"name": "Олена Петренко"}}',
    "{" * 50_000,  # hostile: refused at once, the page read without it
    '{"@type": "NewsArticle"' + ' "a": 1' * 20 + "}",  # more commas missing than a slip
])
def test_json_ld_beyond_repair_costs_the_page_only_its_json_ld(script: str) -> None:
    entry = page.parse(doc(_with_ld(script))).entries[0]
    assert entry.author is None and FULL_STORY[0] in (entry.body or "")


def test_json_ld_author_and_publisher_given_by_reference_are_the_objects_referred_to() -> None:
    # Yoast SEO's @graph: the Article names its author and publisher by @id, elsewhere in the graph.
    import json

    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": "https://desk.example/#organization", "name": "Desk Daily"},
        {"@type": "WebPage", "@id": "https://desk.example/a/#webpage", "name": "Колона біля кордону - Desk Daily"},
        {"@type": "Article", "@id": "https://desk.example/a/#article", "headline": "Колона біля кордону",
         "author": {"@id": "https://desk.example/#/schema/person/1"},
         "publisher": {"@id": "https://desk.example/#organization"}},
        {"@type": "Person", "@id": "https://desk.example/#/schema/person/1", "name": "Олена Петренко"}]}
    entry = page.parse(doc(_with_ld(json.dumps(graph, ensure_ascii=False)))).entries[0]
    assert (entry.title, entry.author, entry.publisher) == ("Колона біля кордону", "Олена Петренко", "Desk Daily")
    # A reference to nothing on the page is no author.
    graph["@graph"].pop()
    assert page.parse(doc(_with_ld(json.dumps(graph, ensure_ascii=False)))).entries[0].author is None


@pytest.mark.parametrize(("head", "author", "published"), [
    ('<meta property="og:author" content="Ann Writer"><meta property="og:published_time" content="2021-11-13">',
     "Ann Writer", "2021-11-13"),
    ('<meta name="byl" content="By Ann Writer"><meta name="parsely-pub-date" content="2021-11-13T16:43:00Z">',
     "Ann Writer", "2021-11-13T16:43:00Z"),
    ('<meta name="sailthru.author" content="Ann Writer"><meta name="dcterms.issued" content="2021-11-13">',
     "Ann Writer", "2021-11-13"),
    # Yandex's mediator tags, which RT and many Russian sites write; cXense's.
    ('<meta name="mediator_author" content="Олена Петренко">'
     '<meta name="mediator_published_time" content="2021-11-13T16:43:00+03:00">',
     "Олена Петренко", "2021-11-13T16:43:00+03:00"),
    ('<meta name="cXenseParse:recs:publishtime" content="2021-11-13T16:43:00Z">', None, "2021-11-13T16:43:00Z"),
    ('<meta name="cXenseParse:author" content="Ann Writer"><meta name="pubdate" content="2021-11-13">', "Ann Writer",
     "2021-11-13"),
    # Korean sites' for Dable's widget, the role after the name
    ('<meta property="dable:author" content="홍길동 기자"><meta name="pubdate" content="2021-11-13">', "홍길동",
     "2021-11-13"),
    ('<meta name="published_date" content="2021-11-13T16:43:00Z">', None, "2021-11-13T16:43:00Z"),
    ('<meta name="shareaholic:article_published_time" content="2021-11-13T16:43:00Z">', None, "2021-11-13T16:43:00Z"),
    # A date that does not read gives way to one that does; alone, it is kept as the page wrote it.
    ('<meta property="article:published_time" content="вчера"><meta name="pubdate" content="2021-11-13">',
     None, "2021-11-13"),
    ('<meta property="article:published_time" content="вчера">', None, "вчера"),
    # A site's own name for it, a known one after its prefix (SIC Notícias's), where nothing else is.
    ('<meta name="impresa:publishedDate" content="2020-05-09T08:19:00.776Z">', None, "2020-05-09T08:19:00.776Z"),
])
def test_authors_and_dates_under_the_other_names_pages_give_them(head: str, author: str | None,
                                                                  published: str) -> None:
    markup = f"<html><head><title>Talks</title>{head}</head><body><article><p>{FULL_STORY[0]}</p></article></body></html>"
    entry = page.parse(doc(markup.encode())).entries[0]
    assert (entry.author and normalize(entry, doc(b"")).author, entry.published) == (author, published)


@pytest.mark.parametrize(("head", "target"), [
    ('<meta http-equiv="refresh" content="0;URL=https://desk.example/2021/12/07/a">', "https://desk.example/2021/12/07/a"),
    ("<meta http-equiv='Refresh' content='1; url=/news/a'>", "https://go.example/news/a"),  # relative
    ('<meta content="0; URL=&#39;https://desk.example/b&#39;" http-equiv="refresh">', "https://desk.example/b"),
    ('<meta http-equiv="refresh" content="300">', None),  # a page that reloads itself
    ('<meta http-equiv="refresh" content="600; url=https://go.example/abc">', None),
    ('<meta http-equiv="refresh" content="0; url=https://go.example/abc/">', None),  # itself
    ('<meta http-equiv="refresh" content="0; url=file:///etc/passwd">', None),  # no web address
    ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', None),
    ("<title>Refresh</title>", None),
])
def test_a_page_that_sends_its_reader_on_at_once_names_where(head: str, target: str | None) -> None:
    stub = RawDocument(source="s", kind="page", location="https://go.example/abc", body=f"<html><head>{head}</head></html>".encode(),
                       fetched_at=NOW, final_url="https://go.example/abc")
    assert page.refresh_target(stub) == target


def test_an_article_a_web_page_declares_as_its_main_entity_is_read() -> None:
    script = ('{"@type": "WebPage", "name": "Desk", "mainEntity": {"@type": "NewsArticle", "headline": '
              '"Колона біля кордону", "datePublished": "2021-11-22T19:43:00+03:00", "author": {"name": "Олена Петренко"}}}')
    entry = page.parse(doc(_with_ld(script))).entries[0]
    assert (entry.title, entry.author, entry.published) == ("Колона біля кордону", "Олена Петренко",
                                                            "2021-11-22T19:43:00+03:00")


@pytest.mark.parametrize(("given", "published"), [
    (1637599380, "2021-11-22T16:43:00+00:00"), (1637599380000, "2021-11-22T16:43:00+00:00"),
    ('"1637599380"', "2021-11-22T16:43:00+00:00"), ('"1637599380000"', "2021-11-22T16:43:00+00:00"),  # as strings
    ('"16375"', "16375"),  # no Unix time: kept as written
    ('"2021-11-22T19:43:00+03:00"', "2021-11-22T19:43:00+03:00"), (-5, None), ("true", None),
])
def test_a_json_ld_date_given_as_a_unix_time_is_read(given: object, published: str | None) -> None:
    script = f'{{"@type": "NewsArticle", "headline": "Колона біля кордону", "datePublished": {given}}}'
    assert page.parse(doc(_with_ld(script))).entries[0].published == published


def _signed(byline: str, comments: str = "") -> bytes:
    return (f"<html><head><title>Колона біля кордону</title></head><body><article><h1>Колона біля кордону</h1>"
            f"{byline}<p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p></article>{comments}</body></html>").encode()


@pytest.mark.parametrize(("markup", "author"), [
    # Pages that sign their articles only in their markup, with no author as data.
    (_signed('<div class="author">Автор: Олена Петренко</div>'), "Олена Петренко"),
    (_signed('<a rel="author" href="/authors/op">Олена Петренко</a>'), "Олена Петренко"),
    (_signed('<span itemprop="author" itemscope><span itemprop="name">Олена Петренко</span></span>'),
     "Олена Петренко"),
    # The byline credits another role beside the writer's: the writer is the author.
    (_signed('<p class="byline">Текст: Олена Петренко; Фото: Андрій Коваль</p>'), "Олена Петренко"),
    # A comment's author is not the article's.
    (_signed("", '<div class="comments"><div class="comment"><span class="comment-author">Гість</span>'
                 "<p>Знову лякають.</p></div></div>"), None),
    # An author box: its photo, biography and link to more articles are not the name.
    (_signed('<div class="author-box"><img class="author-avatar" alt="Олена Петренко"><div class="author-bio">'
             "Олена Петренко пише про оборону та безпеку з 2014 року, працювала у Києві та Брюсселі.</div>"
             '<a class="author-name" href="/a/op">Олена Петренко</a><a class="author-more">Усі статті автора</a></div>'),
     "Олена Петренко"),
    # A login form ("authorization") names no one; nor does a count of articles.
    (_signed('<form class="authorization"><a>Увійти</a></form><span class="author-stats">125 статей</span>'), None),
])
def test_an_author_the_page_shows_only_in_its_markup_is_read(markup: bytes, author: str | None) -> None:
    raw = doc(markup)
    assert normalize(page.parse(raw).entries[0], raw).author == author


@pytest.mark.parametrize(("body", "content_type", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4, None, "a PDF document"),
    (b"\n\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "text/html", "a PNG image"),
    (b"ID3\x04\x00" + bytes(range(256)) * 4, "audio/mpeg", "audio/mpeg"),
    # binary data with no signature we know, which the server calls a page
    (bytes(range(256)) * 16, "text/html", "binary data"),
])
def test_a_page_that_is_a_document_of_another_kind_says_what_it_is(body: bytes, content_type: str | None,
                                                                   what: str) -> None:
    raw = RawDocument(source="s", kind="page", location="https://mid.example/statement", body=body, fetched_at=NOW,
                      final_url="https://mid.example/statement", content_type=content_type)
    with pytest.raises(ParseError, match=f"https://mid.example/statement: the address serves {what}, not an HTML page"):
        page.parse(raw)


@pytest.mark.parametrize(("title", "headline"), [
    # A <title> alone (no <h1>, no og:title) closing with the site's sections and name.
    ("Колона техніки біля кордону | Новини України | LIGA.net", "Колона техніки біля кордону"),
    ("Колона техніки біля кордону :: Новини :: ТСН.ua", "Колона техніки біля кордону"),
    ("Колона техніки біля кордону | Українська правда", "Колона техніки біля кордону"),
    # Or opening it before a double colon (an old site's).
    ("Новости региона :: Колонна техники у границы", "Колонна техники у границы"),
    ("Новости региона :: Политика :: Колонна техники у границы", "Колонна техники у границы"),
    # A short headline, or a long part after the bar, is left as it is.
    ("Колона біля кордону | Новини", "Колона біля кордону | Новини"),
    ("Who won | the debate between the two candidates in Kyiv", "Who won | the debate between the two candidates in Kyiv"),
    # A dash is no section's separator: headlines hold dashes ("Байден — Путину").
    ("Колона техніки біля кордону — Новини", "Колона техніки біля кордону — Новини"),
    # A site's name written as a domain closes it, after a dash with no space before it too (the
    # Süddeutsche's "SZ.de", Corriere's "Corriere.it", Rzeczpospolita's "rp.pl"), after a bar
    # with the sections before it.
    ("Gespräche an der Grenze gehen weiter - SZ.de", "Gespräche an der Grenze gehen weiter"),
    ("I colloqui al confine proseguiranno- Corriere.it", "I colloqui al confine proseguiranno"),
    ("Rozmowy na granicy będą kontynuowane - rp.pl", "Rozmowy na granicy będą kontynuowane"),
    ("Колона техніки біля кордону | Новини | Gazeta.ua", "Колона техніки біля кордону"),
    # and a section's name between the headline and the site's after a dash
    ("Gespräche an der Grenze gehen weiter - Politik - SZ.de", "Gespräche an der Grenze gehen weiter"),
    ("Conversações na fronteira continuam - Mundo - rtp.pt", "Conversações na fronteira continuam"),
    ("Переговори на кордоні тривають — Пєсков - example.com", "Переговори на кордоні тривають — Пєсков"),
    # No domain: a number, words with a dot, a one-word headline.
    ("Talks on Windows - version 11.0", "Talks on Windows - version 11.0"),
    ("Kyiv - Example.com", "Kyiv - Example.com"),
])
def test_a_title_loses_the_sections_that_close_it(title: str, headline: str) -> None:
    markup = f"<html><head><title>{title}</title></head><body><div><p>{FULL_STORY[0]}</p></div></body></html>"
    assert page.parse(doc(markup.encode())).entries[0].title == headline


def _long_page(paragraphs: int, inline: bool) -> bytes:
    line = ("<p>Entry {i}: <span>the convoy</span> moved <b>north</b> of the town at dawn.</p>" if inline
            else "<p>Entry {i}: the convoy moved north of the town at dawn.</p>")
    return ("<!DOCTYPE html><html lang='en'><head><title>Border live log</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Border live log</h1>"
            + "".join(line.format(i=i) for i in range(paragraphs))
            + "</article><footer>Footer links and copyright notice</footer></body></html>").encode()


def test_a_page_too_large_for_trafilatura_is_read_by_the_fallback_extractor() -> None:
    # trafilatura's time grows with the square of the text runs in paragraphs: this page (five runs
    # in each of 12,000 paragraphs) took it seconds, and one of 10 MB a quarter of an hour.
    large = _long_page(12_000, inline=True)
    assert extracted_text.too_large_for_trafilatura(parse_html(large.decode()))
    below = _long_page(extracted_text.MAX_PARAGRAPH_RUNS // 5 - 100, inline=True)
    assert not extracted_text.too_large_for_trafilatura(parse_html(below.decode()))
    assert not extracted_text.too_large_for_trafilatura(parse_html(_long_page(12_000, inline=False).decode()))  # 2 runs each
    item = normalize(page.parse(doc(large)).entries[0], doc(large))
    paragraphs = item.body.split("\n\n")
    assert paragraphs[0] == "Entry 0: the convoy moved north of the town at dawn."
    assert paragraphs[-1] == "Entry 11999: the convoy moved north of the town at dawn."
    assert len(paragraphs) == 12_000 and item.title == "Border live log"
    assert "Footer" not in item.body and "Home" not in item.body
    # In a wrapper named for the sidebar beside the article (WordPress's), the article is still read.
    wrapped = large.replace(b"<article>", b"<div class='site-content has-sidebar'><article>").replace(
        b"</article>", b"</article></div><div class='sidebar'>Sidebar links</div>")
    body = normalize(page.parse(doc(wrapped)).entries[0], doc(wrapped)).body
    assert body.split("\n\n")[0] == paragraphs[0] and len(body.split("\n\n")) == 12_000 and "Sidebar" not in body


@pytest.mark.parametrize("head, text, title, published", [
    # A Russian agency's <title>: headline, site, date; the page declares its language.
    ('<html lang="ru"><head><title>Колонна техники замечена у границы - Новости Десны, 12.11.2021</title>'
     '<meta property="og:site_name" content="Новости Десны">',
     "Жители приграничных сел сообщили о колонне бронетехники, которая двигалась к границе. ",
     "Колонна техники замечена у границы", datetime(2021, 11, 12, tzinfo=timezone.utc)),
    # A letters page that declares no language: the date is read in its text's (Spanish: day first).
    ("<html><head><title>Una carta sobre la frontera - 07.12.2017 - EL DIARIO</title>",
     "El lector escribe sobre la situación en la frontera y pide una solución pacífica al conflicto. ",
     "Una carta sobre la frontera", datetime(2017, 12, 7, tzinfo=timezone.utc)),
    # A date inside the headline is no date of the page.
    ('<html lang="es"><head><title>La reunión del 07.12.2017 en Kiev</title>',
     "El lector escribe sobre la situación en la frontera y pide una solución pacífica al conflicto. ",
     "La reunión del 07.12.2017 en Kiev", None),
])
def test_a_date_the_title_gives_as_a_part_is_the_pages_date_when_it_gives_none_else(head, text, title,
                                                                                   published) -> None:
    raw = doc((head + "</head><body><article><p>" + text * 12 + "</p></article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert (item.title, item.published_at) == (title, published)


@pytest.mark.parametrize("declared", ["1970-01-01T00:00:00+00:00", "0001-01-01T00:00:00"])
def test_a_placeholder_declared_as_the_date_gives_way_to_the_date_shown(declared: str) -> None:
    raw = doc((f"<html lang='ru'><head><title>Колонна техники замечена у границы</title>"
               f"<meta property='article:published_time' content='{declared}'></head><body><article>"
               "<h1>Колонна техники замечена у границы</h1><time>12 ноября 2021, 14:27</time><p>"
               + "Жители приграничных сел сообщили о колонне бронетехники. " * 12 + "</p></article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at is not None and item.published_at.date().isoformat() == "2021-11-12"


def test_a_date_in_the_title_does_not_stand_before_the_pages_own() -> None:
    raw = doc(("<html lang='ru'><head><title>Колонна техники замечена у границы - Новости Десны, 12.11.2021</title>"
               "<meta property='article:published_time' content='2021-11-12T14:27:00+03:00'></head><body><article><p>"
               + "Жители приграничных сел сообщили о колонне бронетехники. " * 12 + "</p></article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 11, 12, 11, 27, tzinfo=timezone.utc)
    assert item.title == "Колонна техники замечена у границы"  # the site's name and its date are no headline


@pytest.mark.parametrize(("title_tag", "heading", "title"), [
    # A blog's short headline beside a longer name (WordPress's "Headline – Site Title").
    ("Talks go on – Border Watch Blog", "Talks go on", "Talks go on"),
    ("Border Watch Blog | Talks go on", "Talks go on", "Talks go on"),
    ("Talks go on - Analysis - Border Watch", "Talks go on", "Talks go on"),
    # A heading of fewer words, or a longer rest, says nothing of which side is the headline.
    ("Ukraine – Talks go on", "Ukraine", "Ukraine – Talks go on"),
    ("Talks go on – but the troops stay at the border", "Talks go on", "Talks go on – but the troops stay at the border"),
])
def test_a_short_headline_in_the_articles_h1_loses_a_longer_sites_name(title_tag: str, heading: str, title: str) -> None:
    assert _headline("en", title_tag, f"<header><a href='/'>Border Watch Blog</a></header><article><h1>{heading}</h1><p>"
                     + "Diplomats met in Geneva for a second day of talks and agreed to meet again next week. " * 4
                     + "</p></article>") == title


def _headline(lang: str, title_tag: str, body: str) -> str:
    """The title of the item a page of this <title> and <body> gives."""
    raw = doc(f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title_tag}</title></head><body>{body}</body></html>"
              .encode())
    return normalize(page.parse(raw).entries[0], raw).title


@pytest.mark.parametrize(("title_tag", "heading", "title"), [
    # Xinhua's: the site's name after a dash with no spaces, where the <h1> ends.
    ("边境局势紧张 外交努力继续-新华网", "<span class='title'>边境局势紧张 外交努力继续</span>", "边境局势紧张 外交努力继续"),
    # A dash within the headline's words is no separator.
    ("Covid-19 cases rise again in Kyiv region", "Covid-19 cases rise again in Kyiv region",
     "Covid-19 cases rise again in Kyiv region"),
])
def test_a_dash_where_the_h1_ends_separates_the_sites_name(title_tag: str, heading: str, title: str) -> None:
    assert _headline("zh", title_tag, f"<h1>{heading}</h1><article><p>"
                     + "据报道，边境附近的军事集结仍在继续，多国外交官呼吁各方保持克制并通过谈判解决分歧。" * 6
                     + "</p></article>") == title


@pytest.mark.parametrize(("title_tag", "title"), [
    # Lenta.ru's: the sections and the site's name after colons with no space before them.
    ("Переговоры продолжатся на следующей неделе: Политика: Россия: Lenta.ru", "Переговоры продолжатся на следующей неделе"),
    # Interfax's: the site's name ahead of the headline.
    ("Интерфакс: Переговоры продолжатся на следующей неделе", "Переговоры продолжатся на следующей неделе"),
    # A headline with a colon of its own that the <h1> shows whole stays whole.
    ("Лавров: переговоры продолжатся на следующей неделе", "Лавров: переговоры продолжатся на следующей неделе"),
])
def test_a_colon_where_the_h1_ends_or_starts_separates_the_sites_name(title_tag: str, title: str) -> None:
    raw = doc((f"<html lang='ru'><head><meta charset='utf-8'><title>{title_tag}</title>"
               f"<meta property='og:title' content='{title_tag}'></head><body><h1>{title}</h1><article><p>"
               + "Министр заявил, что переговоры на границе продолжатся, несмотря на переброску войск. " * 6
               + "</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).title == title


def test_a_chinese_sites_underscore_separates_its_name_from_the_headline() -> None:
    raw = doc(("<html lang='zh'><head><meta charset='utf-8'><title>边境局势紧张 外交努力继续 _国际 _示例网</title></head>"
               "<body><h1>边境局势紧张 外交努力继续</h1><article><p>"
               + "据报道，边境附近的军事集结仍在继续，多国外交官呼吁各方保持克制并通过谈判解决分歧。" * 6
               + "</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).title == "边境局势紧张 外交努力继续"


@pytest.mark.parametrize("date_markup, published", [
    # The date's element carries the moment as data, with its offset, beside the text it shows.
    ('<li class="date-and-time" title="2021-12-06T21:00:00+11:00">December 6, 2021 9:00PM</li>',
     datetime(2021, 12, 6, 10, 0, tzinfo=timezone.utc)),
    ('<span class="datestamp">December 6, 2021</span>', datetime(2021, 12, 6, tzinfo=timezone.utc)),
])
def test_a_date_in_the_storys_own_header_is_the_articles(date_markup: str, published: datetime) -> None:
    # A "story-header" is the article's header, not the site's, though no <article> holds it.
    raw = doc(("<html lang='en'><head><title>Border talks stall</title></head><body>"
               "<div class='site-header'><span class='header-date'>Monday, 5 December 2022</span></div>"
               "<div id='story'><div class='story-header'><h1>Border talks stall</h1><ul class='story-info'>"
               + date_markup + "</ul></div><div class='story-body'><p>"
               + "Negotiators left the talks without an agreement on the border, officials said. " * 10
               + "</p></div></div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published


LEAD = ("Колонна бронетехники прошла ночью через приграничное село и остановилась у развилки в пяти "
        "километрах от границы, рассказали местные жители.")
STORY = "Очевидцы насчитали не меньше двадцати единиц техники, в том числе танки и грузовики с солдатами. " * 6


@pytest.mark.parametrize("lead_markup", [
    f'<div class="article__perex">{LEAD}</div>',
    f'<div class="b-article__announce">{LEAD}</div>',
    f'<h2 itemprop="description">{LEAD}</h2>',
    f'<div class="c-leadtext u-font-semibold">{LEAD}</div>',  # WirtschaftsWoche's
    f'<p class="article__desc">{LEAD}</p>',  # Le Monde's
    f'<h2 class="article-subtitle">{LEAD}</h2>', f'<div class="fig-chapo">{LEAD}</div>',
    f'<p class="entradilla">{LEAD}</p>', f'<p class="story__sommario">{LEAD}</p>',
    # Turkish sites' "spot", Czech "annot" and iDNES's "opener", Catalan "epigraph", Argentine "bajada"
    f'<h2 class="news-detail-spot">{LEAD}</h2>', f'<p class="b-detail__annot">{LEAD}</p>', f'<div class="opener">{LEAD}</div>',
    f'<h2 class="epigraph">{LEAD}</h2>', f'<h2 class="article-bajada">{LEAD}</h2>',
    # the Nordic papers' "ingress" and "preamble", VnExpress's "description", Thai PBS's "abstract"
    f'<p class="article-ingress">{LEAD}</p>', f'<p class="Article-preamble">{LEAD}</p>',
    f'<p class="description">{LEAD}</p>', f'<div class="news-abstract">{LEAD}</div>',
])
def test_the_lead_a_page_shows_outside_its_paragraphs_opens_the_text(lead_markup: str) -> None:
    raw = doc(("<html lang='ru'><head><title>Колонна у границы</title>"
               "<meta property='og:description' content='Колонна бронетехники прошла через приграничное село.'>"
               "</head><body><article><h1>Колонна у границы</h1>" + lead_markup
               + "<div class='article__body'><p>" + STORY + "</p><p>" + STORY + "</p></div></article>"
               "<div class='related'><div class='news-intro'>Другая новость о чем-то совсем ином, которую сайт "
               "показывает под статьей среди других.</div></div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.body.startswith(LEAD + "\n\nОчевидцы насчитали")
    assert "Другая новость" not in item.body
    assert item.summary == ""  # the description told the lead over, in fewer words


@pytest.mark.parametrize("caption_markup", [f'<figure><div class="img-desc">{LEAD}</div></figure>',
                                            f'<div class="spotlight">{LEAD}</div>', f'<div class="slider">{LEAD}</div>',
                                            f'<div class="caption-desc">{LEAD}</div>'])
def test_a_pictures_caption_named_for_a_description_is_no_lead(caption_markup: str) -> None:
    raw = doc(("<html lang='ru'><head><title>Колонна у границы</title></head><body><article><h1>Колонна у границы</h1>"
               + caption_markup + "<div class='article__body'><p>" + STORY + "</p></div></article></body></html>").encode())
    assert not normalize(page.parse(raw).entries[0], raw).body.startswith(LEAD)


def test_a_box_of_the_storys_points_under_a_heading_is_no_lead() -> None:
    # Nation Media Group's "article-summary": a heading and a list, which had opened the text run together
    # ("SummaryThe ministry…").
    box = (f"<div class='article-summary'><h3>Summary</h3><ul><li>{LEAD}</li><li>Местные жители насчитали двадцать "
           "единиц техники у развилки.</li></ul></div>")
    raw = doc(("<html lang='ru'><head><title>Колонна у границы</title></head><body><article><h1>Колонна у границы</h1>"
               + box + "<div class='article__body'><p>" + STORY + "</p></div></article></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert not body.startswith(("Summary", LEAD)) and body.startswith("Очевидцы насчитали")


def test_a_lead_the_text_holds_already_is_not_repeated() -> None:
    raw = doc(("<html lang='ru'><head><title>Колонна у границы</title></head><body><article><h1>Колонна у границы</h1>"
               f"<p class='lead'>{LEAD}</p><p>" + STORY + "</p></article></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.startswith(LEAD) and body.count(LEAD) == 1


def test_a_chinese_article_is_its_text_and_its_shown_date_is_read_in_chinese() -> None:
    # Chinese is written without spaces: its article is far more than twenty words, though
    # str.split() sees a handful, and the page's chrome is not its text.
    paragraphs = ["边境附近的军事集结仍在继续，多国外交官周一呼吁各方保持克制，并通过谈判解决分歧。",
                  "据当地居民介绍，一支装甲车队夜间经过村庄，停在距边境约五公里的岔路口。",
                  "外交部发言人表示，有关方面将在日内瓦举行新一轮会谈，讨论安全保障问题。"]
    raw = doc(("<html><head><meta charset='utf-8'><title>边境局势紧张 外交努力继续_国际_示例网</title></head><body>"
               "<div class='nav'><a href='/'>首页</a> <a href='/world'>国际</a> <a href='/tech'>科技</a></div>"
               "<div class='crumbs'>国际 &gt; 要闻 &gt; 正文</div><div class='main'><h1>边境局势紧张 外交努力继续</h1>"
               "<span class='pubTime'>2021年12月6日10:15</span><div id='content'>"
               + "".join(f"<p>{p}</p>" for p in paragraphs * 2) + "</div></div>"
               "<div class='footer'>关于我们 | 服务协议 | 隐私政策 | 版权所有</div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.body.split("\n\n")[:3] == paragraphs
    assert "首页" not in item.body and "版权所有" not in item.body
    assert item.published_at == datetime(2021, 12, 6, 2, 15, tzinfo=timezone.utc) and item.language == "zh"  # Beijing's


def test_a_thai_article_is_its_text_and_its_chrome_is_not() -> None:
    # Thai puts spaces between phrases, not words: five characters count as a word, and the
    # article below is more than twenty words, though str.split() sees seven. Counted by its
    # spaces, trafilatura's text was too short to take, and the fallback kept the tags' line.
    paragraphs = ["รัสเซียเคลื่อนย้ายกำลังทหารจำนวนมากไปยังพื้นที่ใกล้ชายแดนยูเครน ซึ่งทำให้หลายประเทศกังวล",
                  "เจ้าหน้าที่ยูเครนกล่าวว่ากองทัพพร้อมปกป้องดินแดน และเรียกร้องให้พันธมิตรสนับสนุนเพิ่มเติม",
                  "นักวิเคราะห์ระบุว่าการเจรจาครั้งนี้อาจช่วยลดความตึงเครียด"]
    popular = "".join(f"<li><a href='/n/{i}'>{headline}</a></li>" for i, headline in enumerate(
        ["ราคาน้ำมันปรับตัวสูงขึ้นต่อเนื่อง", "ทีมชาติไทยเตรียมลงสนามคืนนี้", "สภาพอากาศวันนี้มีฝนตกบางพื้นที่"]))
    raw = doc(("<html lang='th'><head><meta charset='utf-8'><title>ความตึงเครียดที่ชายแดนยูเครน - ข่าวตัวอย่าง</title>"
               "</head><body><div class='nav'><a href='/'>หน้าแรก</a> <a href='/world'>ต่างประเทศ</a></div>"
               "<div class='main'><div class='crumbs'>หน้าแรก &gt; ต่างประเทศ</div><h1>ความตึงเครียดที่ชายแดนยูเครน</h1>"
               "<span class='date'>7 ธันวาคม 2564 10:15</span>"
               "<div class='share'>แชร์ข่าวนี้</div><div id='content'>" + "".join(f"<p>{p}</p>" for p in paragraphs)
               + "</div><div class='tags'>แท็ก: ยูเครน รัสเซีย</div></div>"
               f"<div class='sidebar'><h3>ข่าวยอดนิยม</h3><ul>{popular}</ul></div>"
               "<div class='footer'>เกี่ยวกับเรา | นโยบายความเป็นส่วนตัว | สงวนลิขสิทธิ์</div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.body.split("\n\n") == paragraphs
    assert item.title == "ความตึงเครียดที่ชายแดนยูเครน" and item.language == "th"
    # Its shown date's year is the Buddhist era's, 543 ahead: 2021, at Bangkok's time.
    assert item.published_at == datetime(2021, 12, 7, 3, 15, tzinfo=timezone.utc)


def test_a_persian_pages_solar_hijri_date_is_its_date_at_tehrans_time() -> None:
    story = "گفت‌وگوهای ژنو هفته آینده ادامه خواهد یافت و دیپلمات‌های دو طرف درباره امنیت اروپا گفت‌وگو می‌کنند. " * 6
    raw = doc((f"<html lang='fa' dir='rtl'><head><meta charset='utf-8'><title>گفت‌وگوهای ژنو</title></head><body>"
               f"<article><h1>گفت‌وگوهای ژنو</h1><span class='date'>سه‌شنبه ۱۶ آذر ۱۴۰۰ - ۱۰:۱۵</span>"
               f"<p>{story}</p></article></body></html>").encode(), "https://www.example.ir/news/1")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 7, 6, 45, tzinfo=timezone.utc) and item.language == "fa"
    assert "Asia/Tehran" in (item.date_suspect or "")


@pytest.mark.parametrize(("line", "published"), [
    ("<p>Опубликовано: 03.12.2021 14:27</p>", datetime(2021, 12, 3, 11, 27, tzinfo=timezone.utc)),  # Moscow's
    ("<div><b>Опубликовано:</b> <span>03.12.2021</span></div>", datetime(2021, 12, 3, tzinfo=timezone.utc)),
    ("<p class='modification'>Дата публикации: 3 декабря 2021, 14:27</p>", datetime(2021, 12, 3, 11, 27, tzinfo=timezone.utc)),
    # DW's facts box: the label in an element of its own, no colon, a dotted date.
    ("<ul class='smallList'><li><strong>Date</strong> 03.12.2021</li><li><strong>Author</strong> Anna Lee</li></ul>",
     datetime(2021, 12, 3, tzinfo=timezone.utc)),
])
def test_a_date_shown_after_its_label_in_an_element_named_for_no_date_is_the_pages(
        line: str, published: datetime) -> None:
    story = "Переговоры в Женеве продолжатся на следующей неделе, сообщили дипломаты обеих сторон. " * 8
    raw = doc((f"<html lang='ru'><head><title>Переговоры</title></head><body><article><h1>Переговоры</h1>{line}"
               f"<p>{story}</p></article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published
    assert "Опубликовано" not in item.body and "Дата публикации" not in item.body, "the date line is the date"


GERMAN_STORY = "Die Gespräche in Genf werden nächste Woche fortgesetzt, teilten Diplomaten beider Seiten mit. " * 8


@pytest.mark.parametrize(("markup", "published"), [
    # hAtom's published date, its moment in the title (SPIP's and older WordPress themes')
    ("<p><small><abbr class='published' title='2021-12-03T10:21:40Z'>Freitag, 3. Dezember 2021</abbr>, "
     "von Anna Lehmann</small></p>", datetime(2021, 12, 3, 10, 21, 40, tzinfo=timezone.utc)),
    # hAtom's without the moment: the date it shows
    ("<p>Artikel veröffentlicht am <abbr class='published' title='Freitag, Dezember 3rd, 2021'>03.12.2021</abbr></p>",
     datetime(2021, 12, 3, tzinfo=timezone.utc)),
    # a label, the date, and after a comma the section
    ("<h3>Datum: 03.12.2021, Rubrik: Europa</h3>", datetime(2021, 12, 3, tzinfo=timezone.utc)),
    # in an element named for the record's creation, or for the article's metadata
    ("<div class='postDetails'><span>Von Anna Lehmann</span> | <span class='created-post'>03.12.2021 09:54</span></div>",
     datetime(2021, 12, 3, 8, 54, tzinfo=timezone.utc)),  # Berlin's time, by the page's language
    ("<div class='article-metadata'>03.12.2021</div>", datetime(2021, 12, 3, tzinfo=timezone.utc)),
    # on the line under the headline, in an element named for nothing
    ("<small>Freitag, 3.12.2021, 19:51 &gt; Redaktion</small>", datetime(2021, 12, 3, 18, 51, tzinfo=timezone.utc)),
    # not a date inside a sentence there
    ("<p>Am 3.12.2021 begannen die Gespräche, die bis heute andauern.</p>", None),
    # the byline, the date in an element of its own after the name
    ("<div class='autor'>von <a href='/profil/lehmann'>Anna Lehmann</a> <span>am 03.12.2021</span></div>",
     datetime(2021, 12, 3, tzinfo=timezone.utc)),
])
def test_a_date_shown_as_hatoms_after_a_label_or_in_the_byline_is_the_pages(markup: str, published: datetime | None) -> None:
    raw = doc((f"<html lang='de'><head><title>Gespräche in Genf</title></head><body><article><h1>Gespräche in Genf</h1>"
               f"{markup}<p>{GERMAN_STORY}</p></article></body></html>").encode(), "https://zeitung.example.de/genf")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published


def test_a_date_in_the_articles_own_footer_is_its_own() -> None:
    # The article's footer, named for it, holds its last update, the only date the page gives.
    footer = "<div class='article_footer'><p class='article_date'>Letzte Aktualisierung: 03.12.2021</p></div>"
    page_html = ("<html lang='de'><head><title>Gespräche in Genf</title></head><body><div class='main'>"
                 f"<h1>Gespräche in Genf</h1><p>{GERMAN_STORY}</p>{footer}</div></body></html>")
    raw = doc(page_html.encode(), "https://zeitung.example.de/genf")
    assert normalize(page.parse(raw).entries[0], raw).published_at == datetime(2021, 12, 3, tzinfo=timezone.utc)
    # One that holds other stories' headlines is not the article's.
    other = "<a href='/wien'>Gespräche in Wien gehen nach einer langen Nacht ohne Ergebnis zu Ende</a>"
    raw = doc(page_html.replace("</p></div>", f"</p>{other}</div>").encode(), "https://zeitung.example.de/genf")
    assert normalize(page.parse(raw).entries[0], raw).published_at is None


def test_a_blogger_posts_date_and_author_are_read_in_its_column_of_posts() -> None:
    # Blogger sets its posts in a widget of their own ("widget Blog"), its sidebar in others.
    story = "Diplomats met in Geneva for a second day of talks on security in Europe, officials said. " * 8
    page_html = ("<html><head><title>Desk Notes: Talks end in Geneva</title></head><body><div class='header'><h1>Desk Notes</h1></div>"
                 "<div class='main section'><div class='widget Blog' id='Blog1'><div class='date-outer'>"
                 "<h2 class='date-header'><span>Friday, December 3, 2021</span></h2><div class='post hentry'>"
                 f"<h3 class='post-title'>Talks end in Geneva</h3><div class='post-body'><p>{story}</p></div>"
                 "<div class='post-footer'><span class='post-author vcard'>Posted by <span class='fn'>Anna Writer</span>"
                 "</span></div></div></div></div></div><div class='sidebar'><div class='widget BlogArchive'>"
                 "<span class='post-date'>November 30, 2021</span></div></div></body></html>")
    raw = doc(page_html.encode(), "https://desknotes.blogspot.com/2021/12/talks-end-in-geneva.html")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 3, tzinfo=timezone.utc)
    assert item.author == "Anna Writer"


def test_the_time_of_a_post_the_article_embeds_is_not_the_articles() -> None:
    # An embedded Instagram post quotes its own time; the article's date is the one it shows.
    embed = ("<blockquote class='instagram-media'><p><a href='https://www.instagram.com/p/x/'>Ein Beitrag</a> von "
             "Anna Lehmann am <time datetime='2018-03-12T19:30:12+00:00'>Mär 12, 2018</time></p></blockquote>")
    raw = doc((f"<html lang='de'><head><title>Gespräche in Genf</title></head><body><article><h1>Gespräche in Genf</h1>"
               f"<div class='PublishDate'>Dienstag, 29. Januar 2019</div><p>{GERMAN_STORY}</p>{embed}"
               f"<p>{GERMAN_STORY}</p></article></body></html>").encode(), "https://zeitung.example.de/genf")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2019, 1, 29, tzinfo=timezone.utc)


def test_a_breadcrumb_and_the_date_line_opening_the_text_are_no_text() -> None:
    # SPIP's article: a breadcrumb ending with the headline, then the day the hAtom date is of.
    story = "Les négociations reprendront à Genève la semaine prochaine, selon les diplomates des deux camps. " * 8
    raw = doc(("<html lang='fr'><head><title>Négociations à Genève</title></head><body><div class='contenu'>"
               "<p>Accueil &gt; Actualités &gt; Négociations à Genève</p><h1>Négociations à Genève</h1>"
               "<p>vendredi 3 décembre 2021</p>"
               f"<p>{story}</p><p>{story.replace('Genève', 'Vienne')}</p><p><small><abbr class='published' "
               "title='2021-12-03T10:21:40Z'>3 décembre 2021</abbr></small></p></div></body></html>").encode(),
              "https://collectif.example.fr/spip.php?article1")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 3, 10, 21, 40, tzinfo=timezone.utc)
    assert item.body.startswith("Les négociations"), item.body[:200]
    # A date line of another day stays: it is not the page's.
    other = replace(raw, body=raw.body.replace(b"vendredi 3", b"lundi 6"))
    assert "lundi 6 décembre 2021" in normalize(page.parse(other).entries[0], other).body


@pytest.mark.parametrize(("line", "lang", "published"), [
    # The line the page's date is read from, with a source, a label or a name beside the date.
    ("2021-12-07 14:30:15 来源：新华网", "zh", datetime(2021, 12, 7, 6, 30, 15, tzinfo=timezone.utc)),
    ("2021年12月07日14:30 | 来源：人民网－国际频道", "zh", datetime(2021, 12, 7, 6, 30, tzinfo=timezone.utc)),
    ("송고시간2021-12-07 14:30", "ko", datetime(2021, 12, 7, 5, 30, tzinfo=timezone.utc)),
    ("משה כהן פורסם: 07.12.21, 14:30", "he", datetime(2021, 12, 7, 12, 30, tzinfo=timezone.utc)),
    ("7 грудня 2021, 14:30 | Джерело: Укрінформ", "uk", datetime(2021, 12, 7, 12, 30, tzinfo=timezone.utc)),
])
def test_the_date_line_under_the_headline_with_a_source_or_name_beside_its_date_is_no_text(line, lang, published) -> None:
    tld = {"zh": "cn", "ko": "kr", "he": "co.il", "uk": "com.ua"}[lang]
    # Short paragraphs, as Chinese, Korean and Hebrew sites' are: beside them, the date line is
    # no shorter than the text, and the extractor keeps it.
    paragraphs = _SHORT_PARAGRAPHS[lang]
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    raw = doc((f"<html lang='{lang}'><head><title>Talks to go on</title></head><body><article><h1>Talks to go on</h1>"
               f"<div class='info'>{line}</div><div class='content'>{story}</div></article></body></html>").encode(),
              f"https://news.example.{tld}/2021/12/07/talks.html")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published
    assert item.body.split("\n\n") == paragraphs, item.body[:200]


@pytest.mark.parametrize(("line", "lang", "published"), [
    # The writer, the date and the update each in an element of its own, their texts run together
    # without a space: the date is the publication's, not the update's (Novinky's, SME's).
    ("<span>Petr Horák, Novinky, ČTK</span><span>7. 12. 2021, 8:05</span><span>Aktualizováno 7. 12. 2021, 9:30</span>",
     "cs", datetime(2021, 12, 7, 7, 5, tzinfo=timezone.utc)),
    ("<span class='article-author'>Lucia Hrnčiarová</span><span class='article-published'>7. dec 2021 o 13:20</span>"
     "<span class='article-updated'>Aktualizované 7. dec 2021 o 13:45</span>", "sk",
     datetime(2021, 12, 7, 12, 20, tzinfo=timezone.utc)),
    # The update's element first: its date is still not the publication's.
    ("<span>Aktualizováno 7. 12. 2021, 9:30</span><span>Petr Horák</span><span>7. 12. 2021, 8:05</span>",
     "cs", datetime(2021, 12, 7, 7, 5, tzinfo=timezone.utc)),
])
def test_the_date_of_a_line_of_elements_run_together_under_the_headline_is_its_own_elements(line, lang, published) -> None:
    tld = {"cs": "cz", "sk": "sk"}[lang]
    story = "".join(f"<p>{p}</p>" for p in _SHORT_PARAGRAPHS["uk"])
    raw = doc((f"<html lang='{lang}'><head><title>Talks to go on</title></head><body><article><h1>Talks to go on</h1>"
               f"<div class='d_bi'>{line}</div><div class='content'>{story}</div></article></body></html>").encode(),
              f"https://www.example.{tld}/clanek/talks-40380123")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published


@pytest.mark.parametrize(("element", "lang", "published"), [
    # An element named for the date in the page's language: Romanian "data" (a class of its own),
    # Hungarian "datum", Spanish "fecha", Turkish "tarih".
    ("<div class='data'>Luni, 6 decembrie 2021, 21:14</div>", "ro", datetime(2021, 12, 6, 19, 14, tzinfo=timezone.utc)),
    ("<div class='cikk-datum'>2021.12.07. 14:05</div>", "hu", datetime(2021, 12, 7, 13, 5, tzinfo=timezone.utc)),
    ("<span class='fecha-publicacion'>7 de diciembre de 2021, 14:05</span>", "es",
     datetime(2021, 12, 7, 13, 5, tzinfo=timezone.utc)),
    ("<span class='haber-tarih'>07.12.2021 14:05</span>", "tr", datetime(2021, 12, 7, 11, 5, tzinfo=timezone.utc)),
    # English "data" inside a class names anything: not a date's element.
    ("<div class='user-data'>6 December 2021, 21:14</div>", "en", None),
])
def test_a_date_in_an_element_named_for_the_date_in_other_languages_is_the_pages(element, lang, published) -> None:
    tld = {"ro": "ro", "hu": "hu", "es": "es", "tr": "com.tr", "en": "co.uk"}[lang]
    story = "".join(f"<p>{p}</p>" for p in _SHORT_PARAGRAPHS["uk"])
    raw = doc((f"<html lang='{lang}'><head><title>Talks to go on</title></head><body><article><h1>Talks to go on</h1>"
               f"<div class='share'><a>Facebook</a></div><div class='lead'><p>The talks go on.</p></div><div class='tags'>"
               f"<a>Ukraine</a></div><div class='content'>{story}</div>{element}</article></body></html>").encode(),
              f"https://www.example.{tld}/stiri/talks-25212345.htm")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published


def test_a_date_without_a_zone_on_a_latin_american_sites_generic_domain_is_its_countrys() -> None:
    # Clarín's: a Spanish page on a .com domain, its date line without a zone, in Buenos Aires's time.
    story = "".join(f"<p>{p}</p>" for p in _SHORT_PARAGRAPHS["uk"])
    raw = doc(("<html lang='es'><head><title>Biden y Putin hablaron dos horas</title></head><body><article>"
               "<h1>Biden y Putin hablaron dos horas</h1><div class='info'>07/12/2021 15:32</div>"
               f"<div class='content'>{story}</div></article></body></html>").encode(),
              "https://www.clarin.com/mundo/biden-putin-hablaron_0_aBcDeF.html")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 7, 18, 32, tzinfo=timezone.utc)
    assert item.date_suspect == "no time zone given; read as America/Argentina/Buenos_Aires time, its site's country's"


_SHORT_PARAGRAPHS = {
    "zh": ["外交部长星期二表示，边境会谈将于下周继续举行。", "他说，双方同意本月底在日内瓦举行专家会议。", "克里姆林宫此前表示没有计划发动进攻。"],
    "ko": ["외무장관은 화요일 국경 회담이 다음 주에도 계속될 것이라고 말했다.", "양측은 이달 말 제네바에서 전문가 회의를 열기로 합의했다.",
           "크렘린궁은 앞서 공격을 계획하지 않고 있다고 주장했다."],
    "he": ["שר החוץ אמר ביום שלישי כי השיחות בגבול יימשכו בשבוע הבא.", "לדבריו, הצדדים הסכימו על פגישה חדשה של מומחים בז'נבה.",
           "הקרמלין טען קודם לכן כי אינו מתכנן מתקפה."],
    "uk": ["Міністр заявив у вівторок, що переговори на кордоні продовжаться.", "Сторони домовилися про нову зустріч експертів у Женеві.",
           "У Кремлі заявили, що не планують наступу."],
}


@pytest.mark.parametrize(("byline", "lang", "author"), [
    # A byline that is a paragraph of its own under the headline, in an element named for nothing.
    ("By Jane Doe", "en", "Jane Doe"), ("김철수 기자", "ko", "김철수"), ("모스크바=김철수 특파원", "ko", "김철수"),
    ("モスクワ＝山田太郎", "ja", "山田太郎"),
])
def test_a_byline_paragraph_under_the_headline_is_the_author_and_no_text(byline: str, lang: str, author: str) -> None:
    paragraphs = _SHORT_PARAGRAPHS["ko" if lang == "ko" else "uk"]  # beside long ones, the extractor drops the line
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    raw = doc((f"<html lang='{lang}'><head><title>Talks to go on</title></head><body><article><h1>Talks to go on</h1>"
               f"<div>{byline}</div>{story}</article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.author == author
    assert item.body.split("\n\n") == paragraphs, item.body[:200]


@pytest.mark.parametrize(("lines", "author"), [
    # g1's byline, which the text leaves out; RTS's, its source after a bar; a Bulgarian site's date
    # line with the author after the date
    ("<div class='content-publication-data'><p class="
     "'content-publication-data__from'>Por Juliana Ferraz, g1 RS — Porto Alegre</p></div>",
     "Juliana Ferraz"),
    ("<div class='storySource'>Аутор: Јелена Марковић | Извор: РТС</div>", "Јелена Марковић"),
    ("<div class='news-info'>Публикувана: 07.12.2021 11:15 | Автор: Петър Димитров</div>", "Петър Димитров"),
    # a line that opens "By" but names no one, and the site signing as itself
    ("<p class='note'>By the numbers</p>", None), ("<p class='src'>By Example News</p>", None),
])
def test_a_byline_line_by_the_headline_that_the_text_leaves_out_names_the_author(lines: str, author: str | None) -> None:
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    raw = doc(("<html><head><title>Talks to go on</title><meta property='og:site_name' content='Example News'>"
               f"</head><body><article><h1>Talks to go on</h1>{lines}<div class='content'>{story}</div>"
               "</article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.author == author
    if author is not None:
        assert item.body.split("\n\n") == FULL_STORY


def test_a_sentence_under_the_headline_that_opens_with_by_is_text() -> None:
    raw = doc(("<html lang='en'><head><title>Talks to go on</title></head><body><article><h1>Talks to go on</h1>"
               "<p>By the end of the week, the talks had resumed.</p>"
               + "".join(f"<p>{p}</p>" for p in FULL_STORY[:3]) + "</article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.author is None and item.body.startswith("By the end of the week")


def test_a_line_with_more_than_a_date_and_a_label_is_text() -> None:
    headlines = {"Talks to go on"}
    text = "Talks to go on\n\n07.12.2021 14:30 Talks went on all night in Geneva, officials said.\n\nMore."
    assert furniture.without_date_line(text, "07.12.2021 14:30", headlines) == (text, None)
    short = "07.12.2021 14:30 Talks resumed.\n\nMore."  # a sentence's end
    assert furniture.without_date_line(short, "07.12.2021 14:30", headlines) == (short, None)
    assert furniture.without_date_line("07.12.2021 14:30 | Politik\n\nMore.", "07.12.2021 14:30", headlines) == ("More.", None)
    # A byline beside the date names the writer.
    assert furniture.without_date_line("By Jane Doe | 07.12.2021 14:30\n\nMore.", "07.12.2021 14:30", headlines) \
        == ("More.", "Jane Doe")
    assert furniture.without_date_line("モスクワ＝山田太郎 2021年12月7日 14時30分\n\nMore.", "2021年12月7日 14時30分",
                                       headlines) == ("More.", "山田太郎")


def test_a_date_alone_under_the_headline_in_the_text_is_the_pages() -> None:
    # No date declared nor in an element named for one: under the headline, the date and the
    # byline, each a paragraph of their own, which the text opens with.
    story = "Les négociations reprendront à Genève la semaine prochaine, selon les diplomates des deux camps. " * 8
    raw = doc(("<html lang='fr'><head><title>Négociations à Genève</title><meta name='author' content='Elise Martin'>"
               "</head><body><article><h1>Négociations à Genève</h1><p>3 décembre 2021</p><p>Par Elise Martin</p>"
               f"<p>{story}</p><p>{story.replace('Genève', 'Vienne')}</p></article></body></html>").encode(),
              "https://blogs.example.fr/elise/geneve")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 3, tzinfo=timezone.utc)
    assert item.body.startswith("Les négociations")  # without the date and the byline
    # A date further down the text, after the story's first paragraphs, is not the page's.
    later = replace(raw, body=raw.body.replace("<p>3 décembre 2021</p>".encode(), b"").replace(
        b"</article>", "<p>3 décembre 2021</p><p>La suite est attendue pour la fin du mois.</p></article>".encode()))
    assert normalize(page.parse(later).entries[0], later).published_at is None


@pytest.mark.parametrize("line", [
    "<div class='footer'><p>Опубликовано: 03.12.2021 14:27</p></div>",  # the site's chrome
    "<p>Опубликовано в разделе «Политика» на прошлой неделе, 03.12.2021, редакцией нашего сайта и партнёров</p>",
])
def test_a_labelled_date_of_the_chrome_an_update_or_a_sentence_is_not_the_pages(line: str) -> None:
    story = "Переговоры в Женеве продолжатся на следующей неделе, сообщили дипломаты обеих сторон. " * 8
    raw = doc((f"<html lang='ru'><head><title>Переговоры</title></head><body><article><h1>Переговоры</h1>"
               f"<p>{story}</p></article>{line}</body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).published_at is None


def test_an_author_declared_only_as_an_address_is_looked_for_in_the_markup() -> None:
    # article:author as the author's page names no one; the byline the page shows does.
    raw = doc(("<html lang='fr'><head><title>Séisme au Népal</title>"
               "<meta property='article:author' content='https://journal.example/auteur/2005-afp'></head><body>"
               "<article><h1>Séisme au Népal</h1><span class='author' itemprop='author'><span itemprop='name'> AFP"
               "</span></span><p>" + "Un troisième Français a été tué dans le tremblement de terre, a déclaré le ministre. " * 8
               + "</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).author == "AFP"


def test_a_page_with_no_date_but_its_address_has_the_day_from_it() -> None:
    # The timestamp the page shows has no year ("March 18 at 12:22 PM"); its address has the day.
    location = "https://paper.example/world/border-talks-stall/2021/12/06/ca175d64_story.html"
    raw = doc(("<html lang='en'><head><title>Border talks stall</title></head><body><article><h1>Border talks stall</h1>"
               "<span class='pb-timestamp'>December 6 at 12:22 PM</span><p>"
               + "Negotiators left the talks without an agreement on the border, officials said. " * 10
               + "</p></article></body></html>").encode(), location)
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 6, tzinfo=timezone.utc)


@pytest.mark.parametrize("location", ["https://vz.example.ru/news/2021/12/4/1132001.html",
                                      "https://paper.example/world/2021/12/04/talks.html"])
def test_a_days_address_of_one_figure_bounded_by_slashes_gives_the_day(location: str) -> None:
    raw = doc(_article("Переговоры продолжатся", lang="ru").encode(), location)
    assert normalize(page.parse(raw).entries[0], raw).published_at == datetime(2021, 12, 4, tzinfo=timezone.utc)


def test_the_date_with_its_time_right_over_the_headline_is_the_pages() -> None:
    # vz.ru's line over its <h1>, in an element named for nothing of the sort.
    page_html = _article("Переговоры продолжатся", lang="ru").replace(
        "<h1>", "<span class='extitle'>4 декабря 2021, 15:02</span><h1>")
    raw = doc(page_html.encode(), "https://vz.example.ru/news/2021/12/4/1132001.html")
    assert normalize(page.parse(raw).entries[0], raw).published_at == datetime(2021, 12, 4, 12, 2, tzinfo=timezone.utc)


def test_the_header_that_opens_the_article_body_is_its_lead() -> None:
    lead = "Officials on both sides of the border described the night as the quietest in weeks, and said why."
    raw = doc(("<html lang='en'><head><title>A quiet night</title></head><body><article><h1>A quiet night</h1>"
               f"<div itemprop='articleBody'><header>{lead}</header><p>"
               + "Residents of the frontline villages reported no shelling overnight for the first time. " * 8
               + "</p></div></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).body.startswith(lead + "\n\nResidents")


@pytest.mark.parametrize("shown, published", [
    # A date-only meta and the time the page shows on that day: the finer of the two (Kyiv's time).
    ("06.12.2021 10:15", datetime(2021, 12, 6, 8, 15, tzinfo=timezone.utc)),
    # Another day, or no time: the day declared as data stands.
    ("05.12.2021 10:15", datetime(2021, 12, 6, tzinfo=timezone.utc)),
    ("06.12.2021", datetime(2021, 12, 6, tzinfo=timezone.utc)),
])
def test_a_declared_day_takes_the_time_the_page_shows_on_it(shown: str, published: datetime) -> None:
    raw = doc(("<html lang='uk'><head><title>Колона біля кордону</title>"
               "<meta name='pubdate' content='2021-12-06'></head><body><article><h1>Колона біля кордону</h1>"
               f"<span class='news-date'>{shown}</span><p>"
               + "Мешканці прикордонних сіл повідомили про колону техніки, що рухалася вночі. " * 8
               + "</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).published_at == published


@pytest.mark.parametrize(("time_element", "published"), [
    # NPR's: a meta's day, the article's <time datetime> with the time on that day.
    ("<time datetime='2016-12-15T15:33:00-05:00'>December 15, 2016</time>", datetime(2016, 12, 15, 20, 33, tzinfo=timezone.utc)),
    ("<time datetime='2016-12-14T15:33:00-05:00'>December 14, 2016</time>", datetime(2016, 12, 15, tzinfo=timezone.utc)),
])
def test_a_declared_day_takes_the_time_its_time_element_gives_on_it(time_element: str, published: datetime) -> None:
    raw = doc(("<html lang='en'><head><title>Jury finds him guilty</title><meta name='date' content='2016-12-15'>"
               f"</head><body><article><h1>Jury finds him guilty</h1>{time_element}<p>{FULL_STORY[0]}</p>"
               "</article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).published_at == published


@pytest.mark.parametrize("declared, shown, published", [
    # Declared without a zone, shown with one at the same time (CNN): the shown one, below an update's.
    ("2016-02-01 01:28:49", "First published February 1, 2016: 1:28 AM ET",
     datetime(2016, 2, 1, 6, 28, tzinfo=timezone.utc)),
    # Shown at another time: the declared one stands (read as UTC, English having no one zone).
    ("2016-02-01 01:28:49", "February 1, 2016 5:03 AM ET", datetime(2016, 2, 1, 1, 28, 49, tzinfo=timezone.utc)),
    # Declared as something that is no date: the first one shown.
    ("Monday morning", "February 1, 2016 5:03 AM ET", datetime(2016, 2, 1, 17, 41, tzinfo=timezone.utc)),
])
def test_a_date_declared_without_a_zone_takes_the_zone_of_the_same_time_shown(
        declared: str, shown: str, published: datetime) -> None:
    raw = doc(("<html lang='en'><head><title>Birth lottery</title>"
               f"<meta name='date' content='{declared}'></head><body><article><h1>Birth lottery</h1>"
               "<span class='cnnDateStamp'>February 1, 2016: 12:41 PM ET</span><p>"
               + "A new report ranks the country lowest among those with welfare states, its authors said. " * 8
               + f"</p><div class='storytimestamp'><span class='cnnDateStamp'>{shown}</span></div>"
               "</article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == published


@pytest.mark.parametrize(("closing", "kept"), [
    ("- 12 May 2020", False), ("06.12.2021", False),  # the BBC's date under a video's text
    ("Kyiv, 2021", True), ("In 2021 the talks resumed.", True),  # no day and month, or more than a date
])
def test_a_date_alone_closing_the_text_is_no_part_of_it(closing: str, kept: bool) -> None:
    raw = doc((f"<html lang='en'><head><title>Pubs stay open</title></head><body><article><h1>Pubs stay open</h1>"
               f"<p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p><p>{closing}</p></article></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.endswith(closing) is kept, body[-200:]


def test_labelled_date_lines_at_either_end_of_the_text_are_no_part_of_it() -> None:
    story = "A blogger was attacked on his way to work on Tuesday morning, police in the district said. " * 6
    raw = doc(("<html lang='en'><head><title>Blogger attacked</title>"
               "<meta property='article:published_time' content='2015-05-12T10:25:21+02:00'></head><body><article>"
               "<h1>Blogger attacked</h1><p class='modification'>Latest update : 2015-05-12</p>"
               f"<p>{story}</p><p>Police said the attack lasted less than a minute, and the attackers fled on foot.</p>"
               "<p class='modification'>Date created : 2015-05-12</p></article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.body.endswith("fled on foot.") and item.body.startswith("A blogger")
    assert item.published_at == datetime(2015, 5, 12, 8, 25, 21, tzinfo=timezone.utc)



def test_a_date_line_with_its_label_after_it_closing_the_text_is_no_part_of_it() -> None:
    # Yonhap's "2021/12/07 14:32 송고" ("sent") under every story.
    story = ["외교부는 7일 러시아와 우크라이나 국경 지역의 긴장이 높아지고 있다며 현지 교민들에게 주의를 당부했다.",
             "외교부 당국자는 현지 공관을 통해 상황을 면밀히 주시하고 있다고 말했다."]
    raw = doc(("<html lang='ko'><head><title>외교부, 우크라이나 교민에 주의 당부</title></head><body><article>"
               "<h1>외교부, 우크라이나 교민에 주의 당부</h1>" + "".join(f"<p>{p}</p>" for p in story)
               + "<p>2021/12/07 14:32 송고</p></article></body></html>").encode(), "https://www.yna.co.kr/view/AKR2021120712345")
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == story


def test_a_date_line_with_the_pages_counts_closing_the_text_is_no_part_of_it() -> None:
    # A DLE site's layout: the date and the counts of readers and comments in spans under the
    # headline, the text in its "news-id" element, which trafilatura reads first and the rest after it.
    paragraphs = ["Министр иностранных дел заявил во вторник, что переговоры на границе продолжатся на следующей "
                  "неделе, несмотря на сообщения о переброске войск.",
                  "По его словам, стороны договорились о новой встрече экспертов, которая пройдет в Женеве в конце месяца."]
    raw = doc(("<html><head><meta charset='utf-8'><title>Переговоры на границе продолжатся » Новости Приграничья</title></head><body>"
               "<div class='fullstory'><h1>Переговоры на границе продолжатся</h1><div class='info'><span>7-12-2021, 14:30</span> "
               "<span>Просмотров: 1520</span> <span>Комментариев: 0</span></div><div class='text'>"
               "<div id='news-id-12345' style='display:inline;'>" + "<br><br>".join(paragraphs) + "</div></div></div>"
               "</body></html>").encode(), "https://pogranichie.ru/news/12345-peregovory.html")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.body == "\n\n".join(paragraphs)
    assert item.published_at == datetime(2021, 12, 7, 11, 30, tzinfo=timezone.utc)

def test_a_ucoz_pages_menu_headline_and_metadata_line_are_no_text() -> None:
    # uCoz's table layout: the menu in a cell beside the story's, the headline in a cell of no heading,
    # the <title> with the date and the site's name after the headline, a line of metadata under the text.
    paragraphs = ["Министр иностранных дел заявил во вторник, что переговоры на границе продолжатся на следующей "
                  "неделе, несмотря на сообщения о переброске войск.",
                  "По его словам, стороны договорились о новой встрече экспертов, которая пройдет в Женеве в конце месяца."]
    raw = doc(("<html><head><meta charset='utf-8'><title>Переговоры на границе продолжатся - 7 Декабря 2021 - Сельские "
               "новости</title></head><body><table><tr><td class='left'><a href='/'>Главная</a><br><a href='/news'>"
               "Новости</a></td><td><table class='eBlock'><tr><td class='eTitle'>Переговоры на границе продолжатся</td>"
               "</tr><tr><td class='eMessage'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</td></tr><tr><td "
               "class='eDetails'>Категория: <a href='/news/1'>Новости района</a> | Просмотров: 152 | Добавил: "
               "<a href='/index/8-1'>admin</a> | Дата: 07.12.2021 | <a href='/news/2021-12-07-123#comments'>"
               "Комментарии (0)</a></td></tr></table></td></tr></table></body></html>").encode(),
              "https://selo.ucoz.ru/news/peregovory/2021-12-07-123")
    item = normalize(page.parse(raw).entries[0], raw)
    assert (item.title, item.body) == ("Переговоры на границе продолжатся", "\n\n".join(paragraphs))


def test_joomlas_created_by_element_names_the_author() -> None:
    raw = doc(("<html lang='ru-ru'><head><meta charset='utf-8'><title>Переговоры на границе продолжатся</title></head>"
               "<body><div class='item-page'><h2>Переговоры на границе продолжатся</h2><dl class='article-info'>"
               "<dd class='createdby'>Автор: Иван Петров</dd><dd class='published'>Опубликовано: 07.12.2021 14:30</dd>"
               "</dl><div><p>" + "Министр заявил, что переговоры на границе продолжатся на следующей неделе. " * 5
               + "</p></div></div></body></html>").encode(), "https://gazeta-rayon.ru/news/2-peregovory")
    assert normalize(page.parse(raw).entries[0], raw).author == "Иван Петров"

def test_the_byline_tags_and_the_boxes_closing_the_page_are_no_part_of_the_text() -> None:
    # salon.com's layout: its byline and "Topics:" line under the headline, and after the article a
    # box of slide shows, related videos and comments, each under a heading of its own.
    story = [f"Paragraph {n} of the column argues that the ride-hailing firm raised its prices during the "
             f"emergency, and that its defenders have explained this away in several ways over the years." for n in range(12)]
    raw = doc(("<html lang='en'><head><title>The sharing economy is a lie</title>"
               "<meta name='author' content='Richard Eskow'></head><body><div id='main'><div class='article'>"
               "<h1>The sharing economy is a lie</h1><p class='dek'>Disruptive companies talk a good game about sharing.</p>"
               "<div><span class='byline'><a rel='author' href='/writer/re/'>Richard Eskow</a></span></div>"
               "<div class='topics'>Topics: uber, libertarians, Sydney, Technology News</div>"
               + "".join(f"<p>{p}</p>" for p in story)
               + "<h3>You Might Also Like</h3><div class='slides'>"
               + "".join(f"<div><p>A photo contest winner, slide {n}, shows girls telling their stories in a school "
                         f"in Herat, where the contest was held for the second year running.</p><ul><li>Previous</li>"
                         f"<li>Next</li></ul></div>" for n in range(3))
               + "</div><h3>Related Videos</h3><h3>Comments</h3><p>Loading Comments...</p></div></div></body></html>"
               ).encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.split("\n\n")[-1] == story[-1], body[-300:]
    assert "Topics:" not in body and "\n\nRichard Eskow\n\n" not in f"\n\n{body}\n\n"
    assert all(paragraph in body for paragraph in story)


@pytest.mark.parametrize("heading", ["Auch interessant:", "Das könnte Sie auch interessieren", "Ähnliche Artikel",
                                     "Commentaires fermés"])  # Radio-Canada's closed comments
def test_a_german_box_of_other_stories_closing_the_page_is_no_text(heading: str) -> None:
    story = [f"Absatz {n}: Die Gespräche in Genf werden nächste Woche fortgesetzt, teilten Diplomaten beider "
             f"Seiten nach einem langen Verhandlungstag mit, an dem über die Sicherheit in Europa gesprochen wurde."
             for n in range(8)]
    others = "".join(f"<li><p>Andere Geschichte {n}: Gespräche in Wien gehen ohne Ergebnis zu Ende</p></li>" for n in range(4))
    raw = doc(("<html lang='de'><head><title>Gespräche in Genf</title></head><body><article><h1>Gespräche in Genf</h1>"
               + "".join(f"<p>{p}</p>" for p in story) + f"<p><strong>{heading}</strong></p><ul>{others}</ul>"
               "<p>Deine Jobbörse: über 20.000 Stellen warten auf dich.</p></article></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.split("\n\n")[-1] == story[-1], body[-300:]


@pytest.mark.parametrize(("lang", "heading"), [("de", "Über den Autor"), ("en", "About the author"),
                                              ("ru", "Об авторе"), ("fr", "À propos de l'auteur")])
def test_the_writers_biography_under_its_heading_closing_the_page_is_no_text(lang: str, heading: str) -> None:
    # A trade magazine's guest column: after the article, "Über den Autor" and a paragraph on the lawyer.
    story = [f"Absatz {n}: Die Gespräche in Genf werden nächste Woche fortgesetzt, teilten Diplomaten beider "
             f"Seiten nach einem langen Verhandlungstag mit, an dem über die Sicherheit in Europa gesprochen wurde."
             for n in range(8)]
    raw = doc((f"<html lang='{lang}'><head><title>Gespräche in Genf</title></head><body><article><h1>Gespräche in Genf</h1>"
               + "".join(f"<p>{p}</p>" for p in story) + f"<h3>{heading}</h3><p>Anna Berger ist Rechtsanwältin in "
               "Hamburg und berät Verlage im Medienrecht.</p></article></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.split("\n\n")[-1] == story[-1], body[-300:]


@pytest.mark.parametrize(("site_header", "title"), [
    # Yahoo's layout: the headline in a <header> of its own, a slide show's captions each in an <h1>.
    ("<header class='canvas-header'><h1>Convoy seen near the border</h1></header>", "Convoy seen near the border"),
    # A logo in the site's header: no headline; the <title> is.
    ("<header class='site-header'><h1><a href='https://desk.example/'>Border Desk</a></h1></header>",
     "Convoy seen near the border at dawn"),
])
def test_a_slide_shows_caption_in_an_h1_is_no_headline(site_header: str, title: str) -> None:
    head = ("<title>Convoy seen near the border at dawn</title><meta property='og:site_name' content='Border Desk'>"
            "<meta property='og:title' content='Border Desk'>")
    body = (f"<body>{site_header}<article><div class='slideshow'><h1 class='slideshow-headline'>In this photo, trucks "
            f"wait at a checkpoint on the road south of the town, as seen from a hill.</h1></div>"
            f"<p>{FULL_STORY[0]}</p><p>{FULL_STORY[1]}</p></article></body>")
    assert page.parse(doc(f"<html><head>{head}</head>{body}</html>".encode())).entries[0].title == title


def test_a_chinese_pages_closing_box_and_lines_are_no_part_of_the_text() -> None:
    # Chinese portals close a story with a recommended-videos box, a rights notice under it, the
    # headline the story first ran under and the editor in charge.
    story = [f"第{n}段：北约外长会议在里加举行，各国外长讨论了乌克兰边境局势以及对俄罗斯的回应方案。" for n in range(8)]
    raw = doc(("<html lang='zh-CN'><head><title>北约外长会议在里加举行</title></head><body><div class='main'>"
               "<h1>北约外长会议在里加举行</h1>" + "".join(f"<p>{p}</p>" for p in story)
               + "<p>原标题：北约外长里加会晤</p><p>（责任编辑：王明）</p><h3>精彩视频推荐</h3>"
               "<p>【本文中文相关权益归本网独家所有。未经授权，不得转载。】</p></div></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.split("\n\n")[-1] == story[-1], body[-300:]


def test_a_japanese_pages_ranking_box_closing_it_is_no_part_of_the_text() -> None:
    # Asahi's "国際ランキング" box after the article: its heading and its list of other stories.
    story = [f"第{n}段落：ロシア軍がウクライナ国境付近に集結しており、米政府は同盟国と対応を協議している。" for n in range(8)]
    raw = doc(("<html lang='ja'><head><title>ロシア軍が国境に集結</title></head><body><div class='main'>"
               "<h1>ロシア軍が国境に集結</h1>" + "".join(f"<p>{p}</p>" for p in story)
               + "<h2>国際ランキング</h2><p>1. 北朝鮮、ミサイル発射か 防衛省が発表した内容の詳細について</p></div></body></html>").encode())
    body = normalize(page.parse(raw).entries[0], raw).body
    assert body.split("\n\n")[-1] == story[-1], body[-300:]


def test_an_articles_markup_kept_escaped_in_a_textarea_is_its_text() -> None:
    # Huanqiu's (Global Times Chinese): the article's markup in a <textarea> a script copies into the
    # page; the page's own markup holds only the site's columns.
    import html as html_module

    story = [f"第{n}段：俄美元首视频会晤结束后，围绕乌克兰问题的外交角力仍在继续，各方表态引发关注。" for n in range(6)]
    escaped = html_module.escape("".join(f"<p>{p}</p>" for p in story))
    raw = doc(("<html lang='zh-CN'><head><title>俄美会晤后外交角力持续</title></head><body><div class='l-con'>"
               "<h1>俄美会晤后外交角力持续</h1><div class='l-side'><ul><li><a href='/a'>热点新闻一</a></li>"
               "<li><a href='/b'>热点新闻二</a></li></ul></div>"
               f"<textarea class='article-content'>{escaped}</textarea><div class='la-con'></div></div>"
               "<form><textarea name='comment'></textarea></form></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == story


def test_a_self_media_posts_keywords_in_its_title_and_the_platforms_notice_are_left_out() -> None:
    # NetEase's layout: a <title> going on past the headline with the post's keywords and the
    # platform's name, each after a bar with no spaces; the platform's notice under the post.
    story = [f"第{n}段：研究团队开发出一种新的固态储氢材料，可以在常温下安全地储存和释放氢气。" for n in range(8)]
    raw = doc(("<html lang='zh-CN'><head><title>新型储氢材料问世|氢能|纳米|储氢_东都订阅</title>"
               "<meta property='og:title' content='新型储氢材料问世'></head><body><div class='post'>"
               "<h1>新型储氢材料问世</h1>" + "".join(f"<p>{p}</p>" for p in story)
               + "<p>特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。</p><p>Notice: The content "
               "above is uploaded and posted by a user, and the platform only provides information storage "
               "services.</p></div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.title == "新型储氢材料问世"
    assert item.body.split("\n\n") == story


def test_the_link_to_readers_contributions_closing_the_page_is_no_part_of_the_text() -> None:
    story = [f"Les dirigeants européens doivent se réunir jeudi, paragraphe {n}, pour parler de l'avenir de "
             "l'Union, a indiqué la Commission dans ses prévisions économiques publiées mardi." for n in range(8)]
    raw = doc(("<html lang='fr'><head><title>Les sombres perspectives de la Commission</title></head><body>"
               "<article><h1>Les sombres perspectives de la Commission</h1>" + "".join(f"<p>{p}</p>" for p in story)
               + "<section class='article__reactions'><p class='comments__tooltip'>Voir les contributions</p>"
               "</section></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == story


@pytest.mark.parametrize("wrapper", ["single single-post has-sidebar", "navbar-fixed-top", "no-sidebar comments-open",
                                     "site-content with-sidebar"])
def test_a_wrapper_named_for_what_is_beside_the_article_is_not_the_chrome(wrapper: str) -> None:
    # WordPress and Bootstrap name <body> and the article's wrappers for the sidebar, navbar or
    # comments beside it; the byline, date and lead inside were taken for the chrome's.
    story = "Negotiators left the talks without an agreement on the border, officials said. " * 10
    raw = doc((f"<html lang='en'><head><title>Talks</title></head><body class='{wrapper}'><div class='{wrapper}'>"
               "<article><h1>Talks</h1><span class='byline'>By Ann Writer</span>"
               "<span class='entry-date'>December 6, 2021</span><div class='standfirst'>The talks in Geneva ended "
               f"without a deal on Monday, both delegations said.</div><p>{story}</p></article></div>"
               "<div class='sidebar'><span class='date'>December 1, 2021</span><span class='byline'>By Bob Smith"
               "</span></div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert (item.author, item.published_at) == ("Ann Writer", datetime(2021, 12, 6, tzinfo=timezone.utc))
    assert item.body.startswith("The talks in Geneva ended without a deal")


def test_a_sidebar_beside_the_article_is_still_the_chrome() -> None:
    story = "Negotiators left the talks without an agreement on the border, officials said. " * 10
    raw = doc(("<html lang='en'><head><title>Talks</title></head><body><div class='sidebar'><span class='date'>"
               "December 1, 2021</span><span class='byline'>By Bob Smith</span></div>"
               f"<article><h1>Talks</h1><p>{story}</p></article></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert (item.author, item.published_at) == (None, None)


def test_readers_comments_and_the_kicker_named_in_another_language_are_no_part_of_the_text() -> None:
    # El Mundo: its kicker ("antetitulo") over the headline, its byline "Name | Place" in a "firma",
    # and its readers' comments under "comentarios", inside the article's own box.
    story = [f"La Guardia Civil ha detenido a dos miembros de la banda en un hotel de la ciudad, párrafo {n}, "
             "según fuentes de la investigación consultadas por este diario." for n in range(6)]
    raw = doc(("<html lang='es'><head><title>Cae la jefa del aparato militar</title>"
               "<meta name='author' content='elmundo.es'></head><body><div class='noticia desarrollo'>"
               "<p class='antetitulo'>En Macon, cerca de Lyon</p><h1>Cae la jefa del aparato militar</h1>"
               "<p class='firma'><em>Ángeles Escrivá</em> | <span class='localizacion'>Madrid</span></p>"
               "<div id='desarrollo_noticia'>" + "".join(f"<p>{p}</p>" for p in story)
               + "<div id='comentarios'><h3>Comentarios</h3><ol><li><p>Que la hagan un buen chequeo médico, que "
               "seguro que tiene alguna enfermedad y hay que mandarla a su casa.</p></li><li><p>La detención de la "
               "jefa de una organización que ya no tiene actividad es como para abrir la portada del diario?</p>"
               "</li></ol></div></div></div></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.body.split("\n\n") == story
    assert item.author == "Ángeles Escrivá"


@pytest.mark.parametrize("box", [
    # the site's appeals and offers set in the article, named for what they are
    "<div class='support-box'><p>Support the desk's journalism of integrity</p><p>Good journalism costs a lot of "
    "money, and only good journalism can keep a democracy accountable.</p></div>",
    "<div class='inline-donate'><p>Поддержите нас: мы работаем без цензуры благодаря вам.</p></div>",
    "<div class='paywall-prompt'><p>Ten artykuł przeczytasz z aktywną subskrypcją.</p></div>",
    "<div class='news-card__comments'><h3>Комментарии (12)</h3><p>Кто гость — тот зачем здесь</p></div>",
    # the offer to subscribe or become a member, in the region's words (Jutarnji's, 444's)
    "<div class='pretplata-box'><p>Pretplatite se: digitalna pretplata već od 29 kuna mjesečno.</p></div>",
    "<div class='membership-box'><p>Támogass minket rendszeresen!</p><a href='/tamogatas'>Támogatom</a></div>",
])
def test_a_box_of_the_sites_appeals_or_comments_in_the_article_is_no_part_of_its_text(box: str) -> None:
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    raw = doc((f"<html><head><title>Talks to go on</title></head><body><article><h1>Talks to go on</h1>"
               f"<div class='content'>{story}{box}</div></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == FULL_STORY


def test_a_storys_paragraphs_named_for_the_paywall_are_its_text() -> None:
    # Condé Nast's sites name every paragraph of the story "paywall" (the part a subscriber reads):
    # no name of a box to leave out, as a donation's box is.
    story = "".join(f"<p class='paywall'>{p}</p>" for p in FULL_STORY)
    assert extracted_text._not_text(parse_html(f"<html><body><article><h1>Talks</h1>{story}</article></body></html>")) is None
    donate = f"<html><body><article><h1>Talks</h1>{story}<div class='inline-donate'><p>Support us.</p></div></article></body></html>"
    assert extracted_text._not_text(parse_html(donate)) is not None


@pytest.mark.parametrize("shown, author", [
    # Die Zeit's e-paper: the section, a middle dot, then the writers.
    ("Politik · Jochen Bittner, Tina Hildebrandt", "Jochen Bittner, Tina Hildebrandt"),
    ("Ann Writer · 5 min read", "Ann Writer"),
    ("Иван Петров · Политика", "Иван Петров"),
    ("Ann Writer · Bob Reporter", "Ann Writer · Bob Reporter"),  # two parts of names: as it is
])
def test_the_names_among_a_bylines_parts_apart_by_middle_dots_are_the_author(shown: str, author: str) -> None:
    story = "The coalition's youth wing wants a debate about what socialism means today, its leader said. " * 4
    raw = doc((f"<html lang='de'><head><title>Socialism today</title></head><body><div class='article'>"
               f"<div class='article__author'>{shown}</div><div class='article__content'><h1>Socialism today</h1>"
               f"<p>{story}</p></div></div></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).author == author


def test_a_dialog_box_the_page_opens_on_a_click_is_no_part_of_the_text() -> None:
    # Yomiuri's box for a reader's note, hidden in the article until its button is pressed.
    raw = doc(("<html lang='en'><head><title>Convoy</title></head><body><article><h1>Convoy</h1>"
               "<div class='scrap-modal'><div class='scrap-modal-edit'><div>Write a note</div><div>- 400 characters at "
               "most</div></div><div class='scrap-modal-comp'><p>Done</p></div></div>"
               + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == FULL_STORY


def test_a_photos_box_with_its_caption_is_no_part_of_the_text() -> None:
    # El Mundo's: <div class="foto"><img><p>caption</p></div> among the paragraphs. A box so named
    # that holds more than a caption is text.
    story = [f"La Guardia Civil ha detenido a dos miembros de la banda en un hotel de la ciudad, párrafo {n}, "
             "según fuentes de la investigación consultadas por este diario." for n in range(6)]
    box = "<div class='foto'><img src='/i/lesaka.jpg' alt='Izaskun Lesaka.'><p>Izaskun Lesaka.</p></div>"
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    raw = doc((f"<html lang='es'><head><title>Cae la jefa</title></head><body><article><h1>Cae la jefa</h1>{box}"
               f"{paragraphs}</article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == story
    wrapped = (f"<html lang='es'><head><title>Cae la jefa</title></head><body><article><h1>Cae la jefa</h1>"
               f"<div class='fotos-y-texto'><img src='/i/a.jpg'>{paragraphs}</div></article></body></html>")
    raw = doc(wrapped.encode())
    assert normalize(page.parse(raw).entries[0], raw).body.split("\n\n") == story


def test_a_caption_named_so_beside_its_picture_is_left_out_before_the_text_is_looked_for() -> None:
    # An Indian broadcaster's: the picture in a <div>, its caption a <p class="story_img_caption">
    # after it, in the element that holds both. A "caption" with no picture near it is the page's own.
    figure = ("<div class='story_img'><div class='story_img_wrap'><img src='/i/talks.jpg' alt='Talks'></div>"
              "<p class='story_img_caption'>The two leaders spoke by phone on Sunday.</p></div>")
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    pruned = extracted_text._not_text(parse_html(f"<html><body><article><h1>Talks</h1>{figure}{story}</article></body></html>"))
    assert pruned is not None and "@class='story_img_caption'" in pruned[0]
    alone = "<div class='story_box'><p class='story_img_caption'>The two leaders spoke by phone on Sunday.</p></div>"
    assert extracted_text._not_text(parse_html(f"<html><body><article><h1>Talks</h1>{alone}{story}</article></body></html>")) is None


def test_baidus_own_json_ld_dates_a_chinese_page_and_a_teasers_time_does_not() -> None:
    # A games site: the headline and "2019-09-05 11:10 示例游戏[整理]" in an <aside>, Baidu's
    # "cambrian" JSON-LD with its pubDate closing the page, and a list of other stories under the
    # article, each <li> with its heading and a <time> of the next day.
    story = "".join(f"<p>第{n}段：玩家已经发现了每个庄园中安置的一批可以自由写字的全新院门，官方还亲自写了对联。</p>" for n in range(6))
    teasers = "".join(f"<li><img src='/t{n}.jpg'><h5>另一条新闻{n}</h5><p><time>2019-09-06</time><span>107</span></p></li>"
                      for n in range(3))
    baidu = ("<script type='application/ld+json'>{\"@context\": \"https://zhanzhang.baidu.com/contexts/cambrian.jsonld\", "
             "\"title\": \"逆水寒新版本上线\", \"pubDate\": \"2019-09-05T11:10:52\"}</script>")
    page_html = ("<html lang='zh-CN'><head><title>逆水寒新版本上线</title></head><body><section><aside><h1>逆水寒新版本上线</h1>"
                 "<span>2019-09-05 11:10 示例游戏[整理]</span></aside><article>" + story + "</article>"
                 f"<ul class='list-tp2'>{teasers}</ul>{baidu}</body></html>")
    assert _normalized(page_html).published_at == datetime(2019, 9, 5, 3, 10, 52, tzinfo=timezone.utc)  # Beijing's time
    # Without it, the line under the headline; not the other stories' day.
    assert _normalized(page_html.replace(baidu, "")).published_at == datetime(2019, 9, 5, 3, 10, tzinfo=timezone.utc)


def test_a_precise_reading_of_lists_or_comments_is_read_again_and_the_comments_notice_closes_the_text() -> None:
    # What trafilatura's precision kept of a Chinese portal's page: the headline, then the notice
    # over the readers' comments, the channels' list and the hot-news ranking; the article, in a
    # <div id="endText"> of short paragraphs, it left out. Read again, balanced, it is there.
    lists = ("比赛逆转取胜\n网友评论仅供其表达个人看法，并不表明示例网立场。\n为您推荐\n- 推荐\n- 娱乐\n- 体育\n"
             "- 163675某地封路？官方回应\n- 239523某高校热水涨价 校方回应")
    comments = ("比赛逆转取胜\n网友评论仅供其表达个人看法，并不表明示例网立场。\n" + "这场比赛打得真好看，希望下一场继续保持这样的状态，" * 8)
    article = "比赛逆转取胜\n" + "第三节还剩8分多钟，教练在场边叮嘱队员专注自己的发挥，随后球队逐渐扭转了局面。\n" * 6
    guancha = "- 示例标题 最后更新: 2019-09-07 " + "文章正文在一个列表项里，" * 30 + "\n- 推荐\n- 热点\n- 评论"
    assert extracted_text._mostly_list_items(lists) and extracted_text._running_text(lists) < extracted_text._LIST_ITEM_TEXT_CHARS
    assert extracted_text._opens_with_comments(comments) and not extracted_text._opens_with_comments(article)
    assert extracted_text._running_text(article) > extracted_text._MORE_RUNNING_TEXT * extracted_text._running_text(lists)
    # An article set in one long list item (guancha.cn's) is running text: not read again.
    assert extracted_text._mostly_list_items(guancha) and extracted_text._running_text(guancha) >= extracted_text._LIST_ITEM_TEXT_CHARS
    # The notice closes the text wherever it stands: no article says so.
    text = "第一段正文，比赛逆转取胜。\n\n第二段正文。\n\n网友评论仅供其表达个人看法，并不表明示例网立场。\n\n为您推荐\n\n- 推荐"
    assert furniture.without_furniture(text, None) == "第一段正文，比赛逆转取胜。\n\n第二段正文。"


def test_a_brief_that_a_precise_reading_left_for_the_sites_disclaimer_is_read_again() -> None:
    # A Chinese financial portal's brief: one paragraph with a link, in a <div> clipped to a
    # height. trafilatura's precision kept the login box's lines and the disclaimer under the page;
    # its balanced reading has the brief among the same lines. The brief is the text, alone.
    brief = ("本报11月26日讯，交通部门在今天上午的发布会上表示，城市群交通一体化建设进展顺利，"
             "下一步将加快建设区域综合交通网络，让快速铁路连通区域内所有地级以上城市，相邻城市之间基本形成两小时交通圈。")
    linked = brief.replace("交通一体化", "<a href='/f/1'>交通</a>一体化")
    nav = "".join(f"<li><a href='/c{n}'>频道{n}</a></li>" for n in range(12))
    hot = "".join(f"<li><a href='/n{n}'>热门新闻第{n}条：市场观察</a></li>" for n in range(10))
    page_html = ("<html><head><meta charset='utf-8'><title>交通部门：加快建设城市群综合交通网络-股票频道</title></head>"
                 f"<body><div class='nav'><ul>{nav}</ul></div>"
                 "<div class='login'><p>登录超时，稍后再试</p><p>免注册 快速登录</p></div>"
                 "<div class='layout'><div class='articleName'><h1>交通部门：加快建设城市群综合交通网络</h1>"
                 "<div class='tip'><span>2021-11-26 10:56:28</span> <a href='/'>示例报</a></div></div>"
                 "<div class='art_context'><div class='art_contextBox' style='visibility: visible; height: 500px; "
                 f"overflow: hidden;'><p style='text-indent:2em;'>{linked}</p>"
                 "<div style='text-align:right'>（责任编辑：编辑部）</div></div></div>"
                 f"<div class='hot'><h3>热门新闻排行榜</h3><ul>{hot}</ul></div></div>"
                 "<div class='statement'><p>【免责声明】本文仅代表作者本人观点，与示例网无关。示例网对文中陈述、观点判断保持"
                 "中立，不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证。请读者仅作参考，并请自行承担全部责任。</p>"
                 "</div></body></html>")
    assert _normalized(page_html).body == brief
    # What precision kept, and what the balanced reading gave besides the brief.
    kept = "登录超时，稍后再试\n免注册 快速登录\n【免责声明】本文仅代表作者本人观点，与示例网无关。"
    assert extracted_text._running_lines(kept) and not extracted_text._article_lines(kept)
    assert extracted_text._article_lines(f"登录超时，稍后再试\n{brief}\n【免责声明】本文仅代表作者本人观点。") == [brief]


def test_a_records_creation_gives_way_to_the_date_the_page_shows() -> None:
    # The Rhein-Neckar-Zeitung: its CMS's itemprop=dateCreated is 2019 (the record), the story shows
    # 12.10.2015, and the whole article sits in an <aside>.
    story = "Für einen Roman über die alte Bundesrepublik hat der Autor den Preis erhalten, teilte die Jury mit. " * 4
    raw = doc(("<html lang='de'><head><title>Buchpreis verliehen</title>"
               "<meta itemprop='dateCreated' content='2019-05-07T17:00:52+02:00'></head><body><main><aside>"
               "<section><header><h1>Buchpreis verliehen</h1><div class='nfy-ar-date'>12.10.2015, 19:16 Uhr</div>"
               f"</header><p>{story}</p></section></aside></main></body></html>").encode())
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2015, 10, 12, 17, 16, tzinfo=timezone.utc)  # Berlin's summer time
    shown_none = raw.body.replace(b"<div class='nfy-ar-date'>12.10.2015, 19:16 Uhr</div>", b"")
    item = normalize(page.parse(doc(shown_none)).entries[0], doc(shown_none))
    assert item.published_at == datetime(2019, 5, 7, 15, 0, 52, tzinfo=timezone.utc), "else the record's date"


@pytest.mark.parametrize("meta", ["<meta property='article:modified_time' content='2021-12-07T16:00:00+03:00'>",
                                  "<meta property='og:updated_time' content='2021-12-07T16:00:00+03:00'>"])
def test_a_pages_last_change_declared_in_its_meta_is_its_date_where_it_gives_none_else(meta: str) -> None:
    # The article was published no later, as with JSON-LD's dateModified (an empty publication meta beside it).
    story = "Жители приграничных сел сообщили о колонне бронетехники, двигавшейся ночью к границе. " * 4
    raw = doc((f"<html lang='ru'><head><title>Колонна у границы</title><meta property='article:published_time' content=''>"
               f"{meta}</head><body><article><h1>Колонна у границы</h1><p>{story}</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).published_at == datetime(2021, 12, 7, 13, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("facts, author", [
    ("<ul><li><strong>Date</strong> 19.01.2020</li><li><strong>Author</strong> Ben Knight</li></ul>", "Ben Knight"),
    ("<dl><dt>Автор</dt><dd>Олена Петренко</dd></dl>", "Олена Петренко"),
    ("<p><b>Author:</b> Ben Knight</p>", "Ben Knight"),
    ("<p><b>Author</b> of three books on colonial history, the historian spoke at the opening.</p>", None),
])
def test_an_author_under_a_label_of_its_own_is_the_pages(facts: str, author: str | None) -> None:
    # DW: the article's facts as a list, the author's name after a bold "Author".
    story = "The capital has launched a five-year project to mark its part in colonialism, officials said. " * 4
    raw = doc((f"<html lang='en'><head><title>Berlin confronts its past</title></head><body><article>"
               f"<h1>Berlin confronts its past</h1><p>{story}</p>{facts}</article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).author == author


def test_an_author_given_as_json_in_a_string_and_a_photo_credit_named_author() -> None:
    # The South China Morning Post's JSON-LD author is a JSON object written as a string; National
    # Geographic's photo credits sit in elements named "…__author".
    import json

    story = "The island was once thought doomed by goats and rats, but it is recovering, researchers said. " * 4
    ld = json.dumps({"@type": "NewsArticle", "headline": "Playbook", "author": '{ "@type":"Person", "name":"Alice Wu" }'})
    markup = (f"<html lang='en'><head><title>Playbook</title><script type='application/ld+json'>{ld}</script></head>"
              f"<body><article><h1>Playbook</h1><p>{story}</p></article></body></html>")
    assert page.parse(doc(markup.encode())).entries[0].author == "Alice Wu"
    markup = ("<html lang='en'><head><title>Goats</title></head><body><article><h1>Goats</h1><figure><img src='/g.jpg'>"
              "<div class='ngart-img__cont__author'>Photograph by Ed Marshall, Redonda Restoration Programme</div>"
              f"</figure><p>{story}</p></article></body></html>")
    assert page.parse(doc(markup.encode())).entries[0].author is None


def test_a_menu_bar_with_the_sites_logo_in_an_h1_is_still_the_chrome() -> None:
    # Its h1 is the logo (a link home, an image): today's date in it is not the article's.
    story = "Negotiators left the talks without an agreement on the border, officials said. " * 10
    for logo in ("<h1 class='logo'>The Desk</h1>", "<h1><a href='/'>The Desk</a></h1>", "<h1><img src='/l.png'></h1>"):
        raw = doc((f"<html lang='en'><head><title>Talks stall</title></head><body><div class='menu-bar'>{logo}"
                   "<span class='date'>Monday, 6 December 2021</span></div><article><h1>Talks stall</h1>"
                   f"<p>{story}</p></article></body></html>").encode())
        assert normalize(page.parse(raw).entries[0], raw).published_at is None, logo


def test_links_in_a_text_run_beside_an_empty_box_stay_in_their_sentences() -> None:
    # The Times of India's article: its paragraphs are one <div>'s text between <br>s, with topic
    # links in the sentences and an empty box (for comments, named in the site's own code) among
    # them; its <h1> worded apart from the og:title, which is taken as the title.
    lines = ["KYIV: In what is being read as a warning to the visiting envoy <a href='/topic/Jake-Sullivan'>Jake "
             "Sullivan</a>, officials on Tuesday restated their position on the talks and said that Kyiv and "
             "<a href='/topic/Brussels'>Brussels</a> would keep to the agreed schedule.",
             "The statement came ahead of a round of consultations expected between December 11 and 13, and it "
             "was the first since the foreign ministers met in Stockholm earlier this month.",
             "Diplomats said the wording was chosen with care, and that no new proposals would be tabled before "
             "the consultations open in Geneva next week."]
    page_html = ("<html lang='en'><head><meta property='og:title' content='Border talks: Kyiv restates its position "
                 "before the Sullivan visit'><title>Kyiv restates position | Desk News</title></head><body>"
                 "<h1 class='headline'>Kyiv restates its position before envoy visit</h1>"
                 "<div class='story clearfix'>" + " <br>".join(lines[:2]) + " <div class='_1Hw00'></div><br>"
                 + lines[2] + "</div></body></html>")
    item = _normalized(page_html)
    assert item.title == "Border talks: Kyiv restates its position before the Sullivan visit"
    assert item.body.split("\n\n") == [
        "KYIV: In what is being read as a warning to the visiting envoy Jake Sullivan, officials on Tuesday restated "
        "their position on the talks and said that Kyiv and Brussels would keep to the agreed schedule.",
        lines[1], lines[2]], item.body[:400]


def test_the_time_of_the_last_update_dates_a_page_that_shows_no_other() -> None:
    # The Times of India's byline: the writer, the wire, then the time of the last update in India's time.
    byline = ("<div class='byline'><span><a href='/toireporter/author-anna-writer.cms'>Anna Writer</a></span>"
              " | TNN | Updated: Dec 6, 2021, 11:05 IST</div>")
    page_html = (f"<html lang='en'><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>{byline}"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")
    item = _normalized(page_html)
    assert item.published_at == datetime(2021, 12, 6, 5, 35, tzinfo=timezone.utc)
    # A date the page declares stands before it.
    declared = page_html.replace("<title>", "<meta property='article:published_time' content='2021-12-06T04:00:00Z'><title>")
    assert _normalized(declared).published_at == datetime(2021, 12, 6, 4, 0, tzinfo=timezone.utc)
    # So does a date the page shows under a publication's label, wherever the update's time stands.
    shown = page_html.replace("</h1>", "</h1><p>Updated: Dec 7, 2021, 09:00 IST</p><p>Published: Dec 6, 2021, 08:00 IST</p>")
    assert _normalized(shown).published_at == datetime(2021, 12, 6, 2, 30, tzinfo=timezone.utc)


def test_a_byline_set_as_a_nav_beside_the_headline_signs_the_article() -> None:
    # NDTV's: under the headline and the lead, a <nav> whose items are the section, "Edited by" the
    # author (microdata) and the time of the update, run together in the text without the site's
    # separators; the site's own menu, a <nav> too, stays chrome.
    byline = ("<nav class='pst-by'><div class='pst-by_ul'><span class='pst-by_li'><a href='/world'>World</a></span>"
              "<span class='pst-by_li'>Edited by <a href='/topic/anna-writer'><span itemprop='author' itemscope "
              "itemtype='https://schema.org/Person'><span itemprop='name'>Anna Writer</span></span></a> (with inputs "
              "from Agencies)</span><span class='pst-by_li'><span itemprop='dateModified' content='2021-12-06T15:49:34+05:30'>"
              "Updated: December 06, 2021 03:49 pm IST</span></span></div></nav>")
    menu = "<nav class='menu'><span itemprop='author'>Desk Staff</span><a href='/'>Home</a></nav>"
    page_html = (f"<html lang='en'><head><title>Talks resume in Geneva</title></head><body>{menu}<section class='col-9'>"
                 "<div class='sp-hd'><div class='sp-ttl-wrp'><h1>Talks resume in Geneva</h1></div>"
                 f"<h2 class='sp-descp'>{FULL_STORY[0]}</h2>{byline}</div><div class='sp-cn'>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY[1:]) + "</div></section></body></html>")
    assert _normalized(page_html).author == "Anna Writer"


def test_a_byline_line_with_the_time_among_the_first_paragraphs_is_no_text() -> None:
    # NDTV's byline's parts, run together in the text without the site's separators.
    byline = ("<p class='pst-by'><span><a href='/world'>World</a></span><span>Edited by <a href='/topic/anna-writer'>"
              "<span itemprop='author'>Anna Writer</span></a> (with inputs from Agencies)</span><span>Updated: "
              "December 06, 2021 03:49 pm IST</span></p>")
    page_html = ("<html lang='en'><head><title>Talks resume in Geneva</title></head><body><article>"
                 f"<h1>Talks resume in Geneva</h1><h2>{FULL_STORY[0]}</h2>{byline}"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY[1:]) + "</article></body></html>")
    item = _normalized(page_html)
    assert item.author == "Anna Writer"
    assert item.body.split("\n\n") == FULL_STORY, item.body[:300]
    # A paragraph of the story that names the writer is no byline.
    told = page_html.replace(FULL_STORY[1], "Anna Writer reported from the border on December 6, 2021.")
    assert "Anna Writer reported from the border on December 6, 2021." in _normalized(told).body


def test_a_json_ld_headline_takes_the_quotation_marks_the_page_shows() -> None:
    # RIA Novosti's: JSON-LD writes 'голубая Луна' (sparing the escapes), its og:title "голубая Луна".
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Редкая 'голубая Луна' взойдет 31 мая"}, ensure_ascii=False)
    page_html = ("<html lang='ru'><head><meta property='og:title' content='Редкая \"голубая Луна\" взойдет 31 мая'>"
                 f"<script type='application/ld+json'>{ld}</script></head><body><article><h1>Второе полнолуние мая</h1>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")
    assert _normalized(page_html).title == 'Редкая "голубая Луна" взойдет 31 мая'
    # A headline another title gives with the same marks keeps them, whatever the <h1> shows.
    same = page_html.replace("content='Редкая \"голубая Луна\" взойдет 31 мая'",
                             "content=\"Редкая 'голубая Луна' взойдет 31 мая\"")
    same = same.replace("<h1>Второе полнолуние мая</h1>", "<h1>Редкая «голубая Луна» взойдет 31 мая</h1>")
    assert _normalized(same).title == "Редкая 'голубая Луна' взойдет 31 мая"
    # A headline that dropped the marks the page shows takes them back (20minutos' JSON-LD).
    dropped = page_html.replace("'голубая Луна' взойдет", "голубая Луна взойдет")
    assert _normalized(dropped).title == 'Редкая "голубая Луна" взойдет 31 мая'


JAPANESE_STORY = [
    "【12月6日 Desk】ウクライナ国境付近にロシア軍の部隊が集結していると、衛星画像を分析した民間企業が6日明らかにした。",
    "同社によると、国境から約40キロの演習場に戦車や自走砲が新たに配置され、宿営用のテントも増えている。",
    "ウクライナ政府は警戒を強めており、欧米諸国との協議を続けていると述べた。",
]


def _japanese_page(title_tag: str, header: str) -> str:
    return ("<html lang='ja'><head><meta property='og:title' content='ロシア軍、国境付近に集結'>"
            f"<title>{title_tag}</title></head><body><header><a href='/'><h1 class='hide-text'>国際ニュース：Desk News"
            f"</h1></a></header><article><header><h1 class='title'>ロシア軍、国境付近に集結</h1>{header}</header>"
            "<h2 class='hide-text'>このニュースをシェア</h2>"
            + "".join(f"<p>{p}</p>" for p in JAPANESE_STORY) + "</article></body></html>")


def test_a_headline_the_h1_shows_whole_is_not_taken_longer_from_the_title() -> None:
    # AFPBB's <title> goes on after the headline with ideographic spaces ("写真3枚", the site's name):
    # the og:title the <h1> shows as it is was no headline cut short.
    page_html = _japanese_page("ロシア軍、国境付近に集結\u3000写真3枚\u3000国際ニュース：Desk News", "")
    assert _normalized(page_html).title == "ロシア軍、国境付近に集結"


def test_a_japanese_date_line_with_the_dateline_after_it_dates_the_page() -> None:
    # In a <span class="day">, the date and time, then the place the story was filed from and its places.
    header = ("<div><span class='day'>2021年12月6日 10:15\u3000<span class='location'>発信地：キエフ/ウクライナ "
              "[ <a href='/c/ua'>ウクライナ</a> <a href='/c/eu'>ヨーロッパ</a> ]</span></span></div>")
    item = _normalized(_japanese_page("ロシア軍、国境付近に集結：Desk News", header))
    assert item.published_at == datetime(2021, 12, 6, 1, 15, tzinfo=timezone.utc)  # Tokyo's time, by its language
    # A date that opens a sentence is no date line.
    from monitor.dates import date_in

    assert date_in("2021年12月6日 10:15 発信地：キエフ/ウクライナ [ ウクライナ ヨーロッパ ]", ("ja",)) == "2021年12月6日 10:15"
    assert date_in("2021年12月6日に政府が発表した新しい方針について説明があった", ("ja",)) is None


@pytest.mark.parametrize("hidden", [
    "<h2 class='hide-text'>このニュースをシェア</h2>", "<h2 class='visually-hidden'>Share this article</h2>",
    "<span class='sr-only'>Skip to the article</span>", "<div class='screen-reader-text'>Advertisement</div>",
])
def test_text_only_a_screen_reader_reads_is_no_part_of_the_article(hidden: str) -> None:
    page_html = ("<html lang='en'><head><title>Talks resume in Geneva</title></head><body><article>"
                 f"<h1>Talks resume in Geneva</h1>{hidden}" + "".join(f"<p>{p}</p>" for p in FULL_STORY)
                 + "</article></body></html>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY
    assert _normalized(_japanese_page("ロシア軍、国境付近に集結：Desk News", "")).body.split("\n\n") == JAPANESE_STORY


SPANISH_STORY = [
    "El pleno del Consell aprobó este martes el presupuesto del próximo año tras una sesión que se alargó "
    "hasta bien entrada la noche.",
    "La oposición votó en contra y anunció que presentará enmiendas a la totalidad en las próximas semanas, "
    "mientras el Govern defendió las cuentas como las más sociales de la legislatura.",
    "Las partidas de vivienda y transporte público crecen un doce por ciento respecto al ejercicio anterior.",
    "El texto pasará ahora al Parlament, donde los grupos tendrán un mes para presentar sus propuestas.",
]


def test_the_sites_name_linked_in_the_h1_and_a_comment_form_closing_the_page_are_no_part_of_the_article() -> None:
    # Ultima Hora's: its <h1> holds the headline and a link to its edition's front page, whose name
    # is the last part of the <title>; under the article, the comment form's heading and its rules.
    page_html = ("<html lang='es'><head><title>El Consell aprueba el presupuesto de 2022 tras una sesión maratoniana "
                 "» Local » Noticias » Diario Insular</title></head><body><div id='main'><div class='article'>"
                 "<h1><span class='define'>El Consell aprueba el presupuesto de 2022 tras una sesión maratoniana</span>"
                 "<a title='Volver a la portada' href='/mallorca.html'>Diario Insular</a></h1>"
                 + "".join(f"<p>{p}</p>" for p in SPANISH_STORY)
                 + "<div class='box'><h2>Comentar</h2><span>Normas de uso</span><ul>"
                 "<li>Los comentarios son la opinión de los lectores, no de este diario.</li>"
                 "<li>No se admiten comentarios injuriosos o contrarios a la ley.</li></ul></div></div></div></body></html>")
    item = _normalized(page_html)
    assert item.title == "El Consell aprueba el presupuesto de 2022 tras una sesión maratoniana"
    assert item.body.split("\n\n") == SPANISH_STORY, item.body


DESCRIPTION_AS_HEADLINE = "psychological phenomenon in which repetition makes a word lose its meaning for a while"


def _wiki(page_title: str) -> str:
    import json

    ld = json.dumps({"@type": "Article", "name": "Semantic satiation", "headline": DESCRIPTION_AS_HEADLINE,
                     "url": "https://encyclopedia.example/wiki/Semantic_satiation"})
    return (f"<html><head>{page_title}<script type='application/ld+json'>{ld}</script></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")


@pytest.mark.parametrize(("page_title", "title"), [
    # Wikipedia's JSON-LD: the article's description as its headline, its title as its name, which the
    # <title> or, with none, the address's last part spells.
    ("<title>Semantic satiation - Encyclopedia</title>", "Semantic satiation"),
    ("", "Semantic satiation"),
    # A headline the page's titles spell stands.
    (f"<title>{DESCRIPTION_AS_HEADLINE} - Encyclopedia</title>", DESCRIPTION_AS_HEADLINE),
])
def test_a_json_ld_headline_no_title_of_the_page_spells_gives_way_to_its_name(page_title: str, title: str) -> None:
    assert page.parse(doc(_wiki(page_title).encode())).entries[0].title == title


def test_the_contributors_of_a_share_box_sign_the_article_but_a_pictures_credit_does_not() -> None:
    # National Geographic's byline sits in its share box; the picture's credit comes first.
    page_html = ("<html lang='en'><head><title>Goats ruled this island for a century</title></head><body><article>"
                 "<h1>Goats ruled this island for a century</h1><figure><img src='/i.jpg'><div class='ngart-img__cont__author'>"
                 "Ed Marshall, Restoration Programme</div></figure><div class='ng-sharekit'><div class='ng-sharekit__share'>"
                 "Share</div><div class='ng-sharekit__contributors'><div class='ng-sharekit__contributors--author'>By "
                 "<span>Ann Writer</span></div></div></div>" + "".join(f"<p>{p}</p>" for p in FULL_STORY)
                 + "</article></body></html>")
    assert page.parse(doc(page_html.encode())).entries[0].author == "Ann Writer"


def test_a_date_in_a_header_named_element_that_holds_the_headline_is_the_articles() -> None:
    # Xinhua's: no <article>; its <div class="header"> holds the headline, the time in parts and the
    # source; the site's clock in a <header role="banner"> would not count.
    page_html = ("<html lang='zh'><head><meta charset='utf-8'><title>边境局势紧张 外交努力继续-新华网</title></head><body>"
                 "<div class='header domPC'><div class='header-top'><a href='/'>新华网</a> &gt; 正文</div>"
                 "<div class='header-cont'><div class='header-time left'><span class='year'><em> 2021</em></span>"
                 "<span class='day'><em> 12</em>/<em> 06</em></span><span class='time'> 10:15:00</span></div>"
                 "<div class='source'>来源：新华网</div><div class='head-line'><h1><span class='title'>边境局势紧张 外交努力继续"
                 "</span></h1></div></div></div><div class='main'><div id='detail'><p>"
                 + "据报道，边境附近的军事集结仍在继续，多国外交官呼吁各方保持克制并通过谈判解决分歧。" * 6
                 + "</p></div></div></body></html>")
    item = _normalized(page_html)
    assert item.title == "边境局势紧张 外交努力继续"
    assert item.published_at == datetime(2021, 12, 6, 2, 15, tzinfo=timezone.utc)  # Beijing's time, by its language


def test_a_date_in_a_header_named_element_just_over_the_headline_is_the_articles() -> None:
    # VnExpress's: <div class="header-content"> holds the section's links and the date, then the <h1>,
    # the story in an <article> after them.
    story = ("<p>Điện Kremlin cho biết Tổng thống Nga sẽ đề nghị người đồng cấp Mỹ bảo đảm rằng liên minh không mở rộng "
             "thêm về phía đông trong cuộc điện đàm dự kiến diễn ra vào tối nay.</p>") * 4
    page_html = ("<html lang='vi'><head><meta charset='utf-8'><title>Điện đàm Nga - Mỹ - VnExpress</title></head><body>"
                 "<header><a class='logo'>VnExpress</a></header><section class='page-detail'><div class='sidebar-1'>"
                 "<div class='header-content'><ul class='breadcrumb'><li><a>Thế giới</a></li></ul>"
                 "<span class='date'>Thứ ba, 7/12/2021, 14:32 (GMT+7)</span></div><h1 class='title-detail'>Điện đàm Nga - Mỹ"
                 f"</h1><article class='fck_detail'>{story}</article></div></section></body></html>")
    assert _normalized(page_html).published_at == datetime(2021, 12, 7, 7, 32, tzinfo=timezone.utc)


def test_a_date_in_a_metadata_box_beside_a_count_keeps_its_time() -> None:
    # Zaxid's and Fontanka's: the box named for metadata holds the date and the count of views, whose
    # texts had run together ("14:321 204"), the day alone read.
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    page_html = ("<html lang='uk'><head><title>Переговори тривають</title></head><body><article><h1>Переговори тривають"
                 "</h1><div class='article_meta'><span class='date'>07 грудня 2021, 14:32</span><span class='views'>1 204"
                 f"</span></div>{story}</article></body></html>")
    assert _normalized(page_html).published_at == datetime(2021, 12, 7, 12, 32, tzinfo=timezone.utc)


_ARTICLE = ("The foreign minister said on Tuesday that the talks at the border would go on next week in Geneva, "
            "despite reports that more troops had been moved there overnight. ") * 4


def _described(description: str, text: str = _ARTICLE, lang: str = "en") -> str:
    raw = doc((f"<html lang='{lang}'><head><title>Talks go on - Desk News</title>"
               f"<meta property='og:site_name' content='Desk News'><meta name='description' content='{description}'>"
               f"</head><body><article><h1>Talks go on</h1><p>{text}</p></article></body></html>").encode())
    return normalize(page.parse(raw).entries[0], raw).summary


@pytest.mark.parametrize("tagline", [
    "Latest news from Ukraine and the world: politics, economy, sport - Desk News",  # naming the site
    "Breaking stories, analysis and opinion on politics, economy, culture and sport",  # sharing no word
])
def test_a_sites_tagline_in_a_pages_head_is_not_its_summary(tagline: str) -> None:
    # Every page of the site carries it: its words were every item's summary, where rules found them.
    assert _described(tagline) == ""


@pytest.mark.parametrize(("description", "text", "lang"), [
    ("The minister said talks would go on next week despite troop movements.", _ARTICLE, "en"),
    # a teaser asking its question in its own words, sharing one of the text's
    ("What does it mean for Europe and its allies? Our correspondent explains the talks.", _ARTICLE, "en"),
    # inflected otherwise than the text
    ("Министр заявил о продолжении переговоров в Женеве на следующей неделе",
     "Министр иностранных дел заявил, что переговоры продолжатся в Женеве на следующей неделе. " * 8, "ru"),
    # a text too short to tell by
    ("Breaking stories, analysis and opinion on politics, economy, culture and sport", "Talks go on in Geneva.", "en"),
])
def test_an_articles_own_description_is_its_summary(description: str, text: str, lang: str) -> None:
    assert _described(description, text, lang) == description


@pytest.mark.parametrize("signature", [
    '<div id="penulis">Penulis: <a href="/penulis/budi">Budi Santoso</a></div>',  # Tribun's
    '<h6>Penulis <a href="https://desk.example/penulis/budi">Budi Santoso</a></h6>',  # Kompas's: a link to the writer's page
    '<div class="szerzo"><a href="/szerzo/budi">Budi Santoso</a></div>',  # Index.hu's
    # the USA TODAY network's: an unnamed element, the link to the writer's staff page
    '<div class="gnt_ar_by"><a class="gnt_ar_by_a" href="/staff/2648271001/budi-santoso/">Budi Santoso</a>'
    '<div class="gnt_ar_by_ph">Desk Star</div></div>',
])
def test_a_writers_element_named_in_another_language_signs_the_page(signature: str) -> None:
    raw = doc((f"<html lang='id'><head><title>Harga beras naik</title></head><body><article><h1>Harga beras naik</h1>"
               f"{signature}<p>{_ARTICLE}</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).author == "Budi Santoso"


@pytest.mark.parametrize("title_tag", ["Talks go on in Geneva Halaman all - Desk.com", "Talks go on in Geneva Halaman all",
                                       "Talks go on in Geneva - Page 2 | Desk.com"])
def test_a_paginated_storys_page_number_is_no_part_of_its_title(title_tag: str) -> None:
    raw = doc((f"<html lang='en'><head><title>{title_tag}</title><meta property='og:site_name' content='Desk.com'>"
               f"</head><body><article><p>{_ARTICLE}</p></article></body></html>").encode())
    assert normalize(page.parse(raw).entries[0], raw).title == "Talks go on in Geneva"


def test_a_press_releases_boilerplate_under_its_news_is_no_text() -> None:
    news = ["Desk Logistics said on Tuesday it would open a new distribution centre in Indianapolis next year.",
            "The company expects the site to employ about 300 people when it reaches full capacity.",
            "Construction is due to begin in the spring, pending final approval from the city."]
    text = "\n\n".join(news + ["About Desk Logistics", "Desk Logistics is a privately held logistics company founded in 2009.",
                               "Forward-Looking Statements", "This press release contains forward-looking statements.",
                               "Media Contact:", "Jordan Pike"])
    assert furniture.without_furniture(text, None) == "\n\n".join(news)
    # a heading "About …" over other words than its name's is the article's own
    own = "\n\n".join(news[:2] + ["About Indianapolis", "The city has grown fast in the past decade.", news[2]])
    assert furniture.without_furniture(own, None) == own


def test_a_video_pages_upload_date_is_its_date_where_it_declares_no_article() -> None:
    video = ('{"@context": "https://schema.org", "@type": "VideoObject", "name": "Swan freed from the ice", '
             '"uploadDate": "2021-12-07T11:25:00Z", "description": "Crews freed the swan."}')
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    page_html = (f"<html lang='uk'><head><title>Swan freed from the ice</title><script type='application/ld+json'>"
                 f"{video}</script></head><body><article><h1>Swan freed from the ice</h1>{story}</article></body></html>")
    assert _normalized(page_html).published_at == datetime(2021, 12, 7, 11, 25, tzinfo=timezone.utc)
    # beside an article's own data, the article's date stands
    article = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Swan freed from the ice", '
               '"datePublished": "2021-12-07T09:00:00Z"}')
    both = page_html.replace("</head>", f"<script type='application/ld+json'>{article}</script></head>")
    assert _normalized(both).published_at == datetime(2021, 12, 7, 9, 0, tzinfo=timezone.utc)


def test_a_short_closing_block_with_a_link_keeps_its_sentence() -> None:
    # trafilatura's precision deletes a <div> that closes its siblings, holds a link and has under
    # 200 characters, whatever it says: an article's last paragraph set in a <div> with a link in
    # its sentence, and a live blog's oldest entry under its time's permalink.
    story = ["The regional council approved the new bus timetable on Tuesday after a two-hour debate in the chamber.",
             "Services on the busiest routes will run every ten minutes at peak times from January, up from every fifteen.",
             "Opposition councillors said the change did nothing for villages that have lost their only daily service."]
    closing = "Mayor Jane Doe said in a statement that a review of rural routes would begin in February."
    linked = closing.replace("statement", "<a href='/statement'>statement</a>")
    tags = "<div class='tags'><span>Topics:</span> <a href='/t/buses'>Buses</a> <a href='/t/council'>Council news</a></div>"
    page_html = ("<html lang='en'><head><title>Council approves new bus timetable</title></head><body><main><article>"
                 "<h1>Council approves new bus timetable</h1>" + "".join(f"<div class='para'>{p}</div>" for p in story)
                 + f"<div class='para'>{linked}</div></article>{tags}</main></body></html>")
    assert _normalized(page_html).body.split("\n\n") == [*story, closing]
    entries = [f"Entry {n}: health officials in the region identified a further {n + 20} cases of the new variant today."
               for n in range(3)]
    blocks = "".join(f"<div class='block' id='b{n}'><p class='block-time'><a href='#b{n}'>1{4 - n}.20 GMT</a></p>"
                     f"<div class='block-elements'><p>{entry}</p></div><div class='share'><a href='/fb'>Facebook</a>"
                     "<a href='/tw'>Twitter</a></div></div>" for n, entry in enumerate(entries))
    live = ("<html lang='en'><head><title>Covid live: booster uptake climbs</title></head><body><main><article>"
            f"<h1>Covid live: booster uptake climbs</h1><div class='liveblog-body'>{blocks}</div></article></main></body></html>")
    assert _normalized(live).body.split("\n\n") == entries
    # A closing box of links is not a sentence: the page's markup is given to trafilatura as it is.
    root = parse_html(page_html.replace(linked, "Read more: <a href='/x'>Rural bus routes face cuts as costs rise again</a>"))
    assert list(map(extracted_text._reads_as_prose, extracted_text._short_closing_blocks(root))) == [False, False]
    # Nor is a box named for the site's chrome, whatever sentence it holds (France 24's newsletter offer).
    promo = ("<div class='o-self-promo'><p>The daily newsletter brings you the essential news of the day every morning. "
             "<a href='/newsletter'>Subscribe</a></p></div>")
    blocks = extracted_text._short_closing_blocks(parse_html(page_html.replace(tags, promo)))
    assert [block.get("class") for block in blocks] == ["para"]


def test_a_script_built_pages_article_is_read_from_its_state() -> None:
    # A Next.js page whose markup is an empty shell: the article, its writer and date are in its
    # __NEXT_DATA__, the object that holds the headline, its text in blocks of HTML.
    import json

    title = "Власти Петербурга продлили ограничения для непривитых до февраля"
    story = ["Губернатор подписал постановление о продлении ограничений для посетителей ресторанов и театров без QR-кода.",
             "Исключение по-прежнему сделано для детей до восемнадцати лет и людей с медицинскими противопоказаниями.",
             "В Смольном пояснили, что решение принято из-за роста заболеваемости в городе."]
    state = {"props": {"pageProps": {
        "menu": [{"title": "Новости", "href": "/news"}],
        "article": {"id": 81234, "title": title, "lead": "", "publishedAt": "2021-12-07T13:15:00+03:00",
                    "authors": [{"name": "Глеб Сорокин"}],
                    "blocks": [{"type": "paragraph", "html": f"<p>{p}</p>"} for p in story],
                    "related": [{"title": "Другая новость", "lead": "Совсем другая новость о погоде в городе на выходных."}],
                    # other stories under a name no list of the kind has (Il Sole 24 Ore's "correlati")
                    "correlati": [{"titolo": "Газ снова подорожал до ста евро за мегаватт-час", "url": "/a/2"}]}}},
        "page": "/news/[slug]"}
    shell = (f"<html lang='ru'><head><title>{title} — Бумага</title><meta property='og:title' content='{title}'>"
             "<meta property='og:site_name' content='Бумага'></head><body><div id='__next'></div>"
             f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state, ensure_ascii=False)}</script>"
             "</body></html>")
    item = _normalized(shell)
    assert item.body.split("\n\n") == story
    assert item.author == "Глеб Сорокин"
    assert item.published_at == datetime(2021, 12, 7, 10, 15, tzinfo=timezone.utc)
    # A page that shows its article: its markup's text, whatever its state holds.
    shown = shell.replace("<div id='__next'></div>", "<div id='__next'><article><h1>" + title + "</h1>"
                          + "".join(f"<p>{p} Это видно на странице.</p>" for p in story) + "</article></div>")
    assert _normalized(shown).body.split("\n\n") == [f"{p} Это видно на странице." for p in story]


@pytest.mark.parametrize("assignment", ["window.__INITIAL_STATE__ = {};", "window.__PRELOADED_STATE__=JSON.parse({});"])
def test_a_script_built_pages_article_is_read_from_a_state_assigned_as_json(assignment: str) -> None:
    # A Vue or Redux page's shell: its state assigned in a script, as an object or a string of JSON.
    import json

    title = "Власти Петербурга продлили ограничения для непривитых до февраля"
    story = ["Губернатор подписал постановление о продлении ограничений для посетителей ресторанов и театров без QR-кода.",
             "Исключение по-прежнему сделано для детей до восемнадцати лет и людей с медицинскими противопоказаниями.",
             "В Смольном пояснили, что решение принято из-за роста заболеваемости в городе."]
    state = {"article": {"title": title, "publishedAt": "2021-12-07T13:15:00+03:00", "authors": [{"name": "Глеб Сорокин"}],
                         "blocks": [{"type": "paragraph", "text": p} for p in story]}}
    written = json.dumps(state, ensure_ascii=False)
    script = assignment.format(written if "JSON.parse" not in assignment else json.dumps(written, ensure_ascii=False))
    shell = (f"<html lang='ru'><head><title>{title} — Бумага</title><meta property='og:title' content='{title}'>"
             "</head><body><div id='app'></div>"
             f"<script>{script}</script></body></html>")
    item = _normalized(shell)
    assert (item.body.split("\n\n"), item.author) == (story, "Глеб Сорокин")
    # TASS's state names its time "published_dt", a Unix time.
    state["article"]["published_dt"] = 1638785100
    del state["article"]["publishedAt"]
    written = json.dumps(state, ensure_ascii=False)
    script = assignment.format(written if "JSON.parse" not in assignment else json.dumps(written, ensure_ascii=False))
    item = _normalized(shell.replace(shell[shell.index("<script>"):shell.index("</script>")], f"<script>{script}"))
    assert item.published_at == datetime(2021, 12, 6, 10, 5, tzinfo=timezone.utc)


def test_a_states_sections_each_a_heading_over_its_paragraphs_are_the_articles() -> None:
    import json

    title = "Власти Петербурга продлили ограничения для непривитых до февраля"
    story = ["Губернатор подписал постановление о продлении ограничений для посетителей ресторанов и театров без QR-кода.",
             "Исключение по-прежнему сделано для детей до восемнадцати лет и людей с медицинскими противопоказаниями.",
             "В Смольном пояснили, что решение принято из-за роста заболеваемости в городе."]
    state = {"props": {"pageProps": {"article": {"title": title, "content": [
        {"heading": "Что решили власти города", "paragraphs": story[:2]}, {"heading": "Почему решение принято сейчас", "paragraphs": story[2:]}]}}}}
    shell = (f"<html lang='ru'><head><title>{title}</title><meta property='og:title' content='{title}'></head><body>"
             f"<div id='__next'></div><script id='__NEXT_DATA__' type='application/json'>{json.dumps(state, ensure_ascii=False)}"
             "</script></body></html>")
    body = _normalized(shell).body
    assert all(paragraph in body for paragraph in story)


def test_an_arc_xp_shells_story_is_read_from_its_fusion_state() -> None:
    # Infobae's: the markup shows the headline and the dek (the page's description) only; the story is
    # in "Fusion.globalContent", its headline one level down, its paragraphs its "content_elements".
    import json

    title = "Rusia acusó a la OTAN de provocar tensiones en la frontera"
    dek = ("El canciller ruso exigió garantías por escrito de que la Alianza no se expandirá hacia el este. "
           "Washington insiste en que las puertas de la organización siguen abiertas")
    story = ["El ministro de Exteriores de Rusia acusó este miércoles a la Alianza Atlántica de alimentar la tensión en "
             "Europa del Este y exigió compromisos por escrito.",
             "Durante una rueda de prensa en Moscú, sostuvo que los ejercicios militares en el mar Negro constituyen una "
             "provocación directa que obliga al Kremlin a reforzar sus defensas.",
             "Las declaraciones llegan un día después de la videoconferencia entre los presidentes de ambos países."]
    content = {"_id": "7YQ2", "type": "story", "headlines": {"basic": title}, "subheadlines": {"basic": dek},
               "credits": {"by": [{"_id": "afp", "name": "AFP", "type": "author"}]},
               "display_date": "2021-12-08T14:22:10.512Z",
               "content_elements": [{"type": "text", "content": story[0]}, {"type": "text", "content": story[1]},
                                    {"type": "image", "url": "https://img.example/a.jpg", "caption": "El ministro ruso."},
                                    {"type": "text", "content": story[2]}],
               "related_content": {"basic": [{"headlines": {"basic": "Otra noticia sobre la frontera de Ucrania hoy"}}]}}
    shell = (f"<html lang='es'><head><title>{title} - Infobae</title><meta name='description' content='{dek}'></head>"
             f"<body><div id='fusion-app'><h1>{title}</h1><h2 class='article-subheadline'>{dek}</h2></div>"
             f"<script>Fusion.globalContent={json.dumps(content, ensure_ascii=False)};Fusion.globalContentConfig="
             "{\"source\":\"content-api\"};</script></body></html>")
    item = _normalized(shell)
    assert item.body.split("\n\n")[-3:] == story and "Otra noticia" not in item.body
    assert (item.author, item.published_at) == ("AFP", datetime(2021, 12, 8, 14, 22, 10, 512000, tzinfo=timezone.utc))


def test_blocks_of_text_named_with_an_icons_token_are_the_articles() -> None:
    # Der Spiegel names each block of its text "RichText RichText--iconLinks …"; trafilatura deletes
    # whatever has "-icon" in its class, and the story was stored as its lead and byline.
    lead = ("Zwei Stunden lang haben der US-Präsident und der Kremlchef per Video miteinander gesprochen. "
            "Washington warnt Moskau vor einem Einmarsch in die Ukraine – und kündigt für diesen Fall drastische "
            "Folgen an.")
    story = ["Biden habe Putin in dem Gespräch klargemacht, dass die USA und ihre Verbündeten mit harten wirtschaftlichen "
             "Maßnahmen reagieren würden, sagte eine Sprecherin des Weißen Hauses am Abend.",
             "Der Kreml erklärte, Putin habe erneut rechtlich bindende Garantien verlangt, dass sich die Nato nicht "
             "weiter nach Osten ausdehne.",
             "In Kiew wurde das Gespräch mit großer Aufmerksamkeit verfolgt. Präsident Selenskyj will am Donnerstag "
             "selbst mit Biden telefonieren, kündigte sein Büro an."]
    block = "<div class='RichText RichText--iconLinks lg:w-8/12 break-words'>{}</div>"
    page_html = ("<html lang='de'><head><title>Biden droht Putin mit Sanktionen - DER SPIEGEL</title></head><body><main>"
                 "<article><header><h1>Biden droht Putin mit Sanktionen</h1>"
                 f"<div class='RichText RichText--sans leading-loose'>{lead}</div>"
                 "<div class='font-sansUI'>Von <a href='/impressum/autor-1'>Anna Bergmann</a> und "
                 "<a href='/impressum/autor-2'>Jonas von Hagen</a>, Washington und Moskau</div></header><section>"
                 + block.format("".join(f"<p>{p}</p>" for p in story[:2]))
                 + block.format(f"<p>{story[2]}</p><p><i>sol/dpa/Reuters</i></p>")  # the block closes with no sentence
                 + "</section></article></main><footer><a class='social-icon' href='/fb'>Facebook</a></footer></body></html>")
    assert _normalized(page_html).body.split("\n\n")[-3:] == story


def test_the_subscribers_part_of_a_story_in_the_page_is_the_articles() -> None:
    # Le Figaro's: the story's rest, for subscribers, in an element whose id holds "premium" (its JSON-LD's
    # hasPart names it), which trafilatura deletes as a paywall's box; the story had lost its last paragraphs.
    page_html = _article("Кордон", lang="uk").replace(
        f"<p>{FULL_STORY[2]}</p>", f"<div id='fig-premium-paywall' class='fig-premium-paywall'><p>{FULL_STORY[2]}</p>")
    page_html = page_html.replace("</article>", "</div></article>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_a_short_box_named_for_a_newsletter_is_no_part_of_the_text() -> None:
    # RND's offer under its story: a heading and a call in a <div> named for it.
    box = ("<div class='Newsletterstyled__Newsletter'><h3>Pandemie-Newsletter</h3><p>Der Corona-Überblick: Jeden Abend "
           "die wichtigsten Nachrichten zur Pandemie. Jetzt abonnieren.</p><button>Anmelden</button></div>")
    item = _normalized(_article("Troops mass at the border", after=box))
    assert item.body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize("lead_class", ["atc-IntroText", "summary", "content--summary"])
def test_a_lead_named_in_any_case_or_a_summary_opens_the_text(lead_class: str) -> None:
    # FAZ's "atc-IntroText", Zeit's "summary" (no <p>: left out by trafilatura's precision).
    lead = ("Am Mittwoch soll Olaf Scholz im Bundestag zum Kanzler gewählt werden. "
            "Auf seine Ministerinnen und Minister warten große Aufgaben.")
    item = _normalized(_article("Troops mass at the border", before=f"<div class='{lead_class}'>{lead}</div>"))
    assert item.body.split("\n\n") == [lead, *FULL_STORY]


def test_a_lead_the_extraction_puts_last_opens_the_text() -> None:
    # NHK's summary in a <p> before a <div> of the paragraphs: trafilatura writes it after them.
    summary = "来年2月の北京オリンピックについて、政府は閣僚の派遣を見送る方向で調整に入りました。最終的に判断する方針です。"
    story = ["米政府が北京冬季五輪に政府代表団を派遣しない外交ボイコットを発表したことを受け、日本政府も対応の検討を始めました。",
             "米ホワイトハウスの報道官は6日の記者会見で、人権侵害を理由に挙げ、選手団の派遣は妨げないと説明しました。",
             "これに対し中国外務省の報道官は7日、五輪を政治化する行為だと強く反発し、対抗措置を取る考えを示しました。"]
    page_html = ("<html lang='ja'><head><title>見出し</title></head><body><main><article><h1>政府 閣僚派遣見送りで調整</h1>"
                 f"<div class='content--detail-body'><p class='content--summary'>{summary}</p>"
                 "<div class='content--detail-more'><div class='body-text'>" + "".join(f"<p>{p}</p>" for p in story)
                 + "</div></div></div></article></main></body></html>")
    assert _normalized(page_html).body.split("\n\n") == [summary, *story]


@pytest.mark.parametrize(("author_label", "name", "role_label", "role"), [
    ("Author,", "Jane Doe", "Role,", "BBC News"), ("लेखक,", "अनुराधा मेहता", "पदनाम,", "बीबीसी संवाददाता"),
    ("Mwandishi,", "Asha Mwinyi", "Nafasi,", "BBC Swahili, Nairobi"),
    # BBC Mundo's and Brasil's, under their heading a screen reader reads too
    ("Autor,", "Lucía Fernández", "Título del autor,", "BBC News Mundo"), ("Autor,", "Paulo Matos", "Título do autor,", "BBC News"),
])
def test_the_bbc_world_services_byline_list_names_the_author_and_leaves_the_text(author_label, name, role_label,
                                                                                 role) -> None:
    # Its labels only a screen reader reads, run into their values as the text's list items.
    story = ["First paragraph of the report, long enough to be a paragraph of the story and to end with a stop.",
             "Second paragraph of the report, which also ends with a full stop and says a little more."]
    heading = ("<h2 class='visually-hidden-text'>" + ("Información del artículo" if "del" in role_label else
                                                      "Informações do artigo") + "</h2>") if "Título" in role_label else ""
    byline = heading + (f"<ul role='list'><li><span role='text'><span class='bbc-1f7fxn5'>{author_label}</span>"
              f"<span class='bbc-1u1bpf2'>{name}</span></span></li><li><span role='text'><span class='bbc-1f7fxn5'>"
              f"{role_label}</span><span class='bbc-1ncdl6u'>{role}</span></span></li></ul>")
    page_html = ("<html><head><title>A headline of the story - BBC News</title></head><body><main role='main'>"
                 f"<h1 id='content'>A headline of the story</h1><div class='bbc-1a3w4ok'>{byline}</div>"
                 "<time datetime='2021-12-07'>7 December 2021</time>"
                 + "".join(f"<div class='bbc-19j92fr'><p class='bbc-1sy09mr'>{p}</p></div>" for p in story)
                 + "</main></body></html>")
    item = _normalized(page_html)
    assert (item.author, item.body.split("\n\n")) == (name, story)


def test_a_kicker_in_the_headlines_element_is_set_apart() -> None:
    # Bild's, tagesschau's: the kicker and the headline in two spans of one <h1>, their texts run
    # together ("Corona-GipfelDas ändert sich…"); the title reads as the sites write it.
    heading = ("<h1><span class='seitenkopf__topline'>Corona-Gipfel</span><span class='seitenkopf__headline--text'>"
               "Das ändert sich jetzt für Ungeimpfte</span></h1>")
    page_html = ("<html lang='de'><head><title>Corona-Gipfel: Das ändert sich jetzt für Ungeimpfte - Politik - Desk"
                 f"</title></head><body><main><article>{heading}" + "".join(f"<p>{p}</p>" for p in FULL_STORY)
                 + "</article></main></body></html>")
    item = _normalized(page_html)
    assert (item.title, item.body.split("\n\n")) == ("Corona-Gipfel: Das ändert sich jetzt für Ungeimpfte", FULL_STORY)
    # Focus's: the kicker's span named "overhead"
    focus = page_html.replace("seitenkopf__topline", "overhead").replace("seitenkopf__headline--text", "headline")
    assert _normalized(focus).title == "Corona-Gipfel: Das ändert sich jetzt für Ungeimpfte"
    # n-tv's: the kicker left out of the text, the headline's own span is no paragraph of it either.
    heading = ("<h2><span class='article__kicker'>Scholz stellt Kabinett vor</span><span class='article__headline'>"
               "Lauterbach wird Gesundheitsminister</span></h2>")
    page_html = ("<html lang='de'><head><title>Scholz stellt Kabinett vor: Lauterbach wird Gesundheitsminister - Desk"
                 "</title><meta property='og:title' content='Scholz stellt Kabinett vor: Lauterbach wird Gesundheitsminister'>"
                 f"</head><body><main><article><div class='article__header'>{heading}</div><div class='article__text'>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</div></article></main></body></html>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_a_run_of_text_after_a_block_in_its_container_is_the_articles() -> None:
    # The Hankyoreh's story: text apart by <br> after a photo's box that holds a caption's block;
    # trafilatura's precision left the first run out.
    story = ["The two presidents will hold a video call on Tuesday, with the tension on the Ukrainian border at the "
             "top of the agenda for both sides.",
             "Washington plans to warn of strong economic sanctions if Moscow attacks, while Moscow wants guarantees "
             "that the alliance will not expand.",
             "Experts doubt there will be a breakthrough, but say that keeping the channel open could by itself help "
             "ease the tension."]
    box = "<div class='image-area'><div class='imageC'><img src='x.jpg'></div><div class='desc'>A caption</div></div>"
    page_html = ("<html lang='en'><head><title>Biden and Putin to talk</title></head><body><div id='contents-article'>"
                 f"<h1>Biden and Putin to talk</h1><div class='text'>{box}" + "<br><br>".join(story)
                 + "</div></div></body></html>")
    assert _normalized(page_html).body.split("\n\n")[-3:] == story


def test_a_run_of_text_opening_its_container_before_a_block_is_the_articles() -> None:
    # CNN Indonesia's (the detik network's template): the story as text apart by <br> in one <div>, a
    # "see also" box and an advertisement's between the paragraphs; the paragraphs before the first box went.
    story = ["Moscow handed Washington a draft of the security guarantees it wants, including a promise that "
             "the alliance will not take Ukraine in.",
             "The deputy foreign minister said the draft was delivered on Wednesday and that talks could start "
             "in Geneva at once.",
             "The draft also asks that no military activity take place in Ukraine, Eastern Europe or Central Asia.",
             "The White House said it was ready to talk but would not compromise on the core principles of "
             "European security."]
    see_also = ("<div class='paradetail'><div class='title'>See also:</div>"
                "<a href='/world/1'>Brussels threatens new sanctions</a></div>")
    ad = "<div class='ads_detail'><div class='adv_wrap'>ADVERTISEMENT</div></div>"
    page_html = ("<html lang='en'><head><title>Moscow hands over its draft</title></head><body><div class='detail'>"
                 "<h1>Moscow hands over its draft</h1><div class='detail_text'>"
                 f"<strong>Jakarta</strong> -- {story[0]}<br><br>{story[1]}<br><br>{story[2]}<br><br>{see_also}"
                 f"{ad}{story[3]}<br><br></div></div></body></html>")
    body = _normalized(page_html).body
    assert body.startswith("Jakarta -- " + story[0]) and body.endswith(story[3])
    assert all(paragraph in body for paragraph in story[1:]) and "ADVERTISEMENT" not in body


def test_a_picture_box_named_picbox_is_no_part_of_the_text() -> None:
    # DW's <div class="picBox"> with its picture, caption and credit between the paragraphs.
    box = ("<div class='picBox full'><img src='x.jpg'><p>Polnische Grenzschützer nahe dem Ort Kuźnica (Archivbild)</p>"
           "<p class='copyright'>Bild: Leszek Szymanski/PAP/picture alliance</p></div>")
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY[:1]) + box + "".join(f"<p>{p}</p>" for p in FULL_STORY[1:])
    page_html = ("<html lang='de'><head><title>Grenze - DW</title></head><body><article><h1>Grenze</h1>"
                 f"{story}</article></body></html>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_a_lead_box_that_holds_the_headline_gives_its_own_paragraph_as_the_lead() -> None:
    # news.ORF.at: <div class="story-lead"> holds the <h1> and the lead's <p class="story-lead-text">.
    lead = "Der Entwurf für die allgemeine Impfpflicht geht in Begutachtung, die Opposition übt scharfe Kritik daran."
    page_html = ("<html lang='de'><head><title>Impfpflicht: Begutachtung startet mit Kritik - news.ORF.at</title></head>"
                 "<body><main><article><div class='story-lead'><h1 class='story-lead-headline'>Impfpflicht: Begutachtung "
                 f"startet mit Kritik</h1><p class='story-lead-text'>{lead}</p></div><div class='story-content'>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</div></article></main></body></html>")
    assert _normalized(page_html).body.split("\n\n") == [lead, *FULL_STORY]


def test_the_hosts_name_after_an_article_closing_the_title_is_the_sites() -> None:
    # "… - DER SPIEGEL" on spiegel.de, where no heading says the headline and no metadata the site.
    markup = ("<html lang='de'><head><title>Ukraine-Krise: Biden droht Putin mit Sanktionen - DER SPIEGEL</title></head>"
              "<body><article>" + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")
    raw = doc(markup.encode(), "https://www.spiegel.de/ausland/ukraine-krise-a-5f0c2e41")
    assert normalize(page.parse(raw).entries[0], raw).title == "Ukraine-Krise: Biden droht Putin mit Sanktionen"


def test_a_fragment_of_markup_is_titled_by_its_heading() -> None:
    # An .html of an <h1> and paragraphs, no <title> nor metadata (a fragment dropped into a folder).
    markup = "<h1>Moldova renews call for Russian troops to leave</h1>" + "".join(f"<p>{p}</p>" for p in FULL_STORY)
    item = _normalized(markup)
    assert (item.title, item.body.split("\n\n")) == ("Moldova renews call for Russian troops to leave", FULL_STORY)


def test_the_sites_clock_in_its_top_bar_is_no_date_of_the_article() -> None:
    # Mediapool's top bar shows today's date over every page, ahead of the article's own date line.
    page_html = ("<html lang='bg'><head><title>Разговорите продължават</title></head><body><div id='top'>"
                 "<div class='date_today'>Вторник, 07 декември 2021</div></div><div class='article'>"
                 "<h1>Разговорите продължават</h1><div class='date'>06 декември 2021, 10:35</div>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</div></body></html>")
    raw = doc(page_html.encode(), "https://www.desk.bg/article/1")
    item = normalize(page.parse(raw).entries[0], raw)
    assert item.published_at == datetime(2021, 12, 6, 8, 35, tzinfo=timezone.utc)  # Sofia's 10:35


def test_a_bylines_name_and_outlet_in_spans_touching_after_a_comma_are_apart() -> None:
    # GMA's "<span>By NAME,</span><span>GMA News</span>": read as "NAME,GMA News", the outlet kept.
    page_html = _article("Talks go on", head="<meta property='og:site_name' content='Harbour News Online'>",
                         before="<div class='byline'><span>By JANE DOE,</span><span>Harbour News</span></div>")
    assert _normalized(page_html).author == "Jane Doe"


@pytest.mark.parametrize("box", [
    # NRK's: each writer's element with the name's link and the role beside it
    "<div class='authors'><div class='author'><a class='author__name' href='/kontakt/ann-writer'>Ann Writer</a>"
    "<span class='author__role'>Journalist</span></div><div class='author'><a class='author__name' "
    "href='/kontakt/bob-smith'>Bob Smith</a><span class='author__role'>Journalist</span></div></div>",
    # Expressen's: the name's link and the writer's address
    "<div class='byline'><div class='byline__author'><a href='/om/ann-writer/'>Ann Writer</a><span "
    "class='byline__email'>ann.writer@desk.example</span></div><div class='byline__author'><a href='/om/bob-smith/'>"
    "Bob Smith</a><span class='byline__email'>bob.smith@desk.example</span></div></div>",
])
def test_co_authors_each_in_an_element_of_one_byline_box_are_all_its_writers(box: str) -> None:
    assert _normalized(_article("Talks go on", before=box)).author == "Ann Writer, Bob Smith"


def test_a_byline_element_named_in_a_styled_components_capitals_is_one() -> None:
    # Malaysiakini's Next.js page: "Story__Byline-sc-1ir8n5l-3", the class a styled component makes.
    page_html = _article("Talks go on", before="<div class='Story__Byline-sc-1ir8n5l-3'><span>Reuters</span></div>")
    assert _normalized(page_html).author == "Reuters"


def test_a_source_line_under_the_headline_naming_an_agency_gives_it_as_the_author() -> None:
    # RTS's "Извор: РТС, Танјуг" under the headline: the wire the story is from, beside the outlet.
    page_html = _article("Разговори се настављају", lang="sr",
                         before="<p class='storySource'><span>Извор: РТС, Танјуг</span></p>")
    assert _normalized(page_html).author == "Танјуг"
    # a source that names no agency gives none
    page_html = page_html.replace("Извор: РТС, Танјуг", "Извор: Министарство одбране")
    assert _normalized(page_html).author is None


@pytest.mark.parametrize(("shown", "expected"), [
    ("07.12.2021. u 09:14", datetime(2021, 12, 7, 8, 14, tzinfo=timezone.utc)),  # the declared one is UTC
    ("07.12.2021. u 08:14", datetime(2021, 12, 7, 7, 14, tzinfo=timezone.utc)),  # both on the site's clock
])
def test_a_declared_date_without_its_zone_an_hour_off_the_shown_one_is_utc(shown: str, expected: datetime) -> None:
    # Index.hr's JSON-LD "2021-12-07T08:14:00" with no zone over "objavljeno: 07.12.2021. u 09:14" (Zagreb's).
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Razgovori se nastavljaju", "datePublished": "2021-12-07T08:14:00"})
    page_html = (f"<html lang='hr'><head><title>Razgovori se nastavljaju</title><script type='application/ld+json'>{ld}"
                 "</script></head><body><article><h1>Razgovori se nastavljaju</h1>"
                 f"<div class='date'>objavljeno: {shown}</div>" + "".join(f"<p>{p}</p>" for p in FULL_STORY)
                 + "</article></body></html>")
    raw = doc(page_html.encode(), "https://www.desk.hr/vijesti/1")
    assert normalize(page.parse(raw).entries[0], raw).published_at == expected


def test_a_thai_lead_with_no_sentences_mark_opens_the_text() -> None:
    # Thai PBS's "content-abstract": Thai closes a sentence with no mark, which had read as a lead cut short.
    lead = "ประธานาธิบดีรัสเซียประกาศว่าจะตอบโต้ด้วยมาตรการทางทหาร หากชาติตะวันตกยังคงเดินหน้านโยบายที่ก้าวร้าวต่อไป"
    story = ("กระทรวงกลาโหมรัสเซียจัดการประชุมประจำปีในกรุงมอสโกเมื่อวันอังคาร โดยมีผู้บัญชาการทหารระดับสูงเข้าร่วมหลายคน "
             "และมีการหารือเรื่องสถานการณ์ที่ชายแดนยูเครนอย่างละเอียด ")
    page_html = ("<html lang='th'><head><title>รัสเซียเตือนชาติตะวันตก</title></head><body><article><h1>รัสเซียเตือนชาติตะวันตก</h1>"
                 f"<div class='content-abstract'>{lead}</div><div class='content-body'><p>{story * 3}</p>"
                 f"<p>{story * 2}</p></div></article></body></html>")
    assert _normalized(page_html).body.startswith(lead + "\n\n")


def test_a_charts_source_under_its_frame_is_no_part_of_the_text() -> None:
    # Texty's chart: an <iframe> another page draws, its source's line under it in the chart's box.
    box = ("<div class='chart'><iframe src='https://desk.example/d/2021/chart/' title='Chart'></iframe>"
           "<p class='chart-source'>Source: the desk's count of the state media's stories</p></div>")
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY[:1]) + box + "".join(f"<p>{p}</p>" for p in FULL_STORY[1:])
    page_html = f"<html lang='de'><head><title>Grenze</title></head><body><article><h1>Grenze</h1>{story}</article></body></html>"
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_an_element_holding_the_storys_paragraphs_is_no_lead() -> None:
    # Drupal 7's body field, "field-type-text-with-summary" (The Hill's): its "summary" had made the whole
    # text the lead, and the story was stored twice.
    body = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    page_html = ("<html lang='de'><head><title>Grenze</title></head><body><article><h1>Grenze</h1>"
                 f"<div class='field field-name-body field-type-text-with-summary'>{body}</div></article></body></html>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_text_hidden_in_the_headline_is_no_part_of_it() -> None:
    # Tengrinews's <h1> holds the date in a "tn-hidden" <span> that no reader sees.
    page_html = _article("Переговоры продолжатся", lang="ru").replace(
        "<h1>Переговоры продолжатся</h1>",
        "<h1 class='tn-content-title'>Переговоры продолжатся <span class='tn-hidden'>08 декабря 2021 10:38</span></h1>")
    assert _normalized(page_html).title == "Переговоры продолжатся"


def test_a_shown_day_and_its_time_in_elements_of_their_own_give_the_time() -> None:
    # Rossiyskaya Gazeta's "date-day" and "date-time" spans: the day alone had been read, at midnight.
    page_html = _article("Переговоры продолжатся", lang="ru", before=(
        "<div class='b-material-head__date'><span class='b-material-head__date-day'>28.12.2021</span> "
        "<span class='b-material-head__date-time'>11:52</span></div>"))
    raw = doc(page_html.encode(), "https://rg.example.ru/2021/12/28/a.html")
    assert normalize(page.parse(raw).entries[0], raw).published_at == datetime(2021, 12, 28, 8, 52, tzinfo=timezone.utc)


def test_the_writers_name_run_into_the_reading_time_is_no_part_of_the_text() -> None:
    # Repubblica's: "di" and the date go, the name and "3 minuti di lettura" stay run together.
    page_html = ("<html lang='it'><head><title>Vertice Biden-Putin</title></head><body><main><article class='story'>"
                 "<div class='story__header'><h1 class='story__title'>Vertice Biden-Putin</h1>"
                 "<em class='story__author'><span class='story__author__by'>di</span> Giulia Serafini</em><time "
                 "class='story__date' datetime='2021-12-07T22:15:31+01:00'>07 Dicembre 2021</time><span "
                 "class='story__reading-time'>3 minuti di lettura</span></div><div class='story__text'>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</div></article></main></body></html>")
    item = _normalized(page_html)
    assert item.author == "Giulia Serafini" and item.body.split("\n\n") == FULL_STORY


def test_a_consent_dialog_with_its_own_heading_is_no_part_of_the_article() -> None:
    # Onet's consent platform (Ringier Axel Springer's): a dialog with an <h1> of its own over the page.
    dialog = ("<div id='rasp_cmp' class='cmp-app_gdpr' role='dialog' aria-modal='true'><div class='cmp-popup_popup'>"
              "<h1>Twoja prywatność jest dla nas ważna</h1><p>Zanim klikniesz „Przejdź do serwisu”, przeczytaj, jak "
              "przetwarzamy Twoje dane osobowe i jakie masz prawa.</p><button>Przejdź do serwisu</button></div></div>")
    page_html = _article("Napięcie na granicy Ukrainy", lang="pl").replace("<body>", "<body>" + dialog)
    item = _normalized(page_html)
    assert item.title == "Napięcie na granicy Ukrainy"
    assert item.body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize(("lang", "line", "published"), [
    # SME's: the date in an element whose name holds "published", its update's note beside it
    ("sk", "<div class='article-published-wrapper'><span class='article-author'><a href='/autori/1'>Lucia Hrušková</a>"
     "</span><span class='article-published'>7. dec 2021 o 19:48</span><span class='article-share-count'>(Aktualizované "
     "7. dec 2021 o 21:10)</span></div>", datetime(2021, 12, 7, 18, 48, tzinfo=timezone.utc)),
    # the Straits Times': the label and the date a line break apart
    ("en", "<div class='story-postdate'>Published<br/>Dec 8, 2021, 2:32 AM SGT</div>",
     datetime(2021, 12, 7, 18, 32, tzinfo=timezone.utc)),
    # HotNews': the byline's line longer than a date's, the date in an element of its own in it
    ("ro", "<div class='autor'>de <a href='/autor/andrei.lupu'>Andrei Lupu</a> &nbsp; <span class='ora_articol'>Marti, 7 "
     "decembrie 2021, 20:48</span> &nbsp; <a href='#comentarii'>Comentarii (17)</a> | <a>Trimite pe e-mail</a></div>",
     datetime(2021, 12, 7, 18, 48, tzinfo=timezone.utc)),
])
def test_a_date_shown_in_a_bylines_line_is_read(lang: str, line: str, published: datetime) -> None:
    page_html = _article("Summit", lang=lang).replace("<article>", f"<div class='article-top-bar'>{line}</div><article>")
    host = {"sk": "https://svet.sme.sk/c/22800000/summit.html", "ro": "https://www.hotnews.ro/stiri-25190112-summit.htm",
            "en": "https://www.straitstimes.com/world/europe/summit"}[lang]
    raw = RawDocument(source="s", kind="page", location=host, body=page_html.encode(), fetched_at=NOW, final_url=host,
                      content_type="text/html; charset=utf-8", status=200)
    assert normalize(page.parse(raw).entries[0], raw).published_at == published


def test_the_sites_offer_and_consent_boxes_in_the_article_are_no_part_of_it() -> None:
    # Quantcast's consent dialog over the standfirst (Aktuálně's), Piano's offer box in Polish and
    # Slovak, a support box named for the site (Ziarul de Gardă's)
    boxes = ("<div id='qc-cmp2-container'><div class='qc-cmp2-summary'><p>Vážíme si vašeho soukromí. My a naši partneři "
             "ukládáme informace na zařízení a zpracováváme osobní údaje.</p><button>Souhlasím</button></div></div>",
             "<div class='rp-piano-offer'><p>Subskrybuj Rzeczpospolitą: pełny dostęp za 1 zł przez pierwszy miesiąc.</p></div>",
             "<div class='zdg-support'><p>Susține jurnalismul de investigație! ZdG este o publicație independentă.</p></div>",
             # ynet's readers' comments, the Times of Israel's members' appeal
             "<div class='art_talkback'><p>תגובה 1: כתבה חשובה מאוד, תודה רבה לכם.</p></div>",
             "<div class='tol-upsell'><p>Join our community. Become a member of The Times of Israel Community.</p></div>")
    for box in boxes:
        assert _normalized(_story_with(box)).body.split("\n\n") == FULL_STORY, box


def test_a_section_signing_beside_the_writer_and_a_button_to_write_are_no_author() -> None:
    # vc.ru: the blog's section, then its writer, each a link in the header's byline, their names in
    # elements named for a block's part; Habr's header button "How to become an author".
    header = ("<a class='tm-header__become-author-btn' href='/ru/all/'>Как стать автором</a>"
              "<a class='content-header-author content-header-author--subsite' href='/finance'>"
              "<div class='content-header-author__avatar'></div><div class='content-header-author__name'>Финансы</div></a>"
              "<a class='content-header-author content-header-author--user' href='/u/548211-artem-volkov'>"
              "<div class='content-header-author__avatar'></div><div class='content-header-author__name'>Артём Волков</div>"
              "<div class='content-header-author__role'>Автор</div></a>")
    assert _normalized(_article("Переговоры продолжатся", lang="ru", before=header)).author == "Артём Волков"


def test_a_photographers_credit_in_a_caption_is_no_author() -> None:
    # ERR's picture under the headline, its caption crediting the photographer as "Автор:".
    page_html = _article("Переговоры продолжатся", lang="ru", before=(
        "<div class='media'><img src='a.jpg'><p class='photo-caption'>Министр. <span class='author'>Автор: Анна Смирнова"
        " /ERR</span></p></div>"))
    assert _normalized(page_html).author is None


def _story_with(box: str) -> str:
    """FULL_STORY's page with a box set between its second and third paragraphs."""
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY[:2]) + box + "".join(f"<p>{p}</p>" for p in FULL_STORY[2:])
    return f"<html lang='uk'><head><title>Кордон</title></head><body><article><h1>Кордон</h1>{story}</article></body></html>"


@pytest.mark.parametrize("player", [
    # CNN's: the running time over the still, the video's title under it.
    "<div class='Video__Wrapper'><div class='media__video--thumbnail-wrapper'><span class='media__video-duration'>02:14"
    "</span><p class='media__caption'>An analyst on what the Kremlin wants from the talks</p></div></div>",
    # MailOnline's: the title, the running time and the advertisement's warning.
    "<div class='mol-video'><p class='video-title'>Leaders begin the video call</p><span class='vjs-duration'>00:42</span>"
    "<p class='advert-warning'>Advertisement</p></div>",
    # The player itself in the box, its title beside it.
    "<div class='inline-player'><iframe src='https://video.example/embed/81'></iframe><p>Leaders begin the video call</p></div>",
    # Global News': the button's words, the running time ahead of the title, the title and date again.
    "<div class='c-video'><p class='c-video__title'>Click to play video: 'Vigil held in Winnipeg'</p><p>1:52 Vigil held in "
    "Winnipeg</p><p>Vigil held in Winnipeg – Dec 5, 2021</p></div>",
])
def test_a_videos_box_in_the_text_is_no_part_of_it(player: str) -> None:
    page_html = _story_with(player)
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_a_box_named_for_a_video_that_holds_the_text_stays() -> None:
    # A video page's text in an element named for it: no player's running time, more than a caption's length.
    page_html = _article("Кордон", lang="uk").replace("<article>", "<article><div class='video-article__text'>").replace(
        "</article>", "</div></article>")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_a_heading_over_a_list_of_links_in_the_text_is_no_part_of_it() -> None:
    # The New York Times' box of its explainers between two paragraphs: trafilatura dropped the list
    # for its links and kept the heading, a line of its own in the story.
    box = ("<div class='css-1ocosoc' data-testid='lire-module'><h2>Понять кризу на кордоні</h2><ul>"
           "<li><a href='/a'>Що стоїть за нарощуванням: війська біля кордону вдруге за рік.</a></li>"
           "<li><a href='/b'>Червоні лінії Кремля: гарантії щодо НАТО.</a></li></ul></div>")
    page_html = _story_with(box)
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY
    # A list of the story's own, its items sentences with a link in them, stays under its heading.
    own = box.replace("<a href='/a'>Що стоїть за нарощуванням:", "Що стоїть за нарощуванням: <a href='/a'>").replace(
        "<a href='/b'>Червоні лінії Кремля:", "Червоні лінії Кремля: <a href='/b'>")
    assert "Понять кризу на кордоні" in _normalized(page_html.replace(box, own)).body


def test_a_paywalls_teaser_gives_way_to_the_whole_text_the_pages_state_holds() -> None:
    # The Economist's markup shows two paragraphs (the first under a drop cap's small capitals) and a
    # box of its offer to register; its __NEXT_DATA__ holds the whole article.
    import json

    title = "Russia is massing troops on the border"
    story = ["The Kremlin has spent much of the autumn saying it has no plans to attack its neighbour, yet the "
             "satellite pictures tell another story.",
             "Western intelligence agencies reckon that as many as 100,000 troops have moved close to the border, "
             "with tanks, artillery and field hospitals.",
             "The Russian president says he wants legal guarantees that the alliance will never admit the country and "
             "will not station weapons there.",
             "Few in the capital believe that any concession would satisfy him, and diplomats expect a long winter of "
             "talks in Geneva and Brussels.",
             "He may calculate that Europe, dependent on Russian gas as winter sets in, will flinch first."]
    state = {"props": {"pageProps": {"content": {
        "headline": title, "datePublished": "2021-12-02T15:53:36Z", "byline": "",
        "text": [{"type": "tag", "name": "p", "children": [{"type": "text", "data": p}]} for p in story]}}}}
    teaser = (f"<p><span data-caps='initial'>T</span><small>HE KREMLIN</small>{story[0][len('The Kremlin'):]}</p>"
              f"<p>{story[1]}</p>")
    regwall = ("<div class='layout-article-regwall'><p>Subscribe to The Economist today</p><p>Get insight you can’t "
               "find anywhere else. Enjoy 12 weeks for $12.</p><a href='/subscribe'>Subscribe now</a></div>")
    page_html = (f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                 f"{teaser}{regwall}</article>"
                 f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state)}</script></body></html>")
    assert _normalized(page_html).body.split("\n\n") == story
    # The teaser alone, no state: its own paragraphs, without the offer.
    alone = _normalized(page_html.split("<script id='__NEXT_DATA__'")[0] + "</body></html>").body
    assert alone.split("\n\n") == ["THE KREMLIN" + story[0][len("The Kremlin"):], story[1]]


def test_a_local_time_declared_at_utc_is_read_on_the_sites_clock_where_the_page_shows_it() -> None:
    # Matichon's WordPress writes Bangkok's time with "+00:00" and shows the same minute under the headline.
    time = "<time class='entry-date' datetime='2021-12-18T10:32:41+00:00'>วันที่ 18 ธันวาคม พ.ศ. 2564 - 10:32 น.</time>"
    page_html = (f"<html lang='th'><head><title>ข่าว</title></head><body><article><h1>ข่าว</h1>{time}"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")
    assert _normalized(page_html, "https://www.matichon.co.th/foreign/news_3086512").published_at == datetime(2021, 12, 18, 3, 32, tzinfo=timezone.utc)
    # Shown at another minute (the site's own clock, seven hours on): the declared instant stands.
    shown_local = page_html.replace("10:32 น.", "17:32 น.")
    assert _normalized(shown_local, "https://www.matichon.co.th/foreign/news_3086512").published_at == datetime(2021, 12, 18, 10, 32, 41, tzinfo=timezone.utc)


@pytest.mark.parametrize("box", [
    # Libération's offer: its buttons after the story
    "<div class='paywall-cta'><a href='/abonnement'>Je m’abonne</a><a href='/connexion'>Déjà abonné ? Connectez-vous</a></div>",
    # Repubblica's, in a box of the offer's name
    "<div class='paywall-box'><p>Rep: l'informazione è un bene comune.</p><p>Abbonati a Repubblica a 1€ al mese.</p></div>",
    # ABC's offer in Spanish words
    "<div class='suscripcion-abc'><p>Suscríbete a ABC Premium.</p><p>Primer mes: 1€</p></div>",
    # Le Figaro's short comments' section
    "<section class='fig-comments'><h3>58 commentaires</h3><p>Encore une fois l'Europe regarde passer les trains.</p></section>",
])
def test_a_paywalls_offer_or_a_short_comments_section_after_the_story_is_no_part_of_it(box: str) -> None:
    assert _normalized(_article("Кордон", lang="uk", after=box)).body.split("\n\n") == FULL_STORY


def test_the_part_of_a_short_story_behind_a_paywalls_box_stays() -> None:
    # Nation's <div class="paywall">: the story's last paragraphs, no offer in them.
    after = f"<div class='paywall'><p>{FULL_STORY[-1]}</p></div>"
    page_html = _article("Кордон", lang="uk", after=after).replace(f"<p>{FULL_STORY[-1]}</p><div", "<div")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize("head", [
    # a print version's generic <title>, nothing else declared
    "<title>Інтерфакс-Україна - Версія для друку</title>",
    # a headline written for search and sharing, in JSON-LD and og:title, that tells the story otherwise
    "<title>Дипломати розкрили деталі розмови - Desk</title><meta property='og:title' content='Дипломати розкрили деталі розмови'>"
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Дипломати розкрили деталі розмови\"}</script>",
])
def test_the_headline_the_page_shows_stands_before_a_declared_title_that_tells_another_story(head: str) -> None:
    heading = "Колону військової техніки помітили за сорок кілометрів від кордону"
    page_html = (f"<html lang='uk'><head>{head}</head><body><article><h1>{heading}</h1>"
                 + "".join(f"<p>{p}</p>" for p in FULL_STORY) + "</article></body></html>")
    assert _normalized(page_html).title == heading
    # A short <h1>, a section's or a logo's, tells nothing: the declared title stands.
    assert _normalized(page_html.replace(f"<h1>{heading}</h1>", "<h1>Новини</h1>")).title != "Новини"


def test_a_consent_dialogs_intro_before_the_article_is_no_lead() -> None:
    # Onet's consent overlay in the page's markup: its intro is named as a lead is ("cmp-intro_intro").
    overlay = ("<div id='onet-cmp-overlay' class='cmp-overlay'><div class='cmp-popup'><div class='cmp-intro_intro'>"
               "Zanim klikniesz „Przejdź do serwisu” lub zamkniesz to okno, prosimy o zapoznanie się z informacjami "
               "o przetwarzaniu danych osobowych przez naszych partnerów.</div></div></div>")
    page_html = _article("Кордон", lang="uk").replace("<body>", f"<body>{overlay}")
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_the_text_after_a_stray_end_of_the_page_is_the_articles_too() -> None:
    # An advertisement's include that prints "</body></html>" between two paragraphs (Bloknot's adfox).
    story = ("".join(f"<p>{p}</p>" for p in FULL_STORY[:2]) + "<div class='adfox'></body></html></div>"
             + "".join(f"<p>{p}</p>" for p in FULL_STORY[2:]))
    page_html = f"<html lang='uk'><head><title>Кордон</title></head><body><article><h1>Кордон</h1>{story}</article></body></html>"
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


def test_an_old_table_layouts_article_is_read_from_its_headline_not_the_whole_page() -> None:
    # A regional site's table layout: no <article>, <main> nor <h1>; the headline in a <font><b>, the
    # weather and the rates in the column beside it, the writer's name in a "avtor" font under the text.
    title = "Жители приграничных сел заметили колонны военной техники"
    text = "<br><br>".join(FULL_STORY)
    page_html = (f"<html><head><title>Брянские новости :: {title}</title></head><body><table><tr>"
                 "<td class='menu'><a href='/'>Главная</a> | <a href='/news/'>Новости</a></td></tr><tr>"
                 "<td width='180'>Погода в Брянске -3°C, снег<br>Курсы валют USD 73,70 EUR 83,26<br>"
                 "<a href='/reklama/'>Реклама на сайте</a></td>"
                 f"<td valign='top'><font class='razdel'>Общество</font><br><font class='zag'><b>{title}</b></font><br>"
                 f"<font class='text'>{text}<br><br></font><font class='avtor'>Сергей Шилин</font><br><br>"
                 "<a href='/print.php?id=1'>Версия для печати</a> | <a href='/forum/?t=1'>Обсудить на форуме (14)</a></td>"
                 "<td width='200'><b>Последние новости</b><br><a href='/news/2.html'>В городе ограничат движение</a></td>"
                 "</tr></table></body></html>")
    raw = doc(page_html.encode(), "https://bryansk.example.ru/news/41872.html")
    item = normalize(page.parse(raw).entries[0], raw)
    assert (item.title, item.author) == (title, "Сергей Шилин")
    assert item.body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize("signed", [
    "<span class='article-reporter'>אנה ברסקי</span>",  # Maariv's
    "<a href='/tr/p/muhabir/tolga-yanik' class='detay-bug-muhabir'>Tolga Yanık</a>",  # Anadolu's
])
def test_a_reporters_element_signs_the_article(signed: str) -> None:
    name = "אנה ברסקי" if "reporter" in signed else "Tolga Yanık"
    assert _normalized(_article("Кордон", lang="uk", before=f"<div class='meta'>{signed}</div>")).author == name


def test_a_newsrooms_credit_opening_the_text_is_no_part_of_it() -> None:
    # NTV's "NTV - Haber Merkezi" under the headline: a desk, no one's name, and no paragraph of the story.
    page_html = _article("Кордон", lang="uk", before="<p>NTV - Haber Merkezi</p>")
    item = _normalized(page_html)
    assert (item.author, item.body.split("\n\n")) == (None, FULL_STORY)


@pytest.mark.parametrize("stamp", ["<dateformat time='1638898800' mode='abs'></dateformat>",  # TASS's
                                   "<span class='date' data-timestamp='1638898800000'></span>"])  # in milliseconds
def test_a_unix_timestamp_a_script_writes_out_dates_the_page(stamp: str) -> None:
    page_html = _article("Переговоры продолжатся", lang="ru", before=f"<div class='news-header__date'>{stamp}</div>")
    published = _normalized(page_html, "https://tass.example/politika/13135551").published_at
    assert published == datetime(2021, 12, 7, 17, 40, tzinfo=timezone.utc)


def test_a_short_box_linking_to_the_sites_donation_page_is_no_part_of_the_text() -> None:
    # Novaya Gazeta's appeal under its story, in a <div> of a hashed name.
    box = ("<div class='Wv0nQ'><h3>Поддержите «Новую газету»</h3><p>Мы работаем для вас. Помогите нам оставаться "
           "независимыми.</p><a href='/donate'>Стать соучастником</a></div>")
    assert _normalized(_article("Кордон", lang="uk", after=box)).body.split("\n\n") == FULL_STORY
    # A paragraph of the story that links to a charity's page for donations stays.
    told = "<p>Волонтери збирають кошти на <a href='https://charity.example.org/donate'>сторінці фонду</a> для лікарні.</p>"
    assert _normalized(_article("Кордон", lang="uk", after=told)).body.split("\n\n")[-1].startswith("Волонтери")


def test_a_closing_box_of_the_sites_other_stories_under_a_heading_in_capitals_is_no_part_of_the_text() -> None:
    # El Tiempo's "MÁS NOTICIAS EN EL TIEMPO" and El Comercio's "VIDEO RECOMENDADO" over the site's other stories.
    for heading in ("MÁS NOTICIAS EN EL TIEMPO", "VIDEO RECOMENDADO"):
        after = f"<p>{heading}</p><p>Ucrania: Rusia despliega tropas cerca de la frontera.</p>"
        assert _normalized(_article("Кордон", lang="uk", after=after)).body.split("\n\n") == FULL_STORY


def test_an_offer_box_named_in_spanish_with_its_accent_is_no_part_of_the_text() -> None:
    box = ("<div class='suscribete-box'><p>Accede sin límites a todo nuestro periodismo por 1€ al mes.</p>"
           "<a href='/planes'>Quiero acceder</a></div>")
    assert _normalized(_article("Кордон", lang="uk", after=box)).body.split("\n\n") == FULL_STORY


def test_an_offset_the_sites_clock_never_shows_gives_way_to_the_minute_the_page_shows() -> None:
    # RBC-Ukraine's template writes "+03:00" the year round; in December Kyiv is two hours ahead of UTC.
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Кордон", '
          '"datePublished": "2021-12-03T22:47:00+03:00"}</script>')
    page_html = _article("Кордон", lang="uk", head=ld, before="<div class='article-date'>03 грудня 2021, 22:47</div>")
    assert _normalized(page_html, "https://www.rbc.example.ua/ukr/news/1").published_at == datetime(2021, 12, 3, 20, 47, tzinfo=timezone.utc)
    # The site's own offset then: the declared instant stands.
    right = page_html.replace("22:47:00+03:00", "22:47:00+02:00")
    assert _normalized(right, "https://www.rbc.example.ua/ukr/news/1").published_at == datetime(2021, 12, 3, 20, 47, tzinfo=timezone.utc)


def test_a_live_pages_entries_are_read_in_its_order_each_under_its_heading() -> None:
    # Sky's live page: entries in <div>s of one class, newest first, each a time, a heading and paragraphs.
    ld = '<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Кордон: онлайн"}</script>'
    entries = [("20:41", "Трансляцію завершено", ["Дякуємо, що були з нами цього вечора, до завтра."]),
               ("19:58", "Салліван: США готові посилити східний фланг",
                ["Радник з нацбезпеки заявив, що США нададуть додаткові сили союзникам на сході.",
                 "Він сказав це журналістам у Білому домі."]),
               ("15:36", "Розмова почалася", ["Відеорозмова між президентами почалася, повідомили в Кремлі."])]
    posts = "".join(f"<div class='ncpost'><div class='ncpost-header'><span class='ncpost-timestamp'>{time}</span>"
                    f"<h3>{heading}</h3></div><div class='ncpost-content'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>"
                    "<div class='ncpost-share'>Поділитися</div></div>" for time, heading, paragraphs in entries)
    summary = "<div class='lx-summary'><h2>Головне</h2><ul><li>Президенти говорили дві години.</li></ul></div>"
    page_html = (f"<html lang='uk'><head><title>Кордон: онлайн</title>{ld}</head><body><main><h1>Кордон: онлайн</h1>"
                 f"{summary}<div class='ncpost-container'>{posts}</div></main></body></html>")
    body = _normalized(page_html).body.split("\n\n")
    expected = ["Президенти говорили дві години."]
    for _, heading, paragraphs in entries:
        expected += [heading, *paragraphs]
    assert body == expected



def test_a_headline_that_ends_with_its_date_keeps_it() -> None:
    # The European Council's conclusions: the date is the headline's, shown in the <h1> as in the <title>.
    title = "European Council conclusions on Russia and Ukraine, 16 December 2021"
    page_html = _article(title, lang="en").replace(f"<title>{title}</title>", f"<title>{title} - Consilium</title>")
    assert _normalized(page_html).title == title


def test_a_drupal_articles_promoted_class_keeps_it_in_the_article() -> None:
    # Drupal 7 names every article promoted to the front page "node-promoted": no promotion's box.
    story = "".join(f"<p>{p}</p>" for p in FULL_STORY)
    page_html = ("<html lang='uk'><head><title>Кордон</title></head><body><h1>Кордон</h1>"
                 "<div class='node node-article node-promoted clearfix'><div class='meta submitted'>"
                 f"<span>Вт, 07/12/2021 - 14:30</span></div>{story}</div></body></html>")
    published = _normalized(page_html, "https://www.sq.example.com.ua/ukr/novini/1").published_at
    assert published == datetime(2021, 12, 7, 12, 30, tzinfo=timezone.utc)


def test_dle_notice_box_where_its_comments_form_would_be_is_no_part_of_the_text() -> None:
    box = ("<div class='berrors'><b>Информация</b><br>Посетители, находящиеся в группе <b>Гости</b>, не могут оставлять "
           "комментарии к данной публикации.</div>")
    assert _normalized(_article("Кордон", lang="uk", after=box)).body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize("signature", ["<p style='text-align: right;'><strong>Наталья Ковальчук</strong></p>",
                                       "<p><strong>Наталья Ковальчук</strong></p>"])
def test_a_persons_name_set_apart_closing_the_article_signs_it(signature: str) -> None:
    # Belarusian regional papers' signature under the story; the readers' comments after it.
    comments = "<div class='comments'><p>Меня тоже вызывали в ноябре.</p></div>"
    item = _normalized(_article("Кордон", lang="uk", after=signature, outside=comments))
    assert (item.author, item.body.split("\n\n")) == ("Наталья Ковальчук", FULL_STORY)
    # A slogan in plain type closing a text names no one.
    plain = _normalized(_article("Кордон", lang="uk", after="<p>Слава Україні</p>"))
    assert plain.author is None


@pytest.mark.parametrize("box", [
    # a think tank's disclaimer box, a pull quote beside the text, a post's notes under it
    "<div class='article-disclaimer'><p>Центр не занимает институциональных позиций по вопросам публичной политики.</p></div>",
    "<blockquote class='pullquote'><p>Війська біля кордону — це тиск на переговори.</p></blockquote>",
    "<div class='footnote'><p>1. Дані супутникових знімків за листопад.</p></div>",
    # an audio player's box: its label and running time over the player
    "<div class='m-em-audio'><p class='m-em-audio__title'>Слухати - 03:48</p><audio src='a.mp3'></audio></div>",
    # a newsletter's sign-up box, whatever its name, told by its link to the site's page for it
    "<div class='x7fa'><p>Ранковий бриф: головне зі Східної Європи щобудня, о восьмій ранку, з коментарями редакції.</p>"
    "<a href='/newsletters/morning/'>Отримувати</a></div>",
])
def test_a_disclaimer_pull_quote_notes_audio_player_or_newsletter_box_is_no_part_of_the_text(box: str) -> None:
    page_html = _story_with(box)
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize("labels", [
    "<p>Issued on: <time datetime='2021-12-09T22:52:18+01:00'>09/12/2021 - 22:52</time></p>",
    "<p>Publié le : <time datetime='2021-12-07T19:41:05+01:00'>07/12/2021 - 19:41</time> Modifié le : "
    "<time datetime='2021-12-07T22:13:44+01:00'>07/12/2021 - 22:13</time></p>",
    # Digi24's, in Romanian
    "<p>Data publicării: <time datetime='2021-12-07T20:10:00+02:00'>07.12.2021 20:10</time></p><p>Data actualizării: "
    "<time datetime='2021-12-07T21:02:00+02:00'>07.12.2021 21:02</time></p>",
])
def test_a_dates_label_left_without_its_date_is_no_part_of_the_text(labels: str) -> None:
    page_html = _article("Кордон", lang="uk", before=labels)
    body = _normalized(page_html).body
    assert not body.startswith(("Issued on", "Publié le", "Modifié le", "Data ")) and body.endswith(FULL_STORY[-1])


def test_a_bylines_labels_whose_names_went_name_no_one() -> None:
    page_html = _article("Кордон", lang="uk", before=(
        "<div class='t-content__authors'><p class='m-from-author'><span class='m-from-author__name'>Texte par :</span> "
        "<a href='/fr/info-en-continu/'>FRANCE 24</a></p><p class='m-from-author'><span class='m-from-author__name'>"
        "Vidéo par :</span> <a href='/fr/tag/x/'>Marc Dupont</a></p></div>"))
    assert _normalized(page_html).author != "Texte par :, Vidéo par :"


def test_a_picture_box_named_img_with_its_description_is_no_part_of_the_text() -> None:
    # Roya's "news_img" with its "img_desc", Ahram's "news-img": the commonest names of a picture's box.
    for box in ("<div class='news_img'><img src='a.jpg'><p class='img_desc'>تعبيرية</p></div>",
                "<div class='news-img'><img src='a.jpg'><p>File Photo: Russian President Vladimir Putin. AFP</p></div>",
                # Index's, in Hungarian's words ("kép", picture; "képaláírás", caption)
                "<div class='kep'><img src='a.jpg'><p class='kepalairas'>Joe Biden és Vlagyimir Putyin Genfben "
                "Fotó: Peter Klaunzer / Pool / AFP</p></div>"):
        assert _normalized(_article("Кордон", lang="uk", before=box)).body.split("\n\n") == FULL_STORY


def test_a_bylines_name_and_role_in_elements_of_their_own_are_read_apart() -> None:
    # The BBC's byline block: the name in one element, the desk under it in another.
    page_html = _article("Кордон", lang="uk", before=(
        "<div data-component='byline-block'><div class='Contributor'><strong>By Olena Marchuk</strong></div>"
        "<div>BBC News</div></div>"))
    assert _normalized(page_html).author == "Olena Marchuk"


def test_an_arabic_papers_date_line_with_its_hijri_date_and_issue_number_is_read() -> None:
    # Asharq Al-Awsat's: longer than a date line's 60 characters with the Hijri date and the issue's number.
    line = "<div class='date'>الأربعاء - 4 جمادى الأولى 1443 هـ - 08 ديسمبر 2021 مـ رقم العدد [ 15716]</div>"
    page_html = _article("Кордон", lang="uk", before=line)
    assert _normalized(page_html, "https://aawsat.com/home/article/3345").published_at.date().isoformat() == "2021-12-08"


def test_a_video_box_whose_player_a_script_draws_is_no_part_of_the_text() -> None:
    # Focus Online's: the box's title and credit, the player's element empty until a script fills it.
    box = ("<div class='videoBox'><p>Im Video: Was Putin an der Grenze plant</p><p>FOCUS Online/Wochit</p>"
           "<div class='video-player' data-video-id='81'></div></div>")
    page_html = _story_with(box)
    assert _normalized(page_html).body.split("\n\n") == FULL_STORY


@pytest.mark.parametrize("line", ["<p>Publiziert: 08.12.2021, 18:45</p>", "<p>Publié mercredi 8 décembre 2021 à 18:45</p>"])
def test_a_date_line_under_tamedias_or_le_temps_label_is_the_date_and_no_text(line: str) -> None:
    item = _normalized(_article("Кордон", lang="uk", before=line), "https://www.tagesanzeiger.ch/x-123")
    assert item.body.split("\n\n") == FULL_STORY
    assert item.published_at is not None and item.published_at.date().isoformat() == "2021-12-08"


def test_a_live_pages_time_lines_share_bars_pinned_copy_and_named_headings_are_read_as_an_editor_would() -> None:
    # The Guardian's entries open with their time in a <p>; CNN's close with a share bar's list; Onet's
    # headings are in a <div> named for them; a pinned copy of an entry opens the stream; the page declares
    # a NewsArticle with its intro beside its LiveBlogPosting (Le Figaro's); the key points are told by
    # their box's heading (the Washington Post's "Here's what to know").
    ld = ('<script type="application/ld+json">[{"@type": "NewsArticle", "headline": "Кордон: онлайн", "articleBody": '
          '"Вступ до трансляції, який сайт оголошує текстом статті, хоча записи трансляції йдуть нижче на сторінці, '
          'кожен зі своїм часом і заголовком, і саме вони є текстом цієї сторінки для читача."}, '
          '{"@type": "LiveBlogPosting", "headline": "Кордон: онлайн"}]</script>')
    entries = [("20:41", "Трансляцію завершено", "Дякуємо, що були з нами цього вечора, до завтра."),
               ("19:58", "Салліван: США готові посилити східний фланг", "Радник заявив, що США нададуть сили союзникам."),
               ("15:36", "Розмова почалася", "Відеорозмова між президентами почалася, повідомили в Кремлі.")]

    def post(time: str, heading: str, paragraph: str, pinned: str = "") -> str:
        return (f"<div class='block{pinned}'><p class='block-time'><time datetime='2021-12-07T{time}:00Z'>{time} GMT</time></p>"
                f"<div class='liveEntryTitle'>{heading}</div><p>{paragraph}</p>"
                "<div class='post-share'><ul><li><button>Link Copied!</button></li></ul></div></div>")
    posts = post(*entries[1], pinned=" is-pinned") + "".join(post(*entry) for entry in entries)
    summary = "<div class='pb-md'><h2>Here's what to know</h2><ul><li>Президенти говорили дві години.</li></ul></div>"
    page_html = (f"<html lang='uk'><head><title>Кордон: онлайн</title>{ld}</head><body><main><h1>Кордон: онлайн</h1>"
                 f"{summary}<div class='stream'>{posts}</div></main></body></html>")
    expected = ["Президенти говорили дві години."]
    for _, heading, paragraph in entries:
        expected += [heading, paragraph]
    assert _normalized(page_html).body.split("\n\n") == expected
