"""axe-core in real Chromium: no serious or critical WCAG 2.1 A/AA violations."""

import json

import pytest

from tests.browser.conftest import blocking_violations

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
def test_no_serious_or_critical_accessibility_violations(page, axe_script, name):
    response = page.goto(PAGES[name])
    assert response.ok, f"{PAGES[name]} answered {response.status}"
    blocking = blocking_violations(page, axe_script)
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)
