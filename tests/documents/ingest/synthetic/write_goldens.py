"""Write the golden outline of every synthetic layout beside this file (run after changing
the spec, then read the result: the goldens are what a reader sees, not what we find)."""

from pathlib import Path

from documents.ingest.golden import Heading, dump_golden
from tests.documents.ingest.synthetic.layouts import LAYOUTS, expected_headings
from tests.documents.ingest.synthetic.report_writers import REPORT_LAYOUTS, golden_of
from tests.documents.ingest.synthetic.spec import AUTHORS, TITLE

HERE = Path(__file__).parent


def main():
    for name, (file_name, _writer, style) in LAYOUTS.items():
        title_page = name != "word"
        golden = {
            "source": file_name,
            "title": TITLE if title_page or name == "word" else None,
            "year": 2021,
            "authors": len(AUTHORS),
            "headings": [Heading(**h) for h in expected_headings(style)],
        }
        # The note is invented: its goldens keep the headings' words.
        text = dump_golden(golden, digest=False)
        (HERE / "goldens" / f"{name}.json").write_text(text, encoding="utf-8")
    for name in REPORT_LAYOUTS:
        golden = golden_of(name)
        golden["headings"] = [Heading(**h) for h in golden["headings"]]
        text = dump_golden(golden, digest=False)
        (HERE / "goldens" / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
