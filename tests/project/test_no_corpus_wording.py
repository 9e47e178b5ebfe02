"""The repository's tests copy no wording from the shared corpus: no run of eight or more
consecutive words of a corpus text (case, spacing and surrounding punctuation aside)."""

import re
from pathlib import Path

from tests.conftest import CORPUS, require_corpus

RUN = 8
TESTS = Path(__file__).resolve().parents[1]  # every file under tests/
SKIPPED_DIRECTORIES = {"__pycache__", ".pytest_cache"}


def words_of(text: str) -> list[str]:
    """Whitespace-separated words, case-folded, without the punctuation around them."""
    words = (re.sub(r"^\W+|\W+$", "", token) for token in text.casefold().split())
    return [word for word in words if word]


def runs_in(words: list[str], length: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def corpus_runs() -> set[tuple[str, ...]]:
    runs = set()
    for path in CORPUS.iterdir():
        if path.suffix in (".txt", ".md"):
            runs |= runs_in(words_of(path.read_text(encoding="utf-8")))
    return runs


def copied_runs(text: str, corpus: set[tuple[str, ...]]) -> list[str]:
    """The corpus runs in ``text``, overlapping ones joined into one passage."""
    words = words_of(text)
    passages, start = [], None
    for i in range(len(words) - RUN + 1):
        copied = tuple(words[i : i + RUN]) in corpus
        if copied and start is None:
            start = i
        if start is not None and (not copied or i == len(words) - RUN):
            end = i + RUN if copied else i + RUN - 1
            passages.append(" ".join(words[start:end]))
            start = None
    return passages


def readable_files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.is_file() and not SKIPPED_DIRECTORIES & set(path.parts):
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # images, compiled files: no words to copy
                continue


def test_no_file_under_tests_copies_eight_consecutive_corpus_words():
    require_corpus()
    corpus = corpus_runs()
    copies = {
        str(path.relative_to(TESTS)): runs
        for path, text in readable_files(TESTS)
        if (runs := copied_runs(text, corpus))
    }
    assert not copies, copies


def test_the_check_finds_a_copied_run_however_it_is_cased_and_spaced(tmp_path):
    require_corpus()
    corpus = corpus_runs()
    source = next(path for path in sorted(CORPUS.iterdir()) if path.suffix == ".txt")
    words = source.read_text(encoding="utf-8").split()[200:209]
    planted = tmp_path / "planted.json"
    planted.write_text('{"heading": "' + "  ".join(words).upper() + '"}', encoding="utf-8")
    found = [copied_runs(text, corpus) for _path, text in readable_files(tmp_path)]
    assert found == [[" ".join(words_of(" ".join(words)))]]
    assert not copied_runs(" ".join(words[: RUN - 1]), corpus)  # seven words are no copy
