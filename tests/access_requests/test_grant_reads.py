"""The pages granted to a user are read at every check; for a user without grants (most
members) that read is one query, and a grant still opens its page, unless Wagtail's own
privacy closes it."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from access_requests.grants import granted_page_ids
from access_requests.models import AccessRequest, RequestState
from tests.factories import CommunityFactory, ReportFactory
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


def shared_report(title):
    return ReportFactory(
        title=title, visibility=Visibility.COMMUNITIES, shared_with=[CommunityFactory()]
    )


def grant(page, user):
    AccessRequest.objects.create(
        page=page, requester=user, reason="Voor ons wijkteam.", state=RequestState.GRANTED
    )


def test_a_user_without_grants_costs_one_query(member):
    with CaptureQueriesContext(connection) as queries:
        assert granted_page_ids(member) == []
    assert len(queries) == 1


def test_a_grant_opens_its_page_unless_wagtail_privacy_closes_it(client, member):
    opened, closed = shared_report("Verslag wijkraad"), shared_report("Verslag buurtraad")
    for page in (opened, closed):
        grant(page, member)
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.create(name="Besloten kring")])
    assert granted_page_ids(member) == [opened.pk]
    client.force_login(member)
    assert client.get(opened.url).status_code == 200
