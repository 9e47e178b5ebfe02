"""Login rate limiting: after repeated failed logins for one account from one address,
further attempts are refused for a while, whatever the password.

Failures are counted in the cache per (username, client address); a successful login
clears them. The check sits in front of the model backend, so every login form (the site's
and Wagtail's admin) is covered. Production needs a cache shared by all processes (the
database cache by default, see settings)."""

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend, UserModel
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied


def client_address(request) -> str:
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")  # behind a proxy: set by the proxy


def _key(username, request) -> str:
    raw = f"{(username or '').lower()}|{client_address(request)}"
    return "login-failures:" + hashlib.sha256(raw.encode()).hexdigest()


def is_locked(username, request) -> bool:
    return cache.get(_key(username, request), 0) >= settings.LOGIN_FAILURE_LIMIT


class RateLimitedModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(UserModel.USERNAME_FIELD)
        if is_locked(username, request):
            # PermissionDenied ends authentication: no other backend is asked either.
            raise PermissionDenied("te veel mislukte inlogpogingen")
        return super().authenticate(request, username=username, password=password, **kwargs)


def count_failure(sender, credentials, request=None, **kwargs):
    key = _key(credentials.get("username"), request)
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def clear_failures(sender, request, user, **kwargs):
    cache.delete(_key(user.get_username(), request))


def connect():
    user_login_failed.connect(count_failure, dispatch_uid="wijkwijs-login-failures")
    user_logged_in.connect(clear_failures, dispatch_uid="wijkwijs-login-success")
