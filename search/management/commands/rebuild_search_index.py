import sys
import time

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Bouw de zoekindex opnieuw op uit alle gepubliceerde inhoud."

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done, total):
            width = 30
            filled = int(width * done / total)
            sys.stderr.write(f"\r[{'█' * filled}{'·' * (width - filled)}] {done}/{total} records")
            sys.stderr.flush()

        records = rebuild(progress=progress)
        sys.stderr.write("\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"Zoekindex opgebouwd: {records} records in {time.monotonic() - started:.1f} s."
            )
        )
