from django.core.management.base import BaseCommand

from project.demo import DemoLoader, ensure_demo_users


class Command(BaseCommand):
    help = (
        "Laad de demo-inhoud (gemeenten, thema's, organisaties, experts, praktijkvoorbeelden, "
        "publicaties, kennisgemeenschappen). Voegt alleen toe wat ontbreekt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--create-users",
            action="store_true",
            help="Maak ook de demo-logins aan (alleen voor demo's, nooit in productie).",
        )

    def handle(self, *args, create_users=False, **options):
        created = DemoLoader().run()
        if created:
            for kind, count in sorted(created.items()):
                self.stdout.write(f"  {count:4d} {kind}")
            self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo-inhoud was al compleet; niets toegevoegd."))
        if create_users:
            self.stdout.write("Demo-logins (beheer: http://127.0.0.1:8000/beheer/):")
            for username, password, description in ensure_demo_users():
                self.stdout.write(
                    f"  gebruiker {username!r}, wachtwoord {password!r}: {description}"
                )
