"""The baseline: Wagtail's plain page search, as a typical Wagtail site uses it.

Hits are whole pages; a hit's text is everything the page indexes (for a report, all of
its sections). Pages the user may not see are dropped, so the baseline is judged on the
same content as the other engines.
"""

from wagtail.models import Page
from wagtail.search import index

from search.results import Hit, SearchResult


def indexed_text(page) -> str:
    """The text a page contributes to the search index, as one string."""
    parts = []
    for field in page.search_fields:
        if isinstance(field, index.SearchField):
            value = getattr(page, field.field_name, "")
            if isinstance(value, str):
                parts.append(value)
    parts.append(getattr(page, "cleaned_text", ""))
    return "\n".join(part for part in parts if part)


class WagtailDefaultEngine:
    name = "wagtail-default"

    def search(self, query, filters=None, user=None, limit=10, offset=0):
        hits = []
        for page in Page.objects.live().specific().search(query):
            if hasattr(page, "is_visible_to") and not page.is_visible_to(user):
                continue
            hits.append(
                Hit(
                    type=str(page.specific_class._meta.verbose_name),
                    title=page.title,
                    url=page.url or "",
                    text=indexed_text(page),
                )
            )
            if len(hits) >= offset + limit:
                break
        return SearchResult(hits=hits[offset:], total=len(hits))
