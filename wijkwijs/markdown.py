"""Markdown for editors, rendered to sanitised HTML.

Editors write case write-ups and summaries in Markdown; python-markdown renders it and
nh3 strips anything that could run script (tags, event-handler attributes,
``javascript:`` URLs) before it reaches a page.
"""

import re

import markdown as python_markdown
import nh3
from django.utils.safestring import mark_safe

# The one table kept as written: 30 tag names read better in rows than one per line.
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def nest_headings(html, below):
    """Headings shifted so the highest comes just below the page's heading of level
    ``below`` (a field under an h2 starts at h3), keeping their order among themselves."""
    levels = [int(level) for _slash, level in HEADING_TAG.findall(html)]
    shift = max(0, below + 1 - min(levels, default=below + 1))
    if not shift:
        return html
    return HEADING_TAG.sub(lambda tag: f"<{tag.group(1)}h{min(6, int(tag.group(2)) + shift)}", html)


def render_markdown(text, below=1):
    """Markdown source to HTML that is safe to put in a page, its headings nested under
    the page's heading of level ``below``."""
    if not text:
        return ""
    html = python_markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    html = nest_headings(html, below)
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


FOOTNOTE_REFERENCE = re.compile(r"\s?\[\^[^\]\s]{1,8}\]")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)", re.DOTALL)
LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Text without Markdown's marks: emphasis, headings, quotes, bullets, links (their
    text stays) and footnote references ('[^3]'; the footnotes themselves are indexed)."""
    # Each pattern only where its mark occurs: most texts have none of them.
    text = markdown or ""
    if "[^" in text:
        text = FOOTNOTE_REFERENCE.sub("", text)
    if "](" in text:
        text = LINK.sub(r"\1", text)
    text = LINE_MARKS.sub("", text)
    previous = None
    while previous != text and ("*" in text or "_" in text):  # nested emphasis (***both***)
        previous, text = text, EMPHASIS.sub(r"\2", text)
    return text
