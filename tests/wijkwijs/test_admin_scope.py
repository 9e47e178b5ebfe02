"""14.5: an organisation's editor sees in the admin only what it may edit or what is
public. The attack: the editor of one organisation opens Wagtail's page chooser (browsing
and searching), the page-types report and the expert form, looking for the titles of
editors-only reports, unpublished drafts, profiles without consent and other accounts."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from documents.models import ReportPage
from expertise.models import ExpertPage
from tests.factories import ExpertFactory, OrganisationFactory, ReportFactory
from wijkwijs.site_structure import ensure_site_structure
from wijkwijs.visibility import visible

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(django_user_model):
    ours = OrganisationFactory(title="Wijkkracht")
    our_expert = ExpertFactory(parent=ours, title="Anna Eigen", consent_date=None)
    hidden = {
        "editors-only report": ReportFactory(
            title="Geheim verslag roerdomp", visibility="editors"
        ).title,
        "profile without consent": ExpertFactory(
            parent=OrganisationFactory(title="Buurtmacht"), title="Bert Roerdomp", consent_date=None
        ).title,
    }
    draft = ReportFactory(title="Concept roerdomptelling", visibility="public")
    draft.unpublish()
    hidden["unpublished draft"] = draft.title
    for page in Page.objects.filter(title__in=hidden.values()):
        page.specific.save_revision()  # edited last: the report names the last edited page
    django_user_model.objects.create_user("geheime-gebruiker-roerdomp", password="x-1-x-1")
    editor = django_user_model.objects.create_user("redactie-wijkkracht", password="x-1-x-1")
    call_command("organisation_editors", "--add", "wijkkracht", editor.username, verbosity=0)
    return editor, our_expert, hidden


def body(response):
    return response.content.decode()


def test_the_page_chooser_shows_an_organisation_editor_no_restricted_titles(client, scene):
    editor, our_expert, hidden = scene
    client.force_login(editor)
    reports = ensure_site_structure().reports
    pages = [
        body(client.get(reverse("wagtailadmin_choose_page_child", args=(reports.pk,)))),
        body(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "roerdomp"})),
        body(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Bert"})),
    ]
    for what, title in hidden.items():
        assert not any(title in page for page in pages), what
    own = body(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Anna"}))
    assert our_expert.title in own  # what the editor may edit stays choosable


def test_the_page_types_report_names_no_restricted_page(client, scene):
    editor, _our_expert, hidden = scene
    client.force_login(editor)
    report = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert report.status_code == 200
    for what, title in hidden.items():
        assert title not in body(report), what


def test_the_expert_form_does_not_list_every_account(client, scene):
    editor, our_expert, _hidden = scene
    client.force_login(editor)
    form = client.get(reverse("wagtailadmin_pages:edit", args=(our_expert.pk,)))
    assert form.status_code == 200
    assert "geheime-gebruiker-roerdomp" not in body(form)


def page_type_rows(html) -> dict:
    """{app_label.model: (count, last edited page)} as the page-types report shows them."""
    rows = re.findall(
        r'<td class="app-label"[^>]*>\s*(\S+)\s*</td>\s*<td class="count"[^>]*>\s*(?:<a[^>]*>)?'
        r'([\d.,]+).*?<td class="last-edited-page"[^>]*>(.*?)</td>',
        html,
        re.S,
    )
    return {
        model: (int(re.sub(r"\D", "", count)), re.sub(r"<[^>]+>|\s+", " ", last).strip())
        for model, count, last in rows
    }


def test_the_page_types_report_counts_only_pages_the_editor_may_see(client, scene):
    editor, our_expert, _hidden = scene
    public_report = ReportFactory(title="Openbaar verslag lepelaar", visibility="public")
    public_report.save_revision()
    # A public report with a draft that retitles it: the draft is for who may edit it.
    retitled = ReportFactory(title="Verslag kluut", visibility="public")
    retitled.title = "Concept: het vertrek van Bert Roerdomp"
    retitled.save_revision()
    ReportFactory(title="Nog een geheim verslag", visibility="editors").save_revision()
    client.force_login(editor)
    rows = page_type_rows(body(client.get(reverse("wagtailadmin_reports:page_types_usage"))))
    anonymous = AnonymousUser()
    assert rows["documents.reportpage"][0] == visible(ReportPage.objects.all(), anonymous).count()
    experts = visible(ExpertPage.objects.all(), anonymous).count() + 1  # and the editor's own
    assert rows["expertise.expertpage"][0] == experts
    last_report = rows["documents.reportpage"][1]
    assert last_report == "Verslag kluut", last_report  # the newest one it may see, live title
    assert rows["expertise.expertpage"][1] == our_expert.title


def test_the_pages_behind_a_count_are_only_those_the_editor_may_see(client, scene):
    editor, _our_expert, hidden = scene
    client.force_login(editor)
    for model in ("reportpage", "expertpage"):
        app = "documents" if model == "reportpage" else "expertise"
        listing = body(client.get(reverse("wagtailadmin_pages:type_use", args=(app, model))))
        for what, title in hidden.items():
            assert title not in listing, (model, what)


def test_the_page_chooser_names_a_page_the_editor_may_not_edit_by_its_live_title(
    client, scene, admin_client
):
    editor, _our_expert, _hidden = scene
    retitled = ReportFactory(title="Verslag tureluur", visibility="public")
    retitled.title = "Concept: het vertrek van Bert Roerdomp"
    retitled.save_revision()
    reports = ensure_site_structure().reports
    browse = reverse("wagtailadmin_choose_page_child", args=(reports.pk,))
    search = reverse("wagtailadmin_choose_page_search")
    client.force_login(editor)
    for listing in (body(client.get(browse)), body(client.get(search, {"q": "tureluur"}))):
        assert "Verslag tureluur" in listing and "vertrek van Bert" not in listing
    assert "vertrek van Bert" in body(admin_client.get(browse))  # who may edit sees the draft
