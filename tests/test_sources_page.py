"""The page kind: metadata from JSON-LD / OpenGraph / canonical / <time>; main text without chrome."""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import ROOT
from monitor.models import RawDocument
from monitor.normalize import normalize
from monitor.sources import page

NOW = datetime(2022, 1, 11, tzinfo=timezone.utc)


def doc(body: bytes, location: str = "https://news.example.org/x") -> RawDocument:
    return RawDocument(source="s", kind="page", location=location, body=body, fetched_at=NOW, final_url=location)


def test_sample_page_metadata_and_text() -> None:
    raw = doc((ROOT / "samples/pages/geneva-talks.html").read_bytes())
    entry = page.parse(raw).entries[0]
    assert entry.title.startswith("U.S. and Russian negotiators")
    assert entry.author == "Marta Lindqvist"
    assert entry.publisher == "Border Desk Sample News"
    assert entry.published == "2022-01-10T18:30:00+01:00"
    item = normalize(entry, raw)
    assert item.url == "https://news.example.org/2022/01/10/geneva-talks"  # utm_source dropped
    assert item.published_at == datetime(2022, 1, 10, 17, 30, tzinfo=timezone.utc)
    for chrome in ("Donbas", "Crimea", "cookie", "Related"):
        assert chrome not in item.body, chrome
    assert "Zelenskyy" in item.body and "Putin" in item.body
    assert not item.body.startswith(item.title)


CHROME_PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1251">
<meta property="og:title" content="Київ відповідає">
<meta property="article:published_time" content="2022-02-01T08:00:00Z">
</head><body><nav><a href="/nato">NATO news</a></nav>
<article><h1>Київ відповідає</h1>
<p>Перший абзац статті про переговори. Сторони домовилися зустрітися знову наступного тижня у Женеві.</p>
<p>Другий абзац: дипломати обговорили безпеку в Європі та подальші кроки щодо деескалації.</p>
<p>Третій абзац з додатковими подробицями про позиції делегацій і заяви після зустрічі.</p></article>
<aside class="related">Related: Crimea explainer</aside><footer>© Desk</footer></body></html>"""


def test_cyrillic_page_in_declared_windows_1251() -> None:
    entry = page.parse(doc(CHROME_PAGE.encode("cp1251"))).entries[0]
    assert entry.title == "Київ відповідає"
    assert "Перший абзац" in entry.body
    assert "NATO" not in entry.body and "Crimea" not in entry.body
    assert entry.published == "2022-02-01T08:00:00Z"


def _titled(title: str, *headings: str) -> str:
    page_html = (f"<html><head><title>{title}</title></head><body>"
                 + "".join(f"<h1>{h}</h1>" for h in headings)
                 + "<article><p>Diplomats met in Geneva for a second day of talks on security in Europe and "
                   "agreed to meet again next week, officials from both delegations said afterwards.</p>"
                   "</article></body></html>")
    return page.parse(doc(page_html.encode("utf-8"))).entries[0].title


def test_a_title_tag_loses_the_sites_name_when_the_pages_heading_confirms_the_headline() -> None:
    # Only when the page has no JSON-LD or OpenGraph title; the <h1> says which side is the headline.
    assert _titled("Войска у границы - Новости", "Войска у границы") == "Войска у границы"
    assert _titled("The Desk | Talks end in Geneva", "Talks end in Geneva") == "Talks end in Geneva"
    assert _titled("Talks end in Geneva — The Desk", "The Desk", "Talks end in Geneva") == "Talks end in Geneva"
    # A dash inside the headline, a heading that is not the headline, no heading: the title whole.
    assert _titled("Kyiv - Kharkiv rail link reopens", "Kyiv") == "Kyiv - Kharkiv rail link reopens"
    assert _titled("Talks end - in Geneva", "Something else") == "Talks end - in Geneva"
    assert _titled("Talks end in Geneva - The Desk") == "Talks end in Geneva - The Desk"
