"""The mails of an access request: to its deciders when asked, to the requester when decided."""

from django.urls import reverse
from wagtail.users.models import UserProfile

from wijkwijs.mail import absolute_url, send_templated


def request_received(access_request, deciders):
    context = {
        "access_request": access_request,
        "decide_url": absolute_url(
            reverse("access_requests_admin:decide", args=[access_request.pk])
        ),
        "page_title": access_request.page.title,
    }
    for decider in deciders:
        language = UserProfile.get_for_user(decider).get_preferred_language()
        send_templated("access_requests/mail/request_received", context, [decider.email], language)


def decision_made(access_request, decision):
    # The title only with a grant: until then the requester knows the page by its address.
    page_url = absolute_url(access_request.page.url or "/")
    granted = decision.action == decision.Action.GRANTED
    context = {
        "access_request": access_request,
        "decision": decision,
        "page_title": access_request.page.title if granted else page_url,
        "page_url": page_url,
    }
    send_templated(
        "access_requests/mail/decision",
        context,
        [access_request.requester.email],
        access_request.language,
    )
