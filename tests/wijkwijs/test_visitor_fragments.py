"""Parts of pages rendered once for all visitors (wijkwijs.fragments): what a visitor gets
is never older than the last publish, and never what a signed-in user saw."""

import pytest
from django.conf import settings
from django.core.cache import cache

from documents.models import ReportAuthor
from tests.factories import (
    ExpertFactory,
    OrganisationFactory,
    ReportFactory,
    ThemeFactory,
    add_sections,
)
from wijkwijs import remembered
from wijkwijs.models import HomePage, ThemePage
from wijkwijs.site_structure import ensure_site_structure
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


def home(client):
    return client.get("/").content.decode()


def test_a_published_page_reaches_visitors_of_the_home_page_at_once(client):
    assert "Buurtsoep" not in home(client)  # the home page is now kept
    theme = ThemeFactory(title="Buurtsoep")  # the home page lists every theme
    assert "Buurtsoep" in home(client)
    theme.unpublish()
    assert "Buurtsoep" not in home(client)


def test_a_page_outside_the_index_changed_reaches_visitors_at_once(client):
    """The home page itself is not in the search index: its publish alone gives a new version."""
    home(client)
    page = HomePage.objects.get()
    page.intro = "Nieuwe inleiding over de wijkkennis."
    page.save_revision().publish()
    assert "Nieuwe inleiding over de wijkkennis." in home(client)


@pytest.fixture
def report_by_a_members_only_expert():
    """A public report whose author's profile only members may see: visitors get the
    author's name, members a link to the profile."""
    expert = ExpertFactory(
        title="Wendela Ackerman", parent=OrganisationFactory(), visibility=Visibility.MEMBERS
    )
    report = ReportFactory(
        title="Evaluatie wijkbudget",
        authors=[ReportAuthor(name="Wendela Ackerman", expert=expert)],
    )
    return report, expert


def test_what_a_member_was_shown_never_reaches_a_visitor(
    client, member, report_by_a_members_only_expert
):
    report, expert = report_by_a_members_only_expert
    visitor_before = client.get(report.url).content.decode()
    client.force_login(member)
    assert f'href="{expert.url}"' in client.get(report.url).content.decode()
    client.logout()
    assert "Wendela Ackerman" in visitor_before
    assert f'href="{expert.url}"' not in visitor_before
    assert f'href="{expert.url}"' not in client.get(report.url).content.decode()


def test_a_member_is_shown_their_own_view_not_the_visitors_one(
    client, member, report_by_a_members_only_expert
):
    report, expert = report_by_a_members_only_expert
    assert f'href="{expert.url}"' not in client.get(report.url).content.decode()  # now kept
    client.force_login(member)
    assert f'href="{expert.url}"' in client.get(report.url).content.decode()


def test_each_language_is_kept_apart(client):
    dutch = home(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = home(client)
    assert "Verken het platform" in dutch
    assert "Verken het platform" not in english


def test_a_report_republished_shows_its_new_text_to_visitors(client):
    report = ReportFactory(title="Evaluatie buurtkamers")
    add_sections(report, ["Aanleiding"])
    assert "Aanleiding" in client.get(report.url).content.decode()
    report.title = "Evaluatie buurtkamers (herzien)"
    report.save_revision().publish()
    assert "Evaluatie buurtkamers (herzien)" in client.get(report.url).content.decode()


def test_a_report_made_members_only_is_no_longer_shown_to_visitors(client):
    report = ReportFactory(title="Evaluatie wijkteams")
    assert client.get(report.url).status_code == 200
    report.visibility = Visibility.MEMBERS
    report.save_revision().publish()
    assert client.get(report.url).status_code == 302  # to the login


def test_a_page_added_to_the_menu_appears_in_it(client):
    index = ensure_site_structure().practices
    index.show_in_menus = False
    index.save_revision().publish()
    assert f'href="{index.url}"' not in home(client)
    index.show_in_menus = True
    index.save_revision().publish()
    assert f'class="utrecht-nav-list__link" href="{index.url}"' in home(client)


def test_a_change_another_worker_committed_reaches_visitors_here_at_once(client):
    theme = ThemeFactory(title="Buurtsoep")
    assert "Buurtsoep" in home(client)
    # Another process changed the theme and, on commit, gave the content a new version;
    # this process remembers the old one for up to a second.
    ThemePage.objects.filter(pk=theme.pk).update(title="Straatsoep")
    cache.set(remembered.VERSION_KEY, "set by another worker", timeout=None)
    assert "Straatsoep" in home(client)
