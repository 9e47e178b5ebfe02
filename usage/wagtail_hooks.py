from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from usage import views
from usage.counting import count_download, count_page_view


@hooks.register("on_serve_page")
def count_view(serve_page):
    """A page view counts once the page has served it: a refused view (404, the way to log
    in) is not a view, and the page's own visibility check is not made twice."""

    def counting(page, request, serve_args, serve_kwargs):
        response = serve_page(page, request, serve_args, serve_kwargs)
        if request.method == "GET" and response.status_code == 200:
            count_page_view(page, request)
        return response

    return counting


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
