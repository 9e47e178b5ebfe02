import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from search.engines import ENGINES, default_engine_name, get_engine
from search.evaluation import by_source, held_out, load_judgments, score, summarise


def evaluation_user():
    """Judged queries run as a user who may see everything: a superuser."""
    User = get_user_model()
    user = User.objects.filter(is_superuser=True, is_active=True).first()
    return user or User(username="evaluatie", is_superuser=True, is_staff=True)


def figures_line(label, figures):
    return (
        f"{label:<12} {figures['queries']:>4} queries  nDCG {figures['ndcg']:.3f}  "
        f"recall {figures['recall']:.3f}  MRR {figures['mrr']:.3f}  "
        f"must-not {figures['must_not_violations']}  access leaks {figures['access_leaks']}"
    )


class Command(BaseCommand):
    help = "Meet de zoekkwaliteit met relevantieoordelen (JSON Lines): nDCG, recall, MRR."

    def add_arguments(self, parser):
        parser.add_argument("judgments", type=Path, nargs="?")
        parser.add_argument("--engine", choices=list(ENGINES), default=None)
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument(
            "--min-ndcg", type=float, help="faal (exitcode 1) als de nDCG lager uitvalt"
        )
        parser.add_argument(
            "--by-source", action="store_true", help="de cijfers per beoordeeld document"
        )
        parser.add_argument(
            "--holdout",
            metavar="SOURCE",
            help="laat één document weg: de cijfers van de andere documenten en van dit ene",
        )
        parser.add_argument(
            "--explain", metavar="QUERY", help="waarom elk van de eerste k hits zo hoog staat"
        )

    def handle(self, *args, judgments, engine, k, as_json, min_ndcg, **options):
        if k < 1:
            raise CommandError("--k moet minstens 1 zijn.")
        engine = engine or default_engine_name()
        search_engine = get_engine(engine)
        if options["explain"]:
            self._explain(search_engine, options["explain"], k, as_json)
            return
        if judgments is None:
            raise CommandError("Geef een oordelenbestand op (of --explain QUERY).")
        if not judgments.is_file():
            raise CommandError(f"Oordelenbestand niet gevonden: {judgments}")
        try:
            items = load_judgments(judgments)
        except (ValueError, KeyError) as error:
            raise CommandError(f"Oordelenbestand onleesbaar: {error}") from error
        superuser = evaluation_user()
        scored = []
        for item in items:
            user = AnonymousUser() if item.is_access_check else superuser
            result = search_engine.search(item.query, item.filters, user=user, limit=k)
            if result.fallback:
                raise CommandError(f"{engine} gaf geen antwoord; er is niets gemeten.")
            scored.append((score(item, result.hits, k), result.hits))
        result = summarise(engine, k, scored)
        if options["by_source"]:
            result["by_source"] = by_source(scored)
        if options["holdout"] is not None:
            try:
                result["holdout"] = held_out(scored, options["holdout"])
            except ValueError as error:
                raise CommandError(str(error)) from error
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
        for source, figures in result.get("by_source", {}).items():
            self.stdout.write(figures_line(f"source {source}", figures))
        if "holdout" in result:
            holdout = result["holdout"]
            self.stdout.write(figures_line("tuned on", holdout["tuned"]))
            self.stdout.write(figures_line(f"left out {holdout['source']}", holdout["left_out"]))
        self.stdout.write(
            f"engine {result['engine']}, k={result['k']}, {result['queries']} queries: "
            f"nDCG {result['ndcg']:.3f}, recall {result['recall']:.3f}, MRR {result['mrr']:.3f}, "
            f"must-not {result['must_not_violations']}, access leaks {result['access_leaks']}"
        )

    def _explain(self, search_engine, query, k, as_json):
        # The search may have taken other words (a typo's correction, a compound's known
        # parts): explain the ranking of those, as the visitor saw it.
        user = evaluation_user()
        searched = search_engine.search(query, user=user, limit=k).searched_for or query
        explained = search_engine.explain(searched, user=user, limit=k)
        if as_json:
            self.stdout.write(json.dumps(explained, ensure_ascii=False, indent=2))
            return
        instead = f" → gezocht naar: {searched}" if searched != query else ""
        self.stdout.write(f"{search_engine.name}: {query}{instead}")
        for row in explained:
            self.stdout.write(f"{row['rank']:>3}. {row['score']:.4f}  {row['title']}")
            for reason in row["reasons"]:
                self.stdout.write(f"        {reason}")
