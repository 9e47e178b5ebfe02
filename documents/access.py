"""Who may download a document, and what someone who may not is told.

A document attached to reports (their renditions) or to community meetings is as
restricted as those pages: it is served to someone who may see at least one of them, live.
Editors may download everything (they review imports before publishing); the originals of
a report whose names were pseudonymised stay with them. A document attached to no page
(its report was deleted, or it was uploaded on its own) is for editors only: a file never
becomes public by losing its page.

Someone who may not download a file gets the answer a file that does not exist gets (a
login page when signed out, else 404), so file addresses reveal nothing.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail.documents.views import serve as wagtail_serve

from documents.models import ReportFile
from wijkwijs.models import MeetingDocument


def attaching_pages(document) -> list:
    reports = [item.page for item in ReportFile.objects.filter(document=document)
               .select_related("page")]  # fmt: skip
    meetings = [item.page for item in MeetingDocument.objects.filter(document=document)
                .select_related("page")]  # fmt: skip
    return reports + meetings


def may_download(user, document) -> bool:
    if user.is_authenticated and (user.is_staff or user.is_superuser):
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
