"""Files are as restricted as the pages they belong to: a report's renditions and a
meeting's documents are served only through Wagtail's document view, which asks
``wijkwijs.attachments``. Asserted on the file's bytes, not only on status codes."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents.models import ReportFile
from tests.factories import CommunityFactory, MeetingFactory, ReportFactory
from wijkwijs.models import MeetingDocument
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
SECRET = b"Vertrouwelijk verslag over de kraanvogeltelling."


def document(name="verslag.txt"):
    return get_document_model().objects.create(title=name, file=ContentFile(SECRET, name=name))


def report_with_file(visibility, **extra):
    report = ReportFactory(title="Kraanvogelrapport", visibility=visibility, **extra)
    file = document()
    ReportFile.objects.create(page=report, document=file, description="origineel")
    return report, file


def download(client, file, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(file.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.fixture
def people(django_user_model):
    member = django_user_model.objects.create_user("lid", password="x-x-x-x-1")
    editor = django_user_model.objects.create_user("red", password="x-x-x-x-1", is_staff=True)
    return {"member": member, "editor": editor}


def test_public_report_files_are_served_to_anyone(client):
    _report, file = report_with_file(Visibility.PUBLIC)
    response, body = download(client, file)
    assert response.status_code == 200 and body == SECRET


def test_members_only_files_send_anonymous_visitors_to_log_in(client, people):
    _report, file = report_with_file(Visibility.MEMBERS)
    response, body = download(client, file)
    assert response.status_code == 302 and "login" in response["Location"]
    assert SECRET not in body
    response, body = download(client, file, people["member"])
    assert response.status_code == 200 and body == SECRET


def test_files_of_unpublished_reports_reach_editors_only(client, people):
    report, file = report_with_file(Visibility.PUBLIC)
    report.unpublish()
    response, body = download(client, file, people["member"])
    assert response.status_code == 404 and SECRET not in body
    response, body = download(client, file, people["editor"])
    assert response.status_code == 200 and body == SECRET


def test_meeting_documents_stay_with_the_community(client, people, django_user_model):
    group = Group.objects.create(name="Kraanvogelaars")
    community = CommunityFactory(title="Kring Kraanvogel", members_group=group)
    meeting = MeetingFactory(
        parent=community,
        title="Telling in maart",
        visibility=Visibility.COMMUNITIES,
        shared_with=[community],
    )
    file = document("telling.txt")
    MeetingDocument.objects.create(page=meeting, document=file)
    response, body = download(client, file, people["member"])  # signed in, not in the community
    assert response.status_code == 404 and SECRET not in body
    people["member"].groups.add(group)
    client.logout()
    response, body = download(client, file, django_user_model.objects.get(username="lid"))
    assert response.status_code == 200 and body == SECRET
