import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from documents.models import ReportPage


class Command(BaseCommand):
    help = (
        "Toon de paragraafindeling van een rapport: nummer, kop, niveau, anker, tekens, voetnoten."
    )

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, report_id, as_json, **options):
        try:
            report = ReportPage.objects.get(pk=report_id)
        except ReportPage.DoesNotExist as missing:
            raise CommandError(f"Geen rapport met id {report_id}.") from missing
        sections = report.sections.annotate(footnote_count=Count("footnotes")).order_by("position")
        rows = [
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
        if as_json:
            self.stdout.write(
                json.dumps(
                    {"id": report.pk, "title": report.title, "sections": rows},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(f"{report.title} ({len(rows)} paragrafen)")
        for row in rows:
            indent = "  " * (row["level"] - 1)
            number = f"{row['number']} " if row["number"] else ""
            notes = f", {row['footnotes']} voetnoten" if row["footnotes"] else ""
            details = f"#{row['anchor']}, {row['characters']} tekens{notes}"
            self.stdout.write(f"{indent}{number}{row['heading']}  [{details}]")
