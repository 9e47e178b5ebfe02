"""The expertise registry's own views: "who knows what" (expert finding, with a CSV
export of what it finds) and "remove my profile"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.actions.delete_page import DeletePageAction

from expertise.exports import experts_csv
from expertise.finding import experts_matching, find_experts
from expertise.models import OrganisationPage
from search.query import MAX_QUERY_LENGTH
from wijkwijs.listing import municipality_options, theme_options
from wijkwijs.spreadsheets import csv_download
from wijkwijs.visibility import visible

FINDER_FILTERS = ("gemeente", "organisatie", "thema")
EXPORT_LIMIT = 1000


def finder_request(request):
    """The question and filters of a finder request, cut to sane lengths."""
    question = request.GET.get("vraag", "").strip()[:MAX_QUERY_LENGTH]
    filters = {name: request.GET.get(name, "").strip()[:120] for name in FINDER_FILTERS}
    return question, filters


def found_experts(request, limit=20):
    """The finding for the request, or None when nothing was asked."""
    question, filters = finder_request(request)
    if not question and not any(filters.values()):
        return None
    return find_experts(
        question,
        request.user,
        municipality=filters["gemeente"],
        organisation=filters["organisatie"],
        theme=filters["thema"],
        limit=limit,
    )


def filter_fields(filters, user):
    """The finder's three drop-downs, with the chosen values selected."""
    organisations = visible(OrganisationPage.objects.all(), user).order_by("title")
    fields = (
        ("gemeente", _("Gemeente"), _("Alle gemeenten"), municipality_options()),
        (
            "organisatie",
            _("Organisatie"),
            _("Alle organisaties"),
            list(organisations.values_list("slug", "title")),
        ),
        ("thema", _("Thema"), _("Alle thema's"), theme_options()),
    )
    return [
        {"name": name, "label": label, "all": every, "options": options, "value": filters[name]}
        for name, label, every, options in fields
    ]


def who_knows_what(request):
    question, filters = finder_request(request)
    context = {
        "question": question,
        "finding": found_experts(request),
        "filter_fields": filter_fields(filters, request.user),
        "export_query": request.GET.urlencode(),
    }
    return render(request, "expertise/who_knows_what.html", context)


def who_knows_what_csv(request):
    """The experts found (or all, when nothing was asked) as CSV: consented profiles only."""
    finding = found_experts(request, limit=EXPORT_LIMIT)
    if finding is None:
        experts = experts_matching(request.user).order_by("title")
        experts = list(experts.prefetch_related("municipalities", "themes", "tags"))
    else:
        experts = [match.expert for match in finding.matches]
    return csv_download(experts_csv(experts, request.build_absolute_uri), "experts")


@login_required
@require_http_methods(["GET", "POST"])
def remove_my_profile(request):
    profile = getattr(request.user, "expert_profile", None)
    if request.method == "POST" and profile is not None:
        name = profile.title
        with transaction.atomic():
            # Their own profile: no editor permission needed; logged in Wagtail's history.
            DeletePageAction(profile, user=request.user).execute(skip_permission_checks=True)
        messages.success(request, _("Het profiel van %(name)s is verwijderd.") % {"name": name})
        return redirect("/")
    return render(request, "expertise/remove_profile.html", {"profile": profile})
