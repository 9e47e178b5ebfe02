"""Demo content: the team's own write-ups, loaded from ``project/demo_content/*.toml``.

Loading is idempotent: a page whose slug already exists under its parent is left as it
is, so running the loader on a filled database only adds what is missing. The people
in the demo are invented; organisations and municipalities are real, and the facts come
from the public documents the platform was designed around.
"""

import datetime
import tomllib
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from documents.models import ReportAuthor, ReportPage
from expertise.models import ExpertPage, OrganisationPage
from expertise.permissions import ensure_editors_group
from practices.models import PracticePage, PracticeQuote, PracticeTip
from wijkwijs.models import (
    CommunityPage,
    MeetingPage,
    MunicipalityFact,
    MunicipalityPage,
    ThemePage,
)
from wijkwijs.site_structure import ensure_site_structure
from wijkwijs.visibility import Visibility

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"

DEMO_USERS = [
    # (username, password, is_superuser, description)
    ("beheerder", "wijkwijs-demo", True, "beheerder (alle rechten)"),
    ("lid", "wijkwijs-lid", False, "ingelogd lid (ziet ledeninhoud)"),
    ("redactie-dock", "wijkwijs-dock", False, "redacteur van Dock (beheert alleen Dock)"),
    (
        "coordinator",
        "wijkwijs-coordinator",
        False,
        "coördinator en lid van de Kenniskring wijkteams regio Utrecht, zonder beheer: "
        "beslist op de site over toegangsverzoeken (/toegang/verzoeken/)",
    ),
    (
        "nieuwkomer",
        "wijkwijs-nieuwkomer",
        False,
        "ingelogd, geen lid van een kennisgemeenschap: vraagt om toegang tot de "
        "casusbespreking van de Kenniskring wijkteams regio Utrecht",
    ),
]
# Demo logins that edit one organisation: username → organisation slug.
DEMO_ORGANISATION_EDITORS = {"redactie-dock": "dock"}
# Demo logins that coordinate a community (and are in its members group): username →
# (community slug, the coordinator's expert profile, which the login becomes the account of).
DEMO_COORDINATORS = {"coordinator": ("kenniskring-wijkteams-regio-utrecht", "mirjam-van-leeuwen")}


def read_content(name):
    with open(CONTENT_DIR / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


class DemoLoader:
    def __init__(self):
        self.created = Counter()
        self.structure = None

    def run(self):
        with transaction.atomic():
            self.structure = ensure_site_structure()
            self.load_themes()
            self.load_municipalities()
            self.load_organisations()
            self.load_reports()
            self.load_municipality_facts()
            self.load_practices()
            self.load_communities()
        return self.created

    # Helpers -------------------------------------------------------------------------

    def add_page(self, parent, model, item, **fields):
        """Create ``item`` under ``parent`` unless its slug exists there; return the page."""
        existing = model.objects.child_of(parent).filter(slug=item["slug"]).first()
        if existing:
            return existing, False
        relations = fields.pop("relations", {})
        tags = fields.pop("tags", [])
        page = model(slug=item["slug"], title=item["title"], **fields)
        for name, value in relations.items():
            setattr(page, name, value)
        for tag in tags:
            page.tags.add(tag)
        parent.add_child(instance=page)
        self.created[model._meta.verbose_name_plural] += 1
        return page, True

    @staticmethod
    def pages(model, slugs):
        found = {page.slug: page for page in model.objects.filter(slug__in=slugs)}
        missing = set(slugs) - set(found)
        if missing:
            raise ValueError(f"Demo content refers to unknown {model.__name__}: {sorted(missing)}")
        return [found[slug] for slug in slugs]

    def classification(self, item):
        return {
            "municipalities": self.pages(MunicipalityPage, item.get("municipalities", [])),
            "themes": self.pages(ThemePage, item.get("themes", [])),
        }

    # Content types -------------------------------------------------------------------

    def load_themes(self):
        for item in read_content("themes")["theme"]:
            self.add_page(
                self.structure.themes,
                ThemePage,
                item,
                label_en=item.get("label_en", ""),
                description=item.get("description", ""),
                synonyms="\n".join(item.get("synonyms", [])),
            )

    def load_municipalities(self):
        for item in read_content("municipalities")["municipality"]:
            self.add_page(
                self.structure.municipalities,
                MunicipalityPage,
                item,
                cbs_code=item["cbs_code"],
                province=item["province"],
                name_variants="\n".join(item.get("name_variants", [])),
                summary=item.get("summary", ""),
                tags=item.get("tags", []),
            )

    def load_municipality_facts(self):
        """Facts cite reports, so they are added once the reports exist."""
        for item in read_content("municipalities")["municipality"]:
            page = MunicipalityPage.objects.get(slug=item["slug"])
            if page.facts.exists():
                continue
            for order, fact in enumerate(item.get("fact", [])):
                source = fact.get("source_report")
                MunicipalityFact.objects.create(
                    page=page,
                    sort_order=order,
                    topic=fact["topic"],
                    label=fact.get("label", ""),
                    value=fact["value"],
                    unit=fact.get("unit", ""),
                    as_of=as_date(fact["as_of"]),
                    source_report=self.pages(ReportPage, [source])[0] if source else None,
                    source_section=fact.get("source_section", ""),
                    source_title=fact.get("source_title", ""),
                    note=fact.get("note", ""),
                )
                self.created["feiten"] += 1

    def load_organisations(self):
        for item in read_content("organisations")["organisation"]:
            organisation, _ = self.add_page(
                self.structure.organisations,
                OrganisationPage,
                item,
                kind=item["kind"],
                website=item.get("website", ""),
                description=item.get("description", ""),
                tags=item.get("tags", []),
                relations=self.classification(item),
            )
            for expert in item.get("expert", []):
                self.add_page(
                    organisation,
                    ExpertPage,
                    expert,
                    role=expert["role"],
                    bio=expert.get("bio", ""),
                    contact_preference=expert.get("contact_preference", "organisatie"),
                    email=expert.get("email", ""),
                    phone=expert.get("phone", ""),
                    consent_date=as_date(expert.get("consent_date")),
                    tags=expert.get("expertise", []),
                    relations=self.classification(expert),
                )

    def load_reports(self):
        for item in read_content("reports")["report"]:
            publisher = item.get("publisher")
            relations = self.classification(item)
            relations["organisations"] = self.pages(OrganisationPage, item.get("organisations", []))
            relations["authors"] = [
                ReportAuthor(
                    name=author["name"],
                    expert=self.pages(ExpertPage, [author["expert"]])[0]
                    if author.get("expert")
                    else None,
                )
                for author in item.get("author", [])
            ]
            self.add_page(
                self.structure.reports,
                ReportPage,
                item,
                kind=item["kind"],
                publisher=self.pages(OrganisationPage, [publisher])[0] if publisher else None,
                publisher_name=item.get("publisher_name", ""),
                published_on=as_date(item.get("published_on")),
                date_precision=item.get("date_precision", "day"),
                period_start=as_date(item.get("period_start")),
                period_end=as_date(item.get("period_end")),
                abstract=item.get("abstract", ""),
                visibility=item.get("visibility", "public"),
                tags=item.get("tags", []),
                relations=relations,
            )

    def load_practices(self):
        for item in read_content("practices")["practice"]:
            relations = self.classification(item)
            relations.update(
                contacts=self.pages(ExpertPage, item.get("contacts", [])),
                organisations=self.pages(OrganisationPage, item.get("organisations", [])),
                related_reports=self.pages(ReportPage, item.get("reports", [])),
                tips=[PracticeTip(text=text) for text in item.get("tips", [])],
                quotes=[
                    PracticeQuote(text=quote["text"], role=quote["role"])
                    for quote in item.get("quote", [])
                ],
            )
            parts = {name: item.get(name, "") for name in PracticePage.PARTS + PracticePage.PDCA}
            self.add_page(
                self.structure.practices,
                PracticePage,
                item,
                summary=item["summary"],
                period_start=as_date(item.get("period_start")),
                period_end=as_date(item.get("period_end")),
                evidence_level=item.get("evidence_level", "praktijkvoorbeeld"),
                tags=item.get("tags", []),
                relations=relations,
                **parts,
            )

    def load_communities(self):
        for item in read_content("communities")["community"]:
            relations = self.classification(item)
            relations.update(
                member_organisations=self.pages(OrganisationPage, item.get("organisations", [])),
                coordinators=self.pages(ExpertPage, item.get("coordinators", [])),
            )
            community, _ = self.add_page(
                self.structure.communities,
                CommunityPage,
                item,
                description=item["description"],
                tags=item.get("tags", []),
                relations=relations,
            )
            if "members_group" in item and community.members_group is None:
                community.members_group = Group.objects.get_or_create(name=item["members_group"])[0]
                community.save_revision().publish()
            for meeting in item.get("meeting", []):
                visibility = meeting.get("visibility", Visibility.MEMBERS)
                shared = [community] if visibility == Visibility.COMMUNITIES else []
                self.add_page(
                    community,
                    MeetingPage,
                    meeting,
                    date=as_date(meeting["date"]),
                    location=meeting.get("location", ""),
                    agenda=meeting.get("agenda", ""),
                    notes=meeting.get("notes", ""),
                    visibility=visibility,
                    relations={"shared_with": shared},
                )


def ensure_demo_users():
    """Create the demo logins if missing; returns (username, password, description) rows."""
    User = get_user_model()
    rows = []
    for username, password, is_superuser, description in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            if is_superuser:
                User.objects.create_superuser(username, f"{username}@example.invalid", password)
            else:
                User.objects.create_user(username, f"{username}@example.invalid", password)
        rows.append((username, password, description))
    for username, slug in DEMO_ORGANISATION_EDITORS.items():
        organisation = OrganisationPage.objects.get(slug=slug)
        User.objects.get(username=username).groups.add(ensure_editors_group(organisation))
    for username, (community_slug, expert_slug) in DEMO_COORDINATORS.items():
        user = User.objects.get(username=username)
        community = CommunityPage.objects.get(slug=community_slug)
        user.groups.add(community.members_group)
        expert = ExpertPage.objects.get(slug=expert_slug)
        if expert.account_id is None:
            expert.account = user
            expert.save_revision().publish()
    return rows
