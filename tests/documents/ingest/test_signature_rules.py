"""Signatures, contact lines, tables and page furniture of reports nobody had seen, on
small invented inputs: they stay lines of their own and give names, not headings."""

from pathlib import Path

import pytest

from documents.citation import Citation
from documents.ingest.cleanup import Line
from documents.ingest.extract import extract_text
from documents.ingest.metadata import extract_metadata, signed_names
from documents.ingest.names import person_name
from documents.ingest.pipeline import import_file
from documents.ingest.structure import join_paragraphs

SIGNATURE = [
    "Met vriendelijke groet,",
    "Femke Jonker",
    "Adviesbureau Dorpsleven",
    "f.jonker@dorpsleven.example",
    "tel. 013 987 65 43",
    "Pieter Smeets",
    "Gemeente Dorpsbeek",
    "p.smeets@dorpsbeek.example",
]


@pytest.mark.parametrize(
    "line",
    [
        "Onderzoeksbureau Wijkzaken",
        "Vrijwilligerscentrale Rijnland",
        "Jeugdteam Noord",
        "Wijk Teams",
    ],
)
def test_an_organisation_named_as_a_compound_is_no_person(line):
    assert person_name(line) == ""


def test_every_name_of_a_signature_with_organisations_and_contact_lines():
    assert signed_names(SIGNATURE) == ["Femke Jonker", "Pieter Smeets"]
    running_text = [*SIGNATURE[:3], "Daarna volgt gewoon weer een zin over de buurt.", "Tom Bos"]
    assert signed_names(running_text) == ["Femke Jonker"]


def test_signature_and_table_lines_are_not_joined_into_one_paragraph():
    lines = [Line(text) for text in [*SIGNATURE[1:5], "", "Buurt Aanvragen", "Noord 22", "Zuid 15"]]
    lines += [Line("De aanvragen kwamen vooral uit de"), Line("Molenwijk en de Vaart.")]
    assert [text for text, _page in join_paragraphs(lines)] == [
        *SIGNATURE[1:5],
        "Buurt Aanvragen",
        "Noord 22",
        "Zuid 15",
        "De aanvragen kwamen vooral uit de Molenwijk en de Vaart.",
    ]


@pytest.mark.django_db
def test_a_publisher_named_in_lower_case_after_een_uitgave_van():
    sentence = "Deze notitie is een uitgave van de gemeente Dorpsbeek."
    metadata = extract_metadata("Notitie", [], Path("n.txt"), body=["Tekst.", sentence])
    assert metadata["publisher"] == "Gemeente Dorpsbeek"


def test_a_text_saved_from_a_pdf_loses_its_running_header_and_footer_but_keeps_the_header(
    tmp_path,
):
    page = "Notitie buurtgeld Dorpsbeek\n\n{body}\n\n- {number} -\n"
    bodies = ["1. Aanleiding", "Het geld is op.", "De buurt beslist."]
    path = tmp_path / "notitie.txt"
    path.write_text(
        "\f".join(page.format(body=b, number=n) for n, b in enumerate(bodies, 1)), "utf-8"
    )
    extraction = extract_text(path)
    assert extraction.running_header == "Notitie buurtgeld Dorpsbeek"
    texts = [line.text for line in extraction.lines if line.text]
    assert texts == bodies
    assert [line.page for line in extraction.lines if line.text] == [1, 2, 3]


NOTE = """Waarom stoppen vrijwilligers?

november 2016

1. Aanleiding

Steeds minder mensen melden zich als vrijwilliger bij de thuishulp.

2. Conclusie

Een vaste contactpersoon houdt vrijwilligers vast.

Met vriendelijke groet,

Femke Jonker
Adviesbureau Dorpsleven
f.jonker@dorpsleven.example

Pieter Smeets
Gemeente Dorpsbeek
"""


@pytest.mark.django_db
def test_an_unseen_note_cites_with_its_year_and_signers_and_no_double_punctuation(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "vrijwilligers-notitie.txt"
    path.write_text(NOTE, encoding="utf-8")
    result = import_file(path)
    assert result.status == "imported", result.error
    text = Citation(result.report, "https://wijkwijs.example/r/").text()
    assert text.startswith("Jonker, Femke & Smeets, Pieter (2016)"), text
    assert "Waarom stoppen vrijwilligers?" in text
    assert "?." not in text and "z.j." not in text
