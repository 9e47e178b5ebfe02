"""What an editor noticed in imports of the corpus, rendition by rendition."""

import pytest

from documents.choices import ReportKind
from documents.ingest.pipeline import analyse, guess_kind
from tests.conftest import CORPUS, require_corpus

pytestmark = pytest.mark.django_db
require_corpus(module_level=True)

HU_RENDITIONS = [
    "hu-integraal-wijkgericht-werken-2013.txt",
    "hu-integraal-wijkgericht-werken-2013.pdf",
]


@pytest.mark.parametrize("name", HU_RENDITIONS)
def test_hu_links_its_six_footnotes_once_each_where_the_text_refers_to_them(name):
    sections = analyse(CORPUS / name).sections
    linked = {number: section for section in sections for number in section.footnotes}
    assert sorted(linked, key=int) == ["1", "2", "3", "4", "5", "6"]
    for number, section in linked.items():
        assert section.text.count(f"[^{number}]") == 1, number
    # The student teams' footnote closes the sentence on them, not "fase 2" further on.
    student_teams = next(p for p in linked["2"].paragraphs if "[^2]" in p)
    assert "studentenonderzoeksteams" in student_teams
    assert "fase [^2]" not in linked["2"].text
    assert "2011, 14) [^5]" in linked["5"].text  # after a citation's closing bracket
    assert linked["6"].number == "1.18"


@pytest.mark.parametrize(
    "name, kind",
    [
        *((f"gouden-formule-2016.{ext}", ReportKind.MAGAZINE) for ext in ("md", "docx", "pdf")),
        *((f"oostburg-interviews-2014.{ext}", ReportKind.INTERVIEWS) for ext in ("md", "txt")),
        *((name, ReportKind.PROGRESS) for name in HU_RENDITIONS),
    ],
)
def test_every_rendition_tells_the_kind_of_its_document(name, kind):
    assert guess_kind(analyse(CORPUS / name)) == kind
