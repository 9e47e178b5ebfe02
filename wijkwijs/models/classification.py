"""Content classified by municipality and theme.

Organisations, experts, practices, reports and communities all answer the two
questions every user filters by: where (municipalities) and about what (themes).
The reverse relations read naturally from the taxonomy side:
``municipality.practicepages``, ``theme.expertpages``, …
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

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


@dataclass
class LabelCount:
    label: Page  # a theme or municipality
    counts: list[int]  # per group, in the order the groups were given

    @property
    def total(self):
        return sum(self.counts)


def label_counts(groups: dict, relation: str, label_model) -> list[LabelCount]:
    """How many pages of each group are classified under each label, most first.

    ``groups`` maps a name to a queryset (already limited to what the user may see);
    ``relation`` is the classification to count by: "themes" or "municipalities".
    """
    counts = defaultdict(Counter)
    for name, pages in groups.items():
        for _page, label_id in set(pages.order_by().values_list("pk", relation)):
            if label_id is not None:
                counts[label_id][name] += 1
    labels = label_model.objects.live().in_bulk(list(counts))
    rows = [
        LabelCount(labels[label_id], [counted[name] for name in groups])
        for label_id, counted in counts.items()
        if label_id in labels
    ]
    return sorted(rows, key=lambda row: (-row.total, row.label.title))
