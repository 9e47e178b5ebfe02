"""The invented note (``spec.py``) written in several layouts, as a reader would get them.

Each layout prints headings its own way: numbering ("1." › "1.1" › "Casus 1"),
labels ("Hoofdstuk 1 –", lettered sub-sections, "Bijlage A"), type sizes (PDF), heading
styles (Word) or ``#`` (Markdown). Body text is hard-wrapped where the format does that,
so lines break mid-sentence; long headings wrap too. Every layout also carries what must
not become a heading: a list announcing the coming sub-sections, a contact line with an
e-mail address, a signature block, a table and page furniture. ``expected_headings``
gives each layout's printed headings; the goldens beside this file hold them.
"""

import textwrap

from tests.documents.ingest.synthetic.spec import (
    APPENDIX,
    AUTHORS,
    CHAPTERS,
    CONTACT,
    DATE_LINE,
    TABLE,
    TITLE,
    body,
    walk,
)

LETTERS = "abcdefgh"


def printed(part, style):
    """(number, heading) as the layout prints the part."""
    if style == "hoofdstuk":
        if part.level == 1:
            return part.number, f"Hoofdstuk {part.number} – {part.heading}"
        if part.level == 3:
            return part.letter, part.heading
    if style == "caps" and part.level == 1:
        return part.number, f"HOOFDSTUK {part.number}  {part.heading.upper()}"
    if style == "caps" and part.level == 3:
        return part.number.split()[-1], f"Stap {part.number.split()[-1]} {part.heading}"
    if part.level == 3:
        return part.number.split()[-1], f"{part.number}: {part.heading}"
    return ("", part.heading) if style == "word" else (part.number, part.heading)


def _letter_sub_sections():
    for chapter in CHAPTERS:
        for section in chapter.children:
            for position, sub in enumerate(section.children):
                sub.letter = LETTERS[position]


_letter_sub_sections()


def appendix_heading(style):
    if style == "hoofdstuk":
        return "A", f"Bijlage A – {APPENDIX.heading}"
    if style == "caps":
        return "1", f"BIJLAGE 1  {APPENDIX.heading.upper()}"
    return "1", f"{APPENDIX.number}: {APPENDIX.heading}"


def expected_headings(style):
    headings = []
    for part in walk():
        number, heading = printed(part, style)
        headings.append({"level": part.level, "number": number, "heading": heading})
    number, heading = appendix_heading(style)
    headings.append({"level": 1, "number": number, "heading": heading})
    return headings


def announcing_list(part, style):
    """A sentence and list naming the sub-sections to come: text, not headings."""
    return [printed(child, style)[1] for child in part.children]


# Plain text ------------------------------------------------------------------------------


def _wrap(text, width=72):
    return textwrap.wrap(text, width)


def _text_heading(number, heading, style):
    if heading.startswith(("Hoofdstuk", "Casus", "Bijlage", "HOOFDSTUK", "BIJLAGE", "Stap")):
        label = heading
    elif style == "hoofdstuk" and number.isalpha():
        label = f"{number}. {heading}"  # a lettered sub-section
    else:
        label = f"{number}. {heading}" if "." not in number else f"{number} {heading}"
    return _wrap(label, 56)  # long headings wrap onto a second line


def write_text(path, style):
    """Plain text: "numbered" (1. › 1.1 › Casus 1:), "hoofdstuk" (Hoofdstuk 1 – › 1.1 › a.)
    or "caps" (HOOFDSTUK 1 in capitals › 1.1 › Stap 1, with a running header)."""
    out = [TITLE.upper() if style == "numbered" else TITLE, "", DATE_LINE, ""]
    for name, role in AUTHORS:
        out += [name, role, ""]
    page_lines = 0
    page = 1
    for part in walk():
        number, heading = printed(part, style)
        out += ["", *_text_heading(number, heading, style), ""]
        if part.children and part.level == 2:
            out += [*_wrap("In deze paragraaf komen de volgende voorbeelden aan bod:"), ""]
            out += [f"- {item}" for item in announcing_list(part, style)] + [""]
        out += [*_wrap(body(part)), "", *_wrap(body(part, 3)), ""]
        page_lines += 12
        if page_lines > 40:  # page furniture of a text printed from a PDF
            out += ["", f"Pagina {page} van 6" if style == "hoofdstuk" else str(page), ""]
            if style == "caps":  # and a running header on the next page
                out += ["", f"Buurtkamers Veldhoven-Zuid | {DATE_LINE}", ""]
            page, page_lines = page + 1, 0
    out += [*_wrap(CONTACT), "", "Met vriendelijke groet,", ""]
    name, role = AUTHORS[0]
    out += [name, role, "", ""]
    number, heading = appendix_heading(style)
    out += [*_text_heading(number, heading, style), "", *_wrap(body(APPENDIX)), ""]
    out += ["   ".join(cell.ljust(12) for cell in row).rstrip() for row in TABLE]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# Markdown --------------------------------------------------------------------------------


def write_markdown(path):
    out = [f"# {TITLE}", "", f"*{DATE_LINE}*", ""]
    out += [f"{name}  \n{role}\n" for name, role in AUTHORS]
    for part in walk():
        number, heading = printed(part, "numbered")
        label = heading if heading.startswith("Casus") else f"{number}. {heading}"
        out += [f"{'#' * (part.level + 1)} {label}", ""]
        if part.children and part.level == 2:
            out += ["In deze paragraaf komen aan bod:", ""]
            out += [f"1. {item}" for item in announcing_list(part, "numbered")] + [""]
        out += [body(part), ""]
    out += [CONTACT, ""]
    _number, heading = appendix_heading("numbered")
    out += [f"## {heading}", "", body(APPENDIX), ""]
    out += ["| " + " | ".join(row) + " |" for row in TABLE[:1]]
    out += ["|" + "---|" * len(TABLE[0])]
    out += ["| " + " | ".join(row) + " |" for row in TABLE[1:]]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# Word ------------------------------------------------------------------------------------


def write_docx(path):
    """Word with heading styles, no title page (the title is in the file's properties)."""
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    for part in walk():
        _number, heading = printed(part, "word")
        document.add_heading(heading, level=part.level)
        if part.children and part.level == 2:
            document.add_paragraph("In deze paragraaf komen aan bod:")
            for item in announcing_list(part, "word"):
                document.add_paragraph(item, style="List Bullet")
        document.add_paragraph(body(part))
        document.add_paragraph(body(part, 3))
    document.add_paragraph(CONTACT)
    document.add_paragraph("Met vriendelijke groet,")
    for name, role in AUTHORS:
        document.add_paragraph(f"{name}\n{role}")
    document.add_paragraph(DATE_LINE)
    _number, heading = appendix_heading("word")
    document.add_heading(heading, level=1)
    document.add_paragraph(body(APPENDIX))
    _add_table_and_save(document, path)


def _add_table_and_save(document, path):
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(str(path))


def typed_label(part):
    """A heading as typed by hand: "1. Aanleiding", "1.1 Vraagstelling", "Casus 1: …"."""
    number, heading = printed(part, "numbered")
    return heading if part.level == 3 else f"{number}{'.' * (part.level == 1)} {heading}"


def write_plain_docx(path):
    """Word without heading styles: numbers typed by hand, headings in bold Normal text,
    a title line at the top, the authors in a table-free signature."""
    import docx

    document = docx.Document()
    document.add_paragraph().add_run(TITLE).bold = True
    document.add_paragraph(DATE_LINE)
    for name, role in AUTHORS:
        document.add_paragraph(f"{name}\n{role}")
    for part in walk():
        document.add_paragraph().add_run(typed_label(part)).bold = True
        if part.children and part.level == 2:
            document.add_paragraph("Hieronder volgen:")
            for item in announcing_list(part, "numbered"):
                document.add_paragraph(f"- {item}")
        document.add_paragraph(body(part))
    document.add_paragraph(CONTACT)
    _number, heading = appendix_heading("numbered")
    document.add_paragraph().add_run(heading).bold = True
    document.add_paragraph(body(APPENDIX))
    _add_table_and_save(document, path)


# PDF -------------------------------------------------------------------------------------


def write_pdf(path):
    """A typeset PDF: sizes and weight mark the levels, a running header and page numbers,
    a table; chapter numbers without a full stop ("1 Aanleiding")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body_style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    styles = {
        0: ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=20, leading=24),
        1: ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=15, leading=19),
        2: ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12.5, leading=15),
        3: ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=10, leading=13),
    }

    def furniture(canvas, document):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, TITLE)
        canvas.drawString(A4[0] / 2, 30, str(document.page))

    flow = [Paragraph(TITLE, styles[0]), Spacer(1, 8), Paragraph(DATE_LINE, body_style)]
    flow += [Paragraph(f"{name}<br/>{role}", body_style) for name, role in AUTHORS]
    for part in walk():
        number, heading = printed(part, "numbered")
        label = heading if part.level == 3 else f"{number} {heading}"
        flow += [Spacer(1, 10), Paragraph(label, styles[part.level]), Spacer(1, 4)]
        if part.children and part.level == 2:
            flow.append(Paragraph("In deze paragraaf komen aan bod:", body_style))
            flow += [Paragraph(f"• {item}", body_style) for item in announcing_list(part, "x")]
        flow += [Paragraph(body(part), body_style), Spacer(1, 6)]
        flow += [Paragraph(body(part, 3), body_style)]
    flow += [Spacer(1, 10), Paragraph(CONTACT, body_style), Spacer(1, 10)]
    flow += [Paragraph(f"{name}<br/>{role}", body_style) for name, role in AUTHORS[:1]]
    _number, heading = appendix_heading("numbered")
    flow += [Spacer(1, 10), Paragraph(heading, styles[1]), Paragraph(body(APPENDIX), body_style)]
    flow.append(Table(TABLE))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=72, rightMargin=200).build(
        flow, onFirstPage=furniture, onLaterPages=furniture
    )


def write_compact_pdf(path):
    """A PDF without a title page (the title in its properties and a running header):
    chapters "1." set larger, sections and cases bold at body size, a two-column table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body_style = ParagraphStyle("body", fontName="Times-Roman", fontSize=11, leading=14)
    chapter = ParagraphStyle("chapter", fontName="Times-Bold", fontSize=14, leading=18)
    bold = ParagraphStyle("bold", fontName="Times-Bold", fontSize=11, leading=14)

    def furniture(canvas, document):
        canvas.setFont("Times-Italic", 9)
        canvas.drawString(72, A4[1] - 36, f"{TITLE} – {DATE_LINE}")
        canvas.drawRightString(A4[0] - 72, 28, f"pagina {document.page}")

    flow = []
    for part in walk():
        flow += [Spacer(1, 12), Paragraph(typed_label(part), chapter if part.level == 1 else bold)]
        if part.children and part.level == 2:
            flow.append(Paragraph("Aan bod komen:", body_style))
            flow += [Paragraph(f"– {item}", body_style) for item in announcing_list(part, "x")]
        flow += [Spacer(1, 4), Paragraph(body(part), body_style)]
        flow += [Spacer(1, 8), Paragraph(body(part, 5), body_style)]
    flow += [Spacer(1, 10), Paragraph(CONTACT, body_style), Spacer(1, 10)]
    flow.append(Paragraph("Met vriendelijke groet,", body_style))
    flow += [Paragraph(f"{name}<br/>{role}", body_style) for name, role in AUTHORS]
    _number, heading = appendix_heading("numbered")
    flow += [Spacer(1, 12), Paragraph(heading, chapter), Paragraph(body(APPENDIX), body_style)]
    flow.append(Table([row[:2] for row in TABLE]))
    document = SimpleDocTemplate(str(path), pagesize=A4, title=TITLE, author="Kenniscentrum")
    document.build(flow, onFirstPage=furniture, onLaterPages=furniture)


LAYOUTS = {
    # name: (file name, writer, heading style)
    "text-numbered": ("notitie-genummerd.txt", lambda p: write_text(p, "numbered"), "numbered"),
    "text-hoofdstuk": (
        "notitie-hoofdstukken.txt",
        lambda p: write_text(p, "hoofdstuk"),
        "hoofdstuk",
    ),
    "text-caps": ("notitie-kapitalen.txt", lambda p: write_text(p, "caps"), "caps"),
    "markdown": ("notitie.md", write_markdown, "numbered"),
    "word": ("notitie.docx", write_docx, "word"),
    "word-plain": ("notitie-zonder-stijlen.docx", write_plain_docx, "numbered"),
    "pdf": ("notitie.pdf", write_pdf, "numbered"),
    "pdf-compact": ("notitie-compact.pdf", write_compact_pdf, "numbered"),
}
