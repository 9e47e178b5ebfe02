"""The content API: list and detail of every kind of content, as the user may see it."""

from django.db.models import Q
from django.http import Http404, HttpResponse
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
from documents.models import ReportKind, ReportPage
from expertise.models import ExpertPage, OrganisationKind, OrganisationPage
from practices.models import PracticePage
from wijkwijs.models import CommunityPage, MunicipalityPage, ThemePage
from wijkwijs.models.municipalities import Province
from wijkwijs.visibility import visible

router = Router(auth=member_or_public(ApiScope.CONTENT), tags=["inhoud"])
ERRORS = {400: Problem, 401: Problem, 403: Problem}
NOT_FOUND = {**ERRORS, 404: Problem}


def listing(request, response, paging, pages, represent):
    """One page of ``pages`` (already filtered and visible), each shown by ``represent``."""
    total = pages.count()
    chosen = pages[paging.offset : paging.offset + paging.page_size]
    return paginated(request, response, paging, total, represent(list(chosen)))


def one(model, request, id, related=()):
    page = visible(model.objects.prefetch_related(*related), request.user).filter(pk=id).first()
    if page is None:
        raise Http404
    return page


def organisations_of(experts):
    """Each expert's organisation (its parent page), in one query."""
    parents = {expert.path[: -ExpertPage.steplen] for expert in experts}
    by_path = {org.path: org for org in OrganisationPage.objects.filter(path__in=parents)}
    return [(expert, by_path[expert.path[: -ExpertPage.steplen]]) for expert in experts]


def experts_of(labels):
    return Q(pk__in=[e.pk for org in labels for e in ExpertPage.objects.child_of(org)])


EXPERT_FILTERS = CLASSIFIED | {"organisation": experts_of}


def expert_related():
    return (*labels(), "tags")


@router.get("/experts/", response={200: Page[Expert], **ERRORS}, url_name="experts_list")
def experts(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ClassifiedFilters]
):
    """Expertprofielen met vastgelegde toestemming, die u mag zien."""
    pages = filtered(visible(ExpertPage.objects.all(), request.user), filters, EXPERT_FILTERS)
    show = Representation(request)

    def represent(chosen):
        return [
            show.expert(expert, organisation) for expert, organisation in organisations_of(chosen)
        ]

    return listing(
        request,
        response,
        paging,
        pages.prefetch_related(*expert_related()).order_by("title"),
        represent,
    )


@router.get("/experts/{id}/", response={200: ExpertDetail, **NOT_FOUND}, url_name="experts_detail")
def expert(request, id: int):
    return Representation(request).expert_detail(one(ExpertPage, request, id, expert_related()))


ORGANISATION_FILTERS = CLASSIFIED | {"kind": ("kind", OrganisationKind.choices)}


@router.get(
    "/organisations/", response={200: Page[Organisation], **ERRORS}, url_name="organisations_list"
)
def organisations(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[OrganisationFilters]
):
    pages = filtered(
        visible(OrganisationPage.objects.all(), request.user), filters, ORGANISATION_FILTERS
    )
    show = Representation(request)
    return listing(
        request,
        response,
        paging,
        pages.prefetch_related(*labels()).order_by("title"),
        lambda chosen: [show.organisation(page) for page in chosen],
    )


@router.get(
    "/organisations/{id}/",
    response={200: OrganisationDetail, **NOT_FOUND},
    url_name="organisations_detail",
)
def organisation(request, id: int):
    return Representation(request).organisation_detail(one(OrganisationPage, request, id, labels()))


PRACTICE_FILTERS = CLASSIFIED | {"organisation": lambda labels: Q(organisations__in=labels)}


@router.get("/practices/", response={200: Page[Practice], **ERRORS}, url_name="practices_list")
def practices(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ClassifiedFilters]
):
    pages = filtered(visible(PracticePage.objects.all(), request.user), filters, PRACTICE_FILTERS)
    show = Representation(request)
    return listing(
        request,
        response,
        paging,
        pages.prefetch_related(*labels()).order_by("title"),
        lambda chosen: [show.practice(page) for page in chosen],
    )


@router.get(
    "/practices/{id}/", response={200: PracticeDetail, **NOT_FOUND}, url_name="practices_detail"
)
def practice(request, id: int):
    related = (*labels(), "tips", "quotes")
    return Representation(request).practice_detail(one(PracticePage, request, id, related))


REPORT_FILTERS = CLASSIFIED | {
    "organisation": lambda labels: Q(publisher__in=labels) | Q(organisations__in=labels),
    "kind": ("kind", ReportKind.choices),
    "year": "published_on",
}


def report_related():
    return (*labels(), "authors", "publisher")


@router.get("/reports/", response={200: Page[Report], **ERRORS}, url_name="reports_list")
def reports(request, response: HttpResponse, paging: Query[Paging], filters: Query[ReportFilters]):
    """Rapporten die u mag zien, nieuwste eerst; de paragrafen staan bij elk rapport."""
    pages = filtered(visible(ReportPage.objects.all(), request.user), filters, REPORT_FILTERS)
    show = Representation(request)
    ordered = pages.prefetch_related(*report_related()).order_by("-published_on", "title", "pk")
    return listing(
        request, response, paging, ordered, lambda chosen: [show.report(page) for page in chosen]
    )


@router.get("/reports/{id}/", response={200: ReportDetail, **NOT_FOUND}, url_name="reports_detail")
def report(request, id: int):
    return Representation(request).report_detail(one(ReportPage, request, id, report_related()))


MUNICIPALITY_FILTERS = {"province": ("province", Province.choices)}


@router.get(
    "/municipalities/", response={200: Page[Municipality], **ERRORS}, url_name="municipalities_list"
)
def municipalities(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[MunicipalityFilters]
):
    pages = filtered(
        visible(MunicipalityPage.objects.all(), request.user), filters, MUNICIPALITY_FILTERS
    )
    show = Representation(request)
    return listing(
        request,
        response,
        paging,
        pages.order_by("title"),
        lambda chosen: [show.municipality(page) for page in chosen],
    )


@router.get(
    "/municipalities/{id}/",
    response={200: MunicipalityDetail, **NOT_FOUND},
    url_name="municipalities_detail",
)
def municipality(request, id: int):
    """Een gemeente met haar feiten, elk met peildatum en bron."""
    return Representation(request).municipality_detail(one(MunicipalityPage, request, id))


@router.get("/themes/", response={200: Page[Theme], **ERRORS}, url_name="themes_list")
def themes(request, response: HttpResponse, paging: Query[Paging]):
    show = Representation(request)
    pages = visible(ThemePage.objects.all(), request.user).order_by("title")
    return listing(
        request, response, paging, pages, lambda chosen: [show.theme(page) for page in chosen]
    )


@router.get("/themes/{id}/", response={200: Theme, **NOT_FOUND}, url_name="themes_detail")
def theme(request, id: int):
    return Representation(request).theme(one(ThemePage, request, id))


COMMUNITY_FILTERS = CLASSIFIED | {"organisation": lambda labels: Q(member_organisations__in=labels)}


@router.get("/communities/", response={200: Page[Community], **ERRORS}, url_name="communities_list")
def communities(
    request, response: HttpResponse, paging: Query[Paging], filters: Query[ClassifiedFilters]
):
    pages = filtered(visible(CommunityPage.objects.all(), request.user), filters, COMMUNITY_FILTERS)
    show = Representation(request)
    return listing(
        request,
        response,
        paging,
        pages.prefetch_related(*labels()).order_by("title"),
        lambda chosen: [show.community(page) for page in chosen],
    )


@router.get(
    "/communities/{id}/", response={200: Community, **NOT_FOUND}, url_name="communities_detail"
)
def community(request, id: int):
    return Representation(request).community(one(CommunityPage, request, id, labels()))
