"""Municipalities side by side: their dated, sourced facts per topic, a chart of the facts
that are numbers, and the same as CSV.

The comparison topics (population, team model, stage, origin, composition) are always
rows, so a missing fact shows as missing; facts under 'other' are rows by their label.
Two sources may disagree: a cell lists every fact for its topic, newest first.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wijkwijs.choices import FactTopic
from wijkwijs.facts import SourcedFact, sourced_facts
from wijkwijs.models import MunicipalityFact, MunicipalityPage
from wijkwijs.spreadsheets import csv_text

MIN_CHOSEN, MAX_CHOSEN = 2, 6
CHART_WIDTH, LABEL_WIDTH, BAR_HEIGHT, BAR_GAP = 640, 200, 24, 10


@dataclass
class Row:
    label: str
    cells: list[list[SourcedFact]]  # per municipality, newest first


@dataclass
class Bar:
    """One municipality's bar: its name left of the bar, its value right of it."""

    name: str
    value: float
    display: str
    width: float
    y: int
    name_x = LABEL_WIDTH - 8
    bar_x = LABEL_WIDTH
    height = BAR_HEIGHT

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + 6

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 7


@dataclass
class Chart:
    label: str
    unit: str
    bars: list[Bar]
    width = CHART_WIDTH

    @property
    def height(self):
        return len(self.bars) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP


@dataclass
class Comparison:
    municipalities: list[MunicipalityPage]
    rows: list[Row]

    @property
    def charts(self) -> list[Chart]:
        charts = []
        for row in self.rows:
            newest = [
                (page, next((f for f in cell if f.number is not None), None))
                for page, cell in zip(self.municipalities, row.cells, strict=True)
            ]
            numbered = [(page, fact) for page, fact in newest if fact is not None]
            if len(numbered) >= MIN_CHOSEN:  # one bar compares nothing
                charts.append(chart(row.label, numbered))
        return charts


def chart(label, numbered) -> Chart:
    largest = max(fact.number for _page, fact in numbered) or 1.0
    bars = [
        Bar(
            name=page.title,
            value=fact.number,
            display=f"{fact.fact.display_value}{' ' + fact.fact.unit if fact.fact.unit else ''}",
            width=round((CHART_WIDTH - LABEL_WIDTH - 120) * fact.number / largest, 1),
            y=BAR_GAP + position * (BAR_HEIGHT + BAR_GAP),
        )
        for position, (page, fact) in enumerate(numbered)
    ]
    unit = next((fact.fact.unit for _page, fact in numbered if fact.fact.unit), "")
    return Chart(label, unit, bars)


def chosen(values) -> tuple[list[MunicipalityPage], str]:
    """The municipalities chosen (slugs, in the order given), and an error if the choice
    cannot be compared."""
    slugs = list(dict.fromkeys(value for value in values if value))
    # Behind a view restriction, a municipality is compared by no one (as if it were not there).
    found = MunicipalityPage.objects.live().public().filter(slug__in=slugs)
    pages = {page.slug: page for page in found}
    municipalities = [pages[slug] for slug in slugs if slug in pages]
    if len(municipalities) < len(slugs):
        return municipalities, str(_("Een of meer gekozen gemeenten bestaan niet."))
    if not MIN_CHOSEN <= len(municipalities) <= MAX_CHOSEN:
        return municipalities, str(
            _("Kies minimaal %(min)d en maximaal %(max)d gemeenten om te vergelijken.")
            % {"min": MIN_CHOSEN, "max": MAX_CHOSEN}
        )
    return municipalities, ""


def compare(municipalities, user) -> Comparison:
    facts = (
        MunicipalityFact.objects.filter(page__in=municipalities)
        .select_related("source_report")
        .order_by("-as_of", "sort_order")
    )
    by_row = {}  # (topic order, label) → {municipality id: [facts]}
    topics = list(FactTopic)
    for topic in topics[:-1]:  # every comparison topic is a row, filled or not
        by_row[(topics.index(topic), str(topic.label))] = {}
    for sourced in sourced_facts(facts, user):
        fact = sourced.fact
        key = (topics.index(FactTopic(fact.topic)), str(fact.display_label))
        by_row.setdefault(key, {}).setdefault(fact.page_id, []).append(sourced)
    rows = [
        Row(label, [cells.get(page.pk, []) for page in municipalities])
        for (_order, label), cells in sorted(by_row.items())
    ]
    return Comparison(municipalities, rows)


CSV_COLUMNS = (
    "gemeente",
    "cbs_code",
    "onderwerp",
    "waarde",
    "getal",
    "eenheid",
    "peildatum",
    "bron",
    "bron_url",
    "toelichting",
)


def number_text(number: float | None) -> str:
    """A number as Dutch spreadsheets read it: no grouping, a decimal comma."""
    if number is None:
        return ""
    return str(int(number)) if number.is_integer() else str(number).replace(".", ",")


def comparison_csv(comparison: Comparison, absolute_url) -> str:
    """One line per fact; ``absolute_url`` turns a site path into a full address."""
    lines = []
    for row in comparison.rows:
        for page, cell in zip(comparison.municipalities, row.cells, strict=True):
            for sourced in cell:
                fact = sourced.fact
                lines.append(
                    [
                        page.title,
                        page.cbs_code,
                        row.label,
                        fact.display_value,
                        number_text(sourced.number),
                        fact.unit,
                        fact.as_of.isoformat(),
                        sourced.source_label,
                        absolute_url(sourced.source_url) if sourced.source_url else "",
                        fact.note,
                    ]
                )
    return csv_text(CSV_COLUMNS, lines)
