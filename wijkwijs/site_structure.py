"""The fixed skeleton of a Wijkwijs site: a home page and one index page per content type.

``ensure_site_structure()`` is idempotent: it creates what is missing and leaves
what exists alone, so it is safe on a fresh database and on a live one.
"""

from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from wijkwijs.listing import index_page_models
from wijkwijs.models import HomePage

HOME_SLUG = "home"


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
    for model in index_page_models():
        section = model.site_section
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(
                instance=model(
                    title=str(section.title),
                    slug=section.slug,
                    intro=str(section.intro),
                    show_in_menus=True,
                )
            )
        pages[section.key] = page
    return SimpleNamespace(**pages)
