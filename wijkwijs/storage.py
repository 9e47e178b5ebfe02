"""Where media files live, and moving them between places without losing a byte.

The bucket is private: nothing links to it. Documents are streamed by the access-checking
download view (wijkwijs/attachments.py), images by ``public_image`` below; both read through
the storage, so the same code serves files from the local disk or from the bucket.

The helpers take any Django storage (disk, bucket) and are meant for every job that walks
or copies media: ``manage.py move_media``, backups and restores.
"""

import hashlib
import mimetypes
import posixpath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

CHUNK_BYTES = 1024 * 1024
# Wagtail's image renditions: public like the pages that show them. Documents, original
# images and waiting uploads are never served from here.
PUBLIC_FOLDER = "images/"


class PrivateBucketStorage(S3Storage):
    """An S3-compatible bucket that is never exposed: no public ACL, no bucket URLs."""

    default_acl = None  # the bucket's own (private) policy applies
    file_overwrite = False  # a second upload of "verslag.pdf" gets a name of its own
    # Files larger than this are buffered on disk, not in memory, while being streamed.
    max_memory_size = 2 * CHUNK_BYTES

    def url(self, name, parameters=None, expire=None, http_method=None):
        # The site's own address, served by its views after their checks; a presigned
        # bucket URL would bypass them.
        return settings.MEDIA_URL + filepath_to_uri(name)


def stored_names(storage, folder=""):
    """Every file name in the storage under ``folder``, sorted, walking down all folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a disk folder not made yet (a bucket just lists nothing)
        return []
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names.extend(stored_names(storage, posixpath.join(folder, sub)))
    return sorted(names)


def sha256_of(storage, name) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_stored_file(source, target, name):
    """Copy one file under the same name, replacing what the target had under it."""
    if target.exists(name):
        target.delete(name)
    with source.open(name, "rb") as handle:
        saved = target.save(name, File(handle, name=name))
    if saved != name:  # a storage that renamed it would break every reference to it
        target.delete(saved)
        raise OSError(f"the target stored {name} as {saved}")


def public_image(request, name):
    """An image rendition, streamed from wherever media lives."""
    name = posixpath.normpath(PUBLIC_FOLDER + name)
    if not name.startswith(PUBLIC_FOLDER) or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"  # a rendition's name changes with it
    response["X-Content-Type-Options"] = "nosniff"
    return response
