"""Counting, server-side: searches (from the search signal), opened results (a page
reached from the search page, told by the Referer the browser sends within the site),
report page views and rendition downloads."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from documents.models import ReportFile, ReportPage
from usage.models import ReportWeek, SearchWeek


def this_week() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def normalised(query: str) -> str:
    return " ".join(query.casefold().split())[:200]


def bump(model, keys: dict, **increments):
    """Add ``increments`` to the row with ``keys``, making it if needed (safe when two
    requests count at once)."""
    changes = {name: F(name) + amount for name, amount in increments.items()}
    if model.objects.filter(**keys).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **increments)
    except IntegrityError:  # made meanwhile by another request
        model.objects.filter(**keys).update(**changes)


def count_search(sender, query, total, **kwargs):
    query = normalised(query)
    if query:
        bump(
            SearchWeek,
            {"week": this_week(), "query": query},
            searches=1,
            without_results=0 if total else 1,
        )


def search_that_led_here(request) -> str:
    """The query of the search page this request came from, or ''."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.get_host() or referer.path != reverse("search"):
        return ""
    return normalised(parse_qs(referer.query).get("q", [""])[0])


def count_page_view(page, request):
    query = search_that_led_here(request)
    if query:
        SearchWeek.objects.filter(week=this_week(), query=query).update(opens=F("opens") + 1)
    if isinstance(page, ReportPage) and request.path == page.get_url(request):
        bump(ReportWeek, {"week": this_week(), "report": page}, views=1)


def count_download(document):
    for report_id in ReportFile.objects.filter(document=document).values_list("page_id", flat=True):
        bump(ReportWeek, {"week": this_week(), "report_id": report_id}, downloads=1)
