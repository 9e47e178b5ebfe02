from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from access_requests import admin_views
from access_requests.rules import may_request
from access_requests.views import request_access_page
from wijkwijs.visibility import VisibilityMixin

admin_urls = (
    [
        path("", admin_views.AccessRequestIndexView.as_view(), name="index"),
        path("<int:request_id>/", admin_views.DecideView.as_view(), name="decide"),
    ],
    "access_requests_admin",
)


@hooks.register("register_admin_urls")
def register_access_request_urls():
    return [path("toegangsverzoeken/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_access_request_menu_item():
    return MenuItem(
        _("Toegangsverzoeken"),
        reverse("access_requests_admin:index"),
        icon_name="lock-open",
        order=260,
    )


@hooks.register("before_serve_page")
def offer_access_request(page, request, serve_args, serve_kwargs):
    """A signed-in member who may not see a page they may know of is offered to ask."""
    if isinstance(page, VisibilityMixin) and may_request(page, request.user):
        return request_access_page(request, page)
    return None
