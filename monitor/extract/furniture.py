"""What an article's extracted text carries that is no part of the article: boxes closing it (the
author's note, related stories, a subscription's call), a breadcrumb, lines above the headline, the
headline again, and date lines, where the date is kept as the article's.
"""

from __future__ import annotations

import logging
import re

from monitor.clean.byline import LIST_MARKS, byline_line, without_byline_label
from monitor.clean.markup import one_line_text
from monitor.clean.site_lines import is_reading_time, without_closing_counts
from monitor.dates import date_in, is_date_line, is_update_note, updated_in
from monitor.extract.on_the_page import DATE_TEXT_CHARS

log = logging.getLogger(__name__)


# An all-numeric date alone, its time beside it: a date line, read as the page's date or not (its
# order unknown: "03/04/2021 10:15" on an English page of a site whose country is not known).
_NUMERIC_DATE_LINE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?")


def without_numeric_date_line(text: str, headlines: set[str]) -> str:
    """The text without an all-numeric date line where it opens it, or comes after the headline:
    the page's metadata, whether or not it could be read."""
    parts = text.split("\n\n", 2)
    opening = parts[1] if len(parts) > 2 and parts[0] in headlines else parts[0]
    return without_paragraph(text, opening, headlines) if _NUMERIC_DATE_LINE.fullmatch(opening) else text


def without_paragraph(text: str, paragraph: str, headlines: set[str]) -> str:
    """The text without `paragraph` where it opens it, or comes second after one of the headlines."""
    parts = text.split("\n\n", 2)
    if parts[0] == paragraph and len(parts) > 1:
        return text.partition("\n\n")[2]
    if len(parts) > 2 and parts[1] == paragraph and parts[0] in headlines:
        return f"{parts[0]}\n\n{parts[2]}"
    return text


# What a page's date line may carry beside the date it shows, at most: a label, a source, a
# writer's name ("2021-12-07 14:30:15 来源：新华网", Xinhua's; "משה כהן פורסם: 07.12.21, 14:30",
# ynet's; Yonhap's "송고시간2021-12-07 14:30"). More, or a sentence's end, and it is the article's.
_DATE_LINE_REST = (40, 5)  # characters, words
_DATE_LINE_MARKS = " |·•,;-–—:：()/"


def without_date_line(text: str, shown_date: str, headlines: set[str]) -> tuple[str, str | None]:
    """The text without the line the page's date was read from (`shown_date`, as written), where
    it opens the text or comes after the headline: the date alone, or with a label, a source or a
    name beside it (_DATE_LINE_REST); and the writer that line names after a byline's label or as
    Korean and Japanese bylines do (clean.byline.byline_line: "By Jane Doe | 07.12.2021",
    Asahi's "モスクワ＝山田太郎 2021年12月7日 14時30分"), or None."""
    parts = text.split("\n\n", 2)
    line = parts[1] if len(parts) > 2 and parts[0] in headlines else parts[0]
    if line == shown_date:
        return without_paragraph(text, line, headlines), None
    at = line.find(shown_date)
    if at == -1:
        return text, None
    rest = f"{line[:at]} {line[at + len(shown_date):]}".strip(_DATE_LINE_MARKS)
    if len(rest) > _DATE_LINE_REST[0] or len(rest.split()) > _DATE_LINE_REST[1] or rest.endswith(_SENTENCE_ENDS):
        return text, None
    return without_paragraph(text, line, headlines), byline_line(rest)


_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？")


# What a page prints around its article and trafilatura can keep as its text: the byline under the
# headline, and the boxes that close the page after the article, their heading a paragraph of its
# own ("You Might Also Like", then slide shows' captions, "Related Videos", "Comments", "Loading
# Comments...": salon.com's; a comment form's "Leave a comment"). (The story's tags line, "Topics:
# uber, …", goes with every text's, in clean.site_lines.without_promotion.)
CLOSING_BOXES = frozenset((
    "you might also like", "you may also like", "featured slide shows", "recent slide shows", "related videos",
    "comments", "loading comments", "show comments", "most read", "most popular", "trending", "trending now",
    "recommended for you", "around the web", "from our partners", "from the web", "sponsored content",
    "promoted stories", "more from our network", "комментарии", "коментарі", "kommentare", "commentaires",
    "comentarios", "comentários", "komentarze", "voir les contributions", "reacties", "geselecteerde reacties",
    # The heading of the comment form under the article (Ultima Hora's "Comentar", then its rules).
    "comentar", "deja tu comentario", "deja un comentario", "leave a comment", "leave a reply", "post a comment",
    "add a comment", "join the conversation", "kommentieren", "kommentar schreiben", "laisser un commentaire",
    "further reading",  # (the Atlantic Council's box of its other pieces)
    "оставить комментарий", "написать комментарий", "залишити коментар", "написати коментар",
    # Boxes of other stories, closing the page in other languages: not "Lesen Sie auch", "À lire
    # aussi", "Читайте также", which stand inside articles too.
    "related articles", "related posts", "related stories", "more stories", "you may also be interested in",
    "lesermeinungen", "leserkommentare", "verwendete quellen",  # t-online's sources under its story
    "auch interessant", "das könnte dich auch interessieren", "das könnte sie auch interessieren",
    "das thema könnte dich auch interessieren", "ähnliche artikel", "ähnliche beiträge", "verwandte artikel",
    "articles similaires", "sur le même sujet", "vous aimerez aussi", "también te puede interesar",
    "noticias relacionadas", "artículos relacionados", "articoli correlati", "potrebbe interessarti anche",
    "notícias relacionadas", "noticias según tus intereses", "video recomendado", "videos recomendados",
    # the contacts' box under a release (OSCE's "Contacts", gov.uk's "Media enquiries")
    "contacts", "media enquiries", "media inquiries", "press enquiries", "press contacts", "контакты для сми",
    "vídeo recomendado", "vídeos recomendados",
    "похожие статьи", "похожие новости", "схожі статті", "схожі новини",
    # The writer's box after the article, its heading then the biography (Horizont's "Über den Autor").
    # cnet.de's heading is "AUTOR" alone.
    "about the author", "about the authors", "author", "autor", "autorin", "über den autor", "über die autorin",
    "über die autoren", "zum autor", "zur autorin", "à propos de l'auteur", "sobre el autor", "sobre la autora",
    "об авторе", "про автора", "o autorze",
    # A comments' box that is closed (Radio-Canada's "Commentaires fermés")
    "commentaires fermés", "comments closed", "comments are closed", "комментарии закрыты", "коментарі закрито",
    # A press release's boilerplate under its news (PR Newswire's, Business Wire's)
    "forward-looking statements", "forward looking statements", "safe harbor statement", "media contact",
    "media contacts", "press contact", "press contacts", "investor contact", "investor contacts",
    "контакти для змі", "контакты для сми",
    # Chinese sites': recommended videos, related reading, related news, recommended reading, hot picks,
    # recommended for you, hot news.
    "精彩视频推荐", "相关阅读", "相关新闻", "相关文章", "推荐阅读", "延伸阅读", "热门推荐", "猜你喜欢", "为您推荐", "热点新闻",
    # and Traditional Chinese, Japanese and Korean sites' (rankings, most read; not their "related stories",
    # "関連記事", "관련 기사", which stand inside articles too)
    "相關閱讀", "相關新聞", "延伸閱讀", "熱門推薦", "热点推荐", "相关推荐", "推荐文章", "ランキング", "アクセスランキング",
    "国際ランキング", "많이 본 뉴스"))
# Or, wherever it stands, a paragraph that opens so: the notice over a Chinese portal's readers'
# comments ("网友评论仅供其表达个人看法，并不表明网易立场。": "readers' comments are their own views, not
# NetEase's"), which no article says.
CLOSING_BOX_OPENERS = ("网友评论仅供其表达个人看法",)
BOX_HEADING_MARKS = " \t-–—•*:.…：【】"
_FURNITURE_AT_THE_TOP = 4  # paragraphs: the headline, the lead, the byline, the tags
_PLACE_CHARS = 40
_IMAGE_FILE = re.compile(r"[^\n]+\.(?:jpe?g|png|gif|webp)", re.IGNORECASE)
_BOXES_AFTER = 0.5  # of the text's characters: a box heading past them closes the article


# What a byline line carries beside the author's name: a section, a credit, the date or an update's
# time (NDTV's, its parts run together: "All IndiaEdited by … (with inputs from Agencies)Updated: …").
_BYLINE_LINE_CHARS = 100


# A box's heading in capitals run into its first sentence, where trafilatura joined the two: cnet.de's
# "AUTOR ist Gründungspartner der Kanzlei …" (the heading "AUTOR", then the writer's biography).
_HEADING_WORDS = 4


# A press release's "About Northwind Logistics" heading over its issuer's boilerplate, after its news.
_ABOUT_THE_ISSUER = re.compile(r"(?:About|ABOUT) (?:the )?(?P<name>[A-Z][\w&.,'’-]*(?: [A-Z&][\w&.,'’-]*){0,5})")


# A heading in capitals over the site's other stories, its name after it ("MÁS NOTICIAS EN EL TIEMPO").
_MORE_NEWS_HEADING = re.compile(r"(?:más noticias|mais notícias|more (?:news|stories)|plus d['’]actualités|"
                                r"weitere nachrichten|больше новостей|більше новин)\b[^.!?\n]{0,40}", re.IGNORECASE)


def _run_in_box_heading(part: str) -> bool:
    """Whether a paragraph opens with a closing box's heading in capitals (CLOSING_BOXES) and goes on."""
    words = part.split(" ", _HEADING_WORDS)
    capitals: list[str] = []
    for word in words[:-1]:  # the last one, or what is left: the text after the heading
        if not (word.isalpha() and word.isupper()):
            break
        capitals.append(word)
    return any(" ".join(capitals[:count]).casefold() in CLOSING_BOXES for count in range(len(capitals), 0, -1))


def without_furniture(text: str, author: str | None) -> str:
    """The text without the byline (the author's name alone, or with the time) and a note of an
    update among its first paragraphs, a picture's file name set as a paragraph, and from the
    heading of a box that closes the page on, when the heading comes after most of the text."""
    parts = text.split("\n\n")
    if len(parts) < 3:
        return text
    name = without_byline_label(one_line_text(author)).casefold() if author else ""
    total = len(text)
    kept: list[str] = []
    seen = 0
    for index, part in enumerate(parts):
        if index < _FURNITURE_AT_THE_TOP and name and len(part) <= 2 * len(name) + 30 \
                and without_byline_label(part.lstrip(LIST_MARKS)).split(" | ")[0].casefold() == name:
            continue  # the byline, its place after a bar ("Ángeles Escrivá | Madrid"), or a list's item ("- Par Elba")
        if index < _FURNITURE_AT_THE_TOP and name and len(part) <= len(name) + _BYLINE_LINE_CHARS \
                and name in part.casefold() and (updated_in(part) or date_in(part)):
            continue  # the byline line: the name and the time (NDTV's "All IndiaEdited by … Updated: …")
        if index < _FURNITURE_AT_THE_TOP and name and len(part) <= len(name) + _BYLINE_LINE_CHARS \
                and part.casefold().startswith(name) and is_reading_time(part[len(name):].strip(" ·|-–—,")):
            continue  # the name and the time it takes to read, run together (Repubblica's "Giulia Serafini3 minuti di lettura")
        if index < _FURNITURE_AT_THE_TOP and part.startswith("| ") and len(part) <= _PLACE_CHARS:
            continue  # a byline's place, left after its bar where the name went (Reuters' "| WASHINGTON")
        if index < _FURNITURE_AT_THE_TOP and is_update_note(part):
            continue  # "Updated on September 19 at 3:15 p.m." under the lead (The Atlantic's)
        if len(part) <= _PLACE_CHARS * 3 and _IMAGE_FILE.fullmatch(part):
            continue  # a picture's file name set as a paragraph (al.com's "… seized cash and cards.jpg")
        if index >= 3 and seen >= _BOXES_AFTER * total and (part.strip(BOX_HEADING_MARKS).casefold() in CLOSING_BOXES
                                                            or _run_in_box_heading(part)
                                                            or (part.isupper() and _MORE_NEWS_HEADING.fullmatch(part))):
            break
        if index >= 2 and (about := _ABOUT_THE_ISSUER.fullmatch(part)) is not None and index + 1 < len(parts) \
                and parts[index + 1].startswith(about.group("name")):
            break  # a press release's issuer's boilerplate under its heading, wherever it stands
        if index >= 1 and part.startswith(CLOSING_BOX_OPENERS):
            break  # no article says so: wherever it stands, what follows is the comments'
        kept.append(part)
        seen += len(part) + 2
    return "\n\n".join(kept) if kept else text


# A breadcrumb trail: the site's sections, then the headline ("Accueil > Actualités > Headline").
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[>›»/]\s+")


def without_breadcrumb(text: str, headlines: set[str]) -> str:
    """The text without a breadcrumb trail that opens it, its last step the headline (SPIP's
    "Accueil > Actualités et humeurs > Décisions de l’AG…")."""
    first, separator, rest = text.partition("\n\n")
    steps = _BREADCRUMB_SEPARATOR.split(first)
    return rest if separator and rest and len(steps) >= 3 and steps[-1] in headlines else text


def from_the_headline(text: str, headlines: set[str]) -> str:
    """The text from the headline on, where short lines come before it, the page's furniture over
    the headline (CBC's "Business·Updated", a kicker, a breadcrumb): at most _ABOVE_THE_HEADLINE of
    them, each at most _FURNITURE_CHARS long; without the headline where it stands again after a
    paragraph of the story's."""
    parts = text.split("\n\n", _ABOVE_THE_HEADLINE + 1)
    for index, part in enumerate(parts[1:_ABOVE_THE_HEADLINE + 1], start=1):
        if part in headlines and len(parts) > index + 1:
            if all(len(above) <= _FURNITURE_CHARS for above in parts[:index]):
                return text.split("\n\n", index)[index]
            # Under the lead: the headline again, over a picture or a video (CNN's), no text of the story.
            rest = text.split("\n\n", index + 1)
            return "\n\n".join(rest[:index] + rest[index + 1:])
    return text


def without_opening_headline(text: str, headlines: set[str]) -> str:
    """The text without the headline that opens it. normalize drops a headline that is the item's
    title; this one is the page's other headline, an <h1> worded apart from the og:title taken as the
    title (the Times of India's "…resolve J&K bilaterally" under "Kashmir issue: …Jammu and Kashmir…")."""
    first, separator, rest = text.partition("\n\n")
    return rest if separator and rest and first in headlines else text


_ABOVE_THE_HEADLINE = 3
_FURNITURE_CHARS = 80


def without_date_lines(text: str, languages: tuple[str, ...], headlines: set[str], day_first: bool | None = None) -> str:
    """The text without the labelled date lines (dates.is_date_line: "Date created : 2015-05-12",
    "Latest update : …") that open it, under its headline or not, or close it, and a date alone
    closing it (the BBC's "- 12 May 2020" under a video's text): the page's metadata."""
    parts = text.split("\n\n")
    opening = 1 if len(parts) > 2 and parts[0] in headlines else 0
    while len(parts) > opening + 1 and is_date_line(parts[opening], languages, day_first):
        del parts[opening]
    while len(parts) > opening + 1 and (is_date_line(parts[-1], languages, day_first)
                                        or _a_date_alone(parts[-1], languages, day_first)
                                        or _a_date_and_counts(parts[-1], languages, day_first)):
        del parts[-1]
    return "\n\n".join(parts)


def _a_date_and_counts(line: str, languages: tuple[str, ...], day_first: bool | None) -> bool:
    """Whether a line is a date, labelled or alone, with the page's counts of readers or comments
    after it (a DLE site's "7-12-2021, 14:30 Просмотров: 1520", which trafilatura sets after the text)."""
    rest = without_closing_counts(line)
    return rest is not line and (is_date_line(rest, languages, day_first) or _a_date_alone(rest, languages, day_first))


def opening_date(text: str, languages: tuple[str, ...], headlines: set[str],
                 day_first: bool | None = None) -> tuple[str, str | None]:
    """The text without the date alone on a line among its opening paragraphs (at most
    _FURNITURE_AT_THE_TOP of them, the headline's too), and that date as written; the text as it is
    and None where no opening line is a date alone."""
    parts = text.split("\n\n", _FURNITURE_AT_THE_TOP)
    for index, part in enumerate(parts[:_FURNITURE_AT_THE_TOP]):
        if part in headlines:
            continue
        if len(parts) > index + 1 and _a_date_alone(part, languages, day_first):
            return "\n\n".join(parts[:index] + parts[index + 1:]), part.lstrip(LIST_MARKS).strip()
        if index == 0 and len(parts) > 1 and (closing := _date_closing(part, languages, day_first)) is not None:
            return "\n\n".join(parts[1:]), closing
    return text, None


_GLUED_CHARS = 160
_DATE_WORDS = 5  # "7 декабря 2021 г., 14:30": the most words a date closing a line is looked for in


def _date_closing(line: str, languages: tuple[str, ...], day_first: bool | None) -> str | None:
    """The date that closes a short opening line of no sentence, with two words or more before it: an
    old table-layout page's menu cell, headline and date line read as one paragraph ("Главная Новости
    О нас Переговоры продолжатся 07.12.2021 14:30"), its cells' and lines' breaks lost. None for a
    line that is a sentence ("…, officials said on December 7, 2021.") or closes with no date."""
    if len(line) > _GLUED_CHARS or not line[-1:].isdigit() or _SENTENCE_INSIDE.search(line) is not None:
        return None
    words = line.split()
    for count in range(min(_DATE_WORDS, len(words) - 2), 0, -1):
        closing = " ".join(words[-count:])
        if _a_date_alone(closing, languages, day_first):
            return closing
    return None


_SENTENCE_INSIDE = re.compile(r"[.!?…]\s+[^\W\d_]")  # a sentence's end, then the next one's first word


def _a_date_alone(line: str, languages: tuple[str, ...], day_first: bool | None = None) -> bool:
    """Whether a line is a date and nothing else (a list's mark ahead of it aside): a day, month and
    year written in words or figures, at most DATE_TEXT_CHARS[1] characters. Without dateparser's
    search, which finds a date inside a line, never a line that is one (a millisecond or two for
    each short line with a figure that opens a page's text)."""
    line = line.lstrip(LIST_MARKS).strip()
    return (DATE_TEXT_CHARS[0] <= len(line) <= DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line)
            and date_in(line, languages, day_first, search=False) == line)


# BBC World Service's byline: a list under the headline whose labels only a screen reader reads,
# run into their values in the text's list items ("- Author,Jane Doe", "- Role,BBC News"; "- लेखक,…",
# "- পদবী,…", "- مصنف,…", "- Mwandishi,…"), in each of its languages' words for the writer and their
# role (or where they report from).
_LISTED_BYLINE = re.compile(r"- ?(?P<label>[^\s,،\d-][^,،\n]{0,20}?)\s*[,،]\s*(?P<value>\S[^\n]{0,100})")
_WRITER_LABELS = frozenset((
    "author", "writer", "लेखक", "লেখক", "مصنف", "mwandishi", "marubuci", "автор", "نویسنده", "الكاتب", "作者",
    "yazan", "penulis", "tác giả", "ผู้เขียน", "ደራሲ", "autor", "autora"))  # (BBC Mundo's and Brasil's "Autor")
_ROLE_LABELS = frozenset((
    "role", "reporting from", "पदनाम", "পদবী", "عہدہ", "nafasi", "aiki", "должность", "посада", "سمت", "المنصب",
    "职位", "職位", "unvan", "jabatan", "chức danh", "ตำแหน่ง", "የስራ ድርሻ", "título del autor", "título do autor",
    "cargo", "informando desde", "reportando de"))
# And the list's heading, which a screen reader reads too (BBC Mundo's "Información del artículo").
_LISTED_BYLINE_HEADINGS = frozenset(("article information", "información del artículo", "informações do artigo",
                                     "информация о статье", "інформація про статтю"))
_LISTED_BYLINE_PARAGRAPHS = 6


def listed_byline(text: str) -> tuple[str, str | None]:
    """The text without the byline list that opens it (_LISTED_BYLINE, under the labels of a writer
    and their role), and the writers it names (None where it names none)."""
    heading, joint, listed = text.partition("\n\n")
    if joint and listed.startswith("-") and heading.casefold() in _LISTED_BYLINE_HEADINGS:
        text = listed
    if not text.startswith("-"):
        return text, None
    parts = text.split("\n\n", _LISTED_BYLINE_PARAGRAPHS)
    writers: list[str] = []
    for index, part in enumerate(parts):
        found = _LISTED_BYLINE.fullmatch(part)
        label = found.group("label").casefold() if found is not None else ""
        if found is not None and label in _WRITER_LABELS:
            writers.append(found.group("value").strip())
        elif label not in _ROLE_LABELS:
            return ("\n\n".join(parts[index:]), ", ".join(writers) or None) if index else (text, None)
    return text, None
