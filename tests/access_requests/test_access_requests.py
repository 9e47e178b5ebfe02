"""Access requests: a member asks for a page shared with a community they are not in; the
coordinators or editors grant (for a period, or for good) or refuse; the requester is
told; every step is logged; a grant opens the page, its files and its search hits and
closes by itself when its period ends."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from access_requests.models import AccessDecision, AccessRequest, RequestState
from documents.models import ReportFile, ReportPage, ReportSection
from tests.factories import (
    CommunityFactory,
    ExpertFactory,
    MeetingFactory,
    OrganisationFactory,
    ReportFactory,
    publishers_group,
)
from wijkwijs.findable import records_changed
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
SECRET = "De reigerkolonie telde dit jaar veertig nesten."


@pytest.fixture
def world(django_user_model):
    def person(name, *groups, **extra):
        user = django_user_model.objects.create_user(
            name, f"{name}@example.invalid", "x-x-x-x-1", **extra
        )
        user.groups.add(*groups)
        return user

    noord = CommunityFactory(title="Kring Noord", members_group=Group.objects.create(name="N"))
    zuid = CommunityFactory(title="Kring Zuid", members_group=Group.objects.create(name="Z"))
    coordinator = person("coordinator")
    coordinator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    expert = ExpertFactory(
        parent=OrganisationFactory(), title="Cora Coördinator", account=coordinator
    )
    noord.coordinators.add(expert)
    noord.save_revision().publish()
    report = ReportFactory(
        title="Telling reigers", visibility=Visibility.COMMUNITIES, shared_with=[noord]
    )
    ReportSection.objects.create(
        report=report, position=0, heading="Reigers", level=1, anchor="reigers", text=SECRET
    )
    records_changed.send(sender=ReportPage, page=report)
    document = get_document_model().objects.create(
        title="telling", file=ContentFile(SECRET.encode(), "telling.txt")
    )
    ReportFile.objects.create(page=report, document=document)
    editors = publishers_group("Redactie rapporten", report.get_parent())
    return {
        "noord": noord,
        "report": report,
        "file": document,
        "meeting": MeetingFactory(
            parent=noord,
            title="Overleg reigers",
            visibility=Visibility.COMMUNITIES,
            shared_with=[noord],
        ),
        "editors only": ReportFactory(title="Interviews reigers", visibility=Visibility.EDITORS),
        "member": person("zuidlid", zuid.members_group),
        "coordinator": coordinator,
        "report editor": person("rapportredacteur", editors),
        "outsider": person("buitenstaander"),
    }


def ask(client, user, page, reason="Ik werk aan een vergelijkbare telling in Zuid."):
    client.force_login(user)
    return client.post(f"/toegang/{page.pk}/aanvragen/", {"reason": reason})


def decide(client, decider, access_request, **data):
    client.force_login(decider)
    return client.post(f"/beheer/toegangsverzoeken/{access_request.pk}/", data)


def sees(client, user, page, word="reiger"):
    client.force_login(user)
    response = client.get(page.url)
    return response.status_code == 200 and SECRET in response.content.decode()


def test_anonymous_visitors_are_asked_to_log_in_first(client, world):
    response = client.get(world["report"].url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    asked = client.post(f"/toegang/{world['report'].pk}/aanvragen/", {"reason": "x"})
    assert asked.status_code == 302
    assert not AccessRequest.objects.exists()


def test_a_member_is_offered_to_ask_where_they_may_know_the_page(client, world):
    client.force_login(world["member"])
    response = client.get(world["report"].url)
    body = response.content.decode()
    assert response.status_code == 403
    assert "Kring Noord" in body and "Verzoek versturen" in body
    # Not even the title: the member knows the page by the address they were given.
    assert "Telling" not in body and SECRET not in body


def test_pages_for_editors_only_stay_hidden(client, world):
    client.force_login(world["member"])
    assert client.get(world["editors only"].url).status_code == 404
    response = ask(client, world["member"], world["editors only"])
    assert response.status_code == 404 and not AccessRequest.objects.exists()


def test_a_page_shared_with_a_community_the_member_cannot_see_stays_hidden(client, world):
    noord = world["noord"]
    noord.visibility = Visibility.EDITORS
    noord.save_revision().publish()
    client.force_login(world["member"])
    assert client.get(world["report"].url).status_code == 404
    assert ask(client, world["member"], world["report"]).status_code == 404


def test_a_request_needs_a_reason_and_is_kept_once(client, world):
    response = ask(client, world["member"], world["report"], reason="   ")
    assert response.status_code == 400 and "verplicht" in response.content.decode()
    assert not AccessRequest.objects.exists()
    ask(client, world["member"], world["report"])
    response = ask(client, world["member"], world["report"])
    assert AccessRequest.objects.count() == 1
    assert "al om toegang gevraagd" in client.get(world["report"].url).content.decode()


def test_the_report_editors_are_mailed_and_grant_for_a_period(client, world):
    ask(client, world["member"], world["report"])
    access_request = AccessRequest.objects.get()
    assert [message.to for message in mail.outbox] == [["rapportredacteur@example.invalid"]]
    assert "zuidlid" in mail.outbox[0].body and "vergelijkbare telling" in mail.outbox[0].body
    assert f"/beheer/toegangsverzoeken/{access_request.pk}/" in mail.outbox[0].body
    # The coordinator of Noord does not decide about reports; the report's editors do.
    refused = decide(client, world["coordinator"], access_request, decision="grant")
    assert refused.status_code == 302 and refused["Location"] == "/beheer/"
    assert AccessRequest.objects.get().state == RequestState.PENDING
    until = timezone.localdate() + datetime.timedelta(days=7)
    decide(
        client,
        world["report editor"],
        access_request,
        decision="grant",
        until=until.isoformat(),
        message="Veel succes.",
    )
    access_request.refresh_from_db()
    assert access_request.current_state == RequestState.GRANTED
    closes_on = timezone.localtime(access_request.expires_at).date()
    assert closes_on == until + datetime.timedelta(days=1)
    told = mail.outbox[-1]
    assert told.to == ["zuidlid@example.invalid"] and "Veel succes." in told.body
    assert sees(client, world["member"], world["report"])
    download = client.get(world["file"].url)
    assert SECRET.encode() in b"".join(download.streaming_content)


def test_the_coordinators_decide_about_meetings(client, world):
    ask(client, world["member"], world["meeting"])
    access_request = AccessRequest.objects.get()
    assert mail.outbox[0].to == ["coordinator@example.invalid"]
    client.force_login(world["coordinator"])
    listing = client.get("/beheer/toegangsverzoeken/").content.decode()
    assert "Overleg reigers" in listing and "zuidlid" in listing
    response = decide(client, world["coordinator"], access_request, decision="refuse", message="")
    assert "Leg de aanvrager uit waarom" in response.content.decode()
    decide(
        client,
        world["coordinator"],
        access_request,
        decision="refuse",
        message="Alleen voor leden van Noord.",
    )
    assert AccessRequest.objects.get().state == RequestState.REFUSED
    refusal = mail.outbox[-1]
    assert "Alleen voor leden van Noord." in refusal.body
    assert "Overleg reigers" not in refusal.subject + refusal.body  # the title stays closed
    client.force_login(world["member"])
    page = client.get(world["meeting"].url)
    assert page.status_code == 403 and "Alleen voor leden van Noord." in page.content.decode()


def test_someone_who_does_not_decide_sees_nothing_of_it(client, world):
    ask(client, world["member"], world["report"])
    access_request = AccessRequest.objects.get()
    outsider = world["outsider"]
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert "Telling reigers" not in client.get("/beheer/toegangsverzoeken/").content.decode()
    assert decide(client, outsider, access_request, decision="grant")["Location"] == "/beheer/"
    assert AccessRequest.objects.get().state == RequestState.PENDING


def test_an_expired_grant_closes_by_itself_and_is_logged(client, world):
    ask(client, world["member"], world["report"])
    access_request = AccessRequest.objects.get()
    decide(
        client,
        world["report editor"],
        access_request,
        decision="grant",
        until=timezone.localdate().isoformat(),
    )
    assert sees(client, world["member"], world["report"])
    # The period passes: no job has run, and the page is closed again.
    AccessRequest.objects.filter(pk=access_request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert not sees(client, world["member"], world["report"])
    download = client.get(world["file"].url)
    assert download.status_code == 404
    access_request.refresh_from_db()
    assert access_request.current_state == RequestState.EXPIRED
    call_command("close_expired_access", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("close_expired_access", stdout=open("/dev/null", "w"))  # noqa: SIM115
    actions = list(access_request.log.values_list("action", flat=True))
    assert actions == ["requested", "granted", "expired"]
    assert "verlopen" in mail.outbox[-1].body
    # The member may ask again.
    assert ask(client, world["member"], world["report"]).status_code == 302
    assert AccessRequest.objects.filter(state=RequestState.PENDING).count() == 1


def test_a_revoked_grant_closes_at_once_and_every_step_is_logged(client, world):
    ask(client, world["member"], world["report"])
    access_request = AccessRequest.objects.get()
    editor = world["report editor"]
    decide(client, editor, access_request, decision="grant")
    assert AccessRequest.objects.get().expires_at is None  # permanent
    assert sees(client, world["member"], world["report"])
    decide(client, editor, access_request, decision="revoke", message="Project afgerond.")
    assert not sees(client, world["member"], world["report"])
    log = AccessDecision.objects.filter(request=access_request)
    assert [(entry.action, entry.actor.username) for entry in log] == [
        ("requested", "zuidlid"),
        ("granted", "rapportredacteur"),
        ("revoked", "rapportredacteur"),
    ]
    client.force_login(editor)
    page = client.get(f"/beheer/toegangsverzoeken/{access_request.pk}/").content.decode()
    assert "Project afgerond." in page and "Ik werk aan een vergelijkbare telling" in page


def test_a_request_is_kept_when_the_mail_server_fails(client, world, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    response = ask(client, world["member"], world["report"])
    assert response.status_code == 302
    assert AccessRequest.objects.get().state == RequestState.PENDING
    client.force_login(world["report editor"])
    assert "Telling reigers" in client.get("/beheer/toegangsverzoeken/").content.decode()
