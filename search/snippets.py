"""Snippets are safe HTML: the text escaped, with <mark> around what matched.

Engines mark matches with control characters that never occur in indexed text; only
after escaping do the markers become elements.
"""

import html
import re

MARK_START, MARK_STOP = "\x02", "\x03"


def safe_snippet(headline: str) -> str:
    """Escape everything, then turn the match markers into <mark> elements."""
    escaped = html.escape(re.sub(r"\s+", " ", headline or "").strip())
    return escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


def simple_snippet(text: str, words: set[str], width: int = 220) -> str:
    lowered = text.lower()
    positions = [lowered.find(word) for word in words if word in lowered]
    start = max(0, min(positions) - width // 3) if positions else 0
    fragment = text[start : start + width]
    escaped = html.escape(fragment)
    for word in sorted(words, key=len, reverse=True):
        escaped = re.sub(f"({re.escape(word)})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return ("… " if start else "") + escaped + (" …" if start + width < len(text) else "")
