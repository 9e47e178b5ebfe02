"""Wagtail admin screens: upload a report file, and review an import before publishing.

Uploads become drafts. The review screen shows the proposed sections (rename, merge,
split) and the municipalities, organisations and themes found in the text, which the
editor confirms before publishing.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from documents import privacy
from documents.choices import ReportKind
from documents.models import ReportPage, ReportSection
from documents.outline_editing import (
    merge_with_previous,
    paragraphs_of,
    rename_section,
    split_section,
)
from documents.tasks import import_document, import_upload, store_upload, upload_kept
from wijkwijs.models import CommunityPage, MunicipalityPage, ThemePage
from wijkwijs.site_structure import ensure_site_structure
from wijkwijs.uploads import refused_upload
from wijkwijs.visibility import Visibility
from wijkwijs.workers import WorkerLost, queue_again, uses_database_queue

IMPORT_TASKS = {import_upload.module_path, import_document.module_path}
WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("PDF, Word (DOCX), Markdown of tekst."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=[("", gettext_lazy("Automatisch herkennen"))] + ReportKind.choices,
        required=False,
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Zichtbaarheid"),
        choices=[
            (
                "",
                gettext_lazy(
                    "Standaard voor de soort (interviewverslagen: alleen redactie, "
                    "andere: ingelogde leden)"
                ),
            )
        ]
        + Visibility.choices,
        required=False,
    )
    communities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Gedeeld met gemeenschappen"),
        queryset=CommunityPage.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Bij zichtbaarheid 'Alleen leden van de gekozen gemeenschappen'."),
    )

    def clean(self):
        cleaned = super().clean()
        shared = cleaned.get("visibility") == Visibility.COMMUNITIES
        if shared and not cleaned.get("communities"):
            self.add_error(
                "communities", _("Kies de gemeenschappen waarmee het rapport gedeeld wordt.")
            )
        if not shared:
            cleaned["communities"] = []
        return cleaned


def may_import(user) -> bool:
    return ensure_site_structure().reports.permissions_for_user(user).can_add_subpage()


class ImportReportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "documents/admin/import.html"
    page_title = gettext_lazy("Rapport importeren")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        refused = refused_upload(self.request, "file")
        if refused:  # stopped while streaming: the field is empty, the reason is this
            form.errors["file"] = form.error_class([refused])
        return super().form_invalid(form)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        stored = store_upload(upload)
        try:
            task = import_upload.enqueue(
                stored,
                upload.name,
                kind=form.cleaned_data["kind"] or None,
                visibility=form.cleaned_data["visibility"],
                communities=[community.pk for community in form.cleaned_data["communities"]],
                publish=False,
            )
        except Exception:
            if default_storage.exists(stored):  # not queued: nobody would remove it
                default_storage.delete(stored)
            raise
        if not task.is_finished:
            messages.info(self.request, _("Het bestand wordt op de achtergrond verwerkt."))
            return redirect(reverse("documents_import_status", args=(task.id,)))
        return outcome_response(self.request, task.return_value, form=form, view=self)


def outcome_response(request, outcome, form=None, view=None):
    if outcome["status"] == "failed":
        if form is not None:
            form.add_error("file", outcome["error"])
            return view.form_invalid(form)
        messages.error(request, outcome["error"])
        return redirect("documents_import")
    if outcome["status"] == "duplicate":
        messages.info(request, _("Dit document bestond al; het bestand is toegevoegd als versie."))
    else:
        messages.success(request, _("Geïmporteerd als concept. Controleer de indeling."))
    return redirect("documents_review", outcome["report_id"])


def failure_message(task):
    if task.errors and task.errors[-1].exception_class_path == WORKER_LOST:
        return _(
            "De verwerking werd onderbroken doordat de achtergrondtaak stopte, ook bij de "
            "volgende poging. Er is niets half opgeslagen en het geüploade bestand is bewaard. "
            "Probeer het later opnieuw; blijft het misgaan, vraag dan de beheerder het logboek "
            "van de worker te bekijken."
        )
    return _("De import is mislukt door een fout in de verwerking.")


def import_task(task_id):
    """A web upload's task, or one the import command queued for a file on the server."""
    try:
        task = default_task_backend.get_result(task_id)
    except TaskResultDoesNotExist:
        raise Http404 from None
    if task.task.module_path not in IMPORT_TASKS:
        raise Http404
    return task


def may_retry(task, user) -> bool:
    """A failed import can run again from the queue if its file is still there."""
    return uses_database_queue() and upload_kept(task) and may_import(user)


class ImportStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/admin/import_status.html"
    page_title = gettext_lazy("Import wordt verwerkt")

    def get(self, request, task_id):
        task = import_task(task_id)
        if task.status == TaskResultStatus.FAILED:  # the task raised: no outcome to show
            if may_retry(task, request.user):  # stay here, with the retry button
                self.page_title = _("Import mislukt")
                return super().get(request, task_id=task_id, failure=failure_message(task))
            messages.error(request, failure_message(task))
            return redirect("documents_import")
        if task.is_finished:
            return outcome_response(request, task.return_value)
        return super().get(request, task_id=task_id)


class RetryImportView(View):
    """Queue a failed import again with the file it kept (POST, from the status page)."""

    http_method_names = ["post"]

    def post(self, request, task_id):
        task = import_task(task_id)
        if not may_import(request.user):
            raise PermissionDenied
        if task.status == TaskResultStatus.FAILED:
            if not may_retry(task, request.user):
                messages.error(request, _("Het bestand is niet bewaard: importeer het opnieuw."))
                return redirect("documents_import")
            if queue_again(task.id):
                messages.info(request, _("De import wordt opnieuw geprobeerd."))
        # Queued again just now or by an earlier click: the status page follows it.
        return redirect("documents_import_status", task.id)


# An anchor on the review page ("rij-3", "privacy") to return to after an action.
PLACE = re.compile(r"[a-z]+(-[0-9]+)?")


class ReviewReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/admin/review.html"
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(ReportPage, pk=kwargs["report_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        # A draft's editorial content lives in its latest revision; what the import derived
        # (sections, suggestions) is stored beside the page.
        self.report = page.get_latest_revision_as_object()
        self.suggestions = page.suggestions
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Indeling controleren: %(title)s") % {"title": self.report.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = list(self.report.sections.prefetch_related("footnotes"))
        for section in sections:
            section.paragraph_list = paragraphs_of(section)
        # In-memory relations of a revision: read them as objects, not with values_list.
        chosen = {
            kind: {page.pk for page in getattr(self.report, kind).all()}
            for kind in ("municipalities", "organisations", "themes")
        }
        suggestion_groups = [
            (
                kind,
                label,
                [
                    dict(item, chosen=item["id"] in chosen[kind])
                    for item in self.suggestions.get(kind, [])
                ],
            )
            for kind, label in (
                ("municipalities", _("Gemeenten")),
                ("organisations", _("Organisaties")),
                ("themes", _("Thema's")),
            )
        ]
        context.update(
            report=self.report,
            sections=sections,
            suggestion_groups=suggestion_groups,
            levels=range(1, 5),
            may_record_review=privacy.may_record_review(self.request.user, self.report),
            edit_url=reverse("wagtailadmin_pages:edit", args=(self.report.pk,)),
        )
        return context

    def post(self, request, report_id):
        action = request.POST.get("action")
        try:
            if action == "apply_suggestions":
                self._apply_suggestions(request)
            elif action in ("redact", "privacy_reviewed"):
                self._privacy(action, request)
            elif action == "publish":
                self.report.clean()  # e.g. not public before the privacy review
                revision = self.report.latest_revision or self.report.save_revision(
                    user=request.user
                )
                revision.publish(user=request.user)
                messages.success(request, _("Gepubliceerd."))
            else:
                section = get_object_or_404(
                    ReportSection, pk=request.POST.get("section"), report=self.report
                )
                self._edit_section(action, section, request.POST)
        except (ValidationError, ValueError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        # Back to where the editor was: the row or part of the page the form came from.
        place = request.POST.get("plek", "")
        anchor = f"#{place}" if PLACE.fullmatch(place) else ""
        return HttpResponseRedirect(reverse("documents_review", args=(self.report.pk,)) + anchor)

    def _edit_section(self, action, section, data):
        if action == "rename":
            rename_section(
                section, data.get("heading", ""), int(data.get("level", 0)), data.get("number", "")
            )
            messages.success(self.request, _("Kop aangepast."))
        elif action == "merge":
            merge_with_previous(section)
            messages.success(self.request, _("Samengevoegd met de vorige paragraaf."))
        elif action == "split":
            split_section(section, int(data.get("paragraph", 0)), data.get("heading", ""))
            messages.success(self.request, _("Paragraaf gesplitst."))
        else:
            raise ValueError(_("Onbekende actie."))

    def _privacy(self, action, request):
        if action == "redact":
            chosen = [n for n in request.POST.getlist("name") if n in self.report.privacy_names]
            if not chosen:
                raise ValueError(_("Kies de namen die vervangen moeten worden."))
            count = privacy.redact(self.report, chosen)
            messages.success(
                request,
                _("%(count)d keer een naam vervangen door een pseudoniem.") % {"count": count},
            )
        else:
            privacy.mark_reviewed(self.report, request.user)
            messages.success(request, _("Privacy beoordeeld: het rapport mag openbaar."))

    def _apply_suggestions(self, request):
        report = self.report
        report.municipalities = MunicipalityPage.objects.filter(
            pk__in=request.POST.getlist("municipalities")
        )
        organisation_model = ReportPage._meta.get_field("organisations").related_model
        report.organisations = organisation_model.objects.filter(
            pk__in=request.POST.getlist("organisations")
        )
        report.themes = ThemePage.objects.filter(pk__in=request.POST.getlist("themes"))
        revision = report.save_revision(user=request.user)
        if report.live:
            revision.publish(user=request.user)
        messages.success(request, _("Gemeenten, organisaties en thema's opgeslagen."))
