from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertiseConfig(AppConfig):
    name = "expertise"
    verbose_name = _("Expertise: organisaties en experts")

    def ready(self):
        from expertise.finding import expert_answers
        from expertise.signals import connect
        from search.intents import register

        connect()
        register("expert", expert_answers)
