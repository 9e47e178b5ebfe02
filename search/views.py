"""The search page: one box, one ranked list of every kind of content, with facets."""

import math
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from search.engines import get_engine
from search.events import searched
from search.query import MAX_QUERY_LENGTH

PAGE_SIZE = 20
FILTERS = ("type", "theme", "municipality", "organisation", "kind", "year")
FACET_LABELS = {
    "type": _("Soort inhoud"),
    "theme": _("Thema"),
    "municipality": _("Gemeente"),
    "organisation": _("Organisatie"),
    "kind": _("Soort publicatie"),
    "year": _("Jaar"),
}
SORTS = {"relevantie": "relevance", "nieuwste": "newest"}


def page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    filters = {
        name: request.GET.getlist(name)[:10] for name in FILTERS if request.GET.getlist(name)
    }
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevantie"
    page = page_number(request.GET.get("pagina"))
    result = None
    if query:
        engine = get_engine()

        def run(number):
            return engine.search(query, filters, user=request.user, limit=PAGE_SIZE,
                                 offset=(number - 1) * PAGE_SIZE, sort=SORTS[sort])  # fmt: skip

        result = run(page)
        if page == 1:
            searched.send(sender=search, query=query, total=result.total)
        pages = max(1, math.ceil(result.total / PAGE_SIZE))
        if page > pages:  # past the end: show the last page
            page = pages
            result = run(page)
    return render(request, "search/search.html", search_context(query, filters, sort, page, result))


def search_context(query, filters, sort, page, result):
    base = [("q", query), ("sort", sort)] + [
        (k, v) for k, values in filters.items() for v in values
    ]
    facets = []
    if result is not None:
        for name, values in result.facets.items():
            chosen = set(filters.get(name, []))
            facets.append(
                {
                    "name": name,
                    "label": FACET_LABELS[name],
                    "options": [
                        {"value": value, "label": label, "count": count, "chosen": value in chosen}
                        for value, label, count in values
                    ],
                }
            )
    pages = max(1, math.ceil(result.total / PAGE_SIZE)) if result else 1
    return {
        "query": query,
        "result": result,
        "facets": facets,
        "sort": sort,
        "page_number": page,
        "pages": pages,
        "first_rank": (page - 1) * PAGE_SIZE + 1,
        "previous_url": f"?{urlencode(base + [('pagina', page - 1)])}" if page > 1 else "",
        "next_url": f"?{urlencode(base + [('pagina', page + 1)])}" if page < pages else "",
        "suggestion_url": f"?{urlencode([('q', result.suggestion)])}"
        if result and result.suggestion
        else "",
    }
