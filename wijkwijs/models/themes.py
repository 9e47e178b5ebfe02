"""The controlled theme vocabulary: it drives facets, filters and synonym expansion."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from wijkwijs import vocabulary
from wijkwijs.findable import Findable, RecordKind
from wijkwijs.listing import ListingPage, SiteSection
from wijkwijs.models.classification import content_classified_under, label_counts
from wijkwijs.models.municipalities import MunicipalityPage


def english_label(title, label_en):
    return label_en if label_en and get_language() == "en" else title


class ThemeIndexPage(ListingPage):
    site_section = SiteSection(
        "themes",
        position=6,
        slug="themas",
        title=_("Thema's"),
        intro=_("De vaste thema's waarmee alle kennis op het platform is geordend."),
    )
    listed_model = "wijkwijs.ThemePage"
    listing_filters = ()
    subpage_types = ["wijkwijs.ThemePage"]
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("thema-overzicht")


class ThemeTag(TaggedItemBase):
    content_object = ParentalKey(
        "wijkwijs.ThemePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ThemePage(Findable, Page):
    """One theme; the page title is its Dutch label."""

    label_en = models.CharField(_("label (Engels)"), max_length=120, blank=True)
    description = models.TextField(_("omschrijving"), blank=True, help_text=_("Markdown."))
    synonyms = models.TextField(
        _("synoniemen"),
        blank=True,
        help_text=_("Eén synoniem of afkorting per regel, bijvoorbeeld 'buurtteam'."),
    )
    tags = ClusterTaggableManager(through=ThemeTag, blank=True, verbose_name=_("trefwoorden"))

    content_panels = Page.content_panels + [
        FieldPanel("label_en"),
        FieldPanel("description"),
        FieldPanel("synonyms"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("label_en"),
        index.SearchField("description"),
        index.SearchField("synonyms"),
        index.AutocompleteField("synonyms"),
    ]
    parent_page_types = ["wijkwijs.ThemeIndexPage"]
    subpage_types = []

    @property
    def display_title(self):
        """The theme's name in the visitor's language: its English label on the English site."""
        return english_label(self.title, self.label_en)

    @classmethod
    def names_in_visitor_language(cls) -> dict[str, str]:
        """{Dutch title: English label} of the live themes with one, on the English site
        (the Dutch site names a theme by its title): how search renames theme facets, hits
        and suggestions, which carry the title."""
        if get_language() != "en":
            return {}
        return {
            entry.title: entry.label_en for entry in vocabulary.themes().entries if entry.label_en
        }

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(content_classified_under(self, request.user))
        work = {"practices": context["practices"], "reports": context["reports"]}
        context["municipality_counts"] = label_counts(work, "municipalities", MunicipalityPage)
        return context

    @property
    def synonym_list(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    @property
    def card_summary(self):
        return self.description

    search_kind = RecordKind("thema", _("Thema"))
    search_prefetch_related = ("tags",)
    # Its names in both languages: its hit is headed by one, and its snippet is the description.
    search_snippet_excluded = ("label_en", "synonyms")

    def search_labels(self):
        labels = super().search_labels()
        labels.themes = [self]
        return labels
