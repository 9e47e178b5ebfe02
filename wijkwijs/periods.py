"""Periods (from–to dates) as practices and reports use them."""

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


def validate_period(start, end, start_field="period_start", end_field="period_end"):
    if start and end and end < start:
        raise ValidationError({end_field: _("Het einde van de periode ligt vóór het begin.")})


def period_display(start, end):
    """'2014–2016', 'vanaf 2015' or '' — years are what readers compare."""
    if start and end:
        if start.year == end.year:
            return str(start.year)
        return f"{start.year}–{end.year}"
    if start:
        return _("vanaf %(year)s") % {"year": start.year}
    if end:
        return _("tot %(year)s") % {"year": end.year}
    return ""


def precise_date_display(value, precision):
    """A date shown only as precisely as it is known (day, month or year)."""
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "F Y")
    return date_format(value, "j F Y")
