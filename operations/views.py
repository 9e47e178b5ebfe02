from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from operations.health import DOWN, report


@never_cache
def health(request):
    """200 while Wijkwijs serves (``ok`` or ``degraded``), 503 when it cannot (``down``)."""
    answer = report()
    return JsonResponse(answer, status=503 if answer["status"] == DOWN else 200)
