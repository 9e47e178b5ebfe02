"""CSV for spreadsheets: text a spreadsheet never runs as a formula, in the form Excel with
Dutch settings opens by double-clicking (UTF-8 with a byte order mark, ``;`` between cells,
decimal commas); LibreOffice and Python's csv module read it too."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITER = ";"  # Dutch Excel's list separator: the comma is its decimal sign
BYTE_ORDER_MARK = "\ufeff"  # without it, Excel reads the file as Windows-1252


def spreadsheet_safe(value) -> str:
    """A cell's text, with a leading formula character quoted away."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_text(columns, rows) -> str:
    output = io.StringIO()
    writer = csv.writer(output, delimiter=DELIMITER)
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
    return output.getvalue()


def csv_download(text: str, name: str) -> HttpResponse:
    """``text`` as a dated CSV file to save: wijkwijs-NAME-YYYY-MM-DD.csv."""
    response = HttpResponse(BYTE_ORDER_MARK + text, content_type="text/csv; charset=utf-8")
    filename = f"wijkwijs-{name}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
