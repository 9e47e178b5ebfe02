"""A visitor finds their way: home → municipality → practice → expert profile."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_goes_from_home_to_an_expert_through_municipality_and_practice(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijkwijs")

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Gemeenten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeenten")

    page.get_by_role("link", name="Deventer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deventer")
    expect(page.get_by_role("table")).to_contain_text("Van onderop")

    page.get_by_role("link", name="Deventer: gelukkige burgers als doel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Deventer: gelukkige burgers als doel"
    )
    expect(page.get_by_role("heading", name="Werkzame elementen")).to_be_visible()

    page.get_by_role("link", name="Marloes Hendriks").click()
    expect(page).to_have_url(re.compile(r"/organisaties/raster/marloes-hendriks/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Marloes Hendriks")
    expect(page.get_by_text("Opbouwwerker in het wijkteam")).to_be_visible()
    # Evidence links back: the practice the expert is a contact for.
    expect(page.get_by_role("link", name="Deventer: gelukkige burgers als doel")).to_be_visible()


def test_listing_filters_work_with_the_keyboard_only(page):
    page.goto("/praktijkvoorbeelden/")
    page.get_by_label("Thema", exact=True).select_option(label="Eenzaamheid")
    page.get_by_label("Gemeente", exact=True).focus()
    page.get_by_label("Gemeente", exact=True).select_option(label="Oss")
    page.get_by_role("button", name="Filter toepassen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 resultaat")
    expect(page.get_by_role("link", name="Oss: buiten de lijntjes kleuren")).to_be_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    page.goto("/gemeenten/oss/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
