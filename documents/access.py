"""Who may download a document.

A document attached to reports (their renditions) or to community meetings is as
restricted as those pages: it is served to someone who may see at least one of them, live.
Editors may download everything (they review imports before publishing); the originals of
a report whose names were pseudonymised stay with them. A document attached to no page is
served as Wagtail serves it (collection privacy applies).
"""

from documents.models import ReportFile
from wijkwijs.models import MeetingDocument


def attaching_pages(document) -> list:
    reports = [item.page for item in ReportFile.objects.filter(document=document)
               .select_related("page")]  # fmt: skip
    meetings = [item.page for item in MeetingDocument.objects.filter(document=document)
                .select_related("page")]  # fmt: skip
    return reports + meetings


def may_download(user, document) -> bool:
    pages = attaching_pages(document)
    if not pages or (user.is_authenticated and (user.is_staff or user.is_superuser)):
        return True
    # The originals of a redacted report keep the names: editors only.
    return any(page.live and not getattr(page, "redacted_names", None)
               and page.is_visible_to(user) for page in pages)  # fmt: skip
