"""What the package layers promise, seen from outside: search finds what content declares,
one visibility rule per model, one vocabulary, one site skeleton."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from documents.ingest.metadata import place_spellings, tidy_title
from documents.ingest.suggestions import suggest_classification
from expertise.finding import understand
from search.filters import FACET_NAMES
from search.registry import findable_models, kind_choices, kind_label
from tests.factories import ExpertFactory, MunicipalityFactory, OrganisationFactory
from tests.users import UserFactory
from wijkwijs.findable import Findable
from wijkwijs.listing import index_page_models
from wijkwijs.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db


def test_search_finds_every_page_type_that_declares_itself_and_only_those():
    declared = {model for model in findable_models()}
    assert all(issubclass(model, Findable) for model in declared)
    assert {model.__name__ for model in declared} == {
        "ExpertPage",
        "OrganisationPage",
        "PracticePage",
        "ReportPage",
        "MunicipalityPage",
        "ThemePage",
        "CommunityPage",
    }
    assert {value for value, _label in kind_choices()} == {m.search_kind.value for m in declared}
    with translation.override("nl"):  # the type facet's label is the declaration's
        assert kind_label("rapport") == "Rapport"


def test_every_page_type_with_a_site_section_gets_its_index_page_in_menu_order():
    structure = ensure_site_structure()
    models = index_page_models()
    assert [model.site_section.position for model in models] == sorted(
        model.site_section.position for model in models
    )
    menu = [page.specific_class for page in structure.home.get_children().live().in_menu()]
    assert [model for model in menu if model in models] == models
    assert structure.reports.slug == "publicaties"


def test_a_superuser_who_is_not_staff_sees_a_profile_without_consent_on_its_page_and_in_search(
    client, engine
):
    expert = ExpertFactory(
        parent=OrganisationFactory(title="Buurtkompas"), title="Ria Kwartel", consent_date=None
    )
    superuser = UserFactory(username="beheerder", is_superuser=True, is_staff=False)
    found = [hit.title for hit in engine.search("kwartel", user=superuser).hits]
    assert "Ria Kwartel" in found
    client.force_login(superuser)
    assert client.get(expert.url).status_code == 200
    # …and nobody else does, anywhere.
    assert "Ria Kwartel" not in [
        h.title for h in engine.search("kwartel", user=AnonymousUser()).hits
    ]
    client.force_login(UserFactory(username="gewoon-lid"))
    assert client.get(expert.url).status_code == 404


def test_one_vocabulary_knows_a_place_however_it_is_written_and_at_once_when_renamed():
    place = MunicipalityFactory(title="'s-Hertogenbosch", name_variants="Den Bosch")
    text = "In 's-Hertogenbosch en Den Bosch werkt een wijkteam; niet in medeDen Bosch."
    suggested = suggest_classification(text)["municipalities"]
    assert [(item["title"], item["mentions"]) for item in suggested][:1] == [
        ("'s-Hertogenbosch", 2)
    ]
    assert place_spellings()["Den Bosch"] == "'s-Hertogenbosch"
    assert tidy_title("WIJKTEAMS IN 'S-HERTOGENBOSCH") == "Wijkteams in 's-Hertogenbosch"
    question = understand("wie weet iets van mantelzorg in s hertogenbosch")
    assert [page.title for page in question.places] == ["'s-Hertogenbosch"]
    assert question.topic == "mantelzorg"
    place.name_variants = "Den Bosch\nBossche Broek"
    place.save_revision().publish()  # a change is known at once, no restart
    assert place_spellings()["Bossche Broek"] == "'s-Hertogenbosch"


def test_the_search_page_and_the_api_offer_the_facets_in_one_order(client):
    page = client.get("/zoeken/", {"q": "wijkteam"}).content.decode()
    shown = [name for name in FACET_NAMES if f'name="{name}"' in page]
    assert shown == [name for name in FACET_NAMES if name in shown] and len(shown) >= 3
    api = client.get("/api/v1/search/", {"q": "wijkteam"}).json()
    assert list(api["facets"]) == [name for name in FACET_NAMES if name in api["facets"]]
