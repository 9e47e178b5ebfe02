"""Signed addresses that work without logging in (``django.core.signing``)."""

from django.core import signing

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
FEED_SALT = "notifications.feed"


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_id_to_unsubscribe(token) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def feed_token(notification_settings) -> str:
    """The private feed's token: revoked by giving the settings a new ``feed_key``."""
    return signing.dumps(
        [notification_settings.user_id, notification_settings.feed_key],
        salt=FEED_SALT,
        compress=True,
    )


def feed_owner(token, settings_model):
    """The settings whose private feed ``token`` opens, or None (forged or revoked)."""
    try:
        user_id, key = signing.loads(token, salt=FEED_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (
        settings_model.objects.select_related("user")
        .filter(user_id=user_id, feed_key=key, user__is_active=True)
        .first()
    )
