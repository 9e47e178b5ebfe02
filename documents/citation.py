"""Citing a report, or one section of it: BibTeX, RIS, CSL-JSON and a readable reference.

A section is cited as a part of its report, with the section's permanent deep link (its
anchor; see ``ReportSection.former_anchors``). Dates are given as precisely as the report
states them: a year-only publication is never cited with an invented day.
"""

import json
import re
from dataclasses import dataclass

from documents.choices import DatePrecision, ReportKind

# Dutch surname particles: "Mirjam van Leeuwen" sorts and cites as "van Leeuwen, Mirjam".
PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "la", "le"}
PARTICLES |= {"el", "al"}  # "Noor el Idrissi" cites as "el Idrissi, Noor"
# BibTeX and RIS types per report kind; reports that are not research are 'misc'/'GEN'.
RESEARCH_KINDS = {
    ReportKind.RESEARCH,
    ReportKind.EVALUATION,
    ReportKind.PROGRESS,
    ReportKind.INTERVIEWS,
    ReportKind.FACTSHEET,
}
BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def closed(text: str) -> str:
    """Text ending in a full stop, unless it already ends a sentence ("Gebrek aan motivatie?")."""
    text = text.rstrip()
    return text if text[-1:] in ".?!" else f"{text}."


def bibtex_escape(value: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", value)


@dataclass
class Name:
    given: str
    family: str  # "" for an organisation or a single name: then ``given`` is the whole name

    @classmethod
    def parse(cls, text: str) -> "Name":
        words = text.split()
        if len(words) < 2:
            return cls(text.strip(), "")
        first_particle = next(
            (i for i, word in enumerate(words[1:-1], start=1) if word.lower() in PARTICLES),
            len(words) - 1,
        )
        return cls(" ".join(words[:first_particle]), " ".join(words[first_particle:]))

    @property
    def csl(self) -> dict:
        if not self.family:
            return {"literal": self.given}
        return {"family": self.family, "given": self.given}

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.family else self.given


@dataclass
class Citation:
    report: object  # ReportPage
    url: str  # absolute: the report's address, with the section's anchor when citing one
    section: object = None  # ReportSection

    @property
    def authors(self) -> list[Name]:
        return [Name.parse(author.name) for author in self.report.authors.all()]

    @property
    def date_parts(self) -> list[int]:
        date = self.report.published_on
        if date is None:
            return []
        precision = self.report.date_precision
        parts = {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2}.get(precision, 3)
        return [date.year, date.month, date.day][:parts]

    @property
    def key(self) -> str:
        """A citation key: first author's family name (or the slug) and the year."""
        first = self.authors[0] if self.authors else None
        base = (first.family or first.given) if first else self.report.slug
        base = re.sub(r"[^a-z0-9]", "", base.lower()) or "rapport"
        year = self.date_parts[0] if self.date_parts else "zj"
        suffix = f"-{self.section.anchor}" if self.section else ""
        return f"{base}{year}{suffix}"

    @property
    def section_title(self) -> str:
        return str(self.section) if self.section else ""

    @property
    def is_research(self) -> bool:
        return self.report.kind in RESEARCH_KINDS

    # Formats ---------------------------------------------------------------------------

    def text(self) -> str:
        """A readable reference in the usual Dutch (APA-like) form."""
        names = [name.inverted for name in self.authors]
        who = ", ".join(names[:-1]) + f" & {names[-1]}" if len(names) > 1 else "".join(names)
        year = f"({self.date_parts[0]})" if self.date_parts else "(z.j.)"  # z.j.: no year stated
        part = f"{closed(self.section_title)} In: " if self.section else ""
        work = closed(f"{part}{self.report.title}")
        publisher = closed(self.report.publisher_display) if self.report.publisher_display else ""
        # Without authors the work itself leads, as APA has it.
        pieces = (who, year, work) if who else (f"{part}{self.report.title}", f"{year}.")
        return " ".join(piece for piece in (*pieces, publisher, self.url) if piece)

    def bibtex(self) -> str:
        fields = {
            "author": " and ".join(name.inverted for name in self.authors),
            "title": self.report.title,
            "chapter": self.section_title,
            "institution" if self.is_research else "publisher": self.report.publisher_display,
            "year": str(self.date_parts[0]) if self.date_parts else "",
            "month": str(self.date_parts[1]) if len(self.date_parts) > 1 else "",
            "type": str(self.report.get_kind_display()),
            "url": self.url,
            "language": "dutch",
        }
        lines = [
            # An url field is read verbatim: escaping would put backslashes in the address.
            f"  {key} = {{{value if key == 'url' else bibtex_escape(value)}}}"
            for key, value in fields.items()
            if value
        ]
        entry_type = "techreport" if self.is_research else "misc"
        return f"@{entry_type}{{{self.key},\n" + ",\n".join(lines) + "\n}\n"

    def ris(self) -> str:
        lines = [("TY", "RPRT" if self.is_research else "GEN")]
        lines += [("AU", name.inverted) for name in self.authors]
        lines.append(("TI", self.report.title))
        if self.section:
            lines.append(("SE", self.section_title))
        if self.report.publisher_display:
            lines.append(("PB", self.report.publisher_display))
        if self.date_parts:
            lines.append(("PY", str(self.date_parts[0])))
            # RIS dates are YYYY/MM/DD/ with the parts a report does not state left empty.
            month_day = [f"{part:02d}" for part in self.date_parts[1:]]
            month_day += [""] * (2 - len(month_day))
            lines.append(("DA", "/".join([str(self.date_parts[0]), *month_day]) + "/"))
        lines += [("M3", str(self.report.get_kind_display())), ("LA", "nl"), ("UR", self.url)]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines) + "ER  - \r\n"

    def csl(self) -> dict:
        item = {
            "id": self.key,
            "type": "chapter" if self.section else "report",
            "title": self.section_title or self.report.title,
            "author": [name.csl for name in self.authors],
            "genre": str(self.report.get_kind_display()),
            "publisher": self.report.publisher_display,
            "URL": self.url,
            "language": "nl",
        }
        if self.section:
            item["container-title"] = self.report.title
        if self.date_parts:
            item["issued"] = {"date-parts": [self.date_parts]}
        return {name: value for name, value in item.items() if value not in ("", [])}

    def csl_json(self) -> str:
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"


FORMATS = {
    # route name: (method, content type, file extension)
    "bibtex": ("bibtex", "application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": ("csl_json", "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}
