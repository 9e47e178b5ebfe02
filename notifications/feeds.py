"""Atom feeds per theme, municipality, organisation and search: public content only (read
as an anonymous visitor), and a member's private feed of everything they follow, as they
may see it, behind a signed address they can revoke."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from expertise.models import OrganisationPage
from notifications.models import Follow, NotificationSettings
from notifications.news import newest_first, news_for_follow, news_for_page, news_for_search
from notifications.saved_searches import search_filters
from notifications.tokens import feed_owner
from search.query import MAX_QUERY_LENGTH
from wijkwijs.models import MunicipalityPage, ThemePage

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_description(self, item):
        return item.snippet

    def item_guid(self, item):
        # A page published again is news again; the moment makes it a new entry.
        moment = f"-{item.published:%Y%m%d%H%M%S}" if item.published else ""
        return f"wijkwijs-page-{item.page_id}{moment}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.published

    def item_pubdate(self, item):
        return item.published

    def item_categories(self, item):
        return item.themes + item.municipalities


class PageFeed(NewsFeed):
    """What is new under one theme, municipality or organisation, publicly."""

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.live().public(), slug=slug)

    def title(self, page):
        # A theme by its name in the visitor's language.
        name = getattr(page, "display_title", page.title)
        return _("Wijkwijs: nieuw bij %(title)s") % {"title": name}

    def link(self, page):
        return page.url

    def items(self, page):
        return news_for_page(page, AnonymousUser(), limit=FEED_LENGTH)


class ThemeFeed(PageFeed):
    model = ThemePage


class MunicipalityFeed(PageFeed):
    model = MunicipalityPage


class OrganisationFeed(PageFeed):
    model = OrganisationPage


class SearchFeed(NewsFeed):
    """The newest public hits of a search."""

    def get_object(self, request):
        query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        if not query:
            raise Http404
        return query, search_filters(request.GET), request.get_full_path()

    def title(self, search):
        return _("Wijkwijs: zoeken naar “%(query)s”") % {"query": search[0]}

    def link(self, search):
        return reverse("search") + "?" + search[2].split("?", 1)[1]

    def feed_url(self, search):
        # The address fetched, with the query and filters (Django's default drops them).
        return search[2]

    def items(self, search):
        query, filters, _path = search
        return news_for_search(query, filters, AnonymousUser(), limit=FEED_LENGTH)


class PrivateFeed(NewsFeed):
    """Everything a member follows, as that member may see it now."""

    def get_object(self, request, token):
        owner = feed_owner(token, NotificationSettings)
        if owner is None:
            raise Http404
        return owner.user

    def title(self, user):
        return _("Wijkwijs: wat ik volg")

    def link(self, user):
        return reverse("notifications:mine")

    def items(self, user):
        items = {}
        for follow in Follow.objects.filter(user=user).select_related("page"):
            for item in news_for_follow(follow, user, limit=FEED_LENGTH):
                items.setdefault(item.page_id, item)
        return newest_first(items.values())[:FEED_LENGTH]
