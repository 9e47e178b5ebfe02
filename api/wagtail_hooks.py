from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from api.models import TokenScope


class TokenScopeViewSet(ModelViewSet):
    model = TokenScope
    menu_label = _("API-bevoegdheden")
    icon = "key"
    add_to_settings_menu = True
    form_fields = ["token", "scope"]
    list_display = ["token", "scope"]
    list_filter = ["scope"]


@hooks.register("register_admin_viewset")
def register_token_scopes():
    return TokenScopeViewSet("api_token_scopes")
