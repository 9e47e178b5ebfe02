"""Who may see a piece of content.

Every restricted page type mixes in ``VisibilityMixin``; page views, listings and
cross-links all ask it, so there is one answer to "may this user see this object".
Restricted pages answer 404 to people who may not see them, so that their
existence is not revealed; anonymous visitors of members-only pages are sent to log in.
Content shared with communities is seen by the members of those communities (the users
in each community's members group) and by editors. Single pages may also be granted to a
user (an access request, ``access_requests``): grant sources registered here name them.
"""

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Openbaar")
    MEMBERS = "members", _("Alleen ingelogde leden")
    COMMUNITIES = "communities", _("Alleen leden van de gekozen gemeenschappen")
    EDITORS = "editors", _("Alleen redactie")


def may_see_everything(user) -> bool:
    """Editors (staff) and superusers see every level, and profiles without consent."""
    return user is not None and user.is_authenticated and (user.is_staff or user.is_superuser)


def levels_visible_to(user):
    """The visibility levels this user may see."""
    if may_see_everything(user):
        return list(Visibility.values)
    if user is not None and user.is_authenticated:
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]


def communities_of(user) -> list[int]:
    """The communities (page ids) whose members group ``user`` is in.

    Remembered on the user object: a page asks for every list it shows, and the request's
    user lives only as long as the request.
    """
    if user is None or not user.is_authenticated or user.pk is None:
        return []  # an unsaved user (an evaluation's stand-in member) is in no group
    if not hasattr(user, "_wijkwijs_communities"):
        community_model = apps.get_model("wijkwijs", "CommunityPage")
        user._wijkwijs_communities = list(
            community_model.objects.filter(members_group__user=user).values_list("pk", flat=True)
        )
    return user._wijkwijs_communities


def granting_communities(user) -> list[int]:
    """The communities through which ``user`` sees shared content beyond their levels (none
    for editors, who see every level already)."""
    if Visibility.COMMUNITIES in levels_visible_to(user):
        return []
    return communities_of(user)


GRANT_SOURCES = []  # callables: user → ids of the pages granted to that user, now


def register_grant_source(source):
    """Apps above the shared base (access requests) grant single pages through this."""
    if source not in GRANT_SOURCES:
        GRANT_SOURCES.append(source)


def granted_pages(user) -> list[int]:
    """The pages granted to ``user`` one by one, read at every check (a grant that has
    expired or was revoked closes at once; not remembered on the user)."""
    if user is None or not user.is_authenticated or user.pk is None:
        return []
    return sorted({page_id for source in GRANT_SOURCES for page_id in source(user)})


def shared_visibility_q(user, communities_field, page_field="pk"):
    """What ``user`` may see of a model with a ``visibility`` field and a many-to-many
    ``communities_field`` naming the communities it is shared with; ``page_field`` names
    the page a row belongs to (for pages themselves, their key), for pages granted to
    ``user``."""
    levels = levels_visible_to(user)
    if set(levels) == set(Visibility.values):
        return Q()  # editors: no condition, which also leaves the query planner free
    condition = Q(visibility__in=levels)
    granted = granted_pages(user)
    if granted:
        condition |= Q(**{f"{page_field}__in": granted})
    communities = granting_communities(user)
    if communities:
        through = communities_field.remote_field.through
        shared = through.objects.filter(
            **{f"{communities_field.m2m_reverse_name()}__in": communities}
        ).values(communities_field.m2m_column_name())
        condition |= Q(visibility=Visibility.COMMUNITIES, pk__in=shared)
    return condition


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
    shared_with = ParentalManyToManyField(
        "wijkwijs.CommunityPage",
        blank=True,
        related_name="+",
        verbose_name=_("gedeeld met gemeenschappen"),
        help_text=_("Bij zichtbaarheid 'Alleen leden van de gekozen gemeenschappen'."),
    )

    visibility_panels = [FieldPanel("visibility"), FieldPanel("shared_with")]

    class Meta:
        abstract = True

    @classmethod
    def visible_q(cls, user):
        """A filter for querysets of this model: only what ``user`` may see."""
        return shared_visibility_q(user, cls._meta.get_field("shared_with"))

    def clean(self):
        super().clean()
        if self.visibility == Visibility.COMMUNITIES and not list(self.shared_with.all()):
            raise ValidationError(
                {"shared_with": _("Kies de gemeenschappen waarmee deze pagina gedeeld wordt.")}
            )

    def is_visible_to(self, user):
        return type(self).objects.filter(pk=self.pk).filter(self.visible_q(user)).exists()

    def get_sitemap_urls(self, request=None):
        """The sitemap is read anonymously (by search engines): it lists public pages only."""
        if not self.is_visible_to(AnonymousUser()):
            return []
        return super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        if not self.is_visible_to(request.user):
            signed_in_may_see = (Visibility.MEMBERS, Visibility.COMMUNITIES)
            if not request.user.is_authenticated and self.visibility in signed_in_may_see:
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
