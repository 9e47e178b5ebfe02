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

# "a. Gesprekken met aanvragers", "b) …": a sub-section lettered within its section. A bare
# small letter before a capital ("a Hoe geeft men …") is a marker too, since no Dutch word
# is a small a to h on its own; a capital without a full stop may be a word ("U vraagt").
LETTERED_HEADING = re.compile(r"^([a-hA-H](?=[.)])|[a-h](?=\s+[A-ZÀ-Þ]))[.)]?\s+(\S.{0,118})$")

# "II. Werkwijze": a chapter numbered in roman numerals (with the full stop, unlike a word).
ROMAN_CHAPTER = re.compile(r"^([IVXL]{1,6})\.\s+(\S.{0,118})$")
ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(numeral: str) -> int:
    """The value of a roman numeral, 0 when it is not written the usual way ("IIII")."""
    values = [ROMAN_DIGITS[digit] for digit in numeral]
    total = sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    canonical = ""
    remaining = total
    for value, digits in (
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, remaining = divmod(remaining, value)
        canonical += digits * count
    return total if canonical == numeral else 0


def is_numbered(text: str) -> bool:
    return any(
        pattern.match(text)
        for pattern in (NUMBERED_HEADING, CHAPTER_LABEL, LABELLED_HEADING, LETTERED_HEADING)
    )
