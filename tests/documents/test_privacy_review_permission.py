"""14.6: only someone who may publish a report may record its privacy review. The attack:
a user who may edit reports but not publish them records the review (in the admin or with
the management command), so that the report can then be made public by anyone."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission

from documents import privacy
from documents.models import ReportPage
from tests.factories import ReportFactory
from wijkwijs.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db


def user_with(django_user_model, name, *codenames):
    group = Group.objects.create(name=f"Groep {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=ensure_site_structure().reports,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user(name, password="x-x-x-x-1", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def named_report():
    report = ReportFactory(title="Interviews reigers", visibility="members")
    report.sections.create(
        position=0,
        heading="Interview Rinske Reiger, wijkcoach",
        level=1,
        anchor="interview",
        text="Rinske, wijkcoach, vertelt.",
    )
    assert privacy.flag(report)
    return report


def reviewed(report) -> bool:
    return ReportPage.objects.get(pk=report.pk).privacy_reviewed_at is not None


def test_an_editor_who_may_not_publish_cannot_record_the_review(
    named_report, django_user_model, client
):
    writer = user_with(django_user_model, "schrijver", "add_page", "change_page")
    client.force_login(writer)
    review_url = reverse("documents_review", args=(named_report.pk,))
    assert client.get(review_url).status_code == 200  # may edit the outline
    client.post(review_url, {"action": "privacy_reviewed"})
    assert not reviewed(named_report)
    with pytest.raises(CommandError):
        call_command("privacy_review", "approve", str(named_report.pk), "--by", "schrijver")
    assert not reviewed(named_report)


def test_an_editor_who_may_publish_records_the_review(named_report, django_user_model, client):
    user_with(django_user_model, "uitgever", "add_page", "change_page", "publish_page")
    call_command("privacy_review", "approve", str(named_report.pk), "--by", "uitgever")
    assert reviewed(named_report)
