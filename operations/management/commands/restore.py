import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, contents, restore_backup


class Command(BaseCommand):
    help = (
        "Herstel een back-up (manage.py backup) in de database van DATABASE_URL en de "
        "mediaopslag (MEDIA_ROOT of de bucket), controleer de controlesommen en bouw de "
        "zoekindexen opnieuw op."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overschrijf een database en mediamap die niet leeg zijn",
        )

    def handle(self, *args, folder, replace, **options):
        try:
            expected = restore_backup(folder, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        call_command("rebuild_search_index", stdout=self.stdout)
        found = contents()
        if found != expected:
            raise CommandError(
                f"Hersteld, maar de aantallen wijken af: {json.dumps(found)} "
                f"in plaats van {json.dumps(expected)}."
            )
        self.stdout.write(self.style.SUCCESS(f"Hersteld uit {folder}: {json.dumps(found)}."))
