"""The deciders' side, in the Wagtail admin: the requests they decide, and the decision.

Editors and coordinators see the requests for the pages they decide on, with every
decision logged (who, when, why); superusers see all.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from access_requests import decisions
from access_requests.forms import DecisionForm
from access_requests.models import AccessRequest, RequestState
from access_requests.rules import decidable, may_decide, open_decisions


def decidable_by(user):
    requests = AccessRequest.objects.select_related("page", "requester").prefetch_related(
        "log__actor"
    )
    return decidable(requests, user)


class AccessRequestIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "access_requests/admin/index.html"
    page_title = gettext_lazy("Toegangsverzoeken")
    header_icon = "lock-open"

    def get_context_data(self, **kwargs):
        decisions.close_expired()  # so the log says so when the deciders look
        requests = decidable_by(self.request.user)
        pending = [item for item in requests if item.state == RequestState.PENDING]
        others = [item for item in requests if item.state != RequestState.PENDING]
        return super().get_context_data(**kwargs) | {"pending": pending, "others": others}


class DecideView(WagtailAdminTemplateMixin, FormView):
    template_name = "access_requests/admin/decide.html"
    form_class = DecisionForm
    page_title = gettext_lazy("Toegangsverzoek")
    header_icon = "lock-open"

    def dispatch(self, request, *args, **kwargs):
        self.access_request = get_object_or_404(
            AccessRequest.objects.select_related("page", "requester"), pk=kwargs["request_id"]
        )
        if not may_decide(request.user, self.access_request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def choices(self):
        return open_decisions(self.access_request)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"choices": self.choices()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "access_request": self.access_request,
            "log": self.access_request.log.select_related("actor"),
            "may_decide_now": bool(self.choices()),
        }

    def form_valid(self, form):
        access_request, user = self.access_request, self.request.user
        decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
        try:
            decisions.decide(access_request, user, decision, message, form.expires_at)
        except decisions.AlreadyDecided:
            messages.error(self.request, DecisionForm.ALREADY_DECIDED)
        else:
            messages.success(self.request, DecisionForm.DONE[decision])
        return redirect(reverse("access_requests_admin:decide", args=[access_request.pk]))
