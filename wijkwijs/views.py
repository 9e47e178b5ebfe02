"""Putting municipalities side by side (wijkwijs/comparison.py), as a page and as CSV; the
conventional addresses crawlers and browsers ask for (favicon, robots.txt)."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control

from wijkwijs.comparison import MAX_CHOSEN, MIN_CHOSEN, chosen, compare, comparison_csv
from wijkwijs.listing import municipality_options
from wijkwijs.spreadsheets import csv_download

# A day, not for ever: the icon's static address changes with its content (hashed names)
# and robots.txt with the host asked.
CONVENTIONAL_MAX_AGE = 60 * 60 * 24


def compare_municipalities(request):
    values = request.GET.getlist("gemeente")[:50]
    municipalities, error = chosen(values) if values else ([], "")
    preselected = set(request.GET.getlist("kies")[:MAX_CHOSEN])  # from a municipality's page
    context = {
        "options": municipality_options(),
        "chosen_slugs": {page.slug for page in municipalities} | preselected,
        "error": error,
        "comparison": compare(municipalities, request.user) if values and not error else None,
        "minimum": MIN_CHOSEN,
        "maximum": MAX_CHOSEN,
        "compare_query": request.GET.urlencode(),  # not "query": the header would show it
    }
    return render(
        request, "wijkwijs/compare_municipalities.html", context, status=400 if error else 200
    )


def compare_municipalities_csv(request):
    municipalities, error = chosen(request.GET.getlist("gemeente")[:50])
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    text = comparison_csv(compare(municipalities, request.user), request.build_absolute_uri)
    names = "-".join(page.slug for page in municipalities)
    return csv_download(text, f"vergelijking-{names}")


@cache_control(public=True, max_age=CONVENTIONAL_MAX_AGE)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page declares: the SVG icon."""
    return redirect(static("favicon.svg"))


@cache_control(public=True, max_age=CONVENTIONAL_MAX_AGE)
def robots_txt(request):
    """Crawlers find the pages through the sitemap; search results (endless combinations of
    words and filters) and the admin are not for them."""
    closed = [*settings.ADMIN_PATH_PREFIXES, reverse("search")]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in closed)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
