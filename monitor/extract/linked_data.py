"""What an article page declares about itself as data: JSON-LD (NewsArticle and its kin, read
leniently, references resolved), the meta tags of OpenGraph, article:* and other vocabularies,
and <link rel=canonical>; and reading a name, a text or a date out of those values.
"""

from __future__ import annotations

import html
import json
import logging
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html


log = logging.getLogger(__name__)


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                  "liveblogposting", "webpage", "socialmediaposting", "report", "scholarlyarticle"}


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as one stripped text (the first of a list, a node's @value or name), or None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def ld_field(data: dict[str, Any], key: str, sub: str) -> Any:
    """`data[key][sub]` where `data[key]` is a node, else `data[key]` itself."""
    value = data.get(key)
    return value.get(sub) if isinstance(value, dict) else value


def ld_names(value: Any) -> str | None:
    """The names a JSON-LD author or publisher value gives, joined with commas, or None."""
    if value is None:
        return None
    if isinstance(value, str) and value.lstrip().startswith(("{", "[")):
        # A JSON object written as a string inside the JSON (the South China Morning Post's author:
        # "{ \"@type\":\"Person\", \"name\":\"Alice Wu\" }").
        try:
            value = json.loads(value)
        except ValueError:
            return None
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _name_of(item) if isinstance(item, dict) else item
        if isinstance(name, str) and "<" in name:
            name = html.unescape(_MARKUP.sub("", name))  # CNN's "By <a href=…>Amir Vera</a>, …"
        if isinstance(name, str) and name.strip() and not_address(name) and name.strip() not in names:
            names.append(name.strip())
    return ", ".join(names) or None


_MARKUP = re.compile(r"<[^<>]*>")


def _name_of(thing: dict[str, Any]) -> str | None:
    """A JSON-LD Person's or Organization's name: its "name" (a list of them joined), else a
    person's names in parts ("givenName", "additionalName", "familyName")."""
    name = thing.get("name")
    if isinstance(name, dict):  # a Person inside the Person (National Geographic's)
        name = name.get("name")
    if isinstance(name, list):
        name = ", ".join(part.strip() for part in name if isinstance(part, str) and part.strip())
    if isinstance(name, str) and name.strip():
        return name
    parts = [thing.get(key) for key in ("givenName", "additionalName", "familyName")]
    return " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip()) or None


def _an_organization(item: Any) -> bool:
    return isinstance(item, dict) and "organization" in str(item.get("@type", "")).lower()


def persons_first(value: Any) -> Any:
    """JSON-LD's author less the organizations listed beside persons (the ABC's "Bec Symons" and its
    desk "ABC Gippsland", both as authors); as it is where it lists no person."""
    if not isinstance(value, list) or not any(_an_organization(item) for item in value):
        return value
    persons = [item for item in value if not _an_organization(item)]
    return persons or value


def only_organizations(value: Any) -> bool:
    """Whether JSON-LD's author names organizations alone (a wire service: "NCA NewsWire")."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(_an_organization(item) for item in items)


# Korean news sites declare the writer for their recommendation widget ("dable:author", "홍길동 기자"),
# Japanese and other sites for cXense's.
AUTHOR_META = ("author", "article:author", "og:author", "og:article:author", "parsely-author", "sailthru.author",
               "mediator_author", "byl", "dc.creator", "dcterms.creator", "article_author", "article.author",
               "dable:author", "cxenseparse:author")
# Where a name is asked for, many pages give an address: article:author as the author's Facebook
# profile (as OpenGraph defines it), JSON-LD's author as the site's home page.
_ADDRESS = re.compile(r"(?:https?:)?//|www\.", re.IGNORECASE)


def host_of(address: str | None) -> str | None:
    """The host an address names, without "www." ("http://www.tmz.com" → "tmz.com")."""
    if not address or not _ADDRESS.match(address.strip()):
        return None
    host = urlsplit(address.strip() if "//" in address else f"//{address.strip()}").hostname or ""
    return host.removeprefix("www.") or None


def not_address(value: str | None) -> str | None:
    """The value, or None where it is a web address rather than a name."""
    return None if value is None or _ADDRESS.match(value.strip()) else value


def ld_date(value: Any) -> str | None:
    """A JSON-LD date: as written, or, given as a number or a string of its ten or thirteen digits
    (some script-built pages write a Unix time, in seconds or milliseconds), as ISO 8601 in UTC."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) in (10, 13):
        value = int(value)  # the same, written as a string ("1638876600")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 100_000_000_000 else value  # milliseconds: past the year 5138 as seconds
        try:
            return datetime.fromtimestamp(seconds, timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return ld_text(value)


def json_ld(root: lxml.html.HtmlElement) -> dict[str, Any]:
    """The most article-like JSON-LD object on the page (searching @graph and lists), its author
    and publisher given by reference ({"@id": …}, as Yoast's @graph gives them) replaced by the
    objects referred to, wherever on the page they are; its publisher, where it names none, the
    WebSite's name."""
    best: dict[str, Any] = {}
    by_id: dict[str, dict[str, Any]] = {}
    website: str | None = None
    for script in root.xpath("//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for node in _walk_ld(_ld_data(script.text or "")):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                by_id.setdefault(node["@id"], node)
            types = node.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            lowered = {str(t).lower() for t in types}
            if "website" in lowered and website is None:
                website = ld_text(node.get("name"))
            if lowered & _ARTICLE_TYPES:
                # (A live blog above the article beside it: Le Figaro declares a NewsArticle with its
                # intro for its articleBody next to its LiveBlogPosting, whose entries are the text.)
                rank = 0 if lowered & {"webpage"} else 3 if "liveblogposting" in lowered else 1 + ("articleBody" in node)
                if not best or rank > best.get("__rank", 0):
                    best = dict(node, __rank=rank)
            elif not types and not best and _BAIDUS_CONTEXT in str(node.get("@context", "")):
                best = dict(_as_schema_org(node), __rank=-1)  # below any typed article
            elif "videoobject" in lowered and not best:
                # A video's page that declares the video alone: its upload is its publication (below
                # any typed article, as an article's embedded video is none of its own dates).
                best = dict(node, __rank=-1, datePublished=node.get("datePublished") or node.get("uploadDate"))
    for key in ("author", "publisher"):
        if key in best:
            best[key] = _referred(best[key], by_id)
    if website and not best.get("publisher"):
        best["publisher"] = {"name": website}  # the site's name, where no publisher is given (Yoast's @graph)
    return best


# Baidu's own vocabulary for the pages its search takes from Chinese sites ("熊掌号"), with no @type:
# {"@context": "https://zhanzhang.baidu.com/contexts/cambrian.jsonld", "title": …, "pubDate":
# "2019-09-05T11:10:52", "upDate": …}. Gamersky's only declared date was there, and the <time> of a
# list of other stories had dated its page.
_BAIDUS_CONTEXT = "cambrian"
_BAIDUS_NAMES = {"title": "headline", "pubDate": "datePublished", "upDate": "dateModified"}


def _as_schema_org(node: dict[str, Any]) -> dict[str, Any]:
    return {_BAIDUS_NAMES.get(key, key): value for key, value in node.items()}


def _ld_data(text: str) -> Any:
    """A JSON-LD script's data. What JSON does not read is read again with the commas a template left
    out put back (_with_commas_put_back), then as JavaScript, as browsers and search engines are
    lenient with it: a trailing comma after a template's last item, the script
    wrapped in <!-- --> or a CDATA section, two objects one after the other."""
    try:
        return json.loads(text, strict=False)
    except RecursionError:
        return None
    except ValueError:
        pass
    if (repaired := _with_commas_put_back(_unwrapped(text))) is not None:
        return repaired
    import chompjs  # here: most pages' JSON-LD is JSON

    try:
        return list(chompjs.parse_js_objects(text, loader_kwargs={"strict": False}))
    except Exception:  # hostile text costs the page its JSON-LD, never the page
        return None


# A hand-written template's slip: a property left without the comma after it (Folha de S.Paulo's
# `"image": {…}` then `"contentLocation"` on the next line), which JSON and JavaScript both refuse.
# Put back where the parser first asks for one, a few times at most: json-repair reads such text
# too, but took 6 s over 50 KB of hostile brackets; this is json.loads (C) a few times.
_MISSING_COMMAS = 8
_WRAPPERS = (("/*<![CDATA[*/", "/*]]>*/"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"), ("<!--", "-->"))


def _unwrapped(text: str) -> str:
    text = text.strip()
    for opening, closing in _WRAPPERS:
        if text.startswith(opening):
            text = text[len(opening):].strip()
            return text[:-len(closing)] if text.endswith(closing) else text
    return text


def _with_commas_put_back(text: str) -> Any:
    for _ in range(_MISSING_COMMAS):
        try:
            return json.loads(text, strict=False)
        except RecursionError:
            return None
        except json.JSONDecodeError as error:
            if not error.msg.startswith("Expecting ',' delimiter"):
                return None
            text = f"{text[:error.pos]},{text[error.pos:]}"
    return None


def _referred(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """The value, each reference in it ({"@id": …} without a name) replaced by the object it refers to."""
    if isinstance(value, list):
        return [_referred(item, by_id) for item in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _walk_ld(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [n for item in data for n in _walk_ld(item, depth + 1)]
    if isinstance(data, dict):
        found = [data]
        if isinstance(data.get("@graph"), list):
            found += _walk_ld(data["@graph"], depth + 1)
        # A page that declares itself and the article as its main entity: {"@type": "WebPage",
        # "mainEntity": {"@type": "NewsArticle", …}}.
        if isinstance(data.get("mainEntity"), (dict, list)):
            found += _walk_ld(data["mainEntity"], depth + 1)
        return found
    return []


def meta_tags(root: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's meta tags by lower-cased name, property, itemprop or http-equiv (the first of
    each), and every writer a repeated author tag names."""
    found: dict[str, str] = {}
    writers: dict[str, list[str]] = {}  # one <meta name="author"> a writer (the Guardian's): all of them
    # An itemprop="author" may be a picture's schema's (CNBC's photographer), ahead of the page's
    # name="author": an author only where no name or property gives one.
    microdata_authors: dict[str, str] = {}
    for element in root.xpath("//meta"):
        named = element.get("property") or element.get("name")
        key = (named or element.get("itemprop") or element.get("http-equiv") or "").lower()
        content = (element.get("content") or "").strip()
        if key in AUTHOR_META and content and not named:
            microdata_authors.setdefault(key, content)
        elif key and content and key not in found:
            found[key] = content
            if key in AUTHOR_META:
                writers[key] = [content]
        elif key in writers and content and content not in writers[key]:
            writers[key].append(content)
            found[key] = ", ".join(writers[key])
    for key, content in microdata_authors.items():
        found.setdefault(key, content)
    return found


def canonical_link(root: lxml.html.HtmlElement) -> str | None:
    """The address of the page's <link rel=canonical>, or None."""
    for element in root.xpath("//link[@rel]"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            return element.get("href").strip()
    return None


def first_given(*values: str | None) -> str | None:
    """The first of the values a page gives (not empty), stripped."""
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
