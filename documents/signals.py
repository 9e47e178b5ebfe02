from django.dispatch import Signal

# Sent with ``report`` when a report's sections were written or edited.
sections_changed = Signal()
