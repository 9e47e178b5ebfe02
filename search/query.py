"""What a user typed, as something an engine can search for safely.

Input is normalised (quotes, accents, case) and reduced to words and phrases: text in
double quotes is a phrase every hit must hold, and a hyphenated word is a phrase too
("Zeist-Oost" matches "Zeist Oost"). Questions lose their question words, and "wie weet
iets van X" or "expert X" is a question for a person about X (``intent``). Nothing the
user types reaches a query parser unescaped: only letters and digits survive. Each word
brings its Dutch plural variants (-tie/-ties, which the Snowball stemmer leaves apart),
and theme synonyms in the query bring alternatives.
"""

import re
from dataclasses import dataclass, field

from search.derivations import derivations
from wijkwijs import vocabulary
from wijkwijs.normalise import normalise
from wijkwijs.remembered import remembered

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
QUOTED = re.compile(r'"([^"]+)"')
# "wie weet iets van X", "expert X", "deskundige X": a question for a person, about X.
EXPERT_INTENT = re.compile(
    r"^\s*(?:wie\s+(?:weet|kent|heeft)\s+(?:er\s+)?(?:iets|veel|meer|alles|ervaring)?\s*"
    r"(?:van|over|met)|(?:experts?|deskundigen?|specialist(?:en)?|kenners?)"
    r"(?:\s+(?:in|op|voor|van|over|op het gebied van))?)\s+(?=\S)",
    re.IGNORECASE,
)
# The words of asking, dropped from questions (four words or more, or ending in "?"): rare
# in report text, they would otherwise outweigh the subject ("Waarom kiest Heerlen …?").
QUESTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        """wat welke welk wie wiens hoe hoeveel hoelang hoezo waarom waar waardoor waarmee
        waarvoor waarop waarin waarbij waarover waarnaar wanneer kun kunt kan kunnen je jij
        jullie u we wij er is zijn was waren wordt worden werd doen doet gaat gaan""",
    )
)
QUESTION_MIN_WORDS = 4


@dataclass
class Term:
    """A word, or a phrase of words that must stand together; a phrase the user quoted
    must occur in every hit."""

    words: tuple[str, ...]
    required: bool = False
    weight: float = 1.0  # a named municipality weighs more (it boosts, it does not filter)
    among_parts: bool = False  # found only among the compound parts of a record

    @property
    def text(self):
        return " ".join(self.words)


@dataclass
class ParsedQuery:
    original: str
    terms: list[Term]
    alternatives: list[list[Term]] = field(default_factory=list)  # synonym rewrites
    derived: list[list[Term]] = field(default_factory=list)  # a word's derivations instead
    intent: str = ""  # "expert": the user asks who knows about the terms

    @property
    def empty(self):
        return not self.terms

    @property
    def words(self):
        return [word for term in self.terms for word in term.words]


def word_variants(word: str) -> set[str]:
    variants = {word}
    if word.endswith("ies"):
        variants.add(word[:-1])
    elif word.endswith("ie"):
        variants.add(word + "s")
    return variants


def is_question(raw: str, chunks: list[str]) -> bool:
    return raw.rstrip().endswith("?") or len(chunks) >= QUESTION_MIN_WORDS


def parse(raw: str) -> ParsedQuery:
    raw = (raw or "")[:MAX_QUERY_LENGTH]
    folded = raw.replace("“", '"').replace("”", '"').replace("„", '"')
    intent = EXPERT_INTENT.match(folded)
    asked = folded[intent.end() :] if intent else folded
    terms = []
    for phrase in QUOTED.findall(asked):
        words = tuple(normalise(phrase).split())
        if words:
            terms.append(Term(words, required=True))
    chunks = QUOTED.sub(" ", asked).replace('"', " ").split()
    question = is_question(asked, chunks)
    for chunk in chunks:
        words = tuple(normalise(chunk).split())  # "Zeist-Oost" → ("zeist", "oost")
        if question and words and len(words) == 1 and words[0] in QUESTION_WORDS:
            continue
        if words:
            terms.append(Term(words))
    terms = terms[:MAX_TERMS]
    places = municipality_names()
    for term in terms:
        if term.text in places:
            term.weight = PLACE_WEIGHT
    query = ParsedQuery(original=raw.strip(), terms=terms, intent="expert" if intent else "")
    query.alternatives = synonym_rewrites(query)
    query.derived = derivation_rewrites(query)
    return query


MAX_DERIVED = 6
PLACE_WEIGHT = 1.5


def municipality_names() -> frozenset[str]:
    """The normalised names and name variants of the municipalities."""
    return frozenset(vocabulary.municipalities().normalised)


def derivation_rewrites(query: ParsedQuery) -> list[list[Term]]:
    """The query with one word replaced by each of its derivations in the vocabulary."""
    related = derivations(term.words[0] for term in query.terms if len(term.words) == 1)
    rewrites = []
    for position, term in enumerate(query.terms):
        for other in related.get(term.words[0], []) if len(term.words) == 1 else []:
            rewrites.append([*query.terms[:position], Term((other,)), *query.terms[position + 1 :]])
    return rewrites[:MAX_DERIVED]


def synonym_sets() -> list[frozenset[str]]:
    """Each theme's label and synonyms, normalised, as one set of equivalent phrases
    (remembered with the vocabulary: every search asks)."""
    return remembered(
        "vocabulary",
        "synonym sets",
        lambda: [
            frozenset(filter(None, map(normalise, entry.spellings)))
            for entry in vocabulary.themes().entries
        ],
    )


def synonym_rewrites(query: ParsedQuery) -> list[list[Term]]:
    """The query with a theme label or synonym replaced by each of its equivalents."""
    text = " ".join(term.text for term in query.terms)
    rewrites = []
    for equivalents in synonym_sets():
        # The longest phrase first ("wet maatschappelijke ondersteuning" before "wmo").
        for phrase in sorted(equivalents, key=lambda phrase: (-len(phrase), phrase)):
            if phrase in text and vocabulary.phrase_pattern(phrase).search(text):
                for other in sorted(equivalents - {phrase}):
                    rewritten = vocabulary.phrase_pattern(phrase).sub(other, text)
                    rewrites.append([Term((word,)) for word in rewritten.split()])
                break
    return rewrites[:8]
