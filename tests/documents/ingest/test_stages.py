"""Each import stage on small inputs: extraction, cleanup, structure, metadata, scoring."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.ingest.cleanup import clean_lines
from documents.ingest.extract import SourceLine, extract, extract_pdf
from documents.ingest.golden import Heading, compare, golden_entry, is_implausible
from documents.ingest.metadata import (
    extract_metadata,
    people_named,
    signed_names,
    title_from_text,
)
from documents.ingest.structure import build_outline, reads_as_heading

INPUTS = Path(__file__).parent / "inputs"


def outline_of(text):
    cleaned = clean_lines([SourceLine(line) for line in text.split("\n")])
    return build_outline(cleaned.lines, cleaned.footnotes, declared=False)


def tree(outline):
    return [(s.level, s.number, s.heading) for s in outline.sections]


# Extraction --------------------------------------------------------------------------


def typeset_pdf(path, *blocks):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    flow = [
        Paragraph(text, ParagraphStyle(f"s{i}", fontName=font, fontSize=size, leading=size * 1.2))
        for i, (text, font, size) in enumerate(blocks)
    ]
    SimpleDocTemplate(str(path), rightMargin=300).build(flow)
    return path


def test_pdf_headings_come_from_type_size_and_a_wrapped_heading_is_one_line(tmp_path):
    path = typeset_pdf(
        tmp_path / "kop.pdf",
        ("Samenwerking tussen wijkteam en huisartsen in de kernen", "Helvetica-Bold", 16),
        ("Het team begint in het dorpshuis en werkt met vaste spreekuren. " * 3, "Helvetica", 10),
        ("Werkwijze", "Helvetica-Bold", 10),
        ("De gesprekken vonden plaats in het najaar, bij de mensen thuis. " * 3, "Helvetica", 10),
    )
    extraction = extract_pdf(path)
    headings = [(line.heading_level, line.text) for line in extraction.lines if line.heading_level]
    assert extraction.declares_headings
    assert headings == [
        (1, "Samenwerking tussen wijkteam en huisartsen in de kernen"),
        (2, "Werkwijze"),
    ]


def test_a_pdf_in_one_font_declares_no_headings(tmp_path):
    body = "Het team begint in het dorpshuis en werkt met vaste spreekuren. " * 3
    path = typeset_pdf(tmp_path / "vlak.pdf", ("Werkwijze", "Courier", 10), (body, "Courier", 10))
    extraction = extract_pdf(path)
    assert not extraction.declares_headings
    assert any(line.text == "Werkwijze" for line in extraction.lines)


@pytest.mark.parametrize("styled", [True, False])
def test_a_word_table_stays_where_it_stands(tmp_path, styled):
    """Rows of a table in an appendix belong to that appendix, not to the last section."""
    import docx

    document = docx.Document()

    def heading(text):
        if styled:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph().add_run(text).bold = True

    heading("Bijlage 1 Aantallen per wijk")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Noord", "12"), ("Zuid", "7")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    heading("Bijlage 2 Gesprekspartners")
    document.add_paragraph("Bewoners en professionals uit beide wijken.")
    document.save(tmp_path / "bijlagen.docx")
    texts = [line.text for line in extract(tmp_path / "bijlagen.docx", "docx").lines]
    assert texts.index("Bijlage 1 Aantallen per wijk") < texts.index("Noord | 12")
    assert texts.index("Zuid | 7") < texts.index("Bijlage 2 Gesprekspartners")


# Cleanup -----------------------------------------------------------------------------


def test_cleanup_drops_page_numbers_and_marks_list_items():
    cleaned = clean_lines([SourceLine(t) for t in ["Tekst.", "Pagina 2 van 5", "• punt", "12"]])
    assert [(line.text, line.list_item) for line in cleaned.lines] == [
        ("Tekst.", False),
        ("punt", True),
    ]


# Structure ---------------------------------------------------------------------------


def test_structure_of_a_short_note():
    outline = outline_of((INPUTS / "notitie-kort.txt").read_text(encoding="utf-8"))
    assert tree(outline) == [
        (1, "1", "Inleiding"),
        (
            2,
            "1.1",
            "Samenwerking tussen het wijkteam, de huisartsen en de woningcorporaties "
            "in de dorpskernen",
        ),
        (3, "1", "Casus 1: Een gezin met schulden"),
        (3, "2", "Casus 2: Een oudere die vereenzaamde"),
        (1, "2", "Bevindingen"),
        (1, "1", "Bijlage 1: Cijfers"),
    ]


@pytest.mark.parametrize(
    "text",
    ["Daarnaast richt het", "Wel is in", "In", "Noord 2 140", "Vragen: m.jansen@dorpsbeek.example"],
)
def test_fragments_contact_lines_and_table_rows_do_not_read_as_headings(text):
    assert not reads_as_heading(text)


def test_an_announcing_list_is_no_heading_and_chapters_follow_the_numbering():
    listed = outline_of("Wij bespreken:\n\n1. Werkwijze\n2. Resultaten\n\nDe tekst volgt.\n")
    assert listed.sections == []
    numbered = outline_of("1. Werkwijze\n\nTekst.\n\n1.1 Opzet\n\nTekst.\n\n2. Resultaten\n\nT.")
    assert tree(numbered) == [(1, "1", "Werkwijze"), (2, "1.1", "Opzet"), (1, "2", "Resultaten")]


# Metadata ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_metadata_from_title_block_date_line_and_signature():
    outline = outline_of((INPUTS / "notitie-kort.txt").read_text(encoding="utf-8"))
    body = [p for s in outline.sections for p in s.paragraphs]
    metadata = extract_metadata("", outline.preamble, Path("x.txt"), body=body)
    assert metadata["title"] == "Wijkteams in Dorpsbeek" and metadata["title_from_document"]
    assert (metadata["published_on"], metadata["date_precision"]) == ("2013-06-01", "month")
    assert metadata["authors"] == ["Mila Jansen"]


def test_signature_names_and_titles_that_are_not_titles():
    assert signed_names(["Met vriendelijke groet,", "Eva de Wit, onderzoeker", "Tom Bos"]) == [
        "Eva de Wit",
        "Tom Bos",
    ]
    assert people_named("Sanne Kuipers en Daan Wolters\nBureau Brug") == [
        "Sanne Kuipers",
        "Daan Wolters",
    ]
    assert title_from_text([], [("", "Inleiding")]) == ""
    assert title_from_text([], [("1", "Aanleiding")]) == ""
    assert title_from_text(["juni 2013"], []) == ""


# Scoring -----------------------------------------------------------------------------


def test_compare_scores_precision_recall_and_level():
    golden = [Heading(1, "1", "Inleiding"), Heading(2, "1.1", "Interview …, coach")]
    found = [Heading(1, "1", "INLEIDING"), Heading(1, "1.1", "Interview Jan, coach")]
    found.append(Heading(2, "", "Wel is in"))
    score = compare(golden, found)
    assert (score.recall, round(score.precision, 2), score.level_accuracy) == (1.0, 0.67, 0.5)
    assert is_implausible(Heading(2, "", "In")) and is_implausible(Heading(2, "", "a@b.nl x"))
    assert not is_implausible(Heading(1, "", "Inleiding"))


def test_a_digest_golden_scores_like_one_with_the_words():
    found = [Heading(1, "1", "Inleiding"), Heading(2, "1.1", "Wie de buurtkamer draait, en waarom")]
    worded = [Heading(1, "1", "Inleiding"), Heading(1, "1.1", "Wie de buurtkamer draait en waarom")]
    digested = [Heading(**golden_entry(heading)) for heading in worded]
    assert all(not h.heading and len(h.opening.split()) <= 3 for h in digested)
    scores = [compare(golden, found) for golden in (digested, worded)]
    assert {(s.precision, s.recall, s.level_accuracy) for s in scores} == {(1.0, 1.0, 0.5)}
    assert compare(digested, [Heading(1, "1", "Inleiding")]).missing[0].label == (
        "Wie de buurtkamer … (6 woorden)"
    )


@pytest.mark.django_db
def test_report_outline_writes_a_golden_outline_it_then_matches(tmp_path, capsys):
    golden = tmp_path / "gouden.json"
    path = INPUTS / "notitie-kort.txt"
    call_command("report_outline", "--file", str(path), "--write-golden", str(golden))
    written = golden.read_text(encoding="utf-8")
    assert "dorpskernen" not in written  # a long heading is stored by its digest
    capsys.readouterr()
    call_command("report_outline", "--file", str(path), "--compare", str(golden), "--json")
    result = json.loads(capsys.readouterr().out)
    assert (result["precision"], result["recall"], result["level_accuracy"]) == (1.0, 1.0, 1.0)


@pytest.mark.django_db
def test_report_outline_compares_a_file_with_a_golden_outline(tmp_path, capsys):
    golden = tmp_path / "gouden.json"
    golden.write_text(
        json.dumps({"headings": [{"level": 1, "number": "1", "heading": "Inleiding"}]}),
        encoding="utf-8",
    )
    path = INPUTS / "notitie-kort.txt"
    call_command("report_outline", "--file", str(path), "--compare", str(golden), "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["recall"] == 1.0 and result["precision"] == round(1 / 6, 3)
    assert "Bevindingen" in result["extra"]
    assert extract(path, "text").lines  # the input itself is plain text
