"""Another commit's source tree, to benchmark this version against it in the same run."""

import json
import os
import subprocess
import sys
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


def run_in(tree, script, *args, env=None) -> dict:
    """Run ``script`` with ``args`` in a fresh process inside ``tree`` (with that tree's
    settings) and return the JSON object its last line prints; exit on failure."""
    env = os.environ | {"DJANGO_SETTINGS_MODULE": settings_module(tree)} | (env or {})
    done = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{' '.join(map(str, args))} in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
