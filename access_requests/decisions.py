"""The steps of an access request, each logged and told to whoever waits for it."""

from django.db import transaction

from access_requests import mail
from access_requests.models import AccessDecision, AccessRequest, RequestState
from access_requests.rules import deciders

Action = AccessDecision.Action


class AlreadyPending(Exception):
    """The member asked for this page already; the deciders have not answered yet."""


def ask(page, user, reason, language) -> AccessRequest:
    with transaction.atomic():
        if AccessRequest.objects.filter(
            page=page, requester=user, state=RequestState.PENDING
        ).exists():
            raise AlreadyPending
        access_request = AccessRequest.objects.create(
            page=page, requester=user, reason=reason, language=language
        )
        AccessDecision.objects.create(
            request=access_request, action=Action.REQUESTED, actor=user, message=reason
        )
    mail.request_received(access_request, deciders(page))
    return access_request


def _decide(access_request, state, action, actor, message, expires_at=None):
    with transaction.atomic():
        access_request.state = state
        access_request.expires_at = expires_at
        access_request.save(update_fields=["state", "expires_at"])
        decision = AccessDecision.objects.create(
            request=access_request,
            action=action,
            actor=actor,
            message=message,
            expires_at=expires_at,
        )
    mail.decision_made(access_request, decision)
    return decision


def grant(access_request, actor, message="", expires_at=None):
    granted = RequestState.GRANTED
    return _decide(access_request, granted, Action.GRANTED, actor, message, expires_at)


def refuse(access_request, actor, message):
    return _decide(access_request, RequestState.REFUSED, Action.REFUSED, actor, message)


def revoke(access_request, actor, message):
    return _decide(access_request, RequestState.REVOKED, Action.REVOKED, actor, message)


def close_expired(now=None) -> int:
    """Log the grants whose period has passed (they closed already: ``in_force``)."""
    closed = 0
    for access_request in AccessRequest.objects.lapsed(now).select_related("page", "requester"):
        expired = RequestState.EXPIRED
        _decide(access_request, expired, Action.EXPIRED, None, "", access_request.expires_at)
        closed += 1
    return closed
