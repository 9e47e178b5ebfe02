"""The interactive API documentation runs in Chromium from our own static files, within
the site's Content-Security-Policy (enforced here, not bypassed)."""

import pytest

pytestmark = pytest.mark.browser


def test_the_documentation_page_works_within_the_policy(browser, site):
    context = browser.new_context(base_url=site, locale="nl-NL")  # CSP enforced
    page = context.new_page()
    messages, outside = [], []
    page.on("console", lambda message: messages.append(message.text))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(site) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )
    page.goto("/")
    page.get_by_role("link", name="API-documentatie").click()
    page.locator(".opblock-summary-path", has_text="/api/v1/reports/{id}/").wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    operation = page.locator(".opblock-summary", has_text="/api/v1/themes/").first
    operation.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response-col_status", has_text="200").wait_for()
    context.close()
    assert len(paths) == 16
    assert outside == []  # no CDN
    assert not [text for text in messages if "Content Security Policy" in text]
