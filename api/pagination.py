"""Pages of a list: ``page`` and ``page_size`` in, the page and a ``Link`` header out."""

import math

from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000  # far past any list's end (those pages are empty), short of overflow


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description=_("Paginanummer, vanaf 1."))
    page_size: int = Field(
        20,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=format_lazy(_("Aantal per pagina (hoogstens {count})."), count=MAX_PAGE_SIZE),
    )

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


def page_count(total, page_size):
    return max(1, math.ceil(total / page_size))


def link_header(request, page, pages) -> str:
    """RFC 8288 links to the first, previous, next and last page of this list."""

    def address(number):
        query = [(key, value) for key, value in request.GET.lists() if key != "page"]
        flat = [(key, item) for key, values in query for item in values] + [("page", number)]
        return request.build_absolute_uri(f"{request.path}?{urlencode(flat)}")

    links = {"first": 1, "last": pages}
    if page > 1:
        links["prev"] = min(page - 1, pages)
    if page < pages:
        links["next"] = page + 1
    return ", ".join(f'<{address(number)}>; rel="{rel}"' for rel, number in links.items())


def paginated(request, response, paging: Paging, total: int, items: list) -> dict:
    """The envelope every list answers with; sets the ``Link`` header on ``response``."""
    pages = page_count(total, paging.page_size)
    response["Link"] = link_header(request, paging.page, pages)
    return {
        "total": total,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": pages,
        "items": items,
    }
