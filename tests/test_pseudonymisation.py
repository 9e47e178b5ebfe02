"""14.3: pseudonymising a name removes it from every place a name can be.

The attack: after ``privacy_review redact`` and publishing, look for the interviewee in the
public page's ids and links, in the old section anchors (a saved link, a citation), in
citation keys and files, in the file list, in search records of both engines, autocomplete
and "Bedoelde u". The invented name is written in several forms, as reports and slugs do.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from documents import privacy
from documents.models import ReportFile, ReportPage, ReportSection
from search.models import SearchRecord
from tests.factories import ReportFactory
from wijkwijs.findable import records_changed
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
# The name in any of its forms: words joined by spaces, hyphens, underscores or nothing.
ANY_FORM = re.compile(r"w[iï]eteke[\s_\-.]*korhoen|korhoen", re.I)


@pytest.fixture
def redacted(django_user_model):
    report = ReportFactory(
        title="Interviews in de polder", visibility=Visibility.EDITORS, kind="interviewverslag"
    )
    ReportSection.objects.create(
        report=report,
        position=0,
        heading="Interview Wieteke Korhoen, wijkcoach",
        level=1,
        anchor="interview-wieteke-korhoen-wijkcoach",
        former_anchors=["gesprek-wieteke-korhoen"],
        text="WIETEKE KORHOEN werkt sinds 2010 in de polder. Wietéke-Korhoen vertelt graag.",
    )
    ReportSection.objects.create(
        report=report,
        position=1,
        heading="Slotwoord",
        level=1,
        anchor="slotwoord",
        text="Dank aan allen die meewerkten.",
    )
    document = get_document_model().objects.create(
        title="Interview Wieteke Korhoen",
        file=ContentFile(b"# Interview", name="interview_wieteke_korhoen.md"),
    )
    ReportFile.objects.create(page=report, document=document, description="Origineel (Markdown)")
    records_changed.send(sender=ReportPage, page=report)
    privacy.flag(report)
    call_command("privacy_review", "redact", str(report.pk), "--name=Wieteke Korhoen")
    editor = django_user_model.objects.create_user("redacteur14", is_superuser=True)
    privacy.mark_reviewed(report, editor)
    report = ReportPage.objects.get(pk=report.pk)
    report.visibility = Visibility.PUBLIC
    report.save_revision().publish()
    return ReportPage.objects.get(pk=report.pk)


def test_the_public_page_and_its_citations_carry_no_form_of_the_name(redacted, client):
    html = client.get(redacted.url).content.decode()
    assert "Persoon A" in html
    assert not ANY_FORM.search(html), ANY_FORM.search(html)
    for section in redacted.sections.all():
        for form in ("", "bibtex/", "ris/", "csl-json/"):
            answer = client.get(f"{redacted.url}citatie/{form}", {"paragraaf": section.anchor})
            assert answer.status_code == 200
            text = answer.content.decode() + answer.get("Content-Disposition", "")
            assert not ANY_FORM.search(text), (form, section.anchor)


@pytest.mark.parametrize("old", ["interview-wieteke-korhoen-wijkcoach", "gesprek-wieteke-korhoen"])
def test_old_anchors_of_a_redacted_name_stop_answering(redacted, client, old):
    assert client.get(f"{redacted.url}citatie/", {"paragraaf": old}).status_code == 404


def test_search_records_autocomplete_and_suggestions_forget_the_name(redacted, engine, client):
    anonymous = AnonymousUser()
    records = SearchRecord.objects.filter(page=redacted).values_list("title", "text", "url")
    assert not ANY_FORM.search(" ".join(" ".join(record) for record in records))
    assert not any(
        ANY_FORM.search(hit.text + hit.url)
        for hit in engine.search("korhoen wieteke", user=anonymous).hits
    )
    suggested = engine.suggest_titles("Interview Pers", anonymous)
    assert suggested and not any(ANY_FORM.search(s.title + s.url) for s in suggested)
    assert not ANY_FORM.search(engine.search("korhoem polder", user=anonymous).suggestion)
    api = client.get("/api/v1/search/autocomplete/", {"q": "Interview"}).content.decode()
    assert "Persoon A" in api and not ANY_FORM.search(api)
