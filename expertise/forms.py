"""The expert profile's admin form."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from wijkwijs.admin_scope import sees_everything


class ExpertPageForm(WagtailAdminPageForm):
    """An organisation's editor links the profile to the person's account by typing its
    user name: a list of every account would tell them who has one here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "account" not in self.fields or (self.for_user and sees_everything(self.for_user)):
            return
        field = self.fields["account"]
        self.fields["account"] = forms.ModelChoiceField(
            queryset=get_user_model().objects.filter(is_active=True),
            to_field_name="username",
            required=False,
            widget=forms.TextInput,
            label=field.label,
            help_text=_("De gebruikersnaam van deze persoon (leeg: geen account)."),
            error_messages={"invalid_choice": _("Er is geen account met deze gebruikersnaam.")},
        )
        if self.instance.account_id:
            self.initial["account"] = self.instance.account.get_username()
