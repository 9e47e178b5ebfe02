from django import forms

from notifications.models import NotificationSettings


class FrequencyForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect(attrs={"class": "utrecht-radio-button"})}
