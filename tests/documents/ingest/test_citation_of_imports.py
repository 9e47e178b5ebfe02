"""An imported report cites with the year and authors its text states, punctuated once."""

import pytest

from documents.citation import Citation
from documents.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

NOTE = """# Motivatie in het wijkteam

juni 2013

Mila Jansen

Tom van Dijk

## Gebrek aan motivatie?

Bewoners die niet komen opdagen, krijgen een tweede uitnodiging aan huis.

## Werkwijze

Het team belt na een gemiste afspraak dezelfde week nog terug.
"""


@pytest.fixture
def imported(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "motivatie.md"
    path.write_text(NOTE, encoding="utf-8")
    result = import_file(path)
    assert result.status == "imported", result.error
    return result.report


def test_a_section_ending_in_a_question_mark_gets_no_second_full_stop(imported):
    section = imported.sections.get(heading="Gebrek aan motivatie?")
    text = Citation(imported, "https://wijkwijs.example/r/", section).text()
    assert "?." not in text
    assert "Gebrek aan motivatie? In: Motivatie in het wijkteam." in text
    assert text.startswith("Jansen, Mila & van Dijk, Tom (2013)")
    assert "z.j." not in text


def test_z_j_only_when_the_text_states_no_date(imported):
    imported.published_on = None
    assert "(z.j.)" in Citation(imported, "https://wijkwijs.example/r/").text()
