"""The digest: per member, what became visible under their follows since the last one.

Run by ``send_digests`` (cron). A member is due once their period (a day or a week) has
passed since the last digest, with some slack for the cron's own timing. Each member is
handled in a transaction that locks their settings row (a second run at the same time
skips them); the pages a digest lists are recorded in the same transaction, after the
mail went out, so nothing is sent twice and a failed mail is tried again next time. A
digest with nothing new is not sent.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.models import DigestFrequency, NotificationSettings, SentItem
from notifications.news import news_for_follow
from notifications.tokens import unsubscribe_token
from wijkwijs.mail import absolute_url, send_templated

logger = logging.getLogger(__name__)
PERIODS = {
    DigestFrequency.DAILY: datetime.timedelta(days=1),
    DigestFrequency.WEEKLY: datetime.timedelta(days=7),
}
SLACK = datetime.timedelta(hours=2)  # a cron run a little early still counts
ITEMS_PER_FOLLOW = 20


@dataclass
class DigestSection:
    follow: object
    items: list


def is_due(notification_settings, now) -> bool:
    period = PERIODS.get(notification_settings.frequency)
    if period is None:
        return False
    last = notification_settings.last_digest_at
    return last is None or last <= now - period + SLACK


def digest_sections(user, since, until) -> list[DigestSection]:
    """What is new for ``user`` in (since, until], per follow; each page once, never a
    page sent before."""
    already = set(SentItem.objects.filter(user=user).values_list("page_id", flat=True))
    sections = []
    for follow in user.follows.select_related("page"):
        start = max(filter(None, (since, follow.created_at)))
        items = []
        for item in news_for_follow(follow, user, start, until, ITEMS_PER_FOLLOW):
            if item.page_id not in already:
                already.add(item.page_id)
                items.append(item)
        if items:
            sections.append(DigestSection(follow, items))
    return sections


def send_digest(notification_settings, now) -> int:
    """Send one member's digest if it has anything: the number of pages it listed."""
    user = notification_settings.user
    since = notification_settings.last_digest_at
    sections = digest_sections(user, since, now)
    if sections:
        for section in sections:
            for item in section.items:
                item.url = absolute_url(item.url)
        context = {
            "user": user,
            "sections": sections,
            "since": since,
            "manage_url": absolute_url(reverse("notifications:mine")),
            "unsubscribe_url": absolute_url(
                reverse("notifications:unsubscribe", args=[unsubscribe_token(user)])
            ),
        }
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058
        }
        send_templated(
            "notifications/mail/digest",
            context,
            [user.email],
            notification_settings.language,
            headers,
        )  # raises if the mail fails
        SentItem.objects.bulk_create(
            [
                SentItem(user=user, page_id=item.page_id, sent_at=now)
                for section in sections
                for item in section.items
            ],
            ignore_conflicts=True,
        )
    notification_settings.last_digest_at = now
    notification_settings.save(update_fields=["last_digest_at"])
    return sum(len(section.items) for section in sections)


def send_due_digests(now=None, frequency=None):
    """(digests sent, members with nothing new, failed mails) for every member who is due;
    a failed mail leaves that member as they were, to be tried at the next run."""
    now = now or timezone.now()
    candidates = (
        NotificationSettings.objects.exclude(frequency=DigestFrequency.NEVER)
        .filter(user__is_active=True)
        .exclude(user__email="")
    )
    if frequency:
        candidates = candidates.filter(frequency=frequency)
    sent = empty = failed = 0
    for pk in candidates.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                locked = (
                    NotificationSettings.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("user")
                    .filter(pk=pk)
                    .first()
                )
                if locked is None or not is_due(locked, now):
                    continue
                if send_digest(locked, now):
                    sent += 1
                else:
                    empty += 1
        except OSError:  # SMTP errors included
            logger.exception("digest for settings %s not sent", pk)
            failed += 1
    return sent, empty, failed
