"""The home page: one search box and the ways into the knowledge base."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from wijkwijs import routing
from wijkwijs.listing import index_page_models
from wijkwijs.visibility import visible

HOME_NEWEST = 6


class HomePage(Page):
    intro = models.TextField(_("inleiding"), blank=True, help_text=_("Markdown."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        return routing.route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = apps.get_model("wijkwijs", "ThemePage").objects.live().public()
        context.update(
            newest=[  # the index pages that declare a heading on the home page
                {
                    "heading": index.site_section.home_heading,
                    "anchor": index.site_section.key,
                    "pages": visible(
                        apps.get_model(index.listed_model).objects.all(), request.user
                    ).order_by("-first_published_at")[:HOME_NEWEST],
                }
                for index in index_page_models()
                if index.site_section.home_heading
            ],
            themes=themes.order_by("title"),
            sections=self.get_children().live().public().in_menu(),
        )
        return context
