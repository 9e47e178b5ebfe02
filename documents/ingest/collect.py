"""Which files an import of paths and folders takes."""

from pathlib import Path

from documents.ingest.formats import EXTENSIONS


class MissingPath(Exception):
    pass


def is_folder_readme(path: Path) -> bool:
    """A folder's README describes the folder; it is not one of the documents in it."""
    return path.stem.lower() == "readme"


def collect_files(paths) -> list[Path]:
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
            raise MissingPath(name)
    return files
