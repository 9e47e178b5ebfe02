"""schema.org JSON-LD on the pages that describe something, parsed as a harvester would."""

import datetime
import json
import re

import pytest

from documents.models import ReportAuthor, ReportSection
from tests.factories import (
    ExpertFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PracticeFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def linked_data(client, page):
    blocks = BLOCK.findall(client.get(page.url).content.decode())
    assert len(blocks) <= 1
    return json.loads(blocks[0]) if blocks else None


def test_a_report_names_its_authors_publisher_date_and_sections(client):
    publisher = OrganisationFactory(title="Verwey-Jonker Test")
    author = ExpertFactory(parent=publisher, title="Sanne Schrijver")
    report = ReportFactory(
        title="Wijkteams in beeld",
        publisher=publisher,
        published_on=datetime.date(2015, 1, 1),
        date_precision="year",
    )
    ReportAuthor.objects.create(page=report, name="Sanne Schrijver", expert=author)
    ReportAuthor.objects.create(page=report, name="Piet </script><b>Pen")
    ReportSection.objects.create(
        report=report, position=0, number="1", heading="Inleiding", level=1, anchor="inleiding"
    )
    data = linked_data(client, report)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Report"
    assert data["datePublished"] == "2015"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Verwey-Jonker Test",
        "url": f"http://testserver{publisher.url}",
    }
    assert [a["name"] for a in data["author"]] == ["Sanne Schrijver", "Piet </script><b>Pen"]
    assert data["author"][0]["url"].endswith(author.url) and "url" not in data["author"][1]
    assert data["hasPart"] == [
        {
            "@type": "CreativeWork",
            "position": 1,
            "name": "1 Inleiding",
            "url": f"http://testserver{report.url}#inleiding",
        }
    ]


def test_an_author_without_consent_is_a_name_only(client):
    hidden = ExpertFactory(parent=OrganisationFactory(), title="Geheime Gert", consent_date=None)
    report = ReportFactory(title="Verslag met Gert")
    ReportAuthor.objects.create(page=report, name="Gert", expert=hidden)
    (author,) = linked_data(client, report)["author"]
    assert author == {"@type": "Person", "name": "Gert"}


def test_a_consented_expert_is_a_person_with_an_affiliation(client, admin_client):
    organisation = OrganisationFactory(title="Sociaal Team Test")
    expert = ExpertFactory(parent=organisation, title="Anna Aalbers", role="Schuldhulpmaatje")
    data = linked_data(client, expert)
    assert data["@type"] == "Person" and data["jobTitle"] == "Schuldhulpmaatje"
    assert data["affiliation"]["name"] == "Sociaal Team Test"
    unconsented = ExpertFactory(parent=organisation, title="Bert Bezwaar", consent_date=None)
    assert linked_data(admin_client, unconsented) is None  # editors see the page, not the data


def test_a_municipality_is_a_place_with_its_cbs_code(client):
    place = MunicipalityFactory(title="Testdorp", cbs_code="GM9876", province="zeeland")
    data = linked_data(client, place)
    assert data["@type"] == "AdministrativeArea"
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "CBS-gemeentecode",
        "value": "GM9876",
    }
    assert data["containedInPlace"]["name"] == "Zeeland"


def test_organisations_and_practices_are_described(client):
    organisation = OrganisationFactory(title="Welzijn Test", website="https://welzijn.example")
    practice = PracticeFactory(
        title="Buurtkamer Test",
        organisations=[organisation],
        municipalities=[MunicipalityFactory(title="Praktijkdorp")],
    )
    assert linked_data(client, organisation)["sameAs"] == "https://welzijn.example"
    data = linked_data(client, practice)
    assert data["creator"][0]["name"] == "Welzijn Test"
    assert data["spatialCoverage"][0]["name"] == "Praktijkdorp"
