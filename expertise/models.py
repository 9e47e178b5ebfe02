"""The expertise registry: organisations, and the expert profiles beneath each one.

An expert profile is a page under its organisation, so an organisation's editors can
be given their own subtree. A profile is public only when its consent date is
recorded; until then only editors see it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from documents.models import ReportPage
from expertise.forms import ExpertPageForm
from wijkwijs.findable import Findable, RecordKind, join_parts
from wijkwijs.listing import ListingPage, SiteSection
from wijkwijs.models.classification import ClassifiedPage, label_counts
from wijkwijs.models.themes import ThemePage
from wijkwijs.visibility import Visibility, VisibilityMixin, may_see_everything, visible


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    WELFARE = "welzijn", _("Welzijn en sociaal werk")
    CARE = "zorg", _("Zorg")
    YOUTH = "jeugd", _("Jeugd en gezin")
    HOUSING = "wonen", _("Wonen")
    RESEARCH = "onderzoek", _("Onderzoek en onderwijs")
    SECTOR = "branche", _("Branche- en koepelorganisatie")
    GOVERNMENT = "overheid", _("Overheid en uitvoering")
    CITIZENS = "bewoners", _("Bewoners- en cliëntorganisatie")
    OTHER = "overig", _("Overig")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("Per e-mail")
    PHONE = "telefoon", _("Telefonisch")
    VIA_ORGANISATION = "organisatie", _("Via de organisatie")
    NONE = "geen", _("Liever niet benaderen")


class OrganisationIndexPage(ListingPage):
    site_section = SiteSection(
        "organisations",
        position=3,
        slug="organisaties",
        title=_("Organisaties"),
        intro=_("Gemeenten, welzijns- en zorgorganisaties, onderzoekers en koepels."),
    )
    listed_model = "expertise.OrganisationPage"
    subpage_types = ["expertise.OrganisationPage"]
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("organisatie-overzicht")


class OrganisationTag(TaggedItemBase):
    content_object = ParentalKey(
        "expertise.OrganisationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


# What an organisation's expertise profile counts per theme, in its table's column order.
PROFILE_GROUPS = ("experts", "practices", "reports", "communities")


class OrganisationPage(Findable, ClassifiedPage):
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True, help_text=_("Markdown."))
    tags = ClusterTaggableManager(
        through=OrganisationTag, blank=True, verbose_name=_("trefwoorden")
    )
    # Made with the organisation (expertise/permissions.py): manages this subtree only.
    editors_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="organisation",
        verbose_name=_("redactiegroep"),
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("kind"), FieldPanel("website"), FieldPanel("description")]
        + ClassifiedPage.classification_panels
    )
    search_fields = ClassifiedPage.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["expertise.OrganisationIndexPage"]
    subpage_types = ["expertise.ExpertPage"]

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    @property
    def card_summary(self):
        return self.description

    def with_content_json(self, content):
        """The editors group belongs to the organisation, not to a revision: publishing an
        older draft must not take the group's subtree away."""
        page = super().with_content_json(content)
        page.editors_group_id = self.editors_group_id
        return page

    def experts_visible_to(self, user):
        return visible(ExpertPage.objects.child_of(self), user).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        reports = ReportPage.objects.filter(Q(publisher=self) | Q(organisations=self)).distinct()
        context.update(
            experts=self.experts_visible_to(user),
            practices=visible(self.practices.all(), user).order_by("title"),
            reports=visible(reports, user).order_by("-published_on", "title"),
            communities=visible(self.communities.all(), user).order_by("title"),
        )
        work = {name: context[name] for name in PROFILE_GROUPS}
        context["expertise_profile"] = label_counts(work, "themes", ThemePage)
        return context

    search_kind = RecordKind("organisatie", _("Organisatie"))
    search_prefetch_related = ("municipalities", "themes", "tags")

    def search_labels(self):
        labels = super().search_labels()
        labels.organisations = [self]
        return labels


class ExpertIndexPage(ListingPage):
    """All expert profiles in one list; the profiles themselves live under organisations."""

    site_section = SiteSection(
        "experts",
        position=2,
        slug="experts",
        title=_("Experts"),
        intro=_("Wie weet wat? Professionals die hun kennis willen delen, per thema en gemeente."),
    )
    listed_model = "expertise.ExpertPage"
    listing_links_template = "expertise/includes/finder_link.html"
    subpage_types = []
    parent_page_types = ["wijkwijs.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("expert-overzicht")


class ExpertTag(TaggedItemBase):
    content_object = ParentalKey(
        "expertise.ExpertPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ExpertPage(Findable, VisibilityMixin, ClassifiedPage):
    """A person who knows something; the page title is their name."""

    role = models.CharField(_("functie"), max_length=200)
    bio = models.TextField(_("korte bio"), blank=True, help_text=_("Markdown."))
    contact_preference = models.CharField(
        _("contactvoorkeur"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.VIA_ORGANISATION,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    consent_date = models.DateField(
        _("datum toestemming"),
        null=True,
        blank=True,
        help_text=_(
            "Zonder vastgelegde toestemming is het profiel alleen zichtbaar voor redactie."
        ),
    )
    tags = ClusterTaggableManager(
        through=ExpertTag, blank=True, verbose_name=_("expertise (trefwoorden)")
    )
    # The person's own login: lets them remove their profile themselves.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account van deze persoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profile",
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("role"), FieldPanel("bio")]
        + ClassifiedPage.classification_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("contact_preference"),
                    FieldPanel("email"),
                    FieldPanel("phone"),
                    FieldPanel("consent_date"),
                    FieldPanel("account"),
                ],
                heading=_("Contact en toestemming"),
            )
        ]
    )
    settings_panels = Page.settings_panels + VisibilityMixin.visibility_panels
    base_form_class = ExpertPageForm
    search_fields = ClassifiedPage.search_fields + [
        index.SearchField("role"),
        index.SearchField("bio"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["expertise.OrganisationPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("expertprofiel")
        verbose_name_plural = _("expertprofielen")

    @classmethod
    def visible_q(cls, user):
        query = super().visible_q(user)
        if not may_see_everything(user):  # no consent: editors only, as ``search_visibility``
            query &= Q(consent_date__isnull=False)
        return query

    def clean(self):
        super().clean()
        if self.consent_date and self.consent_date > timezone.localdate():
            raise ValidationError(
                {"consent_date": _("De datum van toestemming kan niet in de toekomst liggen.")}
            )
        if self.contact_preference == ContactPreference.EMAIL and not self.email:
            raise ValidationError({"email": _("Vul een e-mailadres in bij contact per e-mail.")})
        if self.contact_preference == ContactPreference.PHONE and not self.phone:
            raise ValidationError(
                {"phone": _("Vul een telefoonnummer in bij telefonisch contact.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        reports = ReportPage.objects.filter(authors__expert=self).distinct()
        context.update(
            practices=visible(self.contact_for_practices.all(), user).order_by("title"),
            reports=visible(reports, user).order_by("-published_on", "title"),
            communities=visible(self.coordinated_communities.all(), user).order_by("title"),
        )
        return context

    @property
    def organisation(self):
        return self.get_parent().specific

    @property
    def card_summary(self):
        return self.role

    @property
    def contact_route(self):
        """How a visitor may get in touch, honouring the expert's preference."""
        if self.contact_preference == ContactPreference.EMAIL:
            return {"kind": "email", "value": self.email}
        if self.contact_preference == ContactPreference.PHONE:
            return {"kind": "phone", "value": self.phone}
        if self.contact_preference == ContactPreference.VIA_ORGANISATION:
            return {"kind": "organisation", "value": self.organisation}
        return {"kind": "none", "value": None}

    # What search finds (``wijkwijs.findable``).
    search_kind = RecordKind("expert", _("Expert"))
    search_prefetch_related = ("municipalities", "themes", "tags", "shared_with")

    def search_text(self):
        return join_parts(super().search_text(), self.organisation.title)

    def search_labels(self):
        labels = super().search_labels()
        labels.organisations = [self.organisation]
        return labels

    def search_visibility(self):
        if not self.consent_date:
            return Visibility.EDITORS  # as ``visible_q``: no consent, editors only
        return super().search_visibility()
