"""A Markdown document (`.md`, `.markdown`, `text/markdown`) as the plain text the text kind reads.

A newsletter's export, a desk's notes or a digest written in Markdown had been read as plain text:
its `# ` headline marks, `**bold**`, `[links](…)` and `![pictures](…)` stayed in the title and the
body. markdown-it-py (CommonMark) renders it, and our HTML reading makes the text, a block a
paragraph; the headline a line of its own at the top, as a plain-text article's.
"""

from __future__ import annotations

from pathlib import PurePath

from monitor.clean.markup import html_to_text
from monitor.models import RawDocument

MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_markdown(doc: RawDocument) -> bool:
    """Whether a text document is written in Markdown, by its file's suffix or its content type."""
    if doc.content_type and doc.content_type.split(";")[0].strip().lower() in ("text/markdown", "text/x-markdown"):
        return True
    name = doc.path.name if doc.path is not None else PurePath(doc.location.split("?")[0]).name
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def as_text(markdown: str) -> str:
    """The document's text, each block a paragraph, without Markdown's marks; without a picture's
    paragraph, which holds its caption ("![…](…)" with "*Satellite imagery … Image: Maxar*" under it)."""
    from markdown_it import MarkdownIt  # here: only a Markdown document needs it

    parser = MarkdownIt("commonmark")
    env: dict[str, object] = {}
    tokens = parser.parse(markdown, env)
    kept = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        children = tokens[at + 1].children if at + 2 < len(tokens) else None
        if token.type == "paragraph_open" and children and any(child.type == "image" for child in children):
            at += 3  # the paragraph's opening, its inline content and its closing
            continue
        kept.append(token)
        at += 1
    return html_to_text(parser.renderer.render(kept, parser.options, env))
