import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from documents.choices import ReportKind
from documents.ingest.collect import MissingPath, collect_files
from documents.models import ReportPage
from documents.tasks import import_document
from wijkwijs.models import CommunityPage
from wijkwijs.progress import progress_bar
from wijkwijs.visibility import Visibility
from wijkwijs.vocabulary import named

# With a database queue, say once that nothing happens if no worker is running.
IDLE_HINT_SECONDS = 30


class Command(BaseCommand):
    help = (
        "Importeer rapporten (PDF, DOCX, Markdown, tekst) uit bestanden en mappen. "
        "Hetzelfde document in een ander formaat wordt een extra versie van het bestaande rapport. "
        "Elk bestand is een achtergrondtaak; de opdracht wacht tot alle taken klaar zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="bestanden of mappen")
        parser.add_argument("--kind", choices=ReportKind.values, help="soort rapport")
        parser.add_argument(
            "--visibility",
            choices=Visibility.values,
            help="zichtbaarheid (standaard: alleen ingelogde leden)",
        )
        parser.add_argument(
            "--community",
            action="append",
            default=[],
            help=(
                "deel de rapporten alleen met deze kennisgemeenschap (slug of naam; "
                "herhaal voor meer gemeenschappen)"
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen analyseren, niets opslaan"
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="één JSON-object als uitvoer"
        )
        parser.add_argument(
            "--timeout", type=int, default=3600, help="maximaal wachten op de taken (seconden)"
        )

    def handle(self, *args, paths, kind, visibility, community, dry_run, as_json, timeout, **opts):
        communities = [self._community(name) for name in community]
        if communities and visibility not in (None, Visibility.COMMUNITIES):
            raise CommandError("--community gaat niet samen met een andere --visibility.")
        if visibility == Visibility.COMMUNITIES and not communities:
            raise CommandError("Zichtbaarheid 'communities' vraagt om ten minste één --community.")
        try:
            files = collect_files(paths)
        except MissingPath as missing:
            raise CommandError(f"Bestand of map bestaat niet: {missing}") from missing
        if not files:
            raise CommandError("Geen ondersteunde bestanden gevonden (PDF, DOCX, Markdown, tekst).")
        tasks = [
            import_document.enqueue(
                str(path.resolve()),
                kind=kind,
                visibility=visibility,
                dry_run=dry_run,
                communities=communities,
            )
            for path in files
        ]
        results = self._wait(tasks, files, timeout, show_progress=not as_json)
        if as_json:
            self.stdout.write(self._as_json(results))
        else:
            self._summary(results, dry_run)

    def _community(self, name):
        """A community page id, by slug or name (case-insensitive)."""
        community = named(CommunityPage.objects.all(), name).first()
        if community is None:
            known = ", ".join(CommunityPage.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"Onbekende kennisgemeenschap '{name}'. Bekend: {known or 'geen'}.")
        return community.pk

    def _wait(self, tasks, files, timeout, show_progress):
        started, hinted = time.monotonic(), False
        progress = progress_bar("bestanden")
        while True:
            for task in tasks:
                if not task.is_finished:
                    task.refresh()
            done = sum(task.is_finished for task in tasks)
            if show_progress:
                progress(done, len(tasks))
            if done == len(tasks):
                break
            waited = time.monotonic() - started
            if waited > timeout:
                raise CommandError(f"Na {timeout} s zijn {len(tasks) - done} taken nog niet klaar.")
            if waited > IDLE_HINT_SECONDS and not done and not hinted:
                sys.stderr.write("\nNog geen taak opgepakt: draait `manage.py db_worker`?\n")
                hinted = True
            time.sleep(0.5)
        return [self._outcome(task, path) for task, path in zip(tasks, files, strict=True)]

    @staticmethod
    def _outcome(task, path):
        if task.status == TaskResultStatus.SUCCESSFUL:
            return task.return_value
        error = task.errors[-1].exception_class_path if task.errors else "onbekende fout"
        return {
            "file": path.name,
            "status": "failed",
            "report_id": None,
            "error": error,
            "sections": 0,
        }

    @staticmethod
    def _as_json(results):
        imported_ids = [r["report_id"] for r in results if r["status"] == "imported"]
        reports = ReportPage.objects.filter(pk__in=imported_ids).prefetch_related("files__document")
        return json.dumps(
            {
                "reports": [
                    {
                        "id": report.pk,
                        "title": report.title,
                        "url": report.url,
                        "renditions": [r.document.filename for r in report.files.all()],
                        "sections": report.sections.count(),
                    }
                    for report in reports
                ],
                "duplicates": [
                    {"file": r["file"], "report_id": r["report_id"]}
                    for r in results
                    if r["status"] == "duplicate"
                ],
                "failed": [
                    {"file": r["file"], "error": r["error"]}
                    for r in results
                    if r["status"] == "failed"
                ],
            },
            ensure_ascii=False,
            indent=2,
        )

    def _summary(self, results, dry_run):
        titles = dict(
            ReportPage.objects.filter(
                pk__in=[r["report_id"] for r in results if r["report_id"]]
            ).values_list("pk", "title")
        )
        counts = {"imported": 0, "duplicate": 0, "failed": 0}
        for result in results:
            counts[result["status"]] += 1
            title = titles.get(result["report_id"], "")
            if result["status"] == "imported":
                self.stdout.write(
                    f"  nieuw    {result['file']} → {title} ({result['sections']} paragrafen)"
                )
            elif result["status"] == "duplicate":
                self.stdout.write(f"  dubbel   {result['file']} → versie van '{title}'")
            else:
                self.stdout.write(
                    self.style.ERROR(f"  mislukt  {result['file']}: {result['error']}")
                )
        prefix = "(proefrun, niets opgeslagen) " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{counts['imported']} geïmporteerd, "
                f"{counts['duplicate']} herkend als dubbel, {counts['failed']} mislukt."
            )
        )
