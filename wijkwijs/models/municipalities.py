"""Municipalities and their dated, sourced facts.

A fact is never shown without its date and source, and two sources may disagree:
both facts are kept. Facts about the comparison topics (population, team model, stage,
origin, composition) are validated so municipalities can be put side by side.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from wijkwijs.choices import CHOICE_TOPICS, FactTopic, Province
from wijkwijs.facts import sourced_facts
from wijkwijs.findable import Findable, RecordKind
from wijkwijs.listing import ListingFilter, ListingPage, SiteSection
from wijkwijs.models.classification import content_classified_under

cbs_code_validator = RegexValidator(
    r"^[Gg][Mm]\d{4}$",
    _("Een CBS-gemeentecode is 'GM' gevolgd door vier cijfers, bijvoorbeeld GM0344."),
)


class MunicipalityIndexPage(ListingPage):
    site_section = SiteSection(
        "municipalities",
        position=5,
        slug="gemeenten",
        title=_("Gemeenten"),
        intro=_(
            "Gemeenten met hun aanpak in het sociaal domein, met gedateerde feiten en bronnen."
        ),
    )
    listed_model = "wijkwijs.MunicipalityPage"
    listing_filters = (
        ListingFilter("provincie", _("Provincie"), "province", lambda: Province.choices),
    )
    subpage_types = ["wijkwijs.MunicipalityPage"]
    listing_links_template = "wijkwijs/includes/compare_link.html"
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("gemeente-overzicht")


class MunicipalityTag(TaggedItemBase):
    content_object = ParentalKey(
        "wijkwijs.MunicipalityPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class MunicipalityPage(Findable, Page):
    cbs_code = models.CharField(
        # Longer than the 6 characters a code has, so a wrong code gets the format hint.
        _("CBS-code"),
        max_length=12,
        unique=True,
        validators=[cbs_code_validator],
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    name_variants = models.TextField(
        _("andere namen"),
        blank=True,
        help_text=_("Eén per regel: oude namen, kernen of spellingen die in teksten voorkomen."),
    )
    summary = models.TextField(_("samenvatting"), blank=True, help_text=_("Markdown."))
    tags = ClusterTaggableManager(
        through=MunicipalityTag, blank=True, verbose_name=_("trefwoorden")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("cbs_code"), FieldPanel("province"), FieldPanel("name_variants")],
            heading=_("Gegevens"),
        ),
        FieldPanel("summary"),
        InlinePanel("facts", label=_("Feiten (met datum en bron)")),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("name_variants"),
        index.SearchField("summary"),
        index.AutocompleteField("name_variants"),
        index.FilterField("province"),
    ]
    parent_page_types = ["wijkwijs.MunicipalityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def clean(self):
        super().clean()
        if self.cbs_code:
            self.cbs_code = self.cbs_code.strip().upper()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(content_classified_under(self, request.user))
        facts = self.facts.select_related("source_report").order_by("topic", "-as_of")
        context["facts"] = sourced_facts(facts, request.user)
        return context

    @property
    def name_variant_list(self):
        return [line.strip() for line in self.name_variants.splitlines() if line.strip()]

    @property
    def card_summary(self):
        return self.summary

    search_kind = RecordKind("gemeente", _("Gemeente"))
    search_prefetch_related = ("tags",)

    def search_labels(self):
        labels = super().search_labels()
        labels.municipalities = [self]
        return labels


class MunicipalityFact(Orderable):
    page = ParentalKey(MunicipalityPage, related_name="facts", on_delete=models.CASCADE)
    topic = models.CharField(_("onderwerp"), max_length=20, choices=FactTopic.choices)
    label = models.CharField(
        _("label"), max_length=120, blank=True, help_text=_("Verplicht bij onderwerp 'Overig'.")
    )
    value = models.CharField(_("waarde"), max_length=255)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    as_of = models.DateField(_("peildatum"))
    source_report = models.ForeignKey(
        "documents.ReportPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bron (publicatie)"),
    )
    source_section = models.CharField(
        _("bron (hoofdstuk of paragraaf)"), max_length=120, blank=True
    )
    source_title = models.CharField(
        _("bron (omschrijving)"),
        max_length=255,
        blank=True,
        help_text=_("Voor bronnen die (nog) niet op het platform staan."),
    )
    note = models.TextField(_("toelichting"), blank=True)

    panels = [
        FieldPanel("topic"),
        FieldPanel("label"),
        FieldPanel("value"),
        FieldPanel("unit"),
        FieldPanel("as_of"),
        FieldPanel("source_report"),
        FieldPanel("source_section"),
        FieldPanel("source_title"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("feit")
        verbose_name_plural = _("feiten")

    def clean(self):
        super().clean()
        errors = {}
        if self.topic == FactTopic.OTHER and not self.label:
            errors["label"] = _("Geef een label voor een feit met onderwerp 'Overig'.")
        if not self.source_report_id and not self.source_title:
            errors["source_title"] = _(
                "Een feit heeft altijd een bron: kies een publicatie of omschrijf de bron."
            )
        if self.as_of and self.as_of > timezone.localdate():
            errors["as_of"] = _("De peildatum kan niet in de toekomst liggen.")
        choices = CHOICE_TOPICS.get(self.topic)
        if choices and self.value not in choices.values:
            errors["value"] = _("Kies een van: %(options)s.") % {
                "options": ", ".join(choices.values)
            }
        if self.topic == FactTopic.POPULATION and not self.value.replace(".", "").isdigit():
            errors["value"] = _("Het aantal inwoners is een geheel getal, bijvoorbeeld 23000.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_label(self):
        return self.label or self.get_topic_display()

    @property
    def display_value(self):
        choices = CHOICE_TOPICS.get(self.topic)
        if choices:
            return choices(self.value).label
        if self.topic == FactTopic.POPULATION:
            return f"{int(self.value.replace('.', '')):,}".replace(",", ".")
        return self.value

    @property
    def source_display(self):
        title = self.source_report.title if self.source_report_id else self.source_title
        return f"{title}, {self.source_section}" if self.source_section else title
