"""monitor.rules: compile_rules, match, explain, fold, snippet on plain Item values."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from monitor.models import Hit, Item, Match, Rule
from monitor.rules import compile_rules, explain, fold, match, rule_tree, snippet
from monitor.rules.anchors import ANCHOR_FROM_KEYS
from monitor.rules.folding import TYPOGRAPHY
from monitor.rules.scanning import _automaton_pass
from monitor.query import And, Or, Term, TEXT_FIELDS


def item(body: str = "", title: str = "", summary: str = "", source: str = "wire",
         author: str | None = None, url: str | None = None, language: str | None = None) -> Item:
    return Item(source=source, url=url, guid=None, title=title, author=author, publisher=None,
                published_at=None, published_raw=None, date_suspect=None,
                fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc), summary=summary, body=body,
                content_hash="0" * 16, language=language)


def rule(name: str = "r", **kwargs) -> Rule:
    for key in ("terms", "sources", "exclude_terms", "exclude_sources"):
        if key in kwargs:
            kwargs[key] = tuple(kwargs[key])
    return Rule(name=name, **kwargs)


def run(r: Rule, it: Item, snippet_chars: int = 240) -> list[Match]:
    return match(compile_rules([r], snippet_chars=snippet_chars), it)


def fires(r: Rule, it: Item) -> bool:
    return [m.rule for m in run(r, it)] == [r.name]


def spans(m: Match) -> list[tuple[str, str, int, int, str]]:
    return [(h.term, h.field, h.start, h.end, h.text) for h in m.hits]


def assert_offsets_valid(it: Item, matches: list[Match]) -> None:
    for m in matches:
        for h in m.hits:
            assert it.field_text(h.field)[h.start:h.end] == h.text


# --------------------------------------------------------------------------- whole words, case

@pytest.mark.parametrize("body", ["NATO summit", "nato summit", "Nato summit", "the NATO", "(NATO)",
                                  "NATO-led", "#NATO", "«NATO»"])
def test_case_insensitive_whole_word(body):
    assert fires(rule(terms=["NATO"]), item(body))


@pytest.mark.parametrize("body", ["Donato said", "US senators voted", "NATO2 plan", "natos", "xnato"])
def test_no_match_inside_other_words(body):
    assert run(rule(terms=["NATO"]), item(body)) == []


@pytest.mark.parametrize(("body", "start"), [
    ("NATO's chief spoke", 0),
    ("NATO\u2019s chief spoke", 0),
    ("the NATO\u2019s summit", 4),
])
def test_possessives_match(body, start):
    [m] = run(rule(terms=["NATO"]), item(body))
    assert spans(m) == [("NATO", "body", start, start + 4, "NATO")]


def test_curly_possessive_matches_bare_name():
    it = item("President Zelenskyy\u2019s office said")
    [m] = run(rule(terms=["Zelenskyy"]), it)
    assert spans(m) == [("Zelenskyy", "body", 10, 19, "Zelenskyy")]


@pytest.mark.parametrize(("term", "body", "text"), [
    ("Zelenskyy's", "Zelenskyy\u2019s office", "Zelenskyy\u2019s"),
    ("Zelenskyy\u2019s", "Zelenskyy's office", "Zelenskyy's"),
])
def test_apostrophes_fold_both_ways(term, body, text):
    [m] = run(rule(terms=[term]), item(body))
    assert spans(m) == [(term, "body", 0, 11, text)]


@pytest.mark.parametrize(("term", "body", "text"), [
    # Russian writes "ё" as "е" more often than not: either spelling finds the other.
    ("Королёв", "заявил Королев в понедельник", "Королев"),
    ("Королев", "заявил Королёв в понедельник", "Королёв"),
    # Ukrainian "ї" typed "і", or with the Latin "i" or "ï" an English layout gives.
    ("Україна", "Украiна вимагає гарантій", "Украiна"),
    ("Україна", "Украіна вимагає гарантій", "Украіна"),
    ("Київ", "мер Киïв заявив", "Киïв"),
    ("Київ", "у Києві тихо", None),  # a form of Київ, not Київ: no hit without forms
])
def test_letters_written_either_way_fold_one_for_one(term, body, text):
    found = run(rule(terms=[term]), item(body))
    assert [h.text for m in found for h in m.hits] == ([text] if text else [])
    assert_offsets_valid(item(body), found)


def test_a_latin_i_beside_latin_letters_stays_latin():
    assert fold("iPhone i Biden у Києві") == "iphone i biden у києві"
    assert run(rule(terms=["Україна"]), item("Ukraina i Україна")) and not run(rule(terms=["Ukraina"]), item("Украiна"))


def test_punctuation_after_word_matches():
    it = item("fighting in the Donbas, officials said")
    [m] = run(rule(terms=["Donbas"]), it)
    assert spans(m) == [("Donbas", "body", 16, 22, "Donbas")]


def test_spelling_variants_list():
    r = rule(terms=["Donbas", "Donbass", "Donbass region"])
    [m] = run(r, item("in Donbass today"))
    assert spans(m) == [("Donbass", "body", 3, 10, "Donbass")]
    [m] = run(r, item("Donbas and Donbass"))
    assert spans(m) == [("Donbas", "body", 0, 6, "Donbas"), ("Donbass", "body", 11, 18, "Donbass")]
    assert m.terms == ("Donbas", "Donbass")
    assert m.count == 2
    assert run(r, item("Donbasss")) == []


def test_multi_word_term_across_line_break_and_odd_spaces():
    for body in ("a troop\nwithdrawal was", "a troop\u00a0withdrawal was", "a troop\u2009withdrawal was"):
        it = item(body)
        [m] = run(rule(terms=["troop withdrawal"]), it)
        assert spans(m) == [("troop withdrawal", "body", 2, 18, body[2:18])]


def test_dash_variants_fold():
    it = item("send an e\u2011mail now")
    [m] = run(rule(terms=["e-mail"]), it)
    assert spans(m) == [("e-mail", "body", 8, 14, "e\u2011mail")]


# --------------------------------------------------------------------------- case-sensitive braces

def test_braced_term_does_not_match_italian_nato():
    assert run(rule(terms=["{NATO}"]), item("Il bambino è nato ieri a Roma")) == []
    assert run(rule(query="{NATO}"), item("Il bambino è nato ieri a Roma")) == []
    assert run(rule(query="{NATO}"), item("È nato, Nato, nATO")) == []


def test_braced_term_matches_exact_case():
    [m] = run(rule(terms=["{NATO}"]), item("Il vertice NATO"))
    assert spans(m) == [("NATO", "body", 11, 15, "NATO")]


def test_plain_term_matches_italian_nato():
    assert fires(rule(terms=["NATO"]), item("Il bambino è nato ieri"))


def test_case_sensitive_and_insensitive_rules_side_by_side():
    compiled = compile_rules([rule("cs", query="{NATO}"), rule("ci", query="nato")])
    assert [m.rule for m in match(compiled, item("è nato"))] == ["ci"]
    assert [m.rule for m in match(compiled, item("NATO summit"))] == ["cs", "ci"]


# --------------------------------------------------------------------------- prefixes

@pytest.mark.parametrize(("body", "text"), [
    ("The Ukrainian army", "Ukrainian"), ("Ukraine", "Ukraine"), ("UKRAINIANS", "UKRAINIANS"),
    ("ukrain", "ukrain"),
])
def test_prefix_matches_rest_of_word(body, text):
    it = item(body)
    [m] = run(rule(terms=["Ukrain*"]), it)
    [h] = m.hits
    assert h.text == text
    assert h.term == "Ukrain"
    assert_offsets_valid(it, [m])


def test_prefix_must_start_a_word():
    assert run(rule(terms=["Ukrain*"]), item("preUkrainian")) == []


def test_prefix_and_exact_term_of_same_stem():
    compiled = compile_rules([rule("prefix", terms=["Ukrain*"]), rule("exact", terms=["Ukrain"])])
    assert [m.rule for m in match(compiled, item("Ukrainian"))] == ["prefix"]
    assert [m.rule for m in match(compiled, item("Ukrain"))] == ["prefix", "exact"]


def test_prefix_in_query_with_field():
    [m] = run(rule(query="title:zelensk*"), item(title="Zelenskyy visits", body="zelensky"))
    assert spans(m) == [("zelensk", "title", 0, 9, "Zelenskyy")]


# --------------------------------------------------------------------------- Cyrillic

def test_cyrillic_terms_case_insensitive():
    it = item("Бои в ДОНБАС и в Донбас продолжаются; генсек нато заявил")
    [m] = run(rule(terms=["Донбас"]), it)
    assert [(h.start, h.end, h.text) for h in m.hits] == [(6, 12, "ДОНБАС"), (17, 23, "Донбас")]
    [m] = run(rule(terms=["НАТО"]), it)
    assert spans(m) == [("НАТО", "body", 45, 49, "нато")]
    assert_offsets_valid(it, [m])


def test_cyrillic_whole_word():
    assert run(rule(terms=["Донбас"]), item("в Донбассе")) == []
    assert run(rule(terms=["НАТО"]), item("ПОНАТОРЕЛ")) == []


@pytest.mark.parametrize("term, body, text", [
    # Chinese and Japanese have no spaces between words: a term is found inside a run of them.
    ("普京", "俄罗斯总统普京周一表示，谈判将继续。", "普京"),
    ("プーチン", "ロシアのプーチン大統領は月曜日に述べた。", "プーチン"),
    ("NATO", "北约NATO成员国周一开会。", "NATO"),
    # So do Thai, Lao, Myanmar and Khmer, which put spaces between phrases only.
    ("ยูเครน", "รัสเซียเสริมกำลังใกล้ชายแดนยูเครนในช่วงปลายปี", "ยูเครน"),
    ("นาโต", "ยูเครนเรียกร้องให้พันธมิตรนาโตสนับสนุนเพิ่มเติม", "นาโต"),
    ("ຢູເຄຣນ", "ທະຫານລັດເຊຍຢູ່ໃກ້ຊາຍແດນຢູເຄຣນ", "ຢູເຄຣນ"),
    ("ယူကရိန်း", "ရုရှားနှင့်ယူကရိန်းနယ်စပ်", "ယူကရိန်း"),
    ("អ៊ុយក្រែន", "ព្រំដែនអ៊ុយក្រែននិងរុស្ស៊ី", "អ៊ុយក្រែន"),
    ("NATO", "สมาชิกNATOประชุมที่บรัสเซลส์", "NATO"),
])
def test_terms_are_found_in_text_written_without_spaces(term, body, text):
    [m] = run(rule(terms=[term]), item(body))
    assert [h.text for h in m.hits] == [text]
    assert_offsets_valid(item(body), [m])


def hit_texts(term: str, body: str) -> list[str]:
    """The texts of a one-term rule's hits in a body, their offsets checked."""
    matches = run(rule(terms=[term]), item(body))
    assert_offsets_valid(item(body), matches)
    return [h.text for m in matches for h in m.hits]


@pytest.mark.parametrize("term, body, texts", [
    # Turkish's dotted capital "İ" is an "i": lower() makes it two characters, which had left it as it was.
    ("Istanbul", "Müzakereler İstanbul'da sürüyor", ["İstanbul"]),
    ("İstanbul", "ISTANBUL TALKS and talks in Istanbul", ["ISTANBUL", "Istanbul"]),
    ("Putin", "PUTİN VE ZELENSKİY", ["PUTİN"]),
    # Romanian's comma below and the cedilla older encodings gave it read alike.
    ("Chișinău", "Întâlnire la Chişinău şi la CHIȘINĂU", ["Chişinău", "CHIȘINĂU"]),
    ("Bucureşti", "întâlnire la București", ["București"]),
])
def test_letters_written_two_ways_in_latin_scripts_are_one(term, body, texts):
    assert hit_texts(term, body) == texts


@pytest.mark.parametrize("term, body, texts", [
    # A combining mark (Hindi's, Bengali's vowel signs) is inside a word: "रूस" (Russia) is no word of
    # "रूसी" (Russian), "সরকার" (government) none of "সরকারি" (governmental).
    ("रूस", "रूस ने कहा कि रूसी सेना", ["रूस"]),
    ("यूक्रेन", "यूक्रेनी सेना और यूक्रेन", ["यूक्रेन"]),
    ("সরকার", "সরকারি কর্মকর্তা ও সরকার", ["সরকার"]),
    ("रूस*", "रूसी सेना", ["रूसी"]),  # a prefix term's hit runs to its word's end, marks and all
])
def test_a_combining_mark_is_inside_a_word_not_its_edge(term, body, texts):
    assert hit_texts(term, body) == texts


@pytest.mark.parametrize("term, body, texts", [
    # Korean writes its particles onto the word before them: a term ends before one as before a space.
    ("우크라이나", "우크라이나는 협상을 원한다", ["우크라이나"]),
    ("러시아", "러시아의 푸틴 대통령과 러시아가", ["러시아", "러시아"]),
    ("NATO", "NATO는 성명에서", ["NATO"]),
    ("미국", "남미국가들은", []),  # a word's start is still its edge: "남미" (South America) and "국가" (countries)
])
def test_terms_are_found_before_korean_particles(term, body, texts):
    assert hit_texts(term, body) == texts


@pytest.mark.parametrize("term, body, texts", [
    # Greek capitals drop the stress mark; text typed without it reads the same.
    ("Ουκρανία", "ΕΝΤΑΣΗ ΣΤΑ ΣΥΝΟΡΑ ΤΗΣ ΡΩΣΙΑΣ ΜΕ ΤΗΝ ΟΥΚΡΑΝΙΑ", ["ΟΥΚΡΑΝΙΑ"]),
    ("Ουκρανία", "Ένταση στην Ουκρανια και στην Ουκρανία", ["Ουκρανια", "Ουκρανία"]),
    ("Ρωσίας", "ΣΥΝΟΡΑ ΤΗΣ ΡΩΣΙΑΣ", ["ΡΩΣΙΑΣ"]),  # and its final sigma
    ("ΡΩΣΙΑ", "η Ρωσία απάντησε", ["Ρωσία"]),
    ("Πρωτεΐνη", "πρωτεινη", []),  # the diaeresis is another letter's sound: it stays
])
def test_greek_is_matched_whatever_its_stress_marks(term, body, texts):
    assert hit_texts(term, body) == texts


@pytest.mark.parametrize("term, body, texts", [
    # Arabic and Hebrew write "and", "in", "to", "the"… as a word's first letters: a term is found after them.
    ("ناتو", "قال الأمين العام لحلف الناتو إن التحالف مستعد", ["ناتو"]),
    ("أوكرانيا", "أرسلت واشنطن مساعدات لأوكرانيا وبدأت كييف وأوكرانيا بالاستعداد", ["أوكرانيا", "أوكرانيا"]),
    ("حلف شمال الأطلسي", "اجتماع وزراء خارجية وحلف شمال الأطلسي", ["حلف شمال الأطلسي"]),
    ("אוקראינה", "הכוחות הרוסיים באוקראינה ולאוקראינה ומהאוקראינה", ["אוקראינה", "אוקראינה", "אוקראינה"]),
    # An alef with or without its hamza, a final yeh with or without dots, ta marbuta written as heh,
    # Arabic's kaf for Persian's.
    ("أوكرانيا", "الرئيس الاوكراني وصل إلى اوكرانيا", ["اوكرانيا"]),
    ("الخارجية", "وزارة الخارجيه", ["الخارجيه"]),
    ("مصطفى", "قال مصطفي", ["مصطفي"]),
    ("کی‌یف", "در كییف", ["كییف"]),  # and the term's zero-width non-joiner, which stored text has none of
    ("ناتو", "كالناتو", ["ناتو"]),
    # Other letters before it are a word of their own: "مكان" (place) is no "كان" (was), "حرب" (war) no "رب".
    ("كان", "في هذا المكان", []),
    ("رب", "الحرب في أوكرانيا", []),
    ("נאטו", "ארגון אנאטו", []),
])
def test_terms_are_found_after_arabic_and_hebrew_proclitics(term, body, texts):
    assert hit_texts(term, body) == texts


def test_latin_words_keep_their_boundaries_beside_other_scripts():
    assert run(rule(terms=["NATO"]), item("NATOS 北约")) == []
    assert run(rule(terms=["NATO"]), item("NATOS ยูเครน")) == []
    assert run(rule(terms=["Putin"]), item("Putinism в Москве")) == []


def test_cyrillic_prefix():
    [m] = run(rule(terms=["Донбас*"]), item("в Донбассе"))
    assert m.hits[0].text == "Донбассе"


# --------------------------------------------------------------------------- NEAR

@pytest.mark.parametrize("body", [
    "troops massed along the border",  # 3 words between
    "troops border",
    "the border was crossed by troops",  # either order, 3 between
    "Troops a b c Border",
])
def test_near_true(body):
    it = item(body)
    [m] = run(rule(query="troops NEAR/3 border"), it)
    assert sorted(h.text.lower() for h in m.hits) == ["border", "troops"]
    assert_offsets_valid(it, [m])


@pytest.mark.parametrize("body", [
    "troops were massed all along the long border",
    "troops a b c d border",
    "border a b c d troops",
    "troops only",
])
def test_near_false(body):
    assert run(rule(query="troops NEAR/3 border"), item(body)) == []


def test_near_needs_same_field():
    assert run(rule(query="troops NEAR/3 border"), item(title="troops", body="border")) == []


def test_near_with_phrase_on_the_right():
    assert fires(rule(query='border NEAR/1 "troop withdrawal"'), item("border near troop withdrawal"))


def test_near_with_phrase_on_the_left_is_symmetric():
    # Words between the end of the earlier hit and the start of the later one, in either order.
    r = rule(query='"troop withdrawal" NEAR/1 border')
    assert fires(r, item("troop withdrawal near border"))
    assert fires(r, item("border near troop withdrawal"))
    assert run(r, item("troop withdrawal a b border")) == []
    assert run(r, item("border a b troop withdrawal")) == []


@pytest.mark.parametrize("body", ["NATO's new chief", "NATO\u2019s new chief"])
def test_near_does_not_count_possessive_s_as_a_word(body):
    assert fires(rule(query="NATO NEAR/1 chief"), item(body))
    assert run(rule(query="NATO NEAR/1 chief"), item(body.replace("new", "new, old"))) == []


def test_near_with_or_group():
    r = rule(query="(troops OR soldiers) NEAR/2 border")
    assert fires(r, item("soldiers at the border"))
    assert run(r, item("soldiers far away from the border")) == []


# --------------------------------------------------------------------------- fields

def test_title_prefix_only_sees_title():
    r = rule(query="title:kyiv")
    assert run(r, item(title="News", body="Kyiv", summary="Kyiv")) == []
    [m] = run(r, item(title="Kyiv news", body="Kyiv again"))
    assert spans(m) == [("kyiv", "title", 0, 4, "Kyiv")]


def test_default_fields_are_title_summary_body():
    r = rule(terms=["reuters"])
    assert run(r, item("nothing", source="reuters", author="Reuters")) == []
    [m] = run(r, item(title="Reuters x", summary="via reuters", body="REUTERS"))
    assert [(h.field, h.start) for h in m.hits] == [("title", 0), ("summary", 4), ("body", 0)]


def test_source_and_author_fields():
    [m] = run(rule(query="source:reuters"), item("x", source="reuters"))
    assert spans(m) == [("reuters", "source", 0, 7, "reuters")]
    [m] = run(rule(query="author:smith"), item("x", author="John Smith"))
    assert spans(m) == [("smith", "author", 5, 10, "Smith")]
    assert run(rule(query="author:smith"), item("smith", author=None)) == []


def test_summary_prefix():
    assert fires(rule(query="summary:kyiv"), item(summary="In Kyiv"))
    assert run(rule(query="summary:kyiv"), item(title="Kyiv", body="Kyiv")) == []


# --------------------------------------------------------------------------- vetoes

def test_sources_restricts_rule():
    r = rule(terms=["x"], sources=["a", "b"])
    assert run(r, item("x", source="c")) == []
    assert fires(r, item("x", source="b"))


def test_exclude_sources_vetoes():
    r = rule(terms=["x"], exclude_sources=["spam"])
    assert run(r, item("x", source="spam")) == []
    assert fires(r, item("x", source="good"))


def test_exclude_terms_veto():
    r = rule(terms=["crimea"], exclude_terms=["bridge", "{TASS}"])
    assert run(r, item("Crimea bridge")) == []
    assert run(r, item("Crimea", title="TASS reports")) == []
    assert fires(r, item("Crimea", title="tass reports"))  # braced veto is case-sensitive
    assert fires(r, item("Crimea bridges"))  # whole word only


def test_query_and_terms_are_anded():
    r = rule(terms=["putin", "kremlin"], query="nato")
    assert rule_tree(r) == And((Or((Term("putin", TEXT_FIELDS), Term("kremlin", TEXT_FIELDS))),
                                Term("nato", TEXT_FIELDS)))
    assert run(r, item("putin spoke")) == []
    assert fires(r, item("kremlin and NATO"))


def test_not_query_vetoes_within_query():
    r = rule(query="crimea -bridge")
    assert fires(r, item("Crimea news"))
    assert run(r, item("Crimea bridge")) == []


def test_rule_with_only_not_fires_on_items_without_the_term():
    r = rule(query="NOT crimea")
    [m] = run(r, item("nothing here", title="Quiet day"))
    assert m.rule == "r"
    assert m.hits == ()
    assert m.snippet == "Quiet day"
    assert run(r, item("Crimea bridge")) == []


def test_not_only_rule_still_respects_sources():
    assert run(rule(query="-crimea", sources=["a"]), item("nothing", source="b")) == []


# --------------------------------------------------------------------------- hits, offsets, snippet

def test_hits_ordered_by_field_then_offset_and_offsets_valid():
    it = item(title="NATO and Kyiv", summary="Kyiv: NATO", body="In Kyiv, NATO\u2019s chief; nato again")
    matches = run(rule(terms=["nato", "kyiv"]), it)
    [m] = matches
    assert [(h.field, h.start, h.text) for h in m.hits] == [
        ("title", 0, "NATO"), ("title", 9, "Kyiv"),
        ("summary", 0, "Kyiv"), ("summary", 6, "NATO"),
        ("body", 3, "Kyiv"), ("body", 9, "NATO"), ("body", 23, "nato"),
    ]
    assert m.count == 7
    assert m.terms == ("nato", "kyiv")
    assert_offsets_valid(it, matches)


@pytest.mark.parametrize("title, summary, body", [
    # A Telegram post: its first line is its title (normalize), and still the body's first line.
    ("Putin met Zelensky in Geneva", "", "Putin met Zelensky in Geneva\n\nNATO was told. Putin left."),
    # Its first sentence, when the first paragraph is long; a teaser feed's lead cut short.
    ("Putin met Zelensky.", "", "Putin met Zelensky. Talks went on late. Putin left."),
    ("Putin met Zelensky in…", "", "Putin met Zelensky in Geneva. Putin left."),
    ("Putin met Zelensky...", "Putin met Zelensky at the talks; Putin left.", ""),
])
def test_a_title_that_is_the_texts_opening_is_not_counted_twice(title, summary, body):
    it = item(body, title=title, summary=summary)
    [m] = run(rule(terms=["putin", "zelensky"]), it)
    field = "body" if body else "summary"
    assert [(h.field, h.text) for h in m.hits] == [(field, "Putin"), (field, "Zelensky"), (field, "Putin")]
    assert m.count == 3
    assert_offsets_valid(it, [m])
    [m] = run(rule(query="title:putin"), it)  # a rule that reads titles only still sees it
    assert [(h.field, h.text) for h in m.hits] == [("title", "Putin")]


@pytest.mark.parametrize("title, body", [
    ("Ukraine", "Ukraine\u2019s president spoke."),  # a headline that is the body's first word, not its echo
    ("Putin speaks", "Later, Putin speaks again."),
    ("Putin in Geneva", "Putin in Geneva met the president."),  # the lead repeats the headline's words
])
def test_a_headline_and_a_text_that_opens_otherwise_are_two_mentions(title, body):
    [m] = run(rule(terms=["ukraine", "putin"]), item(body, title=title))
    assert [h.field for h in m.hits] == ["title", "body"]


def test_offsets_survive_characters_that_lower_case_to_two():
    text = "İstanbul hosts NATO\u2019s summit"
    assert len("İ".lower()) == 2  # the reason fold must take care
    it = item(text)
    [m] = run(rule(terms=["nato"]), it)
    assert spans(m) == [("nato", "body", 15, 19, "NATO")]
    assert_offsets_valid(it, [m])


@pytest.mark.parametrize("text", [
    "İstanbul NATO\u2019s “summit” — 2024\u00a0x\u202fy",
    "ΣΊΣΥΦΟΣ Straße ẞ",
    "tab\tnew\nline\r",
    "",
])
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


def test_fold_replaces_every_odd_character_wherever_it_is():
    import random

    odd = "".join(chr(c) for c in TYPOGRAPHY)
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(odd + "aZ .\u0416\u00e9") for _ in range(rng.randrange(40)))
        assert fold(text) == text.translate(TYPOGRAPHY).lower()


def test_fold_values():
    assert fold("NATO\u2019s \u201cWar\u201d \u2014 A\u00a0B") == 'nato\'s "war" - a b'
    assert fold("İSTANBUL") == "istanbul"  # İ is an "i", one character for one
    assert fold("ДОНБАС") == "донбас"


def test_snippet_contains_first_body_hit_and_is_bounded():
    filler = " ".join(f"word{i}" for i in range(200))
    body = f"{filler} the NATO summit opened {filler}"
    it = item(body, title="NATO title")
    for width in (240, 120, 80):
        [m] = run(rule(terms=["NATO"]), it, snippet_chars=width)
        assert "the NATO summit opened" in m.snippet
        assert len(m.snippet) <= width + 2
        assert m.snippet.startswith("…") and m.snippet.endswith("…")
        inner = m.snippet.strip("…").split(" ")
        assert all(w in body.split(" ") for w in inner)  # never cut inside a word


def test_snippet_prefers_body_over_title_then_summary():
    [m] = run(rule(terms=["NATO"]), item("short NATO body", title="NATO title", summary="NATO sum"))
    assert m.snippet == "short NATO body"
    [m] = run(rule(terms=["NATO"]), item("nothing", title="NATO title", summary="a NATO summary"))
    assert m.snippet == "a NATO summary"
    [m] = run(rule(terms=["NATO"]), item("nothing", title="NATO title"))
    assert m.snippet == "NATO title"


def test_snippet_whitespace_is_folded():
    [m] = run(rule(terms=["NATO"]), item("a\n\nNATO   b"))
    assert m.snippet == "a NATO b"


def test_snippet_function_directly():
    texts = {"title": "T", "summary": "", "body": "alpha beta NATO gamma delta"}
    hit = Hit(term="NATO", field="body", start=11, end=15, text="NATO")
    assert snippet(texts, [hit], 240) == "alpha beta NATO gamma delta"
    assert snippet(texts, [], 240) == "T"


# --------------------------------------------------------------------------- several rules, explain

def test_several_rules_match_in_rule_order():
    compiled = compile_rules([rule("a", terms=["kyiv"]), rule("b", terms=["nato"]),
                              rule("c", terms=["moscow"])])
    assert [m.rule for m in match(compiled, item("NATO in Kyiv"))] == ["a", "b"]


def test_compile_rules_with_no_rules():
    compiled = compile_rules([])
    assert compiled.automaton is None
    assert match(compiled, item("anything")) == []


def test_same_term_spelled_differently_in_two_rules_does_not_duplicate_hits():
    compiled = compile_rules([rule("r1", terms=["NATO"]), rule("r2", terms=["nato"])])
    m1, m2 = match(compiled, item("NATO summit"))
    assert (m1.count, m1.terms) == (1, ("NATO",))
    assert (m2.count, m2.terms) == (1, ("nato",))
    assert m1.hits[0].text == m2.hits[0].text == "NATO"


def test_apostrophe_variants_in_two_rules_each_keep_their_own_term():
    compiled = compile_rules([rule("a", terms=["Zelenskyy\u2019s"]), rule("b", terms=["Zelenskyy's"])])
    it = item("Zelenskyy's and Zelenskyy\u2019s")
    a, b = match(compiled, it)
    assert [(h.term, h.start, h.text) for h in a.hits] == [
        ("Zelenskyy\u2019s", 0, "Zelenskyy's"), ("Zelenskyy\u2019s", 16, "Zelenskyy\u2019s")]
    assert [(h.term, h.start, h.text) for h in b.hits] == [
        ("Zelenskyy's", 0, "Zelenskyy's"), ("Zelenskyy's", 16, "Zelenskyy\u2019s")]


def test_case_sensitive_spellings_in_several_rules_stay_apart():
    compiled = compile_rules([rule("cs1", terms=["{NATO}"]), rule("cs2", terms=["{Nato}"]),
                              rule("ci", terms=["nAtO"])])
    it = item("Nato and NATO and nato")
    got = {m.rule: [(h.term, h.start, h.text) for h in m.hits] for m in match(compiled, it)}
    assert got == {
        "cs1": [("NATO", 9, "NATO")],
        "cs2": [("Nato", 0, "Nato")],
        "ci": [("nAtO", 0, "Nato"), ("nAtO", 9, "NATO"), ("nAtO", 18, "nato")],
    }


def test_explain_reasons():
    compiled = compile_rules([
        rule("a", terms=["x"], sources=["s1"]),
        rule("b", terms=["x"], exclude_sources=["s2"]),
        rule("c", terms=["x"], exclude_terms=["y"]),
        rule("d", query="x AND z"),
        rule("e", terms=["qqq"]),
        rule("f", terms=["x"]),
    ])
    assert explain(compiled, item("x y", source="s2")) == [
        ("a", False, "source 's2' is not among ['s1']"),
        ("b", False, "source 's2' is excluded"),
        ("c", False, "vetoed by excluded term(s) ['y']"),
        ("d", False, "query not satisfied (terms present: ['x'])"),
        ("e", False, "no rule term found"),
        ("f", True, "matched 1 time(s): 'x' in body at 0-1: x y"),
    ]


def test_explain_for_not_query():
    compiled = compile_rules([rule("calm", query="NOT crimea")])
    assert explain(compiled, item("Crimea")) == [
        ("calm", False, "query not satisfied (terms present: ['Crimea'])")]
    assert explain(compiled, item("quiet")) == [("calm", True, "matched 0 time(s): ")]


def test_case_sensitive_prefix():
    [m] = run(rule(query="{Ukrain*}"), item("ukrainian Ukrainian UKRAINE"))
    assert spans(m) == [("Ukrain", "body", 10, 19, "Ukrainian")]


def test_case_sensitive_and_insensitive_prefix_rules_side_by_side():
    compiled = compile_rules([rule("cs", terms=["{Ukrain*}"]), rule("ci", terms=["ukrain*"])])
    got = {m.rule: [(h.start, h.text) for h in m.hits] for m in match(compiled, item("ukrainian Ukrainian"))}
    assert got == {"cs": [(10, "Ukrainian")], "ci": [(0, "ukrainian"), (10, "Ukrainian")]}


def test_case_sensitive_veto_does_not_leak_into_other_rules():
    compiled = compile_rules([rule("x", terms=["crimea"], exclude_terms=["{TASS}"]),
                              rule("y", terms=["tass"])])
    assert [m.rule for m in match(compiled, item("crimea tass"))] == ["x", "y"]
    assert [m.rule for m in match(compiled, item("crimea TASS"))] == ["y"]


@pytest.mark.parametrize(("body", "expected"), [
    ("troops border", True), ("troops, border", True), ("border troops", True), ("troops x border", False),
])
def test_near_zero_means_adjacent(body, expected):
    assert fires(rule(query="troops NEAR/0 border"), item(body)) is expected


def test_near_same_term_needs_two_occurrences():
    r = rule(query="nato NEAR/2 nato")
    assert fires(r, item("nato a nato"))
    assert run(r, item("nato")) == []


# --------------------------------------------------------------------------- ONEAR

@pytest.mark.parametrize(("body", "expected"), [
    ("NATO warned Russia on Tuesday", True),  # one word between, in order
    ("NATO Russia", True),
    ("NATO, as before, told Russia", True),  # 3 words between
    ("Russia warned NATO on Tuesday", False),  # the wrong order
    ("NATO said on Tuesday that Russia", False),  # 4 words between
    ("Russia and NATO, then Russia again", True),  # the second Russia comes after NATO
])
def test_onear_needs_the_right_term_after_the_left_one(body, expected):
    it = item(body)
    matches = run(rule(query="NATO ONEAR/3 Russia"), it)
    assert bool(matches) is expected
    assert_offsets_valid(it, matches)
    assert fires(rule(query="NATO NEAR/3 Russia"), it) is (expected or body.startswith("Russia warned"))


def test_onear_zero_means_right_after():
    r = rule(query='"troop withdrawal" ONEAR/0 border')
    assert fires(r, item("a troop withdrawal border deal"))
    assert run(r, item("border troop withdrawal")) == []


def test_onear_with_a_group_keeps_only_pairs_in_order():
    [m] = run(rule(query="(troops OR soldiers) ONEAR/2 border"), item("border soldiers; troops at the border"))
    assert [(h.text, h.start) for h in m.hits] == [("troops", 17), ("border", 31)]


# --------------------------------------------------------------------------- site:, lang:

@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.bbc.co.uk/news/world-europe-1", True),
    ("https://bbc.co.uk/news/1", True),
    ("https://feeds.bbci.co.uk/news/1", False),
    ("https://news.bbc.co.uk/2/hi/europe/1.stm", True),
    ("https://notbbc.co.uk/1", False),
    ("https://bbc.co.uk.example.net/1", False),
    (None, False),  # a file without a link has no site
])
def test_site_matches_the_host_and_its_sub_domains(url, expected):
    assert fires(rule(query="site:bbc.co.uk Donbas"), item("Donbas", url=url)) is expected
    assert fires(rule(query="domain:BBC.co.uk"), item("anything", url=url)) is expected


def test_site_alone_or_negated_fires_without_a_term():
    compiled = compile_rules([rule("kremlin media", query="site:rt.com OR site:tass.ru"),
                              rule("not state media", query="Donbas -site:rt.com"),
                              rule("elsewhere", query="NOT site:rt.com")])
    assert [m.rule for m in match(compiled, item("quiet", url="https://www.rt.com/news/1"))] == ["kremlin media"]
    assert [m.rule for m in match(compiled, item("Donbas", url="https://kyivindependent.com/a"))] == \
        ["not state media", "elsewhere"]


@pytest.mark.parametrize(("language", "expected"), [("ru", True), ("uk", False), (None, False)])
def test_lang_matches_the_item_language(language, expected):
    assert fires(rule(query="lang:ru NATO"), item("НАТО NATO", language=language)) is expected


def test_lang_and_site_together_and_explained():
    r = rule("ru outside Russia", query="lang:ru -site:ru")
    assert fires(r, item("x", language="ru", url="https://meduza.io/news/1"))
    assert run(r, item("x", language="ru", url="https://ria.ru/1")) == []
    assert explain(compile_rules([r]), item("x", language="uk", url="https://ria.ru/1")) == [
        ("ru outside Russia", False, "no rule term found; the item's site is ria.ru, its language uk")]


# --------------------------------------------------------------------------- tag:

def test_tag_matches_items_from_the_sources_carrying_it():
    r = rule("ukrainian outlets", query="tag:ukraine NATO", tag_sources=(("ukraine", ("kyiv", "lviv")),))
    assert fires(r, item("NATO", source="kyiv"))
    assert fires(r, item("NATO", source="lviv"))
    assert not fires(r, item("NATO", source="wire"))
    assert not fires(r, item("nothing", source="kyiv"))


def test_tag_alone_or_negated_fires_without_a_term():
    tagged = (("state media", ("rt", "tass")),)
    compiled = compile_rules([rule("kremlin media", query='tag:"state media"', tag_sources=tagged),
                              rule("independent", query='Donbas NOT tag:"state media"', tag_sources=tagged)])
    assert [m.rule for m in match(compiled, item("quiet", source="tass"))] == ["kremlin media"]
    assert [m.rule for m in match(compiled, item("Donbas", source="kyiv"))] == ["independent"]


def test_a_tag_the_rule_was_not_told_about_holds_for_no_item():
    assert not fires(rule(query="tag:ukraine"), item("x", source="kyiv"))


def test_tag_explained():
    r = rule("ukrainian outlets", query="tag:ukraine NATO", tag_sources=(("ukraine", ("kyiv",)),))
    assert explain(compile_rules([r]), item("x", source="kyiv")) == [
        ("ukrainian outlets", False,
         "no rule term found; the item's site is unknown, its language unknown, its source kyiv tagged ukraine")]
    assert explain(compile_rules([r]), item("NATO", source="wire"))[0][2].endswith(
        "its source wire tagged with none of the rule")


# --------------------------------------------------------------------------- many rules, one item

def test_a_hit_found_through_two_terms_written_alike_counts_once():
    # "NATO" and "{NATO}" are two terms (two hit lists) that find the same hit, named alike.
    [m] = run(rule(terms=["NATO", "{NATO}", "nato"]), item("NATO and NATO-led, nato too"))
    assert spans(m) == [("NATO", "body", 0, 4, "NATO"), ("nato", "body", 0, 4, "NATO"),
                        ("NATO", "body", 9, 13, "NATO"), ("nato", "body", 9, 13, "NATO"),
                        ("NATO", "body", 19, 23, "nato"), ("nato", "body", 19, 23, "nato")]
    assert m.count == 6


def test_rules_sharing_terms_each_get_their_hits_snippet_and_order():
    rules = [rule(f"r{i}", terms=[["Crimea", "NATO"], ["NATO"], ["{Crimea}", "Kyiv*"], ["Donbas"]][i % 4])
             for i in range(40)]
    rules.append(rule("q", query="Crimea NEAR/3 NATO"))
    rules.append(rule("cs only", terms=["{CRIMEA}"]))
    body = "Kyivans said NATO met.\n\nIn  Crimea, NATO ships sailed."
    matches = match(compile_rules(rules), item(body, title="Crimea"))
    assert [m.rule for m in matches] == [f"r{i}" for i in range(40) if i % 4 != 3] + ["q"]
    by_name = {m.rule: m for m in matches}
    assert spans(by_name["r0"]) == [("Crimea", "title", 0, 6, "Crimea"), ("NATO", "body", 13, 17, "NATO"),
                                    ("Crimea", "body", 28, 34, "Crimea"), ("NATO", "body", 36, 40, "NATO")]
    assert spans(by_name["r2"]) == [("Crimea", "title", 0, 6, "Crimea"), ("Kyiv", "body", 0, 7, "Kyivans"),
                                    ("Crimea", "body", 28, 34, "Crimea")]
    assert by_name["r0"].snippet == "Kyivans said NATO met. In Crimea, NATO ships sailed."
    assert spans(by_name["q"]) == [("NATO", "body", 13, 17, "NATO"), ("Crimea", "body", 28, 34, "Crimea"),
                                   ("NATO", "body", 36, 40, "NATO")]


# Texts whose words are Latin-1 once folded are scanned by the word-anchored automaton (signs beyond
# Latin-1 made spaces, unless a key holds one); any other text by the plain one. Both must find the
# same hits: these rules and texts go through both.
_PASS_RULES = [
    rule("nato", terms=["NATO", "NATO-led", "North Atlantic Alliance", "{NBF}", "Kelorle*"]),
    rule("signs", terms=["5 \u20ac", "a\u2022b", "NATO\u2026"]),
    rule("punct", terms=["C++", "-led", "u.s.", "'s", "Ætna", "café", "x²"]),
    rule("query", query='"grain exports" NEAR/3 (Odesa OR Odessa) AND NOT {HOAX}'),
    rule("forms", terms=["Straße", "Donbas"], forms=("de", "ru")),
    rule("more", terms=["Kyiv", "Kiev", "Zelensk*", "{EU}", "Black Sea", "grain deal", "São Paulo"]),
]
_PASS_TEXTS = [
    "NATO", "NATO-led troops", "(NATO) and nato.", "nato-led, NATO led, NATO–led", "DonatoNATO NATO_x nato2",
    "north atlantic  alliance; North-Atlantic alliance", "{NBF} NBF nbf", "Kelorlev, kelorle, xkelorle",
    "C++ and c++, C+++", "non-led, -led, mis-led", "the u.s. and U.S.A.", "NATO's, NATO\u2019s", "Ætna ætna AETNA",
    "café, Café. cafés", "x² x2 x²y", "grain exports to Odesa; grain exports near Odessa", "grain exports Odesa HOAX",
    "Straße, Straßen und strasse", "Donbas Donbass", "\u00a0NATO\u00a0", "«NATO»", "NATO\nNATO\tNATO", "",
    "µNATO ºNATO ·NATO ¿NATO? ¡NATO!", "Kyiv/Kiev, Zelensky's EU eu-grain deal; black-sea Black Sea",
    "são paulo São-Paulo SÃO PAULO",
    "NATO\u2026NATO \u2026nato\u2026 \u2122NATO NATO\u2022led \U0001f1fa\U0001f1e6NATO, NATO\U0001f600",
    "\u0142NATO NATO\u0142 Kyiv\u2026 \u017celensky Zelensky\u0107", "costs 5 \u20ac, 5\u20ac, 25 \u20ac",
    "a\u2022b a \u2022 b xa\u2022b", "cafe\u0301 x\u0301nato NATO\u0301",
]


@pytest.mark.parametrize("signs", [True, False], ids=["keys-with-signs", "keys-without"])
@pytest.mark.parametrize("text", _PASS_TEXTS)
def test_anchored_and_plain_automata_find_the_same_hits(text, signs):
    compiled = compile_rules(_PASS_RULES if signs else [r for r in _PASS_RULES if r.name != "signs"])
    assert compiled.anchored is not None
    latin = item(body=text, title=text[:20], summary=text[::-1])
    other = item(body=text + " \u20ac", title=text[:20] + "\u2026", summary=text[::-1] + "\u0416")
    anchored = match(compiled, latin), explain(compiled, latin), match(compiled, other)
    compiled.anchored = None  # every text through the plain automaton
    assert (match(compiled, latin), explain(compiled, latin), match(compiled, other)) == anchored


def test_a_text_whose_words_are_latin1_is_scanned_anchored_whatever_its_signs():
    compiled = compile_rules(_PASS_RULES[:1] + _PASS_RULES[2:])  # no key holds a sign beyond Latin-1
    for text in ("Kyiv\u2026 NATO \u2022 \u20ac5 \u2122 \U0001f600", "plain NATO"):
        assert _automaton_pass(compiled, fold(text))[0] is compiled.anchored
    for text in ("NATO \u0142\u00f3d\u017a", "NATO \u0416"):  # a word beyond Latin-1
        assert _automaton_pass(compiled, fold(text))[0] is compiled.automaton
    with_sign = compile_rules(_PASS_RULES)  # "5 €": a text with "€" could hold it
    assert _automaton_pass(with_sign, fold("NATO \u20ac5"))[0] is with_sign.automaton
    assert _automaton_pass(with_sign, fold("NATO\u2026"))[0] is with_sign.automaton
    assert _automaton_pass(with_sign, fold("NATO \u2122"))[0] is with_sign.anchored


def test_anchored_automaton_leaves_out_keys_no_latin1_text_holds():
    compiled = compile_rules(_PASS_RULES + [rule("ru", terms=["Донбасс"])])
    assert compiled.anchored is not None and " донбасс" not in compiled.anchored
    assert [spans(m) for m in match(compiled, item(body="в Донбассе, Донбасс."))] == [
        [("Донбасс", "body", 12, 19, "Донбасс")]]
    assert [m.rule for m in match(compiled, item(body="Donbas"))] == ["forms"]


def test_few_keys_are_scanned_by_the_plain_automaton_only():
    assert compile_rules([rule("nato", terms=["NATO"])]).anchored is None
    assert len(compile_rules(_PASS_RULES).leaves_by_key) >= ANCHOR_FROM_KEYS


def test_anchored_scan_finds_a_term_at_the_start_after_punctuation_and_not_inside_words():
    r = rule("nato", terms=["NATO", "north atlantic alliance"])
    assert [spans(m) for m in run(r, item(body="NATO,(nato) North-Atlantic alliance éNATO north atlantic alliance"))] == [
        [("NATO", "body", 0, 4, "NATO"), ("NATO", "body", 6, 10, "nato"),
         ("north atlantic alliance", "body", 42, 65, "north atlantic alliance")]]


def test_hits_and_matches_equal_those_their_classes_build_and_survive_pickling():
    import pickle

    [m] = run(rule("nato", terms=["NATO"]), item(body="The NATO summit."))
    hit = Hit(term="NATO", field="body", start=4, end=8, text="NATO")
    assert m == Match(rule="nato", hits=(hit,), snippet="The NATO summit.")
    assert hash(m.hits[0]) == hash(hit) and pickle.loads(pickle.dumps(m)) == m
    with pytest.raises(AttributeError):
        m.hits[0].start = 0  # type: ignore[misc]


def test_a_query_rule_is_looked_at_only_for_hits_that_can_make_it_true():
    import itertools

    r = rule("q", query="(Kyiv OR Kiev) NEAR/5 grain AND (Odesa OR Odessa OR Mykolaiv) AND NOT hoax",
             exclude_terms=["satire"])
    compiled = compile_rules([r])
    # An AND needs every part: the keys of one part (the one with the fewest) make it a candidate; a
    # hit of a term under NOT, of an excluded term or of another part alone never does.
    assert sorted(compiled.tree_rules_by_key) == ["grain"]
    for words in itertools.product(*[["", w] for w in ("Kyiv", "grain", "Odessa", "hoax", "satire")]):
        body = " ".join(w for w in words if w)
        expected = all(words[:3]) and not words[3] and not words[4]
        assert bool(match(compiled, item(body))) == expected, body
    # A part that can be true without a hit (NOT, site:) leaves the rule checked on every item.
    either = compile_rules([rule("n", query="Kyiv OR NOT Odesa")])
    assert either.tree_rules_by_key == {} and [m.rule for m in match(either, item("nothing here"))] == ["n"]
    assert match(either, item("Odesa")) == [] and [m.rule for m in match(either, item("Kyiv, Odesa"))] == ["n"]


def test_a_terms_invisible_characters_are_left_out_as_stored_text_has_none():
    # A Persian term typed with its zero-width non-joiner, and a soft hyphen pasted with a German one:
    # clean text has neither (clean.text), so the term is matched without them.
    assert [h.text for m in run(rule(terms=["می‌کنند"]), item("آنها گفتگو میکنند")) for h in m.hits] == ["میکنند"]
    assert [h.text for m in run(rule(query='"Ukrai\u00adne"'), item("die Ukraine")) for h in m.hits] == ["Ukraine"]


def test_a_term_written_with_its_accents_apart_is_matched_as_stored_text_composes_them():
    # "Chișinău" pasted from a PDF or a Mac's file name: each accent a combining mark after its letter
    # (NFD); stored text is composed (NFC, clean.text).
    decomposed = "Chis\u0326ina\u0306u"
    assert [h.text for m in run(rule(terms=[decomposed]), item("Talks in Chișinău")) for h in m.hits] == ["Chișinău"]
    assert [h.text for m in run(rule(query=decomposed), item("Talks in Chișinău")) for h in m.hits] == ["Chișinău"]
