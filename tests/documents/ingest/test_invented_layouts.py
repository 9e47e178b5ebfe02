"""Dutch report layouts nobody built the import on, invented for these tests: a memo with a
"Van:/Aan:/Datum:/Onderwerp:" header, a report with roman-numbered chapters, capital-lettered
sections, "Bijlage A" appendices with a table and a colophon at the back (also typeset as
a PDF). Each against the golden outline beside it."""

from pathlib import Path

import pytest

from documents.ingest.golden import load_golden
from tests.documents.ingest.outline_scores import assert_meets_the_bars, assert_metadata, score_file

pytestmark = pytest.mark.django_db
INPUTS = Path(__file__).parent / "inputs"
GOLDENS = sorted(INPUTS.glob("*.golden.json"))


@pytest.mark.parametrize("golden_path", GOLDENS, ids=lambda path: path.stem)
def test_invented_layout_matches_its_golden_outline(golden_path):
    golden = load_golden(golden_path)
    analysis, score = score_file(INPUTS / golden["source"], golden)
    assert_meets_the_bars(score)
    assert_metadata(analysis, golden)


def test_the_appendix_table_and_the_colophon_stay_text():
    golden = load_golden(INPUTS / "rapport-romeins.golden.json")
    analysis, _score = score_file(INPUTS / golden["source"], golden)
    text = "\n".join(section.text for section in analysis.outline.sections)
    assert "2020 85" in text  # a table row is text, not a figure label to drop
    assert "Fotografie: Lotte Smit" in text.split("\n")  # a colophon line stands alone


def typeset_roman_report(path):
    """The roman-numbered report as a typeset PDF: title page, headings by type size and
    weight, the appendix table, and the colophon alone on the last page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    def style(name, font, size):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3)

    sizes = {"title": ("Helvetica-Bold", 22), "chapter": ("Helvetica-Bold", 15)}
    sizes |= {"section": ("Helvetica-Bold", 12), "body": ("Helvetica", 10)}
    styles = {name: style(name, *font) for name, font in sizes.items()}
    flow, text = [], (INPUTS / "rapport-romeins.txt").read_text(encoding="utf-8")
    for number, block in enumerate(text.strip().split("\n\n")):
        block = block.strip()
        if block == "Colofon":
            flow.append(PageBreak())
        kind = "body"
        if number == 0:
            kind = "title"
        elif block.split(".")[0] in {"I", "II", "III", "IV"} or block.startswith(
            ("Bijlage", "Colofon")
        ):
            kind = "chapter"
        elif block[:2] in {"A.", "B."}:
            kind = "section"
        flow.append(Paragraph(block.replace("\n", "<br/>"), styles[kind]))
    SimpleDocTemplate(str(path)).build(flow)
    return path


def test_the_roman_report_typeset_as_a_pdf_matches_the_same_outline(tmp_path):
    golden = load_golden(INPUTS / "rapport-romeins.golden.json")
    analysis, score = score_file(typeset_roman_report(tmp_path / "rapport-romeins.pdf"), golden)
    assert_meets_the_bars(score)
    assert_metadata(analysis, golden)
