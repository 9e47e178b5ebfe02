"""Usage figures as weekly counters, and nothing else.

No cookies are set and nothing about a person is stored: no IP address, no user id, no
session, no time finer than the week. A search is its normalised words; a report view or
download is one more on that report's count for the week. Rows older than
``USAGE_RETENTION_DAYS`` are removed by ``manage.py purge_usage``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchWeek(models.Model):
    week = models.DateField(_("week (maandag)"))
    query = models.CharField(_("zoekvraag"), max_length=200)
    searches = models.PositiveIntegerField(_("zoekopdrachten"), default=0)
    without_results = models.PositiveIntegerField(_("zonder resultaat"), default=0)
    opens = models.PositiveIntegerField(_("geopende resultaten"), default=0)

    class Meta:
        verbose_name = _("zoekvraag per week")
        constraints = [models.UniqueConstraint(fields=["week", "query"], name="unique_search_week")]

    def __str__(self):
        return f"{self.week}: {self.query}"


class ReportWeek(models.Model):
    week = models.DateField(_("week (maandag)"))
    report = models.ForeignKey(
        "documents.ReportPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("publicatie"),
    )
    views = models.PositiveIntegerField(_("bekeken"), default=0)
    downloads = models.PositiveIntegerField(_("gedownload"), default=0)

    class Meta:
        verbose_name = _("publicatie per week")
        constraints = [
            models.UniqueConstraint(fields=["week", "report"], name="unique_report_week")
        ]

    def __str__(self):
        return f"{self.week}: {self.report_id}"
