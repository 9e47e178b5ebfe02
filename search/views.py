"""The search page: one box, one ranked list of every kind of content, with facets."""

import math
from urllib.parse import urlencode

from django.shortcuts import render

from search.engines import get_engine
from search.events import searched
from search.filters import FACET_LABELS, FACET_NAMES, SINGLE_VALUED_FACETS
from search.query import MAX_QUERY_LENGTH
from wijkwijs.parameters import MAX_RESULT_WINDOW, BadParameter, whole_number

PAGE_SIZE = 20
SORTS = {"relevantie": "relevance", "nieuwste": "newest"}
AS_TYPED = "letterlijk"  # the parameter that searches the query as typed, uncorrected
FACET_SHOWN = 6


def page_number(value):
    """The page asked for (past the result window: the window's last page), or the first."""
    try:
        number = whole_number(value, "pagina", 1)
    except BadParameter:
        return 1
    return min(number, MAX_RESULT_WINDOW // PAGE_SIZE)


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    filters = {
        name: request.GET.getlist(name)[:10] for name in FACET_NAMES if request.GET.getlist(name)
    }
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevantie"
    page = page_number(request.GET.get("pagina"))
    as_typed = request.GET.get(AS_TYPED) == "1"
    result = None
    if query:
        engine = get_engine()

        def run(number):
            return engine.search(
                query,
                filters,
                user=request.user,
                limit=PAGE_SIZE,
                offset=(number - 1) * PAGE_SIZE,
                sort=SORTS[sort],
                as_typed=as_typed,
            )

        result = run(page)
        if page == 1:
            searched.send(sender=search, query=query, total=result.total)
        pages = max(1, math.ceil(result.total / PAGE_SIZE))
        if page > pages:  # past the end: show the last page
            page = pages
            result = run(page)
        # A record has one type, kind and year, so values chosen in one of those groups
        # mean "any of them": the group's counts leave out its own choice, or choosing one
        # value would hide the others. Counted without ranking anything (limit 0).
        for name in SINGLE_VALUED_FACETS.keys() & filters.keys():
            others = {key: values for key, values in filters.items() if key != name}
            result.facets[name] = engine.search(
                query, others, user=request.user, limit=0, sort=SORTS[sort], as_typed=as_typed
            ).facets[name]
    context = search_context(query, filters, sort, page, result, as_typed)
    return render(request, "search/search.html", context)


def search_context(query, filters, sort, page, result, as_typed):
    # Every link of the page (pages, filters) keeps the query as typed, if so asked.
    typed = [(AS_TYPED, "1")] if as_typed else []
    base = [("q", query), ("sort", sort), *typed] + [
        (k, v) for k, values in filters.items() for v in values
    ]
    facets = []
    if result is not None:
        result.label_in_visitor_language()
        for name in [name for name in FACET_NAMES if name in result.facets]:
            values = result.facets[name]
            chosen = set(filters.get(name, []))
            options = [
                {"value": value, "label": label, "count": count, "chosen": value in chosen}
                for value, label, count in values
            ]
            # Long groups show their first values and fold the rest (never a chosen one).
            more = [o for o in options[FACET_SHOWN:] if not o["chosen"]]
            facets.append(
                {
                    "name": name,
                    "label": FACET_LABELS[name],
                    "options": options,
                    "shown": [o for o in options if o not in more],
                    "more": more,
                }
            )
    pages = max(1, math.ceil(result.total / PAGE_SIZE)) if result else 1
    return {
        "active_filters": active_filters(base, filters, facets),
        "clear_filters_url": f"?{urlencode([('q', query), ('sort', sort), *typed])}",
        "query": query,
        "as_typed": as_typed,
        # After a correction was searched: the query as typed, with the same filters.
        "as_typed_url": f"?{urlencode(base + [(AS_TYPED, '1')])}"
        if result and result.searched_for
        else "",
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


def active_filters(base, filters, facets):
    """The chosen filter values, each with its facet, label and the link that removes it."""
    labels = {(f["name"], o["value"]): o["label"] for f in facets for o in f["options"]}
    return [
        {
            "facet": FACET_LABELS[name],
            "label": labels.get((name, value), value),
            "remove_url": f"?{urlencode([pair for pair in base if pair != (name, value)])}",
        }
        for name, values in filters.items()
        for value in values
    ]
