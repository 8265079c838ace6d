"""monitor.language: declarations read as ISO 639-1 codes, texts identified, and the rule between them."""

from __future__ import annotations

import pytest

from monitor.language import OVERRIDE_CHARS, SAMPLE_CHARS, code, decide, identify, sample

# One report, written for these tests in each language: negotiators leave Geneva without a date.
TEXTS = {
    "en": "Negotiators from both countries left the meeting in Geneva late on Monday without announcing a date "
          "for the next round. Officials said the talks covered troop movements near the border, arms control "
          "and the security guarantees requested in December.",
    "ru": "Переговорщики обеих стран покинули встречу в Женеве поздно вечером в понедельник, так и не назвав "
          "дату следующего раунда. По словам официальных лиц, обсуждались передвижения войск у границы, "
          "контроль над вооружениями и гарантии безопасности.",
    "uk": "Переговірники обох країн залишили зустріч у Женеві пізно ввечері в понеділок, так і не назвавши "
          "дату наступного раунду. За словами посадовців, сторони обговорили пересування військ біля кордону, "
          "контроль над озброєннями та гарантії безпеки.",
    "pt": "Os negociadores dos dois países deixaram a reunião em Genebra no fim da noite de segunda-feira sem "
          "anunciar a data da próxima rodada. Segundo as autoridades, foram discutidos os movimentos de tropas "
          "perto da fronteira e o controle de armamentos.",
    "de": "Die Unterhändler beider Länder verließen das Treffen in Genf am späten Montagabend, ohne einen Termin "
          "für die nächste Runde zu nennen. Nach Angaben von Beamten ging es um Truppenbewegungen an der Grenze, "
          "Rüstungskontrolle und Sicherheitsgarantien.",
    "fr": "Les négociateurs des deux pays ont quitté la réunion de Genève tard lundi soir sans annoncer de date "
          "pour la prochaine session. Selon des responsables, les discussions ont porté sur les mouvements de "
          "troupes près de la frontière et sur le contrôle des armements.",
    "pl": "Negocjatorzy obu krajów opuścili spotkanie w Genewie późnym wieczorem w poniedziałek, nie podając "
          "terminu kolejnej rundy. Według urzędników rozmowy dotyczyły ruchów wojsk przy granicy, kontroli "
          "zbrojeń oraz gwarancji bezpieczeństwa.",
}
NORWEGIAN = ("Forhandlerne fra begge land forlot møtet i Genève sent mandag kveld uten å kunngjøre en dato for "
             "neste runde. Ifølge tjenestemenn handlet samtalene om troppebevegelser nær grensen, våpenkontroll og "
             "sikkerhetsgarantier.")


# --------------------------------------------------------------------------- declarations

@pytest.mark.parametrize(("declared", "expected"), [
    ("en", "en"), ("EN", "en"), ("pt-BR", "pt"), ("pt_BR", "pt"), ("en-us", "en"), ("zh-Hant-TW", "zh"),
    ("uk-UA", "uk"), (" ru ", "ru"), ("en-", "en"),
    ("de-AT, en", "de"),  # Content-Language may list several: the first
    ("fr;q=0.8", "fr"),
    ("iw", "he"), ("in", "id"),  # withdrawn codes still written
    ("rus", "ru"), ("ukr", "uk"), ("ger", "de"), ("deu", "de"), ("por", "pt"),  # ISO 639-2
    ("English", "en"), ("ukrainian", "uk"),
    ("ua", "uk"), ("ua-UA", "uk"), ("cz", "cs"), ("gr", "el"), ("jp", "ja"),  # a country's code for its language's
    ("se", "se"),  # Northern Sami's own code, not Sweden's
])
def test_a_declaration_is_read_as_its_primary_subtag(declared: str, expected: str) -> None:
    assert code(declared) == expected


@pytest.mark.parametrize("declared", [None, "", "  ", "x-default", "*", "und", "zxx", "xx", "-en",
                                      "i-klingon", "Klingon", "12"])
def test_a_declaration_naming_no_known_language_is_none(declared: str | None) -> None:
    assert code(declared) is None


# --------------------------------------------------------------------------- identification

@pytest.mark.parametrize("language", sorted(TEXTS))
def test_each_product_language_is_identified(language: str) -> None:
    assert identify(TEXTS[language]) == language


@pytest.mark.parametrize(("headline", "expected"), [
    ("Переговори в Женеві завершилися без угоди", "uk"),
    ("Переговоры в Женеве завершились без соглашения", "ru"),
    ("Rozmowy w Genewie zakończyły się bez porozumienia", "pl"),
    ("Gespräche in Genf enden ohne Einigung", "de"),
])
def test_a_headline_alone_can_be_enough(headline: str, expected: str) -> None:
    assert identify(headline) == expected


@pytest.mark.parametrize(("headline", "expected"), [
    # Headlines of names mostly, which CLD2 calls unknown.
    ("ביידן ופוטין דנו באוקראינה", "he"),  # a script one language writes
    ("بايدن وبوتين يبحثان أوكرانيا", "ar"),  # Arabic's own yeh, no Persian or Urdu letter
    ("Їжак у Києві", "uk"),  # letters one Cyrillic language writes alone
    ("Байдэн і Пуцін ў Жэневе", "be"),
])
def test_a_headline_too_short_for_cld2_is_told_by_its_letters(headline: str, expected: str) -> None:
    assert identify(headline) == expected


@pytest.mark.parametrize("text", ["", "NATO", "OK", "12:30", "https://news.example.org/2021/12/21/",
                                  "Conversas em Genebra terminam sem acordo",
                                  "Бајден и Путин разговарали о Украјини",  # Serbian or Macedonian: ј is both's
                                  "سلام",  # Arabic, Persian or Urdu
                                  "NATO і ЄС", "האם NATO"])  # too few of the script's letters
def test_too_little_to_be_sure_is_none(text: str) -> None:
    assert identify(text) is None


def test_russian_prose_cld2_calls_unknown_is_told_by_its_letters() -> None:
    # Bing's summary of a Kommersant story: plain Russian, and CLD2 answers "unknown".
    text = ("Россия не собирается ни на кого нападать, но имеет право перемещать войска по своей территории, "
            "заявил пресс-секретарь президента Дмитрий Песков")
    assert identify(text) == "ru"
    # Bulgarian, its "ъ" before a consonant; a Cyrillic text too short to tell: not Russian.
    assert identify("Президентът на Русия Владимир Путин проведе разговор") != "ru"
    assert identify("Коротко") is None


def test_control_characters_and_lone_surrogates_do_not_stop_identification() -> None:
    # CLD2 refuses these as "invalid UTF-8"; they are replaced, and the text is still read.
    hostile = TEXTS["de"][:120] + "\x00\x0b\x1f\x7f\x85\ufffe\U0010ffff\ud800" + TEXTS["de"][120:]
    assert identify(hostile) == "de"


def test_identification_reads_the_first_few_kb_only() -> None:
    text = sample(TEXTS["en"], "", TEXTS["ru"] * 100)
    assert len(text) == SAMPLE_CHARS and text.startswith(TEXTS["en"])
    assert sample("Title", "", "") == "Title"
    assert sample("", "Summary", "Body") == "Summary\nBody"


# --------------------------------------------------------------------------- the decision

def test_no_declaration_takes_a_confident_identification() -> None:
    assert decide(None, "", "", TEXTS["pl"]) == "pl"
    assert decide("x-default", "Переговори в Женеві завершилися без угоди", "", "") == "uk"


def test_a_text_in_one_language_naming_things_in_another_is_that_language() -> None:
    # A German item naming English products and reports, as heise's tech news does (CLD2: 61% German).
    assert decide(None, "Grenzkonflikt: Neue Truppen an der Grenze", "",
                  "Die Analysten werteten die Bilder aus und sprechen von neuen Einheiten an der Grenze. Der "
                  "Bericht erscheint am Dienstag. Genutzt wurden Open Source Intelligence Report, Early Warning "
                  "System for Border Security. Die Regierung in Kiew hat sich bisher nicht geäußert.") == "de"


def test_no_declaration_and_an_unsure_identification_is_unknown() -> None:
    assert decide(None, "NATO", "", "") is None


def test_a_declaration_the_text_agrees_with_is_kept() -> None:
    assert decide("pt-BR", "", "", TEXTS["pt"]) == "pt"


def test_a_declaration_stands_when_the_text_is_too_short_to_tell() -> None:
    assert decide("pt", "NATO", "", "") == "pt"


def test_a_declaration_stands_against_a_headline_alone() -> None:
    # Too little text to overrule the source: a Polish headline in a feed that says it is Czech.
    headline = "Rozmowy w Genewie zakończyły się bez porozumienia"
    assert len(headline) < OVERRIDE_CHARS and identify(headline) == "pl"
    assert decide("cs", headline, "", "") == "cs"


@pytest.mark.parametrize(("declared", "written"), [("en-US", "ru"), ("uk", "ru"), ("ru", "uk"), ("de", "fr")])
def test_a_long_text_overrules_a_declaration_it_contradicts(declared: str, written: str) -> None:
    # A CMS template's en-US on a Russian article; a Ukrainian outlet's Russian version under its
    # feed's <language>uk</language>.
    assert decide(declared, "", "", TEXTS[written]) == written


@pytest.mark.parametrize(("declared", "headline", "expected"), [
    # No letter of the declared language's script: an outlet's English edition under its site's
    # declaration, a Russian headline in a feed that says German, Arabic under English.
    ("uk", "Zelensky meets Biden in Washington to discuss security guarantees", "en"),
    ("ru", "NATO ministers meet in Riga amid troop build-up", "en"),
    ("de", "Путин заявил о готовности к переговорам", "ru"),
    ("en", "بوتين يتحدث مع بايدن عبر الفيديو", "ar"),
    # One script: the headline alone does not overrule the source (a French headline under "en").
    ("en", "Brexit: le Royaume-Uni quitte l'Union européenne", "en"),
    # Chinese's and Japanese's characters: RSSHub's "zh-cn" over a channel's posts in other scripts,
    # and a Japanese headline under "en"
    ("zh-cn", "Вибухи пролунали в Харкові, повідомив міський голова", "uk"),
    ("en-US", "政府が新たな規則を承認した", "ja"),
])
def test_a_short_text_in_another_script_than_the_declared_languages_overrules_it(
        declared: str, headline: str, expected: str) -> None:
    assert len(headline) < OVERRIDE_CHARS and identify(headline) is not None
    assert decide(declared, headline, "", "") == expected


@pytest.mark.parametrize(("declared", "title", "summary", "expected"), [
    # A Ukrainian outlet's items under its feed's <language>ru</language>: Ukrainian's і, ї, є, ґ
    # and none of Russian's ы, э, ъ, ё bear out what CLD2 reads in a headline and a line.
    ("ru", "Синоптик розповів, коли випаде перший сніг", "Жовтень почнеться з бабиного літа.", "uk"),
    ("ru", "У Дніпрі лікарі рятують сапера, який підірвався на Донбасі", "", "uk"),
    ("uk", "Выходные в октябре: сколько дней будут отдыхать украинцы", "", "ru"),
    # Letters of neither (no ы, э, ъ, ё): the headline alone does not overrule the source.
    ("uk", "Путин заявил о готовности к переговорам", "", "uk"),
    # Letters of both (a Ukrainian name in a Russian headline): nor then.
    ("uk", "Зеленский подписал закон о приложении «Дія» и выступил в Раде", "", "uk"),
    # Belarusian (ў, і; no и, щ, ъ) under a Belarusian outlet's "ru", and Russian under "be".
    ("ru", "Лукашэнка заявіў пра ўзмацненне мяжы з Польшчай", "", "be"),
    ("be", "Лукашенко заявил об усилении границы с Польшей", "", "ru"),
    ("uk", "Беларускія памежнікі паведамілі пра мігрантаў на мяжы", "", "be"),
    # too short for CLD2 to say anything: the letters alone (Babel's Russian edition under its "uk")
    ("uk", "Резников: Россия может быть готова к эскалации в конце января", "", "ru"),
    ("uk", "Шольц и Байден", "", "uk"),  # no letter of either
])
def test_a_short_text_whose_letters_tell_ukrainian_russian_and_belarusian_apart_overrules_the_other(
        declared: str, title: str, summary: str, expected: str) -> None:
    assert len(title) + len(summary) < OVERRIDE_CHARS
    assert decide(declared, title, summary, "") == expected


@pytest.mark.parametrize(("title", "summary", "expected"), [
    # A Polish site's Atom feed declaring xml:lang="en" over its Polish items: letters English never writes.
    ("Wojsko wzmacnia granicę z Białorusią", "Żołnierze przyjechali na wschód kraju.", "pl"),
    ("Vojáci posílili hranici s Běloruskem", "Přijeli na východ země.", "cs"),
    # An English headline with a Polish name in it stays English.
    ("Lech Wałęsa calls for calm at the border", "", "en"),
])
def test_a_short_text_claimed_english_with_letters_english_never_writes_overrules_the_claim(
        title: str, summary: str, expected: str) -> None:
    assert len(title) + len(summary) < OVERRIDE_CHARS
    assert decide("en", title, summary, "") == expected


def test_close_kin_keep_the_declared_language() -> None:
    assert identify(NORWEGIAN) == "no"
    assert decide("nb", "", "", NORWEGIAN) == "nb"
    assert decide("da", "", "", NORWEGIAN) == "da"
    assert decide("sv", "", "", NORWEGIAN) == "no"  # Swedish is not among them: the text wins


@pytest.mark.parametrize(("title", "country", "expected"), [
    ("Pembicaraan di perbatasan akan dilanjutkan minggu depan", "id", "id"),  # CLD2: Malay
    ("Pembicaraan di perbatasan akan dilanjutkan minggu depan", "my", "ms"),
    ("Pembicaraan di perbatasan akan dilanjutkan minggu depan", None, "ms"),
    ("Pembicaraan di perbatasan akan dilanjutkan minggu depan", "de", "ms"),  # no kin of the country's
])
def test_the_sites_country_tells_close_kin_apart_where_none_is_declared(title: str, country: str | None,
                                                                         expected: str) -> None:
    assert decide(None, title, "", "", country) == expected
    assert decide("ms", title, "", "", country) == "ms"  # a declaration still stands


def test_an_indonesian_sites_undeclared_headline_is_indonesian() -> None:
    from datetime import datetime, timezone

    from monitor.models import Entry, RawDocument
    from monitor.normalize import normalize

    raw = RawDocument(source="s", kind="feed", location="https://www.example.co.id/rss", body=b"",
                      fetched_at=datetime(2021, 12, 7, tzinfo=timezone.utc))
    entry = Entry(title="Pembicaraan di perbatasan akan dilanjutkan minggu depan",
                  url="https://www.example.co.id/berita/1")
    assert normalize(entry, raw).language == "id"


def test_a_declaration_the_first_kb_confirms_stands_without_reading_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor import language

    read: list[int] = []
    real = language.identify
    monkeypatch.setattr(language, "identify", lambda text: read.append(len(text)) or real(text))
    long_ukrainian = " ".join([TEXTS["uk"]] * 12)
    assert decide("uk", "", "", long_ukrainian) == "uk"
    assert read == [language.CONFIRM_CHARS]
    # Not confirmed: the whole sample is read, and decides as before.
    read.clear()
    assert decide("en-US", "", "", " ".join([TEXTS["ru"]] * 12)) == "ru"
    assert read == [language.CONFIRM_CHARS, SAMPLE_CHARS]


@pytest.mark.parametrize(("declared", "headline"), [
    ("zh-cn", "Каток"),  # no letter of Chinese's script, and too little to tell which language it is
    ("uk", "Biden, Putin"),
])
def test_a_text_without_a_letter_of_the_declared_script_is_not_in_that_language(declared: str, headline: str) -> None:
    assert identify(headline) is None
    assert decide(declared, headline, "", "") is None


def test_a_text_of_too_few_letters_keeps_its_declaration() -> None:
    assert decide("zh-cn", "G7", "", "") == "zh" and decide("uk", "2021", "", "") == "uk"
