"""Media in a private S3 bucket (a real SeaweedFS server): documents are streamed only
after the access check, imports and image renditions work as on local disk, and nothing
links to the bucket itself."""

import io
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from documents.models import ReportPage
from tests.conftest import CORPUS, S3_TEST_URL, require_corpus, s3_client
from tests.wijkwijs.test_downloads import SECRET, download, report_with_file
from wijkwijs.storage import stored_names
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


def anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_members_only_file_is_private_in_the_bucket_and_streamed_after_the_check(
    bucket, client, django_user_model
):
    _report, file = report_with_file(Visibility.MEMBERS)
    stored = s3_client().get_object(Bucket=bucket.bucket_name, Key=file.file.name)
    assert stored["Body"].read() == SECRET  # the bytes are in the bucket…
    # …which refuses anyone without its credentials, and the site never links to it.
    assert anonymous_status(f"{S3_TEST_URL}/{bucket.bucket_name}/{file.file.name}") == 403
    assert S3_TEST_URL not in file.file.url and bucket.bucket_name not in file.file.url

    response, body = download(client, file)
    assert response.status_code == 302 and "login" in response["Location"]
    assert SECRET not in body
    member = django_user_model.objects.create_user("lid", password="x-x-x-x-1")
    response, body = download(client, file, member)
    assert response.status_code == 200 and body == SECRET
    assert response["Content-Length"] == str(len(SECRET))


def test_two_documents_with_one_file_name_keep_their_own_bytes(bucket):
    first = get_document_model().objects.create(
        title="Eerste", file=ContentFile(b"eerste versie", name="verslag.txt")
    )
    second = get_document_model().objects.create(
        title="Tweede", file=ContentFile(b"tweede versie", name="verslag.txt")
    )
    # Not overwritten: deleting one document later must not take the other's file.
    assert first.file.name != second.file.name
    assert bucket.open(first.file.name).read() == b"eerste versie"
    assert bucket.open(second.file.name).read() == b"tweede versie"


def test_the_file_path_of_a_document_cannot_be_fetched_as_public_media(bucket, client):
    _report, file = report_with_file(Visibility.MEMBERS)
    for url in (file.file.url, f"/media/images/../{file.file.name}"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content


def test_an_upload_is_imported_from_the_bucket_and_leaves_no_copy(bucket, admin_client, settings):
    require_corpus()
    data = (CORPUS / "oostburg-interviews-2014.md").read_bytes()
    response = admin_client.post(
        reverse("documents_import"),
        {"file": SimpleUploadedFile("oostburg.md", data), "kind": "", "visibility": "members"},
    )
    report = ReportPage.objects.get(title="Uitwerking interviews buurtgericht werken Oostburg")
    assert response["Location"] == reverse("documents_review", args=(report.pk,))
    assert report.sections.count() == 9
    rendition = report.files.get().document
    assert rendition.filename == "oostburg.md"
    assert bucket.open(rendition.file.name).read() == data
    assert stored_names(bucket, "imports") == []  # the waiting upload is gone
    assert not settings.MEDIA_ROOT.exists()  # nothing on this machine's disk


def test_an_upload_the_queue_refused_is_not_left_in_the_bucket(bucket, admin_client, monkeypatch):
    from documents import admin_views

    class QueueDown:
        def enqueue(self, *args, **kwargs):
            raise DatabaseError("the task table is unreachable")

    monkeypatch.setattr(admin_views, "import_upload", QueueDown())
    with pytest.raises(DatabaseError):
        admin_client.post(
            reverse("documents_import"),
            {
                "file": SimpleUploadedFile("notitie.md", b"# Notitie\n\nTekst."),
                "kind": "",
                "visibility": "members",
            },
        )
    assert stored_names(bucket, "imports") == []


def test_image_renditions_are_made_in_the_bucket_and_served_by_the_site(bucket, client):
    picture = io.BytesIO()
    PillowImage.new("RGB", (120, 80), (200, 30, 30)).save(picture, "PNG")
    image = get_image_model().objects.create(
        title="Kraanvogel", file=ImageFile(picture, name="kraanvogel.png")
    )
    rendition = image.get_rendition("fill-40x40")
    assert rendition.file.name in stored_names(bucket, "images")
    assert rendition.url.startswith("/media/images/")

    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    served = PillowImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.size == (40, 40) and served.getpixel((20, 20)) == (200, 30, 30)
    # The original upload is not public media.
    assert client.get(f"/media/images/../{image.file.name}").status_code == 404


@pytest.mark.parametrize(
    "environment, message",
    [({"MEDIA_STORAGE": "nfs"}, "'local' or 's3'"), ({"MEDIA_STORAGE": "s3"}, "MEDIA_S3_BUCKET")],
)
def test_a_wrong_media_setting_stops_the_start_and_says_what_to_set(environment, message):
    unset = {name: value for name, value in os.environ.items() if not name.startswith("MEDIA_")}
    started = subprocess.run(
        [sys.executable, "-c", "import project.settings"],
        cwd=settings.BASE_DIR,
        env=unset | environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode != 0 and message in started.stderr
