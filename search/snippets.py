"""Snippets are safe HTML: plain text, escaped, with <mark> around what matched.

Records hold plain text (``wijkwijs.markdown.plain_text``: no Markdown marks or footnote
references), so whatever an engine cuts from them reads as prose. Engines mark matches with control
characters that never occur in indexed text; only after escaping do the markers become
elements.
"""

import functools
import html
import re

from search import dutch
from wijkwijs.normalise import normalise

MARK_START, MARK_STOP = "\x02", "\x03"

WORD = re.compile(r"\w+")


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
