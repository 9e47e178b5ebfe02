"""What an API token may do here.

Tokens are Wagtail's own (``wagtail.models.APIToken``): made and revoked by editors in the
admin (Gebruikers › API-tokens), only a digest stored, the token shown once. A token acts
for its member and, in this API, only within the scopes granted to it here
(Instellingen › API-bevoegdheden); a token without scopes may do nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    CONTENT = "content", _("Inhoud lezen (experts, organisaties, praktijken, rapporten, …)")
    SEARCH = "search", _("Zoeken en aanvullen")


class TokenScope(models.Model):
    token = models.ForeignKey(
        "wagtailcore.APIToken",
        on_delete=models.CASCADE,
        related_name="wijkwijs_scopes",
        verbose_name=_("API-token"),
    )
    scope = models.CharField(_("bevoegdheid"), max_length=20, choices=ApiScope.choices)

    class Meta:
        verbose_name = _("API-bevoegdheid")
        verbose_name_plural = _("API-bevoegdheden")
        constraints = [
            models.UniqueConstraint(fields=["token", "scope"], name="unique_token_scope")
        ]

    def __str__(self):
        return f"{self.token}: {self.get_scope_display()}"
