"""Coordinators without the admin decide on access requests on the site
(/toegang/verzoeken/): the pending requests for their communities, grant (for a period or
for good) or refuse with a reason, by the rules of ``access_requests.rules`` — and nobody
else decides, learns which requests exist, or decides twice."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from access_requests import decisions
from access_requests.forms import DecisionForm
from access_requests.models import AccessRequest, RequestState
from tests.factories import CommunityFactory, ExpertFactory, MeetingFactory, OrganisationFactory
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
SECRET = "Op de ledenavond besproken: de huur van het buurthuis stijgt met een derde."
LIST = "/toegang/verzoeken/"


def decide_url(access_request):
    return f"{LIST}{access_request.pk}/"


@pytest.fixture
def world(django_user_model):
    """Two communities, each with a coordinator who has no admin access and a members-only
    meeting; a member of neither has asked for both meetings."""

    def person(name, *groups):
        user = django_user_model.objects.create_user(name, f"{name}@example.invalid", "x-x-x-1")
        user.groups.add(*groups)
        return user

    organisation = OrganisationFactory()
    found = {}
    for key, title in (("a", "Kring Oost"), ("b", "Kring West")):
        members = Group.objects.create(name=f"Leden {title}")
        community = CommunityFactory(title=title, members_group=members)
        coordinator = person(f"coordinator-{key}", members)
        community.coordinators.add(
            ExpertFactory(parent=organisation, title=f"Coördinator {title}", account=coordinator)
        )
        community.save_revision().publish()
        meeting = MeetingFactory(
            parent=community,
            title=f"Ledenavond {title}",
            notes=SECRET,
            visibility=Visibility.COMMUNITIES,
            shared_with=[community],
        )
        found[key] = {"community": community, "coordinator": coordinator, "meeting": meeting}
    requester = person("nieuwkomer")
    for key in ("a", "b"):
        found[key]["request"] = decisions.ask(
            found[key]["meeting"], requester, f"Ik wil meedoen in {key}.", "nl"
        )
    mail.outbox.clear()
    found["requester"] = requester
    found["outsider"] = person("buitenstaander")
    return found


def signed_in(client, user):
    client.force_login(user)
    return client


def without_csrf_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def state_of(access_request):
    access_request.refresh_from_db()
    return access_request.current_state


def test_a_coordinator_lists_only_the_pending_requests_of_their_own_community(client, world):
    body = signed_in(client, world["a"]["coordinator"]).get(LIST).content.decode()
    assert "Ledenavond Kring Oost" in body and "Ik wil meedoen in a." in body
    assert "Kring West" not in body and "meedoen in b" not in body
    assert decide_url(world["a"]["request"]) in body


def test_a_coordinator_of_another_community_cannot_decide_or_even_see_the_request(client, world):
    signed_in(client, world["a"]["coordinator"])
    other = world["b"]["request"]
    missing = client.get(f"{LIST}987654/")
    page = client.get(decide_url(other))
    posted = client.post(decide_url(other), {"decision": "grant"})
    # The same answer as for a request that does not exist: no existence oracle.
    assert page.status_code == posted.status_code == missing.status_code == 404
    same_address = without_csrf_token(missing).replace("/987654/", f"/{other.pk}/")
    assert without_csrf_token(page) == same_address
    assert state_of(other) == RequestState.PENDING and not mail.outbox


def test_a_member_cannot_forge_a_decision_on_their_own_request(client, world):
    signed_in(client, world["requester"])
    own = world["a"]["request"]
    response = client.post(decide_url(own), {"decision": "grant", "message": "Zelf gedaan."})
    assert response.status_code == 404
    assert state_of(own) == RequestState.PENDING and not mail.outbox
    assert "Ledenavond" not in client.get(LIST).content.decode()
    assert SECRET not in client.get(world["a"]["meeting"].url).content.decode()


def test_someone_who_coordinates_nothing_gets_an_empty_list_like_any_other(client, world):
    body = signed_in(client, world["outsider"]).get(LIST).content.decode()
    assert "Geen open verzoeken" in body and "Ledenavond" not in body and "meedoen" not in body


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for address in (LIST, decide_url(world["a"]["request"])):
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"]
    client.post(decide_url(world["a"]["request"]), {"decision": "grant"})
    assert state_of(world["a"]["request"]) == RequestState.PENDING


def test_a_decision_without_the_csrf_token_is_refused(world):
    client = signed_in(Client(enforce_csrf_checks=True), world["a"]["coordinator"])
    response = client.post(decide_url(world["a"]["request"]), {"decision": "grant"})
    assert response.status_code == 403
    assert state_of(world["a"]["request"]) == RequestState.PENDING


def test_the_coordinator_is_mailed_a_link_to_the_site_and_grants_for_a_period(client, world):
    requester, meeting = world["requester"], world["a"]["meeting"]
    AccessRequest.objects.filter(pk=world["a"]["request"].pk).delete()
    signed_in(client, requester).post(f"/toegang/{meeting.pk}/aanvragen/", {"reason": "Graag."})
    access_request = AccessRequest.objects.get(page=meeting)
    (received,) = mail.outbox
    assert received.to == ["coordinator-a@example.invalid"]
    assert decide_url(access_request) in received.body and "/beheer/" not in received.body

    signed_in(client, world["a"]["coordinator"])
    page = client.get(decide_url(access_request)).content.decode()
    assert "nieuwkomer" in page and "Graag." in page and 'name="csrfmiddlewaretoken"' in page
    until = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        decide_url(access_request),
        {"decision": "grant", "until": until.isoformat(), "message": "Welkom."},
    )
    assert response.status_code == 302 and response["Location"] == LIST
    assert "Toegang gegeven" in client.get(LIST).content.decode()
    assert state_of(access_request) == RequestState.GRANTED
    assert timezone.localtime(access_request.expires_at).date() == until + datetime.timedelta(1)
    told = mail.outbox[-1]
    assert told.to == ["nieuwkomer@example.invalid"] and "Welkom." in told.body
    assert meeting.title in told.subject
    log = [(entry.action, entry.actor.username) for entry in access_request.log.all()]
    assert log == [("requested", "nieuwkomer"), ("granted", "coordinator-a")]
    signed_in(client, requester)
    assert SECRET in client.get(meeting.url).content.decode()
    mine = client.get("/meldingen/").content.decode()
    assert "Toegekend" in mine and meeting.title in mine


def test_the_coordinator_is_mailed_in_their_language_not_the_requesters(client, world):
    AccessRequest.objects.all().delete()
    client.cookies["django_language"] = "en"
    meeting = world["a"]["meeting"]
    signed_in(client, world["requester"]).post(
        f"/toegang/{meeting.pk}/aanvragen/", {"reason": "Hi."}
    )
    (received,) = mail.outbox
    assert received.subject.startswith("Toegangsverzoek voor")
    assert "vraagt toegang tot" in received.body


def test_a_refusal_needs_a_reason_which_the_requester_reads(client, world):
    access_request = world["a"]["request"]
    signed_in(client, world["a"]["coordinator"])
    response = client.post(decide_url(access_request), {"decision": "refuse", "message": " "})
    assert response.status_code == 200
    assert "Leg de aanvrager uit waarom" in response.content.decode()
    assert state_of(access_request) == RequestState.PENDING and not mail.outbox
    client.post(decide_url(access_request), {"decision": "refuse", "message": "Vol."})
    assert state_of(access_request) == RequestState.REFUSED
    assert [message.to for message in mail.outbox] == [["nieuwkomer@example.invalid"]]
    assert "Vol." in mail.outbox[0].body and "Ledenavond" not in mail.outbox[0].body
    assert "Ik wil meedoen in a." not in client.get(LIST).content.decode()  # no longer pending


def test_a_second_decision_on_a_decided_request_changes_nothing(client, world):
    access_request = world["a"]["request"]
    signed_in(client, world["a"]["coordinator"])
    client.post(decide_url(access_request), {"decision": "grant"})
    again = client.post(decide_url(access_request), {"decision": "refuse", "message": "Toch niet."})
    assert again.status_code == 409
    assert "intussen al besloten" in again.content.decode()
    assert state_of(access_request) == RequestState.GRANTED
    assert len(mail.outbox) == 1 and access_request.log.count() == 2


def test_of_two_deciders_at_once_the_second_is_told_it_was_decided(world):
    access_request = world["a"]["request"]
    stale = AccessRequest.objects.get(pk=access_request.pk)  # read before the first decided
    decisions.decide(access_request, world["a"]["coordinator"], DecisionForm.REFUSE, "Vol.")
    with pytest.raises(decisions.AlreadyDecided):
        decisions.decide(stale, world["a"]["coordinator"], DecisionForm.GRANT)
    assert state_of(access_request) == RequestState.REFUSED and len(mail.outbox) == 1


def test_an_expired_grant_cannot_be_decided_again_and_closes_the_page(client, world):
    access_request, meeting = world["a"]["request"], world["a"]["meeting"]
    signed_in(client, world["a"]["coordinator"])
    client.post(
        decide_url(access_request),
        {"decision": "grant", "until": timezone.localdate().isoformat()},
    )
    AccessRequest.objects.filter(pk=access_request.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()
    for decision in ("grant", "revoke"):
        response = client.post(decide_url(access_request), {"decision": decision, "message": "x"})
        assert response.status_code == 409
    assert state_of(access_request) == RequestState.EXPIRED and not mail.outbox
    assert access_request.log.count() == 2
    signed_in(client, world["requester"])
    assert SECRET not in client.get(meeting.url).content.decode()


def test_the_list_is_paginated(client, world, django_user_model):
    meeting = world["a"]["meeting"]
    for number in range(23):
        asker = django_user_model.objects.create_user(f"vrager{number}", f"v{number}@x.invalid")
        decisions.ask(meeting, asker, f"Reden {number}.", "nl")
    signed_in(client, world["a"]["coordinator"])
    first = client.get(LIST).content.decode()
    second = client.get(f"{LIST}?pagina=2").content.decode()
    row_link = r'href="/toegang/verzoeken/\d+/"'
    assert len(re.findall(row_link, first)) == 20 and len(re.findall(row_link, second)) == 4
    assert "Pagina 1 van 2" in first and 'rel="next"' in first
    assert client.get(f"{LIST}?pagina=veel").status_code == 200


def test_the_pages_speak_english(client, world):
    signed_in(client, world["a"]["coordinator"])
    client.cookies["django_language"] = "en"
    listing = client.get(LIST).content.decode()
    assert "Access requests to decide" in listing and "Requester" in listing
    page = client.get(decide_url(world["a"]["request"])).content.decode()
    assert "Grant access" in page and "Refuse" in page and "Save decision" in page
