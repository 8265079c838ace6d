"""What a publishing platform's plugins add to every item's HTML, around the story: share buttons,
related posts, ratings, view counters, polls, a table of contents, a blog's feed footer, a CMS's list
of tags. They are told by their own class names, which no story's markup carries.

A feed's item holds them where the site's page holds them beside the text, inside the content
(WordPress adds a plugin's block to `content:encoded` as to the page): "Share this: Twitter
Facebook", "Like this: Like Loading...", "Related posts: …" with each post's title and excerpt,
"(Visited 45 times, 1 visits today)". Kept, they are words of every item of the site, which the
rules find and the story's copies on other sites do not have.
"""

from __future__ import annotations

import re

import lxml.etree

# One class each, as the plugin writes it on its block's outermost element (or on its only text).
PLUGIN_CLASSES = frozenset({
    "yarpp-related",  # YARPP, Yet Another Related Posts Plugin
    "crp_related",  # Contextual Related Posts
    "rp4wp-related-posts",  # Related Posts for WordPress
    "wp_rp_wrap",  # WordPress Related Posts
    "jp-relatedposts",  # Jetpack's related posts
    "sharedaddy",  # Jetpack's share and like buttons ("Share this:", "Like this:")
    "wpcnt",  # WordPress.com's advertisement ("Advertisements")
    "addtoany_share_save_container",  # AddToAny
    "a2a_kit",
    "a2a_dd",
    "heateor_sss_sharing_container",  # Sassy Social Share ("Spread the love")
    "ssba",  # Simple Share Buttons Adder ("Share this...")
    "swp_social_panel",  # Social Warfare ("5 Shares")
    "essb_links",  # Easy Social Share Buttons
    "mashsb-container",  # MashShare
    "likely",  # Likely, Russian sites' share buttons ("Поделиться")
    "printfriendly",  # Print Friendly ("Print Friendly, PDF & Email")
    "pf-button",
    "kk-star-ratings",  # kk Star Ratings ("4.5/5 - (2 votes)")
    "post-views",  # Post Views Counter ("Post Views: 1,234")
    "tptn_counter",  # Top 10 ("(Visited 45 times, 1 visits today)")
    "wp-polls",  # WP-Polls: a poll's question, answers and "View Results"
    "ez-toc-container",  # Easy Table of Contents: the headings again
    "lwptoc",  # LuckyWP Table of Contents
    "mistape_caption",  # Mistape ("Нашли ошибку? Выделите её и нажмите Ctrl+Enter")
    "wp-block-latest-posts",  # a list of the site's latest posts
    "wp-embedded-content",  # another post of the site, embedded: its title and link
    "feedflare",  # FeedBurner's share links
    "blogger-post-footer",  # Blogger's footer, added to every post in the blog's feed
    "field--name-field-tags",  # Drupal's tags under a node's teaser ("Tags", then each tag), 8 and later
    "field-name-field-tags",  # and 7
    # Drupal 8's default RSS view mode renders a node's title, author and date as fields ahead of its
    # body ("Council votes … jsmith Tue, 12/07/2021 - 10:15"), and its comments' section after it
    "field--name-title",
    "field--name-uid",
    "field--name-created",
    "field--name-comment",
})

# A class attribute naming one of them, looked for in the markup before any element is looked at:
# html_to_text's items seldom have one, and the search costs what one pass over the markup does
# (3 µs for an item of 5 KB; lxml's XPath for the elements with a class, 4 µs).
_PLUGIN_CLASS_IN_MARKUP = re.compile(
    r"""class\s*=\s*["']?(?:[^"'<>]*\s)?(?:%s)(?=[\s"'>])""" % "|".join(re.escape(name) for name in PLUGIN_CLASSES))
_WITH_CLASS = lxml.etree.XPath("descendant::*[@class]")


def has_plugin_blocks(markup: str) -> bool:
    """Whether the markup may hold a plugin's block: a class attribute naming one."""
    return _PLUGIN_CLASS_IN_MARKUP.search(markup) is not None


def drop_plugin_blocks(root: lxml.etree._Element) -> None:
    """Remove each element a plugin's class names, with what it holds; the text after it stays."""
    # Descendants only: each has a parent. A block inside one removed already is removed from the
    # removed one's tree, which no text is read from.
    for element in list(_WITH_CLASS(root)):
        if PLUGIN_CLASSES.isdisjoint(element.get("class", "").split()):
            continue
        remove_keeping_tail(element)


def remove_keeping_tail(element: lxml.etree._Element) -> None:
    """Remove an element (it has a parent) with what it holds; the text after it stays where it was."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# A CMS's placeholder its renderer was to replace, left in a feed's text as written: WordPress's
# "[caption id=… ]<img …> A caption.[/caption]" (the picture's caption with it), Joomla's
# "{loadposition banner}" and "{module …}".
_SHORTCODES = re.compile(r"\[caption\b[^\]]{0,300}\].{0,600}?\[/caption\]|\{(?:loadposition|loadmodule|module|mosimage)\b[^{}\n]{0,80}\}",
                         re.IGNORECASE | re.DOTALL)


def without_shortcodes(markup: str) -> str:
    """A feed item's text or markup without a CMS's placeholders left in it (_SHORTCODES)."""
    # One character's look first: str's search for "{mo" took 2.6 µs over an item of 3 KB, for "{" 0.1.
    if not (("{" in markup and ("{load" in markup or "{mo" in markup)) or ("[/" in markup and "[/caption]" in markup)):
        return markup
    return _SHORTCODES.sub("", markup)
