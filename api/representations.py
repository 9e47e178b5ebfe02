"""Pages as the API shows them, to the user who asks: related objects are listed only
when that user may see them (the site's own visibility rules, ``wijkwijs.visibility``)."""

from django.db.models import Prefetch
from django.urls import reverse

from documents.choices import DatePrecision
from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from wijkwijs.facts import sourced_facts
from wijkwijs.models import CommunityPage, MunicipalityPage, ThemePage
from wijkwijs.visibility import visible

# Per page type: its collection in the API (its type is the kind search finds it as).
COLLECTIONS = {
    ExpertPage: "experts",
    OrganisationPage: "organisations",
    PracticePage: "practices",
    ReportPage: "reports",
    MunicipalityPage: "municipalities",
    ThemePage: "themes",
    CommunityPage: "communities",
}


def labels():
    """Prefetches of a classified page's themes and municipalities (live and public)."""
    return (
        Prefetch("themes", queryset=ThemePage.objects.live().public().order_by("title")),
        Prefetch(
            "municipalities", queryset=MunicipalityPage.objects.live().public().order_by("title")
        ),
    )


def published(report) -> str | None:
    """The publication date as precisely as the report states it."""
    if report.published_on is None:
        return None
    length = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(report.date_precision, 10)
    return report.published_on.isoformat()[:length]


def choice(model, field, value):
    return {
        "value": value,
        "label": str(dict(model._meta.get_field(field).choices).get(value, value)),
    }


class Representation:
    def __init__(self, request):
        self.request, self.user = request, request.user
        self._organisations = {}

    def absolute(self, url):
        return self.request.build_absolute_uri(url)

    def api_url(self, page):
        collection = COLLECTIONS[type(page)]
        return self.absolute(reverse(f"api:{collection}_detail", kwargs={"id": page.pk}))

    def reference(self, page):
        page = page.specific if type(page) not in COLLECTIONS else page
        return {
            "id": page.pk,
            "slug": page.slug,
            "title": page.title,
            "url": self.absolute(page.get_url(self.request)),
            "api_url": self.api_url(page) if type(page) in COLLECTIONS else None,
        }

    def references(self, pages, order=("title",)):
        return [self.reference(page) for page in visible(pages, self.user).order_by(*order)]

    def summary(self, page):
        return self.reference(page) | {
            "type": page.search_kind.value,
            "api_url": self.api_url(page),
            "last_published_at": page.last_published_at,
        }

    def classified(self, page):
        # The label relations are prefetched (labels()) with live, public pages only.
        return self.summary(page) | {
            "themes": [self.reference(theme) for theme in page.themes.all()],
            "municipalities": [self.reference(place) for place in page.municipalities.all()],
        }

    # Experts ----------------------------------------------------------------------------

    def organisation_of(self, expert):
        """The expert's organisation (its parent page), loaded once per organisation."""
        path = expert.path[: -ExpertPage.steplen]
        if path not in self._organisations:
            self._organisations[path] = OrganisationPage.objects.get(path=path)
        return self._organisations[path]

    def expert(self, expert):
        organisation = self.organisation_of(expert)
        route = expert.contact_route
        value = route["value"]
        return self.classified(expert) | {
            "role": expert.role,
            "bio": expert.bio,
            "organisation": self.reference(organisation),
            "expertise": sorted(tag.name for tag in expert.tags.all()),
            "contact": {
                "kind": route["kind"],
                "value": value.title if route["kind"] == "organisation" else value,
            },
        }

    def expert_detail(self, expert):
        reports = ReportPage.objects.filter(authors__expert=expert).distinct()
        return self.expert(expert) | {
            "practices": self.references(expert.contact_for_practices.all()),
            "reports": self.references(reports, ("-published_on", "title")),
            "communities": self.references(expert.coordinated_communities.all()),
        }

    # Organisations ----------------------------------------------------------------------

    def organisation(self, organisation):
        return self.classified(organisation) | {
            "kind": choice(OrganisationPage, "kind", organisation.kind),
            "website": organisation.website,
            "description": organisation.description,
        }

    def organisation_detail(self, organisation):
        reports = ReportPage.objects.filter(publisher=organisation) | ReportPage.objects.filter(
            organisations=organisation
        )
        return self.organisation(organisation) | {
            "experts": self.references(ExpertPage.objects.child_of(organisation)),
            "practices": self.references(organisation.practices.all()),
            "reports": self.references(reports.distinct(), ("-published_on", "title")),
            "communities": self.references(organisation.communities.all()),
        }

    # Practices --------------------------------------------------------------------------

    def practice(self, practice):
        return self.classified(practice) | {
            "summary": practice.summary,
            "evidence_level": choice(PracticePage, "evidence_level", practice.evidence_level),
            "period_start": practice.period_start,
            "period_end": practice.period_end,
            "organisations": self.references(practice.organisations.all()),
        }

    def practice_detail(self, practice):
        def parts(pairs):
            return [{"heading": str(heading), "text": text} for heading, text in pairs]

        return self.practice(practice) | {
            "parts": parts(practice.parts),
            "pdca": parts(practice.pdca_steps),
            "tips": [tip.text for tip in practice.tips.all()],
            "quotes": [
                {"text": quote.text, "attribution": quote.attribution}
                for quote in practice.quotes.all()
            ],
            "contacts": self.references(practice.contacts.all()),
            "reports": self.references(practice.related_reports.all(), ("-published_on", "title")),
        }

    # Reports ----------------------------------------------------------------------------

    def report(self, report):
        experts = {
            author.expert_id for author in report.authors.all() if author.expert_id is not None
        }
        readable = visible(ExpertPage.objects.filter(pk__in=experts), self.user).in_bulk()
        publisher = None
        if report.publisher_id:
            shown = visible(OrganisationPage.objects.filter(pk=report.publisher_id), self.user)
            publisher = {
                "name": report.publisher.title,
                "organisation": self.reference(report.publisher) if shown.exists() else None,
            }
        elif report.publisher_name:
            publisher = {"name": report.publisher_name, "organisation": None}
        return self.classified(report) | {
            "kind": choice(ReportPage, "kind", report.kind),
            "published": published(report),
            "period_start": report.period_start,
            "period_end": report.period_end,
            "abstract": report.abstract,
            "authors": [
                {
                    "name": author.name,
                    "expert": self.reference(readable[author.expert_id])
                    if author.expert_id in readable
                    else None,
                }
                for author in report.authors.all()
            ],
            "publisher": publisher,
            "organisations": self.references(report.organisations.all()),
        }

    def report_detail(self, report):
        page_url = report.get_url(self.request)
        downloads = [
            {
                "title": item.description or item.document.title,
                "format": item.file_format,
                "url": self.absolute(item.document.url),
            }
            for item in report.files.select_related("document").order_by("sort_order", "pk")
        ]
        return self.report(report) | {
            "sections": [
                {
                    "position": section.position,
                    "number": section.number,
                    "heading": section.heading,
                    "level": section.level,
                    "anchor": section.anchor,
                    "url": self.absolute(f"{page_url}#{section.anchor}"),
                    "page_number": section.page_number,
                    "text": section.text,
                }
                for section in report.sections.order_by("position")
            ],
            "downloads": downloads,
            "practices": self.references(report.practices.all()),
        }

    # Municipalities, themes, communities ------------------------------------------------

    def municipality(self, municipality):
        return self.summary(municipality) | {
            "cbs_code": municipality.cbs_code,
            "province": choice(MunicipalityPage, "province", municipality.province),
            "name_variants": municipality.name_variant_list,
            "summary": municipality.summary,
        }

    def municipality_detail(self, municipality):
        facts = municipality.facts.select_related("source_report").order_by("topic", "-as_of")
        return self.municipality(municipality) | {
            "facts": [self.fact(sourced) for sourced in sourced_facts(facts, self.user)]
        }

    def fact(self, sourced):
        fact = sourced.fact
        report = fact.source_report if sourced.source_url and fact.source_report_id else None
        return {
            "topic": choice(type(fact), "topic", fact.topic),
            "label": str(fact.display_label),
            "value": fact.value,
            "display_value": str(fact.display_value),
            "number": sourced.number,
            "unit": fact.unit,
            "as_of": fact.as_of,
            "source": {
                "label": str(sourced.source_label),
                "url": self.absolute(sourced.source_url) if sourced.source_url else None,
                "report": self.reference(report) if report else None,
            },
            "note": fact.note,
        }

    def theme(self, theme):
        return self.summary(theme) | {
            "label_en": theme.label_en,
            "description": theme.description,
            "synonyms": theme.synonym_list,
        }

    def community(self, community):
        return self.classified(community) | {
            "description": community.description,
            "organisations": self.references(community.member_organisations.all()),
            "coordinators": self.references(community.coordinators.all()),
        }
