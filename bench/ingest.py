"""Benchmark: importing the real corpus, from file to stored sections, this version
against a baseline commit in the same run.

    .venv/bin/python bench/ingest.py [--baseline babb407] [--runs 5] [--corpus ../shared/corpus]

Measures, per run and version: the whole corpus import into a fresh database (extraction,
cleanup, structure, near-duplicate matching, storage), raw extraction alone (so the cost of
cleanup and structure is visible) and PDF extraction in pages per second. The baseline is
the code of another commit (by default babb407, before issue 18's robustness work),
exported with ``git archive``; the versions alternate run by run, each run in a process of
its own with its own temporary SQLite database and media folder, after one untimed import
that warms it up. Prints medians and p95 per version with the machine and its load.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.versions import export, run_in  # noqa: E402

BASELINE = "babb407"  # before issue 18's work on unseen layouts

# Run inside a version's source tree: one warm-up import, then one timed run, as JSON.
MEASURE = """
import io, json, os, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
scratch = Path(tempfile.mkdtemp(prefix="wijkwijs-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(scratch / "media")
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
files = collect_files([Path(sys.argv[1])])
pdfs = [p for p in files if p.suffix == ".pdf"]
pages = sum(len(PdfReader(p).pages) for p in pdfs)

def import_all():
    with transaction.atomic():
        started = time.perf_counter()
        results = [import_file(path) for path in files]
        seconds = time.perf_counter() - started
        reports = ReportPage.objects.count()
        transaction.set_rollback(True)
    failed = [(r.file, r.error) for r in results if r.status == "failed"]
    if failed:
        sys.exit(f"Import failed: {failed}")
    return seconds, reports

import_all()
started = time.perf_counter()
for path in files:
    extract(path, detect_format(path))
extraction = time.perf_counter() - started
started = time.perf_counter()
for path in pdfs:
    extract(path, "pdf")
pdf_rate = pages / (time.perf_counter() - started)
seconds, reports = import_all()
print(json.dumps({"import": seconds, "extraction": extraction, "pdf_rate": pdf_rate,
                  "files": len(files), "pdfs": len(pdfs), "pages": pages, "reports": reports}))
"""


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


def measure(tree, corpus):
    return run_in(tree, MEASURE, corpus, env={"WIJKWIJS_TASKS": "immediate"})


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        sys.exit(f"Corpus not found: {corpus}")
    print(f"Machine: {describe_machine()}")
    print(f"Load average before: {load_average()} (a machine shared with other work is slower)")
    with tempfile.TemporaryDirectory(prefix="wijkwijs-bench-ingest-") as folder:
        versions = {f"baseline ({args.baseline})": export(args.baseline, Path(folder))}
        versions["this version"] = ROOT
        figures = {label: [] for label in versions}
        for run in range(args.runs):
            # Alternate which goes first, so neither always meets a warm cache.
            for label, tree in list(versions.items())[:: 1 if run % 2 == 0 else -1]:
                figures[label].append(measure(tree, corpus))
                print(f"  run {run + 1}: {label:<22} {figures[label][-1]['import']:7.2f} s")
    last = figures["this version"][-1]
    print(
        f"Corpus: {last['files']} files ({last['pdfs']} PDFs, {last['pages']} PDF pages)"
        f" → {last['reports']} reports"
    )
    for label, runs in figures.items():
        print(label)
        report("raw text extraction, all files", [run["extraction"] for run in runs])
        report("whole import: file to stored sections", [run["import"] for run in runs])
        rates = [run["pdf_rate"] for run in runs]
        report("PDF extraction", rates, unit="pages/s", higher_is_better=True)
    baseline, this = (statistics.median(r["import"] for r in runs) for runs in figures.values())
    print(f"  this version / baseline (median import): {this / baseline:.2f}")
    print(f"Load average after: {load_average()}")


if __name__ == "__main__":
    main()
