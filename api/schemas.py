"""What the API answers with: one schema per resource, and the shared pieces.

Every URL in an answer is absolute. ``type`` is the same vocabulary as the search API's
``type`` filter and hit type (``expert``, ``organisatie``, ``praktijk``, ``gemeente``,
``thema``, ``kennisgemeenschap``, ``rapport``).
"""

import datetime
from typing import Annotated, Generic, Literal, TypeVar

from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

from search.registry import kind_values
from wijkwijs.parameters import READABLE_TEXT

# The one vocabulary of types: content, search hits, autocomplete and the type filter.
Kind = Literal[tuple(kind_values())]
# Parameter values: no control characters (the database refuses NUL), reasonably short.
FilterValue = Annotated[str, Field(max_length=200, pattern=READABLE_TEXT)]


class Reference(Schema):
    """Another object, by name, with its page and (where there is one) its API address."""

    id: int
    slug: str
    title: str
    url: str
    api_url: str | None = None


class Choice(Schema):
    value: str
    label: str


T = TypeVar("T")


class Page(Schema, Generic[T]):
    total: int
    page: int
    page_size: int
    pages: int
    items: list[T]


class Summary(Schema):
    """What every object has."""

    id: int
    type: Kind
    slug: str
    title: str
    url: str = Field(description=_("De pagina op de site."))
    api_url: str = Field(description=_("Dit object in de API."))
    last_published_at: datetime.datetime | None


class Classified(Summary):
    """Filed under themes and municipalities."""

    themes: list[Reference]
    municipalities: list[Reference]


class Contact(Schema):
    kind: str = Field(description=_("email, phone, organisation of none (de keuze van de expert)."))
    value: str | None


class Expert(Classified):
    role: str
    bio: str = Field(description=_("Markdown."))
    organisation: Reference
    expertise: list[str]
    contact: Contact


class ExpertDetail(Expert):
    practices: list[Reference]
    reports: list[Reference]
    communities: list[Reference]


class Organisation(Classified):
    kind: Choice
    website: str
    description: str = Field(description=_("Markdown."))


class OrganisationDetail(Organisation):
    experts: list[Reference]
    practices: list[Reference]
    reports: list[Reference]
    communities: list[Reference]


class Part(Schema):
    heading: str
    text: str = Field(description=_("Markdown."))


class Quote(Schema):
    text: str
    attribution: str = Field(description=_("De rol, en de naam alleen met toestemming."))


class Practice(Classified):
    summary: str
    evidence_level: Choice
    period_start: datetime.date | None
    period_end: datetime.date | None
    organisations: list[Reference]


class PracticeDetail(Practice):
    parts: list[Part]
    pdca: list[Part]
    tips: list[str]
    quotes: list[Quote]
    contacts: list[Reference]
    reports: list[Reference]


class Author(Schema):
    name: str
    expert: Reference | None = Field(description=_("Het expertprofiel, als u het mag zien."))


class Publisher(Schema):
    name: str
    organisation: Reference | None


class Section(Schema):
    position: int
    number: str
    heading: str
    level: int
    anchor: str
    url: str
    page_number: int | None
    text: str


class Download(Schema):
    title: str
    format: str
    url: str


class Report(Classified):
    kind: Choice
    published: str | None = Field(
        description=_("De publicatiedatum zo precies als bekend: JJJJ, JJJJ-MM of JJJJ-MM-DD.")
    )
    period_start: datetime.date | None
    period_end: datetime.date | None
    abstract: str = Field(description=_("Markdown."))
    authors: list[Author]
    publisher: Publisher | None
    organisations: list[Reference]


class ReportDetail(Report):
    sections: list[Section]
    downloads: list[Download]
    practices: list[Reference]


class Source(Schema):
    label: str = Field(
        description=_("De bron; 'een publicatie die niet openbaar is' als u die niet mag zien.")
    )
    url: str | None
    report: Reference | None


class Fact(Schema):
    topic: Choice
    label: str
    value: str
    display_value: str
    number: float | None
    unit: str
    as_of: datetime.date
    source: Source
    note: str


class Municipality(Summary):
    cbs_code: str = Field(description=_("CBS-gemeentecode, bijvoorbeeld GM0344."))
    province: Choice
    name_variants: list[str]
    summary: str = Field(description=_("Markdown."))


class MunicipalityDetail(Municipality):
    facts: list[Fact]


class Theme(Summary):
    label_en: str
    description: str = Field(description=_("Markdown."))
    synonyms: list[str]


class Community(Classified):
    description: str = Field(description=_("Markdown."))
    organisations: list[Reference]
    coordinators: list[Reference]
