"""The identity rule as a pure function: dedupe.classify(item, known) → Decision, no store involved."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from monitor.dedupe import Verdict, classify, identify, rehash
from monitor.models import Item, ItemStatus, Known, KnownItem

NOW = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)
TEXT = ("Diplomats met in Geneva on Monday for talks that lasted most of the day, and the delegations "
        "discussed troop movements near the border and the demands Moscow set out in December, while "
        "officials said further meetings in Brussels and Vienna would follow later in the week.")


def item(source: str = "desk", url: str | None = "https://news.example.org/a", guid: str | None = "g-1",
         title: str = "Talks in Geneva", body: str = TEXT, **changes: object) -> Item:
    made = Item(source=source, url=url, guid=guid, title=title, author=None, publisher=None, published_at=None,
                published_raw=None, date_suspect=None, fetched_at=NOW, summary="", body=body, content_hash="",
                location=url)
    return rehash(replace(made, **changes))  # type: ignore[arg-type]


def known(stored: Item, item_id: int = 7, story_id: int | None = 3, source_hash: str | None = None) -> KnownItem:
    return KnownItem(item_id, stored, story_id, NOW, source_hash)


def test_nothing_known_is_new() -> None:
    incoming = item()
    decision = classify(incoming, Known())
    assert decision.verdict is Verdict.NEW and decision.item is incoming and decision.item_id is None
    assert decision.verdict.status is ItemStatus.NEW


def test_the_same_bytes_again_from_the_same_source_is_a_duplicate() -> None:
    incoming = item()
    decision = classify(incoming, Known(by_guid=known(incoming, source_hash=incoming.content_hash)))
    assert (decision.verdict, decision.item_id, decision.matched_on) == (Verdict.DUPLICATE, 7, "guid")


def test_changed_text_from_its_own_source_is_an_update_that_keeps_a_revision() -> None:
    before = item()
    after = item(title="Talks in Geneva on Donbas")
    decision = classify(after, Known(by_guid=known(before, source_hash=before.content_hash)))
    assert decision.verdict is Verdict.UPDATED and decision.previous == before
    assert decision.item.title == "Talks in Geneva on Donbas" and decision.item.content_hash == after.content_hash


def test_another_sources_version_only_fills_what_is_missing() -> None:
    teaser = item(body="", summary="Teaser about the talks.")
    page = item(source="page-source", guid=None, body=TEXT, title="Another headline")
    decision = classify(page, Known(by_url=known(teaser)))
    assert decision.verdict is Verdict.UPDATED and decision.previous is None  # no revision: not its own source
    assert decision.item.body == TEXT and decision.item.title == teaser.title  # the headline is not overwritten
    # … and the same representation again adds nothing.
    filled = decision.item
    again = classify(page, Known(by_url=known(filled)))
    assert again.verdict is Verdict.DUPLICATE


def test_another_feeds_whole_text_in_its_summary_is_the_items_text() -> None:
    # One site's two feeds: the section feed's teaser read first, the other's description the article.
    whole = " ".join([TEXT] * 3)
    teaser = item(body="", summary="Diplomats met in Geneva on Monday.")
    other_feed = item(source="europe-feed", guid="g-2", body="", summary=whole)
    decision = classify(other_feed, Known(by_url=known(teaser)))
    assert decision.verdict is Verdict.UPDATED
    assert decision.item.body == whole and decision.item.summary == teaser.summary
    assert classify(other_feed, Known(by_url=known(decision.item))).verdict is Verdict.DUPLICATE
    # A summary written a little longer is no article: the stored one stays.
    longer = item(source="europe-feed", guid="g-2", body="", summary=TEXT)
    assert classify(longer, Known(by_url=known(item(body="", summary=TEXT[:200])))).verdict is Verdict.DUPLICATE


def test_a_language_is_filled_in_never_overwritten_by_another_source() -> None:
    teaser = item(body="", summary="Teaser about the talks.")  # too short to tell its language
    page = item(source="page-source", guid=None, body=TEXT, language="en")
    assert classify(page, Known(by_url=known(teaser))).item.language == "en"
    stored = item(body="", summary="Teaser about the talks.", language="en")
    assert classify(replace(page, language="de"), Known(by_url=known(stored))).item.language == "en"


def test_its_own_source_may_correct_the_language() -> None:
    before = item(language="pt")
    after = item(title="Talks in Geneva on Donbas", language="en")
    assert classify(after, Known(by_guid=known(before, source_hash=before.content_hash))).item.language == "en"
    unknown = item(title="Talks in Geneva on Donbas", language=None)
    assert classify(unknown, Known(by_guid=known(before, source_hash=before.content_hash))).item.language == "pt"


def test_guid_is_tried_before_the_url() -> None:
    by_guid, by_url = known(item(), item_id=1), known(item(url="https://news.example.org/b"), item_id=2)
    assert identify(item(), Known(by_guid=by_guid, by_url=by_url)) == (by_guid, "guid")


def test_a_front_page_link_is_no_identity() -> None:
    incoming = item(url="https://podcast.example.org/", guid="episode-2", title="Episode 2")
    holder = known(item(url="https://podcast.example.org/", guid="episode-1", title="Episode 1"))
    decision = classify(incoming, Known(by_url=holder))
    # A new item, and the link stays with the sighting only (the stored item holds that URL).
    assert decision.verdict is Verdict.NEW and decision.item.url is None and decision.seen_as.url == incoming.url


def test_a_link_the_source_gave_another_guid_is_no_identity() -> None:
    incoming = item(guid="g-2", title="Second entry", body=TEXT + " A second entry.")
    decision = classify(incoming, Known(by_url=known(item()), url_has_other_guid=True))
    assert decision.verdict is Verdict.NEW


def test_a_link_whose_new_guid_is_the_link_itself_is_the_item_its_guid_changed() -> None:
    # WordPress's "?p=312001" GUIDs become the permalinks (a feed plugin changed), the text edited too.
    link = "https://news.example.org/2021/12/08/kuleba-no-concessions/"
    stored = item(url=link, guid="https://news.example.org/?p=312001")
    relisted = item(url=link, guid=link, body=TEXT + " Kuleba travels to Brussels next week.")
    decision = classify(relisted, Known(by_url=known(stored), url_has_other_guid=True))
    assert (decision.verdict, decision.item_id, decision.matched_on) == (Verdict.UPDATED, 7, "url")
    assert decision.previous == stored  # its own source's edit: the old version is kept as a revision
    written_apart = replace(relisted, guid=link + "?utm_source=rss")
    assert classify(written_apart, Known(by_url=known(stored), url_has_other_guid=True)).verdict is Verdict.UPDATED


def test_the_same_content_under_another_url_is_the_same_item() -> None:
    stored = item()
    moved = item(url="https://mirror.example.net/x", guid=None)
    decision = classify(moved, Known(by_content=known(stored)))
    assert (decision.verdict, decision.matched_on, decision.item_id) == (Verdict.DUPLICATE, "content_hash", 7)


def test_short_texts_are_not_identified_by_content() -> None:
    short = item(body="Live updates.", guid=None)
    assert short.text_hash is None
    assert classify(short, Known(by_content=known(item(body="Live updates.")))).verdict is Verdict.NEW


def test_an_article_in_a_script_without_spaces_is_identified_by_its_text() -> None:
    # Its words have no spaces between them: counted by str.split() the text below is a few
    # "words" (its clauses), and it went unidentified; by its characters it is an article.
    chinese = ("俄罗斯总统普京周一在莫斯科表示，北约向东扩张威胁俄罗斯安全，他要求西方国家提供具有法律效力的"
               "安全保障。乌克兰外交部长库列巴随后回应说，基辅不会接受任何未经其同意的安排。")
    japanese = ("ロシアのプーチン大統領は月曜日、モスクワで記者団に対し、北大西洋条約機構の東方拡大はロシアの"
                "安全を脅かすと述べ、法的拘束力のある安全保障を西側諸国に求めた。")
    # Thai puts spaces between phrases only: the text below is 4 "words" to str.split() (and its
    # words break at their vowel and tone marks where the hashes read them).
    sentence = ("รัสเซียเคลื่อนย้ายกำลังทหารจำนวนมากไปยังพื้นที่ใกล้ชายแดนยูเครนในช่วงปลายปี "
                "ซึ่งทำให้รัฐบาลตะวันตกหลายประเทศแสดงความกังวล")
    thai = (sentence + " หน่วยข่าวกรองของสหรัฐอเมริกาประเมินว่ามอสโกอาจเตรียมกำลังพลมากถึงหนึ่งแสนเจ็ดหมื่นห้าพันนาย"
            "สำหรับปฏิบัติการที่อาจเกิดขึ้นในต้นปีหน้า")
    for text in (chinese, japanese, thai):
        stored = item(body=text)
        assert stored.text_hash is not None
        copy = item(url="https://other.example.com/x", guid=None, title="另一个标题", body=text)
        assert classify(copy, Known(by_text=known(stored))).verdict is Verdict.COPY
    assert item(body="乌克兰局势最新消息。").text_hash is None, "a line is still too short"
    assert item(body=sentence).text_hash is None, "a sentence of about 24 words is still too short"


def test_the_same_text_under_another_headline_is_a_copy_in_the_same_story() -> None:
    original = known(item(), item_id=4, story_id=9)
    copy = item(url="https://other.example.com/x", guid=None, title="WIRE: Talks in Geneva drag on")
    decision = classify(copy, Known(by_text=original))
    assert decision.verdict is Verdict.COPY and decision.copy_of is original and decision.item is copy
    assert decision.verdict.status is ItemStatus.NEW  # its own item: its headline is matched too


@pytest.mark.parametrize("verdict,status", [(Verdict.NEW, ItemStatus.NEW), (Verdict.COPY, ItemStatus.NEW),
                                            (Verdict.DUPLICATE, ItemStatus.DUPLICATE),
                                            (Verdict.UPDATED, ItemStatus.UPDATED)])
def test_each_verdict_counts_as_a_status(verdict: Verdict, status: ItemStatus) -> None:
    assert verdict.status is status


def test_an_update_never_takes_a_url_another_item_holds() -> None:
    stored = item(url=None, guid="g-1", body="")
    other = known(item(url="https://news.example.org/a", guid="other", title="Other"), item_id=99)
    incoming = item()  # same GUID as `stored`, and a URL item 99 already holds
    decision = classify(incoming, Known(by_guid=known(stored, item_id=7, source_hash=stored.content_hash),
                                        by_url=other))
    assert decision.verdict is Verdict.UPDATED and decision.item.url is None


def test_a_page_is_the_item_a_feed_linked_to_its_address() -> None:
    teaser = known(item(body="", summary="Teaser."), item_id=5)
    page = item(source="manual", guid=None, url="https://news.example.org/canonical",
                read_from="https://news.example.org/a")
    found = identify(page, Known(by_address=teaser))
    assert found == (teaser, "address")
    assert classify(page, Known(by_address=teaser)).verdict is Verdict.UPDATED  # fills the teaser's body
    front = replace(page, read_from="https://news.example.org/")
    assert identify(front, Known(by_address=teaser)) is None  # a front page is no one article's address


def test_ukrainians_apostrophe_written_any_way_is_one_word() -> None:
    # Suspilne's and Ukrinform's "ʼ" (a letter), others' "'" or "’" (which split the word): one outlet's
    # copy of a story had no text hash in common with another's.
    from monitor.clean.words import folded_words
    from monitor.dedupe import text_hash

    story = ("Уночі внаслідок обстрілу пошкоджено обʼєкт інфраструктури, повідомили в обласній адміністрації. "
             "Звʼязок відновили до ранку, а мешканцям сусідніх будинків запропонували тимчасове житло. ") * 3
    assert text_hash("", story) == text_hash("", story.replace("ʼ", "'")) == text_hash("", story.replace("ʼ", "’"))
    assert folded_words("об'єкт") == ["обʼєкт"]
    assert folded_words("don't say 'no'") == ["don", "t", "say", "no"]  # elsewhere, as it was
