from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessRequestsConfig(AppConfig):
    name = "access_requests"
    verbose_name = _("Toegangsverzoeken")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from access_requests.grants import granted_page_ids
        from wijkwijs.visibility import register_grant_source

        register_grant_source(granted_page_ids)
