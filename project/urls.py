from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api import oai, problems
from api.main import api, api_openapi_document
from expertise import views as expertise_views
from notifications import urls as notification_urls
from operations import views as operations_views
from project.sitemap import RequestHostSitemap
from search import views as search_views
from wijkwijs import accounts
from wijkwijs import views as wijkwijs_views
from wijkwijs.admin_choosers import ScopedBrowseView, ScopedSearchView
from wijkwijs.admin_reports import ScopedPageTypesUsageReport
from wijkwijs.attachments import serve_document
from wijkwijs.storage import PUBLIC_FOLDER, public_image

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's page-types report, scoped to what the user may see (wijkwijs.admin_scope).
    path("beheer/reports/page-types-usage/", ScopedPageTypesUsageReport.as_view()),
    path(
        "beheer/reports/page-types-usage/results/",
        ScopedPageTypesUsageReport.as_view(results_only=True),
    ),
    # Wagtail's page chooser, with live titles of pages the user may not edit (admin_choosers).
    path("beheer/choose-page/", ScopedBrowseView.as_view()),
    path("beheer/choose-page/<int:parent_page_id>/", ScopedBrowseView.as_view()),
    path("beheer/choose-page/search/", ScopedSearchView.as_view()),
    path("beheer/", include(wagtailadmin_urls)),
    # Before Wagtail's own document URLs: refusals answer as missing files do.
    re_path(r"^documenten/(\d+)/(.*)$", serve_document),
    path("documenten/", include(wagtaildocs_urls)),
    path("uitloggen/", accounts.logout, name="logout"),
    path("zoeken/", search_views.search, name="search"),
    path("wie-weet-wat/", expertise_views.who_knows_what, name="who_knows_what"),
    path("wie-weet-wat/experts.csv", expertise_views.who_knows_what_csv, name="experts_csv"),
    path("gemeenten-vergelijken/", wijkwijs_views.compare_municipalities, name="compare"),
    path(
        "gemeenten-vergelijken/vergelijking.csv",
        wijkwijs_views.compare_municipalities_csv,
        name="compare_csv",
    ),
    path("mijn-profiel/verwijderen/", expertise_views.remove_my_profile, name="remove_my_profile"),
    path("api/v1/", api.urls),
    re_path(r"^api/", problems.unknown_address),
    path("openapi.json", api_openapi_document, name="openapi"),
    path("oai/", oai.oai_pmh, name="oai_pmh"),
    path("toegang/", include("access_requests.urls")),
    path("meldingen/", include("notifications.urls")),
    path("feeds/", include(notification_urls.feed_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", operations_views.health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": RequestHostSitemap}}),
    path("favicon.ico", wijkwijs_views.favicon),
    path("robots.txt", wijkwijs_views.robots_txt),
    # Only image renditions are public media, read from wherever media lives (a production
    # web server may serve them from local disk itself). Documents: the view above.
    path(
        f"{settings.MEDIA_URL.lstrip('/')}{PUBLIC_FOLDER}<path:name>",
        public_image,
        name="public_image",
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
