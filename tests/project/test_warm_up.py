"""A new server process compiles the site's templates before its first request
(project/warm_up.py, called by gunicorn.conf.py for every worker)."""

import runpy
from pathlib import Path

from django.template import engines

import project

GUNICORN_CONFIG = Path(project.__file__).resolve().parent.parent / "gunicorn.conf.py"


def compiled():
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    return set(loader.get_template_cache)


def test_a_new_worker_has_the_pages_templates_compiled_before_its_first_request():
    engines["django"].engine.template_loaders[0].reset()
    assert "documents/report_page.html" not in compiled()
    runpy.run_path(str(GUNICORN_CONFIG))["post_worker_init"](worker=None)
    assert {
        "base.html",
        "wijkwijs/home_page.html",
        "documents/report_page.html",
        "search/search.html",
        "includes/card_list.html",
    } <= compiled()


def test_a_new_worker_has_read_the_dutch_lexicon_before_its_first_search():
    from search import lexicon

    lexicon.frequencies.cache_clear()
    runpy.run_path(str(GUNICORN_CONFIG))["post_worker_init"](worker=None)
    assert lexicon.frequencies.cache_info().currsize == 1
