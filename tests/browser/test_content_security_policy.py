"""The Content-Security-Policy is enforced by a real browser: script that finds its way
into a public page does not run, while the site itself works."""

import pytest

pytestmark = pytest.mark.browser


def test_injected_inline_script_does_not_run_on_the_public_site(browser, site):
    context = browser.new_context(base_url=site, locale="nl-NL")  # CSP enforced
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto("/zoeken/?q=wijkteam")
    assert page.get_by_role("heading", level=1).count() == 1  # the page itself rendered
    ran = page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injectedScriptRan = true";
            document.body.appendChild(script);
            return window.injectedScriptRan === true;
        }"""
    )
    context.close()
    assert ran is False
    assert any("Content Security Policy" in text for text in refused)
