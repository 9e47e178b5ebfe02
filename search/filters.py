"""The facets, declared once, and filter values as users give them: slugs or names, in any
case, one value or several.

``FACETS`` is the one list the search page, the API, saved searches and both engines read:
each facet is a filter parameter and a group of counts, in this order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from search.registry import kind_choices, report_kind_choices


def as_list(value):
    if value in (None, ""):
        return []
    return [str(item) for item in (value if isinstance(value, list | tuple) else [value])]


def _named(choices, value):
    return [key for key, label in choices if value.lower() in (key, str(label).lower())]


def record_kinds_named(value) -> list[str]:
    return _named(kind_choices(), value)


def report_kinds_named(value) -> list[str]:
    return _named(report_kind_choices(), value)


def years_named(value) -> list[int]:
    """A year in ASCII digits ("²" is a digit to Python, not a year)."""
    return [int(value)] if value.isascii() and value.isdigit() and len(value) <= 4 else []


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's parameter, and the key of its counts
    label: str
    # A record has one type, one report kind and one year: several values chosen for such a
    # facet mean "any of them". Its record field, and what one chosen value resolves to.
    record_field: str = ""
    resolve: Callable | None = None
    # A label facet (a record has several labels: several values mean "all of them"): the
    # record's relation and the label's page model.
    relation: str = ""
    label_model: str = ""


FACETS = (
    Facet("type", _("Soort inhoud"), record_field="kind", resolve=record_kinds_named),
    Facet("theme", _("Thema"), relation="themes", label_model="themepage"),
    Facet("municipality", _("Gemeente"), relation="municipalities", label_model="municipalitypage"),
    Facet(
        "organisation", _("Organisatie"), relation="organisations", label_model="organisationpage"
    ),
    Facet("kind", _("Soort publicatie"), record_field="report_kind", resolve=report_kinds_named),
    Facet("year", _("Jaar"), record_field="year", resolve=years_named),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
FACET_LABELS = {facet.name: facet.label for facet in FACETS}
LABEL_FACETS = {
    facet.name: (facet.relation, facet.label_model) for facet in FACETS if facet.relation
}
# The facet of each label relation ("themes" → "theme").
FACET_OF_RELATION = {relation: facet for facet, (relation, _model) in LABEL_FACETS.items()}
SINGLE_VALUED_FACETS = {
    facet.name: (facet.record_field, facet.resolve) for facet in FACETS if facet.resolve
}


def single_valued_filters(filters):
    """(record field, allowed values) per single-valued facet that is filtered on; an
    unknown value resolves to nothing, so a filter of only unknown values matches nothing."""
    for name, (field, resolve) in SINGLE_VALUED_FACETS.items():
        values = as_list((filters or {}).get(name))
        if values:
            yield field, sorted({resolved for value in values for resolved in resolve(value)})
