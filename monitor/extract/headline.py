"""An article page's headline: JSON-LD's, og:title, the <title> or the article's <h1>, whichever
the page shows whole and as its own, less the site's name and sections around it.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

import lxml.etree
import lxml.html

from monitor.clean.markup import one_line_text
from monitor.clean.teasers import CUT_MARK
from monitor.clean.titles import SEPARATOR_AT_END, TITLE_SEPARATOR, without_site_name
from monitor.clean.words import folded_words, without_top_level_domain
from monitor.extract.linked_data import first_given, ld_text
from monitor.extract.published import TITLE_PARTS
from monitor.extract.regions import outside_the_article
from monitor.scripts import CJK_CHARACTER, in_cjk_script, in_hangul

log = logging.getLogger(__name__)


def before_date(title: str, date: str) -> str:
    """A title less the date part date_in_title found in it and what follows it (the site's name), or
    the short part the date closes after a comma ("Headline - Site, 12.11.2021")."""
    for separator in TITLE_PARTS.finditer(title):
        if separator.start() > 0 and title.startswith(date, separator.end()):
            before = title[:separator.start()]
            if separator.group().strip() == "," and (joints := list(TITLE_SEPARATOR.finditer(before))):
                last = joints[-1]
                if (len(before[last.end():].split()) <= _SECTION_WORDS
                        and len(before[:last.start()].split()) > _SECTION_WORDS):
                    before = before[:last.start()]
            return before
    return title


def _the_pages_own(heading: str | None, titles: tuple[str | None, ...], shared: str | None) -> str | None:
    """The <h1>, where the <title> or twitter:title is it, or it with the site's name after a
    separator, and the og:title says something else (half its words or more not in the <h1>): the
    page's own headline, before a title written for sharing (NBC News's og:title "It's been a rough
    few months for Elon Musk's SpaceX" over its "What's the Hold-Up at SpaceX?"). An og:title that
    is the <h1> less a kicker ("Coronavirus: …") is the headline."""
    if not heading or not shared:
        return None
    heading = one_line_text(heading)
    if len(heading) < 10:
        return None
    words = folded_words(shared)
    if 2 * sum(1 for word in words if word in set(folded_words(heading))) >= len(words):
        return None
    for title in titles:
        whole = one_line_text(title)
        if _leads(whole, heading) or whole.endswith(heading) and SEPARATOR_AT_END.search(whole, 0, len(whole) - len(heading)):
            return heading
    return None


def _shown_over_the_title_tag(heading: str | None, title_tag: str | None, ld: dict[str, Any],
                              meta: dict[str, str]) -> str | None:
    """The <h1>, where the page declares no title but its <title> and the <title> is the same headline
    as the <h1> shows it, or written shorter for search engines (most of the <h1>'s words, four or
    more): NDTV's <title> in Title Case ("… Suspension Of Mps"), Newsquest's "Plans for 120 homes near
    Darlington village rejected | The Northern Echo" over "Plans for 120 homes on edge of Darlington
    village rejected by councillors"."""
    if not heading or not title_tag or ld.get("headline") or ld.get("name") or meta.get("og:title") \
            or meta.get("twitter:title"):
        return None
    heading = one_line_text(heading)
    words = folded_words(heading)
    if len(words) < _SHOWN_HEADLINE_WORDS:
        return None
    titles = set(folded_words(title_tag))
    return heading if 2 * sum(1 for word in words if word in titles) > len(words) else None


_SHOWN_HEADLINE_WORDS = 4


def _ld_headline(headline: str | None, name: str | None, shown: tuple[str | None, ...]) -> str | None:
    """JSON-LD's headline, but its name where the page's other titles or its address spell the name
    and none spells the headline: Wikipedia's JSON-LD gives the article's description as its
    headline ("psychological phenomenon in which repetition causes a word…") and its title as its
    name ("Semantic satiation", the <h1>, "Semantic satiation - Wikipedia", /wiki/Semantic_satiation)."""
    if not headline or not name or one_line_text(headline) == one_line_text(name):
        return headline
    if _spells(name, shown) and not _spells(headline, shown):
        return name
    return headline


def _spells(title: str, shown: tuple[str | None, ...]) -> bool:
    """Whether one of a page's titles is the title, or the title and more after a separator, or an
    address's last part has its words ("/wiki/Semantic_satiation")."""
    title = one_line_text(title)
    words = folded_words(title)
    for other in filter(None, shown):
        other = one_line_text(other)
        if _leads(other, title):
            return True
        if "/" in other and words and folded_words(other.rstrip("/").rsplit("/", 1)[-1].replace("_", " ")) == words:
            return True
    return False


def _leads(whole: str, title: str) -> bool:
    """Whether a page's title is `title`, or `title` with more after a separator ("Headline | Site")."""
    return whole == title or whole.startswith(title) and TITLE_SEPARATOR.match(whole, len(title)) is not None


def _untruncated(title: str | None, heading: str | None, *others: str | None) -> str | None:
    """The title, or the first of the page's other titles (its <h1>'s `heading` first) that goes on
    from where it stops: JSON-LD headlines are often cut at 110 characters (Google's old limit),
    mid-word or with "...", where the <h1>, og:title and <title> are whole. Not one that goes on
    with a separator: that is the title with the site's name ("Headline | Site", and after Chinese a
    dash with no spaces, "标题-中国,月球 ——快科技": mydrivers' <title> over its og:title); nor a title the
    <h1> shows as it is, which is whole whatever follows it in the <title> (AFPBB's "Headline　写真1枚
    　国際ニュース：AFPBB News", parts apart by ideographic spaces, as Japanese headlines' own words
    may be too)."""
    if not title:
        return title
    if heading and one_line_text(title) == one_line_text(heading):
        return title
    stem = CUT_MARK.sub("", one_line_text(title))
    for other in (heading, *others):
        whole = one_line_text(other)
        if len(whole) > len(stem) and whole.startswith(stem) and not TITLE_SEPARATOR.match(whole, len(stem)) \
                and not (in_cjk_script(stem[-1:]) and _DASH_BESIDE_A_HEADING.match(whole, len(stem))) \
                and not _COUNT_AFTER.fullmatch(whole, len(stem)):
            return whole
    return title


# A count in brackets after the headline, its comments' (Delfi's <h1>: "… regionui (27)"): no words of it.
_COUNT_AFTER = re.compile(r"\s*\(\d{1,6}\)")


def _with_shown_quotes(title: str | None, *others: str | None) -> str | None:
    """The title with the quotation marks the page shows, where another of its titles is the same
    but for them and none is the same with them: RIA Novosti's JSON-LD headline writes 'голубая
    Луна' where its og:title and <title> write "голубая Луна" (double quotes spared escaping in JSON)."""
    if not title:
        return title
    if not any(mark in title for mark in _QUOTE_MARKS):
        # Or dropped them all (20minutos' JSON-LD: 'de consecuencias masivas si', its <h1> 'de
        # "consecuencias masivas" si'): the shown title that is the same without its marks.
        bare = " ".join(title.split())
        return next((text for text in map(one_line_text, others) if text and any(mark in text for mark in _QUOTE_MARKS)
                     and " ".join(text.translate(_NO_QUOTES).split()) == bare), title)
    title = one_line_text(title)
    shown = [text for text in map(one_line_text, others) if text]
    if title in shown:
        return title
    folded = title.translate(_FOLDED_QUOTES)
    return next((text for text in shown if text.translate(_FOLDED_QUOTES) == folded), title)


_QUOTE_MARKS = "'\"«»„“”‘’‚‹›"
_FOLDED_QUOTES = str.maketrans({mark: "'" for mark in _QUOTE_MARKS})
_NO_QUOTES = str.maketrans("", "", _QUOTE_MARKS)


def article_h1(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article's <h1>: the first one not in the site's header or chrome (a logo in an <h1>) nor
    named for a picture's caption (Yahoo sets a slide show's captions each in an <h1>, after its
    headline's own <header>); else the first one."""
    headings = root.xpath("//h1")
    for heading in headings:
        if any(name in f"{heading.get('class', '')} {heading.get('id', '')}".lower() for name in _A_CAPTIONS_NAMES):
            continue
        if not outside_the_article(heading):
            return heading
    return headings[0] if headings else None


# The kicker over a headline in an element of the heading's own (German sites' Dachzeile: Bild's,
# tagesschau's "seitenkopf__topline", n-tv's "article__kicker"), shown on a line of its own: its text
# ran into the headline's ("Corona-GipfelDas ändert sich…"). Written as the sites' titles write it,
# "Kicker: Headline".
_KICKER_NAME = re.compile(r"kicker|overline|topline|dachzeile|spitzmarke|eyebrow|roofline|supertitle|superline"
                          r"|overhead",  # Focus's <span class="overhead">
                          re.IGNORECASE)


def _with_its_kicker_apart(heading: lxml.html.HtmlElement) -> str | None:
    children = [child for child in heading if isinstance(child.tag, str)]
    if len(children) < 2 or (heading.text or "").strip() or not _KICKER_NAME.search(children[0].get("class", "")):
        return None
    kicker = one_line_text(children[0].text_content()).rstrip(":")
    rest = one_line_text("".join([children[0].tail or "", *(child.text_content() + (child.tail or "")
                                                             for child in children[1:])])).lstrip(": ")
    return f"{kicker}: {rest}" if kicker and rest else None  # (Zeit's has its ":" in a hidden span between)


_HIDDEN = lxml.etree.XPath("descendant::*[@aria-hidden='true' or @hidden or contains(@style, 'display:none')"
                           " or contains(@style, 'display: none') or contains(concat(' ', @class, ' '), '-hidden ')"
                           " or contains(concat(' ', @class, ' '), ' hidden ')]")


def heading_text(heading: lxml.html.HtmlElement, title: str | None) -> str:
    """A heading's text, its kicker apart (_KICKER_NAME), without a link in it whose text is a part
    of the page's title after its headline: the site's name or section beside the headline (Ultima
    Hora's <h1><span>Headline</span><a href="/mallorca.html">Ultima Hora Mallorca</a></h1>, under
    "Headline » Local » Noticias » Ultima Hora Mallorca"), whose text ran on from the headline's."""
    if (kicked := _with_its_kicker_apart(heading)) is not None:
        return kicked
    if _HIDDEN(heading):  # no reader sees it: Tengrinews's date in a "tn-hidden" <span>
        heading = copy.deepcopy(heading)
        for element in _HIDDEN(heading):
            element.drop_tree()  # its tail stays
    text = heading.text_content()
    if not title or heading.find(".//a") is None:
        return text
    parts = {one_line_text(part) for part in TITLE_SEPARATOR.split(one_line_text(title))[1:]}
    if not parts or one_line_text(text) in parts:
        return text
    named = [link for link in heading.iter("a") if one_line_text(link.text_content()) in parts]
    if not named:
        return text
    heading = copy.deepcopy(heading)
    for link in [link for link in heading.iter("a") if one_line_text(link.text_content()) in parts]:
        link.drop_tree()  # its tail stays
    return heading.text_content()


_A_CAPTIONS_NAMES = ("slide", "caption", "gallery", "carousel")  # a picture's caption set as an <h1>


def title_text(root: lxml.html.HtmlElement) -> str | None:
    """The text of the page's <title>, or None."""
    titles = root.xpath("//title")
    return titles[0].text_content() if titles else None


def headline_of(title: str, root: lxml.html.HtmlElement, site: str, host: str | None = None) -> str:
    """The page's title less the site's name, wherever the title came from (<title>, og:title,
    even JSON-LD's headline): the site's name closing it after a separator (og:site_name, the
    publisher), the site's sections after " | " or " :: " (_without_sections), or whatever one of
    the page's <h1> leaves out of it (as_heading); and a separator that opens it, what is left of a
    blog's empty name (WordPress's "» Headline | Blog")."""
    if not title:
        return title
    unnamed = without_site_name(title, site)
    headline = _without_the_hosts_name(as_heading(_without_sections(unnamed), root), host)
    headline = _without_east_asian_sites_name(_without_a_domain_name(_SEPARATOR_AHEAD.sub("", headline) or headline),
                                              named=unnamed != title)
    headline = _without_a_news_label(headline)
    if headline != title and title.startswith(headline):
        headline = _without_a_section_name(headline)  # what stood between the headline and the site's name
    return headline


# The names of news sites' sections, as a <title> sets one between the headline and the site's name
# after a dash ("… - Politik - SZ.de", "… - Mundo - RTP Notícias", "… - Ultima Ora - ANSA"): where
# the site's name went from after it, such a closing part is the section's, not the headline's (a
# dash alone is no section's separator: "Байден — Путину", "… — Песков").
# A news label, which names no site nor section: "breaking news", Hürriyet's "Son Dakika Haberler", a
# Turkish paper's "… Gazetesi" (_without_a_news_label).
_NEWS_LABELS = frozenset(("breaking news", "latest news", "son dakika", "последние новости", "останні новини"))
_TURKISH_NEWS_LABEL = re.compile(r"(?:son dakika\s+)?(?:\w+\s+)?haberleri?|\w+\s+gazetesi")
_SECTION_NAMES = _NEWS_LABELS | frozenset((
    "news", "world", "world news", "politics", "europe", "business",
    "новости", "новини", "политика", "політика", "в мире", "у світі", "мир", "світ", "экономика", "економіка",
    "общество", "суспільство", "новости украины", "новини україни", "politik", "ausland", "nachrichten", "welt",
    "monde", "international", "internacional", "mundo", "esteri", "mondo", "ultima ora", "cronaca",
    "dünya", "gündem", "świat", "wiadomości", "kraj", "zprávy", "svět", "zahraničí",
))
_SECTION_AT_END = re.compile(r"\s+[-–—|]\s+([^-–—|]{2,30})$")


def _without_a_section_name(title: str) -> str:
    """The title less a section's name that closes it after a dash or a bar (_SECTION_NAMES, or the
    kicker's that opens it before a colon), where three words or more are left."""
    found = _SECTION_AT_END.search(title)
    if found is None or len(title[:found.start()].split()) < 3:
        return title
    section = found.group(1).strip().casefold()
    # (The kicker's: SZ's "München: Stadtrat beschließt … - München")
    if section not in _SECTION_NAMES and title.partition(": ")[0].strip().casefold() != section:
        return title
    return title[:found.start()]


def _without_a_news_label(title: str) -> str:
    """The title less a news label that a site closes every <title> with after a spaced dash or bar
    (_NEWS_LABELS: Hürriyet's "… - Son Dakika Haberler", "… - Dünya Haberleri", "… - Breaking News",
    "… - Sözcü Gazetesi"), where three words or more are left. No headline ends so."""
    found = _SECTION_AT_END.search(title)
    if found is None or len(title[:found.start()].split()) < 3:
        return title
    label = found.group(1).strip().casefold()
    return title[:found.start()] if label in _NEWS_LABELS or _TURKISH_NEWS_LABEL.fullmatch(label) else title


# A site's name written as its domain, closing a title after a separator: "… - rp.pl", "… - Politik -
# SZ.de" (the Süddeutsche's, on sueddeutsche.de), Corriere's "…- Corriere.it" with no space before its
# dash. One word with a dot before two to six letters, no headline's last word.
_DOMAIN_AT_END = re.compile(r"(?:\s+[-–—|·•»:/]|\s*[|_]|(?<=\S)[-–—])\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,6}$")


def _without_a_domain_name(title: str) -> str:
    """The title less a domain name closing it after a separator (_DOMAIN_AT_END), and the sections
    before that after a bar (_without_sections), where two words or more are left."""
    found = _DOMAIN_AT_END.search(title)
    if found is None or len(title[:found.start()].split()) < 2:
        return title
    return _without_sections(title[:found.start()])


# Chinese sites close a <title> with their name after an underscore or a dash, with no space around
# it ("…新闻发布会_中国载人航天官方网站", "…交通-新华网", "…调研工作_中山网"), where their pages set the
# headline in no <h1>. The part goes where it names a site, a newspaper or a channel (网, 网站, 官网,
# 日报, 频道…): a headline and a blog's name may hold underscores too ("新竹尖石_美樹營地賞楓 (2) @
# 史蒂文的家_藍天", a Taiwanese blog's). Japanese and Korean sites close theirs after a spaced dash,
# with a news site's word ("… - 産経ニュース", "… - 조선일보", "… - 뉴스1").
_CLOSING_PART = re.compile(r"(?:_+|[-－—]{1,2}|\s+[-–—]\s+)([^_\-－—]{1,24})$")
_SITES_WORD = re.compile(r"(?:网|網|网站|網站|官网|官網|频道|頻道|在线|[日晚时時早商]报|[日晚時早商]報|"
                         r"ニュース|新聞|通信|テレビ|オンライン|デジタル|일보|뉴스|신문|방송|통신|경제)\d?$")
# And the sections and the site's name after a bar, an underscore, a double dash, or a spaced colon
# or angle bracket, as East Asian sites close their <title>s: Yomiuri's "… : 国際 : ニュース :
# 読売新聞オンライン", the Hankyoreh's "… : 국제일반 : 국제 : 뉴스 : 한겨레", Korean news CMSs' "… < 국제 <
# 기사본문 - 뉴스1", Tencent's "…_新闻_腾讯网", People's Daily's "…--国际--人民网", "… | 毎日新聞". Parts
# of twelve characters at most; in a headline of Latin letters a spaced colon is French punctuation
# ("Ukraine : …"), and this is never read.
_EAST_ASIAN_SECTION = re.compile(r"(?:\s+[:<]\s+|\s*[|｜]\s*|_+|--|－－)([^:<|｜_\n]{1,12})$")
_HEADLINE_LEFT = 6  # characters at least


def _without_east_asian_sites_name(title: str, named: bool = False) -> str:
    """The title less the site's name and sections closing it, on a page in Chinese, Japanese or
    Korean (see _CLOSING_PART and _EAST_ASIAN_SECTION); `named`: the site's name went already, so
    a section before it may close the title after an underscore too."""
    if not (in_cjk_script(title) or in_hangul(title)):
        return title
    while True:
        found = _EAST_ASIAN_SECTION.search(title) or _CLOSING_PART.search(title)
        if found is None or len(title[:found.start()].strip()) < _HEADLINE_LEFT:
            return title
        if _SITES_WORD.search(found.group(1).strip()) is not None:
            named = True
        elif found.re is _CLOSING_PART or (found.group().startswith("_") and not named):
            return title  # a dash in a headline, an underscore in a blog's name ("…@ 史蒂文的家_藍天")
        title = title[:found.start()].rstrip()


def _without_the_hosts_name(title: str, host: str | None) -> str:
    """The title less the site's name its address gives, where no heading said it: from a separator
    whose next word is that name on ("Aldi Beef Maker Test - CHIP" on chip.de, "… - Tagesausblick.de -
    Ihr unabhängiges Analyseportal"), or up to the first separator where what is before it is the name
    ("Internet-Law » Headline" on internet-law.de). A word that only begins with the name
    ("Spiegel-Recherche") is not it; a headline of one word is left whole."""
    name = _hosts_name(host)
    if name is None:
        return title
    separators = list(TITLE_SEPARATOR.finditer(title))
    for separator in separators:
        words = title[separator.end():].split()
        if words and words[0].casefold() in _ARTICLES and len(words) > 1:
            words = words[1:]  # "… - DER SPIEGEL", "… | The Guardian", "… - Le Monde"
        if words and _squeezed(words[0]) == name and len(title[:separator.start()].split()) >= 2:
            return title[:separator.start()]
    if separators and _squeezed(title[:separators[0].start()]) == name \
            and len(title[separators[0].end():].split()) >= 2:
        return title[separators[0].end():]
    return title


_ARTICLES = frozenset(("the", "der", "die", "das", "le", "la", "les", "el", "los", "il", "lo", "de", "het", "o", "a"))


def is_the_hosts_name(name: str, host: str | None) -> bool:
    """Whether a name, an outlet's with its article ahead ("Le Figaro", "The Kyiv Independent"), is
    the one the site's address gives (_hosts_name: lefigaro.fr, kyivindependent.com). A person's
    name, no article ahead, is not, were it a personal site's address ("Jane Doe" on janedoe.com)."""
    words = name.split()
    return (len(words) >= 2 and words[0].casefold() in _ARTICLES and (hosted := _hosts_name(host)) is not None
            and _squeezed(name) == hosted)


def _hosts_name(host: str | None) -> str | None:
    """The name a site's address gives it: the longest label but the last, letters and digits only,
    of four or more ("tagesausblick" of tagesausblick.de, "internetlaw" of www.internet-law.de)."""
    if not host or "." not in host:
        return None
    name = _squeezed(max(host.split(".")[:-1], key=len))
    return name if len(name) >= 4 else None


def _squeezed(word: str) -> str:
    """A word or name as its address writes it: case-folded, without accents (clean.words.folded_words, as
    without_tagline reads a host: "Aktuálně.cz" is aktualne.cz), nor a closing top-level domain,
    letters and digits only."""
    return "".join(folded_words(without_top_level_domain(word.casefold())))


# Not a dash: a Russian or Ukrainian headline may open with one, as direct speech does ("— Мы готовы…").
_SEPARATOR_AHEAD = re.compile(r"^(?:[|»›·•]|::)\s+")


# "Headline | Новости Украины | LIGA.net", "Headline :: Новости :: ТСН.ua": a <title> that closes with
# the site's sections and name. Only these separators: a headline holds a dash or a colon often
# ("Байден — Путину: …"), a bar or a double colon hardly ever.
_SECTION_SEPARATOR = re.compile(r"\s+(?:\||::)\s+")
_SECTION_WORDS = 3


def _without_sections(title: str) -> str:
    """The title without the short parts (a section's or the site's name, three words at most)
    that close it after " | " or " :: ", or open it before " :: " ("Новости региона :: Headline", an
    old site's), while what is left has more words than that. Not before a bar: "Who won | the
    debate…" is a headline."""
    separators = list(_SECTION_SEPARATOR.finditer(title))
    end = len(title)
    while separators:
        last = separators.pop()
        if len(title[last.end():end].split()) > _SECTION_WORDS or len(title[:last.start()].split()) <= _SECTION_WORDS:
            break
        end = last.start()
    start = 0
    for ahead in _SECTION_SEPARATOR.finditer(title, 0, end):
        if ahead.group().strip() != "::" or len(title[start:ahead.start()].split()) > _SECTION_WORDS \
                or len(title[ahead.end():end].split()) <= _SECTION_WORDS:
            break
        start = ahead.end()
    return title[start:end]


def not_the_sites_name(headline: str, site: str, *others: str | None) -> str:
    """The headline, or, when it is only the site's name (an og:title or <title> that every page of
    some sites shares), the first of `others` (the <h1>, <title>) that says more, less the site's name."""
    if not site or headline.casefold() != site.casefold():
        return headline
    for other in others:
        found = without_site_name(one_line_text(other), site)
        if found and found.casefold() != site.casefold():
            return found
    return headline


def _weighted_length(text: str) -> int:
    """A text's length, a Chinese or Japanese character counted as three: about the letters of a
    word it stands for ("港特首梁振英就住宅违建事件道歉 - BBC中文网 - 两岸三地": the headline is
    the longer part)."""
    return len(text) if text.isascii() else len(text) + 2 * len(CJK_CHARACTER.findall(text))


_HEADINGS = lxml.etree.XPath("//h1 | //h2")


def as_heading(title: str, root: lxml.html.HtmlElement) -> str:
    """The title, less the site's name: when one of the page's <h1> (or <h2>, where a site sets its
    logo in the <h1>: 好奇心日报's "标题_智能_好奇心日报" over its <h2 class="title">) is the title but
    for a separator and a shorter rest ("Headline - Site", "Site | Headline"). The page's own
    heading says which side is the headline; a dash inside a headline, or a logo in an <h1>, leaves
    the rest longer than the heading, and the title whole."""
    for heading in _HEADINGS(root):
        headline = one_line_text(heading_text(heading, title))
        rest = len(title) - len(headline)
        if not headline or rest <= 0:
            continue
        # The site's name ahead and its section after: Asahi's "asahi.com（朝日新聞社）：Headline - 政治"
        if 0 < (at := title.find(headline)) < rest and (SEPARATOR_AT_END.search(title, 0, at)
                                                         or _COLON_BEFORE_A_HEADING.search(title, 0, at)) \
                and TITLE_SEPARATOR.match(title, at + len(headline)) \
                and _weighted_length(title[:at]) + _weighted_length(title[at + len(headline):]) < _weighted_length(headline):
            return headline
        other = title[:rest] if title.endswith(headline) else title[-rest:]
        if _weighted_length(other) >= _weighted_length(headline) and not _a_short_headlines_site(heading, headline, other):
            continue
        if title.startswith(headline) and (TITLE_SEPARATOR.match(title, len(headline))
                                           or _MARK_AFTER_A_HEADING.match(title, len(headline))):
            return headline
        if title.endswith(headline) and (SEPARATOR_AT_END.search(title, 0, rest)
                                         or _COLON_BEFORE_A_HEADING.search(title, 0, rest)):
            return headline
    return title


# A short headline may have a longer site's name beside it in the <title> (a blog's "Talks go on –
# Border Watch Blog"): taken where the heading is an <h1> outside the site's chrome, of three words
# or more, and the rest a name of four words at most (and its separator). A section's name in an
# <h1> ("Ukraine") is shorter, and a logo's <h1> is in the site's header.
_SHORT_HEADLINE_WORDS = 3
_SITES_NAME_WORDS = 4


def _a_short_headlines_site(heading: lxml.html.HtmlElement, headline: str, other: str) -> bool:
    return (heading.tag == "h1" and len(headline.split()) >= _SHORT_HEADLINE_WORDS
            and len(other.split()) <= _SITES_NAME_WORDS + 1 and not outside_the_article(heading))


# A dash with no spaces around it, where the page's heading ends: a separator (Xinhua's "标题-新华网"),
# as it is not within a headline's words ("Covid-19"), where no heading would end.
_DASH_BESIDE_A_HEADING = re.compile(r"[-–—]+\s*\S")
# So is a colon with no space before it, on either side of the heading: Lenta.ru's "Headline:
# Политика: Россия: Lenta.ru", Interfax's "Интерфакс: Headline" (a colon inside a headline is no
# separator where no heading ends beside it).
_MARK_AFTER_A_HEADING = re.compile(_DASH_BESIDE_A_HEADING.pattern + r"|:\s+\S")
_COLON_BEFORE_A_HEADING = re.compile(r"(?<=\S):\s+$")


def declared_title(ld: dict[str, Any], meta: dict[str, str], title_tag: str | None, first_heading: str | None,
                   url: str | None) -> str | None:
    """The article's title as the page declares it, most explicit first (JSON-LD's headline where
    the page shows it, its name, the page's own heading, og:title, twitter:title, the <title>),
    whole where another of them has more of it, with the quotation marks the page shows."""
    pages_own = _the_pages_own(first_heading, (title_tag, meta.get("twitter:title")), meta.get("og:title")) \
        or _shown_over_the_title_tag(first_heading, title_tag, ld, meta)
    shown_titles = (first_heading, meta.get("og:title"), meta.get("twitter:title"), title_tag, ld_text(ld.get("url")),
                    meta.get("og:url"), url)
    # (the heading last: a fragment of markup, a page saved as a file, may have nothing else)
    title = _untruncated(first_given(_ld_headline(ld_text(ld.get("headline")), ld_text(ld.get("name")), shown_titles),
                                    ld_text(ld.get("name")), pages_own, meta.get("og:title"),
                                    meta.get("twitter:title"), title_tag, first_heading),
                        first_heading, meta.get("og:title"), meta.get("twitter:title"), title_tag)
    if title and first_heading and _tells_another_story(title, first_heading) \
            and not _names_the_site(first_heading, title, title_tag, meta.get("og:site_name")):
        title = first_heading
    return _with_shown_quotes(title, meta.get("og:title"), first_heading, title_tag)


_HEADING_WORDS = 4  # a headline's, at least: not a logo's or a section's <h1> ("Gazeta.Ru", "Новости")
_NAMES_WORD_LETTERS = 4  # a site's name's words that tell it, at least ("Desk", "Echo"; not "The")


def _names_the_site(heading: str, title: str, title_tag: str | None, site_name: str | None) -> bool:
    """Whether a heading has a word of the site's name (its og:site_name, the parts of the title or
    the <title> beside their longest, the headline): the site's tagline in an <h1> ("Latest local
    news from the Desk Echo newsroom" under "Plans for 120 homes rejected | The Desk Echo")."""
    named = set(folded_words(site_name or ""))
    for written in (title, title_tag or ""):
        parts = TITLE_SEPARATOR.split(written)
        named.update(word for part in parts if part is not max(parts, key=len) for word in folded_words(part))
    return any(len(word) >= _NAMES_WORD_LETTERS and word in named for word in folded_words(heading))


def _tells_another_story(declared: str, shown: str) -> bool:
    """Whether a declared title shares fewer than half its words with the headline the page shows
    over its article, and that headline fewer than half of its own with it: a title written for
    search or sharing (Gazeta's JSON-LD "Белый дом раскрыл детали разговора…" over its <h1> "Байден
    выразил Путину озабоченность…"), or the page's generic one (a print version's "Интерфакс-Украина
    - Версия для печати"). The reader sees the <h1>."""
    shown_words, declared_words = set(folded_words(shown)), set(folded_words(max(TITLE_SEPARATOR.split(declared), key=len)))
    if len(shown_words) < _HEADING_WORDS or not declared_words:
        return False
    common = len(shown_words & declared_words)
    return 2 * common < len(shown_words) and 2 * common < len(declared_words)
