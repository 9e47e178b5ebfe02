"""`manage.py move_media`: the demo's files to the bucket and back, nothing lost."""

import io

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from documents.models import ReportPage
from tests.conftest import CORPUS, require_corpus
from wijkwijs.storage import sha256_of, stored_names

pytestmark = pytest.mark.django_db


def checksums(storage):
    return {name: sha256_of(storage, name) for name in stored_names(storage)}


@pytest.fixture
def demo_media(bucket, settings):
    """Imported reports (PDF, Word, Markdown) and an image with a rendition, on local disk."""
    require_corpus()
    settings.STORAGES = {**settings.STORAGES, "default": settings.STORAGES["media_disk"]}
    for suffix in ("pdf", "docx", "md"):
        call_command("import_documents", str(CORPUS / f"oostburg-interviews-2014.{suffix}"))
    picture = io.BytesIO()
    PillowImage.new("RGB", (60, 40), (10, 120, 60)).save(picture, "PNG")
    image = get_image_model().objects.create(
        title="Wijkkaart", file=ImageFile(picture, name="wijkkaart.png")
    )
    image.get_rendition("width-30")
    disk = storages["media_disk"]
    before = checksums(disk)
    assert len(before) == 5 and {n.split("/")[0] for n in before} == {
        "documents",
        "images",
        "original_images",
    }
    return disk, bucket, before


def test_the_demo_files_go_to_the_bucket_and_back_with_equal_checksums(demo_media, capsys):
    disk, bucket, before = demo_media
    call_command("move_media", "--to", "bucket")
    assert checksums(bucket) == before
    assert stored_names(disk) == []  # moved, not copied
    assert "5 gekopieerd, 0 stonden er al" in capsys.readouterr().out

    call_command("move_media", "--to", "disk")
    assert checksums(disk) == before
    assert stored_names(bucket) == []
    report = ReportPage.objects.get(title__startswith="Uitwerking interviews")
    for rendition in report.files.all():
        assert disk.exists(rendition.document.file.name)


def test_an_interrupted_move_resumes_and_replaces_a_half_written_copy(demo_media, capsys):
    disk, bucket, before = demo_media
    first, second, *_ = sorted(before)
    call_command("move_media", "--to", "bucket", "--keep-source")
    # As if the first run had stopped while writing the second file.
    bucket.delete(second)
    with disk.open(second, "rb") as whole:
        bucket.save(second, io.BytesIO(whole.read()[:100]))
    capsys.readouterr()

    call_command("move_media", "--to", "bucket")
    assert "1 gekopieerd, 4 stonden er al" in capsys.readouterr().out
    assert checksums(bucket) == before and stored_names(disk) == []


def test_without_a_bucket_the_command_says_what_to_set(settings):
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "media_bucket"}
    with pytest.raises(CommandError, match="MEDIA_S3_BUCKET"):
        call_command("move_media", "--to", "bucket")
