"""Who may see a piece of content.

Every restricted page type mixes in ``VisibilityMixin``; page views, listings and
cross-links all ask it, so there is one answer to "may this user see this object".
Restricted pages answer 404 to people who may not see them, so that their
existence is not revealed; anonymous visitors of members-only pages are sent to log in.
"""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Openbaar")
    MEMBERS = "members", _("Alleen ingelogde leden")
    EDITORS = "editors", _("Alleen redactie")


def levels_visible_to(user):
    """The visibility levels this user may see."""
    if user is not None and user.is_authenticated:
        if user.is_staff or user.is_superuser:
            return list(Visibility.values)
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]


def visibility_field(default):
    """The visibility field; page types override it to change their default."""
    return models.CharField(
        _("zichtbaarheid"),
        max_length=16,
        choices=Visibility.choices,
        default=default,
        help_text=_("Wie deze pagina mag zien."),
    )


class VisibilityMixin(models.Model):
    visibility = visibility_field(Visibility.PUBLIC)

    class Meta:
        abstract = True

    @classmethod
    def visible_q(cls, user):
        """A filter for querysets of this model: only what ``user`` may see."""
        return Q(visibility__in=levels_visible_to(user))

    def is_visible_to(self, user):
        return type(self).objects.filter(pk=self.pk).filter(self.visible_q(user)).exists()

    def serve(self, request, *args, **kwargs):
        if not self.is_visible_to(request.user):
            if not request.user.is_authenticated and self.visibility == Visibility.MEMBERS:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)


def visible(queryset, user):
    """Live, publicly routed pages of ``queryset`` that ``user`` may see."""
    queryset = queryset.live().public()
    model = queryset.model
    if issubclass(model, VisibilityMixin):
        queryset = queryset.filter(model.visible_q(user))
    return queryset
