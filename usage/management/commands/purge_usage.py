import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from usage.models import ReportWeek, SearchWeek


class Command(BaseCommand):
    help = "Verwijdert gebruikscijfers ouder dan USAGE_RETENTION_DAYS dagen (run dagelijks)."

    def handle(self, *args, **options):
        cutoff = timezone.localdate() - datetime.timedelta(days=settings.USAGE_RETENTION_DAYS)
        removed = sum(
            model.objects.filter(week__lt=cutoff).delete()[0] for model in (SearchWeek, ReportWeek)
        )
        self.stdout.write(f"{removed} rijen van voor {cutoff} verwijderd.")
