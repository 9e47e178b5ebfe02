"""Signing out of the public site (signing in is Wagtail's front-end login view)."""

from django.contrib import messages
from django.contrib.auth import logout as end_session
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


@require_POST  # a GET link could sign people out from another site's page
def logout(request):
    end_session(request)
    messages.success(request, _("U bent uitgelogd."))
    return redirect("/")
