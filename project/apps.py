from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The top of the package graph: settings, URLs and the demo loader, which assemble
    the site from the apps below (``[tool.importlinter]`` in pyproject.toml)."""

    name = "project"
    verbose_name = _("Wijkwijs: de site")
