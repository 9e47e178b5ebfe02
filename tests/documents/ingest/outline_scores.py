"""Scoring an analysed file against its golden outline, with the bars of issue 18."""

from documents.ingest.golden import Heading, compare, describe, title_matches
from documents.ingest.pipeline import analyse

MIN_PRECISION = 0.95
MIN_RECALL = 0.95
MIN_LEVEL_ACCURACY = 0.90
SCORES: list[tuple[str, object]] = []  # (file, score) of this run, summarised at the end


def score_file(path, golden):
    analysis = analyse(path)
    found = [Heading(s.level, s.number, s.heading) for s in analysis.outline.sections]
    score = compare(golden["headings"], found)
    print(f"{path.name}: " + "\n".join(describe(score)))  # per file, in the test output
    SCORES.append((path.name, score))
    return analysis, score


def assert_meets_the_bars(score):
    assert score.precision >= MIN_PRECISION, describe(score)
    assert score.recall >= MIN_RECALL, describe(score)
    assert score.level_accuracy >= MIN_LEVEL_ACCURACY, describe(score)
    assert not score.implausible, describe(score)


def assert_metadata(analysis, golden):
    metadata = analysis.metadata
    if golden.get("title"):
        assert title_matches(golden["title"], metadata["title"]), metadata["title"]
    else:  # the text states no title: the file name stands in, and says so
        assert not metadata["title_from_document"]
    if golden.get("year"):
        assert (metadata["published_on"] or "")[:4] == str(golden["year"]), metadata
    assert len(metadata["authors"]) == golden.get("authors", 0), metadata["authors"]
    if "publisher" in golden:
        assert metadata["publisher"] == (golden["publisher"] or ""), metadata["publisher"]
