"""Move all media between this machine's disk (MEDIA_ROOT) and the bucket (MEDIA_S3_*).

Each file is copied under the same name, read back and compared by SHA-256, and only then
removed from where it came from. A run that stops half-way is simply started again: files
already in the target with the same checksum are skipped, a half-written one is replaced.
"""

from django.core.files.storage import InvalidStorageError, storages
from django.core.management.base import BaseCommand, CommandError

from wijkwijs.progress import progress_bar
from wijkwijs.storage import copy_stored_file, sha256_of, stored_names

PLACES = {"disk": "media_disk", "bucket": "media_bucket"}


class Command(BaseCommand):
    help = (
        "Verplaats alle mediabestanden van de lokale schijf naar de bucket (--to bucket) of "
        "terug (--to disk), gecontroleerd met SHA-256 en te hervatten."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", choices=sorted(PLACES), required=True)
        parser.add_argument(
            "--keep-source",
            action="store_true",
            help="Kopieer en controleer, maar laat de bestanden ook op de oude plek staan.",
        )

    def handle(self, *args, to, keep_source=False, **options):
        source_place = "bucket" if to == "disk" else "disk"
        try:
            source, target = storages[PLACES[source_place]], storages[PLACES[to]]
        except InvalidStorageError as missing:
            raise CommandError(
                "Geen bucket ingesteld: zet MEDIA_S3_BUCKET, MEDIA_S3_ENDPOINT_URL en de "
                "sleutels (zie de README, Productie-opstelling)."
            ) from missing
        names = stored_names(source)
        self.stdout.write(f"{len(names)} bestanden van {source_place} naar {to}.")
        progress = progress_bar("bestanden")
        moved = present = 0
        for done, name in enumerate(names, start=1):
            checksum = sha256_of(source, name)
            if target.exists(name) and sha256_of(target, name) == checksum:
                present += 1
            else:
                copy_stored_file(source, target, name)
                if sha256_of(target, name) != checksum:
                    raise CommandError(f"{name}: de kopie wijkt af; het origineel blijft staan.")
                moved += 1
            if not keep_source:
                source.delete(name)
            progress(done, len(names))
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {moved} gekopieerd, {present} stonden er al (gelijke controlesom)"
                + ("." if keep_source else f"; de {len(names)} originelen zijn verwijderd.")
            )
        )
