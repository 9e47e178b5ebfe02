"""The index follows the content: saves (publish, unpublish, visibility), moves, privacy
changes and edited report sections (``records_changed``). Deleting a page deletes its
records (foreign key); with Elasticsearch configured, every change is also queued for it
(``search.elastic.sync``)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_slug_changed, post_page_move

from search.elastic import sync
from search.indexing import forget_words, index_page
from search.models import SearchRecord
from search.registry import findable_models
from wijkwijs.findable import records_changed

# What saving a revision writes to the page's row: bookkeeping, never content. Such a save
# changes nothing the index holds, whatever the draft has done to the page in memory.
REVISION_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def reindex_saved_page(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= REVISION_FIELDS):
        return
    # A full save writes the instance as it is; a partial one leaves the rest of it unsaved.
    index_page(instance, just_saved=update_fields is None)


def reindex_subtree(page):
    for descendant in Page.objects.descendant_of(page, inclusive=True).type(*findable_models()):
        index_page(descendant)


def reindex_moved(sender, instance, **kwargs):
    reindex_subtree(instance)


def reindex_restricted(sender, instance, **kwargs):
    reindex_subtree(instance.page)


def reindex_changed(sender, page, redacted_names=(), **kwargs):
    index_page(page)
    if redacted_names:
        forget_words(" ".join(redacted_names))


def forget_deleted(sender, instance, **kwargs):
    """The database's records go with the page (foreign key); Elasticsearch's follow. They
    are deleted here already, as the task that updates Elasticsearch may run right away."""
    SearchRecord.objects.filter(page_id=instance.pk).delete()
    sync.schedule([instance.pk])


def connect():
    for model in findable_models():
        post_save.connect(reindex_saved_page, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(forget_deleted, sender=model, dispatch_uid=f"unsearch-{model.__name__}")
    post_page_move.connect(reindex_moved, dispatch_uid="search-moved")
    page_slug_changed.connect(reindex_moved, dispatch_uid="search-slug")
    post_save.connect(reindex_restricted, sender=PageViewRestriction, dispatch_uid="search-privacy")
    post_delete.connect(
        reindex_restricted, sender=PageViewRestriction, dispatch_uid="search-public"
    )
    records_changed.connect(reindex_changed, dispatch_uid="search-records")
