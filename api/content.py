"""The content API: list and detail of every kind of content, as the user may see it."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from api.auth import member_or_public
from api.filters import (
    CLASSIFIED,
    ClassifiedFilters,
    MunicipalityFilters,
    OrganisationFilters,
    ReportFilters,
    filtered,
)
from api.models import ApiScope
from api.pagination import Paging, paginated
from api.problems import Problem
from api.representations import Representation, labels
from api.schemas import (
    Community,
    Expert,
    ExpertDetail,
    Municipality,
    MunicipalityDetail,
    Organisation,
    OrganisationDetail,
    Page,
    Practice,
    PracticeDetail,
    Report,
    ReportDetail,
    Theme,
)
from documents.choices import ReportKind
from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationKind, OrganisationPage
from practices.models import PracticePage
from wijkwijs.choices import Province
from wijkwijs.models import CommunityPage, MunicipalityPage, ThemePage
from wijkwijs.visibility import visible

router = Router(auth=member_or_public(ApiScope.CONTENT), tags=[_("inhoud")])
ERRORS = {400: Problem, 401: Problem, 403: Problem}
NOT_FOUND = {**ERRORS, 404: Problem}


@dataclass(frozen=True)
class Listed:
    """How one collection is listed: its pages, filters, prefetches, order and look."""

    model: type
    show: str  # the Representation method for one page
    conditions: dict = field(default_factory=dict)  # filter name → condition (api.filters)
    related: Callable = labels  # () → prefetches
    order: tuple = ("title",)


def listing(request, response, paging, listed: Listed, filters=None):
    """One page of the pages of ``listed`` that the user may see and ``filters`` choose."""
    pages = visible(listed.model.objects.all(), request.user)
    if filters is not None:
        pages = filtered(pages, filters, listed.conditions)
    pages = pages.prefetch_related(*listed.related()).order_by(*listed.order)
    chosen = list(pages[paging.offset : paging.offset + paging.page_size])
    show = getattr(Representation(request), listed.show)
    return paginated(request, response, paging, pages.count(), [show(page) for page in chosen])


def one(model, request, id, related=()):
    page = visible(model.objects.prefetch_related(*related), request.user).filter(pk=id).first()
    if page is None:
        raise Http404
    return page


def experts_of(labels):
    return Q(pk__in=[e.pk for org in labels for e in ExpertPage.objects.child_of(org)])


def expert_related():
    return (*labels(), "tags")


def report_related():
    return (*labels(), "authors", "publisher")


EXPERTS = Listed(ExpertPage, "expert", CLASSIFIED | {"organisation": experts_of}, expert_related)
ORGANISATIONS = Listed(
    OrganisationPage, "organisation", CLASSIFIED | {"kind": ("kind", OrganisationKind.choices)}
)
PRACTICES = Listed(
    PracticePage,
    "practice",
    CLASSIFIED | {"organisation": lambda labels: Q(organisations__in=labels)},
)
REPORTS = Listed(
    ReportPage,
    "report",
    CLASSIFIED
    | {
        "organisation": lambda labels: Q(publisher__in=labels) | Q(organisations__in=labels),
        "kind": ("kind", ReportKind.choices),
        "year": "published_on",
    },
    report_related,
    ("-published_on", "title", "pk"),
)
MUNICIPALITIES = Listed(
    MunicipalityPage, "municipality", {"province": ("province", Province.choices)}, tuple
)
THEMES = Listed(ThemePage, "theme", related=tuple)
COMMUNITIES = Listed(
    CommunityPage,
    "community",
    CLASSIFIED | {"organisation": lambda labels: Q(member_organisations__in=labels)},
)


@router.get(
    "/experts/",
    response={200: Page[Expert], **ERRORS},
    url_name="experts_list",
    description=_("Expertprofielen met vastgelegde toestemming, die u mag zien."),
)
def experts(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ClassifiedFilters]
):
    return listing(request, response, paging, EXPERTS, filters)


@router.get("/experts/{id}/", response={200: ExpertDetail, **NOT_FOUND}, url_name="experts_detail")
def expert(request, id: int):
    return Representation(request).expert_detail(one(ExpertPage, request, id, expert_related()))


@router.get(
    "/organisations/", response={200: Page[Organisation], **ERRORS}, url_name="organisations_list"
)
def organisations(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[OrganisationFilters]
):
    return listing(request, response, paging, ORGANISATIONS, filters)


@router.get(
    "/organisations/{id}/",
    response={200: OrganisationDetail, **NOT_FOUND},
    url_name="organisations_detail",
)
def organisation(request, id: int):
    return Representation(request).organisation_detail(one(OrganisationPage, request, id, labels()))


@router.get("/practices/", response={200: Page[Practice], **ERRORS}, url_name="practices_list")
def practices(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ClassifiedFilters]
):
    return listing(request, response, paging, PRACTICES, filters)


@router.get(
    "/practices/{id}/", response={200: PracticeDetail, **NOT_FOUND}, url_name="practices_detail"
)
def practice(request, id: int):
    related = (*labels(), "tips", "quotes")
    return Representation(request).practice_detail(one(PracticePage, request, id, related))


@router.get(
    "/reports/",
    response={200: Page[Report], **ERRORS},
    url_name="reports_list",
    description=_("Rapporten die u mag zien, nieuwste eerst; de paragrafen staan bij elk rapport."),
)
def reports(request, response: HttpResponse, paging: Query[Paging], filters: Query[ReportFilters]):
    return listing(request, response, paging, REPORTS, filters)


@router.get("/reports/{id}/", response={200: ReportDetail, **NOT_FOUND}, url_name="reports_detail")
def report(request, id: int):
    return Representation(request).report_detail(one(ReportPage, request, id, report_related()))


@router.get(
    "/municipalities/", response={200: Page[Municipality], **ERRORS}, url_name="municipalities_list"
)
def municipalities(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[MunicipalityFilters]
):
    return listing(request, response, paging, MUNICIPALITIES, filters)


@router.get(
    "/municipalities/{id}/",
    response={200: MunicipalityDetail, **NOT_FOUND},
    url_name="municipalities_detail",
    description=_("Een gemeente met haar feiten, elk met peildatum en bron."),
)
def municipality(request, id: int):
    return Representation(request).municipality_detail(one(MunicipalityPage, request, id))


@router.get("/themes/", response={200: Page[Theme], **ERRORS}, url_name="themes_list")
def themes(request, response: HttpResponse, paging: Query[Paging]):
    return listing(request, response, paging, THEMES)


@router.get("/themes/{id}/", response={200: Theme, **NOT_FOUND}, url_name="themes_detail")
def theme(request, id: int):
    return Representation(request).theme(one(ThemePage, request, id))


@router.get("/communities/", response={200: Page[Community], **ERRORS}, url_name="communities_list")
def communities(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ClassifiedFilters]
):
    return listing(request, response, paging, COMMUNITIES, filters)


@router.get(
    "/communities/{id}/", response={200: Community, **NOT_FOUND}, url_name="communities_detail"
)
def community(request, id: int):
    return Representation(request).community(one(CommunityPage, request, id, labels()))
