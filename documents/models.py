"""Reports: interview write-ups, evaluations, research reports and the like.

The page carries the metadata and offers the original file(s); splitting a report
into searchable sections is the import pipeline's job (``documents/ingest/``).
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from documents.choices import DatePrecision, ReportKind
from documents.citation import FORMATS, Citation
from search.models import HEADING_SEPARATOR
from wijkwijs.attachments import PageAttachment, may_download
from wijkwijs.findable import Findable, RecordDraft, RecordKind
from wijkwijs.listing import ListingFilter, ListingPage, SiteSection
from wijkwijs.markdown import plain_text
from wijkwijs.models.classification import ClassifiedPage
from wijkwijs.periods import period_display, precise_date_display, validate_period
from wijkwijs.visibility import Visibility, VisibilityMixin, visible


class ReportIndexPage(ListingPage):
    site_section = SiteSection(
        "reports",
        position=4,
        slug="publicaties",
        title=_("Publicaties"),
        intro=_("Onderzoeksrapporten, evaluaties, interviewverslagen en andere documenten."),
    )
    listed_model = "documents.ReportPage"
    listing_filters = ListingPage.listing_filters + (
        ListingFilter("soort", _("Soort"), "kind", lambda: ReportKind.choices),
    )
    listing_order = ("-published_on", "title")
    subpage_types = ["documents.ReportPage"]
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("publicatie-overzicht")


class ReportTag(TaggedItemBase):
    content_object = ParentalKey(
        "documents.ReportPage", related_name="tagged_items", on_delete=models.CASCADE
    )


PRIVACY_FIELDS = (
    "privacy_names",
    "privacy_reviewed_at",
    "privacy_reviewed_by_id",
    "redacted_names",
)


# A report's sections (in position order: their default ordering) with their footnotes, a
# list on each section: a rebuild's 10,000 sections each made a queryset for theirs.
SECTIONS_WITH_FOOTNOTES = Prefetch("sections__footnotes", to_attr="search_footnotes")


class ReportPage(Findable, VisibilityMixin, RoutablePageMixin, ClassifiedPage):
    kind = models.CharField(_("soort"), max_length=24, choices=ReportKind.choices)
    publisher = models.ForeignKey(
        "expertise.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_reports",
        verbose_name=_("uitgever"),
    )
    publisher_name = models.CharField(
        _("uitgever (naam)"),
        max_length=200,
        blank=True,
        help_text=_("Als de uitgever geen organisatie op het platform is."),
    )
    published_on = models.DateField(_("publicatiedatum"), null=True, blank=True)
    date_precision = models.CharField(
        _("nauwkeurigheid datum"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    period_start = models.DateField(_("onderzochte periode: begin"), null=True, blank=True)
    period_end = models.DateField(_("onderzochte periode: einde"), null=True, blank=True)
    abstract = models.TextField(_("samenvatting"), blank=True, help_text=_("Markdown."))
    organisations = ParentalManyToManyField(
        "expertise.OrganisationPage",
        blank=True,
        related_name="reports",
        verbose_name=_("betrokken organisaties"),
    )
    tags = ClusterTaggableManager(through=ReportTag, blank=True, verbose_name=_("trefwoorden"))

    # Privacy review (documents/privacy.py): the people the text names, filled on import.
    privacy_names = models.JSONField(
        _("genoemde personen"), default=list, blank=True, editable=False
    )
    privacy_reviewed_at = models.DateTimeField(
        _("privacy beoordeeld op"), null=True, blank=True, editable=False
    )
    privacy_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    redacted_names = models.JSONField(default=list, blank=True, editable=False)

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("kind"),
                    InlinePanel("authors", label=_("Auteurs")),
                    FieldPanel("publisher"),
                    FieldPanel("publisher_name"),
                    FieldPanel("published_on"),
                    FieldPanel("date_precision"),
                    FieldPanel("period_start"),
                    FieldPanel("period_end"),
                ],
                heading=_("Bibliografische gegevens"),
            ),
            FieldPanel("abstract"),
            FieldPanel("organisations"),
        ]
        + ClassifiedPage.classification_panels
    )
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    search_fields = ClassifiedPage.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("cleaned_text"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("published_on"),
    ]
    parent_page_types = ["documents.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")

    def with_content_json(self, content):
        """The privacy review lives beside the revisions, like the renditions: publishing
        an older draft must never undo a review, a flag or a redaction."""
        page = super().with_content_json(content)
        for name in PRIVACY_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    @property
    def awaits_privacy_review(self) -> bool:
        return bool(self.privacy_names) and self.privacy_reviewed_at is None

    def clean(self):
        super().clean()
        validate_period(self.period_start, self.period_end)
        if self.visibility == Visibility.PUBLIC and self.awaits_privacy_review:
            raise ValidationError(
                {
                    "visibility": _(
                        "Dit rapport noemt personen (%(names)s). Een redacteur moet het eerst "
                        "op privacy beoordelen (manage.py privacy_review) voordat het openbaar "
                        "kan worden."
                    )
                    % {"names": ", ".join(self.privacy_names[:5])}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context.update(
            # Read only when rendered: a visitor's page usually comes ready (wijkwijs.fragments).
            # Only files this user may fetch are listed: their names may name people.
            downloadable_files=SimpleLazyObject(
                lambda: [
                    item
                    for item in self.files.select_related("document")
                    if may_download(user, item.document)
                ]
            ),
            authors=SimpleLazyObject(lambda: self.authors_shown_to(user)),
            practices=visible(self.practices.all(), user).order_by("title"),
            organisations=visible(self.organisations.all(), user).order_by("title"),
            sections=SimpleLazyObject(lambda: list(self.with_shown_parts().sections.all())),
        )
        return context

    def authors_shown_to(self, user):
        """(name, profile) of each author, the profile None unless ``user`` may see it; the
        profiles' visibility asked in one query, however many authors there are."""
        authors = list(self.with_shown_parts().authors.all())
        experts = [author.expert for author in authors if author.expert]
        seen = set()
        if experts:
            model = type(experts[0])
            profiles = model.objects.filter(pk__in=[expert.pk for expert in experts])
            seen = set(profiles.filter(model.visible_q(user)).values_list("pk", flat=True))
        return [
            (author.name, author.expert if author.expert_id in seen else None) for author in authors
        ]

    def with_shown_parts(self):
        """This page with what its page and its linked data both show fetched once (and not
        at all when both come ready): authors with their profiles, themes, municipalities,
        sections with their footnotes."""
        prefetch_related_objects(
            [self],
            Prefetch("authors", queryset=ReportAuthor.objects.select_related("expert")),
            "themes",
            "municipalities",
            "sections__footnotes",
        )
        return self

    @property
    def card_summary(self):
        return self.abstract

    # Citations: /citatie/ shows them, /citatie/<format>/ downloads one; ?paragraaf=<anchor>
    # cites a section (former anchors are redirected to the section's current one).

    def citation_for(self, request):
        anchor = request.GET.get("paragraaf", "")
        section = None
        if anchor:
            # Former anchors are searched here, not by JSON containment (SQLite has none).
            section = self.sections.filter(anchor=anchor).first() or next(
                (s for s in self.sections.exclude(former_anchors=[]) if anchor in s.former_anchors),
                None,
            )
            if section is None:
                raise Http404
        url = request.build_absolute_uri(self.url + (f"#{section.anchor}" if section else ""))
        return Citation(self, url, section)

    @path("citatie/")
    def citation_page(self, request):
        citation = self.citation_for(request)
        if citation.section and citation.section.anchor != request.GET["paragraaf"]:
            return redirect(f"{self.url}citatie/?paragraaf={citation.section.anchor}")
        # Page's own context only: the report's sections, authors and links are not shown here.
        context = Page.get_context(self, request) | {"citation": citation}
        return TemplateResponse(request, "documents/citation.html", context)

    @path("citatie/<str:format_name>/")
    def citation_file(self, request, format_name):
        if format_name not in FORMATS:
            raise Http404
        method, content_type, extension = FORMATS[format_name]
        citation = self.citation_for(request)
        response = HttpResponse(getattr(citation, method)(), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
        return response

    @property
    def cleaned_text(self):
        """The report's cleaned text: its sections in reading order."""
        return "\n\n".join(section.block for section in self.sections.order_by("position"))

    @property
    def suggestions(self):
        """Municipalities, organisations and themes found in the text, awaiting an editor."""
        source = self.files.filter(provides_structure=True).first()
        return source.suggestions if source else {}

    @property
    def publication_date_display(self):
        return precise_date_display(self.published_on, self.date_precision)

    @property
    def period(self):
        return period_display(self.period_start, self.period_end)

    @property
    def publisher_display(self):
        return self.publisher.title if self.publisher_id else self.publisher_name

    # What search finds (``wijkwijs.findable``): one record per section, found in the
    # report's context (its title and the headings above the section).
    search_kind = RecordKind("rapport", _("Rapport"))
    search_kind_choices = tuple(ReportKind.choices)
    search_select_related = ("publisher",)
    search_prefetch_related = (
        "municipalities",
        "themes",
        "organisations",
        "shared_with",
        "tags",
        SECTIONS_WITH_FOOTNOTES,
    )
    search_text_excluded = ("cleaned_text",)

    def search_labels(self):
        labels = super().search_labels()
        if self.publisher_id:
            labels.organisations.append(self.publisher)
        return labels

    def search_moment(self):
        if self.published_on:
            return datetime.datetime.combine(
                self.published_on, datetime.time(), tzinfo=datetime.UTC
            )
        return super().search_moment()

    def search_year(self):
        return self.published_on.year if self.published_on else None

    def search_records(self):
        # Fetched for every report at once by a rebuild (``search_prefetch_related``).
        prefetch_related_objects([self], SECTIONS_WITH_FOOTNOTES)
        sections = list(self.sections.all())
        url = self.url
        of_report = {
            "parent_title": self.title,
            "report_kind": self.kind,
            "year": self.search_year(),
        }
        if not sections:
            [record] = super().search_records()
            return [dataclasses.replace(record, **of_report)]
        return [
            RecordDraft(
                key=f"section:{section.pk}",
                section_id=section.pk,
                title=str(section),
                context=context,
                url=f"{url}#{section.anchor}",
                text=plain_text(
                    "\n\n".join([section.text, *(note.text for note in section.search_footnotes)])
                ),
                **of_report,
            )
            for section, context in zip(sections, heading_contexts(sections), strict=True)
        ]


class ReportAuthor(Orderable):
    page = ParentalKey(ReportPage, related_name="authors", on_delete=models.CASCADE)
    name = models.CharField(_("naam"), max_length=200)
    expert = models.ForeignKey(
        "expertise.ExpertPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authorships",
        verbose_name=_("expertprofiel"),
    )

    panels = [FieldPanel("name"), FieldPanel("expert")]


class ReportFile(PageAttachment, Orderable):
    """One rendition of a report: the same document as PDF, Word, Markdown or text.

    Renditions are added by the import pipeline, not in the page editor, and are kept out
    of page revisions on purpose: publishing an older draft must never drop a rendition.
    """

    page = models.ForeignKey(ReportPage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    description = models.CharField(
        _("omschrijving"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'origineel (PDF)'."),
    )
    # Filled by the import pipeline (documents/ingest/), not by editors.
    file_format = models.CharField(_("formaat"), max_length=12, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    fingerprint = models.JSONField(default=list, blank=True, editable=False)
    extracted_metadata = models.JSONField(default=dict, blank=True, editable=False)
    provides_structure = models.BooleanField(default=False, editable=False)
    suggestions = models.JSONField(default=dict, blank=True, editable=False)

    def __str__(self):
        return f"{self.page_id}: {self.description}"


class ReportSection(models.Model):
    """A chapter, section or sub-section of an imported report: what search points into."""

    report = models.ForeignKey(ReportPage, related_name="sections", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("volgorde"))
    number = models.CharField(_("nummer"), max_length=20, blank=True)
    heading = models.CharField(_("kop"), max_length=500)
    level = models.PositiveSmallIntegerField(_("niveau"))
    anchor = models.SlugField(_("anker"), max_length=120)
    # Anchors this section had before a rename or merge: links people saved or cited keep
    # landing here, so every anchor once published is permanent.
    former_anchors = models.JSONField(_("eerdere ankers"), default=list, blank=True, editable=False)
    text = models.TextField(_("tekst"), blank=True)
    page_number = models.PositiveIntegerField(_("pagina"), null=True, blank=True)
    start_offset = models.PositiveIntegerField(_("begin in de tekst"), default=0)
    end_offset = models.PositiveIntegerField(_("einde in de tekst"), default=0)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("paragraaf")
        verbose_name_plural = _("paragrafen")
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="unique_section_position"),
            models.UniqueConstraint(fields=["report", "anchor"], name="unique_section_anchor"),
        ]

    def __str__(self):
        return f"{self.number} {self.heading}".strip()

    @property
    def block(self):
        """Heading line and text, as the section stands in the report's cleaned text."""
        return f"{self}\n\n{self.text}"

    def get_url(self):
        return f"{self.report.get_url()}#{self.anchor}"


def place_sections(sections):
    """Positions and character offsets of sections in reading order, as they stand in the
    report's cleaned text (blocks separated by a blank line)."""
    offset = 0
    for position, section in enumerate(sections):
        section.position = position
        section.start_offset, section.end_offset = offset, offset + len(section.block)
        offset = section.end_offset + 2


class SectionFootnote(models.Model):
    section = models.ForeignKey(ReportSection, related_name="footnotes", on_delete=models.CASCADE)
    number = models.CharField(_("nummer"), max_length=8)
    text = models.TextField(_("tekst"))

    class Meta:
        ordering = ["section", "id"]

    def __str__(self):
        return f"[^{self.number}] {self.text[:60]}"


def heading_contexts(sections) -> list[str]:
    """Each section's ancestor headings, outermost first, read from the levels of the
    sections in reading order (a section's ancestors are the nearest shallower headings)."""
    contexts, open_headings = [], []  # (level, heading) of the chapters still open
    for section in sections:
        while open_headings and open_headings[-1][0] >= section.level:
            open_headings.pop()
        contexts.append(HEADING_SEPARATOR.join(str(heading) for _level, heading in open_headings))
        open_headings.append((section.level, section))
    return contexts
