"""schema.org JSON-LD for the pages that describe something: reports, experts (with
consent only), organisations, municipalities and practices.

It says what the page says to the same viewer: related people and organisations appear
only when that viewer may see them.
"""

from api.representations import published
from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from wijkwijs.models import MunicipalityPage
from wijkwijs.visibility import visible

CONTEXT = "https://schema.org"


def absolute(request, page):
    return request.build_absolute_uri(page.get_url(request))


def organisation(request, page):
    return {"@type": "Organization", "name": page.title, "url": absolute(request, page)}


# Labels are read with .all() and filtered here, so a report's prefetched ones serve
# (ReportPage.with_shown_parts).
def places(request, page):
    return [
        municipality(request, place, full=False)
        for place in page.municipalities.all()
        if place.live
    ]


def topics(page):
    return [
        {"@type": "DefinedTerm", "name": theme.title} for theme in page.themes.all() if theme.live
    ]


def person(request, expert):
    return {"@type": "Person", "name": expert.title, "url": absolute(request, expert)}


def authors(request, page):
    described = []
    for name, expert in page.authors_shown_to(request.user):
        if expert is not None:
            described.append(person(request, expert) | {"name": name})
        else:
            described.append({"@type": "Person", "name": name})
    return described


def publisher(request, page):
    if page.publisher_id:
        shown = visible(OrganisationPage.objects.filter(pk=page.publisher_id), request.user)
        if shown.exists():
            return organisation(request, page.publisher)
        return {"@type": "Organization", "name": page.publisher.title}
    if page.publisher_name:
        return {"@type": "Organization", "name": page.publisher_name}
    return None


def report(request, page):
    page = page.with_shown_parts()
    url = absolute(request, page)
    return {
        "@type": "Report",
        "name": page.title,
        "url": url,
        "inLanguage": "nl",
        "genre": page.get_kind_display(),
        "abstract": page.abstract,
        "datePublished": published(page),
        "author": authors(request, page),
        "publisher": publisher(request, page),
        "about": topics(page),
        "spatialCoverage": places(request, page),
        "hasPart": [
            {
                "@type": "CreativeWork",
                "position": section.position + 1,
                "name": str(section),
                "url": f"{url}#{section.anchor}",
            }
            for section in page.sections.all()  # in position order
        ],
    }


def expert(request, page):
    if page.consent_date is None:
        return None  # a profile without consent is not described to machines
    return person(request, page) | {
        "jobTitle": page.role,
        "description": page.bio or None,
        "affiliation": organisation(request, page.organisation),
        "knowsAbout": [theme.title for theme in page.themes.live()]
        + sorted(tag.name for tag in page.tags.all()),
    }


def organisation_page(request, page):
    return organisation(request, page) | {
        "description": page.description or None,
        "sameAs": page.website or None,
        "areaServed": places(request, page),
        "knowsAbout": [theme.title for theme in page.themes.live()],
    }


def municipality(request, page, full=True):
    data = {
        "@type": "AdministrativeArea",
        "name": page.title,
        "url": absolute(request, page),
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "CBS-gemeentecode",
            "value": page.cbs_code,
        },
    }
    if full:
        data["containedInPlace"] = {
            "@type": "AdministrativeArea",
            "name": page.get_province_display(),
        }
        data["alternateName"] = page.name_variant_list
    return data


def practice(request, page):
    user = request.user
    return {
        "@type": "CreativeWork",
        "additionalType": "praktijkvoorbeeld",
        "name": page.title,
        "url": absolute(request, page),
        "inLanguage": "nl",
        "abstract": page.summary,
        "about": topics(page),
        "spatialCoverage": places(request, page),
        "creator": [organisation(request, org) for org in visible(page.organisations.all(), user)],
        "contributor": [person(request, contact) for contact in visible(page.contacts.all(), user)],
    }


DESCRIBERS = {
    ReportPage: report,
    ExpertPage: expert,
    OrganisationPage: organisation_page,
    MunicipalityPage: municipality,
    PracticePage: practice,
}


def without_empty(value):
    if isinstance(value, dict):
        return {
            key: without_empty(item) for key, item in value.items() if item not in (None, "", [])
        }
    if isinstance(value, list):
        return [without_empty(item) for item in value]
    return value


def describe(request, page) -> dict | None:
    """The page's JSON-LD document, or None for pages that describe nothing."""
    describer = DESCRIBERS.get(type(page))
    data = describer(request, page) if describer else None
    return {"@context": CONTEXT} | without_empty(data) if data else None
