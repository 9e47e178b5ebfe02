"""Request parameters as anyone may send them: validated in one place.

``refuse_unreadable`` runs for every request (``wijkwijs.middleware``): a parameter or path
with a NUL byte or another control character is answered with a 400 before any view or
database sees it. Views and the APIs read numbers with ``whole_number``, which accepts only
ASCII digits ("²" and "٣" are digits to Python, not to a database) within a bound, and page
no deeper than the result window (``within_window``; past a bigint, an offset is a
database error).
"""

import re

from django.utils.translation import gettext as _

# Tab, newline and carriage return occur in pasted text; every other control character
# (NUL above all: PostgreSQL refuses it in text) does not belong in a parameter.
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
CONTROL_CHARACTER = re.compile(f"[{CONTROL_CHARACTERS}]")
# The same rule as a pattern for declared parameters (the API's schemas).
READABLE_TEXT = f"^[^{CONTROL_CHARACTERS}]*$"
ASCII_INTEGER = re.compile(r"-?[0-9]{1,18}")
# The deepest result a listing pages to (Elasticsearch's default result window).
MAX_RESULT_WINDOW = 10_000


class BadParameter(ValueError):
    """A parameter that cannot be used; the message says which and why."""


def refuse_unreadable(request) -> str:
    """Why this request's path or parameters cannot be read, or "" when they can."""
    if CONTROL_CHARACTER.search(request.path):
        return _("Het adres bevat een teken dat niet is toegestaan (een stuurteken).")
    for name, values in request.GET.lists():
        if any(CONTROL_CHARACTER.search(text) for text in (name, *values)):
            message = _(
                "Parameter '%(name)s' bevat een teken dat niet is toegestaan (een stuurteken)."
            )
            return message % {"name": CONTROL_CHARACTER.sub("?", name)[:40]}
    return ""


def whole_number(raw, name, default, minimum=1, maximum=None):
    """``raw`` as an integer from ``minimum`` to ``maximum``; ``default`` when absent."""
    if raw in (None, ""):
        return default
    if not ASCII_INTEGER.fullmatch(raw):
        raise BadParameter(_("'%(name)s' moet een geheel getal zijn.") % {"name": name})
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        if maximum is None:
            message = _("'%(name)s' moet minstens %(minimum)s zijn.")
        else:
            message = _("'%(name)s' moet minstens %(minimum)s en hoogstens %(maximum)s zijn.")
        raise BadParameter(message % {"name": name, "minimum": minimum, "maximum": maximum})
    return value


def within_window(offset, limit) -> bool:
    """Whether results ``offset`` to ``offset + limit`` lie inside the result window; the
    results beyond it are not listed (their count still is)."""
    return offset + limit <= MAX_RESULT_WINDOW
