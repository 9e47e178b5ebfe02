"""14.2: who may fetch a document, after the page it belonged to is gone, and what someone
who may not fetch it learns. The attack: delete a restricted report and fetch its original
file anonymously; probe file ids to tell restricted files from ones that do not exist."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents.models import ReportFile
from tests.factories import ReportFactory
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
SECRET = b"Gesprek met Wieteke Korhoen over de korhoenderwerkgroep."


def stored_document(name="interview.txt"):
    return get_document_model().objects.create(title=name, file=ContentFile(SECRET, name=name))


def fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response.get("Location", ""), body


@pytest.fixture
def people(django_user_model):
    return {
        "member": django_user_model.objects.create_user("lid14", password="x-x-x-x-1"),
        "editor": django_user_model.objects.create_user("red14", is_staff=True),
    }


@pytest.mark.parametrize("visibility", [Visibility.EDITORS, Visibility.MEMBERS])
def test_deleting_a_restricted_report_does_not_make_its_files_public(client, people, visibility):
    report = ReportFactory(title="Interviews korhoenders", visibility=visibility)
    document = stored_document()
    ReportFile.objects.create(page=report, document=document, description="origineel")
    url = document.url
    report.delete()
    for viewer in (None, people["member"]):
        if viewer:
            client.force_login(viewer)
        status, _location, body = fetch(client, url)
        assert status in (302, 404) and SECRET not in body, viewer
    client.force_login(people["editor"])
    assert fetch(client, url)[0] == 200  # editors still reach it, to clean up


def test_a_file_attached_to_no_page_is_for_editors_only(client, people):
    document = stored_document("los.txt")
    assert SECRET not in fetch(client, document.url)[2]
    client.force_login(people["member"])
    assert fetch(client, document.url)[0] == 404
    client.force_login(people["editor"])
    assert fetch(client, document.url)[2] == SECRET


def test_a_restricted_file_and_a_missing_one_answer_alike(client, people):
    report = ReportFactory(title="Interviews korhoenders", visibility=Visibility.EDITORS)
    document = stored_document()
    ReportFile.objects.create(page=report, document=document, description="origineel")
    missing = f"/documenten/{document.pk + 1000}/interview.txt"
    wrong_name = f"/documenten/{document.pk}/ander-bestand.txt"
    for viewer in (None, people["member"]):
        if viewer:
            client.force_login(viewer)
        answers = {url: fetch(client, url) for url in (document.url, missing, wrong_name)}
        # The same status, and a login redirect that differs only in the address asked for.
        seen = {
            (status, location.replace(url, "")) for url, (status, location, _b) in answers.items()
        }
        assert len(seen) == 1, (viewer, answers)
        assert not any(SECRET in body for _status, _location, body in answers.values())
