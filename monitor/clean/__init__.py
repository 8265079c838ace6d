"""Make text clean: HTML or plain text in, NFC text out, paragraphs kept as blank-line breaks.

Scripts, styles and other non-content elements are dropped, entities decoded, invisible characters
(soft hyphens, zero-width spaces, stray controls) removed, runs of spaces folded. lxml parses the
HTML because it is fast and forgiving; BeautifulSoup is the fallback for bytes lxml refuses.

Its parts: text (clean_text), markup (HTML to text), words (words as stories and duplicates compare
them), teasers ("Read also" lines, a text's cut), site_lines (what a site sets in every article:
promotions, credits, appeals, dividers), repeated (paragraphs many items of a document repeat),
titles (a site's name in a title) and byline (a byline's name without its label, place or address).
"""
