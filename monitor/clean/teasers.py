"""Other stories' teasers in an article's text ("Read also: …" and a list of headlines set between
its paragraphs), and how a teaser shows it was cut ("[…]", a sentence left unfinished).
"""

from __future__ import annotations

import re

from monitor.clean.text import alternatives
from monitor.scripts import CAPITALS


# "Read also: <another story's headline>", set between an article's paragraphs by the site: a
# teaser of another story, whose words rules would take for this one's (a "Zelenskyy" rule firing
# on a story that only links to one about him). In the product's languages; the label opens the
# paragraph and a separator follows it, or the label is the whole paragraph.
_READ_ALSO_LABELS = (
    # Colombian and Mexican sites', Hungarian's with its noun ("Kapcsolódó cikk:"), Azerbaijani's
    "le puede interesar", "les puede interesar", "kapcsolódó cikk", "kapcsolódó cikkek", "oxşar xəbərlər",
    "notícias relacionadas", "bekijk", "bekijk ook", "kijk ook",  # BBC News Brasil's box; VRT's video
    # Turkish, Catalan; Romanian in the cedilla's letters ("Citeşte şi"), as much as in the comma's
    "bunlar da ilginizi çekebilir", "bu haberler de ilginizi çekebilir", "ilginizi çekebilir", "ilgili haberler",
    "önerilen haberler", "önerilen haber", "llegeix també", "llegiu també", "notícies relacionades", "citeşte şi",
    "citeste si", "citeşte și", "citește şi",
    # Romanian's formal plural in both letters, Macedonian, Albanian, Bosnian, Serbian Latin; Indonesian's
    # "Baca:" (Tempo's), Hausa (Aminiya's, BBC Hausa's), Amharic
    "citiți și", "citiţi şi", "cititi si", "прочитајте повеќе", "прочитајте и", "поврзани вести", "lexo edhe",
    "lexoni edhe", "lexo më shumë", "lajme të ngjashme", "povezane vesti", "baca", "karin labari",
    "za ku iya son karanta wannan", "ተዛማጅ ርዕሶች",
    "read also", "also read", "read more", "see also", "related", "related coverage", "more on this",
    "go deeper",  # Axios's
    "recommended", "read next", "you may also like", "watch", "more", "in video",
    "читайте также", "читать также", "смотрите также", "см. также", "по теме", "подробнее",
    "читайте також", "читати також", "дивіться також", "також читайте", "по темі", "детальніше",
    "чытайце таксама", "прачытайце таксама", "глядзіце таксама", "таксама чытайце", "па тэме", "падрабязней",
    # Georgian, Kazakh, Azerbaijani, Armenian
    "ასევე წაიკითხეთ", "ასევე იხილეთ", "оқи отырыңыз", "сондай-ақ оқыңыз", "həmçinin oxuyun", "կարդացեք նաև",
    "навіны па тэме", "чытайце яшчэ", "іншыя навіны",
    "lesen sie auch", "mehr zum thema", "lire aussi", "à lire aussi", "voir aussi", "czytaj także", "czytaj więcej",
    # DW's box of its stories under the text ("DW empfiehlt", then their headlines)
    "dw empfiehlt", "dw recommends", "dw рекомендует", "dw рекомендує",
    "czytaj też", "zobacz też", "zobacz także", "leia também", "veja também", "leia mais",
    "lee también", "leer más", "leggi anche", "mehr artikel aus dieser rubrik",
    # Headings over a list of other stories.
    "related news", "related stories", "related articles", "more stories", "more news", "most read",
    "новости по теме", "похожие новости", "другие новости", "новини по темі", "схожі новини", "інші новини",
    "материалы по теме", "читайте по теме", "новости партнеров", "ранее мы писали",
    "матеріали за темою", "новини за темою", "читайте за темою", "за темою", "новини партнерів", "раніше ми писали",
    "more on this story", "other opinion columns", "more opinion", "most popular", "top stories", "editor's picks",
    "популярное", "самое читаемое", "найпопулярніше", "найчитаніше",
    # a news site's sections over their lists ("Стрічка новин", "Головне за день")
    "стрічка новин", "головне за день", "популярне", "останні новини", "свіжі новини", "тема дня", "новини компаній",
    "відео дня", "лента новостей", "главное за день", "последние новости", "свежие новости", "новости компаний",
    "видео дня", "latest news", "top news", "новости сми2", "рекомендуем", "рекомендуем прочитать", "рекомендуємо",
    "рекомендуємо прочитати",
    # Chinese and Japanese sites' ("related reading", "read this too", "related articles").
    "相关阅读", "延伸阅读", "推荐阅读", "相关新闻", "相关报道", "あわせて読みたい", "合わせて読みたい", "関連記事", "関連ニュース",
    # In more of the languages news comes in: Russian's and Ukrainian's other orders, Spanish,
    # French, German, Portuguese, Italian, Dutch, Nordic, Finnish, Baltic, Central European, South
    # Slavic, Bulgarian, Romanian, Greek, Turkish, Arabic, Hebrew, Persian, Indonesian, Vietnamese,
    # Thai, Hindi.
    "также читайте", "читайте еще", "читайте ещё", "читайте ще", "leer también", "noticias relacionadas",
    "te puede interesar", "à lire également", "lire également", "sur le même sujet", "auch interessant",
    "saiba mais", "potrebbe interessarti", "lees ook", "zie ook", "läs också", "läs även", "les også", "læs også",
    "lue myös", "loe ka", "skaitykite taip pat", "taip pat skaitykite", "lasiet arī", "lasi arī",
    "přečtěte si také", "čtěte také", "související", "prečítajte si aj", "čítajte aj", "olvassa el",
    "ezt is olvassa el", "ez is érdekelheti", "ez is érdekelhet", "kapcsolódó", "pročitajte još", "pročitajte i", "прочитајте још", "povezane vijesti",
    "vezane vijesti", "прочетете още", "още по темата", "citește și", "citeste si", "διαβάστε επίσης",
    # Greek's in capitals, which drop the accents ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ"), and ERT's "Διαβάστε ακόμη"
    "διαβαστε επισης", "διαβάστε ακόμη", "διαβαστε ακομη",
    "δείτε επίσης", "περισσότερα", "ayrıca okuyun", "bunları da okuyun", "ilgili haberler", "اقرأ أيضا",
    "اقرأ أيضاً", "اقرأ ايضا", "إقرأ أيضا",
    # (Egyptian sites' tanween on the ض, not the alif: Masrawy's, Ahram Gate's "اقرأ أيضًا")
    "اقرأ أيضًا", "إقرأ أيضًا", "اقرأ ايضًا", "أخبار ذات صلة", "مواضيع ذات صلة", "קראו עוד", "קראו גם",
    "כתבות נוספות", "بیشتر بخوانید", "همچنین بخوانید", "baca juga", "berita terkait", "xem thêm", "đọc thêm",
    "tin liên quan", "อ่านเพิ่มเติม", "อ่านข่าว", "यह भी पढ़ें", "ये भी पढ़ें", "और पढ़ें",
    # Le Figaro's "À VOIR AUSSI - …" over a video, El País's "Más información" over its links, and
    # others' headings.
    "à voir aussi", "lea también", "más información", "noticia relacionada", "ti potrebbe interessare",
    "weitere artikel zum thema", "zobacz również", "czytaj również", "ilginizi çekebilir", "weitere artikel",
    "empfehlungen", "alle entwicklungen im liveblog", "les plus lus", "te recomendamos", "lo más leído",
    "i più letti",
    # Croatian, Bosnian, Slovenian, Turkish, Chinese and Korean ones ("Pročitajte više:", "Preberite
    # tudi:", "İLGİLİ HABER:", "另请阅读：", "관련기사:")
    "pročitajte više", "pročitajte također", "pogledajte i", "preberite tudi", "preberite še", "ilgili haber",
    "另请阅读", "另见", "관련기사", "관련 기사", "함께 읽으면 좋은 기사",
    "seguir leyendo",  # Infobae's heading over the headlines that close every story ("SEGUIR LEYENDO:")
    # UNIAN's heading over the list closing every story ("Вас також можуть зацікавити новини:"), and
    # its kin
    "вас також можуть зацікавити новини", "вас також можуть зацікавити", "вас також може зацікавити",
    "вас также могут заинтересовать новости", "вас также могут заинтересовать", "вас также может заинтересовать",
    "you may also be interested in", "you might also be interested in", "you might also like",
    "das könnte sie auch interessieren", "cela pourrait vous intéresser", "vous aimerez aussi",
    "también te puede interesar", "potrebbe interessarti anche", "może cię zainteresować",
    # Indonesian, Finnish, Romanian, Bulgarian, Swedish and Armenian ones ("Simak juga:", "Lue lisää:",
    # "Vezi și:", "Вижте още:", "LÄS MER:", "Կարդացեք նաև՝")
    "simak juga", "lue lisää", "vezi și", "vezi si", "вижте още", "läs mer",
    # the Inquirer's bare "READ:", the other persons of UNIAN's kin ("Вас може зацікавити:"), Argentine
    # Spanish ("Mirá también", "Seguí leyendo:"), Hebrew's "more stories on the subject", French
    # without its accent
    "read", "вас може зацікавити", "вас можуть зацікавити", "вас может заинтересовать", "вас могут заинтересовать",
    "mirá también", "mira también", "seguí leyendo", "ver también", "עוד כתבות בנושא", "עוד בנושא",
    "a lire aussi", "a lire également", "a voir aussi",
    # 24tv's "Зверніть увагу! <headline>", RBC's "Читайте на РБК Pro" over its paid stories' headlines
    "зверніть увагу!", "читайте на рбк pro",
    # Bengali, Urdu, Hindi, Tamil, Marathi, Thai, Tagalog, Swahili, Hausa, Amharic, Malay ("আরও পড়ুন:",
    # "یہ بھی پڑھیں:", "पढ़ें:", "இதையும் படிக்க:", "हेही वाचा:", "BASAHIN:", "Soma pia:", "Karanta Wannan:")
    "আরও পড়ুন", "আরো পড়ুন", "আরও পড়ুন", "আরও খবর", "یہ بھی پڑھیں", "یہ بھی پڑھیے", "مزید پڑھیں", "مزید پڑھیے",
    "पढ़ें", "इसे भी पढ़ें", "ये भी देखें", "यह भी देखें", "இதையும் படிக்க", "இதையும் படிங்க", "हेही वाचा", "हे वाचा",
    "हे पण वाचा", "อ่านข่าวที่เกี่ยวข้อง", "ข่าวที่เกี่ยวข้อง", "basahin", "basahin din", "basahin ang", "soma pia",
    "soma zaidi", "unaweza pia kusoma", "karanta wannan", "karanta wasu labaran", "karanta", "ተጨማሪ ያንብቡ",
    "artikel berkaitan", "berita berkaitan",
    # finanzen.net's heading over other stories; Handelsblatt's "Mehr: <headline>"
    "weitere news zum thema", "mehr",
    # traditional Chinese ("延伸閱讀", "相關報道", "相關新聞")
    "延伸閱讀", "相關報道", "相關新聞", "相關閱讀",
    # Galician, Catalan, Basque ("Le tamén:", "Llegeix també:", "Irakurri ere:"), Uzbek ("Мавзуга доир:",
    # "Mavzuga doir:", "Shuningdek o'qing:")
    "le tamén", "lea tamén", "llegeix també", "llegiu també", "irakurri ere", "мавзуга доир", "mavzuga doir",
    "shuningdek o'qing", "шунингдек ўқинг",
)
_READ_ALSO_ALTERNATIVES = alternatives(_READ_ALSO_LABELS)
# "Читайте также на РБК: …", "Read more on Reuters: …", "Read more from Jennifer Rubin:": where or
# whose, a few words, between the label and its separator; German sites' "Mehr Artikel aus dieser
# Rubrik gibt's hier: Wirtschaft".
_READ_ALSO_WHERE = r"(?:\s+(?:на|в|у|от|від|on|at|from)\s+[^\n:»>→|]{1,40}?|\s+gibt(?:'|’| e)s hier)?"
# In brackets too, as TIME sets them: "(MORE: 13 Best Tweets About the Earthquake)".
# A list's mark may stand ahead ("▶ 관련기사: …", a list item's dash: Onet's "- Zobacz także: …"), and
# Japanese sites bracket the label ("【関連記事】…").
# (Or the headline quoted after the label, a colon closing: Detik's "Simak juga 'Menlu AS …':" over its video.)
_READ_ALSO = re.compile(rf"(?:[▶►■•]\s*|[-–]\s+)?[(\[【]?(?:{_READ_ALSO_ALTERNATIVES}){_READ_ALSO_WHERE}(?:\s*[:：՝\-–—»>→|】]|\s*$"
                        r"|\s+['\"‘“„«][^\n]{1,160}['\"’”»]\s*:?\s*$)",
                        re.IGNORECASE)
# A label of two words or more with the linked headline straight after it, no separator between
# ("LEIA TAMBÉM Câmara aprova projeto…", "BACA JUGA Vaksin…": the label and a link in one paragraph;
# Le Figaro's "À lire aussiSNCF : …", its label's element and the link run together):
# a capital after it, and no sentence's end closing the paragraph. "Leia também a entrevista." and
# a one-word label ("More troops…") are a story's.
_READ_ALSO_BARE = re.compile(
    rf"(?:{alternatives(tuple(label for label in _READ_ALSO_LABELS if ' ' in label))})\s*(?-i:(?=[{CAPITALS}]))"
    # Thai has no capitals, and no sentence's mark to close a paragraph: its label, a space, the headline;
    # and Chinese ones, a space or bracket between ("延伸閱讀 公投倒數…", "【相關報道】立法會選舉…")
    r"|(?:อ่านข่าวที่เกี่ยวข้อง|อ่านข่าว|อ่านเพิ่มเติม)\s+(?=[\u0e01-\u0e4e])"
    r"|(?-i:(?:延伸[阅閱][读讀]|相[关關][报報][导道]|相[关關]新[闻聞]|相[关關][阅閱][读讀])\s+(?=[\u4e00-\u9fff]))",  # (no case)
    re.IGNORECASE)
# Whether a paragraph but the first opens with a label, in one search from one "\n\n" to the next
# (most texts have no teaser; splitting every text into paragraphs cost 8 µs an article). The
# lookahead on the labels' first letters spares most paragraphs the labels' many alternatives.
_READ_ALSO_INITIALS = "".join(sorted({letter for label in _READ_ALSO_LABELS
                                      for letter in (label[0], label[0].upper())} | {"İ"}))  # Turkish's capital i
_READ_ALSO_AFTER_BREAK = re.compile(rf"\n\n(?:[▶►■•]\s*|[-–]\s+)?[(\[【]?(?=[{re.escape(_READ_ALSO_INITIALS)}])(?:{_READ_ALSO_ALTERNATIVES})",
                                    re.IGNORECASE)
READ_ALSO_MAX_CHARS = 250  # a label and a headline or two; a longer paragraph is the article's own
# A label that is its whole paragraph heads a list of other stories' headlines (<h3>Читайте також</h3>
# <ul><li><a>…</a></li>…</ul>), which are paragraphs of their own once the markup is gone. A headline
# is short and ends without a full stop, as an article's own paragraph seldom does.
_READ_ALSO_ALONE = re.compile(rf"(?:{_READ_ALSO_ALTERNATIVES}){_READ_ALSO_WHERE}\s*[:：՝\-–—»>→|]?\s*", re.IGNORECASE)
_HEADLINE_MAX_CHARS = 160
_HEADLINES_LISTED = 8  # at most, after one label
# Devanagari's and Bengali's danda, Urdu's full stop, Arabic's question mark, Ethiopic's and Armenian's
# full stops, and Chinese and Japanese ones
_SENTENCE_END = frozenset(".!?…;।॥۔؟።։。！？")
_CLOSING_MARKS = "\"'»”’“)]* 」』）"  # German's closing quotation mark is “; Japanese close with 」 and 』


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
        if len(paragraph) > READ_ALSO_MAX_CHARS or not (
                _READ_ALSO.match(paragraph) or (_READ_ALSO_BARE.match(paragraph) and _is_headline(paragraph))):
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
    if paragraph.endswith(")") and (opening := paragraph.rfind(" (")) > 0:
        paragraph = paragraph[:opening]  # a sentence, then a photo's credit in brackets: "… geschätzt. (Foto: imago)"
    last = paragraph.rstrip(_CLOSING_MARKS)[-1:]
    return bool(last) and last not in _SENTENCE_END


# How a teaser says it was cut: "… [&#8230;]" (WordPress's excerpt), "…", "...", "(...)".
CUT_MARK = re.compile(r"\s*(?:\[\s*(?:…|\.{3})\s*\]|\(\s*(?:…|\.{3})\s*\)|…|\.{3})$")


def looks_cut(text: str) -> bool:
    """Whether a text ends cut off: with a mark of the cut (CUT_MARK), or in the middle of a sentence."""
    return bool(CUT_MARK.search(text)) or _is_headline(text)


# A teaser's closing words that only point to the story ("… Read more…", "Continue reading →",
# "Читать далее", "(more…)"), left as text where a feed's generator dropped their link, or linked to
# another address than the item's (a FeedBurner redirect): after the end of a sentence, the text's
# last words, an arrow or an ellipsis after them, or where they are read ("Read more at Desk Daily").
# Kept, they were the last words of every such item. (The same words linked to the item itself go
# while the markup is read: clean.markup.)
_READ_MORE_WORDS = (
    "read more", "read the full story", "read full story", "read the full article", "read full article",
    "continue reading", "keep reading", "full story",
    "читать далее", "читать дальше", "читать полностью", "читати далі", "читати повністю",
    "weiterlesen", "mehr lesen", "lire la suite", "leer más", "seguir leyendo", "leia mais", "continue lendo",
    "continua a leggere", "leggi tutto", "czytaj dalej", "czytaj więcej", "devamını oku",
    "阅读全文", "查看全文", "查看详情", "續讀全文", "閱讀全文", "続きを読む", "더보기",
    # Arabic, Persian, Hebrew, Vietnamese, Indonesian, Dutch, Czech, Romanian, Hungarian, Greek, Swedish
    "اقرأ المزيد", "اقرأ أكثر", "ادامه مطلب", "بیشتر بخوانید", "המשך לקרוא", "קרא עוד", "đọc tiếp", "xem thêm",
    "baca selengkapnya", "lees meer", "verder lezen", "číst dál", "čtěte dále", "citește mai mult", "tovább olvasom",
    "διαβάστε περισσότερα", "läs mer",
    # Hindi's, after the danda
    "और पढ़ें", "आगे पढ़ें", "पूरी खबर पढ़ें",
    # Turkish sites' closing "Haberin devamı için tıklayınız" (for the rest of the story, click)
    "haberin devamı için tıklayınız", "haberin devamı için tıklayın", "devamı için tıklayınız", "devamı için tıklayın",
    "לכתבה המלאה באתר", "לכתבה המלאה",  # Hebrew sites' "to the full story (on the site)"
    # DLE sites' "Подробнее читайте на нашем сайте.", tagesschau.de's "Meldung bei www.tagesschau.de lesen"
    "подробнее читайте на нашем сайте", "подробнее на нашем сайте", "подробнее читайте на сайте",
    "детальніше читайте на нашому сайті", "детальніше на нашому сайті", "читайте подробнее",
    "meldung bei www.tagesschau.de lesen", "mehr",
    # Dutch, Portuguese (Portugal's), Catalan, Slovak, Bulgarian, Turkish, Hungarian, Kazakh,
    # Azerbaijani; Romanian in the cedilla's letters
    "lees verder", "continuar a ler", "ler mais", "llegir més", "continua llegint", "čítajte viac",
    "прочетете още", "цялата статия", "devamını okumak için tıklayın", "devamını okumak için tıklayınız",
    "tovább a cikkhez", "толығырақ", "ətraflı", "citeşte mai mult",
)
# The site where the rest is, its name quoted after the words: "Подробнее читайте на сайте «БелПресса»".
_SITES_NAME = r"\s*[«\"„“][^«»\"„“”\n]{1,60}[»\"“”]"
_READ_MORE = re.compile(
    rf"(?<=[.!?…»\"”)\]。！？」』।])\s*[\[(]?(?:(?:{alternatives(_READ_MORE_WORDS)})(?:\s+(?:at|on)\s+[^\s.][^\n]{{0,60}}?"
    rf"|{_SITES_NAME})?"
    r"|more(?=…|\.\.\.|\)))[\s.…»›→>)\]]*\Z", re.IGNORECASE)
_READ_MORE_TAIL = 120  # characters: the words and where they are read, at most


# The words as a paragraph of their own, closing the text: they go whatever ends the paragraph
# before (tagesschau.de's "… gewählt. mehr" then "Meldung bei www.tagesschau.de lesen").
_READ_MORE_ALONE = re.compile(rf"[\[(]?(?:{alternatives(_READ_MORE_WORDS)})(?:{_SITES_NAME})?[\s.…»›→>)\]]*",
                              re.IGNORECASE)


# A closing paragraph that points to what followed it on the page, a player or an embed the text no
# longer has: "Watch the latest edition of BizTech … here:" (GhanaWeb's), "Смотрите видео ниже:",
# tagesschau's "Dieses Thema im Programm:" over its broadcasts' list.
_POINTS_TO_WHAT_FOLLOWED = re.compile(r"[^\n]{0,160}\b(?:here|below|ниже|здесь|тут|нижче|aquí|abajo|ici|ci-dessous|hier|"
                                      r"unten|di sini|berikut ini|im programm)\s*:", re.IGNORECASE)


def without_read_more(text: str) -> str:
    """`text` without its closing words that only point to the story (_READ_MORE), or to what followed
    it on the page (_POINTS_TO_WHAT_FOLLOWED), if something is left."""
    head, _, last = text.rpartition("\n\n")
    if head and len(last) <= _READ_MORE_TAIL and _READ_MORE_ALONE.fullmatch(last):
        text = head
    elif head and last.endswith(":") and _POINTS_TO_WHAT_FOLLOWED.fullmatch(last):
        return head
    found = _READ_MORE.search(text, max(0, len(text) - _READ_MORE_TAIL))
    return text[:found.start()].rstrip() if found is not None and found.start() > 0 else text
