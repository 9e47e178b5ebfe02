"""Index pages that list one page type, filtered and paginated.

The filters are declared per index page (theme and municipality for classified
content, province for municipalities); the request's choices are validated against
the declared options, so an unknown value simply matches nothing rather than erroring.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from wijkwijs.visibility import visible


@dataclass(frozen=True)
class ListingFilter:
    param: str
    label: str
    lookup: str
    options: callable  # () -> [(value, label)]


def theme_options():
    """The themes by their names in the visitor's language, in that language's order."""
    ThemePage = apps.get_model("wijkwijs", "ThemePage")
    themes = ThemePage.objects.live().only("slug", "title", "label_en")
    return sorted(
        ((theme.slug, theme.display_title) for theme in themes),
        key=lambda option: option[1].casefold(),
    )


def municipality_options():
    MunicipalityPage = apps.get_model("wijkwijs", "MunicipalityPage")
    # Public ones only: a municipality behind a view restriction is not named in a filter.
    pages = MunicipalityPage.objects.live().public()
    return list(pages.order_by("title").values_list("slug", "title"))


THEME_FILTER = ListingFilter("thema", _("Thema"), "themes__slug", theme_options)
MUNICIPALITY_FILTER = ListingFilter(
    "gemeente", _("Gemeente"), "municipalities__slug", municipality_options
)


@dataclass(frozen=True)
class SiteSection:
    """Where an index page sits in the site's skeleton (``site_structure``): one per index
    page type, declared beside it, so the skeleton names no app."""

    key: str  # the attribute of ``ensure_site_structure()``: "reports"
    position: int  # menu order
    slug: str
    title: str
    intro: str
    home_heading: str = ""  # the home page shows the newest listed pages under this heading


def index_page_models():
    """The index page types of the skeleton (those declaring a ``site_section``), in
    menu order."""
    declared = [model for model in apps.get_models() if getattr(model, "site_section", None)]
    return sorted(declared, key=lambda model: model.site_section.position)


class ListingPage(Page):
    intro = models.TextField(_("inleiding"), blank=True, help_text=_("Markdown."))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    listed_model = None  # "app_label.ModelName"
    site_section: SiteSection | None = None  # index pages of the skeleton declare one
    listing_filters = (THEME_FILTER, MUNICIPALITY_FILTER)
    listing_order = ("title",)
    page_size = 24
    listing_links_template = None  # links to tools over the listed pages, above the list

    class Meta:
        abstract = True

    @property
    def display_title(self):
        """The index pages of the skeleton are titled as their ``SiteSection``: in the
        visitor's language from the catalogue."""
        return gettext(self.title)

    def get_template(self, request, *args, **kwargs):
        # Wagtail derives a template name per class; all listings share one template.
        return "wijkwijs/listing_page.html"

    def listed_pages(self, user):
        model = apps.get_model(self.listed_model)
        return visible(model.objects.all(), user).order_by(*self.listing_order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = self.listed_pages(request.user)
        filters, chosen = [], {}
        for listing_filter in self.listing_filters:
            options = listing_filter.options()
            value = request.GET.get(listing_filter.param, "")
            if value and value in dict(options):
                pages = pages.filter(**{listing_filter.lookup: value})
                chosen[listing_filter.param] = value
            filters.append({"filter": listing_filter, "options": options, "value": value})
        page_obj = Paginator(pages.distinct(), self.page_size).get_page(request.GET.get("pagina"))
        context.update(
            listing=page_obj,
            listing_filters=filters,
            filter_query=urlencode(chosen),
        )
        return context
