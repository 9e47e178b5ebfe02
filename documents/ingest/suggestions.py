"""Which municipalities, organisations and themes a report is about, for the editor to confirm.

Municipalities and themes are recognised as the vocabulary recognises them
(``wijkwijs.vocabulary``: names keep their case, theme words match in any case),
organisations on their names. Suggestions are ranked by mentions.
"""

from collections import Counter

from django.apps import apps

from wijkwijs import vocabulary

MAX_SUGGESTIONS = 12
MIN_THEME_MENTIONS = 2


def _ranked(counter, minimum=1):
    return [
        {"id": page_id, "title": title, "mentions": mentions}
        for (page_id, title), mentions in counter.most_common(MAX_SUGGESTIONS)
        if mentions >= minimum
    ]


def _by_page(mentions: Counter) -> Counter:
    return Counter({(entry.page_id, entry.title): count for entry, count in mentions.items()})


def suggest_classification(text: str) -> dict:
    OrganisationPage = apps.get_model("expertise", "OrganisationPage")
    organisations = Counter()
    for organisation in OrganisationPage.objects.exclude(kind="gemeente"):
        found = len(vocabulary.phrase_pattern(organisation.title).findall(text))
        if found:
            organisations[(organisation.pk, organisation.title)] = found
    return {
        "municipalities": _ranked(_by_page(vocabulary.municipalities().mentions(text))),
        "organisations": _ranked(organisations),
        "themes": _ranked(
            _by_page(vocabulary.themes().mentions(text, ignore_case=True)), MIN_THEME_MENTIONS
        ),
    }
