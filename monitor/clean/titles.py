"""A site's name in a title: the part after the title's last separator that names the site
("Headline | Site", "Headline - Site.com"), dropped so the title is the headline.
"""

from __future__ import annotations

import re




# What sites put between a headline and their own name: "Headline - Site", "Site | Headline"; Chinese
# sites an underscore, spaced or not ("标题_频道_光明网").
# Chinese and Japanese titles set a bar, full-width or not, or a full-width colon with no spaces
# ("…：日本経済新聞", NetEase's "标题|关键词|关键词_网易订阅"): a headline hardly ever holds a bar.
TITLE_SEPARATOR = re.compile(r"\s+(?:[-–—:·•»«›‹/]|::)\s+|\s*_\s*|\s*[|｜：]\s*")
# Grouped: a bare "$" would close the last branch only. Started where no space is before it: from
# inside a run of spaces, each start read the rest of the run again (a title of 20,000 spaces: 4 s).
SEPARATOR_AT_END = re.compile(f"(?<!\\s)(?:{TITLE_SEPARATOR.pattern})$")


def without_site_name(title: str, site: str) -> str:
    """`title` less a closing `site` and the separator before it ("Headline - Reuters", letter case
    aside), when what is left is longer than the site's name; else `title` as it is. Google News
    writes every item's title so (feed._entry calls this with the item's <source>). Three quarters
    of the name or more, from its start, count too (Nikkei's "…：日本経済新聞", its company being
    日本経済新聞社), and so does the name without its "The" ("… - Times of India"). A name ahead of
    the headline goes only before a bar or a double colon ("TechCrunch | Headline", TechCrunch's
    og:title): "Kyiv - Kharkiv rail link reopens" is a headline."""
    if not site or len(title) <= 2 * len(site):
        return title
    # The name with its article or without it: "… - Times of India" where the site is "The Times of India".
    for name in (site, site[4:]) if site[:4].casefold() == "the " else (site,):
        rest = len(title) - len(name)
        if title[rest:].casefold() == name.casefold() and (joint := SEPARATOR_AT_END.search(title, 0, rest)):
            # Twice where the page's own title closed with it already: Google News's "… - Європейська
            # правда - Європейська правда".
            return without_site_name(title[:joint.start()], site)
    # The site's name without its last word or so closing the title ("…：日本経済新聞" where the site
    # is 日本経済新聞社, the company): most of the name, from its start.
    if (last := _last_separator(title)) is not None and (closing := title[last.end():].strip()) \
            and len(closing) >= _MOST_OF_THE_NAME * len(site) and site.casefold().startswith(closing.casefold()):
        return title[:last.start()]
    if title[:len(site)].casefold() == site.casefold() and (ahead := _SITE_AHEAD.match(title, len(site))):
        return title[ahead.end():]
    return title


_SITE_AHEAD = re.compile(r"\s+(?:\||::)\s+")
_MOST_OF_THE_NAME = 0.75


def _last_separator(title: str) -> re.Match[str] | None:
    """The last of a title's separators (TITLE_SEPARATOR), where a site's name after it would start."""
    found = None
    for found in TITLE_SEPARATOR.finditer(title):
        pass
    return found


# The page of a story paginated, closing its <title>: Kompas's "… Halaman all" (every page at once)
# and "… Halaman 2", and "- Page 2", "(Seite 2 von 3)", "| Страница 2" elsewhere.
_PAGE_NUMBER = re.compile(r"\s+(?:Halaman|Hal\.)\s+(?:all|\d{1,3})$|"
                          r"\s*[-–—|:(]\s*(?:Page|Seite|Página|Pagina|Strona|Страница|Сторінка|Halaman)\s+\d{1,3}"
                          r"(?:\s+(?:of|von|de|di|z|из|з)\s+\d{1,3})?\)?$", re.IGNORECASE)


# A wire's version of its story ahead of the headline, no part of it: Reuters' "UPDATE 3-", "REFILE-",
# "CORRECTED-", "RPT-" as its feeds, terminals and e-mails give them. (Its labels, "EXCLUSIVE-",
# "ANALYSIS-", say what the story is, and stay.)
_WIRES_VERSION = re.compile(r"(?:(?:UPDATE|WRAPUP) \d{1,2}|REFILE|CORRECTED|RPT|UPDATE)-(?=\S)")


def without_wires_version(title: str) -> str:
    """A headline without the wire's version of its story ahead of it (_WIRES_VERSION)."""
    return title[found.end():] if title[:1] in "URCW" and (found := _WIRES_VERSION.match(title)) else title


# Pictographs ahead of a headline, a channel's marks of urgency and subject ("⚡️", "❗️", "🇺🇦🇺🇸"): the
# same story from two channels had two headlines. Emoji, their joiners and variation selectors, arrows
# and dingbats (not "№", "©").
_PICTOGRAPHS_AHEAD = re.compile("[\u2190-\u2bff\U0001F000-\U0001FAFF\ufe0e\ufe0f\u200d\u20e3\\s]+")


# A bridge's mark of a repost or a reply ahead of a post's title (Nitter's "RT by @DmytroKuleba: ",
# "R to @DmytroKuleba: ").
_REPOST_AHEAD = re.compile(r"(?:RT by|R to) @\w{1,30}: ")


# A German ticker's marks around its kicker or its headline ("+++ Ukraine-Krise im Liveticker +++ Biden
# droht Putin mit harten Sanktionen", n-tv's, Bild's): the kicker's is a kicker, "…: headline".
_TICKER_MARKS = re.compile(r"\+{3}\s*(?P<kicker>[^+\n]{1,80}?)\s*\+{3}\s*(?P<rest>[^+\n]*?)\s*(?:\+{3})?\s*")


def without_marks_ahead(title: str) -> str:
    """A headline without the pictographs ahead of it (_PICTOGRAPHS_AHEAD), a bridge's mark of a
    repost or reply (_REPOST_AHEAD), where words follow, and a ticker's marks (_TICKER_MARKS)."""
    if not title:
        return title
    if title.startswith("+++") and (marked := _TICKER_MARKS.fullmatch(title)) is not None:
        return f"{marked['kicker']}: {marked['rest']}" if marked["rest"] else marked["kicker"]
    if title.startswith("R"):
        return title[found.end():] if (found := _REPOST_AHEAD.match(title)) is not None else title
    if title[0].isalnum() or title[0] in "\"'«„“(":
        return title
    found = _PICTOGRAPHS_AHEAD.match(title)
    return title[found.end():] if found is not None and found.end() < len(title) else title


def without_page_number(title: str) -> str:
    """A title without the page number of a paginated story closing it (_PAGE_NUMBER)."""
    if not title or not title[-1:].isalnum() and not title.endswith(")"):
        return title
    found = _PAGE_NUMBER.search(title, max(0, len(title) - 40))
    return title[:found.start()].rstrip() if found is not None and found.start() > 0 else title


def without_shared_site_name(titles: list[str], channel: str | None, section: bool = False) -> list[str]:
    """A feed's item titles less the site's name that closes each of them after a separator
    ("Переговоры продолжатся - УНИАН", "Talks to continue | Example News"): the same closing part in
    every title, three titles or more, or two where it is the feed's name or opens it. A headline's
    own last words are not the same in every item; a topic feed's name ("Ukraine") may close one.
    Then the section every title names before the site's name, a word or two ("… | 政治 | 中央社 CNA")
    (`section`: the second pass, for that)."""
    if len(titles) < 2:
        return titles
    closing: str | None = None
    cuts = []
    for title in titles:
        # The item's date after the name may differ from item to item ("… - РИА Новости, 07.12.2021")
        dated = _DATE_AFTER_THE_NAME.search(title)
        undated = title[:dated.start()] if dated is not None else title
        last = _last_separator(undated)
        if last is None or not undated[:last.start()].strip():
            return titles
        part = undated[last.start():]
        if closing is None:
            closing = part
        elif part != closing:
            return titles
        cuts.append(last.start())
    assert closing is not None
    name = TITLE_SEPARATOR.sub("", closing, count=1).strip()
    if section:
        return [title[:cut] for title, cut in zip(titles, cuts)] if name and len(name.split()) <= 2 else titles
    if not name or (len(titles) < 3 and not (channel or "").casefold().startswith(name.casefold())):
        return titles
    return without_shared_site_name([title[:cut] for title, cut in zip(titles, cuts)], channel, section=True)


_DATE_AFTER_THE_NAME = re.compile(r",\s*\d{1,2}\.\d{1,2}\.\d{2,4}$")
