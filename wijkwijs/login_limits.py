"""Login rate limiting: failed logins are counted per account and per client address,
separately.

- **The account** is locked after ``LOGIN_FAILURE_LIMIT`` failures within
  ``LOGIN_FAILURE_WINDOW`` seconds, from whatever addresses: guessing one password from
  many addresses does not help. A successful login clears the account's count.
- **The address** is throttled after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures (for any
  accounts) in the window: guessing many accounts' passwords from one address is stopped,
  while an office behind one address is not locked out by a colleague's typos (its
  limit is far above one account's). A success does not clear it: one valid login must
  not reset an attacker's count.

The check sits in front of the model backend, so every login form (the site's and
Wagtail's admin) is covered. Production needs a cache shared by all processes (the
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


def _key(kind, value) -> str:
    return f"login-failures:{kind}:" + hashlib.sha256(value.encode()).hexdigest()


def _keys(username, request):
    """(account key, address key) with the limit of each."""
    return (
        (_key("account", (username or "").lower()), settings.LOGIN_FAILURE_LIMIT),
        (_key("address", client_address(request)), settings.LOGIN_ADDRESS_FAILURE_LIMIT),
    )


def is_locked(username, request) -> bool:
    return any(cache.get(key, 0) >= limit for key, limit in _keys(username, request))


class RateLimitedModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(UserModel.USERNAME_FIELD)
        if is_locked(username, request):
            # PermissionDenied ends authentication: no other backend is asked either.
            raise PermissionDenied("te veel mislukte inlogpogingen")
        return super().authenticate(request, username=username, password=password, **kwargs)


def count_failure(sender, credentials, request=None, **kwargs):
    for key, _limit in _keys(credentials.get("username"), request):
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def clear_failures(sender, request, user, **kwargs):
    account_key, _limit = _keys(user.get_username(), request)[0]
    cache.delete(account_key)


def connect():
    user_login_failed.connect(count_failure, dispatch_uid="wijkwijs-login-failures")
    user_logged_in.connect(clear_failures, dispatch_uid="wijkwijs-login-success")
