"""What the admin shows of pages a user may not edit.

The platform's editors (staff) see everything. Anyone else with admin access (an
organisation's editors) sees, outside what they may edit, only what an anonymous visitor
may see: no editors-only or members-only page, no unpublished draft, no profile without
consent. Wagtail's page chooser (browsing and searching) and the page-types report ask
``admin_visible_pages``.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from wijkwijs.visibility import VisibilityMixin


def sees_everything(user) -> bool:
    return user.is_active and (user.is_superuser or user.is_staff)


def public_pages():
    """Every page an anonymous visitor may see."""
    anonymous, pages = AnonymousUser(), Page.objects.live().public()
    for model in get_page_models():
        if issubclass(model, VisibilityMixin) and not model._meta.abstract:
            pages = pages.exclude(
                pk__in=model.objects.exclude(model.visible_q(anonymous)).values("pk")
            )
    return pages


def admin_visible_pages(user, pages):
    """``pages`` narrowed to what ``user`` may see in the admin (see the module)."""
    if sees_everything(user):
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change", "publish"]
    )
    return pages.filter(Q(pk__in=editable.values("pk")) | Q(pk__in=public_pages().values("pk")))
