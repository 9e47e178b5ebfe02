"""What a member follows, how often they hear of it, and what they have been sent.

A follow names a page (a theme, municipality, organisation or community) or a saved
search (a query and filters, run through the search engine in use). A digest lists what
became visible to the member since the last one; every page it lists is recorded, so a
page is never sent twice, however often the command runs.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Dagelijks")
    WEEKLY = "weekly", _("Wekelijks")
    NEVER = "never", _("Nooit (geen e-mail)")


def new_feed_key():
    return secrets.token_urlsafe(16)


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    frequency = models.CharField(
        _("samenvatting per e-mail"),
        max_length=8,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    # The end of the period the last digest covered (sent or found empty).
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Part of the private feed's signed address: a new key revokes the old address.
    feed_key = models.CharField(max_length=32, default=new_feed_key)

    class Meta:
        verbose_name = _("meldingsinstellingen")
        verbose_name_plural = _("meldingsinstellingen")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"

    @classmethod
    def of(cls, user):
        return cls.objects.get_or_create(user=user)[0]


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField(_("zoekopdracht"), max_length=200, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gevolgd onderwerp")
        verbose_name_plural = _("gevolgde onderwerpen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page"], condition=Q(page__isnull=False), name="follow_page_once"
            ),
            models.UniqueConstraint(
                fields=["user", "query", "filters"],
                condition=Q(page__isnull=True),
                name="save_search_once",
            ),
            models.CheckConstraint(
                condition=Q(page__isnull=False) | ~Q(query=""), name="follow_page_or_search"
            ),
        ]

    def __str__(self):
        return self.page.title if self.page_id else f"“{self.query}”"

    @property
    def is_search(self):
        return self.page_id is None


class SentItem(models.Model):
    """A page a digest told this user about (never again)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="sent_once")]

    def __str__(self):
        return f"{self.user} ← {self.page_id}"
