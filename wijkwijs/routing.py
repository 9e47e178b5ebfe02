"""Routing a URL to its page in one query instead of one or two per level of the path.

Wagtail finds a page by walking the tree from the site's root: for each part of the path
the child with that slug, then that child's own type (a report: root, index page, report,
four queries). Which page a path led to is kept here (each process, a bounded number of
paths), and the next request for the path reads that page alone, afresh: it is taken
only while it is still at that path (a move or a new slug changes its ``url_path``), and
then routes itself as the walk would have ended (``live``, a routable page's own routes),
so what is served and whether it is refused are as without the memo.
"""

from django.contrib.contenttypes.models import ContentType

MAX_PATHS = 5000  # then forgotten and walked again

_pages: dict = {}  # (root id, path components) -> (content type id, page id)


def url_path(root, components) -> str:
    return root.url_path + "".join(f"{component}/" for component in components)


def route(root, request, components, walk):
    """``walk(request, components)`` (Wagtail's routing from ``root``), or the page it
    found for these components before, if it is still there."""
    key = (root.pk, tuple(components))
    known = _pages.get(key)
    if known is not None:
        content_type, page_id = known
        model = ContentType.objects.get_for_id(content_type).model_class()
        page = model._default_manager.filter(pk=page_id, url_path=url_path(root, components))
        page = page.first()
        if page is not None:
            return page.route(request, [])
        _pages.pop(key, None)
    result = walk(request, components)
    page = result.page
    # Only the page at the path itself: a routable page's sub-route (a citation) is
    # walked again, and so is a path a page above it answers.
    if components and page.url_path == url_path(root, components):
        if len(_pages) >= MAX_PATHS:
            _pages.clear()
        _pages[key] = (page.content_type_id, page.pk)
    return result
