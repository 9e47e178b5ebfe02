"""How common each query term is, read from the counts the database keeps
(``LexemeFrequency``) instead of counted for every search."""

import re

from search.models import LexemeFrequency
from wijkwijs.remembered import remembered_per_word

LEXEME = re.compile(r"'((?:[^']|'')*)'")
PHRASE_STEP = re.compile(r"<\d*->")


def _steps(compiled_term: str) -> list[list[str]]:
    """The lexemes of a compiled term (``'wijk' <-> ( 'team' | 'teams' )``), per word."""
    return [
        [lexeme.replace("''", "'") for lexeme in LEXEME.findall(step)]
        for step in PHRASE_STEP.split(compiled_term)
    ]


def _records_per_lexeme(lexemes) -> dict[str, int]:
    return dict(LexemeFrequency.objects.filter(lexeme__in=lexemes).values_list("lexeme", "records"))


def document_frequencies(compiled_terms: list[str]) -> tuple[int, list[int]]:
    """The number of records, and for each compiled term about how many records hold it:
    a word's variants added up, a phrase as common as its rarest word."""
    steps = [_steps(term) for term in compiled_terms]
    wanted = {LexemeFrequency.ALL_RECORDS}
    wanted.update(lexeme for term in steps for step in term for lexeme in step)
    known = remembered_per_word("records per lexeme", wanted, _records_per_lexeme)
    records = known.get(LexemeFrequency.ALL_RECORDS, 0)
    frequencies = [
        min(
            (min(records, sum(known.get(lexeme, 0) for lexeme in step)) for step in term if step),
            default=0,
        )
        for term in steps
    ]
    return records, frequencies
