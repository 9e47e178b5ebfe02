from wagtail import hooks

from wijkwijs.admin_scope import admin_visible_pages


@hooks.register("construct_page_chooser_queryset")
def choosable_pages(pages, request):
    """The page chooser lists (and finds) only what this user may see in the admin."""
    return admin_visible_pages(request.user, pages)
