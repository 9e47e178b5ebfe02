"""Structure rules found on reports nobody had seen, each on a small invented input."""

from documents.ingest.cleanup import Line, clean_lines
from documents.ingest.extract import extract, extract_pdf
from documents.ingest.formats import detect_format
from documents.ingest.structure import build_outline
from tests.documents.ingest.test_stages import outline_of, tree, typeset_pdf


def paragraphs_apart(*texts):
    """Every line its own paragraph, as Word and spaced PDF tables give them."""
    return "\n\n".join(texts) + "\n"


def test_a_signature_set_as_separate_paragraphs_heads_nothing():
    outline = outline_of(
        paragraphs_apart(
            "1. Slot",
            "Het plan loopt door tot de zomer van volgend jaar.",
            "Met vriendelijke groet,",
            "Femke Jonker",
            "Adviesbureau Dorpsleven",
            "f.jonker@dorpsleven.example",
            "tel. 013 987 65 43",
            "Pieter Smeets",
            "Gemeente Dorpsbeek",
            "p.smeets@dorpsbeek.example",
        )
    )
    assert tree(outline) == [(1, "1", "Slot")]


def test_table_rows_and_a_tally_apart_from_each_other_are_text():
    outline = outline_of(
        paragraphs_apart(
            "1. Inzet",
            "De inzet per partij staat hieronder.",
            "Wijkteam 4 fte",
            "Welzijn 2 fte",
            "Partij Wanneer Wie",
            "Starten najaar 2020 wijkteam",
            "Afronden zomer 2021 gemeente",
            "Ja 14",
            "Nee 3",
        )
    )
    assert tree(outline) == [(1, "1", "Inzet")]
    assert "Starten najaar 2020 wijkteam" in outline.sections[0].paragraphs


def test_labelled_items_under_a_colon_announce_and_the_labelled_headings_follow():
    outline = outline_of(
        "1.1 Aanpak\n\nWe werken in drie stappen:\n\nStap 1 Kijken\nStap 2 Vragen\n"
        "Stap 3 Doen\n\nStap 1 Kijken\n\nEerst lopen we door de straten.\n\n"
        "Stap 2 Vragen\n\nDan bellen we aan.\n\nStap 3 Doen\n\nTot slot gaan we aan de slag.\n"
    )
    assert tree(outline) == [
        (1, "1.1", "Aanpak"),
        (2, "1", "Stap 1 Kijken"),
        (2, "2", "Stap 2 Vragen"),
        (2, "3", "Stap 3 Doen"),
    ]


def test_a_lettered_heading_after_a_colon_heads_the_text_below_it():
    outline = outline_of(
        "1.1 Kennis\n\nHet gaat om twee onderwerpen:\n\na. Leren van collega's\n"
        "Collega's schuiven aan bij elkaars overleg.\n\nb. Een gedeeld dossier\n"
        "Het dossier staat op een gedeelde plek.\n"
    )
    assert tree(outline) == [
        (1, "1.1", "Kennis"),
        (2, "a", "Leren van collega's"),
        (2, "b", "Een gedeeld dossier"),
    ]


def declared(*lines):
    """Lines as a format with heading styles gives them: (heading level or None, text)."""
    return [Line(text, heading_level=level) for level, text in lines]


def test_a_declared_chapter_without_sections_continues_the_chapter_numbers():
    lines = declared(
        (1, "1. Aanleiding"),
        (None, "Tekst."),
        (2, "1.1 Vraag"),
        (None, "Tekst."),
        (1, "2. Besluit"),
        (None, "Tekst."),
    )
    outline = build_outline(lines, {}, declared=True)
    assert tree(outline) == [(1, "1", "Aanleiding"), (2, "1.1", "Vraag"), (1, "2", "Besluit")]


def test_declared_appendices_are_chapters_not_a_series_within_a_section():
    lines = declared(
        (1, "1. Aanleiding"),
        (2, "1.1 Vraag"),
        (None, "Tekst."),
        (1, "Bijlage 1 Planning"),
        (None, "Tekst."),
        (1, "Bijlage 2 Begroting"),
        (None, "Tekst."),
    )
    outline = build_outline(lines, {}, declared=True)
    assert [(s.level, s.heading) for s in outline.sections][2:] == [
        (1, "Bijlage 1 Planning"),
        (1, "Bijlage 2 Begroting"),
    ]


def test_a_lettered_sub_heading_in_bold_at_body_size_is_a_heading_below_its_section(tmp_path):
    body = "De buurt kiest zelf welke plannen geld krijgen en wanneer. " * 3
    path = typeset_pdf(
        tmp_path / "letters.pdf",
        ("Evaluatie van het buurtgeld", "Helvetica-Bold", 18),
        ("1. Opzet", "Helvetica-Bold", 14),
        ("1.1 Bronnen", "Helvetica-Bold", 12),
        (body, "Helvetica", 10),
        ("a. Gesprekken", "Helvetica-BoldOblique", 10),
        (body, "Helvetica", 10),
        ("Dit is nadruk", "Helvetica-Bold", 10),
        (body, "Helvetica", 10),
    )
    extraction = extract_pdf(path)
    cleaned = clean_lines(extraction.lines)
    outline = build_outline(cleaned.lines, {}, True, extraction.declared_title)
    assert tree(outline) == [(1, "1", "Opzet"), (2, "1.1", "Bronnen"), (3, "a", "Gesprekken")]


def test_a_typeset_heading_wrapped_before_a_year_is_one_heading(tmp_path):
    body = "De corporaties knappen de komende jaren veel woningen op in de wijk. " * 3
    path = typeset_pdf(
        tmp_path / "jaartal.pdf",
        ("1. Aanleiding", "Helvetica-Bold", 14),
        (
            "1.1 Wat de afspraken waren in<br/>2017 over de wijk",
            "Helvetica-Bold",
            12,
        ),
        (body, "Helvetica", 10),
        ("1.2 Doel", "Helvetica-Bold", 12),
        (body, "Helvetica", 10),
    )
    extraction = extract_pdf(path)
    headings = [line.text for line in extraction.lines if line.heading_level]
    assert "1.1 Wat de afspraken waren in 2017 over de wijk" in headings
    assert "1.2 Doel" in headings


def test_a_typeset_bullet_without_a_character_still_marks_a_list_item(tmp_path):
    path = typeset_pdf(
        tmp_path / "opsomming.pdf",
        ("De aanpak kent twee stappen:", "Helvetica", 10),
        ("• Stap 1 Kijken", "Helvetica", 10),
        ("• Stap 2 Doen", "Helvetica", 10),
    )
    lines = [line for line in clean_lines(extract_pdf(path).lines).lines if line.text]
    assert [(line.list_item, line.text) for line in lines[1:]] == [
        (True, "Stap 1 Kijken"),
        (True, "Stap 2 Doen"),
    ]


def outline_of_file(name, text, tmp_path):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    extraction = extract(path, detect_format(path))
    cleaned = clean_lines(extraction.lines)
    return build_outline(
        cleaned.lines, cleaned.footnotes, extraction.declares_headings, extraction.declared_title
    )


def test_a_footnote_number_glued_to_a_sentence_beats_an_ordinary_number_before_it(tmp_path):
    separator = " " * 60
    # A text file as a PDF extraction leaves it: footnotes below a long run of spaces.
    outline = outline_of_file(
        "notitie.txt",
        "1. Aanleiding\n\n"
        "De gemeente Dorpsbeek begon met een proef met wijkteams in twee kernen. De\n"
        "aanpak staat in het projectplan 1 en is besproken met de bewoners. In fase 2 volgt\n"
        "een verdieping in de overige kernen, als de raad daarmee instemt. De ervaringen\n"
        "zijn verzameld door de teamleiders zelf.2\n\n"
        "2. Werkwijze\n\n"
        "Het team werkt vanuit het dorpshuis (Jansen 2019, 12) 3 . Elke week is er een\n"
        "spreekuur voor iedereen uit het dorp.\n"
        f"{separator}\n1\n Projectplan wijkteams Dorpsbeek, versie 3.\n"
        "2\n Zij hielden een logboek bij.\n3\n Jansen, P. (2019), Werken in kleine kernen.\n",
        tmp_path,
    )
    aanleiding, werkwijze = outline.sections
    assert sorted(aanleiding.footnotes) == ["1", "2"] and list(werkwijze.footnotes) == ["3"]
    assert "projectplan [^1]" in aanleiding.text and "zelf.[^2]" in aanleiding.text
    assert "In fase 2 volgt" in aanleiding.text
    assert "(Jansen 2019, 12) [^3] ." in werkwijze.text


def test_list_markers_of_headings_are_their_numbers_not_their_first_words(tmp_path):
    outline = outline_of_file(
        "buurtkamer.md",
        "# Notitie over de buurtkamer\n\n"
        "## 1) Aanleiding\n\nDe buurtkamer is drie jaar open en trekt veel bezoekers.\n\n"
        "### a Hoe gebruiken bewoners de buurtkamer?\n\nVooral op dinsdag, voor koffie.\n\n"
        "### b) Welke knelpunten zien de vrijwilligers?\n\nDe ruimte is te klein.\n\n"
        "### c. Wat vragen zij van de gemeente?\n\nMeer uren van de opbouwwerker.\n\n"
        "## 2 Conclusie\n\nDe buurtkamer werkt, maar heeft meer ruimte nodig.\n\n"
        "### U vraagt, wij draaien\n\nEen kop die met een woord van één letter begint.\n",
        tmp_path,
    )
    assert tree(outline) == [
        (1, "1", "Aanleiding"),
        (2, "a", "Hoe gebruiken bewoners de buurtkamer?"),
        (2, "b", "Welke knelpunten zien de vrijwilligers?"),
        (2, "c", "Wat vragen zij van de gemeente?"),
        (1, "2", "Conclusie"),
        (2, "", "U vraagt, wij draaien"),
    ]


def test_a_bare_letter_before_a_sub_heading_in_plain_text_is_its_number():
    outline = outline_of(
        "1. Aanleiding\n\nDe buurtkamer is drie jaar open en trekt elke week veel bezoekers.\n\n"
        "a Hoe gebruiken bewoners de buurtkamer?\n\nVooral op dinsdag, voor de koffie.\n\n"
        "b Welke knelpunten zien de vrijwilligers?\n\nDe ruimte is te klein voor de groep.\n"
    )
    assert tree(outline) == [
        (1, "1", "Aanleiding"),
        (2, "a", "Hoe gebruiken bewoners de buurtkamer?"),
        (2, "b", "Welke knelpunten zien de vrijwilligers?"),
    ]


def test_a_chapter_opened_straight_by_a_lettered_part_is_still_a_chapter():
    outline = outline_of(
        "1. Inleiding\n\nDe buurtkamer is drie jaar open en trekt elke week veel bezoekers.\n\n"
        "2. Bevindingen\n\na. Hoe gebruiken bewoners de buurtkamer?\n\nVooral op dinsdag.\n\n"
        "3. Aanbevelingen\n\nZet de buurtkamer voort.\n"
    )
    assert tree(outline) == [
        (1, "1", "Inleiding"),
        (1, "2", "Bevindingen"),
        (2, "a", "Hoe gebruiken bewoners de buurtkamer?"),
        (1, "3", "Aanbevelingen"),
    ]
