"""The labels of search records, read without loading the label pages."""

from collections import defaultdict

from django.db.models import CharField, Value

from search.filters import LABEL_FACETS
from search.models import SearchRecord


def record_labels(record_ids, communities=True) -> dict:
    """Per record: (slug, title) pairs per label facet in tree order, and (with
    ``communities``) the ids of the communities that may find it. One query over the through
    tables: loading the label pages themselves is far slower. ``record_ids``: a list, or a
    query of records (read by the database as a subquery)."""
    labels = defaultdict(lambda: defaultdict(list))
    per_facet = [
        getattr(SearchRecord, relation)
        .through.objects.filter(searchrecord_id__in=record_ids)
        .annotate(facet=Value(name, output_field=CharField()))
        .values_list(
            "facet", "searchrecord_id", f"{target}__slug", f"{target}__title", f"{target}__path"
        )
        for name, (relation, target) in LABEL_FACETS.items()
    ]
    rows = per_facet[0].union(*per_facet[1:], all=True)
    for name, record_id, slug, title, _path in sorted(rows, key=lambda row: row[4]):
        labels[record_id][name].append((slug, title))
    if communities:
        rows = SearchRecord.communities.through.objects.filter(
            searchrecord_id__in=record_ids
        ).values_list("searchrecord_id", "communitypage_id")
        for record_id, community_id in rows:
            labels[record_id]["communities"].append(community_id)
    return labels
