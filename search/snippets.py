"""Snippets are safe HTML: plain text, escaped, with <mark> around what matched.

Records hold plain text (``wijkwijs.markdown.plain_text``: no Markdown marks or footnote
references), so whatever an engine cuts from them reads as prose. Engines mark matches with control
characters that never occur in indexed text; only after escaping do the markers become
elements.
"""

import functools
import html
import re
from collections import defaultdict

from django.db.models import prefetch_related_objects
from wagtail.models import Page

from search import dutch
from search.query import word_variants
from wijkwijs.normalise import normalise

MARK_START, MARK_STOP = "\x02", "\x03"

WORD = re.compile(r"\w+")
# A line that ends without punctuation (a field, a heading, a list item): in a snippet,
# where line breaks become spaces, it would run into the next.
UNPUNCTUATED_LINE_END = re.compile(r"(?<=[\w)])[ \t]*\n")


def safe_snippet(headline: str) -> str:
    """Escape everything, then turn the match markers into <mark> elements."""
    escaped = html.escape(re.sub(r"\s+", " ", headline or "").strip())
    return escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


@functools.lru_cache(maxsize=50_000)
def _stem_of(token: str) -> str:
    return dutch.stem(normalise(token))


def simple_snippet(text: str, words: set[str], width: int = 220) -> str:
    """The passage around the first word that matches a query word by its Dutch stem, with
    every matching word in it marked (for engines without a highlighter of their own)."""
    wanted = {dutch.stem(word) for word in words}
    matching = (token for token in WORD.finditer(text) if _stem_of(token.group()) in wanted)
    first = next(matching, None)
    start = max(0, first.start() - width // 3) if first else 0
    if start:  # begin at a word
        start = next((token.start() for token in WORD.finditer(text, start)), start)
    stop = min(len(text), start + width)
    pieces, position = [], start
    for token in WORD.finditer(text, start, stop):
        if _stem_of(token.group()) not in wanted or token.end() >= stop:
            continue
        pieces.append(html.escape(text[position : token.start()]))
        pieces.append(f"<mark>{html.escape(token.group())}</mark>")
        position = token.end()
    pieces.append(html.escape(text[position:stop]))
    fragment = re.sub(r"\s+", " ", "".join(pieces)).strip()
    return ("… " if start else "") + fragment + (" …" if stop < len(text) else "")


def with_readable_snippets(hits, parsed) -> list:
    """``hits``, each page's (not a report section's) with its snippet cut from the page's
    prose (``Findable.search_snippet_text``): its record opens with the title the hit is
    headed by and holds its keywords, which the engines' passages would show. Cut alike on
    every engine; what the records hold and how they rank stay as they are."""
    page_ids = [hit.page_id for hit in hits if hit.key.startswith("page:")]
    pages = list(Page.objects.filter(pk__in=page_ids).specific())
    of_type = defaultdict(list)
    for page in pages:
        of_type[type(page)].append(page)
    for model, typed in of_type.items():
        prefetch_related_objects(typed, *model.search_prose_prefetch_related)
    prose = {page.pk: page.search_snippet_text() for page in pages}
    words = {variant for word in parsed.words for variant in word_variants(word)}
    for hit in hits:
        if hit.key.startswith("page:") and hit.page_id in prose:
            hit.snippet = simple_snippet(
                UNPUNCTUATED_LINE_END.sub(".\n", prose[hit.page_id]), words
            )
    return hits
