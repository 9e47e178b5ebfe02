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
from documents.models import ReportAuthor, ReportFile, ReportPage, ReportSection
from search.models import SearchRecord
from tests.factories import ReportFactory, ThemeFactory, with_section
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


# 14.3 continued: the report's own fields name the person too — its title, slug (and so its
# address), abstract, search description and authors — and its revisions, which the editor
# publishes from. The visitor looks for the name on every channel, and at the old address.
NAMED = re.compile(r"j[oö]rieke[\W_]*vlasblom|vlasblom", re.I)


@pytest.fixture
def renamed(engine, django_user_model, django_capture_on_commit_callbacks):
    theme = ThemeFactory(title="Buurtgesprekken")
    report = ReportFactory(
        title="Interview met Jorieke Vlasblom over de wijk",
        abstract="Jorieke Vlasblom vertelt hoe het buurtteam begon.",
        seo_title="Jorieke Vlasblom over de wijk",
        search_description="Een gesprek met Jorieke Vlasblom over het buurtteam.",
        authors=[ReportAuthor(name="Jorieke Vlasblom"), ReportAuthor(name="Kees Invuller")],
        themes=[theme],
        visibility=Visibility.EDITORS,
        kind="interviewverslag",
    )
    with_section(
        report,
        "Het buurtteam",
        "Het buurtteam Klaverveld begon in 2015 met drie mensen.",
        anchor="het-buurtteam",
    )
    editor = django_user_model.objects.create_user("redacteur14b", is_superuser=True)
    report.save_revision(user=editor)  # the revision an editor opens holds the name too
    old_url = report.url
    privacy.flag(report)
    with django_capture_on_commit_callbacks(execute=True):  # as a committed rename does
        call_command("privacy_review", "redact", str(report.pk), "--name=Jorieke Vlasblom")
    privacy.mark_reviewed(report, editor)
    # The editor opens the report in the admin (its latest revision) and publishes it.
    draft = ReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    draft.visibility = Visibility.PUBLIC
    draft.save_revision(user=editor).publish(user=editor)
    return ReportPage.objects.get(pk=report.pk), old_url, theme, editor


def fetched(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode() + response.get("Content-Disposition", "")


def test_no_channel_names_a_person_redacted_from_title_slug_abstract_and_authors(renamed, client):
    report, _old_url, theme, _editor = renamed
    assert "persoon-a" in report.slug and report.title == "Interview met Persoon A over de wijk"
    channels = {
        "page": fetched(client, report.url),
        "citation": fetched(client, f"{report.url}citatie/"),
        **{
            f"citation {form}": fetched(client, f"{report.url}citatie/{form}/")
            for form in ("bibtex", "ris", "csl-json")
        },
        "API list": fetched(client, "/api/v1/reports/"),
        "API detail": fetched(client, f"/api/v1/reports/{report.pk}/"),
        "API search": fetched(client, "/api/v1/search/", q="klaverveld"),
        "autocomplete": fetched(client, "/api/v1/search/autocomplete/", q="Het buurt"),
        "search page": fetched(client, "/zoeken/", q="klaverveld"),
        "OAI-PMH": fetched(client, "/oai/", verb="ListRecords", metadataPrefix="oai_dc"),
        "theme feed": fetched(client, f"/feeds/thema/{theme.slug}/"),
        "search feed": fetched(client, "/feeds/zoeken/", q="klaverveld"),
        "theme page": fetched(client, theme.url),
        "report listing": fetched(client, report.get_parent().url),
    }
    # Each channel shows the report: by its new title or its new address.
    missing = [
        name
        for name, text in channels.items()
        if "Persoon A" not in text and report.url not in text
    ]
    assert not missing, f"the report is not on {missing}"
    leaks = {
        name: NAMED.search(text).group() for name, text in channels.items() if NAMED.search(text)
    }
    assert not leaks, f"the name is still on {leaks}"
    sitemap = fetched(client, "/sitemap.xml")
    assert report.url in sitemap and not NAMED.search(sitemap)


def test_the_old_address_of_a_redacted_report_stops_answering(renamed, client):
    report, old_url, _theme, _editor = renamed
    assert NAMED.search(old_url) and old_url != report.url
    for url in (old_url, f"{old_url}citatie/", f"{old_url}citatie/bibtex/"):
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code, response.get("Location"))


def test_both_engines_forget_the_name_of_the_report_fields(renamed, engine):
    report, _old_url, _theme, _editor = renamed
    anonymous = AnonymousUser()
    assert not engine.search("vlasblom", user=anonymous).hits
    assert not NAMED.search(engine.search("vlasblon klaverveld", user=anonymous).suggestion)
    hits = engine.search("klaverveld", user=anonymous).hits
    assert hits and not any(NAMED.search(f"{hit.title} {hit.text} {hit.url}") for hit in hits)
    suggested = engine.suggest_titles("Het buurt", anonymous)
    assert suggested and not any(NAMED.search(s.title + s.url) for s in suggested)
    records = SearchRecord.objects.filter(page=report)
    assert not any(NAMED.search(f"{r.title} {r.parent_title} {r.text} {r.url}") for r in records)


def test_the_editor_publishing_from_any_revision_brings_the_name_back_nowhere(renamed, client):
    report, _old_url, _theme, editor = renamed
    for revision in report.revisions.all():
        page = revision.as_object()
        authors = [author.name for author in page.authors.all()]
        fields = [
            page.title,
            page.draft_title,
            page.slug,
            page.seo_title,
            page.abstract,
            page.search_description,
            *authors,
        ]
        assert not NAMED.search(" ".join(fields)), revision.pk
    client.force_login(editor)
    form = fetched(client, f"/beheer/pages/{report.pk}/edit/")
    assert "Persoon A" in form and not NAMED.search(form)


# An outsider's forms of the name, none given to ``redact``: accents, initials, the
# reference-list order, the surname alone and possessive, in a heading (and so its anchor),
# an author and a file name.
SURNAME_FORMS = re.compile(r"vl[aá]sblom", re.I)


def test_every_form_of_the_name_is_pseudonymised(client, django_user_model):
    report = ReportFactory(
        title="Gesprek met J. Vlasblom",
        visibility=Visibility.EDITORS,
        kind="interviewverslag",
        authors=[ReportAuthor(name="Vlasblom, J.")],
    )
    ReportSection.objects.create(
        report=report,
        position=0,
        heading="Interview Jörieke Vlásblom, wijkcoach",
        level=1,
        anchor="interview-jorieke-vlasblom-wijkcoach",
        text="Vlasbloms team groeide. Mevrouw Vlasblom en J.Vlasblom zijn één. "
        "Het verhaal van Jorieke Vlasblom’s buurt; VLASBLOM tekent. Het bos blijft een bos.",
    )
    document = get_document_model().objects.create(
        title="Verslag J. Vlasblom", file=ContentFile(b"# Verslag", name="verslag_j_vlasblom.md")
    )
    ReportFile.objects.create(page=report, document=document, description="Origineel")
    records_changed.send(sender=ReportPage, page=report)
    privacy.redact(report, ["Jorieke Vlasblom"])
    privacy.mark_reviewed(report, django_user_model.objects.create_user("r14c", is_superuser=True))
    report = ReportPage.objects.get(pk=report.pk)
    report.visibility = Visibility.PUBLIC
    report.save_revision().publish()
    html = fetched(client, report.url)
    citations = [fetched(client, f"{report.url}citatie/{form}") for form in ("", "bibtex/", "ris/")]
    assert "Persoon A" in html and "Het bos blijft een bos." in html  # words stay words
    records = " ".join(
        f"{r.title} {r.text} {r.url}" for r in SearchRecord.objects.filter(page=report)
    )
    for where, text in {"page": html, "citations": " ".join(citations), "index": records}.items():
        assert not SURNAME_FORMS.search(text), (where, SURNAME_FORMS.search(text))
