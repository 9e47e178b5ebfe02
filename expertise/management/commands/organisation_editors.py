from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from expertise.models import OrganisationPage
from expertise.permissions import ensure_editors_group
from wijkwijs.vocabulary import named


class Command(BaseCommand):
    help = (
        "Geef elke organisatie haar eigen redactiegroep (beheert de organisatiepagina en de "
        "expertprofielen eronder, niets anders) en toon wie erin zit. Met --add ORGANISATIE "
        "GEBRUIKER maak je iemand redacteur van één organisatie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--add",
            nargs=2,
            metavar=("ORGANISATIE", "GEBRUIKER"),
            help="slug of naam van de organisatie, en de gebruikersnaam",
        )

    def handle(self, *args, add=None, **options):
        organisations = OrganisationPage.objects.order_by("title")
        for organisation in organisations:
            ensure_editors_group(organisation)
        if add:
            organisation_name, username = add
            organisation = named(organisations, organisation_name).first()
            if organisation is None:
                raise CommandError(f"Onbekende organisatie: {organisation_name!r}")
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Onbekende gebruiker: {username!r}")
            user.groups.add(organisation.editors_group)
            self.stdout.write(self.style.SUCCESS(f"{username} is redacteur van {organisation}."))
        for organisation in organisations.select_related("editors_group"):
            members = ", ".join(
                organisation.editors_group.user_set.order_by("username").values_list(
                    "username", flat=True
                )
            )
            self.stdout.write(f"  {organisation.title}: {members or '(nog niemand)'}")
