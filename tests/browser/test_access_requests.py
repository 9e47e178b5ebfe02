"""Asking for access and granting it, end to end in Chromium: a member asks on the page,
the report's editor grants it in the admin, the member reads the report; the new pages
are axe clean in both languages."""

import json

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from documents.models import ReportPage, ReportSection
from notifications.models import Follow
from tests.browser.conftest import accessibility_violations
from tests.factories import CommunityFactory, ReportFactory, publishers_group
from wijkwijs.findable import records_changed
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.browser
PASSWORD = "browser-wachtwoord-1"
SECRET = "De reigerkolonie telde veertig nesten achter de zuiveringsplas."


@pytest.fixture
def world(site, django_user_model):
    noord = CommunityFactory(title="Kring Reigers", members_group=Group.objects.create(name="R"))
    report = ReportFactory(
        title="Kolonieverslag", visibility=Visibility.COMMUNITIES, shared_with=[noord]
    )
    ReportSection.objects.create(
        report=report, position=0, heading="Telling", level=1, anchor="telling", text=SECRET
    )
    records_changed.send(sender=ReportPage, page=report)
    editors = publishers_group("Redactie verslagen", report.get_parent())
    editor = django_user_model.objects.create_user(
        "verslagredacteur", "r@example.invalid", PASSWORD
    )
    editor.groups.add(editors)
    member = django_user_model.objects.create_user("reigerlid", "l@example.invalid", PASSWORD)
    Follow.objects.create(user=member, page=noord)
    return {"report": report, "member": member, "editor": editor}


def log_in(page, username, next_url):
    page.goto(f"/_util/login/?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def assert_axe_clean(page, axe_script):
    violations = accessibility_violations(page, axe_script)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


def test_ask_grant_and_read(page, axe_script, world):
    report = world["report"]
    log_in(page, "reigerlid", report.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegang vragen")
    assert SECRET not in page.content()
    assert_axe_clean(page, axe_script)
    page.get_by_role("button", name="Verzoek versturen").click()  # no reason yet
    expect(page.get_by_role("alert")).to_contain_text("verplicht")
    page.get_by_label("Waarom wilt u toegang?").fill("Ik tel reigers in Zuid en wil vergelijken.")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("U krijgt bericht")
    page.goto("/meldingen/")
    expect(page.get_by_role("cell", name="In behandeling")).to_be_visible()
    assert_axe_clean(page, axe_script)

    page.context.clear_cookies()
    log_in(page, "verslagredacteur", "/beheer/toegangsverzoeken/")
    page.get_by_role("link", name="Kolonieverslag").click()
    reason = page.get_by_role("definition").filter(has_text="Ik tel reigers in Zuid")
    expect(reason).to_be_visible()
    page.get_by_label("Toegang geven").check()
    page.get_by_label("Toelichting voor de aanvrager").fill("Graag gedaan.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("body")).to_contain_text("Toegang gegeven")

    page.context.clear_cookies()
    log_in(page, "reigerlid", report.url)
    expect(page.locator("main")).to_contain_text(SECRET)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_notification_pages_are_axe_clean(page, axe_script, world, language):
    log_in(page, "reigerlid", "/meldingen/")
    if language == "en":
        page.get_by_label("Taal").select_option("en")
        page.get_by_role("button", name="Kies taal").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My notifications")
    assert_axe_clean(page, axe_script)
    page.goto(world["report"].url)
    assert_axe_clean(page, axe_script)
    page.goto("/themas/eenzaamheid/")
    page.get_by_role("button", name="Volg" if language == "nl" else "Follow").first.click()
    unfollow = "Niet meer volgen" if language == "nl" else "Unfollow"
    expect(page.get_by_role("button", name=unfollow)).to_be_visible()
    assert_axe_clean(page, axe_script)


def test_the_reason_box_is_as_wide_as_the_form(page, world):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "reigerlid", world["report"].url)
    reason = page.get_by_role("textbox", name="Waarom wilt u toegang?")
    form = page.locator("form.ww-form")
    assert reason.bounding_box()["width"] == form.bounding_box()["width"] >= 440
