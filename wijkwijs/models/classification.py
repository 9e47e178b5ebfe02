"""Content classified by municipality and theme.

Organisations, experts, practices, reports and communities all answer the two
questions every user filters by: where (municipalities) and about what (themes).
The reverse relations read naturally from the taxonomy side:
``municipality.practicepages``, ``theme.expertpages``, …
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from wijkwijs.visibility import visible


class ClassifiedPage(Page):
    municipalities = ParentalManyToManyField(
        "wijkwijs.MunicipalityPage",
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("gemeenten"),
    )
    themes = ParentalManyToManyField(
        "wijkwijs.ThemePage",
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("thema's"),
    )

    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Gemeenten, thema's en trefwoorden"),
        )
    ]
    search_fields = Page.search_fields + [
        index.RelatedFields("municipalities", [index.SearchField("title")]),
        index.RelatedFields("themes", [index.SearchField("title")]),
    ]

    class Meta:
        abstract = True


def content_classified_under(term, user):
    """Everything filed under a municipality or theme page that ``user`` may see."""
    return {
        "organisations": visible(term.organisationpages.all(), user).order_by("title"),
        "experts": visible(term.expertpages.all(), user).order_by("title"),
        "practices": visible(term.practicepages.all(), user).order_by("title"),
        "reports": visible(term.reportpages.all(), user).order_by("-published_on", "title"),
        "communities": visible(term.communitypages.all(), user).order_by("title"),
    }
