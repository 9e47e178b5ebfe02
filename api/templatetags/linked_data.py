import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from api.linked_data import describe

register = template.Library()
# As django.utils.html.json_script: nothing in the data can close the script element.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def linked_data(context):
    """The page's schema.org JSON-LD as a data block (not run as script, so within the CSP)."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return ""
    data = describe(request, getattr(page, "specific", page))
    if data is None:
        return ""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
