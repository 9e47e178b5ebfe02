"""What a hit says about where it stands, the same for every engine."""

from search.results import Hit


def hit(title, parent_title="", context=""):
    return Hit(
        type="Rapport", title=title, url="/", text="", parent_title=parent_title, context=context
    )


def test_a_section_shows_its_report_and_chapter():
    assert (
        hit("Kenmerken", "Verslag", "2 Werkwijze").heading_path
        == "Verslag › 2 Werkwijze › Kenmerken"
    )


def test_a_section_headed_like_its_report_is_not_named_twice():
    assert hit("Verslag", "Verslag").heading_path == "Verslag"
