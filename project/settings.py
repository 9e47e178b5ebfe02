"""Settings for Wijkwijs, read from the environment.

Development defaults are safe on a laptop (SQLite in var/, DEBUG on, localhost only).
Production mode (``WIJKWIJS_ENV=production``) refuses to start without a real secret key
and switches on the HTTPS and cookie protections that ``manage.py check --deploy`` asks for.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WIJKWIJS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = os.environ.get("WIJKWIJS_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when WIJKWIJS_ENV=production.")
    SECRET_KEY = "development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "project",
    "wijkwijs",
    "expertise",
    "practices",
    "documents",
    "search",
    "operations",
    "api",
    "usage",
    "ninja",
    "wagtail.api.v3",  # Wagtail's API tokens (admin: make, revoke); its own API is not routed
    "access_requests",
    "notifications",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost, so that their headers reach every response, also those a middleware below
    # answers itself (a refused parameter, a static file).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wijkwijs.middleware.ContentSecurityPolicyMiddleware",
    # Static files (compressed, with hashed names) straight from the app server: gunicorn
    # alone serves a complete site.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkwijs.middleware.DutchFirstLocaleMiddleware",
    "wijkwijs.middleware.UnreadableParametersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# OAI-PMH (/oai/): the harvesters' contact address and how many records a list page holds.
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "redactie@wijkwijs.nl")
OAI_PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", "50"))

# Usage figures (weekly counters, nothing about people) are kept this many days;
# `manage.py purge_usage` removes older ones.
USAGE_RETENTION_DAYS = int(os.environ.get("USAGE_RETENTION_DAYS", "365"))

ADMIN_PATH_PREFIXES = ("/beheer/", "/django-admin/")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY_ADMIN = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkwijs.context_processors.site_navigation",
            ],
        },
    },
]

# SQLite is only the embedded default for the one-command demo; tests, CI and
# production point DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wijkwijs.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


# Media (uploads, document files, images and their renditions) lives on this machine's disk
# (MEDIA_ROOT) or, for several app servers, in one private S3-compatible bucket
# (MEDIA_STORAGE=s3). "media_disk" and "media_bucket" name both places so that
# `manage.py move_media` can move files between them; "default" is the one in use.
def s3_media_storage(bucket, endpoint_url="", access_key="", secret_key="", region=""):
    """A private bucket: no public ACL, nothing served from it directly (see wijkwijs.storage)."""
    return {
        "BACKEND": "wijkwijs.storage.PrivateBucketStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role, ~/.aws).
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "region_name": region or None,
        },
    }


MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
# On disk, the files an import writes are noted, to clean up after a worker killed mid-import
# (documents/file_journal.py; on any storage the next import also sweeps them).
STORAGES["media_disk"] = {"BACKEND": "documents.file_journal.JournalledFileSystemStorage"}
if os.environ.get("MEDIA_S3_BUCKET"):
    STORAGES["media_bucket"] = s3_media_storage(
        os.environ["MEDIA_S3_BUCKET"],
        os.environ.get("MEDIA_S3_ENDPOINT_URL", ""),
        os.environ.get("MEDIA_S3_ACCESS_KEY_ID", ""),
        os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
        os.environ.get("MEDIA_S3_REGION", ""),
    )
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")
if MEDIA_STORAGE == "s3" and "media_bucket" not in STORAGES:
    raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET (and its endpoint).")
STORAGES["default"] = STORAGES["media_bucket" if MEDIA_STORAGE == "s3" else "media_disk"]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_SITE_NAME = "Wijkwijs"
# The admin calls no other site (its Content-Security-Policy would block it): avatars are
# Wagtail's own default, not gravatar.com's; no release check at releases.wagtail.io.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Documents are always streamed by Wagtail's view, which checks access (wijkwijs/attachments.py);
# the web server must not serve MEDIA_ROOT/documents (see the README).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "md", "txt", "odt", "csv", "xlsx", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("UPLOAD_MAX_BYTES", 50 * 1024 * 1024))
# The size limit is checked while an upload streams in, before anything is stored.
FILE_UPLOAD_HANDLERS = [
    "wijkwijs.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
TAGGIT_CASE_INSENSITIVE = True

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
# Setting ELASTICSEARCH_URL selects the Elasticsearch engine (credentials in the URL,
# https for TLS); empty means the embedded engine. See the README (Elasticsearch).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "wijkwijs")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))  # seconds, per search
# Creating, filling, swapping and deleting indexes: slow on a busy node and safe to repeat.
ELASTICSEARCH_ADMIN_TIMEOUT = float(os.environ.get("ELASTICSEARCH_ADMIN_TIMEOUT", "60"))
ELASTICSEARCH_ADMIN_RETRIES = int(os.environ.get("ELASTICSEARCH_ADMIN_RETRIES", "3"))
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")  # a private CA's bundle
ELASTICSEARCH_SHARDS = int(os.environ.get("ELASTICSEARCH_SHARDS", "1"))
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
# After a failure, searches use the embedded engine for this long before trying again.
ELASTICSEARCH_RETRY_AFTER = float(os.environ.get("ELASTICSEARCH_RETRY_AFTER", "30"))

# Background work (imports, and Wagtail's own indexing tasks) goes through django-tasks.
# Production queues it in the database for `manage.py db_worker`; development, tests and
# the demo run tasks immediately so no worker is needed.
TASKS_MODE = os.environ.get("WIJKWIJS_TASKS", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_MODE == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# How often a task runs whose worker died mid-run before it is marked failed (wijkwijs/workers.py).
TASK_ATTEMPTS = int(os.environ.get("WIJKWIJS_TASK_ATTEMPTS", "2"))

# Mail (digests, access requests): SMTP from the environment in production, the console
# elsewhere unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wijkwijs <noreply@wijkwijs.invalid>")

LOGIN_URL = "wagtailcore_login"
AUTHENTICATION_BACKENDS = ["wijkwijs.login_limits.RateLimitedModelBackend"]
# After this many failed logins for one account (from any address), the account is locked
# for the window (seconds), even against the right password; one address is throttled after
# LOGIN_ADDRESS_FAILURE_LIMIT failures for any accounts (an office shares one address).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", 50))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", 15 * 60))
# After logging in without a page to return to (an empty ?next=): the home page.
LOGIN_REDIRECT_URL = "/"
# Login failures are counted in the cache: production uses the database cache so that all
# worker processes share the count (`manage.py createcachetable` after migrating).
# WIJKWIJS_CACHE=database|memory chooses explicitly (memory: one process only).
CACHE_MODE = os.environ.get("WIJKWIJS_CACHE", "database" if PRODUCTION else "memory")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if CACHE_MODE == "database"
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wijkwijs_cache",
    },
    # Page parts rendered once for all visitors (wijkwijs.fragments), in each process's
    # memory: a kept part costs no query (a database cache costs one to read and four to
    # write, more than most parts save). The least recently used go past MAX_ENTRIES.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wijkwijs-fragments",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_CACHE_ENTRIES", "300"))},
    },
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Keep the development server's request log; background-task chatter stays quiet.
    # The Elasticsearch client logs a traceback per failed attempt; search.engines and
    # search.elastic.sync say in one line what failed and what happens meanwhile.
    "loggers": {"django.server": {"level": "INFO"}, "elasticsearch": {"level": "ERROR"}},
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer asks over plain HTTP
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # SECURE_COOKIES=false only to serve the production set-up on http://127.0.0.1 (make serve).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
