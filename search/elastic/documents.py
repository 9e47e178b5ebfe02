"""What a search record looks like in Elasticsearch, and how Dutch text is analysed.

Indexing splits words on hyphens and also joins them (Wmo-loket → wmo, loket, wmoloket),
folds accents, drops stop words and stems with Snowball Dutch (pinned by the server
version). Searching analyses the query the same way and widens it with the theme
vocabulary's synonyms (``synonym_graph``); the ``compound_parts`` field holds the parts the
database split each record's compounds into, so 'privacy' finds 'privacyregels'.
"""

import hashlib

from elasticsearch_dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from search.filters import LABEL_FACETS

FACET_SEPARATOR = "\t"
SIMILARITY = "wijkwijs_bm25"
SYNONYM_ANALYZER = "wijkwijs_dutch_synonyms"
# Report sections run from one line to many pages: BM25's default length normalisation
# (b=0.75) would rank any short record that mentions a word above the section about it.
LENGTH_NORMALISATION = 0.3

folded = ["lowercase", "asciifolding"]
dutch_stop = token_filter("wijkwijs_dutch_stop", "stop", stopwords="_dutch_")
# Snowball leaves -ie/-ies apart (participatie, participaties): join them first.
plural_ie = token_filter(
    "wijkwijs_plural_ie", "pattern_replace", pattern="^(.{2,}ie)s$", replacement="$1"
)
dutch_stemmer = token_filter("wijkwijs_dutch_stemmer", "stemmer", language="dutch")
hyphen_parts = token_filter(
    "wijkwijs_hyphen_parts",
    "word_delimiter_graph",
    split_on_case_change=False,
    split_on_numerics=False,
    preserve_original=False,
    catenate_words=True,
)

plain_analyzer = analyzer("wijkwijs_plain", tokenizer="standard", filter=folded)
keyword_folding = normalizer("wijkwijs_folded", filter=folded)


def index_analyzer():
    return analyzer(
        "wijkwijs_dutch",
        tokenizer="whitespace",
        filter=[hyphen_parts, *folded, dutch_stop, plural_ie, dutch_stemmer, "flatten_graph"],
    )


def search_analyzer():
    """The query side: word_delimiter_graph cannot precede synonyms, and the standard
    tokenizer already splits on hyphens; a joined query word matches the joined index form."""
    return analyzer(
        "wijkwijs_dutch_search",
        tokenizer="standard",
        filter=[*folded, dutch_stop, plural_ie, dutch_stemmer],
    )


def synonym_analyzer(synonym_rules):
    """The query side widened with the theme vocabulary (wijkteam ≈ buurtteam ≈ gebiedsteam);
    engines use it in a clause of its own, ranked below the words the user typed."""
    synonyms = token_filter(
        "wijkwijs_theme_synonyms",
        "synonym_graph",
        synonyms=synonym_rules or ["wijkwijs"],
        lenient=True,
    )
    return analyzer(
        SYNONYM_ANALYZER,
        tokenizer="standard",
        # Synonyms before stop words: labels such as "privacy en informatie-uitwisseling"
        # would otherwise lose a word and their rule would be dropped.
        filter=[*folded, synonyms, dutch_stop, plural_ie, dutch_stemmer],
    )


class RecordDocument(Document):
    """One search record; the index name and analysis are set per build (``index.py``)."""

    key = Keyword()
    page_id = Integer()
    kind = Keyword(eager_global_ordinals=True)
    title = Text(fields={"typed": SearchAsYouType(analyzer=plain_analyzer)})
    parent_title = Text()
    context = Text()  # a section's ancestor headings
    url = Keyword(index=False)
    # Offsets in the postings let the highlighter mark long sections without re-analysing them.
    # No unstemmed copy: whether a correction is written in what a user may see is asked of
    # the database (``ElasticsearchEngine._correction``); the copy cost a quarter of a bulk load.
    text = Text(index_options="offsets")
    visibility = Keyword()
    communities = Integer()
    report_kind = Keyword(eager_global_ordinals=True)
    year = Integer()
    published_at = Date()
    # Filters accept a slug or a name in any case; facets count "title<TAB>slug" keys.
    municipality = Keyword(normalizer=keyword_folding)
    theme = Keyword(normalizer=keyword_folding)
    organisation = Keyword(normalizer=keyword_folding)
    # Facets are counted on every search: build their ordinals at refresh, not on first use.
    municipality_facet = Keyword(eager_global_ordinals=True)
    theme_facet = Keyword(eager_global_ordinals=True)
    organisation_facet = Keyword(eager_global_ordinals=True)
    # The parts of the record's compounds as the database split them ('privacy regels' for
    # 'privacyregels'): each record's own, so no other record's words change what it is found by.
    compound_parts = Text(norms=False)
    checksum = Keyword(index=False)  # what `search_index verify` compares with the database


def field_mapping(synonym_rules) -> dict:
    """Analysis settings and mappings, the analyzers of the text fields filled in."""
    mapping = RecordDocument._doc_type.mapping.to_dict()
    dutch, query_side = index_analyzer(), search_analyzer()
    synonyms = synonym_analyzer(synonym_rules)
    properties = mapping["properties"]
    for name in ("title", "parent_title", "context", "text", "compound_parts"):
        properties[name].update(
            analyzer=dutch._name, search_analyzer=query_side._name, similarity=SIMILARITY
        )
    analysis = {}
    for custom in (dutch, query_side, synonyms, plain_analyzer):
        for section, definitions in custom.get_analysis_definition().items():
            analysis.setdefault(section, {}).update(definitions)
    analysis.setdefault("normalizer", {}).update(
        keyword_folding.get_analysis_definition()["normalizer"]
    )
    similarity = {SIMILARITY: {"type": "BM25", "k1": 1.2, "b": LENGTH_NORMALISATION}}
    return {"analysis": analysis, "similarity": similarity, "mappings": mapping}


def checksum(record) -> str:
    fields = (
        record.title,
        record.parent_title,
        record.context,
        record.url,
        record.text,
        record.compound_parts,
        record.visibility,
    )
    return hashlib.sha1("\x1f".join(fields).encode()).hexdigest()


def as_document(record, labels) -> dict:
    """The indexed form of a SearchRecord; ``labels`` as ``index.record_labels`` gives them."""
    document = {
        "key": record.key,
        "page_id": record.page_id,
        "kind": record.kind,
        "title": record.title,
        "parent_title": record.parent_title,
        "context": record.context,
        "url": record.url,
        "text": record.text,
        "compound_parts": record.compound_parts,
        "visibility": record.visibility,
        "communities": labels.get("communities", []),
        "report_kind": record.report_kind or None,
        "year": record.year,
        "published_at": record.published_at,
        "checksum": checksum(record),
    }
    for name in LABEL_FACETS:
        pairs = labels.get(name, [])
        document[name] = [value for pair in pairs for value in pair]
        document[f"{name}_facet"] = [f"{title}{FACET_SEPARATOR}{slug}" for slug, title in pairs]
    return document
