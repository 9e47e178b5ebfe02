"""The leak matrix: every restricted fixture × every channel × both engines.

For a report section shared with one community, a meeting (and its document) shared with
that community, and an expert profile without consent, an anonymous visitor and a member of
another community find nothing of it on any channel: the page, the file URL, search hits
and snippets, facet counts, "Bedoelde u" suggestions, autocomplete, the API and the
sitemap. The one who may see it (a member of the community; for the profile, an editor)
does. Asserted on distinctive words, not status codes.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from documents import privacy
from documents.models import ReportAuthor, ReportFile, ReportPage, ReportSection
from tests.factories import (
    CommunityFactory,
    ExpertFactory,
    MeetingFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ReportFactory,
    with_section,
)
from wijkwijs.findable import records_changed
from wijkwijs.models import CommunityPage, MeetingDocument, MunicipalityFact
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


def attach(model, page, word):
    document = get_document_model().objects.create(
        title=f"bijlage {word}", file=ContentFile(f"Bijlage over {word}.".encode(), "b.txt")
    )
    model.objects.create(page=page, document=document)
    return document


@pytest.fixture
def world(django_user_model):
    noord = CommunityFactory(title="Kring Noord", members_group=Group.objects.create(name="N"))
    zuid = CommunityFactory(title="Kring Zuid", members_group=Group.objects.create(name="Z"))

    def person(name, group=None, **extra):
        user = django_user_model.objects.create_user(name, password="x-x-x-x-1", **extra)
        if group:
            user.groups.add(group)
        return user

    report = ReportFactory(
        title="Verslag grutto", visibility=Visibility.COMMUNITIES, shared_with=[noord]
    )
    with_section(report, "Gruttotelling", "De gruttotelling leverde veel op.", anchor="telling")
    meeting = MeetingFactory(
        parent=noord,
        title="Overleg kievitsbloem",
        visibility=Visibility.COMMUNITIES,
        shared_with=[noord],
    )
    expert = ExpertFactory(
        parent=OrganisationFactory(),
        title="Pim Plevier",
        role="Specialist plevierkuikens",
        consent_date=None,
    )
    return {
        "fixtures": {
            # name: (page, distinctive word, a typo of it, a title prefix, file or None)
            "report section": (
                report,
                "gruttotelling",
                "gruttoteling",
                "Gruttotel",
                attach(ReportFile, report, "gruttotelling"),
            ),
            "meeting": (
                meeting,
                "kievitsbloem",
                "kievitsbloen",
                "Overleg kiev",
                attach(MeetingDocument, meeting, "kievitsbloem"),
            ),
            "expert profile": (expert, "plevierkuikens", "plevierkuikns", "Pim Plev", None),
        },
        "viewers": {
            "anonymous": AnonymousUser(),
            "other community": person("zuidlid", zuid.members_group),
            "community member": person("noordlid", noord.members_group),
            "editor": person("redactie", is_staff=True),
        },
    }


ALLOWED = {
    "report section": {"community member", "editor"},
    "meeting": {"community member", "editor"},
    "expert profile": {"editor"},
}
SEARCH_CHANNELS = {"search hits", "snippets", "facet counts", "autocomplete", "API"}
# What those allowed must see: meetings are not searchable themselves (their community is);
# the sitemap is public-only; a correction needs no typo from someone who may see the word.
EXPECTED = {
    "report section": SEARCH_CHANNELS | {"page", "file URL"},
    "meeting": {"page", "file URL"},
    "expert profile": SEARCH_CHANNELS | {"page"},
}


def api_reveals(client, word) -> bool:
    """Hits, a total or facet counts in the API's answer (the query itself is echoed)."""
    answer = client.get("/api/v1/search/", {"q": word}).json()
    counted = any(value["count"] for values in answer["facets"].values() for value in values)
    return answer["total"] > 0 or counted or word in json.dumps(answer["hits"]).lower()


def channels(client, engine, user, page, word, typo, prefix, file):
    """What ``user`` learns about ``word`` through each channel, as {channel: found?}."""
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    result = engine.search(word, user=user)
    seen = {
        # The page's own address may be echoed (the language switcher): the visitor typed it.
        "page": word in client.get(page.url).content.decode().replace(page.url, "").lower(),
        "search hits": any(word in hit.text.lower() for hit in result.hits),
        "snippets": any(word in hit.snippet.lower() for hit in result.hits),
        "facet counts": any(count for values in result.facets.values() for *_x, count in values),
        "suggestions": engine.search(typo, user=user).suggestion != "",
        "autocomplete": bool(engine.suggest_titles(prefix, user)),
        "API": api_reveals(client, word),
        "sitemap": page.url in client.get("/sitemap.xml").content.decode(),
    }
    if file is not None:
        response = client.get(file.url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen["file URL"] = word.encode() in body.lower()
    return seen


def more_channels(client, page, word) -> dict:
    """The citations of a report (every format) and the experts CSV."""
    seen = {"CSV": word in client.get("/wie-weet-wat/experts.csv").content.decode().lower()}
    if isinstance(page, ReportPage):
        answers = [client.get(f"{page.url}citatie/{form}") for form in ("", "bibtex/", "ris/")]
        # A refusal may echo the address the visitor typed: that is not the citation.
        texts = [answer.content.decode().replace(page.url, "").lower() for answer in answers]
        seen["citations"] = any(word in text for text in texts)
    return seen


@pytest.mark.parametrize("fixture", ["report section", "meeting", "expert profile"])
def test_restricted_content_leaks_through_no_channel(world, fixture, engine, client):
    page, word, typo, prefix, file = world["fixtures"][fixture]
    for name, user in world["viewers"].items():
        seen = channels(client, engine, user, page, word, typo, prefix, file)
        if name in ALLOWED[fixture]:
            missing = [channel for channel in EXPECTED[fixture] if not seen[channel]]
            assert not missing, f"{fixture}: {name} should see it on {missing}"
        else:
            leaks = [channel for channel, found in seen.items() if found]
            assert not leaks, f"{fixture}: {name} learns of it through {leaks}"


# Workflows: what an editor does to content, then who may learn of it on each channel.
# Each sets up and changes one page, and returns (page, word, typo, prefix, file, allowed).


def report_with_word(word, visibility, shared_with=(), title=None):
    report = ReportFactory(
        title=title or f"Verslag {word}", visibility=visibility, shared_with=list(shared_with)
    )
    ReportSection.objects.create(
        report=report,
        position=0,
        heading=f"Over {word}",
        level=1,
        anchor="over",
        text=f"De {word} werd besproken.",
    )
    records_changed.send(sender=ReportPage, page=report)
    return report, attach(ReportFile, report, word)


def publish_draft(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision()


def draft(world):  # a public draft of an editors-only report: nothing until published
    report, file = report_with_word("tureluurtelling", Visibility.EDITORS)
    publish_draft(report, visibility=Visibility.PUBLIC, title="Openbaar concept")
    return report, "tureluurtelling", "tureluurteling", "Over turel", file, set()


def publish(world):
    report, file = report_with_word("scholeksternest", Visibility.EDITORS)
    publish_draft(report, visibility=Visibility.PUBLIC).publish()
    return report, "scholeksternest", "scholeksternets", "Over schol", file, {"anonymous"}


def unpublish(world):
    report, file = report_with_word("kemphaanbalts", Visibility.PUBLIC)
    report.unpublish()
    return report, "kemphaanbalts", "kemphaanbalst", "Over kemph", file, set()


def move(world):  # into an organisation only signed-in visitors may see
    closed = OrganisationFactory(title="Besloten organisatie")
    PageViewRestriction.objects.create(
        page=closed,
        restriction_type=PageViewRestriction.PASSWORD,
        password="wachtwoord-van-de-organisatie",
    )
    expert = ExpertFactory(
        parent=OrganisationFactory(), title="Piet Patrijs", role="Kenner van patrijsroepen"
    )
    expert.move(closed, pos="last-child")
    return (
        Page.objects.get(pk=expert.pk).specific,
        "patrijsroepen",
        "patrijsroepn",
        "Piet Patr",
        None,
        set(),
    )


def delete(world):
    report, file = report_with_word("zilverplevier", Visibility.PUBLIC)
    report.delete()
    return report, "zilverplevier", "zilverplevir", "Over zilv", file, set()


def redact(world):  # the name goes everywhere, for everyone
    report, file = report_with_word("Wulpmans", Visibility.PUBLIC, title="Verslag van gesprekken")
    privacy.redact(report, ["Wulpmans"])
    return ReportPage.objects.get(pk=report.pk), "wulpmans", "wulpmasn", "Over Wulpm", file, set()


def share(world):  # with Kring Noord: its members see it, Kring Zuid's do not
    report, file = report_with_word("steltkluutbroed", Visibility.MEMBERS)
    publish_draft(report, visibility=Visibility.COMMUNITIES, shared_with=[world["noord"]]).publish()
    return report, "steltkluutbroed", "steltkluutbrod", "Over stelt", file, {"community member"}


def revoke(world):  # shared with Kring Noord, then back to the editors
    report, file = report_with_word("grutteloods", Visibility.COMMUNITIES, [world["noord"]])
    publish_draft(report, visibility=Visibility.EDITORS, shared_with=[]).publish()
    return report, "grutteloods", "grutteloosd", "Over grutt", file, set()


WORKFLOWS = [draft, publish, unpublish, move, delete, redact, share, revoke]
# Who looks: the public; for sharing, a member of the community and one of another.
VIEWERS_OF = {share: ("community member", "other community"), revoke: ("community member",)}
# What someone allowed must see (the search channels for searchable pages; a word is never
# corrected for those who may see it; the sitemap lists public pages only).
MUST_SEE = {"page", "file URL", "search hits", "snippets", "facet counts", "autocomplete", "API"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda workflow: workflow.__name__)
def test_editorial_workflows_leak_through_no_channel(world, workflow, engine, client):
    world["noord"] = CommunityPage.objects.get(title="Kring Noord")
    page, word, typo, prefix, file, allowed = workflow(world)
    for name in VIEWERS_OF.get(workflow, ("anonymous",)):
        user = world["viewers"][name]
        seen = channels(client, engine, user, page, word, typo, prefix, file)
        seen |= more_channels(client, page, word)
        # The sitemap by the word (a redacted page stays listed, without the name).
        seen["sitemap"] = word in client.get("/sitemap.xml").content.decode().lower()
        if name in allowed:
            missing = [channel for channel in MUST_SEE if channel in seen and not seen[channel]]
            assert not missing, f"{workflow.__name__}: {name} should see it on {missing}"
        else:
            leaks = [channel for channel, found in seen.items() if found]
            assert not leaks, f"{workflow.__name__}: {name} learns of it through {leaks}"


# The CSV downloads: every spreadsheet the site offers (the experts found, municipalities
# compared) × who asks, with restricted content behind each. A word is in a download only
# for those who may see where it comes from.
def fact_from(town, report, value):
    return MunicipalityFact.objects.create(
        page=town,
        topic="inwoners",
        value=value,
        as_of=datetime.date(2016, 1, 1),
        source_report=report,
        source_section=report.sections.get().heading,
    )


@pytest.fixture
def spreadsheets(world, django_user_model):
    noord = CommunityPage.objects.get(title="Kring Noord")
    east, west = MunicipalityFactory(title="Oosterwoud"), MunicipalityFactory(title="Westerwoud")
    closed = MunicipalityFactory(title="Grauwgansdorp")
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.PASSWORD, password="geheim-van-de-gans"
    )
    MunicipalityFact.objects.create(
        page=closed, topic="inwoners", value="900", as_of=datetime.date(2016, 1, 1)
    )
    cited = {
        "tapuitnesten": report_with_word("tapuitnesten", Visibility.EDITORS)[0],
        "roerdomptelling": report_with_word("roerdomptelling", Visibility.MEMBERS)[0],
        "woudaapgesprek": report_with_word("woudaapgesprek", Visibility.COMMUNITIES, [noord])[0],
    }
    for value, report in enumerate(cited.values(), start=1000):
        fact_from(east, report, str(value))
    fact_from(west, cited["tapuitnesten"], "2000")
    members_only = ExpertFactory(
        parent=OrganisationFactory(),
        title="Karel Kwartel",
        role="Kenner van kwartelroepen",
        visibility=Visibility.MEMBERS,
    )
    author = ExpertFactory(parent=OrganisationFactory(), title="Fenna Fuut", role="Vogelteller")
    written, _file = report_with_word("fuutnestbouw", Visibility.EDITORS)
    written.authors = [ReportAuthor(name=author.title, expert=author)]
    written.save_revision().publish()
    organisation_editor = django_user_model.objects.create_user("redactie-vogelwerk")
    call_command(
        "organisation_editors",
        "--add",
        OrganisationFactory(title="Vogelwerk").slug,
        organisation_editor.username,
        verbosity=0,
    )
    viewers = {
        "anonymous": AnonymousUser(),
        "member": django_user_model.objects.create_user("lid-zonder-kring"),
        "organisation editor": organisation_editor,
        "editor": world["viewers"]["editor"],
    }
    comparison = (
        f"/gemeenten-vergelijken/vergelijking.csv?gemeente={east.slug}&gemeente={west.slug}"
    )
    downloads = {
        # word: (download, who may see where it comes from)
        "tapuitnesten": (comparison, {"editor"}),
        "roerdomptelling": (comparison, {"member", "organisation editor", "editor"}),
        "woudaapgesprek": (comparison, {"editor"}),
        "grauwgansdorp": (comparison.replace(west.slug, closed.slug), set()),
        "kwartelroepen": ("/wie-weet-wat/experts.csv", {"member", "organisation editor", "editor"}),
        # Found by what only an editors-only report says of her: that finding is the editors'.
        "fenna fuut": ("/wie-weet-wat/experts.csv?vraag=fuutnestbouw", {"editor"}),
        # Without consent, a profile leaves the platform for no one.
        "plevierkuikens": ("/wie-weet-wat/experts.csv", set()),
    }
    assert members_only.consent_date is not None and author.consent_date is not None
    return viewers, downloads


def test_csv_downloads_hold_only_what_the_one_who_asks_may_see(spreadsheets, client):
    viewers, downloads = spreadsheets
    for name, user in viewers.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        for word, (url, allowed) in downloads.items():
            answer = client.get(url)
            found = word in answer.content.decode().lower()
            assert found == (name in allowed), (name, word, url, answer.status_code)
