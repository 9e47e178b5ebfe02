"""The two ways the database index is written hold the same: ``rebuild`` (every record at
once, the way a new installation, a restore or ``rebuild_search_index`` fills it) and
``index_page`` (one page at a time, as editors publish). Searches rank from these rows, so
any difference would make a search's results depend on how the index was last written."""

import datetime

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from documents.models import ReportSection, SectionFootnote
from search import dutch
from search.indexing import hyphenated_joined, index_page, pages_to_rebuild, rebuild
from search.models import LexemeFrequency, PageFacet, SearchRecord, SearchTerm
from tests.factories import CommunityFactory, PracticeFactory, ReportFactory, add_sections
from wijkwijs.findable import records_changed
from wijkwijs.models import MunicipalityPage, ThemePage

pytestmark = pytest.mark.django_db

RECORD_FIELDS = (
    "key",
    "kind",
    "page_id",
    "section_id",
    "title",
    "parent_title",
    "context",
    "url",
    "text",
    "compound_parts",
    "visibility",
    "report_kind",
    "year",
    "published_at",
)
MOMENT = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
LABELS = ("municipalities", "themes", "organisations", "communities")


def index_contents():
    """Everything search reads, by record key (ids differ between writes)."""
    records = {}
    for record in SearchRecord.objects.order_by("key"):
        row = {field: getattr(record, field) for field in RECORD_FIELDS}
        for relation in LABELS:
            row[relation] = sorted(getattr(record, relation).values_list("pk", flat=True))
        records[record.key] = row
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT key, search_vector::text FROM {SearchRecord._meta.db_table} ORDER BY key"
            )
            for key, vector in cursor.fetchall():
                records[key]["search_vector"] = vector
    facets = sorted(PageFacet.objects.values_list("page_id", "facet", "value", "label_id"))
    frequencies = dict(LexemeFrequency.objects.exclude(records=0).values_list("lexeme", "records"))
    vocabulary = dict(SearchTerm.objects.values_list("word", "frequency"))
    return records, facets, frequencies, vocabulary


@pytest.fixture
def varied_content():
    """Beside the demo: a report with headings, footnotes, typographic quotes and dashes,
    slashes, hyphenated words and compounds; labels of every kind; a members-only and a
    community-only report; a page behind Wagtail's privacy."""
    theme = ThemePage.objects.get(slug="mantelzorg")
    municipality = MunicipalityPage.objects.live().first()
    community = CommunityFactory(title="Kring wijkteams")
    report = ReportFactory(
        title="Proefwijk “De Egelantier” – een evaluatie",
        themes=[theme],
        municipalities=[municipality],
    )
    add_sections(report, ["Inleiding", "Werkwijze"])
    section = ReportSection.objects.create(
        report=report,
        position=2,
        number="2.1",
        heading="Wmo-loket en jeugd-/gezinswerk",
        level=2,
        anchor="2-1-wmo-loket",
        text="Het ‘keukentafelgesprek’ — met *nadruk* — ging over privacyregels[^1] "
        "en buurtteams/wijkteams in de proefwijk…",
    )
    SectionFootnote.objects.create(section=section, number="1", text="Zie het Wmo-loket.")
    records_changed.send(sender=type(report), page=report)
    ReportFactory(title="Ledenverslag zwaluwnesten", visibility="members")
    ReportFactory(title="Kringverslag", visibility="communities", shared_with=[community])
    hidden = PracticeFactory(title="Besloten keukentafelaanpak", summary="Alleen voor ons.")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    PracticeFactory(title="Buurtbus", summary="De buurtbus rijdt door de wijk.", themes=[theme])
    # A page never published sorts as indexed just now: give every page a moment of its own.
    Page.objects.filter(first_published_at=None).update(first_published_at=MOMENT)


def test_a_rebuild_writes_what_indexing_page_by_page_writes(varied_content):
    rebuild()
    rebuilt = index_contents()
    assert len(rebuilt[0]) > 50 and rebuilt[1] and rebuilt[3]
    # Page by page, over the vocabulary the rebuild counted (which compounds split by).
    for page in pages_to_rebuild():
        index_page(Page.objects.get(pk=page.pk))
    page_by_page = index_contents()
    for rebuilt_part, incremental_part in zip(rebuilt, page_by_page, strict=True):
        assert rebuilt_part == incremental_part
    # A second rebuild over the incremental rows changes nothing either.
    rebuild()
    assert index_contents() == rebuilt


@pytest.mark.parametrize(
    "text",
    [
        "Het Wmo-loket en jeugd-/gezinswerk",
        "(Wmo-loket), sociaal-medisch-team; e-mail_adres-lijst",
        "--dubbel--streepje- en -voorop en achteraan-",
        "cliënt-ondersteuning, Noord-Holland 2024-2025 en ss_-x",
        "geen koppelteken hier",
    ],
)
def test_hyphenated_words_are_found_around_the_hyphens_as_in_the_whole_text(text):
    assert hyphenated_joined(text) == dutch.joined_words(text)
