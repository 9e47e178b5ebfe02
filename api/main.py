"""The API (``/api/v1/``) and its OpenAPI document, generated from the code by django-ninja.

The document is served at ``/openapi.json`` and ``/api/v1/openapi.json``; the interactive
documentation at ``/api/v1/docs/`` runs from our own static files (no CDN, no inline script).
"""

from functools import partial

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.openapi.views import openapi_json

from api import content, problems, search
from api.caching import conditional

DESCRIPTION = _(
    """\
Alles wat Wijkwijs toont, als JSON: experts (met toestemming), organisaties,
praktijkvoorbeelden, rapporten met hun paragrafen, gemeenten met hun gedateerde feiten
en bronnen, thema's en kennisgemeenschappen, en zoeken.

U ziet wat u op de site ziet: zonder inloggen wat openbaar is; met de sessie van de site of
met een API-token (`Authorization: Bearer ww_…`, te maken door de redactie onder
Beheer › API-tokens) wat dat lid mag zien. Lijsten hebben `page` en `page_size` en een
`Link`-kop; elk antwoord heeft een `ETag` (stuur hem terug als `If-None-Match` voor een
304). Fouten zijn problem details (`application/problem+json`).
"""
)


class Documentation(Swagger):
    template = "api/docs.html"


class WijkwijsApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's document, with errors as problem details and anonymous use allowed."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation["responses"].items():
                    content_types = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content_types:
                        answer["content"] = {
                            problems.PROBLEM_CONTENT_TYPE: content_types["application/json"]
                        }
                if "security" in operation:
                    operation["security"].append({})  # no credentials: what is public
        return schema


api = WijkwijsApi(
    title="Wijkwijs API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Documentation(settings={"deepLinking": True, "defaultModelsExpandDepth": 0}),
    docs_url="/docs/",
)
problems.install(api)
api.add_router("", content.router)
api.add_router("", search.router)
api.add_decorator(conditional, mode="view")
api_openapi_document = partial(openapi_json, api=api)
