"""Access requests: a member asks for one restricted page, its deciders grant or refuse.

A request moves from pending to granted (for a period, or permanently), refused or —
once granted — revoked; a grant whose period has passed is expired from that moment on
(``in_force`` compares with the clock at every check), and ``close_expired_access``
records it in the log. Every step is an ``AccessDecision``: who, when, why.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestState(models.TextChoices):
    PENDING = "pending", _("In behandeling")
    GRANTED = "granted", _("Toegekend")
    REFUSED = "refused", _("Geweigerd")
    REVOKED = "revoked", _("Ingetrokken")
    EXPIRED = "expired", _("Verlopen")


class AccessRequestQuerySet(models.QuerySet):
    def in_force(self, now=None):
        """Granted requests whose period has not passed."""
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now), state=RequestState.GRANTED
        )

    def lapsed(self, now=None):
        """Granted requests whose period has passed but whose expiry is not yet logged."""
        return self.filter(state=RequestState.GRANTED, expires_at__lte=now or timezone.now())


class AccessRequest(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="access_requests",
        verbose_name=_("pagina"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_requests",
        verbose_name=_("aanvrager"),
    )
    reason = models.TextField(_("reden"), max_length=2000)
    state = models.CharField(
        _("status"), max_length=16, choices=RequestState.choices, default=RequestState.PENDING
    )
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("toegang tot"), null=True, blank=True)
    # The language the requester asked in: what they are answered in.
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangsverzoek")
        verbose_name_plural = _("toegangsverzoeken")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "requester"],
                condition=Q(state="pending"),
                name="one_pending_access_request_per_page",
            )
        ]

    def __str__(self):
        return f"{self.requester} → {self.page.title} ({self.get_current_state_display()})"

    @property
    def current_state(self) -> str:
        """The state now: a grant whose period has passed is expired, logged or not."""
        lapsed = self.expires_at is not None and self.expires_at <= timezone.now()
        if self.state == RequestState.GRANTED and lapsed:
            return RequestState.EXPIRED
        return self.state

    @property
    def last_decision(self):
        """The newest line of the log (from a prefetched log too)."""
        entries = list(self.log.all())
        return entries[-1] if entries else None

    def get_current_state_display(self):
        return RequestState(self.current_state).label


class AccessDecision(models.Model):
    """One line of a request's log."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        GRANTED = "granted", _("toegekend")
        REFUSED = "refused", _("geweigerd")
        REVOKED = "revoked", _("ingetrokken")
        EXPIRED = "expired", _("verlopen")

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("handeling"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(  # empty: the system (an expiry)
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    message = models.TextField(_("toelichting"), blank=True)
    expires_at = models.DateTimeField(_("toegang tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("besluit over toegang")
        verbose_name_plural = _("besluiten over toegang")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
