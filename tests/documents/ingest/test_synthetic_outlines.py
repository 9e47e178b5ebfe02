"""Reports nobody has seen: one invented note in five layouts, against golden outlines."""

from pathlib import Path

import pytest

from documents.ingest.golden import load_golden
from tests.documents.ingest.outline_scores import assert_meets_the_bars, assert_metadata, score_file
from tests.documents.ingest.synthetic.layouts import LAYOUTS

pytestmark = pytest.mark.django_db
GOLDENS = Path(__file__).parent / "synthetic" / "goldens"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_synthetic_report_matches_its_golden_outline(layout, tmp_path):
    file_name, write, _style = LAYOUTS[layout]
    path = tmp_path / file_name
    write(path)
    golden = load_golden(GOLDENS / f"{layout}.json")
    analysis, score = score_file(path, golden)
    assert_meets_the_bars(score)
    assert_metadata(analysis, golden)


def test_the_goldens_are_the_layouts_printed_headings():
    from tests.documents.ingest.synthetic.layouts import expected_headings

    for layout, (_file, _write, style) in LAYOUTS.items():
        golden = load_golden(GOLDENS / f"{layout}.json")
        printed = [
            {"level": h.level, "number": h.number, "heading": h.heading} for h in golden["headings"]
        ]
        assert printed == expected_headings(style), layout
