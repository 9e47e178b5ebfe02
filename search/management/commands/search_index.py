"""Manage the Elasticsearch index: status, rebuild (zero downtime), verify, sync."""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from elasticsearch.exceptions import ElasticsearchException

from search.elastic import index, sync
from wijkwijs.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Elasticsearch-index beheren: status, rebuild (nieuwe index, alias atomair "
        "omzetten), verify (database en index vergelijken), sync (wachtrij wegwerken)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "rebuild", "verify", "sync"])
        parser.add_argument(
            "--sample",
            type=int,
            default=index.VERIFY_SAMPLE,
            help="verify: aantal records dat inhoudelijk vergeleken wordt",
        )
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, action, sample, as_json, **options):
        if not index.configured():
            raise CommandError("ELASTICSEARCH_URL is niet ingesteld: er is geen index.")
        try:
            getattr(self, f"_{action}")(sample=sample, as_json=as_json)
        except ElasticsearchException as error:
            raise CommandError(f"Elasticsearch gaf een fout: {error}") from error

    def _status(self, as_json, **options):
        info = index.status() | {"pending_updates": sync.pending()}
        if as_json:
            self.stdout.write(json.dumps(info, ensure_ascii=False, indent=2))
            return
        for key, value in info.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            self.stdout.write(f"{key:<18} {shown}")

    def _rebuild(self, **options):
        started = time.monotonic()
        built = index.rebuild(progress=progress_bar("records"))
        seconds = time.monotonic() - started
        rate = built["records"] / max(seconds, 0.001)
        self.stdout.write(
            self.style.SUCCESS(
                f"Index {built['index']} gebouwd en in gebruik genomen: "
                f"{built['records']} records in {seconds:.1f} s ({rate:.0f}/s), "
                f"{built['synonym_rules']} synoniemregels."
            )
        )

    def _verify(self, sample, **options):
        problems = index.verify(sample=sample)
        waiting = sync.pending()
        if waiting:
            problems.append(f"{waiting} pagina's wachten nog op verzending (search_index sync)")
        for problem in problems:
            self.stdout.write(f"- {problem}")
        if problems:
            raise CommandError(f"Index wijkt af van de database: {len(problems)} verschil(len).")
        self.stdout.write(self.style.SUCCESS("Index en database komen overeen."))

    def _sync(self, **options):
        sent = sync.drain(progress=progress_bar("pagina's"))
        self.stdout.write(self.style.SUCCESS(f"{sent} pagina's naar Elasticsearch verzonden."))
