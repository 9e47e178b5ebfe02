"""What PostgreSQL finds a record by: its weighted text-search vector, one definition for
the records written page by page and for a rebuild (``search.bulk``)."""

import re

TEXT_SEARCH_CONFIG = "wijkwijs_dutch"
# Title A, report title and headings B, text C, compound parts D.
WEIGHTED_FIELDS = (
    ("title", "A"),
    ("parent_title", "B"),
    ("context", "B"),
    ("text", "C"),
    ("compound_parts", "D"),
)
# A rebuild computes the vectors of a record's own texts while it looks for the compound
# parts, which need the whole vocabulary, and appends theirs after (``search.bulk``).
OWN_TEXT_FIELDS, COMPOUND_FIELDS = WEIGHTED_FIELDS[:-1], WEIGHTED_FIELDS[-1:]

# Typographic punctuation becomes a space before parsing: under some server locales
# (C) PostgreSQL's parser counts every non-ASCII character as a letter, which would glue
# ‘quotes’ and dashes to words and keep them from being stemmed.
# A slash joins words ("spinners/zichtbare schakels", "jeugd-/gezinswerk"), which the
# parser would read as one file path: it becomes a space too, so each word is indexed.
TYPOGRAPHIC = "‘’‚‛“”„‟«»‹›–—…•·/"
ONE_TYPOGRAPHIC = re.compile(f"[{re.escape(TYPOGRAPHIC)}]")  # far faster than str.translate
# The compound parts are the index's own words: nothing to take out.
PLAIN_FIELDS = ("title", "parent_title", "context", "text")


def plain(text: str) -> str:
    """The text as the vector reads it: typographic punctuation as spaces."""
    return ONE_TYPOGRAPHIC.sub(" ", text)


def vector_sql(text_of, fields=WEIGHTED_FIELDS) -> str:
    """The SQL of a vector over the texts ``text_of(field)`` gives the SQL of (for the
    fields of ``PLAIN_FIELDS``: already ``plain``), weighted as ``fields`` say."""
    return " || ".join(
        f"setweight(to_tsvector('{TEXT_SEARCH_CONFIG}'::regconfig, COALESCE({text_of(name)}, "
        f"'')), '{weight}')"
        for name, weight in fields
    )
