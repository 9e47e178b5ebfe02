"""Editors get clear, specific errors from the page editor, and nothing half-saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import ExpertFactory, OrganisationFactory
from wijkwijs.models import MunicipalityPage
from wijkwijs.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db

# The site's own calendar (Europe/Amsterdam), as the models judge "in the future"; two days
# ahead, so that it is still the future when the run crosses midnight.
SOON = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()


def municipality_form(**overrides):
    data = {
        "title": "Testerveen",
        "slug": "testerveen",
        "cbs_code": "GM9901",
        "province": "drenthe",
        "name_variants": "",
        "summary": "",
        "tags": "",
        "facts": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def fact(**overrides):
    values = {
        "topic": "inwoners",
        "label": "",
        "value": "15000",
        "unit": "",
        "as_of": "2023-01-01",
        "source_report": "",
        "source_section": "",
        "source_title": "CBS Statline",
        "note": "",
    }
    values.update(overrides)
    return values


def add_municipality(admin_client, data):
    parent = ensure_site_structure().municipalities
    url = reverse("wagtailadmin_pages:add", args=("wijkwijs", "municipalitypage", parent.pk))
    return admin_client.post(url, data)


def form_errors(response):
    """All error messages of the page form and its inline formsets, as one string."""
    form = response.context["form"]
    messages = [str(error) for errors in form.errors.values() for error in errors]
    for formset in form.formsets.values():
        for subform in formset.forms:
            messages += [str(e) for errors in subform.errors.values() for e in errors]
    return " ".join(messages)


def test_valid_municipality_is_created(admin_client):
    response = add_municipality(admin_client, municipality_form(facts=inline_formset([fact()])))
    assert response.status_code == 302
    page = MunicipalityPage.objects.get(slug="testerveen")
    assert page.facts.get().display_value == "15.000"


@pytest.mark.parametrize("code", ["GM12", "0344", "gm-0344", "GM03444", "XX0344"])
def test_invalid_cbs_code_is_rejected_with_an_explanation(admin_client, code):
    response = add_municipality(admin_client, municipality_form(cbs_code=code))
    assert response.status_code == 200
    assert "'GM' gevolgd door vier cijfers" in form_errors(response)
    assert not MunicipalityPage.objects.filter(slug="testerveen").exists()


def test_duplicate_slug_under_the_same_parent_is_rejected(admin_client):
    response = add_municipality(admin_client, municipality_form(slug="utrecht", cbs_code="GM9902"))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert MunicipalityPage.objects.filter(slug="utrecht").count() == 1


@pytest.mark.parametrize(
    "bad_fact, message",
    [
        ({"as_of": "2023-02-30"}, "geldige datum"),
        ({"as_of": SOON}, "niet in de toekomst"),
        ({"source_title": ""}, "altijd een bron"),
        ({"topic": "teammodel", "value": "iets anders"}, "Kies een van"),
        ({"value": "ongeveer vijftien"}, "geheel getal"),
        ({"topic": "overig", "value": "ja"}, "Geef een label"),
    ],
)
def test_bad_facts_are_rejected_and_nothing_is_saved(admin_client, bad_fact, message):
    response = add_municipality(
        admin_client, municipality_form(facts=inline_formset([fact(**bad_fact)]))
    )
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not MunicipalityPage.objects.filter(slug="testerveen").exists()


def test_expert_consent_date_cannot_lie_in_the_future(admin_client):
    organisation = OrganisationFactory()
    url = reverse("wagtailadmin_pages:add", args=("expertise", "expertpage", organisation.pk))
    data = nested_form_data(
        {
            "title": "Nina Toekomst",
            "slug": "nina-toekomst",
            "role": "Wijkcoach",
            "bio": "",
            "contact_preference": "email",
            "email": "nina@example.org",
            "phone": "",
            "consent_date": SOON,
            "tags": "",
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "niet in de toekomst" in form_errors(response)


def test_email_contact_preference_needs_an_address():
    expert = ExpertFactory.build(contact_preference="email", email="")
    with pytest.raises(Exception, match="e-mailadres"):
        expert.clean()


def test_practice_period_must_not_end_before_it_starts(admin_client):
    parent = ensure_site_structure().practices
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", parent.pk))
    data = nested_form_data(
        {
            "title": "Achterstevoren",
            "slug": "achterstevoren",
            "summary": "Test",
            "period_start": "2020-01-01",
            "period_end": "2019-01-01",
            "evidence_level": "praktijkvoorbeeld",
            "tags": "",
            "tips": inline_formset([]),
            "quotes": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "vóór het begin" in form_errors(response)
