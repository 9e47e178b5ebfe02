from wagtail.models import Site


def site_navigation(request):
    """The main menu: the home page's children that are shown in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": [], "site_root": None}
    root = site.root_page
    return {
        "site_root": root,
        "main_menu": root.get_children().live().public().in_menu(),
    }
