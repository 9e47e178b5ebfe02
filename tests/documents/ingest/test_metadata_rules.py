"""Metadata a Dutch report states in its own conventions, on small invented inputs: names
on one line with initials, titles and particles; a memo header; a colophon at the back;
a report that names itself ("Deze notitie …") instead of carrying a title page."""

from pathlib import Path

import pytest

from documents.ingest.metadata import extract_metadata, people_named

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Eva de Wit, Tom Bos en Sanne Kuipers", ["Eva de Wit", "Tom Bos", "Sanne Kuipers"]),
        ("Eva de Wit & Tom Bos", ["Eva de Wit", "Tom Bos"]),
        ("J.P. de Vries en A. van der Berg", ["J.P. de Vries", "A. van der Berg"]),
        ("J. P. Meulenbelt & K. Yilmaz", ["J. P. Meulenbelt", "K. Yilmaz"]),
        (
            "drs. M. van den Heuvel-Smit, ir. T. Ouali en dr. Ilse ter Horst",
            ["M. van den Heuvel-Smit", "T. Ouali", "Ilse ter Horst"],
        ),
        ("Özlem Yıldız en Jan-Willem van 't Hof", ["Özlem Yıldız", "Jan-Willem van 't Hof"]),
        ("Auteurs: Eva de Wit en Tom Bos", ["Eva de Wit", "Tom Bos"]),
        ("Tekst: Noor ter Haar-Idrissi en A. el Amrani", ["Noor ter Haar-Idrissi", "A. el Amrani"]),
    ],
)
def test_several_people_on_one_line(line, names):
    assert people_named(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "Gemeente Dorpsbeek en Stichting Welzijn",
        "Wijkteam Noord & Bureau Brug",
        "Utrecht, Zeist en Nieuwegein",
        "Werkwijze en Resultaten",
    ],
)
def test_organisations_and_places_on_one_line_are_no_people(line):
    assert people_named(line) == []


def test_a_memo_header_gives_subject_date_and_sender():
    preamble = [
        "Memo",
        "Aan: Wijkteam Noord\nVan: Eva de Wit\nDatum: 3 maart 2022\nKenmerk: WN-22-014",
        "Onderwerp: Openingstijden van de buurtkamer in de zomer",
    ]
    metadata = extract_metadata("", preamble, Path("memo-3.txt"))
    assert metadata["title"] == "Openingstijden van de buurtkamer in de zomer"
    assert (metadata["published_on"], metadata["date_precision"]) == ("2022-03-03", "day")
    assert metadata["authors"] == ["Eva de Wit"]


def test_a_memo_from_an_organisation_names_its_publisher_not_an_author():
    preamble = ["Van: Gemeente Dorpsbeek, team Wmo\nDatum: 12-05-2021\nBetreft: Inloopspreekuur"]
    metadata = extract_metadata("", preamble, Path("m.txt"))
    assert metadata["title"] == "Inloopspreekuur"
    assert metadata["authors"] == []
    assert metadata["publisher"] == "Gemeente Dorpsbeek"
    assert metadata["published_on"] == "2021-05-12"


def test_a_colophon_at_the_back_gives_publisher_authors_and_year():
    body = [
        "De buurtkamer is drie dagen per week open.",
        "Colofon",
        "Uitgave: Stichting Buurtwerk Dorpsbeek",
        "Tekst: Eva de Wit en Tom Bos",
        "Fotografie: Lotte Smit",
        "© 2019 Stichting Buurtwerk Dorpsbeek",
    ]
    metadata = extract_metadata("Buurtkamers", [], Path("b.pdf"), body=body)
    assert metadata["publisher"] == "Stichting Buurtwerk Dorpsbeek"
    assert metadata["authors"] == ["Eva de Wit", "Tom Bos"]  # the photographer is no author
    assert (metadata["published_on"], metadata["date_precision"]) == ("2019-01-01", "year")


@pytest.mark.parametrize(
    "sentence",
    [
        "Deze brochure is een uitgave van Stichting Buurtwerk Dorpsbeek.",
        "‘Buurtkamers’ is een eenmalige uitgave van de Vereniging Wijkwerk, met steun van VWS.",
        "Uitgegeven door: Vereniging Wijkwerk",
    ],
)
def test_a_stated_publisher(sentence):
    metadata = extract_metadata("Buurtkamers", [], Path("b.pdf"), body=["Tekst.", sentence])
    assert metadata["publisher"] in {"Stichting Buurtwerk Dorpsbeek", "Vereniging Wijkwerk"}


def test_a_report_that_names_itself_gives_its_title_and_year():
    body = [
        "De voorliggende tussenrapportage beschrijft de eerste fase van het onderzoek naar "
        "buurtgerichte ouderenzorg in Oosterveld en Kleindorp. Wij spraken met bewoners.",
        "Het team wil in 2024 verder met de aanpak.",
        "Op 14 november 2022 is deze tussenrapportage besproken met de stuurgroep.",
    ]
    headings = [("", "Inleiding"), ("", "Werkwijze")]
    metadata = extract_metadata("", [], Path("t.txt"), body=body, headings=headings)
    assert metadata["title"] == (
        "Tussenrapportage: onderzoek naar buurtgerichte ouderenzorg in Oosterveld en Kleindorp"
    )
    assert metadata["title_from_document"]
    assert (metadata["published_on"], metadata["date_precision"]) == ("2022-01-01", "year")


def test_a_stated_date_beats_the_years_a_report_mentions_of_itself():
    body = [
        "Dit rapport beschrijft de evaluatie van de pilot Buurtcirkels.",
        "In 2020 is dit rapport voor het eerst opgezet.",
        "maart 2021",
    ]
    metadata = extract_metadata("Buurtcirkels", [], Path("b.txt"), body=body)
    assert (metadata["published_on"], metadata["date_precision"]) == ("2021-03-01", "month")


def test_no_title_is_made_up_from_a_sentence_that_only_mentions_a_report():
    body = ["In het rapport van de GGD staat dat de helft van de ouderen zich eenzaam voelt."]
    metadata = extract_metadata("", [], Path("los-verslag.txt"), body=body)
    assert not metadata["title_from_document"]
    assert metadata["published_on"] is None


def test_an_imported_report_gets_its_publisher_authors_and_year(settings, tmp_path):
    from documents.citation import Citation
    from documents.ingest.pipeline import import_file
    from tests.factories import OrganisationFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    organisation = OrganisationFactory(title="Stichting Buurtwerk Oosterveld")
    source = Path(__file__).parent / "inputs" / "rapport-romeins.txt"
    report = import_file(source).report
    assert report.publisher == organisation and report.publisher_name == ""
    assert (
        Citation(report, "https://wijkwijs.example/r/")
        .text()
        .startswith("van den Heuvel-Smit, M., el Idrissi, A. & Ouali, T. (2021)")
    )
    memo = import_file(Path(__file__).parent / "inputs" / "memo-zomeropening.txt").report
    assert memo.title == "Openingstijden van de buurtkamers in de zomermaanden"
    assert [author.name for author in memo.authors.all()] == ["J.P. de Vries"]
    assert (memo.published_on.isoformat(), memo.publisher_name) == ("2022-06-14", "")


def test_a_wrapped_sentence_going_on_after_a_colon_is_no_memo_field():
    from tests.documents.ingest.test_stages import outline_of

    outline = outline_of(
        "Werkwijze\n\nDe wethouder geeft het zo\naan: de buurt beslist mee over het budget.\n"
    )
    assert outline.sections[0].paragraphs == [
        "De wethouder geeft het zo aan: de buurt beslist mee over het budget."
    ]
