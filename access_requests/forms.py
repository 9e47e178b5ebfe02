import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REASON_MAX = 2000


class AccessRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wilt u toegang?"),
        help_text=_("De coördinatoren of de redactie lezen dit (hoogstens 2000 tekens)."),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"}),
    )


class DecisionForm(forms.Form):
    GRANT, REFUSE, REVOKE = "grant", "refuse", "revoke"
    DONE = {
        GRANT: _("Toegang gegeven; de aanvrager krijgt bericht."),
        REFUSE: _("Verzoek geweigerd; de aanvrager krijgt bericht."),
        REVOKE: _("Toegang ingetrokken; de aanvrager krijgt bericht."),
    }
    ALREADY_DECIDED = _("Over dit verzoek is intussen al besloten; er is niets veranderd.")

    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(GRANT, _("Toegang geven")), (REFUSE, _("Weigeren")), (REVOKE, _("Intrekken"))],
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("Toegang tot en met"),
        required=False,
        help_text=_("Leeg: blijvend. De toegang sluit vanzelf na deze dag."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    message = forms.CharField(
        label=_("Toelichting voor de aanvrager"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            field = self.fields["decision"]
            field.choices = [choice for choice in field.choices if choice[0] in choices]

    def clean(self):
        cleaned = super().clean()
        decision, until = cleaned.get("decision"), cleaned.get("until")
        if decision == self.GRANT and until and until < timezone.localdate():
            self.add_error("until", _("Kies vandaag of een dag in de toekomst."))
        if decision in (self.REFUSE, self.REVOKE) and not cleaned.get("message", "").strip():
            self.add_error("message", _("Leg de aanvrager uit waarom."))
        return cleaned

    @property
    def expires_at(self):
        """The end of the chosen day, in the site's time zone; None: permanent."""
        until = self.cleaned_data.get("until")
        if not until:
            return None
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        next_day = until + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time(), tzinfo=zone)
