"""Who may ask for a page, and who decides.

A member may ask only where they may already know the page exists: the page is shared
with chosen communities (``Visibility.COMMUNITIES``) and at least one of those communities
is visible to them — a community they could join. Pages for editors only stay a 404 for
everyone else (no existence oracle), and anonymous visitors are sent to log in first.

Deciders: the coordinators of the community (a community page, or a meeting's
community) — the accounts linked to their expert profiles — and whoever may publish the
page in the admin (the report's editors). Superusers decide when nobody else can.
"""

from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission

from access_requests.forms import DecisionForm
from access_requests.models import RequestState
from documents.models import ReportPage
from wijkwijs.models import CommunityPage, MeetingPage
from wijkwijs.visibility import Visibility, visible

GRANTABLE_TYPES = (ReportPage, MeetingPage, CommunityPage)


def known_communities(page, user):
    """The communities ``page`` is shared with that ``user`` may see."""
    return visible(page.shared_with.all(), user).order_by("title")


def may_request(page, user) -> bool:
    page = page.specific
    return (
        user.is_authenticated
        and isinstance(page, GRANTABLE_TYPES)
        and page.live
        and page.visibility == Visibility.COMMUNITIES
        and not page.get_view_restrictions().exists()
        and not page.is_visible_to(user)
        and known_communities(page, user).exists()
    )


def community_of(page):
    if isinstance(page, CommunityPage):
        return page
    if isinstance(page, MeetingPage):
        return page.get_parent().specific
    return None


def deciders(page):
    """The active users who decide requests for ``page``."""
    page = page.specific
    users = get_user_model().objects.filter(is_active=True)
    publishing_groups = GroupPagePermission.objects.filter(
        page__in=page.get_ancestors(inclusive=True), permission__codename="publish_page"
    ).values("group")
    chosen = users.filter(groups__in=publishing_groups)
    community = community_of(page)
    if community is not None:
        coordinators = users.filter(expert_profile__in=community.coordinators.all())
        chosen = chosen | coordinators
    chosen = chosen.distinct()
    return chosen if chosen.exists() else users.filter(is_superuser=True)


def may_decide(user, access_request) -> bool:
    return user.is_authenticated and (
        user.is_superuser or deciders(access_request.page).filter(pk=user.pk).exists()
    )


def decidable(requests, user) -> list:
    """The requests of ``requests`` that ``user`` decides (the deciders of a page are
    looked up once, however many requests it has)."""
    decides_page = {}
    chosen = []
    for access_request in requests:
        if access_request.page_id not in decides_page:
            decides_page[access_request.page_id] = may_decide(user, access_request)
        if decides_page[access_request.page_id]:
            chosen.append(access_request)
    return chosen


def open_decisions(access_request) -> list[str]:
    """What may be decided now: a pending request is granted or refused; a grant in force
    gets a new period or is revoked; a refused, revoked or expired one is closed (the
    member asks again)."""
    state = access_request.current_state
    if state == RequestState.PENDING:
        return [DecisionForm.GRANT, DecisionForm.REFUSE]
    if state == RequestState.GRANTED:
        return [DecisionForm.GRANT, DecisionForm.REVOKE]
    return []
