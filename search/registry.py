"""The page types search finds: every model that declares it (``wijkwijs.findable``).

Search knows no content app by name; the kinds of record, their labels and the values of
the report-kind facet all come from the declarations, read once the apps are loaded.
"""

from functools import cache

from django.apps import apps

from wijkwijs.findable import Findable


@cache
def findable_models() -> tuple:
    """The concrete page types that declare a record kind, in the order of the apps."""
    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, Findable) and getattr(model, "search_kind", None)
    )


def record_kinds() -> list:
    kinds = []
    for model in findable_models():
        if model.search_kind not in kinds:
            kinds.append(model.search_kind)
    return kinds


def kind_choices() -> list[tuple[str, str]]:
    """(value, label) of every record kind: the "type" facet."""
    return [(kind.value, kind.label) for kind in record_kinds()]


def kind_values() -> list[str]:
    return [kind.value for kind in record_kinds()]


def report_kind_choices() -> list[tuple[str, str]]:
    """(value, label) of the "kind" facet, as the page types declare them."""
    return [choice for model in findable_models() for choice in model.search_kind_choices]


def kind_label(value: str) -> str:
    """The label of a record kind ("rapport" → "Rapport"), in the active language."""
    return str(dict(kind_choices()).get(value, value))
