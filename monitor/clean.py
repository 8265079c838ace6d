"""Make text clean: HTML or plain text in, NFC text out, paragraphs kept as blank-line breaks.

Scripts, styles and other non-content elements are dropped, entities decoded, invisible characters
(soft hyphens, zero-width spaces, stray controls) removed, runs of spaces folded. lxml parses the
HTML because it is fast and forgiving; BeautifulSoup is the fallback for bytes lxml refuses.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from urllib.parse import unquote

import lxml.etree
import lxml.html

from monitor.scripts import SPACELESS_CHARACTER, in_spaceless_script
from monitor.urls import page_address

# Not <embed>/<object>: libxml2 nests the text after an unclosed <embed> inside it.
_DROP = {"script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "button", "select", "input", "textarea", "form", "head", "title", "meta", "link"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "blockquote",
          "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "thead", "tbody", "tfoot",
          "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr", "address", "details",
          "summary", "caption", "center", "body", "html"}
_CELL = {"td", "th"}

# Invisible or control characters that split words for a matcher but show nothing to a reader.
# Not the vertical tab and the form feed: they are spaces (_OTHER_SPACE), and Word's line break
# (Shift+Enter) is a vertical tab, which pasted into a CMS stood between two words ("Путин\vзаявил").
_INVISIBLE = dict.fromkeys(
    [0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E]
    + [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)] + list(range(0x7F, 0xA0)),
)
# str.translate with a dict costs a lookup per character; a character class skips clean text in C.
_INVISIBLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _INVISIBLE) + "]")
# Spaces fold into one " " in two passes: every other space character becomes " ", then runs of " "
# become one. A single pattern matching runs of any of them stops at every word's " " (most of
# clean_text's time, once); these two match only where there is something to change.
_OTHER_SPACE = re.compile(r"[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"  +")
_INVISIBLE_OR_OTHER_SPACE = re.compile(_INVISIBLE_RE.pattern[:-1] + _OTHER_SPACE.pattern[1:])
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_STRAY_CLOSERS = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(?:!doctype|html|head|body)[\s>]", re.IGNORECASE)
# A feed's signature: the closing paragraph a publishing platform adds to every item, linking to the
# item's own page and naming where it appeared: "The post <a href=ITEM>Title</a> appeared first on
# <a>Site</a>." (WordPress's Yoast SEO, in the site's language), "<a href=ITEM>Title</a> was
# originally published in <a>Publication</a> on Medium, where people are continuing the
# conversation…", Reddit's "submitted by /u/… to /r/… [link] [comments]". Kept, it puts the site's
# name in every item's text, where rules find it (a rule on "Kyiv" fires on every item of a "Kyiv
# Post"), and two sites' copies of one story differ by it. A story's own closing paragraph seldom
# links to the story itself; when it does, it is still kept if it says more than a signature does.
SIGNATURE_MAX_CHARS = 400  # the whole paragraph
SIGNATURE_OWN_CHARS = 200  # its text outside the links to the item (Medium's is the longest, ~170)
# Around the text of a link to the item, while the tree becomes text: Unicode noncharacters, which
# no text a site sends holds.
_OWN_LINK, _OWN_LINK_END = "\ufdd0", "\ufdd1"
_OWN_LINK_TEXT = re.compile(f"{_OWN_LINK}[^{_OWN_LINK_END}]*(?:{_OWN_LINK_END}|$)")
# A teaser's closing link to its item ("… Continue reading →", "[…] Read more »", "Читать далее"):
# after the end of a sentence, the text's last words, at most an arrow or an ellipsis after it. A
# link within a sentence ("…, the agency reported") does not follow a sentence's end, and stays.
_CLOSING_OWN_LINK = re.compile(
    rf"(?:(?<=[.!?…»\"”)])|(?<=…\])|(?<=\.\.\.\]))\s*{_OWN_LINK}[^{_OWN_LINK_END}]{{1,150}}{_OWN_LINK_END}[\s→»›>…]*\Z")
_LINKS_HOLDING = lxml.etree.XPath("descendant-or-self::a[contains(@href, $tail) or contains(@href, $decoded)]")
_LOOKS_LIKE_HTML = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--|!\[CDATA\[)|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def without_surrogates(text: str) -> str:
    """Surrogate pairs joined into their character, a lone surrogate (no character: nothing can
    encode it) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # fails on a surrogate, and on nothing else; in C, unlike a regex scan
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def clean_text(text: str) -> str:
    """Plain text → NFC, no invisible characters, one space between words, paragraphs by blank lines."""
    text = without_surrogates(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text.replace("\u2028", "\n").replace("\x85", "\n"))
    # Spaces are folded over the whole text at once: no run of them spans a line break. Invisible
    # characters and other spaces are dealt with from the first of either on: one scan finds it
    # (or that there is none, as in most text), where the two passes each scanned all of it.
    odd = _INVISIBLE_OR_OTHER_SPACE.search(text)
    if odd is not None:
        start = odd.start()
        text = text[:start] + _OTHER_SPACE.sub(" ", _INVISIBLE_RE.sub("", text[start:]))
    text = _SPACE_RUN.sub(" ", text)
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text):
        if "\n" in block:
            joined = " ".join(line for line in (line.strip() for line in block.split("\n")) if line)
        else:
            joined = block.strip()
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def looks_like_html(text: str) -> bool:
    """Whether text carries markup or entities (feeds often do without saying so)."""
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(markup: str, page: str | None = None) -> str:
    """HTML (a fragment or a page, already decoded) → clean text with block elements as paragraphs.

    `page`: the address of the item the HTML is the text of (a feed entry's link). A closing
    paragraph that links to it and says little else, a feed's signature, is left out. Markup
    escaped twice (its text is markup again) is read once more."""
    text = _html_text(markup, page)
    if _ESCAPED_MARKUP.match(text) and "</" in text:
        return _html_text(text, page) or text
    return text


# Markup escaped once too often (a CMS escaping its HTML, then the feed escaping it again, or
# "&lt;p&gt;" inside CDATA): once read, the text starts with an HTML tag (a comment may come
# first: Reddit's "<!-- SC_OFF -->") and holds a closing tag.
# A text that shows a tag ("<br />" in a <code>) has no closing one, or does not start with it.
_ESCAPED_MARKUP = re.compile(r"\s*(?:<!--[^<>]{0,200}-->\s*)?<(?:p|div|br|span|img|a|b|strong|em|i|ul|ol|li|h[1-6]|"
                             r"figure|table|blockquote|section|article)\b[^<>]*>", re.IGNORECASE)


def _html_text(markup: str, page: str | None) -> str:
    if not markup or not markup.strip():
        return ""
    if not looks_like_html(markup):
        return clean_text(markup)
    try:
        root = _text_tree(markup)
    except (lxml.etree.LxmlError, ValueError):
        return _html_to_text_bs4(markup)
    if page is None or not _mark_links_to(root, markup, page):
        return element_text(root)
    return _without_signature(element_text(root))


def _alternatives(words: Iterable[str]) -> str:
    """A case-blind regular expression's alternation of `words`, grouped by their first letter: re
    tries an alternation's branches one after another, so at a paragraph's start the letter picks
    its group and only that group's words are tried (3.6 against 8.4 µs a text for the site's
    lines, bench_peer's texts). Longer words first within a group, as in a plain alternation."""
    groups: dict[str, set[str]] = {}
    for word in words:
        groups.setdefault(word[0].casefold(), set()).add(word[1:].casefold())
    return "|".join(re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in sorted(rests, key=len, reverse=True)) + ")"
                    for first, rests in sorted(groups.items()))


# "Read also: <another story's headline>", set between an article's paragraphs by the site: a
# teaser of another story, whose words rules would take for this one's (a "Zelenskyy" rule firing
# on a story that only links to one about him). In the product's languages; the label opens the
# paragraph and a separator follows it, or the label is the whole paragraph.
_READ_ALSO_LABELS = (
    "read also", "also read", "read more", "see also", "related", "related coverage", "more on this",
    "recommended", "read next", "you may also like", "watch", "more", "in video",
    "читайте также", "читать также", "смотрите также", "см. также", "по теме", "подробнее",
    "читайте також", "читати також", "дивіться також", "також читайте", "по темі", "детальніше",
    "lesen sie auch", "mehr zum thema", "lire aussi", "à lire aussi", "voir aussi", "czytaj także",
    "czytaj też", "zobacz też", "zobacz także", "leia também", "veja também", "leia mais",
    "lee también", "leer más", "leggi anche", "mehr artikel aus dieser rubrik",
    # Headings over a list of other stories.
    "related news", "related stories", "related articles", "more stories", "more news", "most read",
    "новости по теме", "похожие новости", "другие новости", "новини по темі", "схожі новини", "інші новини",
    "материалы по теме", "читайте по теме", "новости партнеров", "ранее мы писали",
    "матеріали за темою", "новини за темою", "читайте за темою", "за темою", "новини партнерів", "раніше ми писали",
    "more on this story", "other opinion columns", "more opinion", "most popular", "top stories", "editor's picks",
    "популярное", "самое читаемое", "найпопулярніше", "найчитаніше",
    # Chinese and Japanese sites' ("related reading", "read this too", "related articles").
    "相关阅读", "延伸阅读", "推荐阅读", "相关新闻", "相关报道", "あわせて読みたい", "合わせて読みたい", "関連記事", "関連ニュース",
)
_READ_ALSO_ALTERNATIVES = _alternatives(_READ_ALSO_LABELS)
# "Читайте также на РБК: …", "Read more on Reuters: …", "Read more from Jennifer Rubin:": where or
# whose, a few words, between the label and its separator; German sites' "Mehr Artikel aus dieser
# Rubrik gibt's hier: Wirtschaft".
_READ_ALSO_WHERE = r"(?:\s+(?:на|в|у|от|від|on|at|from)\s+[^\n:»>→|]{1,40}?|\s+gibt(?:'|’| e)s hier)?"
# In brackets too, as TIME sets them: "(MORE: 13 Best Tweets About the Earthquake)".
_READ_ALSO = re.compile(rf"[(\[]?(?:{_READ_ALSO_ALTERNATIVES}){_READ_ALSO_WHERE}(?:\s*[:：\-–—»>→|]|\s*$)", re.IGNORECASE)
# Whether a paragraph but the first opens with a label, in one search from one "\n\n" to the next
# (most texts have no teaser; splitting every text into paragraphs cost 8 µs an article). The
# lookahead on the labels' first letters spares most paragraphs the labels' many alternatives.
_READ_ALSO_INITIALS = "".join(sorted({letter for label in _READ_ALSO_LABELS
                                      for letter in (label[0], label[0].upper())}))
_READ_ALSO_AFTER_BREAK = re.compile(rf"\n\n[(\[]?(?=[{re.escape(_READ_ALSO_INITIALS)}])(?:{_READ_ALSO_ALTERNATIVES})",
                                    re.IGNORECASE)
READ_ALSO_MAX_CHARS = 250  # a label and a headline or two; a longer paragraph is the article's own
# A label that is its whole paragraph heads a list of other stories' headlines (<h3>Читайте також</h3>
# <ul><li><a>…</a></li>…</ul>), which are paragraphs of their own once the markup is gone. A headline
# is short and ends without a full stop, as an article's own paragraph seldom does.
_READ_ALSO_ALONE = re.compile(rf"(?:{_READ_ALSO_ALTERNATIVES}){_READ_ALSO_WHERE}\s*[:：\-–—»>→|]?\s*", re.IGNORECASE)
_HEADLINE_MAX_CHARS = 160
_HEADLINES_LISTED = 8  # at most, after one label
_SENTENCE_END = frozenset(".!?…;")
_CLOSING_MARKS = "\"'»”’)]* "


def without_read_also(text: str) -> str:
    """`text` without its "Read also: …" paragraphs (see _READ_ALSO_LABELS), and without the
    headlines listed under a label that stands alone, if something is left."""
    if "\n\n" not in text or not (_READ_ALSO.match(text) or _READ_ALSO_AFTER_BREAK.search(text)):
        return text
    paragraphs = text.split("\n\n")
    kept: list[str] = []
    listed = 0  # headlines still to look for under the last label alone
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        index += 1
        if listed and len(paragraph) <= _HEADLINE_MAX_CHARS and _is_headline(paragraph):
            listed -= 1
            continue
        listed = 0
        if len(paragraph) > READ_ALSO_MAX_CHARS or not _READ_ALSO.match(paragraph):
            kept.append(paragraph)
        elif _READ_ALSO_ALONE.fullmatch(paragraph):
            listed = _HEADLINES_LISTED
            pairs = _teasers_listed(paragraphs, index)
            after = paragraphs[index + 2 * pairs:]
            # Twice or more, and closing the text (but for headlines): the box under an article.
            if pairs >= _TEASERS_SEEN and all(len(rest) <= _HEADLINE_MAX_CHARS and _is_headline(rest) for rest in after):
                index += 2 * pairs
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


_TEASERS_SEEN = 2  # a headline and a sentence once may be the article going on; twice, to its end, a list


def _teasers_listed(paragraphs: list[str], start: int) -> int:
    """How many other stories a list from `start` gives as a headline and its lead (a short
    paragraph that ends a sentence): "Other Opinion Columns", then "Fraser's lasting legacy",
    "MALCOLM Fraser — an effective prime minister…", and so on."""
    pairs = 0
    while pairs < _HEADLINES_LISTED and start + 2 * pairs + 1 < len(paragraphs):
        headline, lead = paragraphs[start + 2 * pairs], paragraphs[start + 2 * pairs + 1]
        if not (len(headline) <= _HEADLINE_MAX_CHARS and _is_headline(headline)
                and len(lead) <= READ_ALSO_MAX_CHARS and not _is_headline(lead)):
            break
        pairs += 1
    return pairs


def _is_headline(paragraph: str) -> bool:
    last = paragraph.rstrip(_CLOSING_MARKS)[-1:]
    return bool(last) and last not in _SENTENCE_END


# How a teaser says it was cut: "… [&#8230;]" (WordPress's excerpt), "…", "...", "(...)".
CUT_MARK = re.compile(r"\s*(?:\[\s*(?:…|\.{3})\s*\]|\(\s*(?:…|\.{3})\s*\)|…|\.{3})$")


def has_words(text: str, count: int) -> bool:
    """Whether a text has at least `count` words, in any script: a Chinese or Japanese text's
    characters (monitor.scripts), counted two to a word (about what a word of either takes), stand
    in for the words str.split() does not see."""
    spaced = len(text.split())
    return spaced >= count or spaced + len(SPACELESS_CHARACTER.findall(text)) // 2 >= count


def spaced(text: str) -> str:
    """A text with each Chinese or Japanese character a word of its own (monitor.scripts): what
    stands for words where there are no spaces to find them by (story signatures shingle
    characters there, as near-duplicate detection for those languages does). Other text as it is."""
    if text.isascii() or not in_spaceless_script(text):
        return text
    return SPACELESS_CHARACTER.sub(r" \g<0> ", text)


def looks_cut(text: str) -> bool:
    """Whether a text ends cut off: with a mark of the cut (CUT_MARK), or in the middle of a sentence."""
    return bool(CUT_MARK.search(text)) or _is_headline(text)


# A site's call to follow it, set under (or between) an article's paragraphs: "Подписывайтесь на наш
# Telegram-канал", "Follow us on Twitter", "Підпишіться на нашу розсилку". Such a paragraph opens
# with the call, names a channel, and is short; the one half without the other is a story's own
# ("Subscribe to the ministry's briefings," the statement said; "канал" in a report on a canal).
_PROMOTION_OPENERS = (
    "follow us", "subscribe to", "sign up for", "sign up to", "join us on", "join our", "like us on", "find us on",
    "подписывайтесь", "подпишитесь", "следите за нами", "читайте нас", "смотрите нас", "присоединяйтесь",
    "больше новостей", "все новости", "самые важные новости", "следите за новостями", "читайте все новости",
    "срочные новости читайте",
    "підписуйтесь", "підписуйтеся", "підпишіться", "стежте за нами", "слідкуйте за нами", "читайте нас",
    "дивіться нас", "приєднуйтесь", "приєднуйтеся", "більше новин", "всі новини", "усі новини",
    # Suspilne's regional desks, each its own: "Слідкуйте за новинами Суспільного Хмельницький у
    # Telegram…", "Читайте всі новини Донбасу в Telegram…", "Термінові новини читайте в Telegram та Viber…"
    "слідкуйте за новинами", "стежте за новинами", "читайте всі новини", "читайте усі новини", "читайте суспільне",
    "долучайтесь", "долучайтеся", "термінові новини читайте", "поділіться своєю історією",
    # Addressed to one reader, and opened by the question that leads to the call ("Хочешь знать
    # больше? Подпишись на наш YouTube-канал!").
    "подпишись", "подписывайся", "присоединяйся", "следи за нами", "читай нас", "хочешь знать больше",
    "хотите знать больше", "підпишись", "підписуйся", "приєднуйся", "стеж за нами", "слідкуй за нами",
    "хочеш знати більше", "хочете знати більше", "want to know more",
    "folgen sie uns", "abonnieren sie", "suivez-nous", "abonnez-vous", "obserwuj nas", "subskrybuj",
    "dołącz do nas", "siga-nos", "inscreva-se", "síguenos", "suscríbete", "seguici", "iscriviti",
)
_PROMOTION_CHANNELS = re.compile(
    r"telegram|телеграм|viber|вайбер|facebook|фейсбук|twitter|твит|твіт|\bx\b|instagram|инстаграм|інстаграм"
    r"|youtube|ютуб|вконтакте|\bvk\b|дзен|dzen|tiktok|whatsapp|newsletter|рассылк|розсилк|канал|channel"
    r"|google news|podcast|подкаст|соцсет|соцмереж|социальных сет|соціальних мереж|social media|mastodon|bluesky"
    r"|threads", re.IGNORECASE)
# An advertisement's label, as a paragraph of its own where the ad was: the whole paragraph, in any case.
_AD_LABELS = frozenset((
    "advertisement", "advertising", "sponsored", "sponsored content", "story continues below advertisement",
    "article continues below advertisement", "continue reading below", "scroll to continue with content",
    "continue reading the main story", "story continues below", "article continues below",
    "реклама", "anzeige", "werbung", "publicité", "reklama", "publicidade", "publicidad", "pubblicità",
))
# A rights notice, as a paragraph of its own: "無断転載禁止" (Yomiuri's, under every headline), "All
# rights reserved", "Все права защищены".
_RIGHTS_NOTICES = frozenset((
    "all rights reserved", "все права защищены", "всі права захищені", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "無断転載禁止", "無断転載を禁じます", "版权所有",
    "未经授权，不得转载", "未经授权不得转载",
))
# A note that the story is still being written, as a paragraph of its own: "Новина оновлюється…",
# Suspilne's under a breaking story.
_DEVELOPING_NOTICES = frozenset((
    "this story is developing", "this is a developing story", "this story will be updated", "developing story",
    "новость дополняется", "новость обновляется", "материал дополняется", "информация уточняется",
    "новина оновлюється", "новина доповнюється", "матеріал доповнюється", "інформація уточнюється",
))
_SITE_LABELS = _AD_LABELS | _RIGHTS_NOTICES | _DEVELOPING_NOTICES
# A paywall's prompt under a page's teaser: no channel named, and no story's paragraph opens so.
_PAYWALL_OPENERS = (
    "subscribe to continue", "subscribe to read", "to continue reading", "already a subscriber",
    "this article is for subscribers",
    "この記事は会員限定です", "この記事は有料会員限定です", "本記事は会員限定です",  # Japanese: "this article is for members"
    "продолжение доступно", "чтобы продолжить чтение", "чтобы читать дальше", "материал доступен только",
    "щоб читати далі", "щоб продовжити читання", "матеріал доступний лише",
)
_PAYWALL = re.compile("|".join(re.escape(o) for o in sorted(_PAYWALL_OPENERS, key=len, reverse=True)), re.IGNORECASE)
# A photo's credit as a paragraph of its own, where the picture was: "Фото: Сергей Пивоваров / РИА
# Новости", "Фото — УНІАН", "(Photo by Jane Doe/Getty Images)", "Photo: Reuters", "© AP Photo". It
# names an agency or a photographer, nothing the story says: kept, a rule on "ТАСС" fires on every
# story with a TASS photo, and two outlets' copies of one story differ by it. A label, then a
# separator (or "by"), in a short paragraph; "Photos of the convoy show…" has no separator.
_CREDIT_LABELS = (
    "photo", "photos", "photograph", "photo credit", "image", "image credit", "image source", "picture",
    "credit", "illustration", "screenshot", "cover photo", "main photo",
    "фото", "фотография", "фото на обложке", "фото обложки", "главное фото", "источник фото", "иллюстрация",
    "скриншот", "коллаж", "кадр из видео", "фото анонса",
    "фотографія", "фото на обкладинці", "головне фото", "джерело фото", "ілюстрація", "колаж", "кадр з відео",
    "foto", "bild", "bildquelle", "crédit photo", "crédits photo", "fot.", "zdjęcie", "imagen",
    # Chinese sites' closing and opening lines: the editor in charge, the story's source, its
    # headline where it first ran, its producer ("责任编辑：王明", "来源：新华网", "原标题：…", "出品︱…").
    "责任编辑", "编辑", "来源", "原标题", "出品", "图片来源", "图", "摄影",
)
# Or the whole paragraph says the photo only illustrates.
_ILLUSTRATIVE = frozenset((
    "illustrative photo", "illustrative image", "photo for illustration", "иллюстративное фото",
    "фото иллюстративное", "ілюстративне фото", "фото ілюстративне", "фото для ілюстрації",
))
CREDIT_MAX_CHARS = 150
_CREDIT = re.compile(
    r"[(\[（【]?\s*(?:©|(?:" + _alternatives(_CREDIT_LABELS) + r")(?:(?<=\.)\s|\s*[:|/©—–：︱丨｜-]|\s+(?:by|courtesy|via)\b))",
    re.IGNORECASE)
# The article's tags and the share buttons' label, left in the text: "Теги: Украина, НАТО, Крым",
# "Tags: Ukraine, Russia", "Share this:". The tags are the site's index words, and rules fired on them
# on a story that does not say them. The label, then a separator or nothing more.
_TAG_LABELS = (
    "tags", "tagged", "tagged with", "topics", "share", "share this", "share this article", "share on",
    "теги", "метки", "темы", "поделиться", "теґи", "мітки", "теги статті", "поділитися",
    "schlagwörter", "schlagworte", "étiquettes", "mots-clés", "etiquetas", "tagi", "tematy", "теми",
    "分享到", "分享", "标签", "關鍵詞", "关键词",  # Chinese: "share to", "share", "tags", "keywords"
)
_TAGS = re.compile(r"[^\w\n]{0,4}(?:" + _alternatives(_TAG_LABELS) + r")\s*(?:[:|—–\-：]|$)", re.IGNORECASE)
# A link to the story in the site's other language, as a paragraph of its own: the Times of India's
# "Read this story in Bengali", "Читати українською", "Читать на русском языке", "Read in English".
_EDITION_OPENERS = ("read this story in", "read this article in", "read in", "читать на", "читайте на",
                    "читать эту статью на", "читати", "читайте цей матеріал", "читати цей матеріал")
_OTHER_EDITION = re.compile(
    r"[^\w\n]{0,4}(?:" + _alternatives(_EDITION_OPENERS) + r")\s+(?:"
    r"english|russian|ukrainian|belarusian|polish|german|french|spanish|portuguese|arabic|chinese|bengali|hindi"
    r"|(?:русском|украинском|английском|белорусском)(?:\s+языке)?"
    r"|(?:російською|українською|англійською|білоруською)(?:\s+мовою)?)\s*[.!»>→]*", re.IGNORECASE)
_PROMOTION_ALTERNATIVES = _alternatives(_PROMOTION_OPENERS)
_LINE_OPENERS = (set(_PROMOTION_OPENERS) | _SITE_LABELS | set(_PAYWALL_OPENERS) | set(_CREDIT_LABELS) | _ILLUSTRATIVE
                 | set(_TAG_LABELS) | set(_EDITION_OPENERS) | {"follow"})
_LINE_ALTERNATIVES = _alternatives(_LINE_OPENERS)
# A call to follow a named page on a channel is one too: "Follow Newsbeat on Instagram, Facebook,
# Twitter and YouTube" (the BBC's), "Follow the Kyiv Independent on Telegram". The name's words
# capitalised, then "on": "Follow-up talks were announced on Telegram" is a story's.
_FOLLOW_NAMED = (r"follow\s+(?:the\s+)?(?-i:[A-ZА-ЯІЇЄҐ][\w'’.&-]*)(?:\s+(?-i:[A-ZА-ЯІЇЄҐ][\w'’.&-]*)){0,3}"
                 r"\s+on")
# An emoji or an arrow may stand ahead of the call ("👉 Подписывайтесь…").
_PROMOTION = re.compile(rf"[^\w\n]{{0,4}}(?:{_PROMOTION_ALTERNATIVES}|{_FOLLOW_NAMED})\b", re.IGNORECASE)
# Whether a text may hold a call or a label at all: at its start, or after a paragraph break.
_LINE_AT_START = re.compile(rf"[^\w\n]{{0,4}}(?:©|(?:{_LINE_ALTERNATIVES})(?:\b|(?<=\.)))", re.IGNORECASE)
# As _READ_ALSO_AFTER_BREAK: a lookahead on the calls' first letters spares most paragraphs the rest.
_PROMOTION_INITIALS = re.escape("".join(sorted({letter for opener in _LINE_OPENERS
                                                 for letter in (opener[0], opener[0].upper())})))
_PROMOTION_AFTER_BREAK = re.compile(
    rf"\n\n(?:[^\w\n]{{1,4}})?(?:©|(?=[{_PROMOTION_INITIALS}])(?:{_LINE_ALTERNATIVES})(?:\b|(?<=\.)))", re.IGNORECASE)
# "Якщо ви помітили помилку, виділіть її та натисніть Ctrl+Enter": a site's, in any language.
_CTRL_ENTER = re.compile(r"ctrl\s*\+\s*enter", re.IGNORECASE)
PROMOTION_MAX_CHARS = 300


def without_promotion(text: str) -> str:
    """`text` without the site's calls to follow it (_PROMOTION_OPENERS with a channel named), its
    "found a mistake? Ctrl+Enter" line, its advertisements' labels (_AD_LABELS) and rights notices
    (_RIGHTS_NOTICES), its paywall's prompt (_PAYWALL_OPENERS), its tags and share buttons' label
    (_TAG_LABELS), paragraphs of at most PROMOTION_MAX_CHARS, and its photos' credits
    (_CREDIT_LABELS, at most CREDIT_MAX_CHARS), if something is left."""
    # A "+" first: the case-blind search for "Ctrl+Enter" took 19 µs an article, a look for one
    # character 0.1 (for "trl" and "TRL", 6).
    if "\n\n" not in text or not (_LINE_AT_START.match(text) or _PROMOTION_AFTER_BREAK.search(text)
                                  or ("+" in text and _CTRL_ENTER.search(text))
                                  or (("[" in text) and (text.startswith("[") or "\n\n[" in text))
                                  or ("://" in text and _SOCIAL_ADDRESS.search(text))):
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if len(p) > PROMOTION_MAX_CHARS or not _is_promotion(p)]
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


# An editor's or agency's sign closing a German story, a paragraph of its own or after the last
# sentence: "(grh)", "(dpa)", "(dpa/jtr)", "(red)": initials in lower case, no word of the story.
_EDITORS_SIGN = re.compile(r"\((?:[a-zäöüß]{2,5})(?:\s*/\s*[a-zäöüß]{2,5})*\)")
_SIGN_AFTER_SENTENCE = re.compile(rf"(?<=[.!?…»“\"])[ \t]+{_EDITORS_SIGN.pattern}$")


def without_editors_sign(text: str) -> str:
    """`text` without the editor's sign that closes it (_EDITORS_SIGN): as a paragraph of its own,
    or after the last sentence's closing mark ("… erhältlich). (grh)", heise's)."""
    if not text.endswith(")"):
        return text
    head, joint, last = text.rpartition("\n\n")
    if joint and head and _EDITORS_SIGN.fullmatch(last):
        return head
    found = _SIGN_AFTER_SENTENCE.search(text, max(0, len(text) - 40))
    return text[:found.start()] if found is not None else text


# A picture's caption set among the paragraphs, closed by the agency's photo credit in brackets, as
# the wires write it: "… at George Mason University in Fairfax, Va., Tuesday, Nov. 7, 2017. (AP
# Photo/Cliff Owen)", "(REUTERS/Kevin Lamarque)", "(… Press Service photo via AP)", "(Photo by …/Getty
# Images)". It tells of the picture, not the story, and two outlets' copies of one story differ by it.
# Not an agency's sign alone, "(AP)" or "(Reuters)", which may close the story's last paragraph, nor
# a poll's name ("(Reuters/Ipsos)", "(AP-NORC)"): Reuters' photographs are credited in capitals.
_CLOSING_PHOTO_CREDIT = re.compile(
    r"\((?:(?:AP|AFP|AAP|EPA|PA|UPI|Xinhua|Reuters|REUTERS) (?:Photo|PHOTO)(?:\s*/[^()\n]{1,80})?"
    r"|(?:REUTERS|EPA-EFE)/[^()\n]{1,80}|[^()\n]{1,80}(?:/| via )Getty Images"
    r"|[^()\n]{1,120}\b[Pp]hoto\s+(?:via|by|for)\s+[^()\n]{1,60}|Photo by\s[^()\n]{1,80})\)$")
CAPTION_MAX_CHARS = 700


def without_photo_captions(text: str) -> str:
    """`text` without the paragraphs of at most CAPTION_MAX_CHARS that a photo's credit closes
    (_CLOSING_PHOTO_CREDIT), if something is left."""
    if ")\n\n" not in text and not text.endswith(")"):
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs
            if not (p.endswith(")") and len(p) <= CAPTION_MAX_CHARS and _CLOSING_PHOTO_CREDIT.search(p))]
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


# A paragraph that is a line drawn across the text: AP's "___" before its notes and credits, "* * *"
# between a story's parts, a row of dashes under a post. It has no word to read.
_DIVIDER_MARKS = "-_*=~•#+"
_DIVIDER_AFTER_BREAK = re.compile(r"\n\n[-_*=~•#+]")  # a literal first: found as fast as str.find


def _is_divider(paragraph: str) -> bool:
    """Two marks or more (_DIVIDER_MARKS), with spaces or middle dots between them, and nothing else.
    Not a regular expression: one with a mark between two runs of marks and spaces backtracked for
    seconds over a hostile paragraph of "- - - … x"."""
    return not paragraph.strip(_DIVIDER_MARKS + " ·") and len(paragraph.replace(" ", "").replace("·", "")) >= 2


def without_dividers(text: str) -> str:
    """`text` without the paragraphs that are dividers (_is_divider), if something is left."""
    if "\n\n" not in text or (text[0] not in _DIVIDER_MARKS and _DIVIDER_AFTER_BREAK.search(text) is None):
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if not _is_divider(p)]
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


# A site's insert in square brackets, a paragraph of its own, that points to a newsletter or a
# channel ("[What you need to know to start the day: Get New York Today in your inbox.]", "[Like the
# Science Times page on Facebook.]"). An editor's note in brackets names none and stays.
# (Not "X" for the channel: "[SHData] Meter=String x=900 …", a forum post's code, closes so.)
_BRACKETED_CALL = re.compile(r"inbox|sign up|newsletter|subscribe|podcast|telegram|телеграм|facebook|фейсбук|twitter|"
                             r"instagram|инстаграм|інстаграм|youtube|tiktok|whatsapp|viber|рассылк|розсилк|подпи|підпи",
                             re.IGNORECASE)


# A site's link to its page on a network, or to its donations, as a paragraph of its own: a label
# of a few words and the address ("เฟซบุ๊ก https://fb.me/prachatai", "Telegram: https://t.me/…",
# "PayPal: https://paypal.me/…"). A story's sentence that gives such an address has more words.
_SOCIAL_ADDRESS = re.compile(r"https?://(?:www\.|m\.)?(?:facebook\.com|fb\.me|fb\.com|twitter\.com|x\.com|t\.me|"
                             r"telegram\.me|instagram\.com|youtube\.com|youtu\.be|tiktok\.com|vk\.com|ok\.ru|line\.me|"
                             r"paypal\.me|patreon\.com|linkedin\.com|threads\.net|bsky\.app|whatsapp\.com|wa\.me)"
                             # a page or profile, not one post or video ("…/status/…", "watch?v=…": a story's link)
                             r"/(?:(?:c|channel|user|company|in)/)?[^/\s?#]+/?(?=[\s)\]]|$)")
_SOCIAL_LINK_WORDS = 4
_SOCIAL_LINK_CHARS = 40


def _is_social_link(paragraph: str) -> bool:
    found = _SOCIAL_ADDRESS.search(paragraph)
    if found is None:
        return False
    rest = paragraph[:found.start()] + " " + paragraph[found.end():]
    # Characters counted too: Thai, Chinese and Japanese write a sentence as one "word" (and a
    # Chinese or Japanese character says about what two Latin letters do).
    rest = rest.strip()
    return (len(rest.split()) <= _SOCIAL_LINK_WORDS
            and len(rest) + len(SPACELESS_CHARACTER.findall(rest)) <= _SOCIAL_LINK_CHARS
            and _SOCIAL_ADDRESS.search(rest) is None)


# A call to pay for the journalism, closing an article of an independent outlet ("Diese Recherche
# wurde mit der Unterstützung von Bürgerinnen und Bürgern realisiert. Jetzt unterstützen!",
# "Підтримайте нас"): the site's, under every story. Taken only as the text's last paragraphs: one
# of at most PROMOTION_MAX_CHARS that opens with the call, or one of at most _APPEAL_MAX_CHARS that
# closes with it ("'Support us,' the mayor told residents" stays: the call is quoted and does not
# close the paragraph).
_DONATION_CALLS = (
    "support us", "support our journalism", "support independent journalism", "donate now", "make a donation",
    "please donate", "become a patron", "jetzt unterstützen", "unterstützen sie uns", "jetzt spenden",
    "поддержите нас", "поддержать нас", "поддержите редакцию", "поддержать редакцию", "поддержать проект",
    "підтримайте нас", "підтримати нас", "підтримайте редакцію", "підтримати редакцію", "підтримати проєкт",
    "soutenez-nous", "faites un don", "apóyanos", "haz una donación", "wesprzyj nas", "faça uma doação",
)
_DONATION_ALTERNATIVES = _alternatives(_DONATION_CALLS)
_APPEAL_MAX_CHARS = 800  # a paragraph that closes with the call: the outlet's appeal, told at some length
_CALL_AND_MARKS = max(map(len, _DONATION_CALLS)) + 8
_DONATION_AT_START = re.compile(rf"[^\w\n'\"«„“‘]{{0,4}}(?:{_DONATION_ALTERNATIVES})\b", re.IGNORECASE)
_DONATION_AT_END = re.compile(rf"\b(?:{_DONATION_ALTERNATIVES})\s*[!.…→»>]*\s*$", re.IGNORECASE)


# A short line over the appeal, no sentence of the story's: its heading.
_APPEAL_HEADING = re.compile(r"spende|donat|support|unterstütz|поддерж|підтрим|soutenez|soutien|apoy|wesprzyj|patreon",
                             re.IGNORECASE)
_APPEAL_HEADING_CHARS = 60


# The writer's note closing a story, with a call to follow them ("Lucas Nolan is a reporter for … Follow
# him on Twitter @LucasNolan_ or email him at …", Breitbart's): the site's, under every story of theirs.
_WRITERS_CALL = re.compile(r"\bfollow (?:him|her|them|me) on (?:twitter|x|instagram|facebook|threads|bluesky|mastodon)\b"
                           r"|\bemail (?:him|her|them|me) at \S+@", re.IGNORECASE)


def without_closing_appeal(text: str) -> str:
    """`text` without the call to pay for the journalism that closes it (_DONATION_CALLS), the
    writer's note with a call to follow them (_WRITERS_CALL), a publishing platform's notice
    (_PLATFORMS_NOTICE) or a site's disclaimer (_DISCLAIMER), as one or two paragraphs of their
    own, and the appeal's heading over it (_APPEAL_HEADING), if something is left."""
    cut = False
    for _ in range(2):
        head, joint, last = text.rpartition("\n\n")
        if not joint or not head or len(last) > _APPEAL_MAX_CHARS:
            break
        # The end is looked at from a little before its longest call on: 13 µs a paragraph, 3.
        if not (_DONATION_AT_END.search(last, max(0, len(last) - _CALL_AND_MARKS)) is not None
                or is_closing_notice(last)):
            break
        text, cut = head, True
    if cut:  # the heading over an appeal: "CORRECTIV ist spendenfinanziert!" over its "Jetzt unterstützen!"
        head, joint, last = text.rpartition("\n\n")
        if joint and head and len(last) <= _APPEAL_HEADING_CHARS and not last.endswith(".") \
                and _APPEAL_HEADING.search(last) is not None:
            text = head
    return text


def is_closing_notice(paragraph: str) -> bool:
    """Whether a paragraph of at most PROMOTION_MAX_CHARS is a call to pay that opens it, a
    writer's call to follow them, a platform's notice or a site's disclaimer."""
    return len(paragraph) <= PROMOTION_MAX_CHARS and (
        _DONATION_AT_START.match(paragraph) is not None or _WRITERS_CALL.search(paragraph) is not None
        or _DISCLAIMER.match(paragraph) is not None
        or (("信息" in paragraph or "storage" in paragraph) and _PLATFORMS_NOTICE.search(paragraph) is not None))


# The notice a publishing platform sets under every post of its users: Chinese portals' "特别声明：以上
# 内容…为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。" (Sohu's and Baidu's alike), with
# NetEase's English version under it ("… only provides information storage services."), and
# notices labelled so ("免责声明：…"; not a plain "声明：", which may open a statement a story quotes).
# The platform's, word for word under thousands of unrelated posts. And the site's disclaimer under
# a column or over its readers' comments, opening its paragraph: "Мнение автора может не совпадать с
# мнением редакции", "Думка автора може не збігатися з позицією редакції", "The views expressed
# here are the author's own", CNN Arabic's "الآراء الواردة أدناه لا تعبر عن رأي موقع CNN" (a story
# may close with "…does not reflect the views of the government": not opening the paragraph).
_PLATFORMS_NOTICE = re.compile(r"仅提供信息(?:存储|发布)(?:空间)?服务|\bonly provides information storage services?\b",
                               re.IGNORECASE)
_DISCLAIMER = re.compile(r"[【\[]?(?:特别|免责)声明\s*[：:】\]]|(?:мнение|точка зрения|позиция) (?:автора|авторов)|"
                         r"(?:думка|позиція|точка зору) (?:автора|авторів)|редакция (?:может )?не (?:разделяет|несет)|"
                         r"редакція (?:може )?не (?:поділяє|несе)|(?:the )?(?:views|opinions) (?:and opinions )?expressed|"
                         r"disclaimer:|الآراء الواردة|"
                         # The rules for readers' comments under the story: CNN Arabic's "ترحب شبكة CNN
                         # بالنقاش الحيوي والمفيد، وكي لا نضطر … إلى مراجعة التعليقات…" ("CNN welcomes lively
                         # discussion…"), and their English kind.
                         r"(?:ترحب|نرحب)\s+(?:\S+\s+){0,3}?(?:بالنقاش|بالتعليقات|بتعليقات)|"
                         r"we welcome (?:your )?(?:comments|discussion)|comments (?:are|will be) (?:moderated|reviewed)",
                         re.IGNORECASE)


def _is_promotion(paragraph: str) -> bool:
    if paragraph.startswith("[") and paragraph.endswith("]") and _BRACKETED_CALL.search(paragraph) is not None:
        return True
    if "://" in paragraph and _is_social_link(paragraph):
        return True
    if (_CTRL_ENTER.search(paragraph) or paragraph.strip(" .…:-–—。©").casefold() in _SITE_LABELS
            or _PAYWALL.match(paragraph.lstrip(" *•→»")) is not None):
        return True
    if len(paragraph) <= CREDIT_MAX_CHARS and (_CREDIT.match(paragraph) is not None
                                               or paragraph.strip(" .()[]").casefold() in _ILLUSTRATIVE):
        return True
    if _TAGS.match(paragraph) is not None or _OTHER_EDITION.fullmatch(paragraph) is not None:
        return True
    if _PROMOTION.match(paragraph) is not None and _PROMOTION_CHANNELS.search(paragraph) is not None:
        return True
    # The call after the site's own words, with the channel's address: "Новини від Корреспондент.net в
    # Telegram та WhatsApp. Підписуйтесь на наш канал https://t.me/korrespondentnet".
    return ("://" in paragraph and _SOCIAL_ADDRESS.search(paragraph) is not None
            and _OUR_CHANNEL_CALL.search(paragraph) is not None)


# "Subscribe to our channel", "Підписуйтесь на наш канал": the site's words ("our"), a story's
# sentence quotes someone else's call.
_OUR_CHANNEL_CALL = re.compile(
    r"\b(?:subscribe to|follow|подписывайтесь на|подпишитесь на|подпишись на|підписуйтесь на|підписуйтеся на|"
    r"підпишіться на|підпишись на)\s+(?:our|наш|нашу|наши|нашей|наших|наші|нашої)\b", re.IGNORECASE)


# A paragraph that many of one document's items carry word for word is the site's, not the story's:
# "Подписывайтесь на наш Telegram-канал…", "Follow us on Twitter and Facebook", "Якщо ви помітили
# помилку, виділіть… Ctrl+Enter", "Read full article >>", an image's "Reduced to 50%". In any
# language, with no list to keep: the other items of the document are the witness. It put the
# site's words in every item (rules fire on "Telegram", a site's name or its "Ukraine" hub link),
# and it made short items of one site look alike to the story grouping.
REPEATED_MAX_CHARS = 300  # a line or two; a longer shared paragraph may be a story's background
REPEATED_MIN_ITEMS = 3  # and at least half of the document's items with text: see repeated_paragraphs


def repeated_paragraphs(texts: Iterable[str]) -> frozenset[str]:
    """The paragraphs of at most REPEATED_MAX_CHARS that at least half of the non-empty texts (and
    at least REPEATED_MIN_ITEMS of them) hold, each text counted once. Half: a site's template
    puts its lines in all its items, while a background paragraph that a desk reuses word for word
    ("Russia denies planning an invasion.") is in a few of a topic feed's stories, which keep it."""
    counts: Counter[str] = Counter()
    with_text = 0
    for text in texts:
        if text:
            with_text += 1
            counts.update({p for p in text.split("\n\n") if len(p) <= REPEATED_MAX_CHARS})
    if with_text < REPEATED_MIN_ITEMS:
        return frozenset()
    needed = max(REPEATED_MIN_ITEMS, (with_text + 1) // 2)
    return frozenset(p for p, count in counts.items() if count >= needed)


def without_paragraphs(text: str, paragraphs: frozenset[str]) -> str:
    """`text` without those of its paragraphs that are in `paragraphs`, unless they are all of it."""
    if not paragraphs or not text:
        return text
    parts = text.split("\n\n")
    kept = [p for p in parts if p not in paragraphs]
    return "\n\n".join(kept) if kept and len(kept) != len(parts) else text


def _mark_links_to(root: lxml.html.HtmlElement, markup: str, page: str) -> bool:
    """Put the text of each link to `page` between _OWN_LINK and _OWN_LINK_END; whether one was."""
    # Most items' HTML has no link to themselves: a search of the markup for the page's path (as
    # sent, or percent-encoded) spares reading every link's address. `page` is a canonical URL, so
    # its path is what follows the third "/", up to a "?".
    path = "/" + page.split("/", 3)[-1].partition("?")[0].rstrip("/") if page.count("/") >= 3 else ""
    decoded = unquote(path) if "%" in path else path
    if len(path) < 2 or (path not in markup and (decoded is path or decoded not in markup)):
        return False
    own = page_address(page)
    # Only the links whose address holds the path's last segment (as sent, or percent-encoded) may
    # be to the page; libxml2 finds them without a Python object for every link.
    tail = path.rsplit("/", 1)[-1]
    marked = False
    for link in _LINKS_HOLDING(root, tail=tail, decoded=decoded.rsplit("/", 1)[-1]):
        href = link.get("href")
        # "#note-1": a place in this text (a footnote), not the item's page as a whole.
        if href.lstrip().startswith("#") or page_address(href, page) != own:
            continue
        link.text = _OWN_LINK + (link.text or "")
        if len(link):
            link[-1].tail = (link[-1].tail or "") + _OWN_LINK_END
        else:
            link.text += _OWN_LINK_END
        marked = True
    return marked


def _without_signature(marked: str) -> str:
    """Text whose links to its item are marked, without its closing paragraph if that is a signature
    (see SIGNATURE_MAX_CHARS) or its closing link (_CLOSING_OWN_LINK), and without the marks."""
    head, _, last = marked.rpartition("\n\n")
    if _is_signature(last) and head.strip(_OWN_LINK + _OWN_LINK_END + " \n"):
        marked = head
    marked = _CLOSING_OWN_LINK.sub("", marked, count=1)
    # The marks may have stood alone (a link around an image): clean again what is left.
    return clean_text(marked.replace(_OWN_LINK, "").replace(_OWN_LINK_END, ""))


def _is_signature(paragraph: str) -> bool:
    if _OWN_LINK not in paragraph:
        return False
    if len(paragraph) - paragraph.count(_OWN_LINK) - paragraph.count(_OWN_LINK_END) > SIGNATURE_MAX_CHARS:
        return False
    return len(_OWN_LINK_TEXT.sub("", paragraph).strip()) <= SIGNATURE_OWN_CHARS


def parse_html(markup: str) -> lxml.html.HtmlElement:
    """A forgiving lxml tree for a page or a fragment."""
    markup = markup.replace("\x00", "")
    if _DOCUMENT.search(markup[:4096]):
        # Text after a premature </body> or </html> is still part of the page as browsers show it.
        return lxml.html.document_fromstring(_STRAY_CLOSERS.sub("", _strip_xml_declaration(markup)))
    # In a fragment a stray </body> or </html> would make lxml drop everything after it.
    return lxml.html.fragment_fromstring(_STRAY_CLOSERS.sub("", markup), create_parent="div")


# html_to_text reads a plain tree: lxml.html's elements are found their class by a Python method
# for every element the walk touches, an eighth of html_to_text's time on bench_peer's items.
_PLAIN_HTML = lxml.etree.HTMLParser()


def _text_tree(markup: str) -> lxml.etree._Element:
    """The tree parse_html makes, of plain lxml elements: the page, or a fragment under its <body>."""
    markup = markup.replace("\x00", "")
    document = _DOCUMENT.search(markup[:4096]) is not None
    markup = _STRAY_CLOSERS.sub("", _strip_xml_declaration(markup) if document else markup)
    root = lxml.etree.fromstring(markup if document else f"<html><body>{markup}</body></html>", _PLAIN_HTML)
    if root is None:
        raise lxml.etree.ParserError("Document is empty")
    if document:
        return root
    body = root.find("body")
    return body if body is not None else root


def _strip_xml_declaration(markup: str) -> str:
    # lxml refuses str input that declares an encoding; the text is decoded already.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", markup, count=1)


def element_text(root: lxml.html.HtmlElement) -> str:
    """Clean text of an lxml element and everything under it."""
    pieces: list[str] = []
    _walk(root, pieces)
    return clean_text("".join(pieces))


def _walk(element: lxml.html.HtmlElement, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower().rsplit("}", 1)[-1]
    if tag in _DROP or not isinstance(element.tag, str):  # comments and processing instructions
        if element.tail:
            pieces.append(element.tail)
        return
    if tag == "br":
        pieces.append("\n")
    elif tag in _BLOCK:
        pieces.append("\n\n")
    elif tag in _CELL:
        pieces.append(" ")
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
    if tag in _BLOCK:
        pieces.append("\n\n")
    if element.tail:
        pieces.append(element.tail)


def _html_to_text_bs4(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(list(_DROP)):
        element.decompose()
    for element in soup.find_all("br"):
        element.replace_with("\n")
    for element in soup.find_all(list(_BLOCK)):
        element.insert_before("\n\n")
        element.insert_after("\n\n")
    return clean_text(soup.get_text())


# What sites put between a headline and their own name: "Headline - Site", "Site | Headline"; Chinese
# sites an underscore, spaced or not ("标题_频道_光明网").
# Chinese and Japanese titles set a bar, full-width or not, or a full-width colon with no spaces
# ("…：日本経済新聞", NetEase's "标题|关键词|关键词_网易订阅"): a headline hardly ever holds a bar.
TITLE_SEPARATOR = re.compile(r"\s+(?:[-–—:·•»«›‹/]|::)\s+|\s*_\s*|\s*[|｜：]\s*")
SEPARATOR_AT_END = re.compile(TITLE_SEPARATOR.pattern + "$")


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
            return title[:joint.start()]
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


# A byline's label left in a feed's or page's author ("By John Smith", "Автор: Олена Петренко").
# Not the labels that are also names' first words ("Di Maio", "von der Leyen").
# "Text by", "Words by", "Story by", "Reporting by" (Reuters), "View all posts by" (WordPress's author
# link), French "Par", Spanish and Portuguese "Por" are labels too; German "Von" is one only before a
# first name and a surname (_GERMAN_BY). German writes "Autor" for all genders as "Autor/in",
# "Autor*in", "Autor:in" (NDR's "Autor/in: Korinna Hennig").
_BYLINE_LABEL = re.compile(r"(?:(?:(?:written|posted|text|words|story|reporting|reported|texte)\s+)?(?:by|par)|por|"
                           # WordPress's author link, its title or screen-reader text: "View all posts by Daniel Lemire"
                           r"(?:(?:view|see|read)\s+)?(?:all|more)\s+(?:posts|articles|stories)\s+by|"
                           r"автор(?:ка|ы|и)?(?: (?:статьи|материала|статті|матеріалу))?|текст|text|"
                           r"autor(?:ka|in|innen|en|[/*:_]in(?:nen)?)?|著者|筆者|作者|记者|記者)(?:\s*[:：—–-]\s*|\s+)(?=\w)", re.IGNORECASE)
# German "Von" is a label where a first name and a surname follow it, each capitalised ("Von Clemens
# Höges", Der Spiegel's; "Von Markus Balser"): not in "von der Leyen", nor before one name ("Von Hans").
_GERMAN_BY = re.compile(r"[Vv]on\s+(?=[A-ZÄÖÜÀ-ÞА-ЯІЇЄҐ][\w'’.-]*\s+(?:[a-zäöü]{1,3}\s+)?[A-ZÄÖÜÀ-ÞА-ЯІЇЄҐ])")
# The other roles a page's byline credits beside the writer's ("Текст: Иван Петров; Фото: Анна
# Смирнова", "Text: Ann Writer, photos: Bob Smith"): not the item's author.
# Chinese portals' "责任编辑" (the editor in charge: gamersky's "作者：未知　责任编辑：…") is one too.
_CHINESE_EDITOR = r"责任编辑|責任編輯|编辑|編輯"
_OTHER_ROLE = re.compile(r"(?:фото|photos?|photograph(?:s|y)?|видео|відео|videos?|инфографика|інфографіка|иллюстраци[яи]|ілюстрац[іи]я|"
                         r"illustrations?|графика|графіка|оператор|монтаж|editing|edited|редактор|редагування)\b|"
                         + _CHINESE_EDITOR, re.IGNORECASE)
# Credits apart by a semicolon or a comma, or by spaces ahead of the Chinese editor's label and its colon.
_CREDIT_SEPARATOR = re.compile(rf"\s*[;,]\s*|\s+(?=(?:{_CHINESE_EDITOR})\s*[:：])")


# Co-authors a byline names in brackets after the writer: "Martin Untersinger (avec Damien Leloup et
# Morgane Tual)", "Anna Petrenko (with Ivan Shevchenko)". Not Russian's or Ukrainian's "(при участии
# Анны Смирновой)": the names there are inflected, no name as written.
_CO_AUTHORS = re.compile(r"\s*\((?:avec|with|mit|con|com)\s+([^()]+)\)\s*$", re.IGNORECASE)
_NAMES_JOINED = re.compile(r"\s*,\s*|\s+(?:et|and|und|y|e)\s+", re.IGNORECASE)


def without_byline_label(author: str) -> str:
    """An author's name without a byline's label ahead of it, nor the credits of other roles after it;
    co-authors in brackets after it are names of their own ("A (avec B et C)" → "A, B, C")."""
    found = _BYLINE_LABEL.match(author) or _GERMAN_BY.match(author)
    name = author[found.end():] if found is not None else author
    if (others := _CO_AUTHORS.search(name)) is not None and others.start() > 0:
        name = ", ".join([name[:others.start()], *filter(None, _NAMES_JOINED.split(others.group(1).strip()))])
    if _OTHER_ROLE.search(name) is None:
        return name
    parts = [part for part in _CREDIT_SEPARATOR.split(name) if not _OTHER_ROLE.match(part)]
    if parts == [name]:  # a role's word inside the text, no credit to leave out ("Watch the video")
        return name
    return ", ".join(without_byline_label(part) for part in parts)


# What a publishing platform writes where no one signed: its account's name ("admin"), Blogger's
# "Unknown" (of "noreply@blogger.com (Unknown)"), or an address alone (RSS's <author> is an email
# address; a desk's mailbox is no byline).
_NO_ONE = frozenset(("unknown", "admin", "administrator", "root", "webmaster", "noreply", "no-reply",
                     "anonymous", "guest", "user", "super user", "superuser",  # Joomla's first account: "Super User"
                     # A template's placeholder left in (guancha.cn's meta author "name, email@gmail.com"),
                     # and "unknown" or "anonymous" in other languages (gamersky's "作者：未知").
                     "name", "your name", "author", "author name", "未知", "佚名", "匿名", "不详", "unbekannt",
                     "anonym", "inconnu", "anonyme", "desconocido", "anónimo", "неизвестно", "неизвестен", "аноним",
                     "невідомо", "невідомий", "анонім"))
_ADDRESS_ALONE = re.compile(r"\S+@\S+\.\w+")
# A site's domain where a name is asked for ("lefigaro.fr", "Lenta.ru"): the publisher, no byline.
_DOMAIN_ALONE = re.compile(r"(?:[\w-]+\.)+(?:[a-z]{2,3}|info|news|online|media)", re.IGNORECASE)


def byline(author: str | None) -> str | None:
    """The name an author field gives (clean, without a byline's label, nor the place after it), or
    None for no one's."""
    name = _STRAY_SIGNS_AHEAD.sub(r"\1", without_byline_label(one_line_text(author)))
    if "@" in name and len(name) <= 200 and (beside := _NAME_AND_ADDRESS.fullmatch(name)) is not None:
        name = (beside.group("name") or beside.group("named")).strip()
    if "www." in name or "://" in name:
        name = _without_web_address(name)
    if not name or name.casefold() in _NO_ONE or _ADDRESS_ALONE.fullmatch(name) or _DOMAIN_ALONE.fullmatch(name):
        return None
    return _without_place(name)


# Signs ahead of a name, at the start or after the comma before it, that are no part of it: the
# Daily Mail's JSON-LD gives "¿\ttara Cosoleto", the remains of a character its CMS could not write.
# Not a quotation mark, a bracket, a handle's "@" or "#", Reddit's "/u/".
_STRAY_SIGNS_AHEAD = re.compile(r"(^|,\s)[^\w\s\"'«“„‘(\[@#/]+\s*")


def _without_web_address(name: str) -> str:
    """A name without the web address after it: "Taverncast: www.taverncast.com", "Deutsche Welle
    (www.dw.com)", "Ann Writer - https://annwriter.example". Its last word only is looked at (a
    pattern searched from each separator took seconds on a hostile author of many)."""
    head, space, last = name.rpartition(" ")
    address = last.strip("()")
    if not space or not address.startswith(("www.", "http://", "https://")):
        return name
    return head.rstrip(" :,;|–—-") or name


# A name with the writer's e-mail address beside it: "Mike Cason | mcason@al.com" (al.com's),
# "John Smith <js@example.com>", RSS's "js@example.com (John Smith)".
_NAME_AND_ADDRESS = re.compile(r"(?P<name>[^@<>()|]+?)\s*(?:[|,;/–—-]\s*|\s)[<(]?\S+@\S+\.\w+[>)]?"
                               r"|[<(]?\S+@\S+\.\w+[>)]?\s*\((?P<named>[^()@]+)\)")


# The place a byline gives after the writer's name ("Markus Balser, Berlin", the Süddeutsche's;
# "Иван Петров, Москва"): one capitalised word after a comma that closes a name of two words or
# more. Not a name written surname first ("Lee, Ann"), nor one of several co-authors' names.
# The place is read first, after the last comma, and the name before it only then: as one expression,
# its "[^,]*\S\s+\S[^,]*" tried each split of a hostile author of 15,000 characters with no place
# after it, 0.3 s (30 s for ten times as many). The name holds two commas at most, where its two \S
# may be ("Ann Lee, Bob Smith, Kyiv": two co-authors' names).
_PLACE = re.compile(r"[A-ZА-ЯІЇЄҐÀ-Þ][^\W\d_]+")
_NAME_BEFORE_PLACE = re.compile(r"[^,]*\S\s+\S[^,]*")


def _without_place(name: str) -> str:
    head, comma, place = name.rpartition(",")
    if comma and head.count(",") <= 2 and _PLACE.fullmatch(place.lstrip()) and _NAME_BEFORE_PLACE.fullmatch(head):
        return head
    return name


def one_line_text(text: str | None) -> str:
    """A title or name: clean, and on one line."""
    if not text:
        return ""
    cleaned = html_to_text(text) if looks_like_html(text) else clean_text(text)
    return " ".join(cleaned.split())


_WORD_CHARS = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def folded_words(text: str) -> list[str]:
    """The text's words, case-folded and without accents (as the full-text index folds them)."""
    folded = text.casefold()
    if not folded.isascii():
        folded = fold_accents(folded)
    return _WORD_CHARS.findall(folded)


# word_bytes(): ASCII word characters kept, every other ASCII byte a space, the bytes of non-ASCII
# characters kept (the non-word ones are spaces by then). Not lower-cased: the text is case-folded
# already, and the capitals NFKD makes ("™" → "TM") stay capitals, as in folded_words().
_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 95 or c >= 128 else 32 for c in range(256))
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")  # a capturing group: re.split keeps the runs


def word_bytes(text: str, strip_accents: bool) -> list[bytes]:
    """The text's words (runs of \\w), case-folded, each as UTF-8 bytes; without accents too when
    `strip_accents` (then the words are folded_words()'). The same split as the regular expression,
    made by bytes.translate and bytes.split, without a str object per word: hashing needs bytes."""
    folded = text.casefold()
    if folded.isascii():
        return folded.encode("ascii").translate(_WORD_BYTES).split()
    if _mostly_ascii(folded):
        encoded = folded.encode("ascii", _FOLD_RUN if strip_accents else _SIGNS_RUN)
    else:
        encoded = (_without_accents_or_signs(folded) if strip_accents
                   else _NON_ASCII_NON_WORD.sub(" ", folded)).encode("utf-8")
    return encoded.translate(_WORD_BYTES).split()


def _without_accents_or_signs(folded: str) -> str:
    # Only the non-ASCII runs can change: NFKD leaves ASCII alone, and an ASCII character ends any
    # run of combining marks that it would reorder. The runs are folded in one call, joined by an
    # ASCII "\x00" (which NFKD and the sign pattern leave alone), not in a call per run: in Cyrillic
    # or Greek text every word is a run, and a call each cost twice as much.
    parts = _NON_ASCII_RUNS.split(folded)
    parts[1::2] = _NON_ASCII_NON_WORD.sub(" ", fold_accents("\x00".join(parts[1::2]))).split("\x00")
    return "".join(parts)


# Text in a Latin alphabet is mostly ASCII with a few runs of other characters (curly quotes, dashes,
# accented letters). Finding those runs with a regular expression scans the whole text in Python's
# regex engine, which cost more than the rest of word_bytes() together. The ASCII encoder finds them
# in C instead, and hands each run to an error handler that returns the run's bytes, folded, in its
# place. A handler call costs about what the regular expression costs over 60 characters, so text
# where non-ASCII characters are more than a tenth of the bytes (Cyrillic, Greek: every word is a
# run) takes the regular-expression path. Both paths give the same words (tests/test_signatures.py).
_FOLD_RUN = "monitor.clean.fold_run"
_SIGNS_RUN = "monitor.clean.signs_run"


def _mostly_ascii(folded: str) -> bool:
    return (len(folded.encode("utf-8")) - len(folded)) * 10 < len(folded)


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start:error.end]
    return _NON_ASCII_NON_WORD.sub(" ", fold_accents(run)).encode("utf-8"), error.end


def _signs_run(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    return _NON_ASCII_NON_WORD.sub(" ", error.object[error.start:error.end]).encode("utf-8"), error.end


codecs.register_error(_FOLD_RUN, _fold_run)
codecs.register_error(_SIGNS_RUN, _signs_run)


def fold_accents(text: str) -> str:
    """The text decomposed (NFKD) and without its combining marks: "é" → "e", "ﬁ" → "fi"."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))
