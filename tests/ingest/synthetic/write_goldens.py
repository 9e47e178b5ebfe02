"""Write the golden outline of every synthetic layout beside this file (run after changing
the spec, then read the result: the goldens are what a reader sees, not what we find)."""

import json
from pathlib import Path

from tests.ingest.synthetic.layouts import LAYOUTS, expected_headings
from tests.ingest.synthetic.spec import AUTHORS, TITLE

HERE = Path(__file__).parent


def main():
    for name, (file_name, _writer, style) in LAYOUTS.items():
        title_page = name != "word"
        golden = {
            "source": file_name,
            "title": TITLE if title_page or name == "word" else None,
            "year": 2021,
            "authors": len(AUTHORS),
            "headings": expected_headings(style),
        }
        rows = ",\n".join("    " + json.dumps(h, ensure_ascii=False) for h in golden["headings"])
        head = ",\n".join(
            f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
            for key, value in golden.items()
            if key != "headings"
        )
        text = "{\n" + head + ',\n  "headings": [\n' + rows + "\n  ]\n}\n"
        (HERE / "goldens" / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
