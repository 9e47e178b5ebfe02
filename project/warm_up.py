"""What a server process loads before its first answer, so no visitor waits for it.

Left to the first requests, each worker imports the views behind the URLs, compiles the
templates and reads the translations and the Dutch lexicon while people wait: a few hundred
milliseconds on each of a worker's first answers. gunicorn.conf.py calls ``warm_up`` in every
new worker.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils import translation

from search import lexicon

logger = logging.getLogger(__name__)


def templates():
    """The names of the site's own templates (those of the project and its apps)."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        Path(settings.BASE_DIR) / app / "templates"
        for app in settings.INSTALLED_APPS
        if "." not in app and (Path(settings.BASE_DIR) / app / "templates").is_dir()
    ]
    return sorted(
        {str(path.relative_to(folder)) for folder in folders for path in folder.rglob("*.html")}
    )


def warm_up():
    reverse("search")  # imports every URL pattern's view, the API and its schemas
    lexicon.frequencies()  # Dutch's common words, for the first search's compounds
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Zoeken")  # reads the catalogue
    engine = engines["django"]
    for name in templates():
        try:
            engine.get_template(name)  # compiled once, then kept by the cached loader
        except TemplateSyntaxError:  # the pages using it say so, as without a warm-up
            logger.exception("template %s does not compile", name)
