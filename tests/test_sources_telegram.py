"""A public Telegram channel's web preview (t.me/s/NAME): its posts with text are items."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from monitor.errors import ParseError
from monitor.models import RawDocument
from monitor.normalize import normalize
from monitor import sources
from monitor.sources import telegram


def post(number: int, inner: str, when: str = "2021-12-06T10:15:00+00:00", extra_class: str = "") -> str:
    return (f'<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message '
            f'text_not_supported_wrap js-widget_message{extra_class}" data-post="desk_ua/{number}" data-view="x">'
            f'<div class="tgme_widget_message_bubble"><div class="tgme_widget_message_author accent_color">'
            f'<a class="tgme_widget_message_owner_name" href="https://t.me/desk_ua"><span dir="auto">Desk UA</span></a>'
            f'</div>{inner}<div class="tgme_widget_message_footer compact js-message_footer"><div '
            f'class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">12.4K'
            f'</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" '
            f'href="https://t.me/desk_ua/{number}"><time datetime="{when}" class="time">10:15</time></a></span>'
            f'</div></div></div></div></div>')


def text(markup: str) -> str:
    return f'<div class="tgme_widget_message_text js-message_text" dir="auto">{markup}</div>'


# Posts written for these tests, in the channel's languages.
CHANNEL = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:title" content="Desk UA">'
           '<title>Desk UA – Telegram</title></head><body><section class="tgme_channel_history js-message_history">'
           + post(101, text("⚡️Резніков: біля кордону зосереджено близько 94 тисяч російських військових<br/><br/>"
                            "Міністр оборони виступив у Верховній Раді.<br/>Він назвав кінець січня "
                            "найімовірнішим часом для ескалації. <a href=\"https://example.org/x\">Деталі</a>"))
           + post(102, '<a class="tgme_widget_message_photo_wrap" style="background-image:url(x.jpg)"></a>')  # no text
           + post(103, "", extra_class=" service_message")
           + post(104, '<a class="tgme_widget_message_reply" href="https://t.me/desk_ua/101"><div '
                       'class="tgme_widget_message_author">Desk UA</div><div class="tgme_widget_message_text">'
                       'Резніков: біля кордону…</div></a>'
                  + text("NATO allies were briefed on the build-up on Monday evening.")
                  + '<span class="tgme_widget_message_from_author">Olena Petrenko</span>',
                  when="2021-12-06T18:40:00+00:00")
           + "</section></body></html>")
NOW = datetime(2021, 12, 7, tzinfo=timezone.utc)


def doc(body: str, location: str = "https://t.me/s/desk_ua") -> RawDocument:
    return RawDocument(source="desk", kind="telegram", location=location, body=body.encode("utf-8"), fetched_at=NOW,
                       final_url=location, content_type="text/html; charset=utf-8")


def test_each_post_with_text_is_an_entry_with_its_link_date_and_paragraphs() -> None:
    parsed = telegram.parse(doc(CHANNEL))
    assert parsed.title == "Desk UA"
    assert [(e.guid, e.url, e.published) for e in parsed.entries] == [
        ("desk_ua/101", "https://t.me/desk_ua/101", "2021-12-06T10:15:00+00:00"),
        ("desk_ua/104", "https://t.me/desk_ua/104", "2021-12-06T18:40:00+00:00")]
    first, reply = parsed.entries
    # (each line a paragraph, as the post shows it, a single line break's too)
    assert first.body == ("⚡️Резніков: біля кордону зосереджено близько 94 тисяч російських військових\n\n"
                          "Міністр оборони виступив у Верховній Раді.\n\nВін назвав кінець січня найімовірнішим часом "
                          "для ескалації. Деталі")
    assert reply.body == "NATO allies were briefed on the build-up on Monday evening."  # not the quoted post
    assert (first.publisher, first.author, reply.author) == ("Desk UA", None, "Olena Petrenko")
    assert first.language is None  # the page's lang="en" is the reader's interface, not the channel's


def test_a_posts_first_line_is_its_title_and_its_language_its_texts() -> None:
    entry = telegram.parse(doc(CHANNEL)).entries[0]
    item = normalize(entry, doc(CHANNEL))
    assert item.title == "Резніков: біля кордону зосереджено близько 94 тисяч російських військових"
    assert item.body == entry.body and item.language == "uk"  # the post whole, as written
    assert item.published_at == datetime(2021, 12, 6, 10, 15, tzinfo=timezone.utc)


@pytest.mark.parametrize("body", [
    "<html><body><div class='tgme_page'><div class='tgme_page_title'>Desk UA</div></div></body></html>",  # t.me/NAME
    "<html><body><p>Nothing here</p></body></html>",
])
def test_a_page_without_posts_is_a_one_line_error(body: str) -> None:
    with pytest.raises(ParseError) as failure:
        telegram.parse(doc(body, "https://t.me/desk_ua"))
    message = str(failure.value)
    assert "\n" not in message and "https://t.me/desk_ua" in message and "t.me/s/NAME" in message


def test_a_channel_is_a_source_whose_posts_are_stored_once_and_alerted(make_config, feed_server, open_monitor) -> None:
    url = feed_server.add("/s/desk_ua", CHANNEL, content_type="text/html; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk-ua", "kind": "telegram", "url": url, "allow_private": True}]))
    first, again = monitor.ingest(), monitor.ingest()
    assert (first.items_new, first.alerts) == (2, 1)
    assert again.items_new == 0
    rows = monitor.db.execute("SELECT url, title FROM items ORDER BY id").fetchall()
    assert [url for url, _ in rows] == ["https://t.me/desk_ua/101", "https://t.me/desk_ua/104"]
    assert [r[0] for r in monitor.db.execute("SELECT rule FROM alerts")] == ["NATO"]


def channel(*numbers: int) -> str:
    posts = "".join(post(n, text(f"Post {n}: the desk reports item number {n} from the border region."))
                    for n in numbers)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:title" content="Desk UA">'
            f'</head><body><section class="tgme_channel_history">{posts}</section></body></html>')


def test_older_pages_are_read_until_one_holds_a_post_stored_before(make_config, feed_server, open_monitor) -> None:
    """The preview holds a channel's latest posts only: a channel that posted more than a page between
    two runs has its older pages (?before=N) read, back to a post the source delivered before."""
    url = feed_server.add("/s/desk_ua", channel(10, 11), content_type="text/html; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk-ua", "kind": "telegram", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 2
    assert not any("before=" in path for path, _ in feed_server.requests)  # a first run reads its latest page only
    feed_server.add("/s/desk_ua", channel(30, 31), content_type="text/html; charset=utf-8")
    feed_server.add("/s/desk_ua?before=30", channel(20, 21), content_type="text/html; charset=utf-8")
    feed_server.add("/s/desk_ua?before=20", channel(11, 12), content_type="text/html; charset=utf-8")
    record = monitor.ingest()
    assert record.items_new == 5
    assert [path for path, _ in feed_server.requests if "before=" in path] == ["/s/desk_ua?before=30",
                                                                             "/s/desk_ua?before=20"]
    stored = {r[0] for r in monitor.db.execute("SELECT guid FROM items")}
    assert stored == {f"desk_ua/{n}" for n in (10, 11, 12, 20, 21, 30, 31)}


def test_an_older_page_that_fails_keeps_what_was_read(make_config, feed_server, open_monitor) -> None:
    url = feed_server.add("/s/desk_ua", channel(10, 11), content_type="text/html; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk-ua", "kind": "telegram", "url": url, "allow_private": True}]))
    monitor.ingest()
    feed_server.add("/s/desk_ua", channel(30, 31), content_type="text/html; charset=utf-8")  # ?before=30: 404
    record = monitor.ingest()
    assert (record.outcome.value, record.items_new) == ("ok", 2)
    assert "before=30" in (record.warning or "")  # recorded on the fetch


def test_the_page_before_is_named_by_the_oldest_post() -> None:
    assert telegram.older_page("https://t.me/s/desk_ua", ("desk_ua/31", "desk_ua/30")) == "https://t.me/s/desk_ua?before=30"
    assert telegram.older_page("https://t.me/s/desk_ua?before=30", ("desk_ua/21",)) == "https://t.me/s/desk_ua?before=21"
    assert telegram.older_page("https://t.me/s/desk_ua", ()) is None


def test_a_gap_older_pages_do_not_close_is_said(make_config, feed_server, open_monitor, monkeypatch) -> None:
    from monitor import collect

    monkeypatch.setattr(collect, "MAX_PAGES_BACK", 1)
    url = feed_server.add("/s/desk_ua", channel(10, 11), content_type="text/html; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk-ua", "kind": "telegram", "url": url, "allow_private": True}]))
    monitor.ingest()
    feed_server.add("/s/desk_ua", channel(30, 31), content_type="text/html; charset=utf-8")
    feed_server.add("/s/desk_ua?before=30", channel(20, 21), content_type="text/html; charset=utf-8")
    record = monitor.ingest()
    assert record.items_new == 4
    assert "telegram: 1 older pages read without reaching a post stored before; the posts before " \
           f"{url}?before=30 are not read" in (record.warning or "")


def forwarded(origin: str, name: str) -> str:
    link = f'<a class="tgme_widget_message_forwarded_from_name" href="{origin}"><span dir="auto">{name}</span></a>' \
        if origin else f'<span class="tgme_widget_message_forwarded_from_name" dir="auto">{name}</span>'
    return f'<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from {link}</div>'


def test_a_forwarded_post_is_the_original_post(make_config, feed_server, open_monitor) -> None:
    """Channels forward the General Staff's post: under the original's address they give one item,
    seen by each channel; a forward from a private channel (no link) keeps its own address."""
    statement = text("Генштаб: за добу відбито 12 атак на Донбасі. Ситуація під контролем.")
    desk = ('<!DOCTYPE html><html><head><meta property="og:title" content="Desk UA"></head><body><section>'
            + post(105, forwarded("https://t.me/GeneralStaffZSU/1234", "Генеральний штаб ЗСУ") + statement)
            + post(106, forwarded("", "Закритий канал") + text("Повідомлення з закритого каналу про обстріли."))
            + "</section></body></html>")
    other = desk.replace("desk_ua", "other_ua").replace('data-post="other_ua/106"', 'data-post="other_ua/9"')
    entries = telegram.parse(doc(desk)).entries
    assert [(e.url, e.guid, e.author) for e in entries] == [
        ("https://t.me/GeneralStaffZSU/1234", "desk_ua/105", "Генеральний штаб ЗСУ"),
        ("https://t.me/desk_ua/106", "desk_ua/106", "Закритий канал")]
    desk_url = feed_server.add("/s/desk_ua", desk, content_type="text/html; charset=utf-8")
    other_url = feed_server.add("/s/other_ua", other, content_type="text/html; charset=utf-8")
    monitor = open_monitor(make_config([
        {"name": "desk-ua", "kind": "telegram", "url": desk_url, "allow_private": True},
        {"name": "other-ua", "kind": "telegram", "url": other_url, "allow_private": True}]))
    monitor.ingest("desk-ua")
    monitor.ingest("other-ua")
    rows = monitor.db.execute("SELECT i.url, count(s.source) FROM items i JOIN item_sightings s ON s.item_id = i.id "
                              "GROUP BY i.id ORDER BY i.url").fetchall()
    assert rows == [("https://t.me/GeneralStaffZSU/1234", 2), ("https://t.me/desk_ua/106", 1),
                    ("https://t.me/other_ua/9", 1)]


def test_the_preview_of_the_page_a_post_links_to_is_its_summary() -> None:
    preview = ('<a class="tgme_widget_message_link_preview" href="https://desk.example/a/1">'
               '<i class="link_preview_image" style="background-image:url(x.jpg)"></i>'
               '<div class="link_preview_site_name accent_color" dir="auto">Desk</div>'
               '<div class="link_preview_title" dir="auto">Колона техніки біля кордону</div>'
               '<div class="link_preview_description" dir="auto">Мешканці прикордонних сіл повідомили про колону.</div>'
               "</a>")
    page = ('<!DOCTYPE html><html><head><meta property="og:title" content="Desk UA"></head><body><section>'
            + post(107, text('Читайте у нас: <a href="https://desk.example/a/1">desk.example/a/1</a>') + preview)
            + post(108, text("Без посилання."))
            + "</section></body></html>")
    entries = telegram.parse(doc(page)).entries
    assert [e.summary for e in entries] == [
        "Колона техніки біля кордону\n\nМешканці прикордонних сіл повідомили про колону.", None]
    # A post that is a link and a few words is titled as the page it links to, which its preview names.
    item = normalize(entries[0], doc(page))
    assert (item.title, item.summary, item.body) == ("Колона техніки біля кордону",
                                                     "Мешканці прикордонних сіл повідомили про колону.",
                                                     "Читайте у нас: desk.example/a/1")
    assert normalize(entries[1], doc(page)).title == "Без посилання."


@pytest.mark.parametrize("said, titled", [
    ("https://desk.example/a/1", True),
    ("Срочно 👇 https://desk.example/a/1", True),
    ("Міністр оборони прокоментував ситуацію на кордоні: desk.example/a/1", False),  # a line of its own
    ("Колона техніки біля кордону", False),  # no address: its words are the post
])
def test_only_a_post_that_is_its_link_and_a_few_words_takes_the_previews_title(said: str, titled: bool) -> None:
    preview = ('<a class="tgme_widget_message_link_preview" href="https://desk.example/a/1">'
               '<div class="link_preview_title" dir="auto">Звіт про рух техніки</div></a>')
    page = ('<!DOCTYPE html><html><head><meta property="og:title" content="Desk UA"></head><body><section>'
            + post(109, text(said) + preview) + "</section></body></html>")
    [entry] = telegram.parse(doc(page)).entries
    assert normalize(entry, doc(page)).title == ("Звіт про рух техніки" if titled else said)


@pytest.mark.parametrize(("closing", "kept"), [
    # The channel's sign-off: links to its channel, its bot, its backup channel; its handle; its name.
    ('<a href="https://t.me/desk_ua">Подписаться</a> | <a href="https://t.me/desk_news_bot">Прислать новость</a>', False),
    ('<b>Desk UA</b> | <a href="https://t.me/desk_ua">Подписаться</a>', False),
    ("@desk_ua", False),
    ('<a href="https://t.me/+AbCdEf">Наш резервный канал</a>', False),
    # A link to a post the text quotes, and words of the post's own, stay.
    ('<a href="https://t.me/mod_russia/1234">Заявление Минобороны</a>', True),
    ('Источник: <a href="https://t.me/mod_russia">Минобороны</a>', True),
])
def test_the_channels_sign_off_closing_a_post_is_no_part_of_its_text(closing: str, kept: bool) -> None:
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><meta property="og:title" content="Desk UA"></head><body>'
            + post(301, text("Війська відведено від кордону<br/><br/>Міністерство оборони повідомило про кінець навчань."
                             f"<br/><br/>{closing}")) + "</body></html>")
    item = normalize(telegram.parse(doc(page)).entries[0], doc(page))
    assert item.body.endswith("кінець навчань.") is not kept
    assert item.body.startswith("Війська відведено від кордону\n\nМіністерство оборони повідомило про кінець навчань.")



def _bridges_feed(description: str) -> RawDocument:
    """RSSHub's feed of a channel's posts, one post of this description (its markup)."""
    feed = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Desk UA - Telegram Channel'
            '</title><link>https://t.me/s/desk_ua</link><description>d</description><item><title>Війська відведено'
            '</title><link>https://t.me/desk_ua/301</link><pubDate>Tue, 07 Dec 2021 14:30:00 GMT</pubDate>'
            f'<description><![CDATA[{description}]]></description></item></channel></rss>')
    return RawDocument(source="desk", kind="feed", location="https://rsshub.example/telegram/channel/desk_ua",
                       body=feed.encode(), fetched_at=datetime(2021, 12, 7, 15, tzinfo=timezone.utc))


@pytest.mark.parametrize(("closing", "kept"), [
    ('<a href="https://t.me/desk_ua">Подписаться</a> | <a href="https://t.me/desk_news_bot">Прислать новость</a>', False),
    ('Desk UA | <a href="https://t.me/desk_ua">Підписатись</a>', False),  # the channel's name, as the feed's title has it
    ("@desk_ua", False),
    ('👉 <a href="https://t.me/+AbCdEf">Прислать новость</a>', False),
    ('<a href="https://t.me/mod_russia/1234">Заявление Минобороны</a>', True),
    ('Источник: <a href="https://t.me/mod_russia">Минобороны</a>', True),
])
def test_the_channels_sign_off_is_left_out_of_a_bridges_feed_of_its_posts(closing: str, kept: bool) -> None:
    # RSSHub and its kind make a channel's posts a feed whose items link to the posts.
    description = ("Війська відведено від кордону<br/><br/>Міністерство оборони повідомило про кінець навчань."
                   f"<br/><br/>{closing}").replace("]]>", "")
    raw = _bridges_feed(description)
    feed = raw.body.decode()
    [entry] = sources.parse(raw).entries
    item = normalize(entry, raw)
    text = item.body or item.summary
    assert text.endswith("кінець навчань.") is not kept
    assert text.startswith("Війська відведено від кордону\n\nМіністерство оборони повідомило про кінець навчань.")
    if not kept:  # the same closing under a site's story, not a Telegram post, is left to the site's lines
        site = RawDocument(source="desk", kind="feed", location="https://desk.example/rss",
                           body=feed.replace("https://t.me/desk_ua/301", "https://desk.example/a/301").encode(),
                           fetched_at=raw.fetched_at)
        other = normalize(sources.parse(site).entries[0], site)
        assert (other.body or other.summary).count("\n\n") == 2


def test_a_bridges_post_without_its_sign_off_is_without_the_link_to_read_on_before_it() -> None:
    raw = _bridges_feed('Міністерство оборони повідомило про кінець навчань. <a href="https://desk.example/ukr/x.html">'
                        'Читати далі</a><br/><br/><a href="https://t.me/desk_ua">Desk UA</a>')
    item = normalize(sources.parse(raw).entries[0], raw)
    assert (item.body or item.summary) == "Міністерство оборони повідомило про кінець навчань."


AGENT_MARKING = ("ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ МАССОВОЙ ИНФОРМАЦИИ, "
                 "ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА, И (ИЛИ) РОССИЙСКИМ ЮРИДИЧЕСКИМ ЛИЦОМ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ "
                 "ИНОСТРАННОГО АГЕНТА.")


@pytest.mark.parametrize("between", ["<br/><br/>", "<br/>", " 18+<br/>"])
def test_the_foreign_agent_marking_opening_a_post_is_neither_its_title_nor_its_text(between: str) -> None:
    # The marking Russian law requires over such a channel's every post, on a line of its own or
    # read into one paragraph with the post's first line.
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><meta property="og:title" content="Desk"></head><body>'
            + post(302, text(AGENT_MARKING + between + "Колонна техники прошла через село у границы.<br/><br/>"
                             "Жители насчитали двадцать машин.")) + "</body></html>")
    item = normalize(telegram.parse(doc(page)).entries[0], doc(page))
    assert item.title == "Колонна техники прошла через село у границы."
    assert item.body == "Колонна техники прошла через село у границы.\n\nЖители насчитали двадцать машин."


def test_a_posts_line_breaks_are_paragraphs_and_its_title_has_no_pictographs_ahead() -> None:
    # The channel's bold first line over its text, a line break between, and a pictograph ahead of it.
    inner = text("⚡️<b>Путин и Байден начали переговоры</b><br/>Разговор идет по видеосвязи.<br/>Подробности позже.")
    raw = RawDocument(source="tg", kind="telegram", location="https://t.me/s/desk_ua", final_url="https://t.me/s/desk_ua",
                      body=f"<html><body>{post(7, inner)}</body></html>".encode(),
                      fetched_at=datetime(2021, 12, 7, tzinfo=timezone.utc), content_type="text/html")
    item = normalize(telegram.parse(raw).entries[0], raw)
    assert item.title == "Путин и Байден начали переговоры"
    # (the post's text whole: its first line is its title, not taken out of it)
    assert item.body.split("\n\n")[1:] == ["Разговор идет по видеосвязи.", "Подробности позже."]
