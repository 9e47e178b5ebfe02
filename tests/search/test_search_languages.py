"""Search in the visitor's language."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "label"), [("nl", "Thema"), ("en", "Theme")])
def test_a_suggestion_names_its_kind_in_the_visitors_language(client, language, label):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    found = client.get("/api/v1/search/autocomplete/", {"q": "eenzaamh"}).json()["suggestions"]
    theme = next(suggestion for suggestion in found if suggestion["type"] == "thema")
    assert theme["type_label"] == label
