from django import template
from django.utils.html import strip_tags
from django.utils.text import capfirst

from wijkwijs import fragments
from wijkwijs.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown to sanitised HTML."""
    return render_markdown(text)


@register.filter
def markdown_below(text, level):
    """Markdown to sanitised HTML inside a section headed at ``level``: its own headings
    start one level lower."""
    return render_markdown(text, below=int(level))


@register.filter
def markdown_text(text):
    """Markdown to plain text, for summaries on cards."""
    return strip_tags(render_markdown(text)).strip()


@register.filter
def page_type_label(page):
    """'Praktijkvoorbeeld', 'Expertprofiel', …: the page's kind in the user's language."""
    return capfirst(page.specific_class._meta.verbose_name)


@register.filter
def display_title(page):
    """The page's name in the visitor's language where it has one (an index page, a theme),
    else its title."""
    return getattr(page, "display_title", page.title)


@register.filter
def in_section(page, menu_item):
    """Whether ``page`` is ``menu_item`` or lies beneath it (for aria-current in menus)."""
    return bool(page) and page.path.startswith(menu_item.path)


class VisitorFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return fragments.for_visitors(
            context.get("request"), parts, lambda: self.nodelist.render(context)
        )


@register.tag
def for_visitors(parser, token):
    """``{% for_visitors "name" value… %}…{% endfor_visitors %}``: rendered once for all
    visitors who are not signed in, per name and values (``wijkwijs.fragments``). Only for
    what depends on nothing else of the request than who may see it and the language."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfor_visitors",))
    parser.delete_first_token()
    return VisitorFragmentNode(nodelist, parts)
