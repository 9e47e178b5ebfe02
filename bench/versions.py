"""Another commit's source tree, to benchmark this version against it in the same run."""

import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(commit, folder) -> Path:
    """The source tree of ``commit`` in ``folder``."""
    archive = folder / "baseline.tar"
    subprocess.run(["git", "archive", "--output", str(archive), commit], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "tree", filter="data")
    return folder / "tree"


def settings_module(tree) -> str:
    """The tree's settings: ``project.settings`` since the layers, ``wijkwijs`` before."""
    layered = (tree / "project" / "settings.py").exists()
    return "project.settings" if layered else "wijkwijs.settings"
