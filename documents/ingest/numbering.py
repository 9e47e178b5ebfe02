"""How reports number their headings: "1.2 Titel", "Bijlage 2: Titel", "Casus 3 – Titel".

Shared by structure detection and by the PDF typography, which keeps a bold line at body
size as a heading when the document's own numbering marks it as one.
"""

import re

NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.{0,118})$")
CHAPTER_LABEL = re.compile(
    r"^(?:Hoofdstuk|Bijlagen?|Deel|Appendix|Annex)\b(?:\s+(\d{1,2}|[IVX]{1,4}|[A-Z])\b)?"
    r"(?:\s*[.:–-]\s*|\s+|$)(?:\S.*)?$",
    re.IGNORECASE,
)
# "Casus 2: …", "Stap 3 Kennismaken", "Bevinding 2.1 – …", "CASUS 4": a label with its number.
LABELLED_HEADING = re.compile(
    r"^([A-Z][A-Za-z]{2,15})\s+(\d{1,2}(?:\.\d{1,2})?|[A-Z])(?:\s*[:.–-]\s*|\s+|$)(.*)$"
)


def is_numbered(text: str) -> bool:
    return bool(
        NUMBERED_HEADING.match(text) or CHAPTER_LABEL.match(text) or LABELLED_HEADING.match(text)
    )
