"""A one-line progress bar on stderr for long management commands."""

import sys

WIDTH = 30


def progress_bar(unit: str):
    """A ``progress(done, total)`` callback that redraws ``[███···] done/total unit``."""

    def progress(done, total):
        filled = int(WIDTH * done / total) if total else WIDTH
        sys.stderr.write(f"\r[{'█' * filled}{'·' * (WIDTH - filled)}] {done}/{total} {unit}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress
