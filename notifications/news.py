"""What is new under a followed page or a saved search, as this user may see it.

Nothing here decides who may see what: records come through ``SearchRecord.visible_to``
(the search index's user filter), pages through ``wijkwijs.visibility.visible`` and
saved searches through the search engine in use. A page counts as new when it was
published (first or again) in the window; one item per page (a report, not each section).
Pages created outside the editor (the demo loader) have no publication moment: they are
never new, and feeds list them last.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Min
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from documents.models import ReportPage
from expertise.models import OrganisationPage
from search.engines import get_engine
from search.labels import record_labels
from search.models import SearchRecord
from search.registry import kind_label
from wijkwijs.models import CommunityPage, MeetingPage, MunicipalityPage, ThemePage
from wijkwijs.visibility import visible

SNIPPET_WORDS = 40
SEARCH_DEPTH = 200  # hits of a saved search looked at for new pages
# The record relation a followed page is found under.
LABEL_RELATION = {
    ThemePage: "themes",
    MunicipalityPage: "municipalities",
    OrganisationPage: "organisations",
}
FOLLOWABLE_TYPES = (*LABEL_RELATION, CommunityPage)


@dataclass
class NewsItem:
    page_id: int
    kind: str
    title: str
    url: str
    snippet: str
    published: object  # when the page was last published
    themes: list = field(default_factory=list)
    municipalities: list = field(default_factory=list)


def snippet(text) -> str:
    return Truncator(" ".join(strip_tags(text or "").split())).words(SNIPPET_WORDS)


def in_window(pages, since, until):
    """``pages`` with their publication ``moment``, newest first, published in the window
    (since, until] if one is given."""
    pages = pages.annotate(moment=Coalesce("last_published_at", "first_published_at"))
    if since is not None:
        pages = pages.filter(moment__gt=since)
    if until is not None:
        pages = pages.filter(moment__lte=until)
    return pages.order_by(F("moment").desc(nulls_last=True), "pk")


OLDEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def newest_first(items):
    return sorted(items, key=lambda item: item.published or OLDEST, reverse=True)


def news_for_page(target, user, since=None, until=None, limit=50) -> list[NewsItem]:
    target = target.specific
    if isinstance(target, CommunityPage):
        return community_news(target, user, since, until, limit)
    relation = LABEL_RELATION[type(target)]
    records = SearchRecord.visible_to(user).filter(**{relation: target}).exclude(page=target)
    return record_news(records, since, until, limit)


def record_news(records, since, until, limit) -> list[NewsItem]:
    """One item per page of ``records``, newest first; a report by its first section."""
    pages = in_window(Page.objects.filter(pk__in=records.values("page_id")), since, until)
    published = dict(pages.values_list("pk", "moment")[:limit])
    first = dict(
        records.filter(page_id__in=published)
        .values("page_id")
        .annotate(first=Min("pk"))
        .values_list("page_id", "first")
    )
    chosen = SearchRecord.objects.in_bulk(first.values())
    labels = record_labels(list(chosen), communities=False)
    items = []
    for page_id, last_published in published.items():
        record = chosen[first[page_id]]
        report = record.kind == ReportPage.search_kind.value
        items.append(
            NewsItem(
                page_id=page_id,
                kind=kind_label(record.kind),
                title=record.parent_title if report and record.parent_title else record.title,
                url=record.url.split("#")[0] if report else record.url,
                snippet=snippet(record.text),
                published=last_published,
                themes=[title for _slug, title in labels[record.pk]["theme"]],
                municipalities=[title for _slug, title in labels[record.pk]["municipality"]],
            )
        )
    return items


def community_news(community, user, since, until, limit) -> list[NewsItem]:
    """A community's new meetings, and the reports shared with it, that ``user`` may see."""
    meetings = in_window(visible(MeetingPage.objects.child_of(community), user), since, until)
    reports = in_window(
        visible(ReportPage.objects.filter(shared_with=community), user), since, until
    )
    items = [
        NewsItem(
            page.pk,
            _("Bijeenkomst"),
            page.title,
            page.url,
            snippet(page.agenda or page.notes),
            page.moment,
        )
        for page in meetings[:limit]
    ] + [
        NewsItem(
            page.pk,
            ReportPage.search_kind.label,
            page.title,
            page.url,
            snippet(page.abstract),
            page.moment,
            themes=[theme.title for theme in page.themes.all()],
            municipalities=[place.title for place in page.municipalities.all()],
        )
        for page in reports.prefetch_related("themes", "municipalities")[:limit]
    ]
    return newest_first(items)[:limit]


def news_for_search(query, filters, user, since=None, until=None, limit=50) -> list[NewsItem]:
    """New pages among a saved search's hits (the engine in use, limited to ``user``)."""
    windowed = since is not None or until is not None
    depth, sort = (SEARCH_DEPTH, "relevance") if windowed else (limit, "newest")
    result = get_engine().search(query, filters, user=user, limit=depth, sort=sort)
    hit_pages = Page.objects.filter(pk__in={hit.page_id for hit in result.hits})
    published = dict(in_window(hit_pages, since, until).values_list("pk", "moment"))
    items, seen = [], set()
    for hit in result.hits:
        if hit.page_id in published and hit.page_id not in seen:
            seen.add(hit.page_id)
            items.append(
                NewsItem(
                    page_id=hit.page_id,
                    kind=hit.type,  # the kind's display label
                    title=f"{hit.parent_title} › {hit.title}" if hit.parent_title else hit.title,
                    url=hit.url,
                    snippet=snippet(hit.snippet or hit.text),
                    published=published[hit.page_id],
                    themes=hit.labels.get("themes", []),
                    municipalities=hit.labels.get("municipalities", []),
                )
            )
    return (items if windowed else newest_first(items))[:limit]


def news_for_follow(follow, user, since=None, until=None, limit=50) -> list[NewsItem]:
    if follow.is_search:
        return news_for_search(follow.query, follow.filters, user, since, until, limit)
    return news_for_page(follow.page, user, since, until, limit)
