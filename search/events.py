"""What happens in search, for those who count it (the usage figures): a signal, so search
knows nothing of who listens."""

from django.dispatch import Signal

# Sent by the search page and the API with ``query`` (as searched) and ``total`` (hits found),
# once per search (not per further page of its results).
searched = Signal()
