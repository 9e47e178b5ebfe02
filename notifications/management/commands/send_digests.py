from django.core.management.base import BaseCommand

from notifications.digest import send_due_digests
from notifications.models import DigestFrequency


class Command(BaseCommand):
    help = (
        "Stuurt de samenvattingen van gevolgde onderwerpen aan wie aan de beurt is (dagelijks "
        "of wekelijks). Veilig om vaker te draaien: niets wordt twee keer verstuurd. Draai het "
        "bijvoorbeeld elk uur of elke ochtend vanuit cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[DigestFrequency.DAILY, DigestFrequency.WEEKLY],
            help="alleen wie deze frequentie koos",
        )

    def handle(self, *args, **options):
        sent, empty, failed = send_due_digests(frequency=options["frequency"])
        self.stdout.write(
            f"{sent} samenvatting(en) verstuurd, {empty} zonder nieuws, {failed} mislukt."
        )
        if failed:
            raise SystemExit(1)  # cron reports it; the failed ones are tried next time
