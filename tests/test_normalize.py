"""normalize: what an entry's summary keeps when its body is there too, and a document's repeated lines."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from monitor.models import Entry, RawDocument
from monitor.normalize import normalize, without_repeated_paragraphs

NOW = datetime(2022, 1, 10, tzinfo=timezone.utc)
DOC = RawDocument(source="desk", kind="feed", location="https://example.org/feed", body=b"", fetched_at=NOW,
                  final_url="https://example.org/feed")
BODY = ("<p>Russian troops massed near the border, officials said on Monday. The build-up, which began in "
        "October, now exceeds 90,000 soldiers.</p><p>Talks are due in Geneva.</p>")


def item(summary: str, body: str = BODY, title: str = "Troops at the border", n: int = 1):
    return normalize(Entry(title=title, url=f"https://example.org/a/{n}", summary=summary, summary_is_html=True,
                           body=body, body_is_html=True), DOC)


@pytest.mark.parametrize("summary", [
    "Russian troops massed near the border, officials said on Monday.",  # the body's first sentence
    "Russian troops massed near the border, officials said on Monday. The build-up, which began in [&#8230;]",
    "<p>Russian troops massed near the border, officials said on Monday. The build-up, which began in "
    "October, now exceeds 90,000...</p>",
    "Russian troops massed near the border, officials said on Monday. The build-up, which began in Oct…",
    "Russian troops massed near the border, officials said on Monday. The build-up (...)",
    # The whole body with its paragraphs run together.
    "Russian troops massed near the border, officials said on Monday. The build-up, which began in October, "
    "now exceeds 90,000 soldiers. Talks are due in Geneva.",
])
def test_a_teaser_of_the_body_is_not_kept_beside_it(summary: str) -> None:
    stored = item(summary)
    assert stored.summary == ""
    assert stored.body.startswith("Russian troops massed") and stored.body.endswith("Talks are due in Geneva.")


@pytest.mark.parametrize("summary", [
    "Moscow denies any plan to invade; NATO ministers meet on Tuesday.",  # a summary of its own
    "Russian troops massed near the border, officials said on Tuesday […]",  # differs before the cut
])
def test_a_summary_that_says_something_else_stays(summary: str) -> None:
    assert item(summary).summary == summary


def test_repeated_lines_go_from_summaries_and_bodies_and_the_hashes_follow() -> None:
    line = "<p>Follow us on Telegram.</p>"
    items = [item(f"<p>Teaser {n} of its own.</p>{line}", f"<p>Story number {n} told at length.</p>{line}", f"T{n}", n)
             for n in range(3)]
    cleaned = without_repeated_paragraphs(items)
    assert [(i.summary, i.body) for i in cleaned] == [(f"Teaser {n} of its own.", f"Story number {n} told at length.")
                                                     for n in range(3)]
    assert [i.content_hash for i in cleaned] == [item(f"Teaser {n} of its own.", f"Story number {n} told at length.",
                                                      f"T{n}", n).content_hash for n in range(3)]
    assert without_repeated_paragraphs(items[:2]) == items[:2]


def test_a_sites_call_to_follow_it_leaves_the_items_text() -> None:
    stored = item("", BODY + "<p>Підписуйтесь на наш <a href='https://t.me/x'>Telegram-канал</a>!</p>")
    assert stored.body.endswith("Talks are due in Geneva.")


def test_a_summary_escaped_twice_is_stored_as_text() -> None:
    stored = item("&lt;p&gt;Moscow &amp;quot;denies&amp;quot; any plan.&lt;/p&gt;&lt;p&gt;NATO meets.&lt;/p&gt;")
    assert stored.summary == 'Moscow "denies" any plan.\n\nNATO meets.'


def test_an_authors_byline_label_is_not_stored() -> None:
    entry = Entry(title="Talks", url="https://example.org/a/9", author="Автор: Олена Петренко", summary="Text.")
    assert normalize(entry, DOC).author == "Олена Петренко"


def test_a_japanese_papers_closing_place_and_writer_name_the_writer() -> None:
    # Mainichi's: the place in katakana and the writer in kanji, in brackets after the last sentence.
    body = "米露首脳は7日、オンラインで会談した。\n\n米政府高官が明らかにした。【モスクワ前田洋平】"
    stored = normalize(Entry(title="米露首脳が会談", url="https://example.jp/a/9", body=body), DOC)
    assert (stored.author, stored.body) == ("前田洋平", "米露首脳は7日、オンラインで会談した。\n\n米政府高官が明らかにした。")
    # A bracketed note of the story's own stays.
    noted = "米露首脳は7日、オンラインで会談した。\n\n米政府高官が明らかにした。【関連記事あり】"
    assert normalize(Entry(title="米露首脳が会談", url="https://example.jp/a/10", body=noted), DOC).author is None


@pytest.mark.parametrize(("lead", "writers"), [
    ("(서울=연합뉴스) 홍길동 기자 = 외무장관은 화요일 국경 회담이 계속될 것이라고 말했다.", "홍길동"),  # Yonhap's
    ("[서울=뉴시스]홍길동 기자 = 외무장관은 화요일 국경 회담이 계속될 것이라고 말했다.", "홍길동"),  # Newsis's
    ("(워싱턴=연합뉴스) 김철수 특파원 = 미국 국무부는 화요일 성명을 냈다.", "김철수"),  # a correspondent
    ("(서울=뉴스1) 홍길동 김철수 기자 = 외무장관은 화요일 말했다.", "홍길동, 김철수"),
    ("(서울=연합뉴스) 외무장관은 화요일 국경 회담이 계속될 것이라고 말했다.", None),  # a dateline, no writer
    # Chinese wires' and papers' datelines, the reporters in brackets (Xinhua's, People's Daily's)
    ("新华社莫斯科12月7日电（记者王明、李华）俄罗斯外交部长7日表示，会谈将于下周继续。", "王明, 李华"),
    ("本报北京12月7日电（记者王明）外交部发言人7日表示，会谈将于下周继续。", "王明"),
    ("新华社北京12月7日电 外交部发言人7日表示，会谈将于下周继续。", None),
    # Taiwan's Central News Agency and papers, Huanqiu, Japanese papers (the place, then the writer);
    # a Japanese agency is no writer
    ("（中央社記者蘇牧野台北7日電）行政院7日表示，防疫措施將延長。", "蘇牧野"),
    ("（中央社記者蘇牧野、林克倫華盛頓6日電）美國國務院6日表示，會談將繼續。", "蘇牧野, 林克倫"),
    ("（中央社記者林思涵華盛頓7日專電）美國國務院7日表示，會談將繼續。", "林思涵"),  # a correspondent's special dispatch
    ("〔編譯黃以安／綜合報導〕美國國務院7日表示，會談將繼續。", "黃以安"),  # LTN's translator signing world news
    ("〔記者歐陽晴／台北報導〕行政院7日表示，防疫措施將延長。", "歐陽晴"),
    ("記者程立川／台北即時報導 行政院7日表示，防疫措施將延長。", "程立川"),
    ("【环球网报道 记者 骆文涛】外交部发言人7日表示，会谈将于下周继续。", "骆文涛"),
    ("【环球时报驻俄罗斯特约记者 王晨 环球时报记者 赵洁】会谈将于下周继续。", "王晨, 赵洁"),  # each writer's own label
    ("【ワシントン＝蒔田健吾】米政府は6日、外交的ボイコットを発表した。", "蒔田健吾"),
    ("【ワシントン＝共同】米政府は6日、外交的ボイコットを発表した。", None),
    ("【モスクワ杉本正人】ロシア外務省は6日、声明を出した。", "杉本正人"),  # Mainichi's, no "＝" between
    ("【ワシントン＝蒔田一彦、モスクワ＝工藤武人】米露首脳は7日、オンラインで会談した。", "蒔田一彦, 工藤武人"),  # each with the place
    ("人民网莫斯科12月6日电（记者 屈佩）俄罗斯总统普京6日表示，会谈将继续。", "屈佩"),  # a site's own dateline
])
def test_an_east_asian_wire_storys_lead_names_its_writers(lead: str, writers: str | None) -> None:
    # The author field empty, as Korean sites' pages and feeds leave it; the lead stays the text's.
    stored = normalize(Entry(title="회담", url="https://example.kr/a/9", body=f"{lead}\n\n둘째 문단."), DOC)
    assert stored.author == writers
    assert stored.body.startswith(lead)


@pytest.mark.parametrize(("author", "body", "stored_author", "opening"), [
    # A full-text feed's byline over the story: no text where it names the author, or the item has none.
    ("Jane Doe", "<p>By Jane Doe</p><p>Talks went on all night in Geneva.</p><p>More.</p>", "Jane Doe", "Talks went on"),
    (None, "<p>By Jane Doe</p><p>Talks went on all night in Geneva.</p><p>More.</p>", "Jane Doe", "Talks went on"),
    ("Jane Doe", "<p>Jane Doe</p><p>Talks went on all night in Geneva.</p><p>More.</p>", "Jane Doe", "Talks went on"),
    # Another name than the author's stays: a group blog's account over a post its writer signs.
    ("Desk Bloggers", "<p>By: Ann Lee</p><p>Talks went on all night in Geneva.</p>", "Desk Bloggers", "By: Ann Lee"),
])
def test_a_byline_opening_a_feeds_text_is_no_text_where_it_names_the_author(author, body, stored_author, opening) -> None:
    stored = normalize(Entry(title="Talks", url="https://example.org/a/9", author=author, body=body, body_is_html=True), DOC)
    assert stored.author == stored_author
    assert stored.body.startswith(opening)


@pytest.mark.parametrize("signature", ['김철수 기자 <a href="mailto:kim@example.kr">kim@example.kr</a>',
                                       "김철수 기자 kim@example.kr", "김철수 특파원 (kim@example.kr)"])
def test_a_korean_storys_closing_signature_names_its_writer(signature: str) -> None:
    body = f"<p>외무장관은 화요일 국경 회담이 계속될 것이라고 말했다.</p><p>양측은 전문가 회의를 열기로 합의했다.</p><p>{signature}</p>"
    stored = normalize(Entry(title="회담", url="https://example.kr/a/9", body=body, body_is_html=True), DOC)
    assert stored.author == "김철수"
    assert stored.body.endswith("합의했다.")  # the signature is the site's line, and goes


@pytest.mark.parametrize(("closing", "author"), [
    ("Minh Anh (Theo Reuters)", "Minh Anh"), ("Thanh Danh (Theo AFP, Reuters)", "Thanh Danh"),  # VnExpress's
    ("MINH ANH", "Minh Anh"), ("Nguyễn Văn An", "Nguyễn Văn An"),  # Tuổi Trẻ's capitals; a full name
    ("Hà Nội", None),  # two words alone: a place's name as often
])
def test_the_writers_name_closing_a_vietnamese_story_is_its_author(closing: str, author: str | None) -> None:
    body = ("<p>Ngoại trưởng cho biết hôm thứ Ba rằng các cuộc đàm phán ở biên giới sẽ tiếp tục vào tuần tới, bất chấp "
            "các báo cáo về việc di chuyển quân đội.</p><p>Theo ông, hai bên đã nhất trí tổ chức một cuộc họp chuyên gia "
            f"mới tại Geneva vào cuối tháng.</p><p>{closing}</p>")
    stored = normalize(Entry(title="Đàm phán biên giới sẽ tiếp tục", url="https://example.vn/a/9", body=body,
                             body_is_html=True), DOC)
    assert stored.language == "vi"
    assert stored.author == author
    assert stored.body.endswith("cuối tháng.") == (author is not None)


@pytest.mark.parametrize(("closing", "author"), [
    ("Ирина Смирнова, «Фонтанка.ру»", "Ирина Смирнова"),  # Fontanka's: the writer, the outlet in quotes
    ("Слава Україні", None), ("Ирина Смирнова", None),  # two capitalised words alone: a slogan's as often
    ("Так заявил Иван Петров, «Фонтанка.ру» пишет об этом.", None),  # a sentence
    ("Автор: Иван Петров", "Иван Петров"),  # a labelled byline closing the story
    ("Беседовала Мария Лебедева", "Мария Лебедева"),  # an interviewer's credit under the interview
    ("WRITER: AFP", "AFP"),  # the Bangkok Post's under a wire's story
    ("Story by Anna Smirnova", "Anna Smirnova"),  # a credit closing the story
    ("Z Moskwy Jakub Bawołek (PAP)", "Jakub Bawołek"),  # PAP's correspondent signing from the place
    ("Автор: какой-то текст, который продолжается и заканчивается точкой.", None),
])
def test_a_writers_name_with_the_outlet_in_quotes_closing_a_story_is_its_author(closing: str, author: str | None) -> None:
    body = ("<p>В Петербурге во вторник открыли новую станцию метро, которую строили почти десять лет.</p>"
            f"<p>Первые поезда пошли по линии в шесть утра.</p><p>{closing}</p>")
    stored = normalize(Entry(title="Новая станция метро", url="https://example.ru/a/9", body=body, body_is_html=True), DOC)
    assert stored.author == author
    assert stored.body.endswith("в шесть утра.") == (author is not None)


@pytest.mark.parametrize(("closing", "author"), [
    ("—Ulat ni Marites Villanueva, ABS-CBN News", "Marites Villanueva"),  # ABS-CBN's, Tagalog's "report of"
    ("—Joanna Reyes/FRJ, GMA News", "Joanna Reyes"),  # GMA's, the editor's initials after a slash
    ("—with reports from Reuters", None),
])
@pytest.mark.parametrize("item_author", [None, "GMA News", "ABS-CBN News"])
def test_a_writers_name_after_a_dash_with_the_outlet_closing_a_story_is_its_author(
        closing: str, author: str | None, item_author: str | None) -> None:
    body = ("<p>Binaha ang ilang lugar sa Metro Manila nitong Martes dahil sa malakas na ulan na dala ng hanging amihan.</p>"
            f"<p>Sinuspinde ng ilang lungsod ang klase sa hapon.</p><p>{closing}</p>")
    stored = normalize(Entry(title="Ilang lugar binaha", url="https://example.ph/a/9", body=body, body_is_html=True,
                             author=item_author), DOC)
    # The item's author that the signature names as its outlet gives way to the writer; another stays,
    # and so does the signature then.
    signed = author is not None and (item_author is None or item_author in closing)
    assert stored.author == (author if signed else item_author)
    assert stored.body.endswith("sa hapon.") == signed


@pytest.mark.parametrize(("author", "publisher", "writers"), [
    # The Associated Press's writers in capitals before its name, no separator between (their names
    # then written as their other bylines write them).
    ("By JANE DOE and JOHN ROE Associated Press", "Associated Press", "Jane Doe and John Roe"),
    ("By JANE DOE Associated Press", "The Associated Press", "Jane Doe"),
    ("JANE DOE, Associated Press", "Associated Press", "Jane Doe"),
    # The site's name, then the place.
    ("By Jane Doe, BBC News, Kyiv", "BBC News", "Jane Doe"),
    # the site's name less its last word, as its writers sign (GMA's "…, GMA News" under "GMA News Online")
    ("JANE DOE, Harbour News", "Harbour News Online", "Jane Doe"),
    # Persons' names before the publisher's with no separator, as sites carrying AP's stories write them.
    ("Jane Doe Associated Press", "Associated Press", "Jane Doe"),
    ("By Jane Doe and John Roe Associated Press", "The Associated Press", "Jane Doe and John Roe"),
    ("Anna Weber DER SPIEGEL", "DER SPIEGEL", "Anna Weber"),
    # The Associated Press's signature in a feed titled otherwise, or in a paper carrying its story
    ("JANE DOE and JOHN ROE Associated Press", "AP News", "Jane Doe and John Roe"),
    ("Jane Doe Associated Press", "Harbour Gazette", "Jane Doe"),
    ("MARY CLARE JALONICK, Associated Press", "Harbour Gazette", "Mary Clare Jalonick"),
    # in a script without capitals, after the names or ahead of them (Al Arabiya's, Haaretz's)
    ("أحمد سالم - العربية.نت", "العربية", "أحمد سالم"), ("العربية.نت - أحمد سالم", "العربية", "أحمد سالم"),
    ("עמוס הראלי - הארץ", "הארץ", "עמוס הראלי"), ("Example Post | Jane Doe", "Example Post", "Jane Doe"),
    # a feed's title with a section after the site's name (Gannett's); writers between bars (Dawn's)
    ("Dana Keller, EXAMPLE TODAY", "EXAMPLE TODAY - News Top Stories", "Dana Keller"),
    ("Khalid Mahmood | Kashif Abbasi", "Example Dawn", "Khalid Mahmood, Kashif Abbasi"),
])
def test_the_publishers_name_after_its_writers_is_not_theirs(author: str, publisher: str, writers: str) -> None:
    entry = Entry(title="Talks", url="https://example.org/a/9", author=author, publisher=publisher, summary="Text.")
    assert normalize(entry, DOC).author == writers


@pytest.mark.parametrize(("author", "publisher"), [("Gazeta.Ru", "Gazeta.Ru"), ("Staff Associated Press", "Associated Press"),
                                                   ("Thomson Reuters", "Reuters")])
def test_the_site_signing_as_itself_is_no_writer(author: str, publisher: str) -> None:
    entry = Entry(title="Talks", url="https://example.org/a/9", author=author, publisher=publisher, summary="Text.")
    assert normalize(entry, DOC).author is None


@pytest.mark.parametrize(("author", "publisher", "wires"), [
    ("Le Monde avec AFP", "Le Monde.fr", "AFP"), ("Par Le Figaro avec AFP", "Le Figaro", "AFP"),
    ("Ouest-France avec AFP et Reuters", "Ouest-France", "AFP, Reuters"),
    # or beside it after a comma or a bar (Novinky's, HVG's)
    ("Novinky, ČTK", "Novinky.cz", "ČTK"), ("MTI / hvg.hu", "hvg.hu", "MTI"),
])
def test_the_site_signing_with_the_wires_is_the_wires_copy(author: str, publisher: str, wires: str) -> None:
    # Le Monde signs an agency's dispatch "Le Monde avec AFP", under its og:site_name "Le Monde.fr": the
    # wire's copy, as its dateline would sign it. A person's name with the wire stays the person's.
    entry = Entry(title="Talks", url="https://example.org/a/9", author=author, publisher=publisher, summary="Text.")
    assert normalize(entry, DOC).author == wires
    person = Entry(title="Talks", url="https://example.org/a/9", author="Anne Durand avec AFP", publisher=publisher,
                   summary="Text.")
    assert normalize(person, DOC).author != wires
    writer = Entry(title="Talks", url="https://example.org/a/9", author="Anne Durand, ČTK", publisher=publisher,
                   summary="Text.")
    assert normalize(writer, DOC).author != "ČTK"


@pytest.mark.parametrize(("text", "title"), [
    ("Talks resume in Geneva.", "Talks resume in Geneva."),
    ("Резніков заявив у Верховній Раді, що біля кордону зосереджено близько 94 тисяч військових. Він назвав кінець "
     "січня найімовірнішим часом для ескалації.",
     "Резніков заявив у Верховній Раді, що біля кордону зосереджено близько 94 тисяч військових."),  # its first sentence
    ("Резніков заявив у Верховній Раді що біля кордону зосереджено близько 94 тисяч російських військових і назвав "
     "кінець січня найімовірнішим часом",
     "Резніков заявив у Верховній Раді що біля кордону зосереджено близько 94 тисяч російських військових і назвав "
     "кінець…"),  # whole words, at most 120 characters
])
def test_an_item_without_a_title_takes_one_from_its_first_paragraph(text: str, title: str) -> None:
    entry = Entry(title=None, url="https://t.me/desk_ua/7", body=f"{text}\n\nSecond paragraph.")
    assert normalize(entry, DOC).title == title


def test_a_title_taken_from_a_repeated_line_is_taken_again_from_what_is_left() -> None:
    # A channel that opens every post with the same header line: its posts have no headline.
    header = "<p>⚡️ Desk UA: breaking</p>"
    items = [normalize(Entry(title=None, url=f"https://t.me/desk_ua/{n}", body=f"{header}<p>Post number {n} says it.</p>",
                             body_is_html=True), DOC) for n in range(3)]
    assert [i.title for i in items] == ["Desk UA: breaking"] * 3  # (the pictograph ahead of it goes, as from a title given)
    assert [i.title for i in without_repeated_paragraphs(items)] == [f"Post number {n} says it." for n in range(3)]


@pytest.mark.parametrize("summary", [
    "Песков: Кремль не планирует вторжение",
    "Песков: Кремль не планирует вторжение.",  # the title with a full stop
    "<p>ПЕСКОВ: КРЕМЛЬ НЕ ПЛАНИРУЕТ ВТОРЖЕНИЕ</p>",
    "❗️Песков: Кремль не планирует вторжение",  # a Telegram post's mark ahead of it
])
def test_a_summary_that_is_the_title_again_is_not_kept(summary: str) -> None:
    # News agencies' feeds give many items a description that is the headline again: twice, a
    # rule's hit in it was counted twice.
    stored = item(summary, body="", title="Песков: Кремль не планирует вторжение")
    assert (stored.title, stored.summary, stored.body) == ("Песков: Кремль не планирует вторжение", "", "")


def test_a_summary_that_opens_with_the_title_loses_that_paragraph() -> None:
    stored = item("<p>Песков заявил</p><p>МОСКВА, 13 ноября. /ТАСС/. Кремль не планирует вторжения.</p>",
                  body="", title="Песков заявил")
    assert stored.summary == "МОСКВА, 13 ноября. /ТАСС/. Кремль не планирует вторжения."


def test_a_summary_that_only_begins_like_the_title_stays() -> None:
    summary = "Песков заявил журналистам, что Кремль не планирует вторжения."
    assert item(summary, body="", title="Песков заявил").summary == summary


def test_the_language_is_decided_again_without_the_sites_lines() -> None:
    # Short Ukrainian posts under a long English line every one of them carries, in a feed that
    # declares no language: with the line, the text read as no language CLD2 was sure of.
    line = ("<p>Follow our coverage of the war in Ukraine on the website, on Facebook, on X and in our daily "
            "newsletter, with live updates, analysis and the best of our reporting from the front. Support "
            "independent journalism: become a member today and get access to exclusive stories and events.</p>")
    posts = ["Колона військової техніки рухається до кордону з боку Бєлгорода, повідомляють місцеві жителі.",
             "Міністр оборони назвав кінець січня найімовірнішим часом для ескалації на кордоні.",
             "У Генеральному штабі заявили, що ситуація на кордоні залишається напруженою, але контрольованою."]
    items = [normalize(Entry(title=None, url=f"https://desk.example/{n}", body=f"<p>{text}</p>{line}", body_is_html=True),
                       DOC) for n, text in enumerate(posts)]
    assert [i.language for i in items] == [None] * 3
    assert [i.language for i in without_repeated_paragraphs(items)] == ["uk"] * 3


@pytest.mark.parametrize(("author", "expected"), [
    ("Thomson Reuters", "Ahmad Ghaddar and Sonali Paul"), (None, "Ahmad Ghaddar and Sonali Paul"),
    ("Reuters", "Ahmad Ghaddar and Sonali Paul"), ("Jane Doe", "Jane Doe"),  # a writer named stays
])
def test_a_wires_copy_signed_by_the_wire_is_its_reporters(author: str | None, expected: str) -> None:
    body = ("<p>Oil prices rose on Tuesday as talks over supply cuts stalled, traders said.</p>"
            "<p>Brent crude gained 2% by midday in London.</p>"
            "<p>(Reporting by Ahmad Ghaddar in London and Sonali Paul in Melbourne; Editing by Jason Neely)</p>")
    stored = normalize(Entry(title="Oil rises", url="https://example.org/a/9", author=author, body=body, body_is_html=True), DOC)
    assert stored.author == expected
    assert "Reporting by" not in stored.body


def test_the_writers_line_over_a_closing_call_goes_with_it() -> None:
    # The Guardian's column: the writer's line, then the call for letters. The call is the site's
    # notice, and once it is gone, the writer's line closes the text: it goes too.
    story = ("Timetables are written by one body, tracks maintained by another and fares set by a third, "
             "and nobody answers for the whole.")
    body = (f"<p>{story}</p><p><em>Simon Hartley is a Guardian columnist and a former transport correspondent</em></p>"
            "<p><em>Do you have an opinion on the issues raised in this article? If you would like to submit a "
            "response of up to 300 words by email to be considered for publication in our letters section, "
            "please click here.</em></p>")
    assert item("", body).body == story


@pytest.mark.parametrize("line", ["Issued on: 08/12/2021 - 17:12", "Publié le 07/12/2021 à 20:15, Mis à jour le 07/12/2021 à 21:40",
                                  "發佈日期：2021-12-10 10:05更新日期：2021-12-10 10:05",  # HK01's
                                  "Dieser Inhalt wurde am 07. Dezember 2021 - 21:30 publiziert"])
def test_a_labelled_date_line_opening_an_items_text_is_no_part_of_it(line: str) -> None:
    # The page's metadata that its feed or page kept over the story (France 24's, Le Figaro's,
    # swissinfo's): two outlets' copies of one story differed by it.
    story = "<p>Russian troops massed near the border, officials said on Monday.</p><p>Talks are due in Geneva.</p>"
    assert item("", f"<p>{line}</p>{story}").body == ("Russian troops massed near the border, officials said on Monday."
                                                      "\n\nTalks are due in Geneva.")


def test_a_paragraph_that_opens_with_a_dates_label_and_says_more_stays() -> None:
    body = "<p>Date: the talks will resume on 8 December, officials said.</p><p>Talks are due in Geneva.</p>"
    assert item("", body).body.startswith("Date: the talks will resume")


@pytest.mark.parametrize("sign", ["(MTI)", "Kaynak: AA"])
def test_a_wires_sign_over_the_wires_notice_goes_with_it(sign: str) -> None:
    # MTI's copies close with the agency's sign, then its notice on reuse; once the notice goes, the
    # sign closes the text and goes too. Anadolu by its initials is a source line.
    body = ("<p>Az elnök hétfőn a palotában fogadta lengyel hivatali partnerét, és a térség biztonságáról tárgyaltak.</p>"
            f"<p>A felek egyetértettek abban, hogy a stabilitás közös érdek.</p><p>{sign}</p>"
            "<p>Az MTI hírszolgáltatásának átvétele kizárólag szerződés alapján lehetséges.</p>")
    stored = normalize(Entry(title="Az elnök fogadta partnerét", url="https://example.hu/a/9", body=body,
                             body_is_html=True), DOC)
    assert stored.body.endswith("közös érdek.")


@pytest.mark.parametrize("after", ["<p>kzp/ mal/</p>", "<p>autor: Marcin Chomiuk</p>"])
def test_a_wires_sign_over_the_editors_initials_or_the_writers_line_goes_with_them(after: str) -> None:
    # PAP's copies close with "(PAP)", then the editors' initials or the writer's line; once they go,
    # the sign closes the text and goes too.
    body = ("<p>Prezydent spotkał się we wtorek z przywódcami państw regionu, by rozmawiać o bezpieczeństwie.</p>"
            f"<p>Rozmowy mają być kontynuowane w przyszłym tygodniu w Genewie.</p><p>(PAP)</p>{after}")
    stored = normalize(Entry(title="Prezydent rozmawiał o bezpieczeństwie", url="https://example.pl/a/9", body=body,
                             body_is_html=True), DOC)
    assert stored.body.endswith("w Genewie.")


@pytest.mark.parametrize(("closing", "agency"), [("<p>AFP</p>", "AFP"), ("<p>Source: Reuters</p>", "Reuters"),
                                                 ("<p>Officials said AFP reported it first.</p>", None),
                                                 # two agencies' copy, WordPress's signature under it (Premium Times')
                                                 ("<p>(Reuters/NAN)</p><p>The post <a href='https://example.ng/a/9'>"
                                                  "Putin demands guarantees</a> appeared first on Premium Times.</p>",
                                                  "Reuters, NAN")])
def test_the_wire_a_copys_closing_line_names_is_its_author_where_none_is(closing: str, agency: str | None) -> None:
    # Punch's "AFP" under its story (its author field "Agency Report", a desk); GhanaWeb's "Source: Reuters".
    body = ("<p>President Vladimir Putin on Thursday demanded immediate security guarantees from the West.</p>"
            f"<p>Russia has massed tens of thousands of troops near the border, Western officials say.</p>{closing}")
    stored = normalize(Entry(title="Putin demands guarantees", url="https://example.ng/a/9", body=body,
                             body_is_html=True, author="Agency Report"), DOC)
    assert stored.author == agency
    assert stored.body.endswith("Western officials say.") == (agency is not None)  # the wire's line went


def test_a_logins_author_gives_way_to_the_names_and_the_day_opening_the_text() -> None:
    # ISW's Drupal: the account as dc:creator, the author field and the date field over the text, the
    # report's PDF under it.
    text = ("<div class='field-name-field-author'>George Barros, Frederick W. Kagan, and Mason Clark</div>"
            "<div class='field-name-field-date'><span>December 8, 2021</span></div>"
            "<p>Russian forces continued to deploy to areas near the border between December 1 and December 7.</p>"
            "<p>ISW will continue to monitor the situation and report on new developments.</p>"
            "<div class='field-label'>PDF:&nbsp;</div><a href='/files/update.pdf'>russia-ukraine-warning-update.pdf</a>")
    stored = normalize(Entry(title="Warning Update", url="https://example.org/backgrounder/update", body=text,
                             body_is_html=True, author="understandingwar", published="Wed, 08 Dec 2021 22:00:00 +0000"),
                       DOC)
    assert stored.author == "George Barros, Frederick W. Kagan, Mason Clark"
    assert stored.body.split("\n\n") == [
        "Russian forces continued to deploy to areas near the border between December 1 and December 7.",
        "ISW will continue to monitor the situation and report on new developments."]


def test_a_logins_author_gives_way_to_the_writer_the_leads_dateline_names() -> None:
    # People's Daily's meta author is its editor's login; the dateline names the correspondent.
    stored = normalize(Entry(title="会谈", url="https://example.cn/a/9", author="liujuntao",
                             body="人民网莫斯科12月6日电（记者 屈佩）俄罗斯总统普京6日表示，会谈将继续。\n\n第二段。"), DOC)
    assert stored.author == "屈佩"


def test_a_logins_author_gives_way_to_the_writer_the_closing_line_names() -> None:
    # PAP's Drupal gives the editor's login as the item's author; the text closes with the writer's line.
    body = ("<p>Prezydent spotkał się we wtorek z przywódcami państw regionu, by rozmawiać o bezpieczeństwie.</p>"
            "<p>Rozmowy mają być kontynuowane w przyszłym tygodniu w Genewie.</p><p>autor: Marcin Chomiuk</p>")
    stored = normalize(Entry(title="Prezydent rozmawiał o bezpieczeństwie", url="https://example.pl/a/9", body=body,
                             body_is_html=True, author="mchom"), DOC)
    assert (stored.author, stored.body.endswith("w Genewie.")) == ("Marcin Chomiuk", True)
    # The login alone, nothing else naming a writer: better than nothing.
    alone = normalize(Entry(title="Prezydent rozmawiał o bezpieczeństwie", url="https://example.pl/a/9",
                            body=body.replace("<p>autor: Marcin Chomiuk</p>", ""), body_is_html=True, author="mchom"), DOC)
    assert alone.author == "mchom"


@pytest.mark.parametrize(("line", "kept"), [
    ("Corresponsal en Washington", False), ("Correspondent in Kyiv", False),  # the byline's second line
    ("SENIOR EDITOR", True),  # a box's or a job listing's heading: a role, but held nowhere
])
def test_the_writers_role_and_place_under_the_byline_go_with_it(line: str, kept: bool) -> None:
    # Clarín's byline: the writer's name (the item's author), then the role and where it is held.
    body = ("<p>Los presidentes mantuvieron este martes una videoconferencia de poco más de dos horas.</p>"
            f"<p>{line}</p><p>Según la Casa Blanca, Biden advirtió que responderá con sanciones económicas.</p>")
    stored = normalize(Entry(title="Biden y Putin hablaron dos horas", url="https://example.com.ar/a/9", body=body,
                             body_is_html=True, author="Paula Lugones"), DOC)
    assert stored.author == "Paula Lugones"
    assert (line in stored.body) == kept


def test_an_indonesian_reporters_credit_closing_the_story_is_its_author() -> None:
    # Antara's "Pewarta: …" under every story: its reporter, and no part of its text.
    body = ("<p>Menteri luar negeri mengatakan pada hari Selasa bahwa pembicaraan di perbatasan akan dilanjutkan pekan "
            "depan, meskipun ada laporan pergerakan pasukan.</p><p>Kedua pihak sepakat mengadakan pertemuan baru di "
            "Jenewa pada akhir bulan.</p><p>Pewarta: Budi Santoso</p>")
    stored = normalize(Entry(title="Pembicaraan perbatasan berlanjut", url="https://example.id/a/9", body=body,
                             body_is_html=True), DOC)
    assert stored.author == "Budi Santoso"
    assert stored.body.endswith("akhir bulan.")


def test_the_authors_label_over_the_name_closing_a_summary_names_its_writer() -> None:
    # Drupal's author field with its label above, under the text a feed gives as its description; the
    # platform's account as the feed's author ("redakcja_osw").
    summary = ("<p>Rozmowa prezydentów trwała dwie godziny i dotyczyła przede wszystkim sytuacji przy granicy.</p>"
               "<p>Obie strony zapowiedziały kolejne spotkania ekspertów w przyszłym miesiącu.</p>"
               "<div class='field field--label-above'><div class='field__label'>Autor</div>"
               "<div class='field__item'><a href='/pl/eksperci/jan-nowak'>Jan Nowak</a></div></div>")
    stored = normalize(Entry(title="Rozmowa prezydentów", url="https://example.pl/a/9", author="redakcja_osw",
                             summary=summary, summary_is_html=True), DOC)
    assert stored.author == "Jan Nowak"
    assert stored.summary.endswith("w przyszłym miesiącu.")


@pytest.mark.parametrize(("author", "stored_author"), [(None, "이지현"), ("이지현", "이지현")])
def test_a_korean_bracketed_byline_opening_the_text_names_its_writer(author: str | None, stored_author: str) -> None:
    body = ("<p>[경기신문 = 이지현 기자] 우크라이나 국방부는 러시아가 국경 인근에 병력을 배치했다고 밝혔다.</p>"
            "<p>양측은 다음 달 전문가 회의를 열기로 합의했다.</p>")
    stored = normalize(Entry(title="국경 병력", url="https://example.kr/a/9", author=author, body=body, body_is_html=True), DOC)
    assert stored.author == stored_author
    assert stored.body.startswith("우크라이나 국방부는")


def test_a_korean_bracketed_byline_naming_another_writer_stays() -> None:
    body = "<p>[경기신문 = 이지현 기자] 우크라이나 국방부는 병력을 배치했다고 밝혔다.</p><p>양측은 회의를 열기로 했다.</p>"
    stored = normalize(Entry(title="국경 병력", url="https://example.kr/a/9", author="김철수", body=body, body_is_html=True), DOC)
    assert stored.author == "김철수" and stored.body.startswith("[경기신문 = 이지현 기자]")


@pytest.mark.parametrize(("title", "stored"), [
    ("UPDATE 3-Envoys meet in Geneva as troops mass", "Envoys meet in Geneva as troops mass"),
    ("REFILE-Envoys meet in Geneva", "Envoys meet in Geneva"), ("CORRECTED-Envoys meet in Geneva", "Envoys meet in Geneva"),
    ("EXCLUSIVE-Envoys meet in Geneva", "EXCLUSIVE-Envoys meet in Geneva"),  # a label of what the story is
    ("Update on the talks in Geneva", "Update on the talks in Geneva"),
])
def test_a_wires_version_ahead_of_the_headline_is_no_part_of_it(title: str, stored: str) -> None:
    entry = Entry(title=title, url="https://example.org/a/9", summary="Envoys met in Geneva on Tuesday.")
    assert normalize(entry, DOC).title == stored


@pytest.mark.parametrize(("title", "stored"), [
    ("⚡️Путин и Байден завершили переговоры", "Путин и Байден завершили переговоры"),  # a channel's marks ahead
    ("🇺🇦🇺🇸 Зеленський і Байден домовилися", "Зеленський і Байден домовилися"),
    ("RT by @DmytroKuleba: Today I spoke with Tony Blinken", "Today I spoke with Tony Blinken"),  # Nitter's repost
    ("R to @DmytroKuleba: Thank you", "Thank you"), ("№1 in the ratings", "№1 in the ratings"),
    # a German ticker's marks around its kicker, or its headline (n-tv's, Bild's)
    ("+++ Ukraine-Krise im Liveticker +++ Biden droht Putin mit Sanktionen",
     "Ukraine-Krise im Liveticker: Biden droht Putin mit Sanktionen"),
    ("+++ Biden droht Putin mit Sanktionen +++", "Biden droht Putin mit Sanktionen"),
])
def test_pictographs_and_a_bridges_repost_mark_ahead_of_the_headline_are_no_part_of_it(title: str, stored: str) -> None:
    entry = Entry(title=title, url="https://example.org/a/9", summary="Envoys met in Geneva on Tuesday.")
    assert normalize(entry, DOC).title == stored


def test_a_videos_plain_description_keeps_its_credits_apart_and_loses_its_channels_lines() -> None:
    # hromadske's YouTube description: the credits' lines, then the channel's links under a label.
    description = ("Ми поїхали на кордон, щоб побачити, як прикордонники готуються до можливого наступу.\n\n"
                   "Кореспондентка: Анна Цигима\nОператор: Ігор Остапчук\n\n"
                   "Ми в соцмережах:\n▶️ Наш сайт: https://hromadske.example.ua\n"
                   "▶️ Facebook: https://www.facebook.com/hromadske.example")
    stored = normalize(Entry(title="На кордоні", url="https://www.youtube.com/watch?v=Tw5rL0qPzXs", body=description), DOC)
    assert stored.author == "Анна Цигима"
    assert stored.body == "Ми поїхали на кордон, щоб побачити, як прикордонники готуються до можливого наступу."


def test_a_bridged_posts_forwarded_line_and_media_title_are_no_part_of_it() -> None:
    # RSSHub's forwarded post: the line runs into the post's first; its title has the line ahead of it.
    body = ("<b>Forwarded From <a href='https://t.me/tass_agency/110452'>ТАСС</a></b><br>Песков: Россия ждет ответов"
            "<br><br>Москва рассчитывает, что Вашингтон представит свои соображения.")
    stored = normalize(Entry(title="Forwarded From ТАСС: Песков: Россия ждет ответов", url="https://t.me/readovkanews/31442",
                             body=body, body_is_html=True), DOC)
    assert stored.title == "Песков: Россия ждет ответов"
    assert stored.body == "Москва рассчитывает, что Вашингтон представит свои соображения."
    assert stored.author == "ТАСС"  # the channel it came from, as a channel's own preview names it
    # A post of a link alone: RSSHub titles it with the link; the linked page's title under it is the title.
    linked = ("<a href='https://news.example.ru/78211'>https://news.example.ru/78211</a><br><br>"
              "<a href='https://news.example.ru/78211'><b>Что будет, если начнется война: разбор</b></a>")
    stored = normalize(Entry(title="https://news.example.ru/78211", url="https://t.me/readovkanews/31460", body=linked,
                             body_is_html=True), DOC)
    assert stored.title == "Что будет, если начнется война: разбор"
    # A photo alone keeps the bridge's "[Photo]": it has nothing else to be told by.
    photo = normalize(Entry(title="[Photo]", url="https://t.me/readovkanews/31453",
                            body="<img src='https://cdn.example/a.jpg'>", body_is_html=True), DOC)
    assert photo.title == "[Photo]"


@pytest.mark.parametrize(("opening", "agency"), [
    ("MOSCÚ, 7 dic (EFE).- El presidente ruso habló con Biden durante dos horas.", "EFE"),
    ("BEIJING, Dec. 7 (Xinhua) -- China on Tuesday called for dialogue.", "Xinhua"),
    ("MADRID, 9 Dic. (EUROPA PRESS) - El Gobierno pidió diálogo entre Moscú y Kiev.", "Europa Press"),
])
def test_a_wires_dateline_in_its_other_forms_signs_its_copy(opening: str, agency: str) -> None:
    stored = normalize(Entry(title="Talks", url="https://example.org/a/9", body=f"<p>{opening}</p><p>Second.</p>",
                             body_is_html=True), DOC)
    assert stored.author == agency


def test_the_sites_name_alone_closing_the_text_is_no_part_of_it() -> None:
    body = ("<p>Псковские десантники участвовали во внезапной проверке боеготовности войск.</p>"
            "<p>Часть подразделений была переброшена в Крым.</p><p>Псковская Лента Новостей</p>")
    stored = normalize(Entry(title="Десантники", url="https://example.ru/a/9", body=body, body_is_html=True,
                             publisher="Псковская Лента Новостей"), DOC)
    assert stored.body.endswith("переброшена в Крым.")


def test_a_login_that_is_the_sites_name_run_together_is_no_author() -> None:
    # Il Post's WordPress account under "Il Post".
    entry = Entry(title="Talks", url="https://example.it/a/9", author="ilpost", publisher="Il Post", summary="Text.")
    assert normalize(entry, DOC).author is None


def test_a_news_agency_signing_its_own_site_is_its_author() -> None:
    # Ukrinform's JSON-LD author is Ukrinform, its publisher too: the wire's name, not the site's signature.
    entry = Entry(title="Talks", url="https://example.org/a/9", author="Ukrinform", publisher="Ukrinform", summary="Text.")
    assert normalize(entry, DOC).author == "Ukrinform"


def test_a_wires_copy_its_dateline_signs_is_the_agencys_where_nothing_else_names_a_writer() -> None:
    body = "<p>МОСКВА, 7 декабря. /ТАСС/. Переговоры продолжатся на следующей неделе.</p><p>Стороны договорились.</p>"
    assert normalize(Entry(title="Переговоры", url="https://example.ru/a/9", body=body, body_is_html=True), DOC).author == "ТАСС"
    signed = normalize(Entry(title="Переговоры", url="https://example.ru/a/9", author="Иван Петров", body=body,
                             body_is_html=True), DOC)
    assert signed.author == "Иван Петров"


def test_a_labelled_date_line_closing_the_text_is_no_part_of_it() -> None:
    # CBS's "First published on …" under the story.
    body = ("<p>The envoys met in Geneva on Tuesday.</p><p>They agreed to meet again.</p>"
            "<p><em>First published on December 7, 2021 / 10:37 AM</em></p>")
    stored = normalize(Entry(title="Envoys meet", url="https://example.org/a/9", body=body, body_is_html=True), DOC)
    assert stored.body == "The envoys met in Geneva on Tuesday.\n\nThey agreed to meet again."


@pytest.mark.parametrize("closing", [
    "<p>mb-ssk/ics</p><p>(END)</p>",  # EFE's editors' initials over its end mark
    "<p>Read more: Geneva talks end without a deal</p><p>kha/mok</p>",
    "<p>Ajit Rao is a defense reporter at the Border Ledger.</p><p>(PAP)</p><p>jbw/ mok/</p>",
])
def test_closing_lines_of_several_kinds_go_each_from_under_the_other(closing: str) -> None:
    # Each closing line's cleaner looks at the last paragraph: one it does not know hid the others.
    stored = item("", body=BODY + closing)
    assert stored.body.endswith("Talks are due in Geneva.")


def test_a_writer_signing_under_the_wires_sign_is_the_author() -> None:
    # PAP's dateline and "(PAP)" closing the text, the writer's "autor: …" under it: the person, not the wire.
    body = "<p>Warszawa (PAP) - " + BODY[3:].replace("Geneva.</p>", "Geneva. (PAP)</p>")
    stored = item("", body=body + "<p>autor: Jakub Nowicki</p><p>jbw/ mok/</p>")
    assert stored.author == "Jakub Nowicki"
    assert stored.body.endswith("Talks are due in Geneva. (PAP)") or stored.body.endswith("Talks are due in Geneva.")


def test_the_writers_biography_closing_the_text_is_no_part_of_it() -> None:
    body = BODY + "<p>Oksana Marchenko is a Kyiv-based political analyst and a former adviser to the parliament.</p>"
    stored = normalize(Entry(title="Troops at the border", url="https://example.org/a/9", author="Oksana Marchenko",
                             body=body, body_is_html=True), DOC)
    assert stored.body.endswith("Talks are due in Geneva.")
    # Another person's name opening the last paragraph is the story's.
    other = BODY + "<p>Volodymyr Zelensky is due to speak with the leaders of France and Germany on Friday.</p>"
    kept = normalize(Entry(title="Troops at the border", url="https://example.org/a/10", author="Oksana Marchenko",
                           body=other, body_is_html=True), DOC)
    assert kept.body.endswith("on Friday.")


def test_reuters_credits_in_russian_name_the_writer_and_are_no_text() -> None:
    body = ("<p>МОСКВА, 9 дек (Рейтер) - Кремль заявил, что ждет ответа на свои предложения.</p>"
            "<p>Москва отрицает намерение напасть на Украину.</p><p>(Анна Лебедева. Редактор Олег Смирнов)</p>")
    stored = normalize(Entry(title="Кремль ждет ответа", url="https://example.org/a/11", body=body, body_is_html=True), DOC)
    assert stored.author == "Анна Лебедева" and stored.body.endswith("напасть на Украину.")


def test_the_sites_name_with_its_country_closing_the_text_is_no_part_of_it() -> None:
    # Vanguard's "Vanguard News Nigeria" under every story; a sentence that opens with the site's name stays.
    signed = normalize(Entry(title="Troops at the border", url="https://example.org/a/12", publisher="Vanguard News",
                             body=BODY + "<p>Vanguard News Nigeria</p>", body_is_html=True), DOC)
    assert signed.body.endswith("Talks are due in Geneva.")
    told = normalize(Entry(title="Troops at the border", url="https://example.org/a/13", publisher="Vanguard News",
                           body=BODY + "<p>Vanguard News reported it first.</p>", body_is_html=True), DOC)
    assert told.body.endswith("reported it first.")


def test_the_sites_initials_and_its_membership_box_closing_the_text_are_no_part_of_it() -> None:
    # Daily Maverick's "DM" under every story, its members' box after it.
    box = ("<p>DM</p><p>Maverick Insider</p><p>Support fearless journalism. Become a Maverick Insider and help us "
           "defend the truth.</p>")
    signed = normalize(Entry(title="Troops at the border", url="https://example.org/a/14", publisher="Daily Maverick",
                             body=BODY + box, body_is_html=True), DOC)
    assert signed.body.endswith("Talks are due in Geneva.")


def test_a_classified_among_the_paragraphs_is_no_part_of_the_text() -> None:
    # Premium Times' "TEXT AD" lines, inside the text and after it.
    ad = "<p>TEXT AD: Call Willie - +2348098788999</p>"
    stored = normalize(Entry(title="Troops at the border", url="https://example.org/a/16",
                             body=BODY.replace("</p>", "</p>" + ad, 1) + ad, body_is_html=True), DOC)
    assert "TEXT AD" not in stored.body and stored.body.endswith("Talks are due in Geneva.")
