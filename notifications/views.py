"""'Mijn meldingen': follows, saved searches, the digest's frequency, the private feed,
and the one-click unsubscribe that needs no login."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from access_requests.models import AccessRequest
from access_requests.site_views import pending_for
from notifications.forms import FrequencyForm
from notifications.models import DigestFrequency, Follow, NotificationSettings, new_feed_key
from notifications.news import FOLLOWABLE_TYPES
from notifications.saved_searches import search_filters
from notifications.tokens import feed_token, user_id_to_unsubscribe
from wijkwijs.visibility import VisibilityMixin


def back(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def remember_language(request):
    notification_settings = NotificationSettings.of(request.user)
    if notification_settings.language != get_language():
        notification_settings.language = get_language()
        notification_settings.save(update_fields=["language"])
    return notification_settings


@login_required
def mine(request):
    notification_settings = NotificationSettings.of(request.user)
    form = FrequencyForm(request.POST or None, instance=notification_settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        remember_language(request)
        messages.success(request, _("Uw keuze is bewaard."))
        return redirect("notifications:mine")
    follows = request.user.follows.select_related("page")
    context = {
        "form": form,
        "page_follows": [follow for follow in follows if not follow.is_search],
        "searches": [follow for follow in follows if follow.is_search],
        "private_feed_url": request.build_absolute_uri(
            reverse("feeds:private", args=[feed_token(notification_settings)])
        ),
        "access_requests": AccessRequest.objects.filter(requester=request.user).select_related(
            "page"
        ),
        "requests_to_decide": len(pending_for(request.user)),
    }
    return render(request, "notifications/mine.html", context)


def followable(page_id, user):
    page = get_object_or_404(Page, pk=page_id).specific
    visible = not isinstance(page, VisibilityMixin) or page.is_visible_to(user)
    if not isinstance(page, FOLLOWABLE_TYPES) or not page.live or not visible:
        raise Http404
    return page


@login_required
@require_POST
def follow(request):
    page_id = request.POST.get("page", "")
    if not page_id.isdigit():
        raise Http404
    page = followable(page_id, request.user)
    if request.POST.get("action") == "unfollow":
        request.user.follows.filter(page=page).delete()
        messages.success(request, _("U volgt %(title)s niet meer.") % {"title": page.title})
    else:
        Follow.objects.get_or_create(user=request.user, page=page)
        remember_language(request)
        messages.success(request, _("U volgt nu %(title)s.") % {"title": page.title})
    return back(request, page.url)


@login_required
@require_POST
def save_search(request):
    query = request.POST.get("q", "").strip()[:200]
    if not query:
        messages.error(request, _("Een zoekopdracht zonder zoekwoorden kan niet bewaard worden."))
        return back(request, reverse("search"))
    Follow.objects.get_or_create(
        user=request.user, page=None, query=query, filters=search_filters(request.POST)
    )
    remember_language(request)
    messages.success(request, _("Zoekopdracht bewaard; u vindt hem bij Mijn meldingen."))
    return back(request, reverse("search"))


@login_required
@require_POST
def unfollow(request, follow_id):
    get_object_or_404(Follow, pk=follow_id, user=request.user).delete()
    messages.success(request, _("Niet meer gevolgd."))
    return redirect("notifications:mine")


@login_required
@require_POST
def renew_feed(request):
    notification_settings = NotificationSettings.of(request.user)
    notification_settings.feed_key = new_feed_key()
    notification_settings.save(update_fields=["feed_key"])
    messages.success(request, _("Nieuw adres gemaakt; het oude werkt niet meer."))
    return redirect("notifications:mine")


@csrf_exempt  # mail clients post here without a form (RFC 8058); the signed token decides
def unsubscribe(request, token):
    user_id = user_id_to_unsubscribe(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        raise Http404
    done = False
    if request.method == "POST":
        NotificationSettings.objects.update_or_create(
            user=user, defaults={"frequency": DigestFrequency.NEVER}
        )
        done = True
    return render(request, "notifications/unsubscribe.html", {"done": done})
