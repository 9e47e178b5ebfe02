"""Privacy review of reports that name people: list them, pseudonymise names, approve."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from documents import privacy
from documents.models import ReportPage


class Command(BaseCommand):
    help = (
        "Privacybeoordeling: `list` toont rapporten die personen noemen, `redact RAPPORT "
        "--name NAAM …` vervangt namen door pseudoniemen, `approve RAPPORT --by GEBRUIKER` "
        "legt de beoordeling vast (daarna mag het rapport openbaar)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "redact", "approve"])
        parser.add_argument("report", nargs="?", help="id of slug van het rapport")
        parser.add_argument("--name", action="append", default=[], dest="names")
        parser.add_argument("--by", help="gebruikersnaam van de redacteur (approve)")

    def handle(self, *args, action, report, names, by, **options):
        if action == "list":
            return self._list()
        if not report:
            raise CommandError(f"Noem het rapport: privacy_review {action} RAPPORT")
        found = ReportPage.objects.filter(slug=report)
        if report.isdigit():
            found = found | ReportPage.objects.filter(pk=int(report))
        page = found.first()
        if page is None:
            raise CommandError(f"Geen rapport met id of slug {report!r}.")
        if action == "redact":
            if not names:
                raise CommandError("Kies de namen: --name 'Voornaam Achternaam' (herhaalbaar).")
            count = privacy.redact(page, names)
            aliases = ", ".join(f"{n} → {a}" for n, a in privacy.pseudonyms(names).items())
            self.stdout.write(self.style.SUCCESS(f"{count} vervangingen ({aliases})."))
        else:
            editor = get_user_model().objects.filter(username=by, is_active=True).first()
            if editor is None or not privacy.may_record_review(editor, page):
                raise CommandError("--by moet een redacteur zijn die dit rapport mag publiceren.")
            privacy.mark_reviewed(page, editor)
            self.stdout.write(self.style.SUCCESS(f"Privacy van {page.title!r} beoordeeld."))

    def _list(self):
        waiting = ReportPage.objects.exclude(privacy_names=[]).order_by("title")
        for page in waiting:
            state = "beoordeeld" if page.privacy_reviewed_at else "wacht op beoordeling"
            redacted = (
                f"; gepseudonimiseerd: {len(page.redacted_names)}" if page.redacted_names else ""
            )
            self.stdout.write(f"{page.pk:>5}  {page.title}  [{state}{redacted}]")
            self.stdout.write(f"       noemt: {', '.join(page.privacy_names)}")
