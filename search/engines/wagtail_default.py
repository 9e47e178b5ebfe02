"""The baseline: Wagtail's plain page search, as a typical Wagtail site uses it.

Hits are whole pages; a hit's text is everything the page indexes (for a report, all of
its sections). Pages the user may not see are dropped, so the baseline is judged on the
same content as the other engines.
"""

from wagtail.models import Page

from search.results import EvidenceHit, Hit, SearchResult
from wijkwijs.findable import search_field_text


def indexed_text(page) -> str:
    """The text a page contributes to the search index, as one string (a report: all of it)."""
    own = search_field_text(page, excluded=("cleaned_text",))
    return "\n".join(part for part in (own, getattr(page, "cleaned_text", "")) if part)


class WagtailDefaultEngine:
    name = "wagtail-default"

    def search(
        self, query, filters=None, user=None, limit=10, offset=0, sort="relevance", as_typed=False
    ):
        """Wagtail's search never corrects: every query is searched as typed."""
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
                    page_id=page.pk,
                )
            )
            if len(hits) >= offset + limit:
                break
        return SearchResult(hits=hits[offset:], total=len(hits))

    def rank_evidence(self, query, filter_sets, user=None, limit=100):
        """Its search's hits (it knows no filters), as evidence."""
        return [
            [
                EvidenceHit(hit.page_id, hit.score, hit.title, hit.url, hit.parent_title)
                for hit in self.search(query, filters, user=user, limit=limit).hits
            ]
            for filters in filter_sets
        ]
