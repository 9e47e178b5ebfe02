"""Experts as CSV: for a spreadsheet of who to call, within what the experts agreed to.

Only profiles with recorded consent leave the platform, even for editors (who may see the
others on the site), and each row carries only the contact route the expert chose.
"""

import csv
import io

from expertise.models import ContactPreference

COLUMNS = (
    "naam", "functie", "organisatie", "gemeenten", "thema's", "expertise",
    "contactvoorkeur", "contact", "profiel",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted away."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def contact_value(expert) -> str:
    route = expert.contact_route
    if route["kind"] == "organisation":
        return route["value"].title
    return route["value"] or ""


def expert_row(expert) -> list[str]:
    return [
        expert.title,
        expert.role,
        expert.organisation.title,
        ", ".join(page.title for page in expert.municipalities.all()),
        ", ".join(page.title for page in expert.themes.all()),
        ", ".join(tag.name for tag in expert.tags.all()),
        str(ContactPreference(expert.contact_preference).label),
        contact_value(expert),
        expert.full_url or "",
    ]


def experts_csv(experts) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    for expert in experts:
        if expert.consent_date is None:
            continue
        writer.writerow([spreadsheet_safe(value) for value in expert_row(expert)])
    return output.getvalue()
