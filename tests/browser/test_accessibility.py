"""axe-core in real Chromium: no WCAG 2.1 A/AA violations of any impact."""

import json

import pytest

from tests.browser.conftest import accessibility_violations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "municipality": "/gemeenten/deventer/",
    "practice": "/praktijkvoorbeelden/deventer-gelukkige-burgers/",
    "expert": "/organisaties/raster/marloes-hendriks/",
    "organisation": "/organisaties/raster/",
    "theme": "/themas/eenzaamheid/",
    "search": "/zoeken/?q=eenzaamheid",
    "who knows what": "/wie-weet-wat/?vraag=wie+weet+iets+van+eenzaamheid",
    "citation": "/publicaties/voortgangsrapportage-integraal-wijkgericht-werken-2013/citatie/",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(page, axe_script, name):
    response = page.goto(PAGES[name])
    assert response.ok, f"{PAGES[name]} answered {response.status}"
    violations = accessibility_violations(page, axe_script)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)
