"""The deciders' side on the site, for coordinators without the Wagtail admin: the pending
requests they decide, and the decision — by the admin's rules (``rules``), steps
(``decisions``) and form.

A request someone may not decide answers exactly like one that does not exist (404), so
its number tells nothing; the list shows a non-decider what it shows a coordinator with
nothing to decide.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from access_requests import decisions
from access_requests.forms import DecisionForm
from access_requests.models import AccessRequest, RequestState
from access_requests.rules import decidable, may_decide, open_decisions

PAGE_SIZE = 20


def pending_for(user):
    pending = AccessRequest.objects.filter(state=RequestState.PENDING).select_related(
        "page", "requester"
    )
    return decidable(pending.order_by("created_at", "pk"), user)


@login_required
def pending_requests(request):
    listing = Paginator(pending_for(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "access_requests/site/pending.html", {"listing": listing})


@login_required
def decide(request, request_id):
    access_request = (
        AccessRequest.objects.select_related("page", "requester").filter(pk=request_id).first()
    )
    if access_request is None or not may_decide(request.user, access_request):
        raise Http404
    choices = open_decisions(access_request)
    form = DecisionForm(request.POST or None, choices=choices)
    decided_meanwhile = False
    if request.method == "POST":
        posted = request.POST.get("decision")
        # A decision that was open when the form was shown, closed now (another tab,
        # another coordinator, an expired grant): say so rather than "not a valid choice".
        decided_meanwhile = posted in DecisionForm.DONE and posted not in choices
        if not decided_meanwhile and form.is_valid():
            decision = form.cleaned_data["decision"]
            message = form.cleaned_data["message"]
            try:
                decisions.decide(access_request, request.user, decision, message, form.expires_at)
            except decisions.AlreadyDecided:
                decided_meanwhile = True
            else:
                messages.success(request, DecisionForm.DONE[decision])
                return redirect("access_requests:pending")
    if decided_meanwhile:
        access_request.refresh_from_db()
        choices = open_decisions(access_request)
        form = DecisionForm(choices=choices)
    context = {
        "access_request": access_request,
        "log": access_request.log.select_related("actor"),
        "form": form if choices else None,
        "decided_meanwhile": decided_meanwhile,
    }
    status = 409 if decided_meanwhile else 200
    return render(request, "access_requests/site/decide.html", context, status=status)
