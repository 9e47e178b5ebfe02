"""Wagtail's admin reports, scoped to what the user may see (``wijkwijs.admin_scope``)."""

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from wijkwijs.admin_scope import admin_visible_pages


class ScopedPageTypesUsageReport(PageTypesUsageReportView):
    """Wagtail's page-types report, naming as "last edited" only pages this user may see."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        allowed = set(
            admin_visible_pages(self.request.user, Page.objects.filter(pk__in=shown)).values_list(
                "pk", flat=True
            )
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in allowed:
                item.last_edited_page = None
        return page_types
