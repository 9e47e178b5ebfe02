from django.dispatch import Signal

# Sent with ``report`` when a report's sections were written or edited; after a
# pseudonymisation also with ``redacted_names``, which search must forget.
sections_changed = Signal()
