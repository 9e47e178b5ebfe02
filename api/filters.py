"""The content API's filters: the search API's names and semantics.

Values are slugs or names, in any case. Several themes, municipalities or organisations
mean *all of them*; several kinds or years mean *any of them*. An unknown value matches
nothing.
"""

from typing import Annotated

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from api.schemas import FilterValue
from documents.choices import ReportKind
from expertise.models import OrganisationKind, OrganisationPage
from wijkwijs.choices import Province
from wijkwijs.models import MunicipalityPage, ThemePage
from wijkwijs.vocabulary import named

MAX_VALUES = 10
Year = Annotated[int, Field(ge=1000, le=9999)]


def values_field(description):
    return Field([], max_length=MAX_VALUES, description=description)


class LabelFilters(Schema):
    theme: list[FilterValue] = values_field(_("Thema (slug of naam); meerdere: alle."))
    municipality: list[FilterValue] = values_field(_("Gemeente (slug of naam); meerdere: alle."))


class ClassifiedFilters(LabelFilters):
    organisation: list[FilterValue] = values_field(_("Organisatie (slug of naam); meerdere: alle."))


class OrganisationFilters(LabelFilters):
    kind: list[FilterValue] = values_field(
        format_lazy(
            _("Soort organisatie: {values}; meerdere: een ervan."),
            values=", ".join(OrganisationKind.values),
        )
    )


class ReportFilters(ClassifiedFilters):
    kind: list[FilterValue] = values_field(
        format_lazy(
            _("Soort publicatie: {values}; meerdere: een ervan."),
            values=", ".join(ReportKind.values),
        )
    )
    year: list[Year] = values_field(_("Jaar van publicatie; meerdere: een ervan."))


class MunicipalityFilters(Schema):
    province: list[FilterValue] = values_field(
        format_lazy(
            _("Provincie: {values}; meerdere: een ervan."), values=", ".join(Province.values)
        )
    )


def choices_named(choices, values) -> list[str]:
    wanted = {value.casefold() for value in values}
    return [key for key, label in choices if {key, str(label).casefold()} & wanted]


LABEL_MODELS = {
    "theme": ThemePage,
    "municipality": MunicipalityPage,
    "organisation": OrganisationPage,
}


def filtered(queryset, filters: Schema, conditions: dict):
    """``queryset`` narrowed by each filter given. ``conditions`` maps a label filter to a
    function of the label pages giving a Q, a choice filter to (field, choices) and the year
    to its date field. Each condition is a semi-join of its own (``pk__in``), so ten values
    cost ten index look-ups, not a product of ten joins."""
    model = queryset.model
    for name, values in filters.dict().items():
        if not values:
            continue
        condition = conditions[name]
        if name in LABEL_MODELS:
            matches = [
                condition(named(LABEL_MODELS[name].objects.live(), value)) for value in values
            ]
        elif name == "year":
            matches = [Q(**{f"{condition}__year__in": values})]
        else:
            field, choices = condition
            matches = [Q(**{f"{field}__in": choices_named(choices, values)})]
        for match in matches:  # all of them (a choice or year filter is one "any of" match)
            queryset = queryset.filter(pk__in=model.objects.filter(match).values("pk"))
    return queryset


CLASSIFIED = {
    "theme": lambda labels: Q(themes__in=labels),
    "municipality": lambda labels: Q(municipalities__in=labels),
}
