"""Real headless Chromium (Debian's package) driven by Playwright, against a live server.

The live server thread needs committed data, so these tests use a transactional
database; every test's flush empties it, so each test loads the demo content again.
"""

import os
from pathlib import Path

import pytest

from project.demo import DemoLoader
from tests.conftest import IN_CI

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"  # test artefacts, kept after the run
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing(what):
    if IN_CI:
        pytest.fail(f"{what} is missing under CI=true; `make test` installs it.")
    pytest.skip(f"{what} is missing; `make test` installs it")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):
    DemoLoader().run()
    return live_server.url


@pytest.fixture
def page(browser, site):
    # axe-core is injected as an inline script, which the site's CSP forbids (tested apart).
    context = browser.new_context(base_url=site, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.exists():
        missing(f"axe-core ({AXE_SCRIPT})")
    return AXE_SCRIPT


def accessibility_violations(page, axe_script) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of any impact on the page as it is now."""
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert results["passes"], "axe ran no checks"
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]
