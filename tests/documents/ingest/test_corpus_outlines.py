"""Acceptance: every rendition in the shared corpus against its golden outline."""

from pathlib import Path

import pytest

from documents.ingest.golden import load_golden
from tests.conftest import CORPUS, require_corpus
from tests.documents.ingest.outline_scores import assert_meets_the_bars, assert_metadata, score_file

pytestmark = pytest.mark.django_db
require_corpus(module_level=True)

GOLDENS = sorted((Path(__file__).parent / "goldens").glob("*.json"))


@pytest.mark.parametrize("golden_path", GOLDENS, ids=lambda path: path.stem)
def test_corpus_rendition_matches_its_golden_outline(golden_path):
    golden = load_golden(golden_path)
    analysis, score = score_file(CORPUS / golden["source"], golden)
    assert_meets_the_bars(score)
    assert_metadata(analysis, golden)


def test_every_corpus_file_has_a_golden_outline():
    sources = {load_golden(path)["source"] for path in GOLDENS}
    assert sources == {path.name for path in CORPUS.iterdir() if path.name != "README.md"}
