"""The upload size limit, enforced while an upload streams in.

Django would otherwise write the whole upload to memory or a temporary file before any
view could check its size. This handler runs first and skips a file as soon as it passes
``UPLOAD_MAX_BYTES`` (``WAGTAILDOCS_MAX_UPLOAD_SIZE``): the rest of it is read from the
connection but stored nowhere. The refusal is left on the request for the view to show
(``refused_upload``).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if self.received > limit:
            refused = getattr(self.request, "refused_uploads", {})
            refused[self.field_name] = _(
                "Het bestand is te groot (meer dan %(limit)s MB); het is niet opgeslagen."
            ) % {"limit": round(limit / 1_048_576, 1)}
            self.request.refused_uploads = refused
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers keep the file


def refused_upload(request, field_name) -> str:
    """Why the upload in ``field_name`` was not kept, or ""."""
    return getattr(request, "refused_uploads", {}).get(field_name, "")
