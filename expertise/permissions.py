"""Each organisation's own editors: a group that manages the organisation's page and the
expert profiles beneath it, and nothing else.

Wagtail grants page permissions per subtree, and the profiles live under their
organisation, so one set of group page permissions on the organisation page is the whole
rule. The group is made when the organisation is created; editors are added to it in the
admin (Instellingen › Groepen) or with ``manage.py organisation_editors``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

# Add, edit and publish (and unpublish). Wagtail lets whoever edits and publishes a page
# delete it too, so they can remove a departed colleague's profile; removing the organisation
# together with its profiles takes bulk deletion, which stays with the platform's editors.
SUBTREE_PERMISSIONS = ("add_page", "change_page", "publish_page")
GROUP_NAME_LENGTH = 150


def group_name(organisation) -> str:
    return f"Redactie {organisation.title}"[:GROUP_NAME_LENGTH]


@transaction.atomic
def ensure_editors_group(organisation) -> Group:
    """The organisation's editors group with its permissions, created if missing."""
    group = organisation.editors_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=group_name(organisation))
        type(organisation).objects.filter(pk=organisation.pk).update(editors_group=group)
        organisation.editors_group = group
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in SUBTREE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=organisation.page_ptr,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group
