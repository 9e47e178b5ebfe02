"""The benchmarks' synthetic reports are public or for members, and made of real paragraphs:
never of a report an editor keeps to editors (the interview write-ups name people)."""

import pytest

from bench.search import shareable_texts
from documents.models import ReportSection
from tests.factories import CommunityFactory, ReportFactory, with_section
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Een alinea van voldoende lengte over {} in de wijk, met genoeg woorden om mee te tellen."
)


def test_text_kept_to_editors_is_never_copied_into_a_synthetic_report():
    community = CommunityFactory()
    for visibility in Visibility.values:
        shared_with = [community] if visibility == Visibility.COMMUNITIES else []
        report = ReportFactory(visibility=visibility, shared_with=shared_with)
        with_section(report, "Bevindingen", PARAGRAPH.format(visibility), "bevindingen")
    paragraphs, lengths = shareable_texts(ReportSection.objects.all())
    assert paragraphs == [
        PARAGRAPH.format(visibility) for visibility in (Visibility.PUBLIC, Visibility.MEMBERS)
    ]
    assert len(lengths) == 2


def test_a_reused_bench_database_reads_its_first_sections_only():
    for number in range(3):
        report = ReportFactory(visibility=Visibility.PUBLIC)
        with_section(report, "Bevindingen", PARAGRAPH.format(number), "bevindingen")
    paragraphs, _lengths = shareable_texts(ReportSection.objects.order_by("pk"), limit=2)
    assert paragraphs == [PARAGRAPH.format(0), PARAGRAPH.format(1)]
