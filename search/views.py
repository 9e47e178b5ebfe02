"""The site search page.

A plain Wagtail page search over everything the visitor may see; the section-level,
faceted search of the search issue replaces it behind the same URL.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        pages = Page.objects.live().public().specific()
        results = [
            page
            for page in pages.search(query, operator="or")
            if not hasattr(page, "is_visible_to") or page.is_visible_to(request.user)
        ]
    page_obj = Paginator(results, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": page_obj,
            "result_count": len(results) if query else 0,
            "filter_query": urlencode({"q": query}),
        },
    )
