"""An imported report in a real browser: deep links to sections, footnotes, accessibility."""

import json

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from documents import privacy
from documents.ingest.pipeline import ImportOptions, import_file
from tests.browser.conftest import accessibility_violations
from tests.conftest import CORPUS, require_corpus
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.browser


@pytest.fixture
def report_url(site, settings, tmp_path):
    require_corpus()
    settings.MEDIA_ROOT = tmp_path / "media"
    report = import_file(
        CORPUS / "hu-integraal-wijkgericht-werken-2013.txt",
        ImportOptions(visibility=Visibility.PUBLIC),
    ).report
    # The text names someone: an editor reviews it before it goes public.
    editor = get_user_model().objects.create_user("beoordelaar", is_staff=True, is_superuser=True)
    privacy.mark_reviewed(report, editor)
    report.visibility = Visibility.PUBLIC
    report.save_revision().publish()
    return report.url


def test_a_deep_link_opens_the_section_and_footnotes_link_both_ways(page, report_url):
    page.goto(f"{report_url}#1-13-wederkerigheid")
    heading = page.locator('[id="1-13-wederkerigheid-kop"]')
    expect(heading).to_contain_text("Wederkerigheid")
    expect(heading).to_be_in_viewport()

    reference = page.get_by_role("link", name="voetnoot 3")
    reference.click()
    expect(page.locator("li[id$='-voetnoot-3']")).to_contain_text("GGD Amsterdam")
    page.get_by_role("link", name="terug naar verwijzing 3").click()
    expect(reference).to_be_in_viewport()


def test_report_page_has_no_accessibility_violations(page, report_url, axe_script):
    page.goto(report_url)
    blocking = accessibility_violations(page, axe_script)
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)
