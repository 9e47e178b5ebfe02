import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from documents.ingest.formats import ImportRefused
from documents.ingest.golden import Heading, compare, describe, dump_golden, load_golden
from documents.models import ReportPage


class Command(BaseCommand):
    help = (
        "Toon de paragraafindeling van een rapport: nummer, kop, niveau, anker, tekens, voetnoten. "
        "Met --compare GOUDEN.json: precisie, recall en niveau-nauwkeurigheid van de koppen; "
        "met --write-golden GOUDEN.json: de gevonden indeling als gouden indeling om na te lezen "
        "(koppen als vingerafdruk met de eerste woorden, zonder de tekst te kopiëren)."
    )

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int, nargs="?")
        parser.add_argument("--file", help="een bestand analyseren zonder het te importeren")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument(
            "--compare", metavar="GOLDEN.json", help="vergelijk met een gouden indeling"
        )
        parser.add_argument(
            "--write-golden", metavar="GOLDEN.json", help="schrijf de indeling als gouden indeling"
        )

    def handle(self, *args, report_id, file, as_json, compare, write_golden, **options):
        if (report_id is None) == (file is None):
            raise CommandError("Geef een rapport-id of --file BESTAND.")
        title, rows = self.from_file(Path(file)) if file else self.from_report(report_id)
        if write_golden:
            self.write_golden(
                title, rows, Path(write_golden), source=Path(file).name if file else ""
            )
        elif compare:
            self.compare(title, rows, Path(compare), as_json)
        elif as_json:
            self.stdout.write(
                json.dumps(
                    {"id": report_id, "title": title, "sections": rows},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            self.stdout.write(f"{title} ({len(rows)} paragrafen)")
            for row in rows:
                indent = "  " * (row["level"] - 1)
                number = f"{row['number']} " if row["number"] else ""
                notes = f", {row['footnotes']} voetnoten" if row["footnotes"] else ""
                details = f"#{row['anchor']}, {row['characters']} tekens{notes}"
                self.stdout.write(f"{indent}{number}{row['heading']}  [{details}]")

    def from_report(self, report_id):
        try:
            report = ReportPage.objects.get(pk=report_id)
        except ReportPage.DoesNotExist as missing:
            raise CommandError(f"Geen rapport met id {report_id}.") from missing
        sections = report.sections.annotate(footnote_count=Count("footnotes")).order_by("position")
        return report.title, [
            {
                "number": section.number,
                "heading": section.heading,
                "level": section.level,
                "anchor": section.anchor,
                "characters": len(section.text),
                "footnotes": section.footnote_count,
            }
            for section in sections
        ]

    def from_file(self, path):
        from documents.ingest.pipeline import analyse

        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            analysis = analyse(path)
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        return analysis.metadata["title"], [
            {
                "number": section.number,
                "heading": section.heading,
                "level": section.level,
                "anchor": section.anchor,
                "characters": len(section.text),
                "footnotes": len(section.footnotes),
            }
            for section in analysis.sections
        ]

    @staticmethod
    def headings(rows):
        # The opening text before the first heading is kept as a section named after the report.
        return [
            Heading(r["level"], r["number"], r["heading"]) for r in rows if r["anchor"] != "begin"
        ]

    def write_golden(self, title, rows, golden_path, source):
        golden = {"source": source, "title": title, "year": None, "authors": 0}
        golden["headings"] = self.headings(rows)
        try:
            golden_path.write_text(dump_golden(golden), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kan {golden_path} niet schrijven ({error})") from error
        self.stdout.write(
            f"{golden_path}: {len(golden['headings'])} koppen. Lees na: niveaus, jaartal, auteurs; "
            "vervang namen van personen door …"
        )

    def compare(self, title, rows, golden_path, as_json):
        try:
            golden = load_golden(golden_path)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Gouden indeling onleesbaar: {golden_path} ({error})") from error
        found = self.headings(rows)
        score = compare(golden["headings"], found)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "title": title,
                        "precision": round(score.precision, 3),
                        "recall": round(score.recall, 3),
                        "level_accuracy": round(score.level_accuracy, 3),
                        "missing": [h.label for h in score.missing],
                        "extra": [h.heading for h in score.extra],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(f"{title}: " + "\n".join(describe(score)))
