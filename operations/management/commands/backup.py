from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Maak een consistente back-up: de database (pg_dump) en de mediabestanden, met een "
        "manifest met controlesommen. Herstellen: manage.py restore MAP."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            type=Path,
            default=Path(settings.VAR_DIR) / "backups",
            help="map waarin de back-up een eigen map krijgt",
        )

    def handle(self, *args, to, **options):
        try:
            folder = write_backup(to)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Back-up geschreven: {folder}"))
