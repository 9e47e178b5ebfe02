from django.core.management.base import BaseCommand

from wijkwijs.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Maak de startpagina en de overzichtspagina's aan als ze ontbreken."

    def handle(self, *args, **options):
        structure = ensure_site_structure()
        self.stdout.write(self.style.SUCCESS(f"Site-structuur in orde onder '{structure.home}'."))
