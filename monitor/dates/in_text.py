"""A date on a line of a page's text: a line that is a date (with its label, "Published:",
"Опубликовано"), a date inside a longer line, and an update's note ("Updated 14:05") told apart
from the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from monitor.dates.formats import EAST_ASIAN_DATE, UPDATE_IN_BRACKETS
from monitor.dates.localized import (DATEPARSER_LOCK, DATEPARSER_SETTINGS, DATE_LABEL, DOTTED, LANGUAGES,
                                     MAX_LOCALIZED_CHARS, YEAR)
from monitor.dates.parsing import parse_date


def labelled(line: str) -> bool:
    """Whether a line opens with the label of a publication date ("Published:", "Опубликовано:",
    "Date created :"), not an update's."""
    return DATE_LABEL.match(line) is not None


def is_date_line(line: str, languages: tuple[str, ...] = (), day_first: bool | None = None) -> bool:
    """Whether a short line is a date under its label, a publication's or an update's, and nothing
    else ("Date created : 2015-05-12", "Latest update : 2015-05-12", "Опубликовано: 03.12.2021"), or
    with its label after it (_LABEL_AFTER): a page's metadata, where it stands at either end of its text."""
    if len(line) > MAX_LOCALIZED_CHARS:
        return False
    label = DATE_LABEL.match(line) or _UPDATED.match(line)
    if label is None:
        if (after := _LABEL_AFTER.search(line)) is None or after.start() == 0:
            return False
        return parse_date(line[:after.start()], None, languages, day_first=day_first)[0] is not None
    # Without an update after it (Le Figaro's "Publié le …, Mis à jour le …"), or a label closing it
    rest = before_update(line[label.end():].lstrip(" :—–-"))
    if (after := _LABEL_AFTER.search(rest)) is not None and after.start() > 0:
        rest = rest[:after.start()]
    return bool(rest) and parse_date(rest, None, languages, day_first=day_first)[0] is not None


# Or the label after the date, as Korean and Japanese sites write it: Yonhap's "2021/12/07 14:32 송고"
# ("sent") under every story, "… 입력" ("filed"), "… 配信" ("delivered"); German's closing verb.
_LABEL_AFTER = re.compile(r"\s+(?:송고|입력|수정|配信|発信|掲載|更新|publiziert|veröffentlicht)$")


# What a page's date line carries beside its date: its section, reading time, views, an update
# ("12 ноября 2021, 14:27 | Политика", "14:27 12.11.2021 (обновлено: 15:01 12.11.2021)", Le Monde's
# "Publié le 07 décembre 2021 à 14h30 - Mis à jour le 07 décembre 2021 à 16h00").
# Each separator starts where no space is before it: from inside a run of spaces, each start had read
# the rest of the run again (a line of 20,000 spaces: 4 s).
_DATE_LINE_PARTS = re.compile(r"(?<!\s)(?:\s*[|·•()،]\s*|\s+[-–—]\s+)")  # "،": Arabic's comma
# A date line, or a part of one, that gives the time of an update, not of publication.
_UPDATED = re.compile(r"\s*(?:обновлено|оновлено|абноўлена|изменено|змінено|зменена|"
                      r"(?:последнее |останнє |апошняе )?(?:обновление|оновлення|абнаўленне)|"
                      r"(?:last |latest )?updated?|(?:zuletzt )?aktualisiert(?: am)?|(?:letzte )?aktualisierung(?: am)?|mis à jour|"
                      r"(?:dernière )?mise à jour|zaktualizowano|aktualizacja|actualizado|atualizado|actualizada|atualizada|"
                      r"actualitzat|actualitzada|(?:última )?actualització|aangepast|"
                      r"(?:última )?(?:actualización|atualização)|(?:ultimo )?aggiornamento|aggiornato|bijgewerkt|"
                      r"آخر تحديث|تم التحديث|"
                      # Nordic, Central European, Baltic, South Slavic, Turkish, Greek, Romanian, Bulgarian.
                      r"uppdaterad|uppdaterat|oppdatert|opdateret|päivitetty|aktualizováno|aktualizované|ažurirano|"
                      r"ажурирано|frissítve|atnaujinta|atjaunināts|uuendatud|(?:son )?güncellenme(?: tarihi)?|güncellendi|"
                      r"ενημερώθηκε|actualizat|актуализирано|обновено|обновена|(?:son )?güncelleme|"
                      r"(?:ultima )?actualizare|data actualizării|gewijzigd(?: op)?|módosítva|atjaunots|modifié|modified|"
                      # Slovenian (RTV SLO's "zadnji poseg", 24ur's "posodobljeno"), Serbian, Albanian
                      r"posodobljeno|zadnji poseg|spremenjeno|izmenjeno|izmijenjeno|ažurirano|përditësuar|përditësimi|"
                      # Azerbaijani, Kazakh, Georgian, Armenian
                      r"yenilənib|yeniləndi|жаңартылды|განახლდა|განახლებულია|թարմացվել է|"
                      # Hebrew, Persian, Indonesian, Vietnamese, Hindi
                      # (Persian's with its zero-width non-joiner, and as clean text writes it, without)
                      r"עודכן|עדכון|به‌روزرسانی|بهروزرسانی|بروزرسانی|به روز رسانی|diperbarui|cập nhật|अपडेटेड|अपडेट|"
                      # Chinese and Japanese ("最后更新: 2019-09-07 15:14:21", guancha.cn's), Korean ("수정 2021.12.06").
                      r"(?:最后|最後|最近|最终|最終)?更新(?:时间|時間|日時|日期|日|于|於)?|최종\s*수정|수정)(?!\w)",
                      re.IGNORECASE)

def date_labels_end(text: str, start: int = 0) -> int | None:
    """Where the labels of a publication's or an update's date that open `text` at `start` end, each
    with its colon ("Issued on:", "Publié le : Modifié le :"), or None where none opens it: a label
    whose date went with its element (trafilatura deletes every <time>)."""
    end = None
    while (found := DATE_LABEL.match(text, start) or _UPDATED.match(text, start)) is not None:
        if ":" in found.group() or "：" in found.group():  # (DATE_LABEL's own colon)
            end = found.end()
        elif (colon := _LABEL_COLON.match(text, found.end())) is not None:
            end = colon.end()
        else:
            break
        start = end
    return end


# An update's label's colon, a preposition maybe ahead of it ("Mis à jour le :", "Updated on:").
_LABEL_COLON = re.compile(r"(?:\s+(?:le|on|am|el|em|il|op|la))?\s*[:：](?:\s+|$)", re.IGNORECASE)


# An update's label inside a line, after a word's end: where a date line's update begins.
# (After a figure too: the time's element and the update's run together, UOL's "14h32Atualizada em …".)
_UPDATED_INSIDE = re.compile(r"(?<=[\W\d])" + _UPDATED.pattern, re.IGNORECASE)


def before_update(line: str) -> str:
    """A date line up to the update it gives after its publication date ("Publié le 07/12/2021 à
    14:30, Mis à jour le 07/12/2021 à 15:01", Le Figaro's; Hürriyet's "Giriş Tarihi: 07.12.2021 14:30
    Son Güncellenme: 07.12.2021 15:01"), without the separator between them; the whole line where it
    gives none, or opens with one."""
    found = _UPDATED_INSIDE.search(line, 1)
    if found is None:
        return line
    return line[:found.start()].rstrip(" ,;|·•-–—(،") or line


# A time, or a date in figures, after an update's label: what makes "Updated on September 19 at 3:15
# p.m." a note, where "Updated figures show 5% growth" is a sentence.
# (and Brazil's and France's "20h02", Folha's and Poder360's day with its month's abbreviation, "6.dez.2021")
_TIME_OR_DAY = re.compile(r"\d{1,2}[:.h]\d{2}(?!\d)|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\.[^\W\d]{3,4}\.\d{4}")
UPDATE_NOTE_CHARS = 60


def is_update_note(line: str) -> bool:
    """Whether a short line is only a note of when the page was updated ("Updated on September 19 at
    3:15 p.m.", "Обновлено: 10:15 06.12.2021"): its label, then a time or a date in figures, in six
    words at most ("Update: the talks ended at 10.15 tonight after…" is a story's)."""
    line = line.lstrip("•·▪* ")  # a bullet ahead (NOS's "• Aangepast dinsdag 7 december, 23:10")
    return (len(line) <= UPDATE_NOTE_CHARS and (label := _UPDATED.match(line)) is not None
            and _TIME_OR_DAY.search(line, label.end()) is not None and len(line[label.end():].split()) <= 6)


def updated_in(line: str, languages: tuple[str, ...] = (), day_first: bool | None = None) -> str | None:
    """The date a part of a page's line gives after an update's label, as written ("Saibal Dasgupta |
    TNN | Updated: Oct 9, 2019, 11:05 IST" gives "Oct 9, 2019, 11:05 IST"), else the date another
    part of that line gives, the day of an update whose label is followed by a time alone (CNN
    Arabic's "Sunday, 04 August 2013, last updated 02:21 (GMT+0400)": date_in); None where none does."""
    if _UPDATED.search(line) is None:
        return None
    for part in _DATE_LINE_PARTS.split(line):
        if (label := _UPDATED.match(part)) is None:
            continue
        rest = part[label.end():].lstrip(" :：—–-")
        if any(c.isdigit() for c in rest) and parse_date(rest, None, languages, day_first=day_first)[0] is not None:
            return rest
    return date_in(line, languages, day_first)


_MOST_OF_THE_LINE = 0.4
_SECTION_AFTER = re.compile(r"\s+(?:in|im|en|em|dans|w|в|у)\s+[^\W\d][^\d\n|]{0,40}$", re.IGNORECASE)
# Or the section's name alone after the date and its time (News.am's "00:34 08.12.2021 Աշխարհ").
_WORDS_AFTER = re.compile(r"(?<=\d)\s+[^\W\d][^\d\n|]{0,40}$")
# ISO 8601's order, and the year-first order East Asian sites write with slashes or dots ("2021/12/07
# 14:30 配信", Japanese portals'; "2021.12.07 14:30"): year, month, day wherever it is written.
_ISO_IN_A_LINE = re.compile(r"(?<!\d)\d{4}(?:-\d{2}-\d{2}|([/.])\d{1,2}\1\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?![\d:])")
# A date with dots and a four-digit year, and its time: day first wherever it is written.
# (German's and Austria's time with a dot too: ORF's "Publiziert am 07.12.2021 14.32".)
_DOTTED_IN_A_LINE = re.compile(DOTTED + r"(?:,?\s+\d{1,2}[:.]\d{2}(?::\d{2})?)?(?![\d.:])")


def _with_time_after(line: str, spans: list[tuple[int, int]], index: int, start: int,
                     reads: Callable[[str], datetime | None]) -> str:
    """The date from `start` to the end of the part `index` of a line, with the time the next
    part gives where it reads as the same day's time ("12.11.2021 | 14:27")."""
    date = line[start:spans[index][1]]
    if index + 1 < len(spans) and ":" in line[spans[index + 1][0]:spans[index + 1][1]]:
        with_time = line[start:spans[index + 1][1]]
        if reads(with_time) not in (None, reads(date)):
            return with_time
    return date


def _written_in(line: str, reads: Callable[[str], datetime | None]) -> str | None:
    """A date in figures in a line that is most of it (_MOST_OF_THE_LINE), or opens it written with
    年, 月 and 日 (see date_in), as written; None for none."""
    for pattern in (EAST_ASIAN_DATE, _ISO_IN_A_LINE, _DOTTED_IN_A_LINE):
        if (found := pattern.search(line)) is None:
            continue
        written = found.group().strip()
        after = line[found.start() + len(found.group().rstrip()):][:1]
        opens = pattern is EAST_ASIAN_DATE and found.start() == 0 and after in ("", " ")
        if (opens or len(written) >= _MOST_OF_THE_LINE * len(line)) and reads(written) is not None:
            return written
    return None


def date_in(line: str, languages: tuple[str, ...] = (), day_first: bool | None = None,
            search: bool = True) -> str | None:
    """The date a page's date line gives, as written there: the whole line when it reads as one
    (parse_date), else its first part between "|", "·", "•" or brackets that does, else the first
    date with a day, month and year dateparser's search finds in it ("12.11.2021 14:27 Просмотров:
    1520"), when it is most of the line and parse_date reads it too (so "12.11.2021" stays the 12th
    of November in Russian).
    None for a line, and no part, that gives the time of an update ("Обновлено: …").
    `day_first`: the order the site writes all-numeric dates in (parse_date's); without `search`,
    no dateparser search (a millisecond or two a line): for lines where a date is seldom."""
    if _UPDATED.match(line):
        return None
    if line.endswith(")") and (update := UPDATE_IN_BRACKETS.search(line)) is not None and update.start() > 0:
        line = line[:update.start()]  # the date, as written, without the update's time after it

    def reads(text: str) -> datetime | None:
        return parse_date(text, None, languages, day_first=day_first)[0]

    if reads(line) is not None:
        return line
    spans = [(0, len(line))]
    for separator in _DATE_LINE_PARTS.finditer(line):
        spans[-1:] = [(spans[-1][0], separator.start()), (separator.end(), len(line))]
    # An update's label inside a part, not opening one: the part holds the date's time before it
    # ("07.12.2021 - 12:45 Actualització: 07.12.2021 - 14:20"), so the line is read up to the label.
    if any(_UPDATED_INSIDE.search(line, start + 1, end) for start, end in spans) \
            and (published := before_update(line)) != line:
        return date_in(published, languages, day_first, search)
    for index, (start, end) in enumerate(spans):
        part = line[start:end]
        if _UPDATED.match(part):
            continue
        if len(part) >= 6 and any(c.isdigit() for c in part) and reads(part) is not None:
            return _with_time_after(line, spans, index, start, reads)
        if len(spans) > 1 and (written := _written_in(part, reads)) is not None:
            # "Von Christian am 03.05.2013, 11:51 | 0 Meinungen"; Hürriyet's "Giriş Tarihi:
            # 07.12.2021 - 14:30", its time in the next part.
            if part.endswith(written):
                return _with_time_after(line, spans, index, start + len(part) - len(written), reads)
            return written
    if (published := before_update(line)) != line:  # the parts before an update's part, together
        return date_in(published, languages, day_first, search)
    # The section the story is filed in after its date, all the rest of the line a date: De
    # Telegraaf's "14:12 7 dec. 2021 in BINNENLAND", a blog theme's "7. Dezember 2021 in Politik".
    if (section := _SECTION_AFTER.search(line) or _WORDS_AFTER.search(line)) is not None and section.start() >= 6 \
            and reads(line[:section.start()]) is not None:
        return line[:section.start()]
    if len(line) > MAX_LOCALIZED_CHARS or not YEAR.search(line):
        return None
    if (label := DATE_LABEL.match(line)) is not None and "," in line:
        # What a label names, up to a comma: the longest such run that reads ("Datum: 22.12.2012,
        # Rubrik: USA"; "Published: December 6, 2021, 10:15").
        rest = line[label.end():]
        for cut in reversed([found.start() for found in re.finditer(",", rest)]):
            if len(rest[:cut]) >= 6 and reads(rest[:cut]) is not None:
                return rest[:cut]
    # Dates no language's words are needed for, beside a label dateparser's search does not read
    # past ("时间：2021-12-07 08:15", "2021年12月7日 08:15 来源：新华网"). A date with 年, 月 and 日
    # that opens the line, a space after it, is the line's whatever follows (AFPBB's "2018年6月18日
    # 10:01　発信地：カノ/ナイジェリア [ ナイジェリア アフリカ ]": the dateline and the story's
    # places); one a particle follows opens a sentence ("2018年6月18日に…").
    if (written := _written_in(line, reads)) is not None:
        return written
    if not search:
        return None
    with DATEPARSER_LOCK:
        try:
            from dateparser.search import search_dates

            found = search_dates(line, languages=list(languages or LANGUAGES), settings=DATEPARSER_SETTINGS)
        except Exception:  # hostile text must cost the page its date, never the page
            found = None
    for text, _ in found or ():
        # Most of the line: a date with a word or two beside it, not a date inside a sentence
        # ("выдвинут 12.08.2021" in an element whose class, "candidate", holds "date").
        if len(text) >= _MOST_OF_THE_LINE * len(line) and reads(text) is not None:
            return str(text)
    return None
