from django.http import Http404
from wagtail import hooks

from wijkwijs.admin_scope import admin_visible_pages
from wijkwijs.attachments import may_download


@hooks.register("construct_page_chooser_queryset")
def choosable_pages(pages, request):
    """The page chooser lists (and finds) only what this user may see in the admin."""
    return admin_visible_pages(request.user, pages)


@hooks.register("before_serve_document")
def check_document_access(document, request):
    """A file this user may not have answers as a missing one (``attachments.refuse``)."""
    if not may_download(request.user, document):
        raise Http404
