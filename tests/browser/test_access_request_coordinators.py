"""The demo's ask-for-access flow in Chromium, as each role: the newcomer asks on the
community's members-only case discussion, the coordinator (no admin) decides on the site
with the keyboard, the newcomer reads it; the coordinator's pages are axe clean in both
languages."""

import datetime
import json

import pytest
from playwright.sync_api import expect

from project.demo import ensure_demo_users
from tests.browser.conftest import SCREENSHOTS, accessibility_violations
from wijkwijs.models import MeetingPage

pytestmark = pytest.mark.browser
CASE_NOTES = "De vrijwilligers bleven weg toen de drukte toenam"


@pytest.fixture
def meeting(site):
    logins = {username: password for username, password, _ in ensure_demo_users()}
    case = MeetingPage.objects.get(slug="2024-09-casus-volle-buurtkamer")
    return {"url": case.url, "title": case.title, "logins": logins}


def log_in(page, logins, username, next_url):
    page.context.clear_cookies()
    page.goto(f"/_util/login/?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(logins[username])
    page.get_by_role("button", name="Inloggen").click()


def choose_english(page):
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies taal").click()


def assert_axe_clean(page, axe_script, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"access-coordinator-{name}.png"), full_page=True)
    violations = accessibility_violations(page, axe_script)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


def test_newcomer_asks_coordinator_decides_on_the_site_newcomer_reads(page, axe_script, meeting):
    logins = meeting["logins"]
    log_in(page, logins, "nieuwkomer", meeting["url"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegang vragen")
    assert CASE_NOTES not in page.content() and meeting["title"] not in page.content()
    page.get_by_label("Waarom wilt u toegang?").fill("Wij openen zelf een buurtkamer.")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("U krijgt bericht")

    log_in(page, logins, "coordinator", "/meldingen/")
    expect(page.get_by_role("link", name="Beheer")).to_have_count(0)  # no admin
    page.get_by_role("link", name="1 toegangsverzoek wacht op uw besluit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangsverzoeken om te beslissen")
    expect(page.get_by_role("cell", name="Wij openen zelf een buurtkamer.")).to_be_visible()
    assert_axe_clean(page, axe_script, "list")
    page.get_by_role("link", name=f"Beslissen over nieuwkomer: {meeting['title']}").click()
    page.get_by_label("Weigeren").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_role("alert")).to_have_text("Leg de aanvrager uit waarom.")
    expect(page.get_by_label("Toelichting voor de aanvrager")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_axe_clean(page, axe_script, "refusal-without-reason")

    # The choice with the arrow keys, and Enter on the button the message tabs to.
    page.get_by_label("Weigeren").focus()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Toegang geven")).to_be_checked()
    until = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Toegang tot en met").fill(until.isoformat())
    message = page.get_by_label("Toelichting voor de aanvrager")
    message.fill("Welkom bij de kring.")
    message.press("Tab")
    expect(page.get_by_role("button", name="Besluit opslaan")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Toegang gegeven")
    expect(page.get_by_text("Geen open verzoeken")).to_be_visible()

    log_in(page, logins, "nieuwkomer", meeting["url"])
    expect(page.locator("main")).to_contain_text(CASE_NOTES)
    page.goto("/meldingen/")
    expect(page.get_by_role("cell", name="Toegekend")).to_be_visible()


def test_the_coordinators_pages_are_axe_clean_in_english(page, axe_script, meeting):
    logins = meeting["logins"]
    log_in(page, logins, "lid", meeting["url"])
    page.get_by_label("Waarom wilt u toegang?").fill("Ik coördineer zelf een inloop.")
    page.get_by_role("button", name="Verzoek versturen").click()
    log_in(page, logins, "coordinator", "/toegang/verzoeken/")
    choose_english(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Access requests to decide")
    assert_axe_clean(page, axe_script, "list-en")
    page.get_by_role("link", name=f"Decide on lid: {meeting['title']}").click()
    expect(page.get_by_role("group", name="Decision")).to_be_visible()
    assert_axe_clean(page, axe_script, "decide-en")
    log_in(page, logins, "redactie-dock", "/toegang/verzoeken/")  # decides nothing here
    expect(page.get_by_role("cell")).to_have_count(0)
