"""What a page is found by: the declaration each searchable page type makes next to its
fields (the idea of Wagtail's ``Indexed``).

``search`` discovers every model that mixes in ``Findable`` and builds its index from
these methods alone; it names no content app. A page type declares its record kind, the
relations read when the whole index is rebuilt, and may override what its records hold:
their text, their labels, who may find them, and (a report: one per section) the records
themselves. The defaults suit a page found as one record by its search fields and tags.
"""

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

from django.dispatch import Signal
from django.utils import timezone
from wagtail.search import index

from wijkwijs.markdown import plain_text
from wijkwijs.visibility import Visibility

# Sent with ``page`` when what a page is found by changes without the page being saved (a
# report's sections written or edited); after a pseudonymisation also with
# ``redacted_names``, which search must forget.
records_changed = Signal()


@dataclass(frozen=True)
class RecordKind:
    """The type a record is shown and filtered as ("rapport", "Rapport")."""

    value: str
    label: str

    def __str__(self):
        return self.value


@dataclass
class Labels:
    """The pages a record is filtered and counted by, and the communities that may find it."""

    municipalities: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    communities: list = field(default_factory=list)


@dataclass
class RecordDraft:
    """One record of a page, before search stores it; the page's kind, visibility, labels
    and moment are added by search."""

    key: str  # "page:12", "section:345": unique over the index
    title: str
    url: str
    text: str
    context: str = ""  # the headings above a section, outermost first
    parent_title: str = ""  # the page a part belongs to (a section's report)
    section_id: int | None = None
    report_kind: str = ""
    year: int | None = None


def search_field_text(page, excluded=(), tags=True) -> str:
    """The text of a page's search fields and (unless not ``tags``) keywords (any page,
    declared or not)."""
    parts = []
    for search_field in page.search_fields:
        if isinstance(search_field, index.SearchField) and search_field.field_name not in excluded:
            value = getattr(page, search_field.field_name, "")
            if isinstance(value, str):
                parts.append(value)
    if tags and hasattr(page, "tags"):
        # In name order: fetched with the page or on their own, tags come in any order.
        parts.append(" ".join(sorted(tag.name for tag in page.tags.all())))
    return plain_text("\n".join(part for part in parts if part))


def join_parts(*parts) -> str:
    return "\n".join(part for part in parts if part)


class Findable:
    """Mixed into every page type that search finds."""

    search_kind: ClassVar[RecordKind]
    # Values of the "kind" facet this type's records carry, with their labels.
    search_kind_choices: ClassVar[tuple] = ()
    # Relations read for every record: fetched once per type when the index is rebuilt.
    search_select_related: ClassVar[tuple[str, ...]] = ()
    search_prefetch_related: ClassVar[tuple[str, ...]] = ()
    # The relations ``search_prose`` reads: all a hit's snippet needs of its page.
    search_prose_prefetch_related: ClassVar[tuple[str, ...]] = ()
    # Search fields that are not the page's record text (a report's whole text: its
    # sections are records of their own).
    search_text_excluded: ClassVar[tuple[str, ...]] = ()
    # Search fields that name the page rather than describe it (a theme's synonyms): the page
    # is found by them, but its hit's snippet is cut from the other fields.
    search_snippet_excluded: ClassVar[tuple[str, ...]] = ()

    def search_text(self) -> str:
        """The text the page is found by: its search fields and keywords, and its prose."""
        return join_parts(search_field_text(self, self.search_text_excluded), *self.search_prose())

    def search_prose(self) -> list[str]:
        """Readable text the page is found by beyond its search fields (a practice's tips)."""
        return []

    def search_snippet_text(self) -> str:
        """What the snippet of the page's hit is cut from: its prose, without the title the
        hit is headed by, its keywords or ``search_snippet_excluded``."""
        excluded = ("title", *self.search_text_excluded, *self.search_snippet_excluded)
        return join_parts(search_field_text(self, excluded, tags=False), *self.search_prose())

    def search_labels(self) -> Labels:
        labels = Labels()
        for relation in ("municipalities", "themes", "organisations"):
            if hasattr(self, relation):
                setattr(labels, relation, list(getattr(self, relation).all()))
        if getattr(self, "visibility", None) == Visibility.COMMUNITIES:
            labels.communities = list(self.shared_with.all())
        return labels

    def search_visibility(self) -> str:
        """Who may find the page: its own visibility, narrowed by Wagtail's page privacy
        (unless a rebuild found no privacy anywhere: ``search_unrestricted``)."""
        if (
            not getattr(self, "search_unrestricted", False)
            and self.get_view_restrictions().exists()
        ):
            return Visibility.EDITORS
        return getattr(self, "visibility", Visibility.PUBLIC)

    def search_moment(self) -> datetime.datetime:
        """What "newest first" sorts by."""
        return self.first_published_at or self.last_published_at or timezone.now()

    def search_year(self) -> int | None:
        """The year facet's value: none unless the type has a date of its own."""
        return None

    def search_records(self) -> list[RecordDraft]:
        return [
            RecordDraft(
                key=f"page:{self.pk}",
                title=self.title,
                url=self.url or "",
                text=self.search_text(),
                year=self.search_year(),
            )
        ]
