"""Three more invented reports in layouts the import was not built on (``synthetic/reports.py``),
each against the golden outline and metadata beside it."""

from pathlib import Path

import pytest

from documents.ingest.golden import load_golden
from tests.documents.ingest.outline_scores import assert_meets_the_bars, assert_metadata, score_file
from tests.documents.ingest.synthetic.report_writers import REPORT_LAYOUTS, golden_of, write_layout

pytestmark = pytest.mark.django_db
GOLDENS = Path(__file__).parent / "synthetic" / "goldens"


@pytest.mark.parametrize("name", sorted(REPORT_LAYOUTS))
def test_unseen_report_matches_its_golden_outline(name, tmp_path):
    golden = load_golden(GOLDENS / f"{name}.json")
    analysis, score = score_file(write_layout(name, tmp_path), golden)
    assert_meets_the_bars(score)
    assert_metadata(analysis, golden)


def test_the_goldens_are_the_reports_printed_headings():
    for name in REPORT_LAYOUTS:
        golden = load_golden(GOLDENS / f"{name}.json")
        printed = [
            {"level": h.level, "number": h.number, "heading": h.heading} for h in golden["headings"]
        ]
        assert printed == golden_of(name)["headings"], name
