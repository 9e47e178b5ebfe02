"""Privacy review on the real test case, the Oostburg interviews: the people it names are
found, the report cannot go public before an editor's review, chosen names are replaced by
pseudonyms in the text and the index, and the original files stay with the editors.

No real name is written here: the test works with the names the detector reports."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command

from documents import privacy
from documents.ingest.pipeline import ImportOptions, import_file
from search.engines.embedded import EmbeddedEngine
from search.models import SearchRecord
from tests.conftest import CORPUS, require_corpus
from tests.factories import ReportFactory
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def interviews(settings, tmp_path):
    require_corpus()
    settings.MEDIA_ROOT = tmp_path
    result = import_file(
        CORPUS / "oostburg-interviews-2014.md", ImportOptions(visibility=Visibility.PUBLIC)
    )
    return result


def interview_headings(report):
    return [s.heading for s in report.sections.all() if s.heading.lower().startswith("interview ")]


def test_every_interviewee_is_found_and_the_report_is_held_back(interviews):
    report = interviews.report
    headings = interview_headings(report)
    assert len(headings) == 7
    first_names = {name.split()[0].lower() for name in report.privacy_names}
    for heading in headings:  # "Interview <first name> …": each first name was detected
        assert heading.split()[1].strip(",").lower() in first_names, heading
    assert report.visibility == Visibility.MEMBERS  # asked for public, held back
    assert any("privacybeoordeling" in note for note in interviews.notes)
    report.visibility = Visibility.PUBLIC
    with pytest.raises(ValidationError, match="privacy"):
        report.clean()


def test_no_names_in_a_report_without_people():
    report = ReportFactory(title="Cijfers over de wijk")
    report.sections.create(
        position=0,
        heading="Kerncijfers",
        level=1,
        anchor="kerncijfers",
        text="Het aantal huishoudens groeide met vier procent.",
    )
    assert privacy.flag(report) == []
    report.visibility = Visibility.PUBLIC
    report.clean()


def test_redaction_replaces_the_names_in_text_and_index(interviews, django_user_model, client):
    report = interviews.report
    names = report.privacy_names
    editor = django_user_model.objects.create_user(
        "privacy", password="x-x-x-x-1", is_staff=True, is_superuser=True
    )
    surname = next(name for name in names if " " in name)
    before = EmbeddedEngine().search(f'"{surname}"', user=editor)
    assert before.total > 0
    call_command("privacy_review", "redact", str(report.pk), *[f"--name={n}" for n in names])
    report.refresh_from_db()
    text = "\n".join(f"{s.heading} {s.text}" for s in report.sections.all()).lower()
    for name in names:
        assert name.lower() not in text, name
    assert "persoon a" in text
    records = " ".join(SearchRecord.objects.filter(page=report).values_list("text", flat=True))
    assert surname.lower() not in records.lower()
    assert EmbeddedEngine().search(f'"{surname}"', user=editor).total == 0

    call_command("privacy_review", "approve", str(report.pk), "--by", "privacy")
    report.refresh_from_db()
    report.visibility = Visibility.PUBLIC
    report.clean()  # reviewed: may go public now
    report.save_revision().publish()

    original = report.files.first().document
    assert client.get(original.url).status_code in (302, 404)  # the original keeps the names
    client.force_login(editor)
    assert client.get(original.url).status_code == 200
    assert EmbeddedEngine().search("persoon", user=AnonymousUser()).total > 0
