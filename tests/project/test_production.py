"""Production mode end to end: `collectstatic`, then gunicorn alone (WhiteNoise for the
static files) serves every page type with its stylesheet, script and icon.

gunicorn runs in a subprocess with WIJKWIJS_ENV=production against the test database,
which holds the demo content the session loaded (committed, so another process sees it).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection
from django.template.loader import render_to_string

from tests.conftest import IN_CI

# The marker makes pytest-django create the test database; the pages are read by gunicorn.
pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "home": "/",
    "search": "/zoeken/?q=eenzaamheid&type=expert",
    "expert finder": "/wie-weet-wat/?vraag=wie+weet+iets+van+eenzaamheid",
    "comparison": "/gemeenten-vergelijken/?gemeente=deventer&gemeente=oss",
    "municipality": "/gemeenten/deventer/",
    "practice": "/praktijkvoorbeelden/deventer-gelukkige-burgers/",
    "expert": "/organisaties/raster/marloes-hendriks/",
    "organisation": "/organisaties/raster/",
    "theme": "/themas/eenzaamheid/",
    "report": "/publicaties/voortgangsrapportage-integraal-wijkgericht-werken-2013/",
    "citation": "/publicaties/voortgangsrapportage-integraal-wijkgericht-werken-2013/citatie/",
    "listing": "/praktijkvoorbeelden/",
    "login": "/_util/login/",
    # Swagger UI from our own static files (api/static/api/swagger/, npm run build:swagger).
    "API documentation": "/api/v1/docs/",
}
HASHED = re.compile(r"\.[0-9a-f]{12}\.(css|js|svg)$")


class Assets(HTMLParser):
    """The static files a page loads: stylesheets, scripts, icons and images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("href") if tag == "link" else attrs.get("src")
        if tag in {"link", "script", "img"} and url and url.startswith("/static/"):
            self.urls.append(url)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    settings = connection.settings_dict
    user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{user}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_site(tmp_path_factory, django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("the production test needs PostgreSQL under CI=true")
        pytest.skip("the production test needs DATABASE_URL pointing at PostgreSQL")
    port = free_port()
    env = {
        **os.environ,
        "WIJKWIJS_ENV": "production",
        "SECRET_KEY": "production-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy in front here
        "DEBUG": "false",
        "DATABASE_URL": database_url(),
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "WIJKWIJS_VAR_DIR": str(tmp_path_factory.mktemp("var")),
    }
    manage = [sys.executable, "manage.py"]
    for command in (["collectstatic", "--noinput"], ["createcachetable"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "project.wsgi", "--workers", "1"]
    server = subprocess.Popen(
        gunicorn + ["--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(600):  # until gunicorn listens (or has died)
            if server.poll() is not None:
                pytest.fail(f"gunicorn stopped: {server.stderr.read().decode()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_renders_with_its_assets_in_production(production_site, name):
    status, headers, body = fetch(production_site + PAGES[name])
    assert status == 200, f"{PAGES[name]} answered {status}"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    parser = Assets()
    parser.feed(body.decode())
    assert len(parser.urls) >= 3, parser.urls  # stylesheet, script, icon
    for url in parser.urls:
        assert HASHED.search(url), f"{url} has no content hash: not from the manifest"
        asset_status, asset_headers, content = fetch(production_site + url)
        assert asset_status == 200 and content, f"{url} answered {asset_status}"
        assert "max-age=315360000" in asset_headers["Cache-Control"]  # hashed: kept forever


def test_the_stylesheet_is_served_compressed_and_is_the_built_one(production_site):
    _status, _headers, body = fetch(production_site + "/")
    parser = Assets()
    parser.feed(body.decode())
    stylesheet = next(url for url in parser.urls if url.endswith(".css"))
    status, headers, compressed = fetch(production_site + stylesheet, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    _status, _headers, css = fetch(production_site + stylesheet)
    assert b".utrecht-button" in css and b".wijkwijs-theme" in css
    assert len(compressed) < len(css) / 3


def test_a_missing_page_is_a_styled_404_not_a_500(production_site):
    status, _headers, body = fetch(production_site + "/bestaat-niet/")
    assert status == 404
    assert b"Pagina niet gevonden" in body and b"/static/css/wijkwijs." in body


def test_a_long_pasted_question_reaches_the_search_page(production_site):
    # gunicorn's default refuses a request line over 4 KB with a bare page of its own; a
    # pasted paragraph with filters comes close to that, and the search page clips it.
    question = "+".join(["wijkteam"] * 560)
    status, headers, body = fetch(f"{production_site}/zoeken/?q={question}&type=rapport")
    assert status == 200
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert b"/static/css/wijkwijs." in body


def test_the_server_error_page_needs_no_context_and_links_the_stylesheet():
    html = render_to_string("500.html")  # as Django's server_error renders it
    assert "Er ging iets mis" in html and "/static/css/wijkwijs.css" in html


def test_the_committed_stylesheet_is_the_one_the_lock_file_builds():
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "@utrecht").is_dir():
        if IN_CI:
            pytest.fail("node and node_modules (npm ci) are needed under CI=true")
        pytest.skip("node or node_modules (npm ci) is missing")
    check = subprocess.run(
        [node, "frontend/build-css.mjs", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
