"""Communities of practice (kenniskringen) and their meetings.

A community's own page is public so people can find and join it; its meetings and
their documents default to members only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from wijkwijs.attachments import PageAttachment
from wijkwijs.findable import Findable, RecordKind
from wijkwijs.listing import ListingPage, SiteSection
from wijkwijs.models.classification import ClassifiedPage
from wijkwijs.visibility import Visibility, VisibilityMixin, visibility_field, visible


class CommunityIndexPage(ListingPage):
    site_section = SiteSection(
        "communities",
        position=7,
        slug="kennisgemeenschappen",
        title=_("Kennisgemeenschappen"),
        intro=_("Kenniskringen en leernetwerken waarin professionals ervaringen uitwisselen."),
    )
    listed_model = "wijkwijs.CommunityPage"
    subpage_types = ["wijkwijs.CommunityPage"]
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht kennisgemeenschappen")


class CommunityTag(TaggedItemBase):
    content_object = ParentalKey(
        "wijkwijs.CommunityPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CommunityPage(Findable, VisibilityMixin, ClassifiedPage):
    description = models.TextField(_("omschrijving"), help_text=_("Markdown."))
    member_organisations = ParentalManyToManyField(
        "expertise.OrganisationPage",
        blank=True,
        related_name="communities",
        verbose_name=_("deelnemende organisaties"),
    )
    coordinators = ParentalManyToManyField(
        "expertise.ExpertPage",
        blank=True,
        related_name="coordinated_communities",
        verbose_name=_("coördinatoren"),
    )
    members_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ledengroep"),
    )
    tags = ClusterTaggableManager(through=CommunityTag, blank=True, verbose_name=_("trefwoorden"))

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("description"),
            FieldPanel("member_organisations"),
            FieldPanel("coordinators"),
            FieldPanel("members_group"),
        ]
        + ClassifiedPage.classification_panels
    )
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    search_fields = ClassifiedPage.search_fields + [index.SearchField("description")]
    parent_page_types = ["wijkwijs.CommunityIndexPage"]
    subpage_types = ["wijkwijs.MeetingPage"]

    class Meta:
        verbose_name = _("kennisgemeenschap")
        verbose_name_plural = _("kennisgemeenschappen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context.update(
            organisations=visible(self.member_organisations.all(), user).order_by("title"),
            coordinators=visible(self.coordinators.all(), user).order_by("title"),
            meetings=visible(MeetingPage.objects.child_of(self), user).order_by("-date"),
        )
        return context

    @property
    def card_summary(self):
        return self.description

    search_kind = RecordKind("kennisgemeenschap", _("Kennisgemeenschap"))
    search_prefetch_related = (
        "municipalities",
        "themes",
        "member_organisations",
        "shared_with",
        "tags",
    )

    def search_labels(self):
        labels = super().search_labels()
        labels.organisations = list(self.member_organisations.all())
        return labels


class MeetingPage(VisibilityMixin, Page):
    visibility = visibility_field(Visibility.MEMBERS)
    date = models.DateField(_("datum"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    notes = models.TextField(_("verslag"), blank=True, help_text=_("Markdown."))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("location"),
        FieldPanel("agenda"),
        FieldPanel("notes"),
        InlinePanel("documents", label=_("Documenten")),
    ]
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    search_fields = Page.search_fields + [
        index.SearchField("agenda"),
        index.SearchField("notes"),
    ]
    parent_page_types = ["wijkwijs.CommunityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-date"]


class MeetingDocument(PageAttachment, Orderable):
    page = ParentalKey(MeetingPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    description = models.CharField(_("omschrijving"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]
