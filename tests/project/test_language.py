"""Dutch first, English on request."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_dutch_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Direct naar de inhoud" in html


def test_language_switch_sets_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_language_is_offered_in_its_own_name(client, language):
    # Marked lang="en", the English option must read "English" for a screen reader and for
    # someone who reads no Dutch, not "Engels".
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/").content.decode()
    assert '<option value="en" lang="en"' in html
    assert ">English</option>" in html and ">Nederlands</option>" in html
    assert ">Engels</option>" not in html
