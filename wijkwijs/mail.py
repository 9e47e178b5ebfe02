"""Mail from templates, in the recipient's language.

``<name>_subject.txt``, ``<name>.txt`` and (optionally) ``<name>.html`` are rendered
together; the backend is Django's (SMTP in production, see the settings).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """A link for a mail: the site's address (``WAGTAILADMIN_BASE_URL``) and ``path``."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated(template, context, recipients, language=None, headers=None) -> int:
    """Send one mail to each address of ``recipients``; the number sent."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    sent = 0
    for address in recipients:
        message = EmailMultiAlternatives(subject, text, to=[address], headers=headers)
        if html:
            message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent
