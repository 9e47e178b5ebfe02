"""Comparing municipalities in real headless Chromium: choose, read, download, with a
keyboard and without accessibility violations."""

import csv
import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import accessibility_violations

pytestmark = pytest.mark.browser


def test_choose_municipalities_read_the_table_and_download_the_csv(page, axe_script):
    page.goto("/gemeenten/")
    page.get_by_role("main").get_by_role("link", name="Gemeenten vergelijken").click()
    for name in ("Wijk bij Duurstede", "Utrecht", "Heerlen"):
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Vergelijk").click()

    table = page.locator("table.ww-comparison")
    headings = table.locator("thead th").all_inner_texts()
    assert headings == ["Onderwerp", "Heerlen", "Utrecht", "Wijk bij Duurstede"]
    population = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Inwoners"))
    cells = population.locator("td").all_inner_texts()
    assert "23.000" in cells[2] and "bron" in cells[2]  # value, date and source together
    assert "—" in cells[0] and "geen gegeven" in cells[0]  # Heerlen has none: said, not blank
    assert "bron" not in cells[0]
    team_model = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Teammodel"))
    source = team_model.locator("td").nth(1).get_by_role("link")
    assert "voortgangsrapportage" in source.get_attribute("href")

    expect(page.locator("#header-search")).to_have_value("")  # not the comparison's query
    # Only Wijk bij Duurstede has a population: a chart of one bar would compare nothing.
    expect(page.get_by_role("img", name="Inwoners")).to_have_count(0)
    expect(page.get_by_role("rowheader", name="Teammodel")).to_have_count(1)
    assert "Teammodel" not in team_model.locator("td").all_inner_texts()[1]  # value ≠ topic

    blocking = accessibility_violations(page, axe_script)
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download de vergelijking als CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:  # Dutch Excel's CSV
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {row["gemeente"] for row in rows} == {"Heerlen", "Utrecht", "Wijk bij Duurstede"}
    inhabitants = [row for row in rows if row["onderwerp"] == "Inwoners"]
    assert [(row["gemeente"], row["getal"]) for row in inhabitants] == [
        ("Wijk bij Duurstede", "23000")
    ]
    assert all(row["peildatum"] and row["bron"] for row in rows)


def test_a_choice_outside_two_to_six_is_explained_and_keyboard_reachable(page, axe_script):
    page.goto("/gemeenten-vergelijken/")
    page.get_by_label("Deventer", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Vergelijk").press("Enter")
    alert = page.get_by_role("alert")
    assert "minimaal 2" in alert.inner_text()
    assert page.get_by_label("Deventer", exact=True).is_checked()  # the choice is kept
    assert page.locator("table.ww-comparison").count() == 0
    blocking = accessibility_violations(page, axe_script)
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)
