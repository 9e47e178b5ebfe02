"""The sitemap is public: it lists what anonymous visitors may see and nothing else."""

import pytest

from tests.factories import ExpertFactory, OrganisationFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_public_pages_only(client):
    public = ReportFactory(title="Openbaar zeehondenrapport", visibility="public")
    members = ReportFactory(title="Besloten zeehondenrapport", visibility="members")
    organisation = OrganisationFactory()
    hidden_expert = ExpertFactory(
        parent=organisation, title="Zonder Toestemming", consent_date=None
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = response.content.decode()
    assert public.url in sitemap
    assert members.url not in sitemap
    assert hidden_expert.url not in sitemap
    assert organisation.url in sitemap


def test_the_sitemap_gives_addresses_on_the_host_it_was_asked_at(client):
    report = ReportFactory(title="Rapport op het goede adres", visibility="public")
    sitemap = client.get("/sitemap.xml", secure=True).content.decode()
    assert f"<loc>https://testserver{report.url}</loc>" in sitemap
    assert "localhost" not in sitemap  # the Wagtail Site record's hostname
