from tests.documents.ingest.outline_scores import SCORES


def pytest_terminal_summary(terminalreporter):
    """Heading precision, recall and level accuracy per file, whatever the outcome."""
    if not SCORES:
        return
    terminalreporter.section("outline scores (precision / recall / level accuracy)")
    for name, score in SCORES:
        terminalreporter.write_line(
            f"{name:<46} {score.precision:5.2f} {score.recall:5.2f} {score.level_accuracy:5.2f}"
        )
