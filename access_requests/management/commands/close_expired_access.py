from django.core.management.base import BaseCommand

from access_requests.decisions import close_expired


class Command(BaseCommand):
    help = (
        "Legt verlopen toegang vast in het logboek en laat het de aanvragers weten. De "
        "toegang zelf sluit al op het moment van verlopen; run dit bijvoorbeeld elk uur."
    )

    def handle(self, *args, **options):
        closed = close_expired()
        self.stdout.write(f"{closed} verlopen toegang vastgelegd.")
