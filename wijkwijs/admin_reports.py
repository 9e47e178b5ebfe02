"""Wagtail's admin reports, scoped to what the user may see (``wijkwijs.admin_scope``)."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from wijkwijs.admin_scope import admin_visible_pages, sees_everything


class ScopedPageTypesUsageReport(PageTypesUsageReportView):
    """Wagtail's page-types report, counting and naming as "last edited" only pages this
    user may see in the admin; of a page the user may not edit it shows the live title,
    not a draft's."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if sees_everything(self.request.user):
            return queryset
        pages = self.visible_pages().filter(content_type=OuterRef("pk")).order_by()
        counted = pages.values("content_type").annotate(n=Count("pk")).values("n")
        newest = pages.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Coalesce(Subquery(counted, output_field=IntegerField()), 0),
            last_edited_page_id=Subquery(newest.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")

    def visible_pages(self):
        """The pages counted: those this user may see, in the chosen locale and site."""
        pages = admin_visible_pages(self.request.user, Page.objects.filter(depth__gt=1))
        language_code = self.filters.form.cleaned_data.get("page_locale")
        site_root_path = self.filters.form.cleaned_data.get("site")
        if language_code:
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path:
            pages = pages.filter(path__startswith=site_root_path)
        return pages

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        for item in page_types:
            page = item.last_edited_page
            if page and not page.permissions_for_user(self.request.user).can_edit():
                page.draft_title = page.title  # a draft is for those who may edit it
        return page_types
