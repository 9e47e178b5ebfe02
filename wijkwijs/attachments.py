"""Documents attached to pages: who may download one, and what someone who may not is told.

A document attached to reports (their renditions) or to community meetings is as
restricted as those pages: it is served to someone who may see at least one of them, live.
Editors may download everything (they review imports before publishing); the originals of
a report whose names were pseudonymised stay with them. A document attached to no page
(its report was deleted, or it was uploaded on its own) is for editors only: a file never
becomes public by losing its page.

Someone who may not download a file gets the answer a file that does not exist gets (a
login page when signed out, else 404), so file addresses reveal nothing.

Every model that attaches documents to pages mixes in ``PageAttachment`` (a ``page`` and a
``document``); the rule finds them all, so it names no content app.
"""

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail.documents.views import serve as wagtail_serve

from wijkwijs.visibility import may_see_everything


class PageAttachment:
    """Mixed into models that attach a ``document`` to a ``page`` (a report's renditions, a
    meeting's papers): the document is as restricted as the pages it is attached to."""


def attaching_pages(document) -> list:
    return [
        item.page
        for model in apps.get_models()
        if issubclass(model, PageAttachment)
        for item in model.objects.filter(document=document).select_related("page")
    ]


def may_download(user, document) -> bool:
    if may_see_everything(user):
        return True
    # The originals of a redacted report keep the names: editors only.
    return any(
        page.live and not getattr(page, "redacted_names", None) and page.is_visible_to(user)
        for page in attaching_pages(document)
    )


def refuse(request):
    """The one answer to a file this user may not have, whether or not it exists."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (which asks ``may_download`` through its hook), with every
    refusal, a missing file included, answered by ``refuse``."""
    try:
        return wagtail_serve.serve(request, document_id, document_filename)
    except Http404:
        return refuse(request)
