"""Case write-ups (praktijkvoorbeelden), structured like the Dutch intervention databanks.

Each part is Markdown, so a coordinator can write quickly; quotes are attributed to a
role unless the person consented to being named.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from wijkwijs.findable import Findable, RecordKind
from wijkwijs.listing import ListingPage, SiteSection
from wijkwijs.markdown import plain_text
from wijkwijs.models.classification import ClassifiedPage
from wijkwijs.periods import period_display, validate_period
from wijkwijs.visibility import visible


class EvidenceLevel(models.TextChoices):
    PRACTICE_EXAMPLE = "praktijkvoorbeeld", _("Praktijkvoorbeeld")
    WELL_DESCRIBED = "goed-beschreven", _("Goed beschreven")
    WELL_FOUNDED = "goed-onderbouwd", _("Goed onderbouwd")
    EFFECTIVE = "effectief", _("Effectief")


class PracticeIndexPage(ListingPage):
    site_section = SiteSection(
        "practices",
        position=1,
        slug="praktijkvoorbeelden",
        title=_("Praktijkvoorbeelden"),
        home_heading=_("Recente praktijkvoorbeelden"),
        intro=_(
            "Hoe pakten andere gemeenten en organisaties het aan? Casussen met aanpak, "
            "werkzame elementen en geleerde lessen."
        ),
    )
    listed_model = "practices.PracticePage"
    subpage_types = ["practices.PracticePage"]
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht praktijkvoorbeelden")


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE
    )


def markdown_field(label):
    return models.TextField(label, blank=True, help_text=_("Markdown."))


class PracticePage(Findable, ClassifiedPage):
    summary = models.TextField(_("samenvatting"), max_length=600)
    background = markdown_field(_("aanleiding"))
    goal = markdown_field(_("doel"))
    target_group = markdown_field(_("doelgroep"))
    approach = markdown_field(_("aanpak"))
    effective_elements = markdown_field(_("werkzame elementen"))
    results = markdown_field(_("resultaten"))
    lessons_learned = markdown_field(_("geleerde lessen"))
    pdca_plan = markdown_field(_("plan"))
    pdca_do = markdown_field(_("do"))
    pdca_check = markdown_field(_("check"))
    pdca_act = markdown_field(_("act"))
    contacts = ParentalManyToManyField(
        "expertise.ExpertPage",
        blank=True,
        related_name="contact_for_practices",
        verbose_name=_("contactpersonen"),
    )
    organisations = ParentalManyToManyField(
        "expertise.OrganisationPage",
        blank=True,
        related_name="practices",
        verbose_name=_("organisaties"),
    )
    related_reports = ParentalManyToManyField(
        "documents.ReportPage",
        blank=True,
        related_name="practices",
        verbose_name=_("gerelateerde publicaties"),
    )
    period_start = models.DateField(_("begin"), null=True, blank=True)
    period_end = models.DateField(_("einde"), null=True, blank=True)
    evidence_level = models.CharField(
        _("onderbouwing"),
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.PRACTICE_EXAMPLE,
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("trefwoorden"))

    # The databank parts and the learning cycle, in reading order.
    PARTS = (
        "background",
        "goal",
        "target_group",
        "approach",
        "effective_elements",
        "results",
        "lessons_learned",
    )
    PDCA = ("pdca_plan", "pdca_do", "pdca_check", "pdca_act")

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary")]
        + [FieldPanel(name) for name in PARTS]
        + [
            MultiFieldPanel(
                [FieldPanel(name) for name in PDCA], heading=_("Leercyclus (plan-do-check-act)")
            ),
            InlinePanel("tips", label=_("Tips")),
            InlinePanel("quotes", label=_("Citaten")),
            MultiFieldPanel(
                [
                    FieldPanel("contacts"),
                    FieldPanel("organisations"),
                    FieldPanel("related_reports"),
                    FieldPanel("period_start"),
                    FieldPanel("period_end"),
                    FieldPanel("evidence_level"),
                ],
                heading=_("Verbanden en onderbouwing"),
            ),
        ]
        + ClassifiedPage.classification_panels
    )
    search_fields = (
        ClassifiedPage.search_fields
        + [index.SearchField("summary")]
        + [index.SearchField(name) for name in PARTS + PDCA]
        + [
            index.FilterField("evidence_level"),
            index.RelatedFields("organisations", [index.SearchField("title")]),
        ]
    )
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    def clean(self):
        super().clean()
        validate_period(self.period_start, self.period_end)

    @property
    def card_summary(self):
        return self.summary

    @property
    def period(self):
        return period_display(self.period_start, self.period_end)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context.update(
            contacts=visible(self.contacts.all(), user).order_by("title"),
            organisations=visible(self.organisations.all(), user).order_by("title"),
            reports=visible(self.related_reports.all(), user).order_by("-published_on"),
        )
        return context

    def _written(self, names):
        """The parts among ``names`` that have text, as (heading, markdown) pairs."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in names
            if getattr(self, name)
        ]

    @property
    def parts(self):
        return self._written(self.PARTS)

    @property
    def pdca_steps(self):
        return self._written(self.PDCA)

    search_kind = RecordKind("praktijk", _("Praktijkvoorbeeld"))
    search_prefetch_related = (
        "municipalities",
        "themes",
        "organisations",
        "tips",
        "quotes",
        "tags",
    )
    search_prose_prefetch_related = ("tips", "quotes")

    def search_prose(self):
        return [plain_text(item.text) for item in (*self.tips.all(), *self.quotes.all())]

    def search_year(self):
        return self.period_start.year if self.period_start else None


class PracticeTip(Orderable):
    page = ParentalKey(PracticePage, related_name="tips", on_delete=models.CASCADE)
    text = models.TextField(_("tip"))

    panels = [FieldPanel("text")]


class PracticeQuote(Orderable):
    page = ParentalKey(PracticePage, related_name="quotes", on_delete=models.CASCADE)
    text = models.TextField(_("citaat"))
    role = models.CharField(_("rol van de spreker"), max_length=200)
    person_name = models.CharField(
        _("naam"),
        max_length=200,
        blank=True,
        help_text=_("Alleen tonen als de persoon toestemming gaf om genoemd te worden."),
    )
    named_with_consent = models.BooleanField(_("toestemming om naam te tonen"), default=False)

    panels = [
        FieldPanel("text"),
        FieldPanel("role"),
        FieldPanel("person_name"),
        FieldPanel("named_with_consent"),
    ]

    @property
    def attribution(self):
        if self.named_with_consent and self.person_name:
            return f"{self.person_name}, {self.role}"
        return self.role
