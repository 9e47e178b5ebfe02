"""Experts as CSV: for a spreadsheet of who to call, within what the experts agreed to.

Only profiles with recorded consent leave the platform, even for editors (who may see the
others on the site), and each row carries only the contact route the expert chose.
"""

from expertise.models import ContactPreference
from wijkwijs.spreadsheets import csv_text

COLUMNS = (
    "naam",
    "functie",
    "organisatie",
    "gemeenten",
    "thema's",
    "expertise",
    "contactvoorkeur",
    "contact",
    "profiel",
)


def contact_value(expert) -> str:
    route = expert.contact_route
    if route["kind"] == "organisation":
        return route["value"].title
    return route["value"] or ""


def expert_row(expert, absolute_url) -> list[str]:
    return [
        expert.title,
        expert.role,
        expert.organisation.title,
        ", ".join(page.title for page in expert.municipalities.all()),
        ", ".join(page.title for page in expert.themes.all()),
        ", ".join(tag.name for tag in expert.tags.all()),
        str(ContactPreference(expert.contact_preference).label),
        contact_value(expert),
        absolute_url(expert.url) if expert.url else "",
    ]


def experts_csv(experts, absolute_url) -> str:
    """``absolute_url`` turns a site path into a full address (the request's, as the API's)."""
    consented = [expert for expert in experts if expert.consent_date is not None]
    return csv_text(COLUMNS, [expert_row(expert, absolute_url) for expert in consented])
