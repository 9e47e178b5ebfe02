"""Parts of pages rendered once for every visitor who is not signed in.

A visitor sees exactly what every other visitor sees (public content only, in their
language), so the home page's lists and a report's text are rendered once and kept, under
the content's version (``wijkwijs.remembered``), read afresh for every request: every
publish, unpublish, edit, move or privacy change gives a new version once it commits, so a
kept part is never older than the last change, in any worker. Signed-in users, whose view
depends on who they are (members-only content, communities, grants), always get theirs
rendered afresh. Kept in the ``fragments`` cache (each process's memory).
"""

import hashlib

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from wijkwijs.remembered import content_changed, shared_version

CACHE = "fragments"
TIMEOUT = 60 * 60  # seconds; a new version replaces a part sooner


def for_visitors(request, parts, render) -> str:
    """``render()``, or what it gave for the same ``parts`` to another visitor since the
    content last changed; always ``render()`` for a signed-in user."""
    if (
        request is None
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)  # a draft, under the live page's key
        or request.user.is_authenticated
    ):
        return render()
    if not hasattr(request, "wijkwijs_content_version"):  # once per request
        request.wijkwijs_content_version = shared_version()
    version = request.wijkwijs_content_version
    identity = repr((version, get_language(), request.get_host(), *parts))
    key = "fragment:" + hashlib.sha256(identity.encode()).hexdigest()
    fragments = caches[CACHE]
    html = fragments.get(key)
    if html is None:
        html = render()
        fragments.set(key, html, TIMEOUT)
    return html


def forget_here():
    """Forget the kept parts (a test whose changes were rolled back)."""
    caches[CACHE].clear()


def changed(*args, **kwargs):
    content_changed()


def connect():
    """Changes to pages that are not in the search index (the home page, index pages) give
    a new version too; those in it give one when they are indexed."""
    page_published.connect(changed, dispatch_uid="fragments-published")
    page_unpublished.connect(changed, dispatch_uid="fragments-unpublished")
    post_page_move.connect(changed, dispatch_uid="fragments-moved")
    post_delete.connect(changed, sender=Page, dispatch_uid="fragments-deleted")
    post_save.connect(changed, sender=PageViewRestriction, dispatch_uid="fragments-restricted")
    post_delete.connect(changed, sender=PageViewRestriction, dispatch_uid="fragments-opened")
