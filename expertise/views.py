"""Experts manage their own presence: "remove my profile" deletes the profile page (and
with it its search records, in the database and in Elasticsearch). Reports they wrote keep
their name as text; practices and communities simply lose the link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.actions.delete_page import DeletePageAction


@login_required
@require_http_methods(["GET", "POST"])
def remove_my_profile(request):
    profile = getattr(request.user, "expert_profile", None)
    if request.method == "POST" and profile is not None:
        name = profile.title
        with transaction.atomic():
            # Their own profile: no editor permission needed; logged in Wagtail's history.
            DeletePageAction(profile, user=request.user).execute(skip_permission_checks=True)
        messages.success(request, _("Het profiel van %(name)s is verwijderd.") % {"name": name})
        return redirect("/")
    return render(request, "expertise/remove_profile.html", {"profile": profile})
