"""The search API (JSON), its autocomplete, and the OpenAPI document that describes them.

Same parameters as the search page. Filter values accept slugs or names, case-insensitive;
an unknown value simply matches nothing. Bad parameters get a 400 with a message.
"""

import math
from dataclasses import asdict

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from search.engines import get_engine
from search.query import MAX_QUERY_LENGTH
from search.views import FILTERS
from wijkwijs.parameters import MAX_RESULT_WINDOW, BadParameter, whole_number, within_window

MAX_PAGE_SIZE = 100
AUTOCOMPLETE_LIMIT = 10


@require_GET
def search_api(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    try:
        page_size = whole_number(
            request.GET.get("page_size"), "page_size", 20, maximum=MAX_PAGE_SIZE
        )
        page = whole_number(request.GET.get("page"), "page", 1)
    except BadParameter as error:
        return JsonResponse({"error": str(error)}, status=400)
    filters = {
        name: request.GET.getlist(name)[:10] for name in FILTERS if request.GET.getlist(name)
    }
    include_text = "text" in request.GET.get("include", "").split(",")
    sort = "newest" if request.GET.get("sort") in ("newest", "nieuwste") else "relevance"
    offset = (page - 1) * page_size
    listed = within_window(offset, page_size)
    # Past the result window only the total is counted: the page itself is empty.
    result = get_engine().search(
        query,
        filters,
        user=request.user,
        limit=page_size,
        offset=offset if listed else MAX_RESULT_WINDOW - page_size,
        sort=sort,
    )
    hits = []
    for hit in result.hits if listed else []:
        item = {
            "type": hit.type,
            "title": hit.heading_path,
            "url": request.build_absolute_uri(hit.url),
            "snippet": hit.snippet,
            "labels": hit.labels,
            "score": hit.score,
            "similar": [
                {"title": similar.title, "url": request.build_absolute_uri(similar.url)}
                for similar in hit.similar
            ],
        }
        if include_text:
            item["text"] = hit.text
        hits.append(item)
    return JsonResponse(
        {
            "query": query,
            "total": result.total,
            "page": page,
            "page_size": page_size,
            "pages": max(1, math.ceil(result.total / page_size)),
            "suggestion": result.suggestion,
            "searched_for": result.searched_for,
            "engine": result.engine,
            "fallback": result.fallback,
            "facets": {
                name: [{"value": v, "label": label, "count": n} for v, label, n in values]
                for name, values in result.facets.items()
            },
            "hits": hits,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def autocomplete_api(request):
    """Titles that start with, or have a word starting with, what was typed."""
    prefix = request.GET.get("q", "").strip()[:60]
    if len(prefix) < 2:
        return JsonResponse({"suggestions": []})
    suggestions = get_engine().suggest_titles(prefix, request.user, AUTOCOMPLETE_LIMIT)
    return JsonResponse(
        {"suggestions": [asdict(suggestion) for suggestion in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )


FILTER_PARAMETERS = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }
    for name, description in [
        (
            "type",
            "Soort: expert, organisatie, praktijk, gemeente, thema, kennisgemeenschap, rapport",
        ),
        ("theme", "Thema (slug of naam)"),
        ("municipality", "Gemeente (slug of naam)"),
        ("organisation", "Organisatie (slug of naam)"),
        ("kind", "Soort publicatie (bijv. evaluatie)"),
        ("year", "Jaar"),
    ]
]
OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "Wijkwijs zoek-API", "version": "1"},
    "paths": {
        "/api/v1/search/": {
            "get": {
                "summary": "Zoek in alles wat de gebruiker mag zien",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                    },
                    *FILTER_PARAMETERS,
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                    {
                        "name": "page_size",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                    },
                    {
                        "name": "sort",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["relevance", "newest"]},
                    },
                    {
                        "name": "include",
                        "in": "query",
                        "description": "'text' voegt de volledige geïndexeerde tekst toe",
                        "schema": {"type": "string"},
                    },
                ],  # fmt: skip
                "responses": {
                    "200": {
                        "description": "Resultaten met facetten en 'Bedoelde u'; 'engine' noemt "
                        "de zoekmachine die antwoordde, 'fallback' is true als Elasticsearch "
                        "niet bereikbaar was en de ingebouwde zoekfunctie antwoordde. Bijna "
                        "gelijke passages uit één document staan één keer in de lijst; de "
                        "andere staan in 'similar' van die treffer"
                    },
                    "400": {"description": "Ongeldige parameter, met uitleg in 'error'"},
                },
            }
        },
        "/api/v1/search/autocomplete/": {
            "get": {
                "summary": "Titels die beginnen met wat getypt is",
                "parameters": [
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "Maximaal tien suggesties"}},
            }
        },
    },
}


@require_GET
def openapi_document(request):
    return JsonResponse(OPENAPI, json_dumps_params={"ensure_ascii": False})
