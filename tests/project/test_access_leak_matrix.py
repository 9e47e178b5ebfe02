"""The leak matrix, one row per state of an access request.

A member of another community asks for the report and the meeting of the leak matrix.
Only a grant in force opens them, on every channel the community's members have; a
pending, refused, expired or revoked request opens nothing, on either engine.
"""

import datetime

import pytest
from django.utils import timezone

from access_requests.models import AccessRequest, RequestState
from tests.project import test_leak_matrix

pytestmark = pytest.mark.django_db
world = test_leak_matrix.world  # the fixture: the same restricted content and viewers

PAST = datetime.timedelta(hours=1)
STATES = {
    # name: (stored state, period end relative to now, or None)
    "pending": (RequestState.PENDING, None),
    "granted": (RequestState.GRANTED, None),
    "granted for a period": (RequestState.GRANTED, PAST),
    "refused": (RequestState.REFUSED, None),
    "expired, not yet logged": (RequestState.GRANTED, -PAST),
    "expired": (RequestState.EXPIRED, -PAST),
    "revoked": (RequestState.REVOKED, None),
}
OPENS = {"granted", "granted for a period"}


@pytest.mark.parametrize("fixture", ["report section", "meeting"])
@pytest.mark.parametrize("state", STATES)
def test_only_a_grant_in_force_opens_restricted_content(world, fixture, state, engine, client):
    page, word, typo, prefix, file = world["fixtures"][fixture]
    member = world["viewers"]["other community"]
    stored, period = STATES[state]
    AccessRequest.objects.create(
        page=page,
        requester=member,
        reason="Voor mijn eigen telling.",
        state=stored,
        expires_at=timezone.now() + period if period else None,
    )
    seen = test_leak_matrix.channels(client, engine, member, page, word, typo, prefix, file)
    if state in OPENS:
        missing = [name for name in test_leak_matrix.EXPECTED[fixture] if not seen[name]]
        assert not missing, f"{fixture}, {state}: should be seen on {missing}"
    else:
        leaks = [name for name, found in seen.items() if found]
        assert not leaks, f"{fixture}, {state}: learnt through {leaks}"
    # Nobody else gains anything from this member's request.
    anonymous = world["viewers"]["anonymous"]
    seen = test_leak_matrix.channels(client, engine, anonymous, page, word, typo, prefix, file)
    assert not any(seen.values())
