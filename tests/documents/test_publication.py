"""Designed publications: pull quotes, numbered runs and place profiles, on invented text."""

from documents.ingest.publication import arrange_publication, is_pull_quote
from documents.ingest.structure import Outline, Section

PLACES = {"Ommen": "Ommen", "Epe": "Epe", "Tiel": "Tiel", "Tiel-West": "Tiel"}


def section(heading, level, text="", number=""):
    return Section(
        heading=heading, level=level, number=number, paragraphs=text.split("\n\n") if text else []
    )


def outline(sections, preamble=()):
    return Outline(title="Magazine", preamble=list(preamble), sections=sections)


def test_a_quoted_sentence_set_as_heading_is_text_of_the_section_before():
    arranged = arrange_publication(
        outline(
            [section("Werkwijze", 1, "Het team begint klein."), section("‘Wij beginnen klein.’", 1)]
        ),
        PLACES,
    )
    assert [s.heading for s in arranged.sections] == ["Werkwijze"]
    assert arranged.sections[0].paragraphs == ["Het team begint klein.", "‘Wij beginnen klein.’"]
    assert not is_pull_quote("‘Wij beginnen klein’")  # a quoted title without a full stop


def test_numbered_headings_nest_under_the_heading_before_them_in_printed_order():
    sections = [
        section("Vijf lessen", 2),
        *(section(f"Les {n}", 2, number=str(n)) for n in (1, 2, 4, 3, 5)),
    ]
    arranged = arrange_publication(outline(sections + [section("Nawoord", 2)]), PLACES)
    levels = [(s.number, s.level) for s in arranged.sections]
    assert levels == [("", 2), ("1", 3), ("2", 3), ("4", 3), ("3", 3), ("5", 3), ("", 2)]


def test_an_incomplete_numbering_is_not_a_run():
    sections = [section("Lessen", 2), *(section(f"Les {n}", 2, number=str(n)) for n in (1, 2, 5))]
    arranged = arrange_publication(outline(sections), PLACES)
    assert {s.level for s in arranged.sections} == {2}


def test_articles_are_grouped_under_the_places_the_contents_list_names():
    contents = [
        "Voorwoord",
        "Ommen bouwt op buren",
        "Epe kiest de wijk",
        "Tiel leert van fouten",
        "Colofon",
    ]
    sections = [
        section("Voorwoord", 1, "Drie gemeenten vertellen."),
        section("‘Buren helpen buren’", 1, "In Ommen helpen buren elkaar."),
        section("‘Wij volgen de vraag’", 2, "Onze stichting werkt in Ommen.\n\nDe gemeente: Epe"),
        section("‘Klein en dichtbij’", 1, "Het wijkteam zit in het dorpshuis."),
        section("Wat werkt?", 2, "Korte lijnen."),
        # Named once in passing, the wrong place does not take the article over.
        section("‘Een vaste kern’", 2, "Het team in Epe leerde van Ommen en van Epe."),
        section("‘Fouten mogen’", 1, "In Tiel-West mag het mislukken."),
        section("Colofon", 2, "Redactie en vormgeving."),
    ]
    arranged = arrange_publication(outline(sections, contents), PLACES).sections
    tree = [(s.level, s.number, s.heading) for s in arranged]
    assert tree == [
        (1, "", "Voorwoord"),
        (1, "1", "Ommen bouwt op buren"),
        (2, "", "‘Buren helpen buren’"),
        (2, "", "‘Wij volgen de vraag’"),
        (1, "2", "Epe kiest de wijk"),
        (2, "", "‘Klein en dichtbij’"),
        (3, "", "Wat werkt?"),
        (2, "", "‘Een vaste kern’"),
        (1, "3", "Tiel leert van fouten"),
        (2, "", "‘Fouten mogen’"),
        (1, "", "Colofon"),
    ]
    # The page label moved to the article it announces.
    assert arranged[5].paragraphs[0] == "De gemeente: Epe"
    assert len({s.anchor for s in arranged}) == len(arranged)


def test_without_a_contents_list_of_places_articles_stay_as_they_are():
    sections = [section("‘Buren helpen buren’", 1, "In Ommen."), section("‘Klein’", 1, "In Epe.")]
    arranged = arrange_publication(outline(sections, ["Voorwoord", "Ommen bouwt op buren"]), PLACES)
    assert [(s.level, s.heading) for s in arranged.sections] == [
        (1, "‘Buren helpen buren’"),
        (1, "‘Klein’"),
    ]
