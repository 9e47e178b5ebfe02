"""The pages granted to a user: what ``wijkwijs.visibility`` adds to its rule.

Read at every check, so an expired or revoked grant closes at once. A page behind
Wagtail's own privacy (a password or group restriction) is never opened by a grant.
"""

from wagtail.models import Page

from access_requests.models import AccessRequest


def granted_page_ids(user) -> list[int]:
    granted = list(
        AccessRequest.objects.in_force().filter(requester=user).values_list("page_id", flat=True)
    )
    if not granted:  # most users: one query, not Wagtail's privacy read as well
        return []
    return list(Page.objects.public().filter(pk__in=granted).values_list("pk", flat=True))
