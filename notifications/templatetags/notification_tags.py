"""Follow buttons and feed links for page templates (small includes)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from expertise.models import OrganisationPage
from notifications.news import FOLLOWABLE_TYPES
from notifications.saved_searches import search_filters
from wijkwijs.models import MunicipalityPage, ThemePage

register = template.Library()
FEED_ROUTES = {
    ThemePage: "theme",
    MunicipalityPage: "municipality",
    OrganisationPage: "organisation",
}


@register.inclusion_tag("notifications/includes/follow_form.html", takes_context=True)
def follow_button(context, page):
    request = context["request"]
    user = request.user
    followed = user.is_authenticated and user.follows.filter(page=page).exists()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "followable": isinstance(page, FOLLOWABLE_TYPES),
        "followed": followed,
    }


@register.inclusion_tag("notifications/includes/save_search_form.html", takes_context=True)
def save_search_button(context):
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "query": context.get("query", ""),
        "filters": [
            (name, value)
            for name, values in search_filters(request.GET).items()
            for value in values
        ],
    }


@register.simple_tag(takes_context=True)
def feed_url(context):
    """The Atom feed of the page being shown (a theme, municipality or organisation, or a
    search), or ""."""
    page, request = context.get("page"), context.get("request")
    route = FEED_ROUTES.get(type(page)) if page is not None else None
    if route:
        return reverse(f"feeds:{route}", args=[page.slug])
    match = getattr(request, "resolver_match", None)
    if context.get("query") and match is not None and match.url_name == "search":
        return reverse("feeds:search") + "?" + urlencode(request.GET, doseq=True)
    return ""
