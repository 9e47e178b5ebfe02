import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from search.engines import ENGINES, default_engine_name, get_engine
from search.evaluation import load_judgments, score, summarise


def evaluation_user():
    """Judged queries run as a user who may see everything: a superuser."""
    User = get_user_model()
    user = User.objects.filter(is_superuser=True, is_active=True).first()
    return user or User(username="evaluatie", is_superuser=True, is_staff=True)


class Command(BaseCommand):
    help = "Meet de zoekkwaliteit met relevantieoordelen (JSON Lines): nDCG, recall, MRR."

    def add_arguments(self, parser):
        parser.add_argument("judgments", type=Path)
        parser.add_argument("--engine", choices=list(ENGINES), default=None)
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument(
            "--min-ndcg", type=float, help="faal (exitcode 1) als de nDCG lager uitvalt"
        )

    def handle(self, *args, judgments, engine, k, as_json, min_ndcg, **options):
        if not judgments.is_file():
            raise CommandError(f"Oordelenbestand niet gevonden: {judgments}")
        if k < 1:
            raise CommandError("--k moet minstens 1 zijn.")
        try:
            items = load_judgments(judgments)
        except (ValueError, KeyError) as error:
            raise CommandError(f"Oordelenbestand onleesbaar: {error}") from error
        engine = engine or default_engine_name()
        search_engine = get_engine(engine)
        superuser = evaluation_user()
        scored = []
        for item in items:
            user = AnonymousUser() if item.is_access_check else superuser
            result = search_engine.search(item.query, item.filters, user=user, limit=k)
            if result.fallback:
                raise CommandError(f"{engine} gaf geen antwoord; er is niets gemeten.")
            scored.append((score(item, result.hits, k), result.hits))
        result = summarise(engine, k, scored)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self._table(result)
        if min_ndcg is not None and result["ndcg"] < min_ndcg:
            raise CommandError(f"nDCG@{k} {result['ndcg']:.3f} is lager dan {min_ndcg:.3f}.")

    def _table(self, result):
        self.stdout.write(f"{'id':<10} {'nDCG':>6} {'recall':>7} {'RR':>6}  query")
        for row in result["per_query"]:
            self.stdout.write(
                f"{row['id']:<10} {row['ndcg']:>6.3f} {row['recall']:>7.3f} {row['rr']:>6.3f}  "
                f"{row['query']}"
            )
        self.stdout.write(
            f"engine {result['engine']}, k={result['k']}, {result['queries']} queries: "
            f"nDCG {result['ndcg']:.3f}, recall {result['recall']:.3f}, MRR {result['mrr']:.3f}, "
            f"must-not {result['must_not_violations']}, access leaks {result['access_leaks']}"
        )
