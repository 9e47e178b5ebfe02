"""The candidates a PostgreSQL ranking scores fully: the matches the cheap rank puts
nearest, the best of each order it is read in (a record once).

Ordering the matches by the cheap rank is most of a search's time among 100,000 sections
(the index measures every match's distance before it returns the nearest). An expert
question ranks the same words twice: over everything for its hits, and over the reports
for its evidence. The nearest matches of some kinds are those of the unfiltered order with
the other kinds left out, so each order is read once, deeper than the candidates need, with
each record's kind, and the evidence's candidates are cut from that read (``keys``) instead
of ordering every match again. Where every match is a candidate the cut is exactly what a
filtered ranking chooses; deeper in, the index's order decides, as it does for the main
search's own candidates.
"""

from django.core.exceptions import EmptyResultSet

from search.models import SearchRecord

READ_DEEPER = 2  # each order is read this many times its depth, for the cuts


class ChosenCandidates:
    """Sliceable like the ranked queryset it stands for: read and scored when first sliced."""

    def __init__(self, orders, score):
        self.orders = orders  # [(matches in cheap-rank order, how many of them are candidates)]
        self.score = score  # the full score, an SQL expression
        self._read = None

    def _rows(self) -> list[list[tuple[int, str]]]:
        if self._read is None:
            self._read = [
                list(order.values_list("pk", "kind")[: depth * READ_DEEPER])
                for order, depth in self.orders
            ]
        return self._read

    def keys(self, kinds=None) -> list[int] | None:
        """The candidates' keys, or those the same ranking over records of ``kinds`` only
        would choose; None when the read was too shallow to tell."""
        chosen = []
        for rows, (_order, depth) in zip(self._rows(), self.orders, strict=True):
            of_kinds = [pk for pk, kind in rows if kinds is None or kind in kinds]
            if len(of_kinds) < depth and len(rows) == depth * READ_DEEPER:
                return None
            chosen += of_kinds[:depth]
        return list(dict.fromkeys(chosen))

    def scored(self, keys):
        return (
            SearchRecord.objects.filter(pk__in=keys)
            .only("pk", "published_at", "page_id")
            .annotate(score=self.score)
            .order_by("-score", "pk")
        )

    def __getitem__(self, window):
        return self.scored(self.keys())[window]

    def signature(self) -> tuple | None:
        """What decides the candidates and their scores, as SQL (None: nothing matches)."""
        try:
            return (
                *(
                    order.values("pk")[:depth].query.sql_with_params()
                    for order, depth in self.orders
                ),
                SearchRecord.objects.annotate(score=self.score)
                .values("score")
                .query.sql_with_params(),
            )
        except EmptyResultSet:
            return None
