"""axe-core in real Chromium: no serious or critical WCAG 2.1 A/AA violations."""

import json

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "municipality": "/gemeenten/deventer/",
    "practice": "/praktijkvoorbeelden/deventer-gelukkige-burgers/",
    "expert": "/organisaties/raster/marloes-hendriks/",
    "search": "/zoeken/?q=eenzaamheid",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violations(page, axe_script, name):
    response = page.goto(PAGES[name])
    assert response.ok, f"{PAGES[name]} answered {response.status}"
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert results["passes"], "axe ran no checks"
    blocking = [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)
