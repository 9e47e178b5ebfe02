"""OAI-PMH 2.0 (``/oai/``): public reports for harvesters, as Dublin Core (``oai_dc``).

Sets per theme (``theme:<slug>``) and per report kind (``kind:<value>``); lists come in
pages with signed resumption tokens; errors are the protocol's own codes. Only what an
anonymous visitor may see is exposed, and nothing is remembered about deletions
(``deletedRecord`` is "no").
"""

import datetime
import xml.etree.ElementTree as ET

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from api.representations import published
from documents.choices import ReportKind
from documents.models import ReportPage
from wijkwijs.models import ThemePage
from wijkwijs.visibility import visible

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, uri in {"": OAI, "oai_dc": OAI_DC, "dc": DC, "xsi": XSI}.items():
    ET.register_namespace(prefix, uri)

METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_SALT = "wijkwijs.oai.resumption"
ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OaiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def public_reports():
    return visible(ReportPage.objects.all(), AnonymousUser())


def stamp(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def datestamp(report):
    return report.last_published_at or report.first_published_at or timezone.now()


def identifier(request, report) -> str:
    return f"oai:{request.get_host().split(':')[0]}:report/{report.pk}"


def report_for(request, value):
    prefix = f"oai:{request.get_host().split(':')[0]}:report/"
    number = value.removeprefix(prefix)
    report = None
    if value.startswith(prefix) and number.isdigit():
        report = public_reports().filter(pk=int(number)).first()
    if report is None:
        raise OaiError("idDoesNotExist", f"Onbekende identifier: {value}")
    return report


def parse_moment(value, end=False):
    """An OAI-PMH date (day or seconds granularity) as an aware UTC datetime."""
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
            return moment.replace(tzinfo=datetime.UTC), "day"
        moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        return moment.replace(tzinfo=datetime.UTC), "seconds"
    except ValueError as error:
        raise OaiError("badArgument", f"Ongeldige datum: {value}") from error


def sets_of(report):
    return [f"theme:{theme.slug}" for theme in report.themes.all()] + [f"kind:{report.kind}"]


def selected(arguments):
    """The public reports in the range and set the arguments ask for, in a stable order."""
    reports = public_reports()
    bounds = {}
    for name, end in (("from", False), ("until", True)):
        if name in arguments:
            bounds[name] = parse_moment(arguments[name], end)
    if len({granularity for _moment, granularity in bounds.values()}) > 1:
        raise OaiError("badArgument", "'from' en 'until' moeten dezelfde nauwkeurigheid hebben.")
    if "from" in bounds and "until" in bounds and bounds["from"][0] > bounds["until"][0]:
        raise OaiError("badArgument", "'from' ligt na 'until'.")
    if "from" in bounds:
        reports = reports.filter(last_published_at__gte=bounds["from"][0])
    if "until" in bounds:
        reports = reports.filter(last_published_at__lte=bounds["until"][0])
    spec = arguments.get("set")
    if spec:
        kind, _sep, value = spec.partition(":")
        if kind == "theme":
            reports = reports.filter(themes__slug=value)
        elif kind == "kind" and value in ReportKind.values:
            reports = reports.filter(kind=value)
        else:
            raise OaiError("badArgument", f"Onbekende set: {spec}")
    return reports.prefetch_related("themes", "municipalities", "authors").order_by("pk")


def element(parent, name, text=None, **attributes):
    child = ET.SubElement(parent, name, attributes)
    if text is not None:
        child.text = str(text)
    return child


def header(request, parent, report):
    node = element(parent, f"{{{OAI}}}header")
    element(node, f"{{{OAI}}}identifier", identifier(request, report))
    element(node, f"{{{OAI}}}datestamp", stamp(datestamp(report)))
    for spec in sets_of(report):
        element(node, f"{{{OAI}}}setSpec", spec)


def dublin_core(request, parent, report):
    metadata = element(parent, f"{{{OAI}}}metadata")
    schema = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    record = element(metadata, f"{{{OAI_DC}}}dc", **{f"{{{XSI}}}schemaLocation": schema})
    values = [("title", report.title)]
    values += [("creator", author.name) for author in report.authors.all()]
    values += [("subject", theme.title) for theme in report.themes.all()]
    values += [("description", report.abstract), ("publisher", report.publisher_display)]
    values += [("date", published(report)), ("type", report.get_kind_display()), ("type", "Text")]
    values += [("identifier", request.build_absolute_uri(report.get_url(request)))]
    values += [("language", "nl")]
    values += [("coverage", place.title) for place in report.municipalities.all()]
    for name, value in values:
        if value:
            element(record, f"{{{DC}}}{name}", value)


def token_for(arguments, offset):
    return signing.dumps({"arguments": arguments, "offset": offset}, salt=TOKEN_SALT, compress=True)


def resume(token):
    try:
        state = signing.loads(token, salt=TOKEN_SALT)
        return state["arguments"], int(state["offset"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise OaiError("badResumptionToken", "Deze resumptionToken is ongeldig.") from error


def list_items(request, answer, verb, arguments):
    if "resumptionToken" in arguments:
        if set(arguments) != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken gaat niet samen met andere argumenten.")
        arguments, offset = resume(arguments["resumptionToken"])
    else:
        offset = 0
    if arguments.get("metadataPrefix") != METADATA_PREFIX:
        raise OaiError("cannotDisseminateFormat", "Alleen oai_dc wordt aangeboden.")
    reports = selected(arguments)
    total = reports.count()
    if total == 0:
        raise OaiError("noRecordsMatch", "Geen records in deze selectie.")
    size = settings.OAI_PAGE_SIZE
    node = element(answer, f"{{{OAI}}}{verb}")
    for report in reports[offset : offset + size]:
        if verb == "ListIdentifiers":
            header(request, node, report)
        else:
            record = element(node, f"{{{OAI}}}record")
            header(request, record, report)
            dublin_core(request, record, report)
    if offset + size < total or offset:
        more = offset + size < total
        element(
            node,
            f"{{{OAI}}}resumptionToken",
            token_for(arguments, offset + size) if more else "",
            completeListSize=str(total),
            cursor=str(offset),
        )


def identify(request, answer, arguments):
    node = element(answer, f"{{{OAI}}}Identify")
    earliest = (
        public_reports()
        .order_by("last_published_at")
        .values_list("last_published_at", flat=True)
        .first()
    )
    for name, value in (
        ("repositoryName", settings.WAGTAIL_SITE_NAME),
        ("baseURL", request.build_absolute_uri(request.path)),
        ("protocolVersion", "2.0"),
        ("adminEmail", settings.OAI_ADMIN_EMAIL),
        ("earliestDatestamp", stamp(earliest or timezone.now())),
        ("deletedRecord", "no"),
        ("granularity", GRANULARITY),
    ):
        element(node, f"{{{OAI}}}{name}", value)


def list_metadata_formats(request, answer, arguments):
    if "identifier" in arguments:
        report_for(request, arguments["identifier"])
    node = element(element(answer, f"{{{OAI}}}ListMetadataFormats"), f"{{{OAI}}}metadataFormat")
    element(node, f"{{{OAI}}}metadataPrefix", METADATA_PREFIX)
    element(node, f"{{{OAI}}}schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    element(node, f"{{{OAI}}}metadataNamespace", OAI_DC)


def list_sets(request, answer, arguments):
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "De lijst van sets heeft geen vervolg.")
    node = element(answer, f"{{{OAI}}}ListSets")
    sets = [
        (f"theme:{slug}", title)
        for slug, title in ThemePage.objects.live()
        .public()
        .order_by("title")
        .values_list("slug", "title")
    ]
    sets += [(f"kind:{value}", str(label)) for value, label in ReportKind.choices]
    for spec, name in sets:
        item = element(node, f"{{{OAI}}}set")
        element(item, f"{{{OAI}}}setSpec", spec)
        element(item, f"{{{OAI}}}setName", name)


def get_record(request, answer, arguments):
    report = report_for(request, arguments["identifier"])
    if arguments["metadataPrefix"] != METADATA_PREFIX:
        raise OaiError("cannotDisseminateFormat", "Alleen oai_dc wordt aangeboden.")
    record = element(element(answer, f"{{{OAI}}}GetRecord"), f"{{{OAI}}}record")
    header(request, record, report)
    dublin_core(request, record, report)


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda request, answer, arguments: list_items(
        request, answer, "ListIdentifiers", arguments
    ),
    "ListRecords": lambda request, answer, arguments: list_items(
        request, answer, "ListRecords", arguments
    ),
}


def checked_arguments(query):
    """The request's arguments, or the protocol's error for a bad verb or argument."""
    if any(len(values) > 1 for _name, values in query.lists()):
        raise OaiError("badArgument", "Een argument komt meer dan eens voor.")
    arguments = {key: value for key, value in query.items() if key != "verb"}
    verb = query.get("verb", "")
    if verb not in VERBS:
        raise OaiError("badVerb", "Onbekend of ontbrekend werkwoord (verb).")
    required, optional = ARGUMENTS[verb]
    exclusive = "resumptionToken" in arguments
    unknown = set(arguments) - required - optional
    missing = set() if exclusive else required - set(arguments)
    if unknown or missing or "\x00" in "".join(arguments.values()):
        raise OaiError(
            "badArgument",
            "Ontbrekende of onbekende argumenten: " + ", ".join(sorted(unknown | missing)),
        )
    return verb, arguments


@csrf_exempt  # the protocol allows POST; it only reads
@require_http_methods(["GET", "POST"])
def oai_pmh(request):
    root = ET.Element(
        f"{{{OAI}}}OAI-PMH",
        {f"{{{XSI}}}schemaLocation": f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"},
    )
    element(root, f"{{{OAI}}}responseDate", stamp(timezone.now()))
    query = request.POST if request.method == "POST" else request.GET
    request_node = element(root, f"{{{OAI}}}request", request.build_absolute_uri(request.path))
    try:
        verb, arguments = checked_arguments(query)
        request_node.attrib.update({"verb": verb, **arguments})
        VERBS[verb](request, root, arguments)
    except OaiError as error:
        element(root, f"{{{OAI}}}error", error.message, code=error.code)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
