"""Usage figures: searches, opened results, report views and downloads are counted per
week on the server, with nothing about the person, and shown to editors."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from documents.models import ReportFile
from tests.factories import ReportFactory
from usage.counting import this_week
from usage.models import ReportWeek, SearchWeek
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


def searched(query):
    return SearchWeek.objects.get(week=this_week(), query=query)


def test_searches_are_counted_by_their_words_without_cookies(client):
    first = client.get("/zoeken/", {"q": "  Wijkteam "})
    client.get("/zoeken/", {"q": "wijkteam", "pagina": "2"})  # the same search, paged
    client.get("/api/v1/search/", {"q": "WIJKTEAM"})
    client.get("/zoeken/", {"q": "qqqqqqqqqq"})
    assert set(first.cookies) <= {"csrftoken"}  # the language form's; counting sets none
    assert (searched("wijkteam").searches, searched("wijkteam").without_results) == (2, 0)
    assert searched("qqqqqqqqqq").without_results == 1
    fields = {field.name for model in (SearchWeek, ReportWeek) for field in model._meta.fields}
    assert not fields & {"ip", "user", "session", "address", "user_agent"}


def test_views_opens_and_downloads_of_a_report(client):
    report = ReportFactory(title="Teller van bezoek")
    document = get_document_model().objects.create(
        title="teller", file=ContentFile(b"Inhoud.", "teller.txt")
    )
    ReportFile.objects.create(page=report, document=document)
    client.get("/zoeken/", {"q": "teller"})
    client.get(report.url, headers={"referer": "http://testserver/zoeken/?q=Teller"})
    client.get(report.url)
    client.get(f"{report.url}citatie/")  # not a view of the report itself
    b"".join(client.get(document.url).streaming_content)
    counted = ReportWeek.objects.get(report=report)
    assert (counted.views, counted.downloads) == (2, 1)
    assert searched("teller").opens == 1


def test_what_a_visitor_may_not_see_is_not_counted(client):
    report = ReportFactory(title="Besloten teller", visibility=Visibility.MEMBERS)
    document = get_document_model().objects.create(
        title="besloten", file=ContentFile(b"Geheim.", "besloten.txt")
    )
    ReportFile.objects.create(page=report, document=document)
    client.get(report.url)
    client.get(document.url)
    assert not ReportWeek.objects.filter(report=report).exists()


def test_editors_see_what_is_searched_and_not_found(client, admin_client, django_user_model):
    for query in ("mantelzorg", "mantelzorg", "qqqqqqqqqq"):
        client.get("/zoeken/", {"q": query})
    page = admin_client.get("/beheer/gebruik/").content.decode()
    found, missing = page.split("niets gevonden")[0], page.split("niets gevonden")[1]
    assert "mantelzorg" in found and "qqqqqqqqqq" in missing.split("niemand opende")[0]
    member = django_user_model.objects.create_user("lid-gebruik", password="x-x-x-x-1")
    client.force_login(member)
    assert "mantelzorg" not in client.get("/beheer/gebruik/").content.decode()


def test_figures_older_than_the_retention_are_purged(settings):
    settings.USAGE_RETENTION_DAYS = 30
    old = this_week() - datetime.timedelta(weeks=10)
    SearchWeek.objects.create(week=old, query="oud", searches=1)
    SearchWeek.objects.create(week=this_week(), query="nieuw", searches=1)
    call_command("purge_usage")
    # Other searches of this week (committed by a server another test ran) may be there too.
    queries = set(SearchWeek.objects.values_list("query", flat=True))
    assert "oud" not in queries and "nieuw" in queries
