"""The steps of an access request, each logged and told to whoever waits for it."""

from django.db import transaction

from access_requests import mail
from access_requests.forms import DecisionForm
from access_requests.models import AccessDecision, AccessRequest, RequestState
from access_requests.rules import deciders, open_decisions

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


class AlreadyDecided(Exception):
    """The decision asked for is no longer open: someone decided in the meantime, or the
    grant has expired."""


OUTCOMES = {
    DecisionForm.GRANT: (RequestState.GRANTED, Action.GRANTED),
    DecisionForm.REFUSE: (RequestState.REFUSED, Action.REFUSED),
    DecisionForm.REVOKE: (RequestState.REVOKED, Action.REVOKED),
}


def _record(access_request, state, action, actor, message, expires_at=None):
    access_request.state = state
    access_request.expires_at = expires_at
    access_request.save(update_fields=["state", "expires_at"])
    return AccessDecision.objects.create(
        request=access_request, action=action, actor=actor, message=message, expires_at=expires_at
    )


def decide(access_request, actor, decision, message="", expires_at=None) -> AccessDecision:
    """Take ``decision`` (grant, refuse or revoke) if the request, read locked now, still
    allows it: of two deciders at once the second gets ``AlreadyDecided``, the requester
    one answer. The grant's period ends at ``expires_at`` (None: permanent)."""
    state, action = OUTCOMES[decision]
    with transaction.atomic():
        locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
        if decision not in open_decisions(locked):
            raise AlreadyDecided
        if decision != DecisionForm.GRANT:
            expires_at = None
        logged = _record(locked, state, action, actor, message, expires_at)
    access_request.refresh_from_db()
    mail.decision_made(access_request, logged)
    return logged


def close_expired(now=None) -> int:
    """Log the grants whose period has passed (they closed already: ``in_force``)."""
    closed = 0
    for access_request in AccessRequest.objects.lapsed(now).select_related("page", "requester"):
        with transaction.atomic():
            logged = _record(
                access_request,
                RequestState.EXPIRED,
                Action.EXPIRED,
                None,
                "",
                access_request.expires_at,
            )
        mail.decision_made(access_request, logged)
        closed += 1
    return closed
