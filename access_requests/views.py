"""The member's side: the page that offers to ask for access, and the asking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from access_requests import decisions
from access_requests.forms import AccessRequestForm
from access_requests.models import AccessRequest
from access_requests.rules import known_communities, may_request


def request_access_page(request, page, form=None, status=403):
    """Instead of a 404: the title, the communities it is shared with, and the form."""
    latest = AccessRequest.objects.filter(page=page, requester=request.user).first()
    context = {
        "requested_page": page,
        "communities": known_communities(page, request.user),
        "latest": latest,
        "form": form or AccessRequestForm(),
    }
    return render(request, "access_requests/request_access.html", context, status=status)


@login_required
@require_POST
def ask(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_request(page, request.user):
        raise Http404  # the same answer as the page itself gives
    form = AccessRequestForm(request.POST)
    if not form.is_valid():
        return request_access_page(request, page, form, status=400)
    try:
        decisions.ask(page, request.user, form.cleaned_data["reason"], get_language())
    except decisions.AlreadyPending:
        messages.info(request, _("U hebt al om toegang gevraagd; u krijgt bericht."))
    else:
        messages.success(request, _("Uw verzoek is verstuurd. U krijgt bericht per e-mail."))
    return redirect(page.url)
