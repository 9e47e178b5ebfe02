"""When a page was published, also for pages made live without Wagtail's publishing.

An import (``documents.ingest``) and the demo loader create pages live with ``add_child``;
Wagtail sets a page's publication moments only when a revision is published, so those pages
had none, and the OAI-PMH datestamp, ``from`` harvesting and the feeds' dates read "now" or
skipped them. A page saved live for the first time gets them here.
"""

from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.models import Page


def stamp_first_publication(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.live or instance.first_published_at:
        return
    if update_fields is not None:  # a partial save writes only the fields it names
        return
    instance.first_published_at = instance.last_published_at = timezone.now()


def connect():
    pre_save.connect(stamp_first_publication, dispatch_uid="publication-first-stamp")
