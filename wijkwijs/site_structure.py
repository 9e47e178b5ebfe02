"""The fixed skeleton of a Wijkwijs site: a home page and one index page per content type.

``ensure_site_structure()`` is idempotent: it creates what is missing and leaves
what exists alone, so it is safe on a fresh database and on a live one.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from documents.models import ReportIndexPage
from expertise.models import ExpertIndexPage, OrganisationIndexPage
from practices.models import PracticeIndexPage
from wijkwijs.models import (
    CommunityIndexPage,
    HomePage,
    MunicipalityIndexPage,
    ThemeIndexPage,
)

HOME_SLUG = "home"


@dataclass
class SiteStructure:
    home: HomePage
    municipalities: MunicipalityIndexPage
    themes: ThemeIndexPage
    organisations: OrganisationIndexPage
    experts: ExpertIndexPage
    practices: PracticeIndexPage
    reports: ReportIndexPage
    communities: CommunityIndexPage


# (attribute, model, slug, title, intro): the index pages in menu order.
INDEX_PAGES = [
    (
        "practices",
        PracticeIndexPage,
        "praktijkvoorbeelden",
        _("Praktijkvoorbeelden"),
        _(
            "Hoe pakten andere gemeenten en organisaties het aan? Casussen met aanpak, "
            "werkzame elementen en geleerde lessen."
        ),
    ),
    (
        "experts",
        ExpertIndexPage,
        "experts",
        _("Experts"),
        _("Wie weet wat? Professionals die hun kennis willen delen, per thema en gemeente."),
    ),
    (
        "organisations",
        OrganisationIndexPage,
        "organisaties",
        _("Organisaties"),
        _("Gemeenten, welzijns- en zorgorganisaties, onderzoekers en koepels."),
    ),
    (
        "reports",
        ReportIndexPage,
        "publicaties",
        _("Publicaties"),
        _("Onderzoeksrapporten, evaluaties, interviewverslagen en andere documenten."),
    ),
    (
        "municipalities",
        MunicipalityIndexPage,
        "gemeenten",
        _("Gemeenten"),
        _("Gemeenten met hun aanpak in het sociaal domein, met gedateerde feiten en bronnen."),
    ),
    (
        "themes",
        ThemeIndexPage,
        "themas",
        _("Thema's"),
        _("De vaste thema's waarmee alle kennis op het platform is geordend."),
    ),
    (
        "communities",
        CommunityIndexPage,
        "kennisgemeenschappen",
        _("Kennisgemeenschappen"),
        _("Kenniskringen en leernetwerken waarin professionals ervaringen uitwisselen."),
    ),
]


def _ensure_root():
    """Wagtail's migrations create the locale, root collection and root page; a flushed
    database has none of them."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def _ensure_home():
    home = HomePage.objects.first()
    if home:
        return home
    root = _ensure_root()
    # Wagtail's own migration leaves a placeholder welcome page at the slug we want.
    for placeholder in root.get_children().filter(slug=HOME_SLUG):
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    home = root.add_child(
        instance=HomePage(
            title="Wijkwijs",
            slug=HOME_SLUG,
            intro=str(
                _(
                    "Vind wie wat weet in het sociaal domein: experts, praktijkvoorbeelden, "
                    "onderzoek en gemeenten, doorzoekbaar op thema en gemeente."
                )
            ),
        )
    )
    return home


def _ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Wijkwijs",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Wijkwijs"
        site.save()


@transaction.atomic
def ensure_site_structure():
    home = _ensure_home()
    _ensure_site(home)
    pages = {"home": home}
    for attribute, model, slug, title, intro in INDEX_PAGES:
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(
                instance=model(title=str(title), slug=slug, intro=str(intro), show_in_menus=True)
            )
        pages[attribute] = page
    return SiteStructure(**pages)
