from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from wijkwijs.parameters import refuse_unreadable


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose another language with the language switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show a
    half-English site to most visitors with an English browser; Wijkwijs is Dutch-first
    and switches language only on an explicit choice (the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every response.

    The public site runs no script of its own and no inline style, so its policy allows
    only its own files: injected markup cannot run. The Wagtail admin needs inline scripts
    and styles, and previews itself in frames, so it gets a policy of its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(settings.ADMIN_PATH_PREFIXES)
        policy = (
            settings.CONTENT_SECURITY_POLICY_ADMIN if admin else settings.CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class UnreadableParametersMiddleware:
    """A path or parameter with a control character (a NUL byte) gets the 400 error page with
    the reason, before any view or database sees it (``wijkwijs.parameters``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The API declares its parameters with the same rule (wijkwijs.parameters.READABLE_TEXT)
        # and answers a refusal as problem details of its own.
        reason = "" if request.path.startswith("/api/") else refuse_unreadable(request)
        if not reason:
            return self.get_response(request)
        # Rendered without the request: nothing of what was refused reaches the page.
        return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}))
