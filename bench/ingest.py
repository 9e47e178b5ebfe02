"""Benchmark: importing the real corpus, from file to stored sections.

    .venv/bin/python bench/ingest.py [--runs 5] [--corpus ../shared/corpus]

Measures, per run: the whole corpus import into a fresh database (extraction, cleanup,
structure, near-duplicate matching, storage) and PDF text extraction in pages per second.
The baseline in the same run is raw extraction alone (pypdf / python-docx / reading the
text), so the cost of cleanup and structure is visible. Prints medians and p95 with the
machine described. Uses its own temporary SQLite database and media folder.
"""

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def describe_machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores ({cpu})"
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(label, values, unit="s", higher_is_better=False):
    """Median and p95, where p95 is the slow end (the 5th percentile for a rate)."""
    slow_end = percentile(values, 0.05 if higher_is_better else 0.95)
    print(
        f"  {label:<42} median {statistics.median(values):8.3f} {unit}"
        f"   p95 {slow_end:8.3f} {unit}   ({len(values)} runs)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        sys.exit(f"Corpus not found: {corpus}")

    scratch = Path(tempfile.mkdtemp(prefix="wijkwijs-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ["WIJKWIJS_TASKS"] = "immediate"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from pypdf import PdfReader

    from documents.ingest.collect import collect_files
    from documents.ingest.extract import extract
    from documents.ingest.formats import detect_format
    from documents.ingest.pipeline import import_file
    from documents.models import ReportPage

    call_command("migrate", verbosity=0)
    call_command("setup_site", stdout=io.StringIO())
    files = collect_files([corpus])
    pdfs = [p for p in files if p.suffix == ".pdf"]
    pages = sum(len(PdfReader(p).pages) for p in pdfs)

    extraction_times, import_times, pdf_rates = [], [], []
    for _run in range(args.runs):
        started = time.perf_counter()
        for path in files:
            extract(path, detect_format(path))
        extraction_times.append(time.perf_counter() - started)

        started = time.perf_counter()
        for path in pdfs:
            extract(path, "pdf")
        pdf_rates.append(pages / (time.perf_counter() - started))

        with transaction.atomic():
            started = time.perf_counter()
            results = [import_file(path) for path in files]
            import_times.append(time.perf_counter() - started)
            reports = ReportPage.objects.count()
            transaction.set_rollback(True)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            sys.exit(f"Import failed: {[(r.file, r.error) for r in failed]}")

    print(f"Machine: {describe_machine()}")
    print(f"Corpus: {len(files)} files ({len(pdfs)} PDFs, {pages} PDF pages) → {reports} reports")
    report("baseline: raw text extraction, all files", extraction_times)
    report("whole import: file to stored sections", import_times)
    report("PDF extraction", pdf_rates, unit="pages/s", higher_is_better=True)
    overhead = statistics.median(import_times) - statistics.median(extraction_times)
    print(f"  cleanup, structure, matching and storage add {overhead:.3f} s (median)")
    print(f"  target: whole corpus under 30 s on 2 cores → {statistics.median(import_times):.1f} s")


if __name__ == "__main__":
    main()
