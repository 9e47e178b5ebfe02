"""Importing one file: analyse it, then create a report or add a rendition to one.

Everything a file changes in the database happens in one transaction, so a failure
leaves no half-created report or section. The same file imported twice changes
nothing; the same document in another format becomes another rendition of the
existing report, whose metadata and structure come from its best renditions.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.search import index

from documents import privacy
from documents.choices import ReportKind
from documents.ingest import storage
from documents.ingest.cleanup import clean_lines
from documents.ingest.extract import extract
from documents.ingest.fingerprint import SAME_DOCUMENT, resemblance, sketch
from documents.ingest.formats import DOCX, MARKDOWN, PDF, TEXT, ImportRefused, detect_format
from documents.ingest.metadata import (
    extract_metadata,
    is_date_line,
    people_named,
    place_spellings,
    richness,
)
from documents.ingest.publication import arrange_publication
from documents.ingest.statements import credits_editorial_staff
from documents.ingest.structure import Outline, Section, build_outline
from documents.ingest.suggestions import suggest_classification
from documents.models import (
    ReportAuthor,
    ReportFile,
    ReportPage,
    ReportSection,
    SectionFootnote,
    place_sections,
)
from wijkwijs.findable import records_changed
from wijkwijs.models import CommunityPage
from wijkwijs.site_structure import ensure_site_structure
from wijkwijs.visibility import Visibility

logger = logging.getLogger(__name__)

# Which rendition's structure to trust: declared headings beat recognised ones, and
# text extracted by the author beats what pypdf reconstructs from page layout.
STRUCTURE_RANK = {MARKDOWN: 4, DOCX: 3, TEXT: 2, PDF: 1}
FORMAT_LABELS = {MARKDOWN: "Markdown", DOCX: "Word", TEXT: "tekst", PDF: "PDF"}
KIND_HINTS = [
    ("interview", ReportKind.INTERVIEWS),
    ("voortgang", ReportKind.PROGRESS),
    ("evaluatie", ReportKind.EVALUATION),
    ("magazine", ReportKind.MAGAZINE),
    ("tijdschrift", ReportKind.MAGAZINE),
    ("factsheet", ReportKind.FACTSHEET),
    ("notitie", ReportKind.POLICY),
]
MAX_SUBTITLE_WORDS = 12
MAX_SLUG_LENGTH = 60


@dataclass
class ImportOptions:
    kind: str | None = None
    visibility: str | None = None
    dry_run: bool = False
    publish: bool = True  # web uploads stay drafts until an editor has reviewed them
    communities: list[int] = field(default_factory=list)  # share with these communities only


@dataclass
class ImportResult:
    file: str
    status: str  # "imported", "duplicate" (new rendition or same file again) or "failed"
    report: ReportPage | None = None
    error: str = ""
    sections: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    path: Path
    file_format: str
    sha256: str
    outline: Outline
    metadata: dict
    fingerprint: list[int]
    notes: list[str]
    stored_files: list[str] = field(default_factory=list)  # written to storage by this import

    @property
    def sections(self) -> list[Section]:
        sections = list(self.outline.sections)
        if self.outline.preamble:
            intro = Section(
                heading=self.metadata["title"], level=1, paragraphs=self.outline.preamble
            )
            intro.anchor = "begin"
            sections.insert(0, intro)
        return sections


def analyse(path: Path) -> Analysis:
    file_format = detect_format(path)
    extraction = extract(path, file_format)
    cleaned = clean_lines(extraction.lines)
    outline = build_outline(
        cleaned.lines, cleaned.footnotes, extraction.declares_headings, extraction.declared_title
    )
    if extraction.declares_headings:
        outline = arrange_publication(outline, place_spellings())
    metadata = extract_metadata(
        extraction.declared_title,
        outline.preamble,
        path,
        body=[paragraph for section in outline.sections for paragraph in section.paragraphs],
        headings=[(section.number, section.heading) for section in outline.sections],
        running_header=extraction.running_header,
    )
    # Title-block lines (date, authors) are metadata, not text.
    title_block = {metadata["title"], *metadata["authors"]}
    outline.preamble = [
        line
        for line in outline.preamble
        if line not in title_block and not is_date_line(line) and not people_named(line)
    ]
    full_text = "\n\n".join(
        [*outline.preamble, *(f"{s.heading}\n\n{s.text}" for s in outline.sections)]
    )
    if not outline.sections and not outline.preamble:
        raise ImportRefused(_("Er is geen leesbare tekst gevonden na het opschonen."))
    return Analysis(
        path=path,
        file_format=file_format,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        outline=outline,
        metadata=metadata,
        fingerprint=sketch(full_text),
        notes=extraction.notes,
    )


def import_file(path: Path, options: ImportOptions | None = None) -> ImportResult:
    options = options or ImportOptions()
    try:
        analysis = analyse(path)
    except ImportRefused as refusal:
        return ImportResult(file=path.name, status="failed", error=str(refusal))
    except Exception as error:  # noqa: BLE001 — a broken file must never stop a batch
        return unexpected_failure(path, error)
    try:
        return save(analysis, options)
    except Exception as error:  # noqa: BLE001 — the transaction is undone: remove its files
        for name in analysis.stored_files:
            default_storage.delete(name)
        return unexpected_failure(path, error)


def unexpected_failure(path: Path, error: Exception) -> ImportResult:
    logger.exception("Import of %s failed unexpectedly", path)
    message = _("Het bestand kon niet worden verwerkt (%(error)s).")
    return ImportResult(
        file=path.name, status="failed", error=message % {"error": type(error).__name__}
    )


@transaction.atomic
def save(analysis: Analysis, options: ImportOptions) -> ImportResult:
    """Everything an import writes to the database, in one transaction."""
    storage.hold_import_lock()
    name = analysis.path.name
    same_file = ReportFile.objects.filter(sha256=analysis.sha256).select_related("page").first()
    if same_file:
        report = same_file.page.specific
        return ImportResult(
            name,
            "duplicate",
            report,
            sections=report.sections.count(),
            notes=[_("Dit bestand is al geïmporteerd.")],
        )
    match = find_same_document(analysis.fingerprint)
    if options.dry_run:
        status = "duplicate" if match else "imported"
        return ImportResult(name, status, match, sections=len(analysis.sections))
    if match:
        add_rendition(match, analysis)
        return ImportResult(
            name, "duplicate", match, sections=match.sections.count(), notes=analysis.notes
        )
    report = create_report(analysis, options)
    notes = analysis.notes + privacy_notes(report)
    return ImportResult(name, "imported", report, sections=report.sections.count(), notes=notes)


def privacy_notes(report: ReportPage) -> list[str]:
    """Flag the people the report names; such a report is not public before a review."""
    names = privacy.flag(report)
    if not names:
        return []
    notes = [
        _("Noemt personen (%(names)s): privacybeoordeling nodig.")
        % {"names": ", ".join(names[:5]) + ("…" if len(names) > 5 else "")}
    ]
    if report.visibility == Visibility.PUBLIC:
        report.visibility = Visibility.MEMBERS
        report.save(update_fields=["visibility"])
        revision = report.save_revision()  # drafts are published from their revision
        if report.live:
            revision.publish()
        notes.append(_("Niet openbaar gemaakt: eerst privacy beoordelen (privacy_review)."))
    return notes


def find_same_document(fingerprint: list[int]) -> ReportPage | None:
    best, best_score = None, SAME_DOCUMENT
    for rendition in ReportFile.objects.exclude(fingerprint=[]).only("fingerprint", "page_id"):
        score = resemblance(fingerprint, rendition.fingerprint)
        if score >= best_score:
            best, best_score = rendition.page_id, score
    return ReportPage.objects.get(pk=best) if best else None


def guess_kind(analysis: Analysis) -> str:
    """The kind a document names itself on its cover (title, a short subtitle under it) or
    in its file name, else a magazine when its colophon credits editors, else research."""
    preamble = analysis.outline.preamble
    subtitle = preamble[0] if preamble and len(preamble[0].split()) <= MAX_SUBTITLE_WORDS else ""
    haystack = f"{analysis.metadata['title']} {subtitle} {analysis.path.name}".lower()
    for hint, kind in KIND_HINTS:
        if hint in haystack:
            return kind
    lines = [section.heading for section in analysis.sections] + [
        line
        for section in analysis.sections
        for paragraph in section.paragraphs
        for line in paragraph.splitlines()
    ]
    return ReportKind.MAGAZINE if credits_editorial_staff(lines) else ReportKind.RESEARCH


def slug_of(text: str, fallback: str) -> str:
    """A slug of at most MAX_SLUG_LENGTH characters, cut after the last whole word that fits
    (a single longer word is cut where the limit falls)."""
    slug = slugify(text)
    if len(slug) > MAX_SLUG_LENGTH:
        words_that_fit = slug[: MAX_SLUG_LENGTH + 1].rpartition("-")[0]
        slug = words_that_fit or slug[:MAX_SLUG_LENGTH]
    return slug.strip("-") or fallback


def unique_slug(parent, title):
    base = slug_of(title, "publicatie")
    slug, counter = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def default_visibility(kind) -> str:
    """Imported documents name real people: restricted until an editor decides otherwise.
    Interview write-ups judge named colleagues: they are for the communities they are shared
    with, and without one chosen, for editors only."""
    return Visibility.EDITORS if kind == ReportKind.INTERVIEWS else Visibility.MEMBERS


def create_report(analysis: Analysis, options: ImportOptions) -> ReportPage:
    parent = ensure_site_structure().reports
    metadata = analysis.metadata
    kind = options.kind or guess_kind(analysis)
    report = ReportPage(
        title=metadata["title"][:255],
        slug=unique_slug(parent, metadata["title"]),
        kind=kind,
        visibility=options.visibility or default_visibility(kind),
        live=options.publish,
    )
    if options.communities:
        report.visibility = Visibility.COMMUNITIES
        report.shared_with = list(CommunityPage.objects.filter(pk__in=options.communities))
    apply_metadata(report, metadata)
    parent.add_child(instance=report)
    if not options.publish:
        report.save_revision()
    rendition = store_rendition(report, analysis, provides_structure=True)
    write_sections(report, analysis, rendition)
    return report


def apply_metadata(report: ReportPage, metadata: dict):
    if metadata.get("title_from_document"):
        report.title = metadata["title"][:255]
    if metadata.get("published_on"):
        report.published_on = metadata["published_on"]
        report.date_precision = metadata["date_precision"] or "day"
    if metadata.get("authors"):
        report.authors = [ReportAuthor(name=name) for name in metadata["authors"]]
    if metadata.get("publisher") and not (report.publisher_id or report.publisher_name):
        # The publisher's model through the relation: expertise sits above documents.
        organisation_model = ReportPage._meta.get_field("publisher").related_model
        report.publisher = organisation_model.objects.filter(
            title__iexact=metadata["publisher"]
        ).first()
        report.publisher_name = "" if report.publisher else metadata["publisher"][:200]


def add_rendition(report: ReportPage, analysis: Analysis):
    renditions = list(report.files.all())
    if all(richness(analysis.metadata) > richness(r.extracted_metadata) for r in renditions):
        apply_metadata(report, analysis.metadata)
        report.save()
    structure_source = next((r for r in renditions if r.provides_structure), None)
    better_structure = structure_source is None or (
        STRUCTURE_RANK[analysis.file_format] > STRUCTURE_RANK.get(structure_source.file_format, 0)
    )
    if better_structure:
        report.files.filter(provides_structure=True).update(provides_structure=False)
    rendition = store_rendition(report, analysis, provides_structure=better_structure)
    if better_structure:
        write_sections(report, analysis, rendition)
        if report.redacted_names:  # a new text must not bring back names taken out
            privacy.redact(report, report.redacted_names)


def store_rendition(report: ReportPage, analysis: Analysis, provides_structure: bool):
    Document = get_document_model()
    document = Document(title=f"{report.title} ({FORMAT_LABELS[analysis.file_format]})")
    with analysis.path.open("rb") as handle:
        document.file.name = storage.store(storable_name(analysis.path.name), File(handle))
    analysis.stored_files.append(document.file.name)
    document.save()
    return ReportFile.objects.create(
        page=report,
        document=document,
        description=_("Origineel (%(format)s)") % {"format": FORMAT_LABELS[analysis.file_format]},
        file_format=analysis.file_format,
        sha256=analysis.sha256,
        fingerprint=analysis.fingerprint,
        extracted_metadata=analysis.metadata,
        provides_structure=provides_structure,
        sort_order=report.files.count(),
    )


def storable_name(name: str) -> str:
    """A file name that fits the document's field and any file system: at most 60
    characters of its own (in ASCII), with its extension."""
    path = Path(name)
    stem = slug_of(path.stem, "document")
    return f"{stem}{path.suffix.lower()[:10]}"


def write_sections(report: ReportPage, analysis: Analysis, rendition: ReportFile):
    """Replace the report's sections with this rendition's, and suggest its classification."""
    report.sections.all().delete()
    rows = [
        ReportSection(
            report=report,
            number=section.number,
            heading=section.heading[:500],
            level=section.level,
            anchor=section.anchor,
            text=section.text,
            page_number=section.page,
        )
        for section in analysis.sections
    ]
    place_sections(rows)
    notes = [section.footnotes for section in analysis.sections]
    created = ReportSection.objects.bulk_create(rows)
    SectionFootnote.objects.bulk_create(
        SectionFootnote(section=section, number=number, text=text)
        for section, footnotes in zip(created, notes, strict=True)
        for number, text in footnotes.items()
    )
    text = "\n\n".join(row.block for row in rows)
    rendition.suggestions = suggest_classification(f"{report.title}\n\n{text}")
    rendition.save(update_fields=["suggestions"])
    index.insert_or_update_object(report)  # the page's own index entry includes its text
    records_changed.send(sender=ReportPage, page=report)
