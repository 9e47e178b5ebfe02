"""Designed publications: from a magazine's headings to the structure its contents list names.

A magazine exported to Markdown or Word marks up far more as headings than its
structure holds: pull quotes, interview questions, page labels. Three repairs apply to
documents that declare their headings:

- a pull quote set as a heading (a quoted sentence, closed with its full stop) is text
  of the section before it;
- a run of numbered headings 1…N (tips, steps) nests under the heading just before it;
- when the contents list at the start names places ("Vlaardingen kiest …", "Zaanstad
  luistert …"), the articles are grouped into one section per place, in the order of the
  contents. Page labels ("De gemeente: Zaanstad") and, failing those, the place named
  most often decide which place an article is about; a label printed at the end of an
  article announces the next one. Articles before the first place (a foreword) and from
  the first non-place contents entry on (a colophon) stay top-level sections.
"""

import re
from dataclasses import dataclass, field

from documents.ingest.structure import Outline, Section, assign_anchors
from wijkwijs.vocabulary import phrase_pattern

OPENING_QUOTES = "‘'“\""
CLOSING_QUOTES = "’'”\""
PAGE_LABEL = re.compile(r"^[A-Z][\w ]{2,20}:\s+(\S.{1,60})$")
MAX_CONTENTS_ENTRY_WORDS = 12
MIN_RUN_LENGTH = 3
MIN_PLACE_PROFILES = 3


@dataclass
class Article:
    sections: list[Section]
    label_places: list[str] = field(default_factory=list)

    @property
    def text(self):
        return "\n".join(f"{section.heading}\n{section.text}" for section in self.sections)


def arrange_publication(outline: Outline, place_names: dict[str, str]) -> Outline:
    """Apply the three repairs; ``place_names`` maps every spelling to its place."""
    sections = _fold_pull_quotes(outline.sections)
    sections = _nest_numbered_runs(sections)
    sections = _group_by_contents(sections, outline.preamble, place_names)
    assign_anchors(sections)
    return Outline(title=outline.title, preamble=outline.preamble, sections=sections)


def is_pull_quote(heading: str) -> bool:
    return (
        len(heading) > 2
        and heading[0] in OPENING_QUOTES
        and heading[-1] in CLOSING_QUOTES
        and heading[-2] in ".!?"
    )


def _fold_pull_quotes(sections):
    kept = []
    for section in sections:
        if kept and is_pull_quote(section.heading):
            kept[-1].paragraphs.extend([section.heading, *section.paragraphs])
            kept[-1].footnotes.update(section.footnotes)
        else:
            kept.append(section)
    return kept


def _run_number(section):
    return int(section.number) if section.number.isdigit() else None


def _nest_numbered_runs(sections):
    """Headings numbered 1…N at one level, after an unnumbered heading at that level, nest
    under it (printed order kept: a layout may print tip 7 before tip 6)."""
    index = 0
    while index < len(sections):
        level = sections[index].level
        members, cursor = [], index
        while cursor < len(sections) and sections[cursor].level >= level:
            if sections[cursor].level == level:
                if _run_number(sections[cursor]) is None:
                    break
                members.append(cursor)
            cursor += 1
        numbers = sorted(_run_number(sections[member]) for member in members)
        leader = sections[index - 1] if index else None
        if (
            len(members) >= MIN_RUN_LENGTH
            and numbers == list(range(1, len(members) + 1))
            and leader is not None
            and leader.level == level
            and not leader.number
        ):
            for section in sections[index:cursor]:
                section.level += 1
            index = cursor
        else:
            index += 1
    return sections


def _contents_entries(preamble):
    return [line for line in preamble if len(line.split()) <= MAX_CONTENTS_ENTRY_WORDS]


def _leading_place(entry, place_names):
    for spelling in sorted(place_names, key=len, reverse=True):
        if phrase_pattern(spelling).match(entry):
            return place_names[spelling]
    return None


def _places_named(text, place_names):
    counts: dict[str, int] = {}
    for spelling, place in place_names.items():
        found = len(phrase_pattern(spelling).findall(text))
        if found:
            counts[place] = counts.get(place, 0) + found
    return counts


def _split_articles(sections, starts_article):
    articles: list[Article] = []
    for section in sections:
        if not articles or starts_article(section):
            articles.append(Article([section]))
        else:
            articles[-1].sections.append(section)
    return articles


def _move_trailing_labels(articles, place_names):
    """Page labels at an article's end belong to the next article."""
    for article, following in zip(articles, articles[1:], strict=False):
        last = article.sections[-1]
        carried = []
        while last.paragraphs and PAGE_LABEL.match(last.paragraphs[-1]):
            carried.insert(0, last.paragraphs.pop())
        following.sections[0].paragraphs[:0] = carried
    for article in articles:
        for section in article.sections:
            for line in [section.heading, *section.paragraphs]:
                label = PAGE_LABEL.match(line)
                if label and label[1] in place_names:
                    article.label_places.append(place_names[label[1]])


def _article_place(article, place_names):
    if article.label_places:
        return article.label_places[0]
    counts = _places_named(article.text, place_names)
    return max(counts, key=counts.get) if counts else None


def _set_levels(article, base_level):
    first = article.sections[0]
    original = first.level
    first.level = base_level
    for section in article.sections[1:]:
        section.level = base_level + min(2, max(1, section.level - original))


def _group_by_contents(sections, preamble, place_names):
    places = {entry: _leading_place(entry, place_names) for entry in _contents_entries(preamble)}
    profiles = [(entry, place) for entry, place in places.items() if place]
    if len({place for _entry, place in profiles}) < MIN_PLACE_PROFILES or not sections:
        return sections
    other_entries = {entry for entry, place in places.items() if not place}
    top_level = min(section.level for section in sections)

    def starts_article(section):
        quoted = section.heading[:1] in OPENING_QUOTES
        return (
            section.level == top_level
            or (quoted and section.level <= top_level + 1)
            or section.heading in other_entries
        )

    articles = _split_articles(sections, starts_article)
    _move_trailing_labels(articles, place_names)
    order = [place for _entry, place in profiles]
    grouped: list[Section] = []
    current = -1
    closed = False
    for article in articles:
        closed = closed or (current >= 0 and article.sections[0].heading in other_entries)
        place = None if closed else _article_place(article, place_names)
        if place in order and order.index(place) > current:
            current = order.index(place)
            entry = profiles[current][0]
            grouped.append(
                Section(
                    heading=entry, level=1, number=str(current + 1), page=article.sections[0].page
                )
            )
        inside_profile = current >= 0 and not closed
        _set_levels(article, 2 if inside_profile else 1)
        grouped.extend(article.sections)
    return grouped
