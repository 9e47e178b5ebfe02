from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from documents.admin_views import (
    ImportReportView,
    ImportStatusView,
    RetryImportView,
    ReviewReportView,
)
from documents.models import ReportPage


@hooks.register("register_admin_urls")
def register_document_urls():
    return [
        path("rapporten/importeren/", ImportReportView.as_view(), name="documents_import"),
        path(
            "rapporten/importeren/<str:task_id>/",
            ImportStatusView.as_view(),
            name="documents_import_status",
        ),
        path(
            "rapporten/importeren/<str:task_id>/opnieuw/",
            RetryImportView.as_view(),
            name="documents_import_retry",
        ),
        path(
            "rapporten/<int:report_id>/indeling/",
            ReviewReportView.as_view(),
            name="documents_review",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(
        _("Rapport importeren"),
        reverse("documents_import"),
        icon_name="doc-full-inverse",
        order=250,
    )


class ReviewReportButton(PageMenuItem):
    label = _("Indeling controleren")
    icon_name = "list-ol"
    url_name = "documents_review"
    priority = 12

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def review_button(page, user, view_name, next_url=None):
    if page.specific_class is ReportPage:
        yield ReviewReportButton(page=page)
