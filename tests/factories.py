"""Factories for Wijkwijs pages: each creates its page under the right index page."""

import datetime

import factory
from django.utils.text import slugify

from documents.models import ReportPage, ReportSection
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from wijkwijs.findable import records_changed
from wijkwijs.models import CommunityPage, MeetingPage, MunicipalityPage, ThemePage
from wijkwijs.site_structure import ensure_site_structure


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page as a child of ``parent`` (default: the type's index page).

    Many-to-many and child relations are passed as lists and set before saving, as
    Wagtail's page editor does.
    """

    title = factory.Sequence(lambda n: f"Testpagina {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    class Meta:
        abstract = True

    _index_attribute = None
    _relations = ()

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            parent = getattr(ensure_site_structure(), cls._index_attribute)
        related = {name: kwargs.pop(name) for name in cls._relations if name in kwargs}
        page = model_class(*args, **kwargs)
        for name, value in related.items():
            setattr(page, name, value)
        parent.add_child(instance=page)
        return page


CLASSIFIED = ("municipalities", "themes")


class MunicipalityFactory(PageFactory):
    class Meta:
        model = MunicipalityPage

    _index_attribute = "municipalities"
    _relations = ("facts",)
    title = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    province = "utrecht"


class ThemeFactory(PageFactory):
    class Meta:
        model = ThemePage

    _index_attribute = "themes"
    title = factory.Sequence(lambda n: f"Testthema {n}")


class OrganisationFactory(PageFactory):
    class Meta:
        model = OrganisationPage

    _index_attribute = "organisations"
    _relations = CLASSIFIED
    title = factory.Sequence(lambda n: f"Testorganisatie {n}")
    kind = "welzijn"


class ExpertFactory(PageFactory):
    """Parent must be given: experts live under their organisation."""

    class Meta:
        model = ExpertPage

    _relations = CLASSIFIED
    title = factory.Sequence(lambda n: f"Testexpert {n}")
    role = "Wijkwerker"
    consent_date = datetime.date(2024, 1, 1)


class PracticeFactory(PageFactory):
    class Meta:
        model = PracticePage

    _index_attribute = "practices"
    _relations = CLASSIFIED + ("contacts", "organisations", "related_reports", "tips", "quotes")
    title = factory.Sequence(lambda n: f"Testpraktijk {n}")
    summary = "Een korte samenvatting van de aanpak."


class ReportFactory(PageFactory):
    class Meta:
        model = ReportPage

    _index_attribute = "reports"
    _relations = CLASSIFIED + ("organisations", "authors", "shared_with")
    title = factory.Sequence(lambda n: f"Testrapport {n}")
    kind = "evaluatie"
    published_on = datetime.date(2020, 5, 1)


class CommunityFactory(PageFactory):
    class Meta:
        model = CommunityPage

    _index_attribute = "communities"
    _relations = CLASSIFIED + ("member_organisations", "coordinators")
    title = factory.Sequence(lambda n: f"Testkring {n}")
    description = "Een kenniskring om van elkaar te leren."


class MeetingFactory(PageFactory):
    """Parent must be given: meetings live under their community."""

    class Meta:
        model = MeetingPage

    _relations = ("shared_with",)
    title = factory.Sequence(lambda n: f"Testbijeenkomst {n}")
    date = datetime.date(2024, 9, 1)


def add_sections(report, headings):
    """One level-1 section per heading, numbered 1, 2, … with anchors '1-inleiding', …"""
    for position, heading in enumerate(headings):
        ReportSection.objects.create(
            report=report,
            position=position,
            number=str(position + 1),
            heading=heading,
            level=1,
            anchor=f"{position + 1}-{heading.lower()}",
            text=f"Tekst over {heading}.",
        )


def publishers_group(name, page):
    """A group whose users reach the admin and may publish ``page`` and the pages below it."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    publish = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.create(group=group, page=page, permission=publish)
    return group


def with_section(report, heading, text, anchor, **fields):
    """``report`` with one more section, its records rewritten as an import does."""
    ReportSection.objects.create(
        report=report,
        position=report.sections.count(),
        heading=heading,
        level=1,
        anchor=anchor,
        text=text,
        **fields,
    )
    records_changed.send(sender=type(report), page=report)
    return report
