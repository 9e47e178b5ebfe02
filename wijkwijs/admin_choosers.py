"""Wagtail's page chooser, naming each page as this user may know it: a draft's new title
is for those who may edit the page; others see its live title (``wijkwijs.admin_scope``
narrows which pages are listed at all)."""

from wagtail.admin.views.chooser import BrowseView, PageTitleColumn, SearchView

from wijkwijs.admin_scope import sees_everything


class LiveTitleColumn(PageTitleColumn):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def get_cell_context_data(self, instance, parent_context):
        if (
            not sees_everything(self.user)
            and not instance.permissions_for_user(self.user).can_edit()
        ):
            instance.draft_title = instance.title  # what the admin shows as its title
        return super().get_cell_context_data(instance, parent_context)


class LiveTitles:
    @property
    def columns(self):
        return [
            LiveTitleColumn(
                column.name,
                label=column.label,
                is_multiple_choice=column.is_multiple_choice,
                user=self.request.user,
            )
            if type(column) is PageTitleColumn
            else column
            for column in super().columns
        ]


class ScopedBrowseView(LiveTitles, BrowseView):
    pass


class ScopedSearchView(LiveTitles, SearchView):
    pass
