import time

from django.core.management.base import BaseCommand

from search.elastic import index
from search.indexing import rebuild
from wijkwijs.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Bouw de zoekindex opnieuw op uit alle gepubliceerde inhoud "
        "(en de Elasticsearch-index, als ELASTICSEARCH_URL is ingesteld)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        records = rebuild(progress=progress_bar("records"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Zoekindex opgebouwd: {records} records in {time.monotonic() - started:.1f} s."
            )
        )
        if index.configured():
            self.stdout.write("Elasticsearch-index opbouwen…")
            built = index.rebuild(progress=progress_bar("records"))
            self.stdout.write(self.style.SUCCESS(f"Elasticsearch: {built['index']} in gebruik."))
