"""Who is asking: a member's API token with the endpoint's scope, the site's session, or
nobody.

A token stands in for its member: ``request.user`` becomes that member (Wagtail's
``BearerTokenAuth``), so every visibility rule of the site applies unchanged. An unknown
or revoked token is refused (401) rather than treated as anonymous, so a client notices.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie
from wagtail.api.v3.auth import BearerTokenAuth

from api.problems import ApiProblem


class MemberToken(BearerTokenAuth):
    """``Authorization: Bearer wagtail_…``: a token made in the admin, with its scopes."""

    openapi_description = gettext_lazy("Een API-token van de redactie (Gebruikers › API-tokens).")

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token):
        api_token = super().authenticate(request, token.strip())
        if api_token is None:
            raise AuthenticationError
        if not api_token.wijkwijs_scopes.filter(scope=self.scope).exists():
            raise ApiProblem(
                403, _("Deze token heeft de bevoegdheid '%(scope)s' niet.") % {"scope": self.scope}
            )
        return api_token


class SiteSession(APIKeyCookie):
    """The site's own login (its session cookie), or nobody: anonymous visitors are
    answered too, with what is public."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = gettext_lazy("De sessie van de site (ingelogd als lid).")

    def __init__(self):
        super().__init__(csrf=False)  # read-only endpoints: nothing to forge

    def authenticate(self, request, key):
        return request.user  # set by the session middleware; AnonymousUser is truthy


def member_or_public(scope: str) -> list:
    return [MemberToken(scope), SiteSession()]
