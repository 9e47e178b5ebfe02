"""Conditional requests: every successful answer has an ``ETag``; ``If-None-Match`` with
it gets a 304 without a body.

Answers depend on who asks (visibility), so they vary by cookie and token and are private:
a shared cache must not hand one member's answer to another.
"""

from functools import wraps

from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)


def conditional(run):
    @wraps(run)
    def answer(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie", "Authorization"))
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        patch_cache_control(response, private=True, no_cache=True)
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return answer
