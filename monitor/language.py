"""An item's language, as an ISO 639-1 code or None: what its source declares, checked against its text.

A declaration (feed `<language>`, `xml:lang`, `<html lang>`, `og:locale`, Content-Language) is read
as its primary subtag ("pt-BR" → "pt"). The text (headline, summary and body, their first few KB)
is identified once per item by CLD2 (pycld2: offline, a few tens of microseconds per item, no
model to load), which also says whether its answer is reliable; a declaration is first checked
against the first CONFIRM_CHARS only, and stands when they agree. The decision:

- no usable declaration: the identified language, when the identification is confident; where CLD2
  cannot tell at all, the one the text's letters alone tell, if any (_by_letters);
- declaration and text agree, or are close kin that identifiers confuse (Bokmål and Danish,
  Croatian and Serbian, Malay and Indonesian): the declaration, which is the more precise;
- they disagree: the text, when at least OVERRIDE_CHARS characters of it were read (see decide);
  on less, the declaration, unless the text's letters bear the identification out: none in the
  declared language's script (an English edition's headline under its site's "uk"), or letters
  that Ukrainian, Russian and Belarusian write and one another do not (Ukrainian's і, ї, є, ґ against
  Russian's ы, э, ъ, ё: _lettered).
"""

from __future__ import annotations

import re

import pycld2

SAMPLE_CHARS = 2000  # identify on the first 2-4 KB: more text costs time and changes nothing
CONFIRM_CHARS = 1000  # what a declaration is first checked against (decide)
OVERRIDE_CHARS = 200  # a confident identification of this much text outweighs a declaration
# The share of the text in the identified language for the answer to count. A German tech news item
# names English products ("Red Hat gibt WildFly 10 frei … JBoss Enterprise Application Platform"):
# CLD2 read heise's as 62% German, 37% English, reliable, and at 70 it had no language.
MIN_PERCENT = 60

# ISO 639-1, the two-letter codes (the only ones an item's language is written with).
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv
dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig
ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh
mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru
rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug
uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())

# What sources and CLD2 write instead: withdrawn two-letter codes (CLD2 still says "iw" and "jw"),
# three-letter ISO 639-2 codes and English names of the languages news comes in most.
_ALIASES = {
    "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "sh": "sr",
    "eng": "en", "rus": "ru", "ukr": "uk", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr",
    "pol": "pl", "por": "pt", "spa": "es", "ita": "it", "nld": "nl", "dut": "nl", "bel": "be",
    "ces": "cs", "cze": "cs", "ara": "ar", "zho": "zh", "chi": "zh", "tur": "tr", "kat": "ka", "geo": "ka",
    "english": "en", "russian": "ru", "ukrainian": "uk", "german": "de", "french": "fr", "polish": "pl",
    "portuguese": "pt", "spanish": "es", "italian": "it", "dutch": "nl", "belarusian": "be",
    # A country's code where its language's is meant, as sites write it ("ua" for Ukrainian, "cz",
    # "gr", "jp"): only codes that are no language's own ("se" is Northern Sami's, "am" Amharic's).
    "ua": "uk", "cz": "cs", "gr": "el", "jp": "ja", "kr": "ko", "cn": "zh", "dk": "da", "rs": "sr", "by": "be",
    "kz": "kk", "ge": "ka", "il": "he", "ir": "fa", "vn": "vi", "al": "sq",
}

# Languages an identifier tells apart badly and a source names precisely: the declaration stands.
_KIN = (frozenset({"no", "nb", "nn", "da"}), frozenset({"hr", "sr", "bs"}), frozenset({"ms", "id"}))
# And where none is declared, the country a site's address names (dates.site_country) says which of
# them it writes: an Indonesian headline on a .id site that CLD2 reads as Malay is Indonesian.
_COUNTRY_LANGUAGE = {"id": "id", "my": "ms", "bn": "ms", "rs": "sr", "ba": "bs", "hr": "hr", "no": "no", "dk": "da"}

_SEPARATORS = re.compile(r"[,;\s]+")
_SUBTAG = re.compile(r"[-_]")
# Characters CLD2 refuses as "invalid UTF-8": C0 and C1 controls but tab, line breaks and form feed,
# and the Unicode noncharacters.
_REFUSED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
                      + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                                for plane in range(17)) + "]")


def code(value: str | None) -> str | None:
    """The ISO 639-1 code a language tag or name stands for ("pt-BR", "en_US", "de-AT, en",
    "rus", "English"), or None when it names no language we know."""
    if not value:
        return None
    words = _SEPARATORS.split(value.strip(), maxsplit=1)
    # Content-Language may list several languages: the first is the one a page is mostly in.
    primary = _SUBTAG.split(words[0], maxsplit=1)[0].lower() if words else ""
    primary = _ALIASES.get(primary, primary)
    return primary if primary in ISO_639_1 else None


def sample(title: str, summary: str, body: str) -> str:
    """The text an item's language is identified on: headline, summary and body, cut to a few KB."""
    text = title
    for part in (summary, body):
        if part and len(text) < SAMPLE_CHARS:
            text = f"{text}\n{part}" if text else part
    return text[:SAMPLE_CHARS]


def identify(text: str) -> str | None:
    """The language a text is written in, when CLD2 is confident of it; where CLD2 cannot tell at all,
    the one its letters alone tell (_by_letters); else None."""
    text = text[:SAMPLE_CHARS]
    try:
        reliable, _, details = pycld2.detect(text, isPlainText=True)
    except (pycld2.error, UnicodeEncodeError):  # a control character, a lone surrogate: rare, so
        try:  # cleaned only then (the cleaning costs more than the identification)
            reliable, _, details = pycld2.detect(_REFUSED.sub(" ", text).encode("utf-8", "replace"),
                                                 isPlainText=True)
        except pycld2.error:  # the characters above are all it refuses; never let a text stop an item
            return None
    _, found, percent, _ = details[0]
    if not reliable or percent < MIN_PERCENT:
        if found == "un":
            return _by_letters(text)
        # CLD2 doubts some plain Russian prose (65% of an Orenburg news item, the rest its figures),
        # where the letters settle it: the answer stands where they bear it out.
        language = code(found)
        return language if percent >= MIN_PERCENT and language is not None and _letters_bear_out(text, language) \
            else None
    return code(found)  # "un" (unknown) and script-only answers ("xx-Cyrl") name no language


def _letters_bear_out(text: str, language: str) -> bool:
    """Whether a text's letters say it is in `language`: a script only it writes (_OWN_SCRIPT), or,
    for Ukrainian, Russian and Belarusian, letters of its own against each of the others', and none
    of theirs (_lettered)."""
    if language in _OWN_SCRIPT:
        return _by_letters(text) == language
    others = _OWN_LETTERS.get(language)
    return others is not None and (all(_lettered(text, language, other) for other in others)
                                   or _by_letters(text) == language)


# The scripts of the languages the letters tell (_by_letters, _lettered): a shared script's, and the
# scripts only one language writes.
_CYRILLIC, _LATIN, _ARABIC = "[\u0400-\u04ff]", "[a-zA-Z\u00c0-\u024f]", "[\u0600-\u06ff\u0750-\u077f]"
_OWN_SCRIPT = {
    "he": "[\u0590-\u05ff]", "el": "[\u0370-\u03ff\u1f00-\u1fff]", "ka": "[\u10a0-\u10ff]", "hy": "[\u0530-\u058f]",
    "ko": "[\uac00-\ud7af\u1100-\u11ff]", "ja": "[\u3040-\u30ff]", "th": "[\u0e00-\u0e7f]", "lo": "[\u0e80-\u0eff]",
    "km": "[\u1780-\u17ff]", "my": "[\u1000-\u109f]", "si": "[\u0d80-\u0dff]", "ta": "[\u0b80-\u0bff]",
    "te": "[\u0c00-\u0c7f]", "kn": "[\u0c80-\u0cff]", "ml": "[\u0d00-\u0d7f]", "gu": "[\u0a80-\u0aff]",
    "pa": "[\u0a00-\u0a7f]",
}


# What CLD2 calls unknown, a headline alone often ("ביידן ופוטין דנו באוקראינה": too short for it),
# its letters can still tell: a script only one language writes, or letters only one language of a
# shared script writes (Serbian's ћ and ђ, Macedonian's ќ, ѓ and ѕ, Belarusian's ў, Ukrainian's ї, є
# and ґ). Arabic is told from Persian and Urdu by its own yeh and kaf (ي, ك), which they write as ی
# and ک, beside their own letters (پ چ ژ گ, ٹ ڈ ڑ ے ں). Latin script's languages are not told so:
# no letter is one language's alone often enough. The letters must be most of the text's letters
# (a name in Latin letters beside them does not count against them).
_ONE_LANGUAGE_LETTERS = tuple((language, re.compile(letters)) for language, letters in _OWN_SCRIPT.items())
# Russian has no letter of its own against Bulgarian, but a text of some length in no other Cyrillic
# language's letters (Ukrainian's і, Belarusian's ў, Serbian's and Macedonian's, Central Asia's), and
# with no Bulgarian "ъ" before a consonant ("във", "България"), is Russian: CLD2 answers "unknown" to
# some plain Russian prose ("Россия не собирается ни на кого нападать, но имеет право перемещать
# войска…", Bing's summary of a Kommersant story).
_NOT_RUSSIAN = "іїєґўәғқңөұүһӣӯҳҷјљњћђѓќѕІЇЄҐЎӘҒҚҢӨҰҮҺӢӮҲҶЈЉЊЋЂЃЌЅ"
_RUSSIAN_LETTERS = 40
_SHARED_SCRIPTS = (
    (_CYRILLIC, (("sr", "[ћђЋЂ]"), ("mk", "[ќѓѕЌЃЅ]"), ("be", "[ўЎ]"), ("uk", "[їєґЇЄҐ]"),
                 ("ru", rf"^(?!.*[{_NOT_RUSSIAN}])(?!.*[ъЪ](?![еёюяЕЁЮЯ]))(?=(?:[^\u0400-\u04ff]*[\u0400-\u04ff]){{{_RUSSIAN_LETTERS}}})"))),
    (_ARABIC, (("ar", "^(?!.*[پچژگکیٹڈڑےں]).*[يك]"),)),
)
_SHARED = tuple((re.compile(script), tuple((language, re.compile(mark, re.DOTALL)) for language, mark in marks))
                for script, marks in _SHARED_SCRIPTS)
_LETTER = re.compile(r"[^\W\d_]")


def _by_letters(text: str) -> str | None:
    if text.isascii():
        return None
    letters = len(_LETTER.findall(text))
    for language, pattern in _ONE_LANGUAGE_LETTERS:
        if len(pattern.findall(text)) * 2 > letters:
            return language
    for script, marks in _SHARED:
        if len(script.findall(text)) * 2 > letters:
            found = {language for language, mark in marks if mark.search(text)}
            return found.pop() if len(found) == 1 else None
    return None


def decide(declared: str | None, title: str, summary: str, body: str, country: str | None = None) -> str | None:
    """An item's language: its source's declaration checked against its text (module docstring);
    `country`, the one its site's address names, tells close kin apart where none is declared."""
    claim = code(declared)
    text = sample(title, summary, body)
    # CLD2's time grows with the text: a declaration that the text's first KB confirms stands
    # without reading the rest (most sources declare their language right).
    if claim is not None and len(text) > CONFIRM_CHARS and identify(text[:CONFIRM_CHARS]) == claim:
        return claim
    found = identify(text)
    if found is None and claim is not None and not _written_in_script_of(text, claim):
        return None  # no letter of the declared language's script: not that language, whatever it is
    if found is None and claim in _OWN_LETTERS:
        # A headline too short for CLD2, under its site's declaration: its letters may still tell Russian
        # from Ukrainian ("быть" under Babel's "uk" over its Russian edition).
        return next((other for other in _OWN_LETTERS[claim] if _lettered(text, other, claim)), claim)
    if found is None or found == claim:
        return claim
    if claim is None:
        spoken = _COUNTRY_LANGUAGE.get(country or "")
        return spoken if spoken is not None and any(found in kin and spoken in kin for kin in _KIN) else found
    if any(claim in kin and found in kin for kin in _KIN):
        return claim
    # A declaration is usually made once for a whole site or feed (a CMS template's "en-US", a
    # feed mixing its outlet's translations under one <language>), while the text is this item's
    # own; on a paragraph or more a confident identification is the better witness. A headline
    # alone is too little to overrule the source, unless its letters bear the identification out.
    return found if len(text.strip()) >= OVERRIDE_CHARS or _lettered(text, found, claim) else claim


# The script each language is written in, where it is written in one: a text without a letter of it
# is not in that language, however short (an outlet's English edition under its site's "uk", a
# Russian headline in a feed that declares "de"). Not Serbian (Latin and Cyrillic both). Chinese and
# Japanese share their characters (CLD2 tells them apart by kana; a headline may hold none): RSSHub's
# bridges declare "zh-cn" over every channel's posts, in Ukrainian, Russian or English.
_CJK = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_SCRIPT_OF = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk"), _CYRILLIC),
    **dict.fromkeys(("en", "de", "fr", "es", "it", "pt", "pl", "cs", "sk", "sl", "hr", "bs", "nl", "sv", "da", "no",
                     "nb", "nn", "fi", "et", "lv", "lt", "ro", "hu", "tr", "id", "ms", "vi", "ca", "ga",
                     "sq", "is"), _LATIN),
    **dict.fromkeys(("ar", "fa", "ur", "ps"), _ARABIC),
    **{language: _OWN_SCRIPT[language] for language in ("el", "he", "ka", "hy", "ko", "th")},
    **dict.fromkeys(("zh", "ja"), _CJK),
}
_SCRIPT_PATTERNS = {pattern: re.compile(pattern) for pattern in set(_SCRIPT_OF.values())}
_LETTERS_TO_TELL = 3  # a text of fewer letters (figures, a name's initials) says nothing of its script


def _written_in_script_of(text: str, language: str) -> bool:
    """Whether a text may be in `language` by its letters: the language's script has a letter in it,
    or the language is not told by its script (_SCRIPT_OF), or the text has too few letters to tell."""
    script = _SCRIPT_OF.get(language)
    if script is None or _SCRIPT_PATTERNS[script].search(text) is not None:
        return True
    return len(_LETTER.findall(text[:200])) < _LETTERS_TO_TELL


# Letters one language writes and another does not, for the Cyrillic languages the first subject is
# covered in. Ukrainian outlets publish in both Ukrainian and Russian, often under one declaration for
# the site ("ru" over a Ukrainian headline), and Belarusian ones in Belarusian and Russian: a
# headline alone is too little for CLD2 to overrule it, but not when its letters say the same.
_OWN_LETTERS = {
    "uk": {"ru": frozenset("іїєґ"), "be": frozenset("иїєґщ")},
    "ru": {"uk": frozenset("ыэъё"), "be": frozenset("иъщ")},
    "be": {"ru": frozenset("ўі"), "uk": frozenset("ўыэё")},
}


# Letters English never writes that a Latin-script language found in a text claimed to be English
# does (a Polish site's Atom feed declaring xml:lang="en" over its Polish items): a few of them bear
# the identification out on a headline too short to overrule the claim by its length.
_NOT_ENGLISHS = {"pl": frozenset("ąćęłńśźż"), "cs": frozenset("ěščřžůťďň"), "sk": frozenset("ľĺŕôťďňčšž"),
                 "hu": frozenset("őűáéíóú"), "ro": frozenset("ășțşţâî"), "tr": frozenset("ğışç"),
                 "lt": frozenset("ąčęėįšųūž"), "lv": frozenset("āčēģīķļņšūž"), "hr": frozenset("čćđšž"),
                 "sl": frozenset("čšž"), "bs": frozenset("čćđšž"), "et": frozenset("õäöüšž"), "de": frozenset("äöüß")}
_NOT_ENGLISH_LETTERS = 3


def _lettered(text: str, found: str, claim: str) -> bool:
    """Whether a text's letters bear out the language found against the one claimed: no letter of
    the claimed language's script (_SCRIPT_OF) and one of the found language's; or, between
    Ukrainian, Russian and Belarusian, letters of the one found and none of the other's (_OWN_LETTERS);
    or, against English, letters of the one found that English never writes (_NOT_ENGLISHS)."""
    claimed_script, found_script = _SCRIPT_OF.get(claim), _SCRIPT_OF.get(found)
    if claimed_script is not None and found_script is not None and claimed_script != found_script:
        return (_SCRIPT_PATTERNS[claimed_script].search(text) is None
                and _SCRIPT_PATTERNS[found_script].search(text) is not None)
    if claim == "en" and (others := _NOT_ENGLISHS.get(found)) is not None:
        return sum(letter in others for letter in text.casefold()) >= _NOT_ENGLISH_LETTERS
    if (founds := _OWN_LETTERS.get(found, {}).get(claim)) is None:
        return False
    letters = set(text.casefold())
    return bool(letters & founds) and not letters & _OWN_LETTERS[claim][found]
