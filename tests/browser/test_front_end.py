"""The site as people see it, in real Chromium: styled by the NL Design System stylesheet,
responsive, accessible (axe-core, WCAG 2.1 A/AA, zero violations of any impact) in both
languages signed in and out, and usable with the keyboard alone.

Screenshots of the main pages at phone and desktop width are kept in var/screenshots.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, accessibility_violations

pytestmark = pytest.mark.browser

REPORT = "/publicaties/voortgangsrapportage-integraal-wijkgericht-werken-2013/"
MAIN_PAGES = {
    "home": "/",
    "search": "/zoeken/?q=eenzaamheid&type=expert",
    "expert-finder": "/wie-weet-wat/?vraag=wie+weet+iets+van+eenzaamheid",
    "comparison": "/gemeenten-vergelijken/?gemeente=deventer&gemeente=oss&gemeente=utrecht",
    "municipality": "/gemeenten/deventer/",
    "practice": "/praktijkvoorbeelden/deventer-gelukkige-burgers/",
    "expert": "/organisaties/raster/marloes-hendriks/",
    "report": REPORT,
}
EVERY_PAGE_TYPE = {
    **MAIN_PAGES,
    "listing": "/praktijkvoorbeelden/?thema=eenzaamheid",
    "organisation": "/organisaties/raster/",
    "theme": "/themas/eenzaamheid/",
    "community": "/kennisgemeenschappen/",
    "citation": f"{REPORT}citatie/",
    "comparison-error": "/gemeenten-vergelijken/?gemeente=deventer",
    "login": "/_util/login/",
    "not-found": "/bestaat-niet/",
}
WIDTHS = (375, 1280)
MEMBER, PASSWORD = "lid-browser", "een-lang-wachtwoord-1"


def sign_in(page, django_user_model):
    django_user_model.objects.create_user(MEMBER, password=PASSWORD)
    page.goto("/_util/login/?next=/")
    page.get_by_label("Gebruikersnaam").fill(MEMBER)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_screenshots_of_the_main_pages_without_sideways_scrolling(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflowing = {}
    for name, path in MAIN_PAGES.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.goto(path).ok, path
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                overflowing[f"{name} at {width}px"] = scroll_width
    assert not overflowing, f"pages wider than the screen: {overflowing}"
    assert (SCREENSHOTS / "home-375.png").stat().st_size > 10_000


def resolved(page, token, property_name="color"):
    """The computed value a design token gives ``property_name`` on the body."""
    return page.evaluate(
        """([token, property]) => {
            const probe = document.createElement('span');
            probe.style.setProperty(property, `var(${token})`);
            document.body.append(probe);
            const value = getComputedStyle(probe).getPropertyValue(property);
            probe.remove();
            return value;
        }""",
        [token, property_name],
    )


def test_the_nl_design_system_stylesheet_and_wijkwijs_tokens_are_applied(page):
    page.goto("/gemeenten/deventer/")
    body = page.evaluate(
        "() => { const s = getComputedStyle(document.body);"
        " return {font: s.fontFamily, color: s.color, size: s.fontSize}; }"
    )
    assert body["font"] == resolved(page, "--utrecht-document-font-family", "font-family")
    assert "Segoe UI" in body["font"] and "Times" not in body["font"]  # ours, not the default
    assert body["color"] == resolved(page, "--wijkwijs-color-text") == "rgb(27, 31, 35)"
    assert body["size"] == "17px"  # the Wijkwijs type scale

    for link in (page.locator("main a.utrecht-link").first, page.locator("main .ww-card a").first):
        link_color = link.evaluate("a => getComputedStyle(a).color")
        assert link_color == resolved(page, "--utrecht-link-color") == "rgb(13, 92, 99)"
    button = page.locator("header .utrecht-button--primary-action").first
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(13, 92, 99)"

    # Focus is visible: a solid outline of at least 2px on whatever the keyboard reaches.
    for _tab in range(4):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, outline


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_no_accessibility_violations_on_any_page_type(
    page, site, axe_script, django_user_model, language, signed_in
):
    if signed_in:
        sign_in(page, django_user_model)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    pages = dict(EVERY_PAGE_TYPE)
    if signed_in:
        pages["remove-profile"] = "/mijn-profiel/verwijderen/"
    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status in {200, 400, 404}, f"{path} answered {response.status}"
        assert page.locator("html").get_attribute("lang") == language
        violations = accessibility_violations(page, axe_script)
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


def tab_until(page, locator, limit=40):
    """Press Tab until ``locator`` has focus; the number of presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return presses
    pytest.fail(f"{locator} not reached in {limit} Tab presses")


def test_keyboard_only_search_to_a_result(page):
    page.goto("/")
    tab_until(page, page.get_by_label("Waar zoekt u kennis over?"))
    page.keyboard.type("eenzaamheid")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=eenzaamheid"))

    # Past the header, menu and facets in three presses: the skip link to the results.
    skip = page.get_by_role("link", name="Naar de resultaten")
    assert tab_until(page, skip) == 2
    page.keyboard.press("Enter")
    first_result = page.locator(".ww-hit__title a").first
    assert tab_until(page, first_result) == 1
    title = first_result.inner_text()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title.split(" › ")[-1])


def test_keyboard_only_expert_finder_to_an_expert(page):
    page.goto("/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    tab_until(page, menu.get_by_role("link", name="Wie weet wat?"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie weet wat?")
    tab_until(page, page.get_by_label("Uw vraag"))
    page.keyboard.type("wie weet iets van eenzaamheid in Deventer")
    page.keyboard.press("Enter")
    expert = page.locator(".ww-experts .ww-hit__title a").first
    expect(expert).to_be_visible()
    name = expert.inner_text()
    tab_until(page, expert)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Contact", exact=True)).to_be_visible()


def test_autocomplete_is_a_combobox_the_keyboard_can_use(page):
    page.goto("/zoeken/")
    box = page.get_by_role("combobox", name="Zoekterm")
    box.fill("eenzaam")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")  # opens the chosen suggestion, not a search for the typed text
    expect(page).not_to_have_url(re.compile(r"/zoeken/"))


def test_a_filter_applies_when_chosen_and_can_be_removed(page):
    page.goto("/zoeken/?q=eenzaamheid")
    expect(page.get_by_role("button", name="Filter toepassen")).to_be_hidden()  # JS applies
    page.get_by_role("checkbox", name=re.compile(r"^Expert")).check()
    expect(page).to_have_url(re.compile(r"type=expert"))
    expect(page.get_by_role("checkbox", name=re.compile(r"^Expert"))).to_be_focused()
    # The other types stay selectable: a result has one type, so they mean "or".
    expect(page.get_by_role("checkbox", name=re.compile(r"^Praktijkvoorbeeld"))).to_be_visible()
    chosen = page.get_by_role("link", name=re.compile(r"Filter verwijderen: Soort inhoud: Expert"))
    chosen.click()
    expect(page).not_to_have_url(re.compile(r"type=expert"))


def test_without_javascript_the_filter_button_applies_the_filters(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/zoeken/?q=eenzaamheid")
    page.get_by_role("checkbox", name=re.compile(r"^Expert")).check()
    page.get_by_role("button", name="Filter toepassen").click()
    expect(page).to_have_url(re.compile(r"type=expert"))
    context.close()


@pytest.mark.parametrize(
    ("language", "shown"), [("nl", "Eenzaamheid · Thema"), ("en", "Loneliness · Theme")]
)
def test_a_suggestion_reads_as_its_title_then_its_kind(page, site, language, shown):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto("/zoeken/")
    page.locator("#search-query").fill("eenzaamh")
    option = page.get_by_role("listbox").get_by_role("option").first
    expect(option).to_have_text(shown)
    assert option.inner_text() == shown  # as laid out: on one line, spaced


@pytest.mark.parametrize("language", ["nl", "en"])
def test_signing_in_adds_no_line_to_the_header_at_desktop_width(
    page, site, django_user_model, language
):
    page.set_viewport_size({"width": 1280, "height": 900})
    in_language = [{"name": "django_language", "value": language, "url": site}]
    header = page.locator("header.ww-header")
    page.context.add_cookies(in_language)
    page.goto("/")
    signed_out = header.bounding_box()["height"]
    page.context.clear_cookies()
    sign_in(page, django_user_model)  # (in Dutch)
    page.context.add_cookies(in_language)
    page.goto("/")
    assert header.bounding_box()["height"] == signed_out
    # The search box and the account's controls each stay on one line.
    search = page.get_by_role("search").first.bounding_box()
    assert search["height"] < 60
    account = page.locator(".ww-account").bounding_box()
    assert account["height"] < 60
