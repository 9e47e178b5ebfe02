"""Errors as problem details (RFC 9457, ``application/problem+json``), in Dutch or English.

Every error of the API is one of these: a bad parameter (400, with one entry per parameter
in ``errors``), a missing or unusable token (401), a token without the scope (403), an
unknown or invisible object (404) and, should it happen, a server error (500).
"""

import logging
from http import HTTPStatus

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger(__name__)
PROBLEM_CONTENT_TYPE = "application/problem+json"


class ParameterProblem(Schema):
    parameter: str
    detail: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ParameterProblem] = []
    error: str  # the detail again, under the name the first version of the search API used


class ApiProblem(Exception):
    """An error the API answers with a status of its own."""

    def __init__(self, status: int, detail: str, headers: dict | None = None):
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}


def problem(status, detail, errors=(), headers=None):
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": list(errors),
        "error": detail,
    }
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def parameter_name(error) -> str:
    """The parameter an error is about (not the position of one of its values)."""
    names = [part for part in error.get("loc", ()) if isinstance(part, str)]
    return names[-1] if len(names) > 1 else "?"  # the first is where: "query", "path"


def parameter_message(error) -> str:
    """One pydantic error about a parameter, as a sentence."""
    name = parameter_name(error)
    limits = error.get("ctx", {})
    messages = {
        "int_parsing": _("'%(name)s' moet een geheel getal zijn."),
        "int_type": _("'%(name)s' moet een geheel getal zijn."),
        "greater_than_equal": _("'%(name)s' moet minstens %(ge)s zijn."),
        "less_than_equal": _("'%(name)s' moet hoogstens %(le)s zijn."),
        "string_too_long": _("'%(name)s' mag hoogstens %(max_length)s tekens lang zijn."),
        "too_long": _("'%(name)s' mag hoogstens %(max_length)s keer voorkomen."),
        "literal_error": _("'%(name)s' moet een van deze waarden zijn: %(expected)s."),
        "enum": _("'%(name)s' moet een van deze waarden zijn: %(expected)s."),
        "string_pattern_mismatch": _("'%(name)s' bevat tekens die niet zijn toegestaan."),
        "missing": _("'%(name)s' is verplicht."),
    }
    template = messages.get(error.get("type"), _("'%(name)s' is ongeldig."))
    return template % {"name": name, **{key: str(value) for key, value in limits.items()}}


def on_validation_error(request, exc: ValidationError):
    errors = [
        {"parameter": parameter_name(error), "detail": parameter_message(error)}
        for error in exc.errors
    ]
    return problem(400, " ".join(item["detail"] for item in errors), errors)


def on_api_problem(request, exc: ApiProblem):
    return problem(exc.status, exc.detail, headers=exc.headers)


def on_not_found(request, exc):
    return problem(404, _("Dit bestaat niet, of u mag het niet zien."))


def unknown_address(request, *args, **kwargs):
    """An address under /api/ that no endpoint answers: a problem document, as every other
    error of the API, not the site's HTML page."""
    return problem(404, _("Dit adres bestaat niet in de API."))


def on_authentication_error(request, exc):
    return problem(
        401,
        _("Deze token is onbekend, ingetrokken of verlopen."),
        headers={"WWW-Authenticate": 'Bearer realm="wijkwijs"'},
    )


def on_http_error(request, exc: HttpError):
    return problem(exc.status_code, str(exc))


def on_server_error(request, exc):
    logger.exception("API error on %s", request.path, exc_info=exc)
    return problem(500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw."))


def install(api):
    """The API's error handlers: every error is a problem document."""
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(ApiProblem, on_api_problem)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Exception, on_server_error)
