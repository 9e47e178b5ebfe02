from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from expertise import views as expertise_views
from search import api as search_api
from search import views as search_views
from wijkwijs import views as wijkwijs_views
from wijkwijs.storage import PUBLIC_FOLDER, public_image

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
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
    path("api/v1/search/", search_api.search_api, name="search_api"),
    path("api/v1/search/autocomplete/", search_api.autocomplete_api, name="search_autocomplete"),
    path("api/v1/openapi.json", search_api.openapi_document, name="openapi"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap),
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
