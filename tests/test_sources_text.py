"""The text kind: headline line, paragraphs, copyright trailer naming the publisher."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from monitor.errors import ParseError
from monitor.models import RawDocument
from monitor.normalize import normalize
from monitor.sources import text

NOW = datetime(2022, 1, 1, tzinfo=timezone.utc)


def doc(body: str | bytes) -> RawDocument:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return RawDocument(source="s", kind="text", location="/x.txt", body=data, fetched_at=NOW, path=Path("/x.txt"))


CASES = [
    # (document, title, publisher, first body words, last body words)
    ("Headline here\n\nFirst paragraph.\n\nSecond one.\n\nCopyright 2021 NPR. To see more, visit",
     "Headline here", "NPR", "First paragraph.", "Second one."),
    ("\n\n  Leading blank lines  \nBody on the next line.\n\n© 2022 Eastern Europe Wire Sample. All rights reserved.",
     "Leading blank lines", "Eastern Europe Wire Sample", "Body on the next line.", "Body on the next line."),
    ("Title\r\n\r\nText with CRLF.\r\n\r\n(c) 2020-2022 The Kyiv Ledger", "Title", "The Kyiv Ledger",
     "Text with CRLF.", "Text with CRLF."),
    ("No trailer\n\nJust text. Copyright is discussed here in 2021 terms.", "No trailer", None,
     "Just text.", "2021 terms."),
    # the year after the outlet
    ("Колона біля кордону\n\nТекст статті.\n\n© Агентство Прикордоння, 2021", "Колона біля кордону",
     "Агентство Прикордоння", "Текст статті.", "Текст статті."),
    ("Title\n\nText.\n\n(c) Border Wire 2020-2022", "Title", "Border Wire", "Text.", "Text."),
]


@pytest.mark.parametrize("body, title, publisher, first, last", CASES)
def test_text_articles(body: str, title: str, publisher: str | None, first: str, last: str) -> None:
    entry = text.parse(doc(body)).entries[0]
    assert entry.title == title
    assert entry.publisher == publisher
    assert entry.body.startswith(first)
    assert entry.body.endswith(last)
    assert "Copyright" not in entry.body.splitlines()[-1] or publisher is None


def test_windows_1252_text_is_not_mojibake() -> None:
    entry = text.parse(doc("Kyiv’s reply\n\nThe café said “no”.".encode("cp1252"))).entries[0]
    assert entry.title == "Kyiv’s reply"
    assert entry.body == "The café said “no”."


def test_empty_and_headline_only_documents_are_errors() -> None:
    with pytest.raises(ParseError, match="empty"):
        text.parse(doc("  \n\n "))
    with pytest.raises(ParseError, match="no article text"):
        text.parse(doc("Only a headline\n"))


@pytest.mark.parametrize(("body", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4, "the document is a PDF document, not text"),
    # binary data of no kind we know, as a misnamed file in the drop folder holds
    (bytes(range(256)) * 16, "the document is binary data, not text"),
])
def test_a_document_that_is_no_text_is_an_error_that_says_so(body: bytes, what: str) -> None:
    raw = RawDocument(source="t", kind="text", location="/drop/statement.txt", body=body,
                      fetched_at=datetime(2021, 12, 7, tzinfo=timezone.utc))
    with pytest.raises(ParseError, match=f"/drop/statement.txt: {what}"):
        text.parse(raw)


def test_a_text_whose_lines_break_with_vertical_tabs_is_text() -> None:
    # Word's manual line break, kept by texts exported from it.
    raw = doc("Troops pull back\n\nTen thousand troops returned\x0bto their bases, the ministry said.\x0b" * 3)
    assert text.parse(raw).entries[0].title == "Troops pull back"

@pytest.mark.parametrize(("document", "author", "published", "first"), [
    # The byline and the date under the headline, each a paragraph or a line of its own.
    ("Troops pull back\n\nBy Jane Doe\n\nDecember 7, 2021\n\nTen thousand troops returned to their bases.\n\nMore.",
     "Jane Doe", "December 7, 2021", "Ten thousand troops"),
    ("Войска отходят\n\nАвтор: Иван Петров\n07.12.2021 14:30\n\nДесять тысяч военных вернулись в места дислокации.",
     "Иван Петров", "07.12.2021 14:30", "Десять тысяч"),
    ("Війська відходять\nОлена Коваль\n\nДесять тисяч військових повернулися.", None, None, "Олена Коваль"),  # no label
    # a Korean byline, the role after the name
    ("국경 회담 계속\n\n김철수 기자\n\n외무장관은 화요일 국경 회담이 계속될 것이라고 말했다.", "김철수", None, "외무장관은"),
    # A sentence that opens with a label's word, or with a date, is the text's.
    ("By the end of the week\n\nBy the end of the week the troops returned.\n\nText.", None, None, "By the end"),
    ("Headline\n\nDecember 7, 2021, was a cold day in Kyiv, residents said.\n\nMore.", None, None, "December 7, 2021, was"),
])
def test_the_byline_and_date_under_the_headline_are_the_articles_not_its_text(
        document: str, author: str | None, published: str | None, first: str) -> None:
    entry = text.parse(doc(document)).entries[0]
    assert (entry.author, entry.published) == (author, published)
    assert entry.body.startswith(first)


def test_a_header_of_labelled_fields_gives_the_articles_title_date_author_source_and_address() -> None:
    entry = text.parse(doc("Title: Troops pull back\nDate: 2021-12-07 14:30\nAuthor: Jane Doe\nSource: Border Wire\n"
                           "URL: https://wire.example/troops\nLanguage: en\n\nTen thousand troops returned.\n\nMore.")).entries[0]
    assert entry.title == "Troops pull back"
    assert (entry.published, entry.author, entry.publisher) == ("2021-12-07 14:30", "Jane Doe", "Border Wire")
    assert entry.url == "https://wire.example/troops" and entry.language == "en"
    assert entry.body == "Ten thousand troops returned.\n\nMore."
    # Without a title, the first line under it is the headline; an unknown label is no header.
    untitled = text.parse(doc("Автор: Иван Петров\nДата: 07.12.2021\n\nВойска отходят\n\nТекст статьи.")).entries[0]
    assert (untitled.title, untitled.author, untitled.published) == ("Войска отходят", "Иван Петров", "07.12.2021")
    plain = text.parse(doc("Kyiv: talks resume\nWeather: cold\n\nTen thousand troops returned.")).entries[0]
    assert plain.title == "Kyiv: talks resume" and plain.author is None
    # An address that is no web page's is not the item's.
    local = text.parse(doc("Title: Troops\nURL: file:///etc/passwd\n\nText.")).entries[0]
    assert local.url is None
    # Saved on Windows: each line ends with "\r\n", which had read as a blank line after each field.
    windows = text.parse(doc("Title: Troops pull back\r\nDate: 2021-12-07 14:30\r\nAuthor: Jane Doe\r\n\r\n"
                             "Ten thousand troops returned.\r\n\r\nMore.\r\n")).entries[0]
    assert (windows.title, windows.published, windows.author) == ("Troops pull back", "2021-12-07 14:30", "Jane Doe")
    assert windows.body == "Ten thousand troops returned.\n\nMore."


@pytest.mark.parametrize("label", ["World", "EUROPE", "Share this article", "Головна > Новини > Політика",
                                   # a player's label of more words; a section over its region (Reuters')
                                   "Share this article\n\nListen to this article", "World\nEurope"])
def test_a_section_label_pasted_over_the_headline_is_no_headline(label: str) -> None:
    # A page copied as text: its section, breadcrumb or button over the headline.
    raw = doc(f"{label}\n\nRussian troops mass near the Ukrainian border\n\nBy Jane Doe\n\nDecember 7, 2021\n\n"
              "Satellite images show new deployments near the border, officials said on Tuesday.\n\nMore follows.")
    entry = text.parse(raw).entries[0]
    assert (entry.title, entry.author, entry.published) == ("Russian troops mass near the Ukrainian border", "Jane Doe",
                                                             "December 7, 2021")
    assert entry.body.startswith("Satellite images")


@pytest.mark.parametrize(("line", "published"), [
    ("December 7, 20216:43 AM ET", "December 7, 2021 6:43 AM ET"),  # NPR's spans pasted together
    ("Publié le 07 décembre 2021 à 14h43 - Mis à jour le 07 décembre 2021 à 15h10", "Publié le 07 décembre 2021 à 14h43"),
    ("Updated 8:35 AM ET, Tue December 7, 2021", "8:35 AM ET, Tue December 7, 2021"),  # only an update's date
    ("4 minute read\n\nDecember 7, 2021", "December 7, 2021"),  # a reading time over it
    ("Published\n\nDecember 7, 2021", "December 7, 2021"),  # its label on a line of its own
])
def test_a_pasted_date_line_under_the_headline_gives_the_date(line: str, published: str) -> None:
    raw = doc(f"Russian troops mass near the Ukrainian border\n\n{line}\n\nSatellite images show new deployments near "
              "the border, officials said on Tuesday.")
    entry = text.parse(raw).entries[0]
    assert (entry.published, entry.body) == (published, "Satellite images show new deployments near the border, "
                                                         "officials said on Tuesday.")


def test_a_closing_copyright_sign_and_name_without_a_year_names_the_publisher() -> None:
    entry = text.parse(doc("Войска отходят\n\nДесять тысяч военных вернулись в места дислокации.\n\n(c) ТАСС")).entries[0]
    assert (entry.body, entry.publisher) == ("Десять тысяч военных вернулись в места дислокации.", "ТАСС")
    kept = text.parse(doc("Talks\n\nTalks went on.\n\nCopyright law was not discussed, the minister said.")).entries[0]
    assert kept.body.endswith("the minister said.") and kept.publisher is None


def test_an_e_mail_or_an_exports_header_gives_the_subject_as_title_and_passes_the_rest() -> None:
    # Outlook's From/Sent/To/Subject saved as text, the subject forwarded; Factiva's Section and Words.
    body = "\n\nThe Kremlin said on Tuesday that the call would be frank.\n\nMore follows."
    mail = text.parse(doc("From: Karen Holt <k.holt@desk.example>\nSent: Tuesday, December 7, 2021 2:12 PM\n"
                          "To: Europe Desk\nSubject: FW: Kremlin says Putin-Biden call will be frank" + body)).entries[0]
    assert (mail.title, mail.author, mail.body) == ("Kremlin says Putin-Biden call will be frank", None,
                                                    "The Kremlin said on Tuesday that the call would be frank.\n\n"
                                                    "More follows.")
    export = text.parse(doc("Title: Gazprom says Nord Stream 2 ready\nSource: Energy Wire Daily\nSection: Europe\n"
                            "Words: 412" + body)).entries[0]
    assert (export.title, export.publisher) == ("Gazprom says Nord Stream 2 ready", "Energy Wire Daily")


def test_a_factiva_documents_id_is_no_field_nor_text_of_its_article() -> None:
    body = "\n\nGazprom's chief executive said on Tuesday that the pipeline was ready.\n\nMore follows."
    export = text.parse(doc("Title: Gazprom says Nord Stream 2 ready\nSource: Energy Wire Daily\n"
                            "Date: 07 December 2021 13:43 GMT\nDocument EWD0000020211207ehc70005a" + body
                            + "\n\nDocument EWD0000020211207ehc70005a\n")).entries[0]
    assert (export.title, export.publisher, export.published) == ("Gazprom says Nord Stream 2 ready", "Energy Wire Daily",
                                                                   "07 December 2021 13:43 GMT")
    assert export.body == "Gazprom's chief executive said on Tuesday that the pipeline was ready.\n\nMore follows."


NEXIS = """Kremlin dismisses US warnings as 'hysteria'

Interfax Wire Service
December 7, 2021 Tuesday 1:43 PM GMT

Copyright 2021 Interfax Wire Service All Rights Reserved

Length: 236 words
Byline: Sergei Volkov
Dateline: MOSCOW

Body

The Kremlin on Tuesday described Western warnings of an imminent attack as hysteria.

A Kremlin spokesman told reporters that Russia was ready for dialogue but would defend its interests.

Classification

Language: ENGLISH

Subject: DIPLOMACY (90%)

Load-Date: December 8, 2021

End of Document
"""


def test_a_nexis_document_gives_its_headline_publication_date_byline_and_text() -> None:
    entry = text.parse(doc(NEXIS)).entries[0]
    assert (entry.title, entry.publisher, entry.published, entry.author) == (
        "Kremlin dismisses US warnings as 'hysteria'", "Interfax Wire Service", "December 7, 2021 Tuesday 1:43 PM GMT",
        "Sergei Volkov")
    assert entry.body == ("The Kremlin on Tuesday described Western warnings of an imminent attack as hysteria.\n\n"
                          "A Kremlin spokesman told reporters that Russia was ready for dialogue but would defend its "
                          "interests.")
    # A text with a "Body" line but no Nexis document's length over it is read as any text.
    plain = text.parse(doc("Body\n\nThe Kremlin on Tuesday described Western warnings as hysteria.")).entries[0]
    assert "The Kremlin on Tuesday" in (plain.body or plain.title or "")


def test_a_nexis_export_of_many_documents_gives_each_under_its_place_in_the_file() -> None:
    second = NEXIS.replace("Kremlin dismisses", "Kyiv rejects").replace("Sergei Volkov", "Anna Petrova")
    raw = replace(doc(f"{NEXIS}\n{second}\nA line that is no document\n\nEnd of Document\n"), path=Path("/drop/nexis.txt"),
                  location="/drop/nexis.txt")
    parsed = text.parse(raw)
    assert [(e.title, e.author, e.guid) for e in parsed.entries] == [
        ("Kremlin dismisses US warnings as 'hysteria'", "Sergei Volkov", "/drop/nexis.txt"),
        ("Kyiv rejects US warnings as 'hysteria'", "Anna Petrova", "/drop/nexis.txt#2")]
    # The part that reads as no document is named, its neighbours kept.
    assert parsed.warning == ("/drop/nexis.txt: 1 of 3 exported documents left out (document 3: no headline, length "
                              "and text as an exported document has them)")


FACTIVA = """Gazprom says Nord Stream 2 ready to start once approved

By Sergei Volkov
412 words
7 December 2021
13:43 GMT
Energy Wire Daily
EWD
English
(c) 2021 Energy Wire Daily. All rights reserved.

Gazprom's chief executive said on Tuesday that the Nord Stream 2 pipeline was ready.

German officials have said the certification process could take months.

Document EWD0000020211207ehc70005a
"""


def test_a_factiva_export_in_its_article_format_gives_each_documents_fields_and_text() -> None:
    second = FACTIVA.replace("Gazprom says", "Naftogaz says").replace("By Sergei Volkov\n", "").replace(
        "EWD0000020211207", "EWD0000020211208")
    entries = text.parse(doc(f"{FACTIVA}\n\n{second}")).entries
    assert [(e.title, e.author, e.publisher, e.published) for e in entries] == [
        ("Gazprom says Nord Stream 2 ready to start once approved", "Sergei Volkov", "Energy Wire Daily",
         "7 December 2021 13:43 GMT"),
        ("Naftogaz says Nord Stream 2 ready to start once approved", None, "Energy Wire Daily", "7 December 2021 13:43 GMT")]
    assert entries[0].body == ("Gazprom's chief executive said on Tuesday that the Nord Stream 2 pipeline was ready.\n\n"
                               "German officials have said the certification process could take months.")


def test_a_pasted_pages_elements_one_a_line_are_apart() -> None:
    # Copied from a page, each element on a line of its own with no blank line between: joined as a
    # text wrapped at a width is, "Share Advertisement" stayed and the date ran into the writer's name.
    raw = doc("Russian troops mass near the Ukrainian border\n\nBy Marek Zielinski\nDecember 7, 2021\n\n"
              "Satellite images show new deployments near the border, officials said on Tuesday.\n\nShare\nAdvertisement\n\n"
              "More talks are planned in Geneva, the ministry said.")
    entry = text.parse(raw).entries[0]
    assert (entry.author, entry.published) == ("Marek Zielinski", "December 7, 2021")
    assert "Share" not in normalize(entry, raw).body.split("\n\n")[1]
    # A text wrapped at a width keeps its paragraphs whole.
    wrapped = doc("Troops pull back\n\nTen thousand troops returned to their bases on Monday, the\n"
                  "ministry said, after exercises near the border.\n\nMore.")
    assert text.parse(wrapped).entries[0].body.startswith("Ten thousand troops returned to their bases on Monday, the "
                                                          "ministry said")


def test_a_pasted_bbc_page_keeps_its_story_without_its_captions_role_and_topics() -> None:
    # The BBC's page copied as text: a caption under its labels ("Image source, …", "Image caption,"),
    # whose last line is long; the writer's role under the byline; its topics under their heading.
    raw = doc("Biden and Putin prepare for video call\n\nPublished\n7 December 2021\nShare\n"
              "Image source, Getty Images\nImage caption,\nUkrainian soldiers have been on high alert along the line\n\n"
              "By Helen Marsh\nBBC Eastern Europe correspondent\n\n"
              "US President Joe Biden is preparing to warn Vladimir Putin of tough economic penalties.\n\n"
              "The two leaders are due to speak by secure video link later on Tuesday.\n\nRelated Topics\nRussia\nUkraine\n")
    entry = text.parse(raw).entries[0]
    item = normalize(entry, raw)
    assert (item.title, item.author, entry.published) == ("Biden and Putin prepare for video call", "Helen Marsh",
                                                          "7 December 2021")
    assert item.body == ("US President Joe Biden is preparing to warn Vladimir Putin of tough economic penalties.\n\n"
                         "The two leaders are due to speak by secure video link later on Tuesday.")


@pytest.mark.parametrize("byline", ["Daniel Boyce in Washington and Irena Koval in Kyiv", "Daniel Boyce in Riga"])
def test_a_pasted_date_line_under_a_standfirst_and_an_unlabelled_byline_gives_the_date(byline: str) -> None:
    # The Guardian's page copied as text: its standfirst, its byline without a label, then the date.
    raw = doc("Biden warns Putin of strong economic measures\n\nUS president tells his Russian counterpart that the west "
              f"will respond firmly to any incursion\n\n{byline}\nTue 7 Dec 2021 14.05 GMT\n\n"
              "Joe Biden has told Vladimir Putin that the United States will impose severe costs on Russia.\n\nMore follows.")
    entry = text.parse(raw).entries[0]
    assert entry.published == "Tue 7 Dec 2021 14.05 GMT"
    assert "Tue 7 Dec" not in entry.body and entry.body.startswith("US president tells")


def test_a_text_that_opens_with_its_story_keeps_its_first_paragraph() -> None:
    # No headline over it: the first line is the story's paragraph, not a title to take out of it.
    lead = ("Ukraine's parliament voted on Tuesday to extend the readiness measures along the northern and eastern "
            "borders for another sixty days. The defence ministry said reservists would be called up in stages.")
    raw = doc(f"{lead}\n\nThe vote passed with a large majority, officials said.")
    entry = text.parse(raw).entries[0]
    assert entry.title is None and entry.body.startswith(lead)
    assert normalize(entry, raw).title.startswith("Ukraine's parliament voted on Tuesday")
    one_line = doc("Troops returned to their bases, the ministry said. " * 40)
    assert text.parse(one_line).entries[0].body.startswith("Troops returned")


# A wire's copy as its desk receives it: service line and slug, headline, note to editors and byline one
# a line in one block; the story; the editors' initials and time stamp under it.
AP_COPY = """AP-WF-12-07-21 1912GMT
BC-EU--Russia-Ukraine-Tensions, 6th Ld-Writethru
Biden presses Putin on troops near Ukraine in video call
Eds: UPDATES with Kremlin readout. With AP Photos.
By MARA LINDQVIST and PETRO HALYCH
Associated Press

WASHINGTON (AP) — The two presidents spoke for two hours by secure video link on Tuesday, the White House said.

Officials on both sides said aides would stay in contact over the coming weeks.
"""
AFP_COPY = """FRS0412 4 I 0587 FRA /AFP-NX97
Ukraine-Russie-USA-diplomatie
Biden et Poutine se parlent pendant deux heures par visioconférence sur l'Ukraine et l'Otan
Par Claire DUVAL et Ivan SOKOL

Washington (AFP) - Les deux présidents se sont entretenus mardi pendant deux heures, a indiqué la Maison Blanche.

Leurs conseillers resteront en contact, selon le Kremlin.

ar-mp/dax

AFP 071958 GMT DEC 21
"""


def test_a_wires_copy_gives_its_headline_writers_and_time_stamp_without_its_codes() -> None:
    entry = text.parse(doc(AP_COPY)).entries[0]
    assert (entry.title, entry.author, entry.published) == (
        "Biden presses Putin on troops near Ukraine in video call", "Mara Lindqvist and Petro Halych",
        "2021-12-07T19:12:00+00:00")
    assert entry.body.startswith("WASHINGTON (AP) — The two presidents")
    afp = text.parse(doc(AFP_COPY)).entries[0]
    assert (afp.title, afp.author, afp.published) == (
        "Biden et Poutine se parlent pendant deux heures par visioconférence sur l'Ukraine et l'Otan",
        "Claire DUVAL et Ivan SOKOL", "2021-12-07T19:58:00+00:00")
    assert afp.body.startswith("Washington (AFP) - Les deux") and "071958" not in afp.body


@pytest.mark.parametrize(("closing", "published"), [
    ("((lena.ortiz@example-wire.com; +1 202 555 0100))\n\nKeywords: UKRAINE-CRISIS/USA (UPDATE 2)", None),
    ("ИНТЕРФАКС ПМ ДК", None),
    ("071958 Dez 21", "2021-12-07T19:58:00"),  # dpa's, at the desk's own time
    ("-- ENDS --\n\nNotes to editors\n\nMedia enquiries: press@example.gov", None),
    ("###\n\nAbout the institute: an independent research centre.", None),
])
def test_what_closes_a_wires_copy_is_not_its_text(closing: str, published: str | None) -> None:
    raw = doc("Talks end without agreement\n\nThe talks in Geneva ended on Tuesday without an agreement, "
              f"officials said.\n\nBoth sides agreed to meet again in January.\n\n{closing}\n")
    entry = text.parse(raw).entries[0]
    assert entry.body.endswith("meet again in January.") and entry.published == published


@pytest.mark.parametrize("over", [
    "Українська правда\nНовини\nПолітика",  # the site's name and its sections, more than two
    "Skip to main contentSkip to navigation\nWorld\nEurope\nUkraine",
    "Укрінформ\nПолітика\n09.12.2021 23:50",  # and the date over the headline
])
def test_a_pasted_pages_name_sections_and_date_over_the_headline_are_no_headline(over: str) -> None:
    raw = doc(f"{over}\n\nКулеба: Україна не отримувала пропозицій щодо поступок Росії\n\nМіністр закордонних справ "
              "заявив, що Київ не отримував від Вашингтона жодних пропозицій.\n\nДеталі: контакти тривають.")
    entry = text.parse(raw).entries[0]
    assert entry.title == "Кулеба: Україна не отримувала пропозицій щодо поступок Росії"
    assert entry.body.startswith("Міністр закордонних справ")
    assert entry.published == ("09.12.2021 23:50" if "2021" in over else None)


@pytest.mark.parametrize("masthead", ["Первый канал, программа «Время»\n07.12.2021, 21:00",
                                      "Eurasia Daily Monitor -- Volume: 18 Issue: 186\nDecember 9, 2021"])
def test_a_mastheads_line_over_its_date_is_no_headline(masthead: str) -> None:
    raw = doc(f"{masthead}\n\nПутин и Байден провели видеопереговоры: главное\n\nВЕДУЩИЙ: Добрый вечер. Переговоры "
              "президентов продолжались более двух часов.\n\nКОРРЕСПОНДЕНТ: Стороны договорились продолжить контакты.")
    entry = text.parse(raw).entries[0]
    assert (entry.title, entry.published) == ("Путин и Байден провели видеопереговоры: главное", masthead.split("\n")[1])
    assert entry.body.startswith("ВЕДУЩИЙ: Добрый вечер.")
    # A headline over its date, then its standfirst: the headline stays the headline.
    plain = text.parse(doc("Russian troops mass near the Ukrainian border\nDecember 9, 2021\n\n"
                           "Satellite images show new units near the border\n\nOfficials said on Tuesday that more "
                           "units had arrived.")).entries[0]
    assert plain.title == "Russian troops mass near the Ukrainian border"


def test_a_standfirst_keeps_its_place_and_the_byline_and_dates_under_it_are_read() -> None:
    # The Guardian's page pasted: headline, standfirst, writers in their places, the update's date, then
    # the first publication's, one a line in one block.
    raw = doc("Biden warns Putin of severe consequences\nUS president tells his Russian counterpart in a two-hour "
              "video call that the west would respond with strong economic measures\n"
              "Anna Berg in Washington and Oleg Rudenko in Moscow\nTue 7 Dec 2021 19.45 GMT\n"
              "First published on Tue 7 Dec 2021 16.10 GMT\n\nShare on Facebook\n\n"
              "Joe Biden has warned Vladimir Putin that the US will impose severe costs on Russia.\n\nMore follows.")
    entry = text.parse(raw).entries[0]
    assert (entry.title, entry.author, entry.published) == (
        "Biden warns Putin of severe consequences", "Anna Berg in Washington and Oleg Rudenko in Moscow",
        "First published on Tue 7 Dec 2021 16.10 GMT")
    assert entry.body.split("\n\n")[:2] == [
        "US president tells his Russian counterpart in a two-hour video call that the west would respond with strong "
        "economic measures", "Joe Biden has warned Vladimir Putin that the US will impose severe costs on Russia."]


MARKDOWN = """# The Week in Ukraine: Biden, Putin and deterrence

*By Mara Lindqvist · December 10, 2021*

![Armour near Yelnya](https://cdn.example/yelnya.jpg)
*Satellite imagery showed a build-up of armour near Yelnya. Image: Example Imaging*

This week's video call between **Joe Biden** and **Vladimir Putin** clarified what each side wants, with
[NATO enlargement](https://www.nato.example/enlargement) at its heart.

## What to watch

- Whether Moscow publishes its draft treaty
- The EU summit on December 16
"""


def test_a_markdown_document_is_read_without_its_marks_pictures_and_captions() -> None:
    raw = replace(doc(MARKDOWN), location="/drop/week.md", path=Path("/drop/week.md"))
    entry = text.parse(raw).entries[0]
    assert (entry.title, entry.author, entry.published) == ("The Week in Ukraine: Biden, Putin and deterrence",
                                                             "Mara Lindqvist", "December 10, 2021")
    assert entry.body.split("\n\n") == [
        "This week's video call between Joe Biden and Vladimir Putin clarified what each side wants, with NATO "
        "enlargement at its heart.", "What to watch", "Whether Moscow publishes its draft treaty",
        "The EU summit on December 16"]
    # The same text in a .txt file is plain text: its marks are its own.
    assert text.parse(doc(MARKDOWN)).entries[0].title.startswith("# The Week")


GERMAN_MAIL = """Von: Hoffmann, Sabine <s.hoffmann@stiftung.example>
Gesendet: Mittwoch, 8. Dezember 2021 09:17
An: Verteiler Osteuropa <osteuropa@stiftung.example>
Betreff: WG: Lagebild Ukraine - 8. Dezember 2021

Lagebild Ukraine - 8. Dezember 2021

Liebe Kolleginnen und Kollegen,

nach dem Videogespräch der Präsidenten bleibt die Lage an der Grenze angespannt.

Wir werden die Entwicklung weiter beobachten.

Mit freundlichen Grüßen
Sabine Hoffmann

--
Dr. Sabine Hoffmann
Referentin Osteuropa
Tel. +49 30 1234567
"""
POLISH_NEWSLETTER = """Od: Ośrodek Analiz <newsletter@osrodek.example>
Wysłano: czwartek, 16 grudnia 2021 16:02
Do: redakcja@gazeta.example
Temat: Analizy: Rosyjskie żądania wobec NATO

Rosyjskie żądania wobec NATO

15 grudnia Rosja przekazała Stanom Zjednoczonym projekty dokumentów.

Zachód stoi przed dylematem.

Ośrodek Analiz, ul. Przykładowa 6a, 00-564 Warszawa
Jeśli nie chcesz otrzymywać newslettera, kliknij tutaj.
"""


def test_an_e_mails_sent_time_greetings_signature_and_footer_are_no_text() -> None:
    mail = text.parse(doc(GERMAN_MAIL)).entries[0]
    assert (mail.title, mail.published, mail.author) == ("Lagebild Ukraine - 8. Dezember 2021",
                                                         "Mittwoch, 8. Dezember 2021 09:17", "Sabine Hoffmann")
    assert mail.body == ("nach dem Videogespräch der Präsidenten bleibt die Lage an der Grenze angespannt.\n\n"
                         "Wir werden die Entwicklung weiter beobachten.")
    newsletter = text.parse(doc(POLISH_NEWSLETTER)).entries[0]
    assert (newsletter.title, newsletter.published) == ("Rosyjskie żądania wobec NATO", "czwartek, 16 grudnia 2021 16:02")
    assert newsletter.body == ("15 grudnia Rosja przekazała Stanom Zjednoczonym projekty dokumentów.\n\n"
                               "Zachód stoi przed dylematem.")


def test_a_byline_and_date_under_a_long_standfirst_and_an_abbreviated_place_are_read() -> None:
    # DW's page pasted: a standfirst of sentences, then "Datum" and "Autorin/Autor" without colons.
    dw = text.parse(doc("Russland stellt Forderungen\n\nMoskau hat den USA und der NATO Entwürfe vorgelegt, die Russland vor "
                        "einer weiteren Osterweiterung des Bündnisses schützen sollen. Der Westen reagiert zurückhaltend.\n\n"
                        "Datum 17.12.2021\nAutorin/Autor Roman Richter\n\nDas Außenministerium hat am Freitag zwei "
                        "Entwürfe veröffentlicht.\n\nMehr folgt.")).entries[0]
    assert (dw.author, dw.published) == ("Roman Richter", "Datum 17.12.2021")
    assert dw.body.split("\n\n")[1] == "Das Außenministerium hat am Freitag zwei Entwürfe veröffentlicht."
    # A briefing's transcript: the speaker's role, the place abbreviated, the time.
    briefing = text.parse(doc("Department Press Briefing – December 8, 2021\n\nNed Price, Department Spokesperson\nWashington, D.C.\n"
                              "2:24 p.m. EST\n\nMR PRICE: Good afternoon, everyone.\n\nQUESTION: Thank you.")).entries[0]
    assert briefing.author == "Ned Price" and briefing.body.startswith("MR PRICE: Good afternoon")
