"""Which municipalities, organisations and themes a report is about, for the editor to confirm.

Municipalities are matched on their names and name variants (case-sensitive, whole
words, so 'Ede' does not match 'Eden' or 'mede'), organisations on their names, themes
on their labels and synonyms (case-insensitive). Suggestions are ranked by mentions.
"""

import re
from collections import Counter

from django.apps import apps

MAX_SUGGESTIONS = 12
MIN_THEME_MENTIONS = 2


def _count(text, terms, flags=0):
    total = 0
    for term in terms:
        if term:
            total += len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags))
    return total


def _ranked(counter, minimum=1):
    return [
        {"id": page.pk, "title": page.title, "mentions": mentions}
        for page, mentions in counter.most_common(MAX_SUGGESTIONS)
        if mentions >= minimum
    ]


def suggest_classification(text: str) -> dict:
    MunicipalityPage = apps.get_model("wijkwijs", "MunicipalityPage")
    ThemePage = apps.get_model("wijkwijs", "ThemePage")
    OrganisationPage = apps.get_model("expertise", "OrganisationPage")
    municipalities = Counter(
        {m: _count(text, [m.title, *m.name_variant_list]) for m in MunicipalityPage.objects.all()}
    )
    organisations = Counter(
        {o: _count(text, [o.title]) for o in OrganisationPage.objects.exclude(kind="gemeente")}
    )
    themes = Counter(
        {
            t: _count(text, [t.title, *t.synonym_list], re.IGNORECASE)
            for t in ThemePage.objects.all()
        }
    )
    return {
        "municipalities": _ranked(municipalities),
        "organisations": _ranked(organisations),
        "themes": _ranked(themes, MIN_THEME_MENTIONS),
    }
