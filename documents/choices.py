"""The fixed lists of reports: their kinds and how precisely a date is known. A leaf module:
models, citations, import and the API read it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    INTERVIEWS = "interviewverslag", _("Interviewverslag")
    EVALUATION = "evaluatie", _("Evaluatie")
    PROGRESS = "voortgangsrapportage", _("Voortgangsrapportage")
    RESEARCH = "onderzoeksrapport", _("Onderzoeksrapport")
    POLICY = "beleidsnotitie", _("Beleidsnotitie")
    FACTSHEET = "factsheet", _("Factsheet")
    MAGAZINE = "magazine", _("Magazine")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Dag")
    MONTH = "month", _("Maand")
    YEAR = "year", _("Jaar")
