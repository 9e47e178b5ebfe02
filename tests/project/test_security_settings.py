"""Production settings pass Django's deployment checklist (`manage.py check --deploy`), and
every response carries a Content-Security-Policy (enforcement: tests/browser)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy(tmp_path):
    env = os.environ | {
        "WIJKWIJS_ENV": "production",
        "SECRET_KEY": "een-lange-willekeurige-sleutel-" + "x7Qp9zLk2" * 6,
        "ALLOWED_HOSTS": "wijkwijs.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for inherited in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # set by other tests
        env.pop(inherited, None)
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.django_db
def test_the_policy_header_is_strict_on_the_site_and_looser_in_the_admin(client):
    site_policy = client.get("/zoeken/")["Content-Security-Policy"]
    assert "script-src 'self';" in site_policy and "unsafe-inline" not in site_policy
    admin_policy = client.get("/beheer/login/")["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in admin_policy
