"""The invented reports of ``reports.py`` written as files: plain text, a typeset PDF
(type sizes and weight), a PDF set in one font (only the numbering marks headings), Word
with heading styles and Word with bold lines only. The title sits where the layout puts
it: on the first page, only in the running header, or only in the file's properties.

A report is first laid out as blocks (what a reader sees, in order), then each writer
renders the blocks its own way."""

import textwrap

from tests.documents.ingest.synthetic.reports import REPORTS

SIGN_OFF = "Met vriendelijke groet,"


def blocks(report, title_in):
    """(kind, payload) in reading order."""
    out = [("title", report.title)] if title_in == "page" else []
    out.append(("para", report.date_line))
    position = 0
    for chapter in report.chapters:
        out += [("heading", (1, f"{chapter.number}.", chapter.heading))]
        out.append(("para", report.body(position)))
        position += 1
        for section in chapter.sections:
            out += [("heading", (2, section.number, section.heading))]
            out.append(("para", report.body(position)))
            position += 1
            if section.tally:
                out.append(("tally", section.tally))
            if section.subs:
                out.append(("para", report.announcement))
                items = [f"{report.bullet}{sub.label} {sub.heading}" for sub in section.subs]
                out.append(("list", items))
            for sub in section.subs:
                out += [("heading", (3, sub.label, sub.heading))]
                out.append(("para", report.body(position, 2)))
                position += 1
    if report.contact:
        out.append(("para", report.contact))
    signature = [SIGN_OFF]
    for name, organisation, email, phone in report.signers:
        signature += ["", name, organisation, email, f"tel. {phone}"]
    out.append(("signature", signature))
    if report.publisher_line:
        out.append(("para", report.publisher_line))
    for appendix in report.appendices:
        out += [("heading", (1, f"Bijlage {appendix.number}", appendix.heading))]
        out.append(("para", report.body(position, 1)))
        out.append(("table", appendix.table))
        position += 1
    return out


# Plain text ------------------------------------------------------------------------------

PAGE_LINES = 48


def write_text(report, path, title_in):
    """Hard-wrapped text as saved from a PDF: headings wrap at 56 characters, a footer
    with the page number and a running header on every page."""
    header = (
        report.title
        if title_in == "header"
        else f"{report.key.replace('-', ' ').capitalize()} | {report.date_line}"
    )
    pages, page = [], [header, ""]
    for kind, payload in blocks(report, title_in):
        if kind == "title":
            lines = [payload]
        elif kind == "heading":
            _level, label, heading = payload
            lines = textwrap.wrap(f"{label} {heading}", 56)
        elif kind == "list" or kind == "signature":
            lines = payload
        elif kind == "tally":
            lines = [f"{label:<24}{value}" for label, value in payload]
        elif kind == "table":
            lines = ["".join(cell.ljust(20) for cell in row).rstrip() for row in payload]
        else:
            lines = textwrap.wrap(payload, 72)
        if len(page) + len(lines) > PAGE_LINES:
            pages.append(page + ["", report.footer.format(page=len(pages) + 1)])
            page = [header, ""]
        page += [*lines, ""]
    pages.append(page + ["", report.footer.format(page=len(pages) + 1)])
    path.write_text("\n\f".join("\n".join(lines) for lines in pages) + "\n", encoding="utf-8")


# PDF -------------------------------------------------------------------------------------


def write_pdf(report, path, title_in, typeset=True):
    """``typeset``: headings larger and bold; else every line in the body's font, so
    only the numbers and the spacing before a heading mark it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    sizes = {0: ("Helvetica-Bold", 18), 1: ("Helvetica-Bold", 14), 2: ("Helvetica-Bold", 12)}
    sizes[3] = ("Helvetica-BoldOblique", 10)
    styles = {
        level: ParagraphStyle(f"h{level}", fontName=font, fontSize=size, leading=size * 1.25)
        if typeset
        else body
        for level, (font, size) in sizes.items()
    }

    def furniture(canvas, document):
        canvas.setFont("Helvetica", 8 if typeset else 10)
        header = report.title if title_in == "header" else report.date_line
        canvas.drawString(72, A4[1] - 40, header)
        canvas.drawRightString(A4[0] - 72, 30, report.footer.format(page=document.page))

    flow = []
    for kind, payload in blocks(report, title_in):
        if kind == "title":
            flow += [Paragraph(payload, styles[0]), Spacer(1, 12)]
        elif kind == "heading":
            level, label, heading = payload
            gap = "&nbsp;&nbsp;" if typeset else " "
            flow += [
                Spacer(1, 10),
                Paragraph(f"{label}{gap}{heading}", styles[level]),
                Spacer(1, 4),
            ]
        elif kind in ("list", "signature"):
            flow += [Paragraph(line or "&nbsp;", body) for line in payload] + [Spacer(1, 6)]
        elif kind in ("tally", "table"):
            flow += [Table(payload, hAlign="LEFT"), Spacer(1, 6)]
        else:
            flow += [Paragraph(payload, body), Spacer(1, 6)]
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=72, rightMargin=170)
    document.build(flow, onFirstPage=furniture, onLaterPages=furniture)


# Word ------------------------------------------------------------------------------------


def write_docx(report, path, title_in, heading_styles=True):
    """``heading_styles``: Heading 1–3 with the numbers typed in; else Normal paragraphs
    whose headings are bold runs. The title is in the properties when not on a page."""
    import docx

    document = docx.Document()
    if title_in == "properties":
        document.core_properties.title = report.title
    for kind, payload in blocks(report, title_in):
        if kind == "title":
            document.add_paragraph().add_run(payload).bold = True
        elif kind == "heading":
            level, label, heading = payload
            if heading_styles:
                document.add_heading(f"{label} {heading}", level=level)
            else:
                document.add_paragraph().add_run(f"{label} {heading}").bold = True
        elif kind == "list":
            for item in payload:
                if heading_styles:
                    document.add_paragraph(item.lstrip("•– "), style="List Bullet")
                else:
                    document.add_paragraph(item)
        elif kind == "signature":
            for line in payload:
                if line:
                    document.add_paragraph(line)
        elif kind in ("tally", "table"):
            table = document.add_table(rows=len(payload), cols=len(payload[0]))
            for row, values in zip(table.rows, payload, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        else:
            document.add_paragraph(payload)
    document.save(str(path))


WRITERS = {
    "txt": lambda report, path, title_in: write_text(report, path, title_in),
    "pdf": lambda report, path, title_in: write_pdf(report, path, title_in),
    "plain.pdf": lambda report, path, title_in: write_pdf(report, path, title_in, typeset=False),
    "docx": lambda report, path, title_in: write_docx(report, path, title_in),
    "bold.docx": lambda report, path, title_in: write_docx(report, path, title_in, False),
}

# name: (report, writer, where the title is)
REPORT_LAYOUTS = {
    "evaluatie-buurtbudget.txt": ("evaluatie-buurtbudget", "txt", "page"),
    "evaluatie-buurtbudget.pdf": ("evaluatie-buurtbudget", "pdf", "page"),
    "evaluatie-buurtbudget.bold.docx": ("evaluatie-buurtbudget", "bold.docx", "page"),
    "notitie-wijkaanpak.txt": ("notitie-wijkaanpak", "txt", "header"),
    "notitie-wijkaanpak.plain.pdf": ("notitie-wijkaanpak", "plain.pdf", "header"),
    "onderzoek-vrijwilligers.docx": ("onderzoek-vrijwilligers", "docx", "properties"),
    "onderzoek-vrijwilligers.bold.docx": ("onderzoek-vrijwilligers", "bold.docx", "properties"),
    "onderzoek-vrijwilligers.plain.pdf": ("onderzoek-vrijwilligers", "plain.pdf", "page"),
    # the same reports in each other's layouts
    "evaluatie-buurtbudget.plain.pdf": ("evaluatie-buurtbudget", "plain.pdf", "page"),
    "notitie-wijkaanpak.pdf": ("notitie-wijkaanpak", "pdf", "header"),
    "notitie-wijkaanpak.bold.docx": ("notitie-wijkaanpak", "bold.docx", "properties"),
    "onderzoek-vrijwilligers.txt": ("onderzoek-vrijwilligers", "txt", "header"),
}


def write_layout(name, directory):
    report_key, writer, title_in = REPORT_LAYOUTS[name]
    path = directory / name
    WRITERS[writer](REPORTS[report_key], path, title_in)
    return path


def golden_of(name):
    report = REPORTS[REPORT_LAYOUTS[name][0]]
    golden = {"source": name, "title": report.title, "year": report.year}
    golden["authors"] = len(report.signers)
    if report.publisher:
        golden["publisher"] = report.publisher
    return golden | {"headings": report.headings()}
