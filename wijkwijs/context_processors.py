from wagtail.models import Site

from wijkwijs.remembered import remembered


def site_navigation(request):
    """The main menu: the home page's children that are shown in menus, the same for
    everyone (public pages only), read once per version of the content."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": [], "site_root": None}
    root = site.root_page
    return {
        "site_root": root,
        "main_menu": remembered(
            "main menu", root.pk, lambda: list(root.get_children().live().public().in_menu())
        ),
    }
