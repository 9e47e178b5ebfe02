"""Search and autocomplete over everything the user may see (the search page's engine).

Same parameters as the search page. Filter values are slugs or names, in any case; an
unknown value matches nothing. ``type`` is one vocabulary: the filter takes the values a
hit's ``type`` and an autocomplete suggestion's ``type`` carry.
"""

from dataclasses import asdict, replace
from typing import Literal

from django.db.models import Q
from django.http import HttpResponse
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import Field

from api.auth import member_or_public
from api.models import ApiScope
from api.pagination import Paging, link_header, page_count
from api.problems import Problem
from api.schemas import FilterValue, Kind
from documents.choices import ReportKind
from search.engines import get_engine
from search.events import searched
from search.filters import FACET_NAMES
from search.query import MAX_QUERY_LENGTH
from search.registry import kind_label, kind_values
from search.results import TitleSuggestion
from wijkwijs.models import ThemePage
from wijkwijs.parameters import MAX_RESULT_WINDOW, READABLE_TEXT, within_window

router = Router(auth=member_or_public(ApiScope.SEARCH), tags=[_("zoeken")])
ERRORS = {400: Problem, 401: Problem, 403: Problem}
AUTOCOMPLETE_LIMIT = 10
AUTOCOMPLETE_MIN_LENGTH = 2
MAX_FILTER_VALUES = 10  # per filter; further values are ignored
SORTS = {
    "relevance": "relevance",
    "relevantie": "relevance",
    "newest": "newest",
    "nieuwste": "newest",
}


def values_field(description):
    limit = format_lazy(_("Hoogstens {count} waarden tellen."), count=MAX_FILTER_VALUES)
    return Field([], description=format_lazy("{} {}", description, limit))


class SearchParameters(Schema):
    q: str = Field(
        "",
        pattern=READABLE_TEXT,
        description=format_lazy(
            _("De zoekvraag (zonder: geen treffers); na {count} tekens afgekapt."),
            count=MAX_QUERY_LENGTH,
        ),
    )
    type: list[FilterValue] = values_field(
        format_lazy(
            _("Soort inhoud: {values}; meerdere: een ervan."), values=", ".join(kind_values())
        )
    )
    theme: list[FilterValue] = values_field(_("Thema (slug of naam); meerdere: alle."))
    municipality: list[FilterValue] = values_field(_("Gemeente (slug of naam); meerdere: alle."))
    organisation: list[FilterValue] = values_field(_("Organisatie (slug of naam); meerdere: alle."))
    kind: list[FilterValue] = values_field(
        format_lazy(
            _("Soort publicatie: {values}; meerdere: een ervan."),
            values=", ".join(ReportKind.values),
        )
    )
    year: list[FilterValue] = values_field(_("Jaar; meerdere: een ervan."))
    sort: Literal["relevance", "newest", "relevantie", "nieuwste"] = "relevance"
    include: Literal["", "text"] = Field(
        "", description=_("'text' voegt de volledige geïndexeerde tekst toe.")
    )

    def filters(self):
        return {
            name: getattr(self, name)[:MAX_FILTER_VALUES]
            for name in FACET_NAMES
            if getattr(self, name)
        }


class Similar(Schema):
    title: str
    url: str


class SearchHit(Schema):
    type: Kind
    title: str = Field(description=_("Bij een paragraaf: 'Rapport › Hoofdstuk › Paragraaf'."))
    url: str
    snippet: str = Field(description=_("Veilige HTML: ontsnapte tekst met <mark> om de treffers."))
    labels: dict[str, list[str]]
    score: float
    similar: list[Similar] = Field(description=_("Bijna gelijke passages uit hetzelfde document."))
    text: str | None = Field(None, description=_("Alleen met include=text."))


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchAnswer(Schema):
    query: str
    total: int
    page: int
    page_size: int
    pages: int
    suggestion: str = Field(description=_("'Bedoelde u …?', of leeg."))
    searched_for: str = Field(
        description=_("De zoekvraag die gezocht is, als een correctie de gestelde verving.")
    )
    engine: str = Field(description=_("De zoekmachine die antwoordde."))
    fallback: bool = Field(
        description=_("Elasticsearch was niet bereikbaar; de ingebouwde zoekfunctie antwoordde.")
    )
    facets: dict[str, list[FacetValue]]
    hits: list[SearchHit]


@router.get(
    "/search/",
    response={200: SearchAnswer, **ERRORS},
    url_name="search",
    exclude_none=True,
    description=_(
        "Zoek in alles wat u mag zien: één gerangschikte lijst met facetten. Bijna gelijke "
        "passages uit één document staan één keer in de lijst; de andere staan in "
        "``similar`` van die treffer."
    ),
)
def search(
    request, response: HttpResponse, parameters: Query[SearchParameters], paging: Query[Paging]
):
    query = parameters.q.strip()[:MAX_QUERY_LENGTH]
    listed = within_window(paging.offset, paging.page_size)
    # Past the result window only the total is counted: the page itself is empty.
    result = get_engine().search(
        query,
        parameters.filters(),
        user=request.user,
        limit=paging.page_size,
        offset=paging.offset if listed else MAX_RESULT_WINDOW - paging.page_size,
        sort=SORTS[parameters.sort],
    )
    if query and paging.page == 1:
        searched.send(sender=search, query=query, total=result.total)
    result.label_in_visitor_language()
    absolute = request.build_absolute_uri
    pages = page_count(result.total, paging.page_size)
    response["Link"] = link_header(request, paging.page, pages)
    return {
        "query": query,
        "total": result.total,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": pages,
        "suggestion": result.suggestion,
        "searched_for": result.searched_for,
        "engine": result.engine,
        "fallback": result.fallback,
        "facets": {
            name: [
                {"value": str(value), "label": str(label), "count": count}
                for value, label, count in values
            ]
            for name, values in result.facets.items()
        },
        "hits": [
            {
                "type": hit.kind,
                "title": hit.heading_path,
                "url": absolute(hit.url),
                "snippet": hit.snippet,
                "labels": hit.labels,
                "score": hit.score,
                "similar": [
                    {"title": similar.title, "url": absolute(similar.url)}
                    for similar in hit.similar
                ],
                "text": hit.text if parameters.include == "text" else None,
            }
            for hit in (result.hits if listed else [])
        ],
    }


class Suggestion(Schema):
    title: str
    report: str = Field(description=_("Bij een paragraaf: de titel van het rapport; anders leeg."))
    url: str
    type: Kind
    type_label: str = Field(description=_("De soort voor mensen, in de taal van het verzoek."))


class Suggestions(Schema):
    suggestions: list[Suggestion]


class AutocompleteParameters(Schema):
    q: str = Field("", pattern=READABLE_TEXT, description=_("Wat er getypt is; vanaf twee tekens."))


def with_english_theme_names(found, prefix):
    """Themes named by their English label, and those whose English label has a word that
    begins with ``prefix`` added: the index suggests by the Dutch names and synonyms alone."""
    english_names = ThemePage.names_in_visitor_language()
    theme = ThemePage.search_kind.value
    named = [
        replace(suggestion, title=english_names.get(suggestion.title, suggestion.title))
        if suggestion.type == theme
        else suggestion
        for suggestion in found
    ]
    suggested = {suggestion.url for suggestion in named}
    typed = (
        ThemePage.objects.live()
        .public()
        .filter(Q(label_en__istartswith=prefix) | Q(label_en__icontains=f" {prefix}"))
    )
    return named + [
        TitleSuggestion(page.label_en, "", page.url, theme)
        for page in typed.order_by("label_en")
        if page.url not in suggested
    ]


@router.get(
    "/search/autocomplete/",
    response={200: Suggestions, **ERRORS},
    url_name="autocomplete",
    description=_(
        "Hoogstens tien titels die beginnen met wat getypt is, of een woord dat zo begint."
    ),
)
def autocomplete(request, parameters: Query[AutocompleteParameters]):
    prefix = parameters.q.strip()[:60]
    if len(prefix) < AUTOCOMPLETE_MIN_LENGTH:
        return {"suggestions": []}
    found = get_engine().suggest_titles(prefix, request.user, AUTOCOMPLETE_LIMIT)
    if get_language() == "en":
        found = with_english_theme_names(found, prefix)[:AUTOCOMPLETE_LIMIT]
    return {
        "suggestions": [
            asdict(suggestion)
            | {
                "url": request.build_absolute_uri(suggestion.url),
                "type_label": kind_label(suggestion.type),
            }
            for suggestion in found
        ]
    }
