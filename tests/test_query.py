"""monitor.query: parse_query trees and QuerySyntaxError messages."""

from __future__ import annotations

import pytest

from monitor.query import (TEXT_FIELDS, And, Lang, Near, Not, Or, QuerySyntaxError, Site, Term, check_term,
                           parse_query, terms_of, with_forms)


def T(text: str, fields: tuple[str, ...] = TEXT_FIELDS, case_sensitive: bool = False,
      prefix: bool = False) -> Term:
    return Term(text, fields, case_sensitive, prefix)


# --------------------------------------------------------------------------- trees

def test_single_term():
    assert parse_query("donbas") == T("donbas")
    assert T("x").fields == ("title", "summary", "body")


@pytest.mark.parametrize("query", ["a OR b", "a or b", "a Or b"])
def test_or(query):
    assert parse_query(query) == Or((T("a"), T("b")))


def test_or_is_flat():
    assert parse_query("a OR b OR c") == Or((T("a"), T("b"), T("c")))


@pytest.mark.parametrize("query", ["a AND b", "a and b", "a b", "  a   b  "])
def test_and_explicit_and_implicit(query):
    assert parse_query(query) == And((T("a"), T("b")))


def test_mixed_explicit_and_implicit_and_is_flat():
    assert parse_query("a b AND c") == And((T("a"), T("b"), T("c")))


def test_and_binds_tighter_than_or():
    assert parse_query("a OR b c") == Or((T("a"), And((T("b"), T("c")))))
    assert parse_query("a AND b OR c") == Or((And((T("a"), T("b"))), T("c")))


@pytest.mark.parametrize("query", ["NOT a", "not a", "-a"])
def test_not(query):
    assert parse_query(query) == Not(T("a"))


@pytest.mark.parametrize("query", ["a -b", "a NOT b", "a AND NOT b", "a AND -b"])
def test_and_not(query):
    assert parse_query(query) == And((T("a"), Not(T("b"))))


def test_not_inside_or():
    assert parse_query("x OR -y") == Or((T("x"), Not(T("y"))))


def test_double_not():
    assert parse_query("NOT NOT a") == Not(Not(T("a")))


def test_hyphen_inside_word_is_not_a_minus():
    assert parse_query("e-mail") == T("e-mail")
    assert parse_query("a-b") == T("a-b")


def test_parentheses():
    assert parse_query("(a OR b) AND c") == And((Or((T("a"), T("b"))), T("c")))
    assert parse_query("a (b OR c)") == And((T("a"), Or((T("b"), T("c")))))
    assert parse_query("((a))") == T("a")


def test_nested_parentheses():
    assert parse_query("a OR (b AND (c OR d))") == \
        Or((T("a"), And((T("b"), Or((T("c"), T("d")))))))


def test_not_group():
    assert parse_query("-(a OR b)") == Not(Or((T("a"), T("b"))))


@pytest.mark.parametrize(("query", "expected"), [
    ('"troop withdrawal"', "troop withdrawal"),
    ('"  spaced   phrase  "', "spaced phrase"),
    ('"north atlantic alliance"', "north atlantic alliance"),
])
def test_phrases(query, expected):
    assert parse_query(query) == T(expected)


def test_phrase_in_a_tree():
    assert parse_query('putin AND (nato OR "north atlantic alliance")') == \
        And((T("putin"), Or((T("nato"), T("north atlantic alliance")))))


def test_operators_inside_phrase_are_words():
    assert parse_query('"war AND peace"') == T("war AND peace")


@pytest.mark.parametrize("query", ['"troop withdrawal" NEAR/5 border', '"troop withdrawal" near/5 border'])
def test_near(query):
    assert parse_query(query) == Near(T("troop withdrawal"), T("border"), 5)


def test_near_with_or_group():
    assert parse_query("(a OR b) NEAR/2 c") == Near(Or((T("a"), T("b"))), T("c"), 2)
    assert parse_query("c NEAR/10 (a OR b)") == Near(T("c"), Or((T("a"), T("b"))), 10)


def test_near_binds_tighter_than_not_and_and():
    assert parse_query("NOT a NEAR/2 b") == Not(Near(T("a"), T("b"), 2))
    assert parse_query("x a NEAR/2 b") == And((T("x"), Near(T("a"), T("b"), 2)))


@pytest.mark.parametrize("query", ["a NEAR b", "a near b", "a ONEAR b"])
def test_near_without_distance_is_an_error_not_a_word(query):
    e = error(query)
    assert e.position == 3
    assert str(e).startswith(f"position 3: expected {query.split()[1].upper()}/n with a distance n")
    assert parse_query('a "near" b') == And((T("a"), T("near"), T("b")))  # quoted, it is the word


@pytest.mark.parametrize("query", ["NATO ONEAR/3 Russia", "NATO onear/3 Russia"])
def test_onear_is_ordered_near(query):
    assert parse_query(query) == Near(T("NATO"), T("Russia"), 3, ordered=True)
    assert parse_query("NATO NEAR/3 Russia").ordered is False


def test_onear_with_groups_and_fields():
    assert parse_query('(troops OR soldiers) ONEAR/2 "the border"') == \
        Near(Or((T("troops"), T("soldiers"))), T("the border"), 2, ordered=True)
    assert parse_query("title:(a ONEAR/1 b)") == Near(T("a", ("title",)), T("b", ("title",)), 1, ordered=True)


@pytest.mark.parametrize("field", ["title", "body", "source", "author", "summary"])
def test_field_prefix(field):
    assert parse_query(f"{field}:word") == T("word", (field,))


def test_field_prefix_is_case_insensitive_and_lower_cased():
    assert parse_query("TITLE:x") == T("x", ("title",))


def test_field_prefix_on_phrase_and_braces():
    assert parse_query('body:"x y"') == T("x y", ("body",))
    assert parse_query("title:{NATO}") == T("NATO", ("title",), case_sensitive=True)


def test_field_prefix_binds_tightest():
    assert parse_query("title:a OR b") == Or((T("a", ("title",)), T("b")))
    assert parse_query("title:a b") == And((T("a", ("title",)), T("b")))


def test_unknown_field_prefix_is_an_error_not_a_literal():
    e = error("headline:NATO")
    assert str(e).startswith("position 1: expected a field prefix (title, summary, body, author, source)")
    assert parse_query('"a:b"') == T("a:b")  # quoted, a colon is just text
    assert parse_query("10:30") == T("10:30")  # so is a time
    assert parse_query("http://example.org/x") == T("http://example.org/x")


def test_braces_are_case_sensitive():
    assert parse_query("{NATO}") == T("NATO", case_sensitive=True)
    assert parse_query("{Case} OR case") == Or((T("Case", case_sensitive=True), T("case")))


def test_prefix_star():
    assert parse_query("Ukrain*") == T("Ukrain", prefix=True)
    assert parse_query("title:zelensk*") == T("zelensk", ("title",), prefix=True)
    assert parse_query("{Ukrain*}") == T("Ukrain", case_sensitive=True, prefix=True)


def test_field_prefix_applies_to_every_term_of_a_group():
    title = ("title",)
    assert parse_query("title:(a OR b)") == Or((T("a", title), T("b", title)))
    assert parse_query("title:(a -b)") == And((T("a", title), Not(T("b", title))))
    assert parse_query('body:(x NEAR/2 "y z")') == Near(T("x", ("body",)), T("y z", ("body",)), 2)
    assert parse_query("author:({Smith} OR jon*)") == \
        Or((T("Smith", ("author",), case_sensitive=True), T("jon", ("author",), prefix=True)))


def test_field_prefix_group_leaves_following_terms_alone():
    assert parse_query("title:(a OR b) c") == And((Or((T("a", ("title",)), T("b", ("title",)))), T("c")))


def test_terms_of_lists_leaves_in_order():
    tree = parse_query('a OR (b AND -c) OR "d e" NEAR/3 title:f')
    assert [t.text for t in terms_of(tree)] == ["a", "b", "c", "d e", "f"]
    assert terms_of(tree)[-1].fields == ("title",)


def test_parse_results_are_hashable_values():
    assert parse_query("a OR b") == parse_query("a  or  b")
    assert hash(parse_query("a OR b")) == hash(parse_query("a or b"))


# --------------------------------------------------------------------------- errors

def error(query: str) -> QuerySyntaxError:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    return info.value


def test_unclosed_paren():
    e = error("(a OR b")
    assert e.position == 8
    assert str(e) == "position 8: expected ')', found the end of the query"


def test_unclosed_paren_after_terms():
    e = error("x (a OR b")
    assert e.position == 10
    assert "expected ')'" in str(e)


def test_trailing_and():
    e = error("a AND")
    assert e.position == 6
    assert str(e) == "position 6: expected a term, found the end of the query"


def test_trailing_or():
    assert str(error("a OR")) == "position 5: expected a term, found the end of the query"


def test_unclosed_quote():
    e = error('border "troop withdrawal')
    assert e.position == 8  # where the phrase opens
    assert str(e) == 'position 8: expected a closing ", found the end of the query'


def test_unclosed_brace():
    e = error("a {NATO")
    assert e.position == 3
    assert "expected a closing }" in str(e)


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query(query):
    e = error(query)
    assert e.position == 1
    assert str(e) == "position 1: expected a term, found an empty query"


def test_near_with_and_group_on_the_left():
    e = error("(a AND b) NEAR/3 c")
    assert e.position == 11  # the NEAR operator
    assert str(e) == ("position 11: expected terms or phrases on both sides of NEAR, "
                      "found a group with AND, NOT or NEAR")


def test_near_with_and_group_on_the_right():
    e = error("c NEAR/3 (a AND b)")
    assert e.position == 3
    assert "terms or phrases on both sides of NEAR" in str(e)


def test_chained_near_is_refused():
    e = error("a NEAR/1 b NEAR/2 c")
    assert e.position == 12
    assert "both sides of NEAR" in str(e)


@pytest.mark.parametrize(("query", "position", "expected", "found"), [
    ("NOT", 4, "a term", "the end of the query"),
    ("()", 2, "a term", "')'"),
    ("a)", 2, "an operator or the end of the query", "')'"),
    ("a }", 3, "a term", "'}'"),
    ("title:title:x", 7, "a term", "a second field prefix"),
    ("title:", 7, "a term", "the end of the query"),
    ("OR a", 1, "a term", "'OR'"),
    ("a AND AND b", 7, "a term", "'AND'"),
    ('""', 1, "a term with a letter or digit", "'\"\"'"),
    ("*", 1, "a term with a letter or digit", "'*'"),
    ("a NEAR/2", 9, "a term", "the end of the query"),
    ("NEAR/2 a", 1, "a term", "'NEAR/2'"),
    ("a NEAR/3 -b", 10, "a term", "'-'"),
])
def test_other_errors(query, position, expected, found):
    e = error(query)
    assert e.position == position
    assert str(e) == f"position {position}: expected {expected}, found {found}"


def test_query_syntax_error_is_a_monitor_error():
    from monitor.errors import MonitorError

    e = error("(a")
    assert isinstance(e, MonitorError) and e.stage == "query"


# --------------------------------------------------------------------------- syntax from other languages

@pytest.mark.parametrize(("query", "position", "found"), [
    ("NATO~", 5, "'~'"),  # Lucene fuzzy
    ('"troop withdrawal"~5', 19, "'~'"),  # Lucene proximity after a phrase
    ("Ukrain?", 7, "'?'"),  # single-letter wildcard
    ("Zel*sky", 4, "'*'"),  # a star inside a word
    ("Putin^2", 6, "'^'"),  # boost
    ("[2021 TO 2022]", 1, "'['"),  # range
    ("date>2021", 5, "'>'"),
    ("NATO | Russia", 6, "'|'"),
    ("+NATO Russia", 1, "'+'"),  # Lucene "must"
    ("!NATO", 1, "'!'"),  # NOT in some languages
    ("Donbas, Crimea", 7, "','"),  # a list is written with OR
    ("title:NATO~", 11, "'~'"),  # after a field prefix
    ("{NATO~}", 6, "'~'"),  # braces make a term case-sensitive, not literal
    ("a OR b\\c", 7, "'\\\\'"),
])
def test_special_characters_are_errors_naming_their_position(query, position, found):
    e = error(query)
    assert e.position == position
    assert str(e).startswith(f"position {position}: expected a letter, a digit or a trailing *, found {found} (")
    assert "quote the text to look for it" in str(e)


@pytest.mark.parametrize(("query", "position", "found"), [
    ("NATO W/5 Russia", 6, "'W/5'"),  # LexisNexis proximity
    ("NATO pre/3 Russia", 6, "'pre/3'"),
    ("NATO NEAR/3f Russia", 6, "'NEAR/3f'"),  # Brandwatch's forward NEAR: ONEAR/3 here
])
def test_operators_of_other_languages_are_errors(query, position, found):
    e = error(query)
    assert e.position == position
    assert found in str(e) and "expected" in str(e)


@pytest.mark.parametrize(("query", "text"), [
    ('"NATO~"', "NATO~"), ('"Ukrain?"', "Ukrain?"), ('"Donbas, Crimea"', "Donbas, Crimea"),
    ("C++", "C++"), ("AT&T", "AT&T"), ("U.S.", "U.S."), ("24/7", "24/7"), ("G7+", "G7+"),
    ("e-mail", "e-mail"), ("#NATO", "#NATO"), ("1,000", "1,000"),
])
def test_quoted_text_and_ordinary_punctuation_are_words(query, text):
    assert parse_query(query) == T(text)


def test_a_query_on_several_lines_names_line_and_column():
    e = error("(Donbas OR Donbass)\n  AND shelling~")
    assert e.position == 35
    assert str(e).startswith("line 2, column 15: expected a letter, a digit or a trailing *, found '~'")


def test_terms_entries_are_checked_for_syntax_too():
    for fine in ("NATO", "{NATO}", "Ukrain*", "troop withdrawal", "AT&T", "NATO's", "near miss"):
        check_term(fine)
    for bad, position in (("NATO~", 5), ("Ukrain?", 7), ("{Zel*sky}", 5), ("troop withdr~", 13)):
        with pytest.raises(QuerySyntaxError) as caught:
            check_term(bad)
        assert caught.value.position == position


# --------------------------------------------------------------------------- site:, domain:, lang:

@pytest.mark.parametrize(("query", "host"), [
    ("site:bbc.co.uk", "bbc.co.uk"), ("domain:bbc.co.uk", "bbc.co.uk"), ("SITE:WWW.BBC.CO.UK", "www.bbc.co.uk"),
    ("site:bbc.co.uk.", "bbc.co.uk"), ('site:"kyivindependent.com"', "kyivindependent.com"),
    ("site:пример.рф", "xn--e1afmkfd.xn--p1ai"),  # as canonical URLs write the host
])
def test_site_field(query, host):
    assert parse_query(query) == Site(host)


@pytest.mark.parametrize(("query", "code"), [("lang:ru", "ru"), ("LANG:UK", "uk")])
def test_lang_field(query, code):
    assert parse_query(query) == Lang(code)


def test_site_and_lang_combine_with_terms():
    assert parse_query("Donbas site:bbc.co.uk -lang:ru") == And((T("Donbas"), Site("bbc.co.uk"), Not(Lang("ru"))))
    assert parse_query("(site:rt.com OR site:tass.ru) NATO") == \
        And((Or((Site("rt.com"), Site("tass.ru"))), T("NATO")))
    assert terms_of(parse_query("Donbas site:bbc.co.uk")) == [T("Donbas")]


@pytest.mark.parametrize(("query", "position", "expected", "found"), [
    ("site:", 6, "a host name such as bbc.co.uk right after site:", "the end of the query"),
    ("site: bbc.co.uk", 7, "a host name such as bbc.co.uk right after site:", "'bbc.co.uk'"),
    ("site:https://www.bbc.co.uk/news", 6, "a host name such as bbc.co.uk", "'https://www.bbc.co.uk/news'"),
    ("site:bbc..co.uk", 6, "a host name such as bbc.co.uk", "'bbc..co.uk'"),
    ("site:(bbc.co.uk OR rt.com)", 6, "a host name such as bbc.co.uk right after site:", "'('"),
    ("lang:rus", 6, "a two-letter language code such as ru", "'rus'"),
    ("lang:", 6, "a two-letter language code such as ru right after lang:", "the end of the query"),
    ("title:site:bbc.co.uk", 7, "a term", "'site:' after a field prefix"),
    ("site:bbc.co.uk NEAR/2 NATO", 16, "terms or phrases on both sides of NEAR", "a site:, lang: or tag: field"),
    ("tag:", 5, "a source tag such as ukraine right after tag:", "the end of the query"),
])
def test_site_and_lang_errors(query, position, expected, found):
    e = error(query)
    assert e.position == position
    assert str(e) == f"position {position}: expected {expected}, found {found}"


# --------------------------------------------------------------------------- forms on a tree

def test_with_forms_marks_plain_terms_only():
    tree = parse_query('Донбас OR {НАТО} OR Украин* OR "Верховна Рада" OR e-mail OR NATO\'s OR source:tass')
    marked = with_forms(tree, ("ru", "uk"))
    assert [(t.text, t.forms) for t in terms_of(marked)] == [
        ("Донбас", ("ru", "uk")), ("НАТО", ()), ("Украин", ()), ("Верховна Рада", ("ru", "uk")),
        ("e-mail", ()), ("NATO's", ()), ("tass", ("ru", "uk"))]
    assert with_forms(tree, ()) is tree


def test_tag_field():
    from monitor.query import Tag

    assert parse_query('tag:ukraine NATO') == And((Tag("ukraine"), T("NATO")))
    assert parse_query('TAG:"state media"') == Tag("state media")
    assert parse_query("NOT tag:news/regional") == Not(Tag("news/regional"))
