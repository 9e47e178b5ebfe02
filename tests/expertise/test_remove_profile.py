"""An expert removes their own profile: the page, its search records and every trace in
search are gone; nobody else's profile can be removed this way."""

import pytest
from django.contrib.auth.models import AnonymousUser

from expertise.models import ExpertPage
from search.models import SearchRecord
from tests.factories import ExpertFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/mijn-profiel/verwijderen/"


@pytest.fixture
def expert(django_user_model):
    account = django_user_model.objects.create_user("wilma", password="x-x-x-x-1")
    profile = ExpertFactory(
        parent=OrganisationFactory(),
        title="Wilma Waterhoen",
        role="Specialist oeverzwaluwen",
        account=account,
    )
    return profile


def test_the_expert_sees_the_link_on_their_own_profile_only(client, expert, django_user_model):
    client.force_login(expert.account)
    assert URL in client.get(expert.url).content.decode()
    client.force_login(django_user_model.objects.create_user("ander", password="x-x-x-x-1"))
    assert URL not in client.get(expert.url).content.decode()


def test_removing_deletes_the_profile_and_its_search_records(client, expert, engine):
    assert "Wilma Waterhoen" in [
        h.title for h in engine.search("oeverzwaluwen", None, AnonymousUser()).hits
    ]
    assert any("Wilma" in s.title for s in engine.suggest_titles("Wilma W", AnonymousUser()))
    client.force_login(expert.account)
    confirm = client.get(URL).content.decode()
    assert "Wilma Waterhoen" in confirm and "Ja, verwijder mijn profiel" in confirm
    response = client.post(URL, follow=True)
    assert "Het profiel van Wilma Waterhoen is verwijderd." in response.content.decode()
    assert not ExpertPage.objects.filter(title="Wilma Waterhoen").exists()
    assert not SearchRecord.objects.filter(title="Wilma Waterhoen").exists()
    hits = engine.search("oeverzwaluwen", None, AnonymousUser()).hits
    assert "Wilma Waterhoen" not in [hit.title for hit in hits]
    assert not any("Wilma" in s.title for s in engine.suggest_titles("Wilma W", AnonymousUser()))


def test_someone_without_a_profile_removes_nothing(client, expert, django_user_model):
    client.force_login(django_user_model.objects.create_user("ander", password="x-x-x-x-1"))
    assert "geen expertprofiel" in client.get(URL).content.decode()
    client.post(URL)
    assert ExpertPage.objects.filter(pk=expert.pk).exists()
    client.logout()
    assert client.post(URL).status_code == 302  # to the login page
    assert ExpertPage.objects.filter(pk=expert.pk).exists()
