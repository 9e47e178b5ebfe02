"""What a visitor who chose English reads, and that the Dutch site stays Dutch."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.utils import translation

from wijkwijs.listing import index_page_models

pytestmark = pytest.mark.django_db


def page_title(page):
    return unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip())


def current_crumb(page):
    crumb = re.search(r'aria-current="page">([^<]*)</a></li>\s*</ol>', page).group(1)
    return unescape(crumb)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_section_index_is_named_in_the_visitors_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for model in index_page_models():
        section = model.site_section
        with translation.override(language):
            name = str(section.title)
        html = client.get(f"/{section.slug}/").content.decode()
        assert page_title(html) == f"{name} · Wijkwijs", section.slug
        assert current_crumb(html) == name, section.slug
