import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.ingest.formats import EXTENSIONS
from documents.ingest.pipeline import ImportOptions, import_file
from documents.models import ReportKind
from wijkwijs.visibility import Visibility


def is_folder_readme(path):
    """A folder's README describes the folder; it is not one of the documents in it."""
    return path.stem.lower() == "readme"


def collect_files(paths):
    """Files named directly, and the supported files in named folders (recursively)."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in EXTENSIONS and not is_folder_readme(p)
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"Bestand of map bestaat niet: {name}")
    return files


class Command(BaseCommand):
    help = (
        "Importeer rapporten (PDF, DOCX, Markdown, tekst) uit bestanden en mappen. "
        "Hetzelfde document in een ander formaat wordt een extra versie van het bestaande rapport."
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
            "--community", help="(nog niet ondersteund: komt met kennisgemeenschap-toegang)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen analyseren, niets opslaan"
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="één JSON-object als uitvoer"
        )

    def handle(self, *args, paths, kind, visibility, community, dry_run, as_json, **options):
        if community:
            raise CommandError("--community wordt nog niet ondersteund.")
        files = collect_files(paths)
        if not files:
            raise CommandError("Geen ondersteunde bestanden gevonden (PDF, DOCX, Markdown, tekst).")
        import_options = ImportOptions(kind=kind, visibility=visibility, dry_run=dry_run)
        results = []
        for number, path in enumerate(files, start=1):
            if not as_json:
                self._progress(number, len(files), path.name)
            results.append(import_file(path, import_options))
        if not as_json:
            sys.stderr.write("\n")
        if as_json:
            self.stdout.write(self._as_json(results))
        else:
            self._summary(results, dry_run)

    def _progress(self, number, total, name):
        width = 30
        filled = int(width * number / total)
        bar = "█" * filled + "·" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {number}/{total} {name[:40]:<40}")
        sys.stderr.flush()

    @staticmethod
    def _as_json(results):
        reports = {}
        for result in results:
            if result.status == "imported" and result.report is not None:
                report = result.report
                reports[report.pk] = {
                    "id": report.pk,
                    "title": report.title,
                    "url": report.url,
                    "renditions": [],
                    "sections": result.sections,
                }
        for result in results:
            if result.report is not None and result.report.pk in reports:
                entry = reports[result.report.pk]
                entry["renditions"] = [
                    rendition.document.filename
                    for rendition in result.report.files.select_related("document")
                ]
                entry["sections"] = result.report.sections.count() or entry["sections"]
        return json.dumps(
            {
                "reports": list(reports.values()),
                "duplicates": [
                    {"file": r.file, "report_id": r.report.pk if r.report else None}
                    for r in results
                    if r.status == "duplicate"
                ],
                "failed": [
                    {"file": r.file, "error": r.error} for r in results if r.status == "failed"
                ],
            },
            ensure_ascii=False,
            indent=2,
        )

    def _summary(self, results, dry_run):
        imported = [r for r in results if r.status == "imported"]
        duplicates = [r for r in results if r.status == "duplicate"]
        failed = [r for r in results if r.status == "failed"]
        prefix = "(proefrun, niets opgeslagen) " if dry_run else ""
        for result in imported:
            self.stdout.write(
                f"  nieuw      {result.file} → {result.report.title if result.report else '-'} "
                f"({result.sections} paragrafen)"
            )
        for result in duplicates:
            target = result.report.title if result.report else "?"
            self.stdout.write(f"  dubbel     {result.file} → extra versie van '{target}'")
        for result in failed:
            self.stdout.write(self.style.ERROR(f"  mislukt    {result.file}: {result.error}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(imported)} geïmporteerd, {len(duplicates)} herkend als dubbel, "
                f"{len(failed)} mislukt."
            )
        )
