"""The editors' report: what people search for and do not find, and what they read."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import F, Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from usage.models import ReportWeek, SearchWeek

LIMIT = 25


def totals(rows, *group):
    return rows.values(*group).annotate(
        searches_total=Sum("searches"),
        without_total=Sum("without_results"),
        opens_total=Sum("opens"),
    )


def chosen_week(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None  # all weeks


def usage_report(request):
    if not request.user.is_staff:
        raise PermissionDenied
    weeks = list(SearchWeek.objects.order_by("-week").values_list("week", flat=True).distinct())
    chosen = chosen_week(request.GET.get("week", ""))
    searches = SearchWeek.objects.all()
    reports = ReportWeek.objects.all()
    if chosen:
        searches, reports = searches.filter(week=chosen), reports.filter(week=chosen)
    queries = totals(searches, "query")
    context = {
        "page_title": _("Zoeken en gebruik"),
        "weeks": weeks,
        "chosen": chosen,
        "by_week": totals(SearchWeek.objects.all(), "week").order_by("-week"),
        "top": queries.order_by("-searches_total", "query")[:LIMIT],
        # What is missing: searches that found nothing, for coordinators to write or find.
        "without_results": queries.filter(without_total__gt=0).order_by("-without_total", "query")[
            :LIMIT
        ],
        "unopened": queries.filter(opens_total=0, without_total__lt=F("searches_total")).order_by(
            "-searches_total", "query"
        )[:LIMIT],
        "reports": reports.values("report_id", "report__title")
        .annotate(views_total=Sum("views"), downloads_total=Sum("downloads"))
        .order_by("-views_total", "-downloads_total", "report__title")[:50],
    }
    return render(request, "usage/report.html", context)
