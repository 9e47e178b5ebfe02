from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsageConfig(AppConfig):
    name = "usage"
    verbose_name = _("Gebruikscijfers")

    def ready(self):
        from search.events import searched
        from usage.counting import count_search

        searched.connect(count_search, dispatch_uid="usage.count_search")
