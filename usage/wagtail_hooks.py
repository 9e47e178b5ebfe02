from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from usage import views
from usage.counting import count_download, count_page_view


@hooks.register("before_serve_page")
def count_view(page, request, serve_args, serve_kwargs):
    # Only what the visitor may see counts (a refused view is not a view).
    may_see = getattr(page, "is_visible_to", None)
    if request.method == "GET" and (may_see is None or may_see(request.user)):
        count_page_view(page, request)


@hooks.register("before_serve_document", order=100)  # after the access check
def count_document(document, request):
    if request.method == "GET":
        count_download(document)


@hooks.register("register_admin_urls")
def usage_urls():
    return [path("gebruik/", views.usage_report, name="usage_report")]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff


@hooks.register("register_reports_menu_item")
def usage_menu_item():
    return EditorsMenuItem(_("Zoeken en gebruik"), reverse("usage_report"), icon_name="search")
