"""Expert finding on the demo content: who to call, with linked reasons, on both engines,
within what the viewer may see and what the experts agreed to."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser

from documents.models import ReportAuthor
from expertise.finding import find_experts, understand
from expertise.models import ExpertPage
from tests.factories import ExpertFactory, OrganisationFactory, PracticeFactory, ReportFactory

pytestmark = pytest.mark.django_db

# Ten questions a professional might ask, and the demo expert who should be among the
# first three: (question, filters, expected expert's slug).
EXPERT_QUESTIONS = [
    ("wie weet iets van schuldhulpverlening", {}, "ruud-hoekstra"),
    ("expert eenzaamheid Deventer", {}, "marloes-hendriks"),
    ("mantelzorg", {}, "gerda-kuipers"),
    ("wie kan me helpen met een huurachterstand", {}, "joost-kramer"),
    ("aanbesteding van wijkteams per wijk", {}, "fatima-el-idrissi"),
    ("thuiszitters", {}, "bram-vos"),
    ("ervaring met dementie", {}, "jeroen-bakker"),
    ("vrijwilligers inzetten in de buurt", {}, "naima-ouali"),
    ("", {"theme": "burgerparticipatie", "municipality": "ede"}, "saskia-de-graaf"),
    ("wie coördineert kennisdeling tussen wijkteams", {}, "daan-kok"),
]


def top_slugs(finding, n=3):
    return [match.expert.slug for match in finding.matches[:n]]


def test_ten_expert_questions_find_the_expected_expert_in_the_top_three(engine):
    misses = []
    for question, filters, expected in EXPERT_QUESTIONS:
        finding = find_experts(question, AnonymousUser(), engine=engine, **filters)
        if expected not in top_slugs(finding):
            misses.append(f"{question or filters!r}: expected {expected}, got {top_slugs(finding)}")
    assert not misses, "\n".join(misses)


def test_every_reason_is_linked_and_names_real_evidence(engine, client):
    finding = find_experts("wie weet iets van schuldhulpverlening", AnonymousUser(), engine=engine)
    best = finding.matches[0]
    kinds = {reason.kind for reason in best.reasons}
    assert {"theme", "tag", "contact"} <= kinds
    for reason in best.reasons:
        response = client.get(reason.url)
        assert response.status_code == 200, reason
        if reason.kind in ("contact", "theme"):
            assert reason.label in response.content.decode()


def test_questions_are_reduced_to_their_topic_and_places():
    question = understand("Wie weet iets van eenzaamheid in Wijk bij Duurstede?")
    assert question.topic == "eenzaamheid"
    assert [place.slug for place in question.places] == ["wijk-bij-duurstede"]
    assert [theme.slug for theme in question.themes] == ["eenzaamheid"]


def test_a_named_place_with_nobody_there_widens_to_experts_elsewhere(engine):
    finding = find_experts("thuiszitters in Deventer", AnonymousUser(), engine=engine)
    assert finding.place_dropped
    assert "bram-vos" in top_slugs(finding)


def test_filters_narrow_by_organisation_and_unknown_values_match_nobody(engine):
    finding = find_experts("wijkteam", AnonymousUser(), organisation="Dock", engine=engine)
    assert finding.matches
    assert {match.expert.organisation.slug for match in finding.matches} == {"dock"}
    assert not find_experts("wijkteam", AnonymousUser(), municipality="atlantis").matches
    assert not find_experts("wijkteam", AnonymousUser(), organisation="atlantis").matches


def test_experts_without_consent_are_found_by_editors_only(engine, admin_user):
    organisation = OrganisationFactory()
    ExpertFactory(
        parent=organisation, title="Tineke Zonderja", role="Valpreventiecoach", consent_date=None
    )
    anonymous = find_experts("valpreventiecoach", AnonymousUser(), engine=engine)
    assert "Tineke Zonderja" not in [match.expert.title for match in anonymous.matches]
    editor = find_experts("valpreventiecoach", admin_user, engine=engine)
    assert "Tineke Zonderja" in [match.expert.title for match in editor.matches]


def test_restricted_evidence_gives_no_reason_to_those_who_may_not_see_it(engine, django_user_model):
    organisation = OrganisationFactory()
    expert = ExpertFactory(parent=organisation, title="Joris Openbaar", role="Wijkwerker")
    ReportFactory(
        title="Intern verslag over de zeepkistenrace",
        abstract="Ervaringen met de zeepkistenrace als buurtactiviteit.",
        visibility="members",
        authors=[ReportAuthor(name="Joris Openbaar", expert=expert)],
    )
    anonymous = find_experts("zeepkistenrace", AnonymousUser(), engine=engine)
    assert anonymous.matches == []
    member = django_user_model.objects.create_user("lid-zeepkist", password="x-x-x-x-1")
    found = find_experts("zeepkistenrace", member, engine=engine)
    assert [match.expert.title for match in found.matches] == ["Joris Openbaar"]
    assert [reason.kind for reason in found.matches[0].reasons] == ["author"]


def test_the_finder_page_shows_experts_reasons_and_contact_as_chosen(client):
    response = client.get("/wie-weet-wat/", {"vraag": "wie weet iets van thuiszitters?"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bram Vos" in html and "Waarom deze persoon?" in html
    bram = ExpertPage.objects.get(slug="bram-vos")
    assert f'href="tel:{bram.phone.replace(" ", "")}"' in html  # he chose the phone
    assert "mailto:" not in html.split("Bram Vos", 1)[1].split("</li>", 1)[0]


def test_the_finder_page_escapes_what_was_asked(client):
    response = client.get("/wie-weet-wat/", {"vraag": "<script>alert(1)</script> mantelzorg"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_export_holds_consented_experts_with_their_chosen_contact_only(client, admin_user):
    organisation = OrganisationFactory(title="Stichting Exportproef")
    ExpertFactory(parent=organisation, title="Nog Geen Toestemming", consent_date=None)
    ExpertFactory(parent=organisation, title="=HYPERLINK(1)", role="Wijkwerker")
    ExpertFactory(
        parent=organisation,
        title="Via De Organisatie",
        email="prive@example.org",
        contact_preference="organisatie",
    )
    client.force_login(admin_user)  # an editor sees the unconsented profile on the site …
    export = client.get("/wie-weet-wat/experts.csv", {"organisatie": "stichting-exportproef"})
    rows = read_csv(export)
    names = [row["naam"] for row in rows]
    assert "Nog Geen Toestemming" not in names  # … but it never leaves the platform
    assert "'=HYPERLINK(1)" in names  # a spreadsheet shows it as text, not a formula
    by_organisation = next(row for row in rows if row["naam"] == "Via De Organisatie")
    assert by_organisation["contact"] == "Stichting Exportproef"
    assert "prive@example.org" not in client.get("/wie-weet-wat/experts.csv").content.decode()


def test_the_csv_export_links_profiles_at_the_address_it_was_asked_from(client):
    expert = ExpertFactory(parent=OrganisationFactory(title="Stichting Adresproef"))
    export = client.get(
        "/wie-weet-wat/experts.csv", {"organisatie": "stichting-adresproef"}, secure=True
    )
    (row,) = read_csv(export)
    assert row["profiel"] == f"https://testserver{expert.url}"


def test_the_csv_export_follows_the_question(client):
    rows = read_csv(client.get("/wie-weet-wat/experts.csv", {"vraag": "thuiszitters"}))
    assert rows[0]["naam"] == "Bram Vos"
    assert rows[0]["contact"] == ExpertPage.objects.get(slug="bram-vos").phone
    all_rows = read_csv(client.get("/wie-weet-wat/experts.csv"))
    assert len(all_rows) == ExpertPage.objects.live().exclude(consent_date=None).count()


def test_expert_finding_counts_practice_contacts(engine):
    organisation = OrganisationFactory()
    expert = ExpertFactory(parent=organisation, title="Pien Contact", role="Opbouwwerker")
    PracticeFactory(
        title="Het kwekersproject", summary="Moestuinen op braakliggende grond.", contacts=[expert]
    )
    finding = find_experts("moestuinen", AnonymousUser(), engine=engine)
    assert top_slugs(finding, 1) == [expert.slug]
    assert finding.matches[0].reasons[0].label == "Het kwekersproject"


def test_work_filed_under_a_theme_counts_only_where_it_names_a_person(engine):
    """A report filed under the theme a question names speaks for its expert authors; the
    same theme's reports without one are no one's evidence."""
    from expertise.finding import classified_under
    from wijkwijs.models import ThemePage

    theme = ThemePage.objects.get(slug="mantelzorg")
    unnamed = ReportFactory(title="Zorg in cijfers", themes=[theme])
    named = ReportFactory(title="Zorg in de wijk", themes=[theme])
    expert = ExpertPage.objects.get(slug="ruud-hoekstra")
    ReportAuthor.objects.create(page=named, name=expert.title, expert=expert)

    classified = {hit.page_id for hit in classified_under([theme], AnonymousUser())}
    assert named.pk in classified and unnamed.pk not in classified
    found = find_experts("wie weet iets van mantelzorg", AnonymousUser(), engine=engine)
    reasons = {match.expert.slug: match.reasons for match in found.matches}
    assert any(reason.label == named.title for reason in reasons["ruud-hoekstra"])
