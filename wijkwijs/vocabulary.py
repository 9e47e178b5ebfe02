"""How a municipality or a theme is recognised in text: the one matcher of the taxonomy.

A municipality is known by its name and its name variants ("Den Bosch" for
's-Hertogenbosch), a theme by its label and synonyms. A spelling matches as a whole
phrase, never inside a longer word ('Ede' is not in 'mede' or 'Eden'), whatever stands
around it that is not a letter or digit (so "'s-Hertogenbosch" is found after a space). In
a document a municipality keeps its case (a capital: 'Ede' is a place, 'ede' is not), a
theme matches in any case; a user's words are normalised first (case, accents and
punctuation), so "s hertogenbosch" finds 's-Hertogenbosch.

The spellings of the live pages are remembered (``wijkwijs.remembered``) until content
changes: at once in this process, within a second in every other.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from wijkwijs.normalise import normalise
from wijkwijs.remembered import content_changed, remembered


@dataclass(frozen=True)
class Entry:
    """One municipality or theme and the ways it is written, its title first."""

    page_id: int
    title: str
    slug: str
    spellings: tuple[str, ...]
    label_en: str = ""


@functools.lru_cache(maxsize=4096)
def phrase_pattern(phrase: str, ignore_case: bool = False) -> re.Pattern:
    """``phrase`` as a whole phrase: no letter or digit directly before or after it."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE if ignore_case else 0)


class Vocabulary:
    """The entries of one taxonomy and how they are found in text."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        # Longest spellings first: "Súdwest-Fryslân" before "Fryslân".
        self.spellings = dict(
            sorted(
                ((spelling, entry) for entry in reversed(entries) for spelling in entry.spellings),
                key=lambda item: -len(item[0]),
            )
        )
        self.normalised = {normalise(spelling): entry for spelling, entry in self.spellings.items()}
        self.normalised.pop("", None)

    def mentions(self, text: str, ignore_case: bool = False) -> Counter:
        """How often each entry is named in ``text``, in the entries' (tree) order, so equal
        counts keep that order (entries not named are left out)."""
        counts = Counter()
        for entry in self.entries:
            found = sum(
                len(phrase_pattern(spelling, ignore_case).findall(text))
                for spelling in entry.spellings
            )
            if found:
                counts[entry] = found
        return counts

    def leading(self, text: str) -> Entry | None:
        """The entry whose spelling opens ``text`` ("Zaanstad luistert")."""
        for spelling, entry in self.spellings.items():
            if phrase_pattern(spelling).match(text):
                return entry
        return None

    def named_in(self, text: str) -> tuple[list[Entry], str]:
        """The entries named in a user's (normalised) ``text``, longest spellings first, and
        the text left when they are taken out."""
        found = []
        for spelling, entry in self.normalised.items():
            pattern = phrase_pattern(spelling)
            if pattern.search(text):
                text = pattern.sub(" ", text)
                if entry not in found:
                    found.append(entry)
        return found, text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _read_municipalities() -> Vocabulary:
    pages = apps.get_model("wijkwijs", "MunicipalityPage").objects.live().order_by("path")
    return Vocabulary(
        [
            Entry(pk, title, slug, (title, *_lines(variants)))
            for pk, title, slug, variants in pages.values_list(
                "pk", "title", "slug", "name_variants"
            )
        ]
    )


def _read_themes() -> Vocabulary:
    pages = apps.get_model("wijkwijs", "ThemePage").objects.live().order_by("path")
    return Vocabulary(
        [
            Entry(pk, title, slug, (title, *_lines(synonyms)), label_en)
            for pk, title, slug, synonyms, label_en in pages.values_list(
                "pk", "title", "slug", "synonyms", "label_en"
            )
        ]
    )


def municipalities() -> Vocabulary:
    return remembered("vocabulary", "municipalities", _read_municipalities)


def themes() -> Vocabulary:
    return remembered("vocabulary", "themes", _read_themes)


def forget(*args, **kwargs):
    """Read the spellings again (a municipality or theme changed)."""
    content_changed()


def connect():
    for model_name in ("MunicipalityPage", "ThemePage"):
        model = apps.get_model("wijkwijs", model_name)
        post_save.connect(forget, sender=model, dispatch_uid=f"vocabulary-{model_name}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"vocabulary-gone-{model_name}")


def named(pages, value):
    """The pages of ``pages`` whose slug or title is ``value``, in any case: how a filter,
    a form or a management command names a municipality, theme, organisation or community."""
    return pages.filter(Q(slug__iexact=value) | Q(title__iexact=value))
