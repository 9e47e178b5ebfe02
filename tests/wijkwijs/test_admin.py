"""Editors can open the page editor for every content type (panels are wired correctly)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from wijkwijs.models import CommunityPage, MeetingPage, MunicipalityPage, ThemePage

pytestmark = pytest.mark.django_db

EDITED_TYPES = [
    MunicipalityPage,
    ThemePage,
    OrganisationPage,
    ExpertPage,
    PracticePage,
    ReportPage,
    CommunityPage,
    MeetingPage,
]


@pytest.mark.parametrize("model", EDITED_TYPES, ids=lambda model: model.__name__)
def test_add_and_edit_forms_open_for_every_page_type(admin_client, model):
    existing = model.objects.first()
    parent = existing.get_parent()
    add_url = reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )
    add_response = admin_client.get(add_url)
    assert add_response.status_code == 200
    assert 'name="title"' in add_response.content.decode()

    edit_response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(existing.pk,)))
    assert edit_response.status_code == 200
    assert existing.title in edit_response.content.decode()


def test_admin_speaks_dutch(admin_client):
    home = Page.objects.get(depth=2)
    html = admin_client.get(reverse("wagtailadmin_explore", args=(home.pk,))).content.decode()
    assert 'lang="nl"' in html


def test_the_admin_dashboard_calls_no_other_site(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar.com" not in html  # the account's avatar
    # Wagtail's upgrade notice asks releases.wagtail.io (its w-upgrade controller).
    assert "releases.wagtail.io" not in html and "w-upgrade" not in html
