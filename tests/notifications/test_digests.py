"""Digests: what is new under a member's follows, as that member may see it when the mail
goes out; nothing restricted leaks into a mail, nothing is sent twice, an empty digest is
not sent, and one click unsubscribes without logging in."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from access_requests.models import AccessRequest, RequestState
from documents.models import ReportPage, ReportSection
from notifications.digest import send_due_digests
from notifications.models import DigestFrequency, Follow, NotificationSettings, SentItem
from tests.factories import (
    CommunityFactory,
    MunicipalityFactory,
    PracticeFactory,
    ReportFactory,
    ThemeFactory,
)
from wijkwijs.findable import records_changed
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
SECRET = "De reigerkolonie telde veertig nesten achter de zuiveringsplas."
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def published_at(page, moment):
    """Publish ``page`` and date its publication (the digest's notion of 'new')."""
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(last_published_at=moment)
    return page


def report_with_secret(title, moment, **extra):
    report = ReportFactory(title=title, **extra)
    ReportSection.objects.create(
        report=report, position=0, heading="Telling", level=1, anchor="telling", text=SECRET
    )
    records_changed.send(sender=ReportPage, page=report)
    return published_at(report, moment)


@pytest.fixture
def start():
    return timezone.now() - DAY


@pytest.fixture
def world(django_user_model, start):
    noord = CommunityFactory(title="Kring Noord", members_group=Group.objects.create(name="N"))
    theme = ThemeFactory(title="Reigerbeheer")
    place = MunicipalityFactory(title="Reigerdam")

    def follower(name, *groups, **extra):
        user = django_user_model.objects.create_user(
            name, f"{name}@example.invalid", "x-x-x-1", **extra
        )
        user.groups.add(*groups)
        Follow.objects.create(user=user, page=theme, created_at=start)
        NotificationSettings.objects.create(user=user, frequency=DigestFrequency.DAILY)
        return user

    people = {
        "member": follower("lid"),
        "noord": follower("noordlid", noord.members_group),
        "editor": follower("redacteur", is_staff=True),
    }
    moment = start + HOUR
    practice = published_at(
        PracticeFactory(
            title="Reigers tellen met de buurt",
            themes=[theme],
            municipalities=[place],
            summary="Buurtbewoners tellen samen.",
        ),
        moment,
    )
    shared = report_with_secret(
        "Kolonieverslag Noord",
        moment,
        themes=[theme],
        visibility=Visibility.COMMUNITIES,
        shared_with=[noord],
    )
    hidden = report_with_secret(
        "Interviews reigerwachters", moment, themes=[theme], visibility=Visibility.EDITORS
    )
    return {
        "theme": theme,
        "place": place,
        "people": people,
        "practice": practice,
        "shared": shared,
        "hidden": hidden,
    }


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def whole(message):
    """Subject, text and HTML of a mail."""
    return message.subject + message.body + "".join(body for body, _t in message.alternatives)


def test_each_member_hears_only_of_what_they_may_see(world, start):
    sent, empty, failed = send_due_digests(now=start + 2 * HOUR)
    assert (sent, empty, failed) == (3, 0, 0)
    people = world["people"]
    member, noord, editor = (
        whole(mails_to(people[name])[0]) for name in ("member", "noord", "editor")
    )
    assert "Reigers tellen met de buurt" in member
    for restricted in ("Kolonieverslag", "Interviews reigerwachters", "reigerkolonie", "veertig"):
        assert restricted not in member
    assert "Kolonieverslag Noord" in noord and "veertig nesten" in noord
    assert "Interviews reigerwachters" not in noord
    assert "Interviews reigerwachters" in editor
    # Context and a link with each item: theme, municipality, snippet, the page's address.
    practice = world["practice"]
    assert "Reigerdam" in member and "Buurtbewoners tellen samen" in member
    assert f"http://127.0.0.1:8000{practice.url}" in member


def test_what_becomes_visible_later_is_sent_then(world, start):
    """A grant made after the first digest: the report comes with the next one."""
    send_due_digests(now=start + 2 * HOUR)
    member = world["people"]["member"]
    assert "Kolonieverslag" not in whole(mails_to(member)[0])
    AccessRequest.objects.create(
        page=world["shared"], requester=member, reason="telling", state=RequestState.GRANTED
    )
    published_at(world["shared"], start + 3 * HOUR)  # shared anew
    send_due_digests(now=start + DAY + 2 * HOUR)
    assert "Kolonieverslag Noord" in whole(mails_to(member)[-1])


def test_nothing_is_sent_twice_and_an_empty_digest_is_not_sent(world, start):
    first = start + 2 * HOUR
    send_due_digests(now=first)
    assert len(mail.outbox) == 3
    assert send_due_digests(now=first) == (0, 0, 0)  # a re-run: nobody is due
    assert send_due_digests(now=first + DAY) == (0, 3, 0)  # due, but nothing new
    assert len(mail.outbox) == 3
    # Republishing something already sent does not send it again; something new does.
    published_at(world["practice"], first + DAY + HOUR)
    newer = published_at(
        PracticeFactory(title="Nestkasten voor reigers", themes=[world["theme"]]),
        first + DAY + HOUR,
    )
    assert send_due_digests(now=first + 2 * DAY) == (3, 0, 0)
    latest = whole(mail.outbox[-1])
    assert newer.title in latest and "Reigers tellen met de buurt" not in latest
    assert SentItem.objects.filter(page=newer).count() == 3


def test_the_period_is_chosen_per_member(world, start):
    member = world["people"]["member"]
    NotificationSettings.objects.filter(user=member).update(
        frequency=DigestFrequency.WEEKLY, last_digest_at=start
    )
    NotificationSettings.objects.exclude(user=member).update(frequency=DigestFrequency.NEVER)
    assert send_due_digests(now=start + 2 * HOUR) == (0, 0, 0)  # a week has not passed
    assert send_due_digests(now=start + 7 * DAY) == (1, 0, 0)
    assert mails_to(member)


def test_a_saved_search_runs_through_the_engine_for_its_member(world, start, engine, settings):
    people = world["people"]
    for user in people.values():
        user.follows.all().delete()
        Follow.objects.create(user=user, query="reigerkolonie", created_at=start)
    send_due_digests(now=start + 2 * HOUR)
    assert not mails_to(people["member"])  # the only match is restricted: no mail at all
    noord = whole(mails_to(people["noord"])[0])
    assert "Kolonieverslag Noord › " in noord and "Interviews" not in noord
    assert "Interviews reigerwachters" in whole(mails_to(people["editor"])[0])


def test_one_click_unsubscribes_without_login(world, start, client):
    send_due_digests(now=start + 2 * HOUR)
    member = world["people"]["member"]
    message = mails_to(member)[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    address = re.search(r"<(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert address in message.body
    path = address.removeprefix("http://127.0.0.1:8000")
    assert "Afmelden" in client.get(path).content.decode()  # a link checker changes nothing
    assert NotificationSettings.of(member).frequency == DigestFrequency.DAILY
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "U bent afgemeld" in response.content.decode()
    assert NotificationSettings.of(member).frequency == DigestFrequency.NEVER
    assert client.post(path[:-3] + "abc/").status_code == 404  # a forged token
    send_due_digests(now=start + DAY + 2 * HOUR)
    assert len(mails_to(member)) == 1


def test_a_failed_mail_is_tried_again_at_the_next_run(world, start, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    assert send_due_digests(now=start + 2 * HOUR) == (0, 0, 3)
    assert not SentItem.objects.exists()
    assert not NotificationSettings.objects.filter(last_digest_at__isnull=False).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_digests(now=start + 3 * HOUR) == (3, 0, 0)
    assert "Reigers tellen met de buurt" in whole(mails_to(world["people"]["member"])[0])
