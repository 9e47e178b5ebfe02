"""The search index: one flat record per searchable thing.

Experts, organisations, practices, municipalities, themes, communities and every report
section are records of one table, so one query ranks them together and one set of facet
counts describes the result. A record stores what search needs and nothing else: its
text, the labels it is filtered and counted by, and who may see it (already resolved:
an expert without consent is 'editors', a page behind Wagtail privacy likewise).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from wijkwijs.visibility import Visibility, shared_visibility_q

HEADING_SEPARATOR = " › "


def full_text(title, parent_title, text, context="") -> str:
    """Everything a record is found by: its title, its report's title, the headings above
    it and its text."""
    return "\n".join(part for part in (title, parent_title, context, text) if part)


class SearchRecord(models.Model):
    key = models.CharField(max_length=40, unique=True)  # "page:12", "section:345"
    # The page type's declared ``search_kind`` (``search.registry``: its label).
    kind = models.CharField(max_length=20, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="search_records"
    )
    section = models.ForeignKey(
        "documents.ReportSection",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_records",
    )
    title = models.CharField(max_length=600)
    parent_title = models.CharField(max_length=255, blank=True)  # the report of a section
    # A section's ancestor headings, outermost first ("Chapter › Paragraph"): what a section
    # under a generic heading ("Kenmerken") is found by, weighted as its report's title.
    context = models.CharField(max_length=1000, blank=True)
    url = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    # Parts of Dutch compounds in the text ("privacyregels" → "privacy regels"), indexed at
    # the lowest weight so a search for a part finds the compound.
    compound_parts = models.TextField(blank=True, editable=False)
    # Not indexed (nor with the kind): a visibility keeps most records, and offered an index
    # on it the planner would read every visible record's vector to test a search on it,
    # where the text index says which records match (tests/search/test_facet_count_plan.py).
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    report_kind = models.CharField(max_length=24, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    municipalities = models.ManyToManyField("wijkwijs.MunicipalityPage", related_name="+")
    themes = models.ManyToManyField("wijkwijs.ThemePage", related_name="+")
    organisations = models.ManyToManyField("expertise.OrganisationPage", related_name="+")
    # For records visible to communities only: the communities whose members may find it.
    communities = models.ManyToManyField("wijkwijs.CommunityPage", related_name="+")
    # PostgreSQL only (stays empty on SQLite): title A, report title and headings B, text C, in the
    # wijkwijs_dutch configuration (Snowball Dutch stemming with accents folded).
    search_vector = SearchVectorField(null=True, editable=False)

    def __str__(self):
        return f"{self.kind}: {self.title}"

    @classmethod
    def visible_to(cls, user):
        """The records ``user`` may find: the filter every search, facet and suggestion uses."""
        communities = cls._meta.get_field("communities")
        return cls.objects.filter(shared_visibility_q(user, communities, page_field="page_id"))

    @property
    def full_text(self):
        return full_text(self.title, self.parent_title, self.text, self.context)


class SearchTerm(models.Model):
    """The vocabulary of the index, for 'Bedoelde u …?' suggestions (trigram similarity)."""

    word = models.CharField(max_length=80, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class LexemeFrequency(models.Model):
    """How many records hold each lexeme of the text-search vectors (PostgreSQL): the
    document frequencies the ranking weighs query words by, read instead of counted per
    search. Database triggers keep it exact through every insert, update and delete of
    records (search/migrations/0006_search_statistics.py); the row with the empty lexeme
    (``ALL_RECORDS``) counts the records themselves."""

    ALL_RECORDS = ""

    lexeme = models.TextField(primary_key=True)
    records = models.IntegerField()

    def __str__(self):
        return f"{self.lexeme or '(alle)'}: {self.records}"


class PageFacet(models.Model):
    """A facet value of an indexed page: its type, report kind and year (``value``) and
    its labels (``label``). All records of a page share them, so a search counts its
    matches per page and looks the values up once per page (2,000 pages, not 100,000
    sections)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=16)  # type, kind, year or a key of LABEL_FACETS
    value = models.CharField(max_length=24, blank=True)
    label = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    def __str__(self):
        return f"{self.page_id} {self.facet}: {self.value or self.label_id}"


class PendingIndexUpdate(models.Model):
    """A page whose records changed and have not reached Elasticsearch yet (the outbox).

    Written in the transaction that changes the records; a task sends the pages on and
    removes the rows. When Elasticsearch is down they stay, and are sent when it is back.
    """

    page_id = models.IntegerField(unique=True)  # no foreign key: deleted pages are sent too
    queued_at = models.DateTimeField()

    def __str__(self):
        return f"page {self.page_id} ({self.queued_at:%Y-%m-%d %H:%M:%S})"
