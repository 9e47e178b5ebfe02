"""gunicorn settings for Wijkwijs (read from the working directory: `gunicorn project.wsgi`).

Sized for a small server of 2 cores: 3 processes of 4 threads. A request mostly waits for
PostgreSQL or Elasticsearch, so threads keep the cores busy, and a process per core and one
spare keep serving while one is busy rendering. Each environment variable overrides.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # behind a proxy on the same host
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request taking longer is stuck: the worker is replaced (searches time out at 2 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30  # finish the requests in flight on a restart or deploy
# Idle connections stay open longer than a client waits between requests (a proxy's idle
# timeout, nginx 60 s; a person reading a page): closed after 5 s, a request sent as the
# server closed its connection met a reset (seen in bench/load.py with 2–5 s between clicks).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Replace a process now and then, so memory a long day of imports leaves cannot grow.
max_requests = 2000
max_requests_jitter = 200
# A request line (the address with its query) up to 8 KB, gunicorn's most, as a proxy
# such as nginx passes by default: beyond its default 4 KB, a pasted question with filters
# met gunicorn's own bare error page instead of the site's (the search clips the query).
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Who, what, status, size and the time taken (microseconds), for spotting slow pages.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s"'


def post_worker_init(worker):
    """Load views, templates and translations before the worker's first request
    (project/warm_up.py), not during its first answers."""
    from project.warm_up import warm_up

    warm_up()
