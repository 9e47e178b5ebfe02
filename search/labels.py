"""The labels of search records, read without loading the label pages."""

from collections import defaultdict

from search.filters import LABEL_FACETS
from search.models import SearchRecord


def record_labels(record_ids) -> dict:
    """Per record: (slug, title) pairs per label facet, and the community ids that may find
    it. Read from the through tables: loading the label pages themselves is far slower."""
    labels = defaultdict(lambda: defaultdict(list))
    for name, (relation, target) in LABEL_FACETS.items():
        rows = (
            getattr(SearchRecord, relation)
            .through.objects.filter(searchrecord_id__in=record_ids)
            .values_list("searchrecord_id", f"{target}__slug", f"{target}__title")
            .order_by(f"{target}__path")
        )
        for record_id, slug, title in rows:
            labels[record_id][name].append((slug, title))
    rows = SearchRecord.communities.through.objects.filter(
        searchrecord_id__in=record_ids
    ).values_list("searchrecord_id", "communitypage_id")
    for record_id, community_id in rows:
        labels[record_id]["communities"].append(community_id)
    return labels
