"""A new organisation gets its own editors group at once (expertise/permissions.py)."""

from django.db.models.signals import post_save

from expertise.models import OrganisationPage
from expertise.permissions import ensure_editors_group


def give_new_organisation_its_editors(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_editors_group(instance)


def connect():
    post_save.connect(
        give_new_organisation_its_editors,
        sender=OrganisationPage,
        dispatch_uid="expertise-editors-group",
    )
