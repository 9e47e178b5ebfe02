"""Editors upload a report in the admin, review its outline and confirm suggestions."""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import ReportPage
from tests.conftest import CORPUS, require_corpus
from tests.documents.test_import_files import FUZZ_SOURCES, mutate
from tests.factories import CommunityFactory
from wijkwijs.models import MunicipalityPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(admin_client, name, data, **fields):
    return admin_client.post(
        reverse("documents_import"),
        {"file": SimpleUploadedFile(name, data), "kind": "", "visibility": "members", **fields},
    )


def test_upload_creates_a_draft_and_opens_the_review(admin_client, settings):
    require_corpus()
    data = (CORPUS / "oostburg-interviews-2014.md").read_bytes()
    response = upload(admin_client, "oostburg.md", data)
    report = ReportPage.objects.get(title="Uitwerking interviews buurtgericht werken Oostburg")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents_review", args=(report.pk,))
    assert not report.live  # a draft until reviewed
    assert not (settings.MEDIA_ROOT / "imports").exists() or not any(
        (settings.MEDIA_ROOT / "imports").iterdir()
    )  # the private upload copy is gone

    review = admin_client.get(response["Location"]).content.decode()
    heading = report.sections.get(number="1.7").heading
    assert f"1.7 {heading}" not in review  # headings are form values, not text
    assert f'value="{heading}"' in review
    assert "Sluis" in review  # suggested municipality (Oostburg is one of its names)


def test_review_actions_rename_merge_and_publish(admin_client):
    require_corpus()
    upload(admin_client, "oostburg.md", (CORPUS / "oostburg-interviews-2014.md").read_bytes())
    report = ReportPage.objects.get(title__startswith="Uitwerking interviews")
    url = reverse("documents_review", args=(report.pk,))
    first = report.sections.get(number="1")
    admin_client.post(
        url,
        {
            "action": "rename",
            "section": first.pk,
            "heading": "Interviews",
            "level": 1,
            "number": "1",
        },
    )
    first.refresh_from_db()
    assert first.heading == "Interviews"

    sluis = MunicipalityPage.objects.get(slug="sluis")
    admin_client.post(url, {"action": "apply_suggestions", "municipalities": [sluis.pk]})
    admin_client.post(url, {"action": "publish"})
    report.refresh_from_db()
    assert report.live
    assert list(report.municipalities.all()) == [sluis]
    # Publishing the draft revision keeps what the import derived.
    assert report.sections.count() == 9 and report.suggestions["municipalities"]

    before = report.sections.count()
    last = report.sections.order_by("-position").first()
    admin_client.post(url, {"action": "merge", "section": last.pk})
    assert report.sections.count() == before - 1


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("leeg.pdf", b"", "bestand is leeg"),
        ("nep.pdf", b"platte tekst", "klopt niet met de inhoud"),
        ("kapot.pdf", b"%PDF-1.4 kapot", "PDF is beschadigd"),
    ],
)
def test_bad_uploads_get_a_clear_message_on_the_page(admin_client, name, data, message):
    before = ReportPage.objects.count()
    response = upload(admin_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ReportPage.objects.count() == before


def test_review_of_an_unknown_action_or_section_is_a_clear_no(admin_client):
    report = ReportPage.objects.first()
    url = reverse("documents_review", args=(report.pk,))
    assert admin_client.post(url, {"action": "merge", "section": 999999}).status_code == 404


def test_members_without_editing_rights_cannot_import(client, django_user_model):
    member = django_user_model.objects.create_user("gewoonlid", password="x-x-x-x-1")
    client.force_login(member)
    response = client.get(reverse("documents_import"))
    assert response.status_code in (302, 403)


def test_an_upload_shared_with_communities_names_them(admin_client):
    require_corpus()
    data = (CORPUS / "oostburg-interviews-2014.md").read_bytes()
    refused = upload(admin_client, "oostburg.md", data, visibility="communities")
    assert "Kies de gemeenschappen" in refused.content.decode()
    assert not ReportPage.objects.filter(files__sha256__gt="").exists()

    community = CommunityFactory(title="Kring Zeeuws-Vlaanderen")
    upload(admin_client, "oostburg.md", data, visibility="communities", communities=[community.pk])
    report = ReportPage.objects.get(files__sha256__gt="")
    assert report.visibility == "communities"
    assert list(report.shared_with.all()) == [community]


def test_fuzzed_uploads_through_the_web_form_get_a_page_never_a_crash(admin_client):
    """The import fuzzing, now through the admin's upload form: every mutated file gets
    either a draft report with its file and sections, or the form again with a message."""
    require_corpus()
    rng = random.Random(20261124)
    outcomes = {302: 0, 200: 0}
    for number in range(40):
        source = CORPUS / FUZZ_SOURCES[number % len(FUZZ_SOURCES)]
        before = ReportPage.objects.count()
        response = upload(
            admin_client, f"fuzz-{number}{source.suffix}", mutate(source.read_bytes(), rng)
        )
        assert response.status_code in outcomes, number
        outcomes[response.status_code] += 1
        if response.status_code == 200:  # refused: the form says why, nothing was saved
            assert 'class="error-message" role="alert"' in response.content.decode()
            assert ReportPage.objects.count() == before
    assert outcomes[200] > 0 and outcomes[302] > 0
    for report in ReportPage.objects.filter(files__sha256__gt="").distinct():
        assert report.files.exists() and report.sections.exists()


def test_the_review_page_redacts_names_and_records_the_privacy_review(admin_client):
    require_corpus()
    data = (CORPUS / "oostburg-interviews-2014.md").read_bytes()
    response = upload(admin_client, "oostburg.md", data, visibility="public")
    report = ReportPage.objects.get(title="Uitwerking interviews buurtgericht werken Oostburg")
    review_url = response["Location"]
    assert review_url == reverse("documents_review", args=(report.pk,))
    names = report.privacy_names
    page = admin_client.get(review_url).content.decode()
    assert "Privacy beoordeeld" in page and all(f'value="{n}"' in page for n in names)

    admin_client.post(review_url, {"action": "publish"})
    report.refresh_from_db()
    assert report.live and report.visibility == "members"  # asked public, held back
    assert report.privacy_names == names  # publishing the draft kept the flag

    admin_client.post(review_url, {"action": "redact", "name": names})
    text = " ".join(report.sections.values_list("text", flat=True)).lower()
    assert not any(name.lower() in text for name in names)
    admin_client.post(review_url, {"action": "privacy_reviewed"})
    report.refresh_from_db()
    assert report.privacy_reviewed_at is not None and not report.awaits_privacy_review
