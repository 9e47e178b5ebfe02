"""The mails of an access request: to its deciders when asked, to the requester when decided.

A mail that cannot be sent is logged, not raised: the request and its decisions are saved
and shown in the admin and on the page either way.
"""

import logging

from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from wijkwijs.mail import absolute_url, send_templated

logger = logging.getLogger(__name__)


def send_or_log(template, context, address, language):
    try:
        send_templated(template, context, [address], language)
    except OSError:  # SMTP errors included
        logger.exception("mail %s to %s not sent", template, address)


def decide_url(decider, access_request):
    """Where ``decider`` decides: the admin for those who reach it, else the site's page."""
    in_admin = decider.has_perm("wagtailadmin.access_admin")
    name = "access_requests_admin:decide" if in_admin else "access_requests:decide"
    return absolute_url(reverse(name, args=[access_request.pk]))


def request_received(access_request, deciders):
    context = {"access_request": access_request, "page_title": access_request.page.title}
    for decider in deciders:
        # Their own choice in the admin, else the site's language — not the requester's.
        language = UserProfile.get_for_user(decider).preferred_language or settings.LANGUAGE_CODE
        send_or_log(
            "access_requests/mail/request_received",
            context | {"decide_url": decide_url(decider, access_request)},
            decider.email,
            language,
        )


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
    send_or_log(
        "access_requests/mail/decision",
        context,
        access_request.requester.email,
        access_request.language,
    )
