"""Filter values as users give them: slugs or names, in any case, one value or several."""

from documents.models import ReportKind
from search.models import RecordKind

# Label facets: the record relation and the page model of the label.
LABEL_FACETS = {
    "theme": ("themes", "themepage"),
    "municipality": ("municipalities", "municipalitypage"),
    "organisation": ("organisations", "organisationpage"),
}


def as_list(value):
    if value in (None, ""):
        return []
    return [str(item) for item in (value if isinstance(value, list | tuple) else [value])]


def _named(choices, value):
    return [key for key, label in choices if value.lower() in (key, str(label).lower())]


def record_kinds_named(value) -> list[str]:
    return _named(RecordKind.choices, value)


def report_kinds_named(value) -> list[str]:
    return _named(ReportKind.choices, value)
