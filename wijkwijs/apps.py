from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WijkwijsConfig(AppConfig):
    name = "wijkwijs"
    verbose_name = _("Wijkwijs: gemeenten, thema's en kennisgemeenschappen")

    def ready(self):
        from wijkwijs import fragments, login_limits, publication, vocabulary

        fragments.connect()
        login_limits.connect()
        publication.connect()
        vocabulary.connect()
