"""OAI-PMH 2.0 at /oai/: harvested with a real client (Sickle, over HTTP from the live
server), it yields exactly the public reports; bad requests get the protocol's codes."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from sickle import Sickle
from sickle.oaiexceptions import IdDoesNotExist

from documents.models import ReportAuthor, ReportPage
from tests.factories import ReportFactory, ThemeFactory
from wijkwijs.visibility import Visibility, visible


@pytest.mark.django_db(transaction=True)
def test_a_harvest_lists_exactly_the_public_reports(live_server, settings):
    from wijkwijs.site_structure import ensure_site_structure

    ensure_site_structure()
    settings.OAI_PAGE_SIZE = 3  # so the harvest needs resumption tokens
    theme = ThemeFactory(title="Oogsttheme")
    for number in range(5):
        report = ReportFactory(title=f"Oogstrapport {number}", themes=[theme], kind="factsheet")
        ReportAuthor.objects.create(page=report, name=f"Auteur {number}")
    ReportFactory(title="Oogst leden", visibility=Visibility.MEMBERS, themes=[theme])
    hidden = ReportFactory(title="Oogst redactie", visibility=Visibility.EDITORS)
    public = set(visible(ReportPage.objects.all(), AnonymousUser()).values_list("pk", flat=True))

    sickle = Sickle(f"{live_server.url}/oai/")
    assert sickle.Identify().repositoryName == "Wijkwijs"
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    harvested = {int(record.header.identifier.rsplit("/", 1)[1]) for record in records}
    assert harvested == public and len(records) == len(public) > 3
    by_title = {record.metadata["title"][0]: record for record in records}
    assert by_title["Oogstrapport 2"].metadata["creator"] == ["Auteur 2"]
    assert f"theme:{theme.slug}" in by_title["Oogstrapport 2"].header.setSpecs

    specs = {item.setSpec for item in sickle.ListSets()}
    assert {f"theme:{theme.slug}", "kind:factsheet"} <= specs
    in_theme = {
        h.identifier
        for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set=f"theme:{theme.slug}")
    }
    assert len(in_theme) == 5  # not the members-only report of that theme
    host = re.sub(r":\d+$", "", live_server.url.split("//")[1])
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier=f"oai:{host}:report/{hidden.pk}", metadataPrefix="oai_dc")


def error_code(client, **params):
    match = re.search(r'<error code="(\w+)"', client.get("/oai/", params).content.decode())
    return match.group(1) if match else None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, code",
    [
        ({}, "badVerb"),
        ({"verb": "Vergeet"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "resumptionToken": "vervalst"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "gisteren"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
            "noRecordsMatch",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "kleur:rood"}, "badArgument"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:report/1"},
            "idDoesNotExist",
        ),
    ],
)
def test_bad_requests_get_the_protocols_error_codes(client, params, code):
    assert error_code(client, **params) == code


@pytest.mark.django_db
def test_repeated_arguments_are_refused(client):
    answer = client.get("/oai/?verb=Identify&verb=Identify")
    assert '<error code="badArgument"' in answer.content.decode()
    assert answer["Content-Type"].startswith("text/xml")


@pytest.mark.django_db
def test_an_imported_report_keeps_the_moment_it_was_published(client, tmp_path):
    """A harvester asks for what changed since its last visit (``from``): a report's
    datestamp is when it was published, not the moment of the request."""
    from documents.ingest.pipeline import ImportOptions, import_file

    path = tmp_path / "oogstnotitie.md"
    path.write_text("# Oogstnotitie\n\n## Bevindingen\n\nDe buurtkamer bleef open.\n")
    result = import_file(path, ImportOptions(visibility=Visibility.PUBLIC))
    assert result.status == "imported"
    report = ReportPage.objects.get(pk=result.report.pk)
    assert report.last_published_at is not None
    identifier = next(name for name in harvested(client) if name.endswith(f"/{report.pk}"))
    published = report.last_published_at.replace(microsecond=0)
    assert harvested(client)[identifier] == published
    later = published + datetime.timedelta(seconds=1)
    assert identifier not in harvested(client, **{"from": oai_moment(later)})
    assert identifier in harvested(client, **{"from": oai_moment(published)})


def oai_moment(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def harvested(client, **params) -> dict:
    """{identifier: datestamp} of the headers ListIdentifiers lists."""
    query = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", **params}
    xml = client.get("/oai/", query).content.decode()
    pairs = re.findall(r"<identifier>([^<]+)</identifier>\s*<datestamp>([^<]+)</datestamp>", xml)
    moment = "%Y-%m-%dT%H:%M:%SZ"
    return {
        name: datetime.datetime.strptime(stamp, moment).replace(tzinfo=datetime.UTC)
        for name, stamp in pairs
    }
