"""Filter values as users give them: slugs or names, in any case, one value or several."""

from django.db.models import Q

from search.registry import kind_choices, report_kind_choices

# Label facets: the record relation and the page model of the label.
LABEL_FACETS = {
    "theme": ("themes", "themepage"),
    "municipality": ("municipalities", "municipalitypage"),
    "organisation": ("organisations", "organisationpage"),
}
# The facet of each label relation ("themes" → "theme").
FACET_OF_RELATION = {relation: facet for facet, (relation, _model) in LABEL_FACETS.items()}


def as_list(value):
    if value in (None, ""):
        return []
    return [str(item) for item in (value if isinstance(value, list | tuple) else [value])]


def named(pages, value):
    """The pages of ``pages`` whose slug or title is ``value``, in any case."""
    return pages.filter(Q(slug__iexact=value) | Q(title__iexact=value))


def _named(choices, value):
    return [key for key, label in choices if value.lower() in (key, str(label).lower())]


def record_kinds_named(value) -> list[str]:
    return _named(kind_choices(), value)


def report_kinds_named(value) -> list[str]:
    return _named(report_kind_choices(), value)


def years_named(value) -> list[int]:
    """A year in ASCII digits ("²" is a digit to Python, not a year)."""
    return [int(value)] if value.isascii() and value.isdigit() and len(value) <= 4 else []


# A record has one type, one report kind and one year: several values chosen for one of
# these facets mean "any of them" (labels, of which a record has several, mean "all of them").
SINGLE_VALUED_FACETS = {
    # facet: (record field, resolver of one value)
    "type": ("kind", record_kinds_named),
    "kind": ("report_kind", report_kinds_named),
    "year": ("year", years_named),
}


def single_valued_filters(filters):
    """(record field, allowed values) per single-valued facet that is filtered on; an
    unknown value resolves to nothing, so a filter of only unknown values matches nothing."""
    for name, (field, resolve) in SINGLE_VALUED_FACETS.items():
        values = as_list((filters or {}).get(name))
        if values:
            yield field, sorted({resolved for value in values for resolved in resolve(value)})
