import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

FOOTNOTE_REFERENCE = re.compile(r"\[\^(\d{1,3})\]")


@register.filter
def section_paragraphs(text, anchor):
    """A section's stored text as escaped paragraphs, footnote references linked."""

    def reference(match):
        number = match.group(1)
        return (
            f'<sup><a href="#{anchor}-voetnoot-{number}" id="{anchor}-verwijzing-{number}" '
            f'aria-label="voetnoot {number}">{number}</a></sup>'
        )

    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return mark_safe(
        "".join(f"<p>{FOOTNOTE_REFERENCE.sub(reference, escape(part))}</p>" for part in paragraphs)
    )


@register.filter
def heading_tag(level):
    """h2 for chapters, h3 for sections, h4 below: the page title is the only h1."""
    return f"h{min(int(level) + 1, 4)}"
