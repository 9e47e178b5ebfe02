"""What every engine returns: ranked hits, the total, facet counts and a suggestion; or,
ranking evidence, the ranked records alone."""

from dataclasses import dataclass, field

from search.models import HEADING_SEPARATOR
from search.registry import report_kind_choices
from wijkwijs.models import ThemePage
from wijkwijs.visibility import Visibility


@dataclass
class Hit:
    type: str  # the kind's label, for people ("Praktijkvoorbeeld")
    title: str
    url: str
    text: str  # the full indexed text: title and text of the record
    parent_title: str = ""
    context: str = ""  # a section's ancestor headings ("Chapter › Paragraph")
    snippet: str = ""  # safe HTML: escaped text with <mark> around matches
    labels: dict = field(default_factory=dict)  # municipalities, themes, organisations
    score: float = 0.0
    page_id: int = 0  # the page the record belongs to (a section's report)
    similar: list = field(default_factory=list)  # near-identical hits of the same document
    kind: str = ""  # the kind's value, as the type filter takes it ("praktijk")
    visibility: str = Visibility.PUBLIC  # who may see it: the page marks what not all may
    key: str = ""  # the record's ("page:12", "section:345")

    def get_visibility_display(self) -> str:
        return str(Visibility(self.visibility).label)

    @property
    def heading_path(self) -> str:
        """Where a hit stands: "Report › Chapter › Section" (a page: its title). A section
        headed like its report (an opening section) is not named twice."""
        parts = [part for part in (self.parent_title, self.context, self.title) if part]
        return HEADING_SEPARATOR.join(
            part
            for position, part in enumerate(parts)
            if not position or part != parts[position - 1]
        )


@dataclass(frozen=True)
class EvidenceHit:
    """A ranked record as evidence (``rank_evidence``): where it is and how well it ranks,
    without the snippet, text and labels a results page shows."""

    page_id: int
    score: float
    title: str
    url: str
    parent_title: str = ""


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict = field(default_factory=dict)  # facet name → [(value, label, count)]
    suggestion: str = ""  # "Bedoelde u …?"
    searched_for: str = ""  # the query actually run, if a correction replaced it
    engine: str = ""  # the engine that answered
    fallback: bool = False  # Elasticsearch failed and the embedded engine answered instead

    def label_in_visitor_language(self):
        """Theme names (Dutch titles, with an English label) and report kinds (stored as
        their Dutch value) of the facets and hits, named in the visitor's language: the
        search page and the API show them alike."""
        themes = ThemePage.names_in_visitor_language()
        names = {
            "theme": themes,
            "kind": {value: str(label) for value, label in report_kind_choices()},
        }
        for facet, name_of in names.items():
            if facet in self.facets:
                self.facets[facet] = [
                    (value, name_of.get(value, name_of.get(label, label)), count)
                    for value, label, count in self.facets[facet]
                ]
        for hit in self.hits:
            hit.title = themes.get(hit.title, hit.title)  # a theme's own page
            hit.labels["themes"] = [
                themes.get(title, title) for title in hit.labels.get("themes", [])
            ]


@dataclass
class TitleSuggestion:
    """An autocomplete entry."""

    title: str
    report: str  # the report of a section, else ""
    url: str
    type: str
