"""Gunicorn settings for Front Door (docs/operations.md). Every value can be overridden by the
environment variable named beside it, so a council tunes the server without editing this file."""

import multiprocessing
import os

bind = os.environ.get("FRONTDOOR_BIND", "127.0.0.1:8000")
# Synchronous workers with threads: pages are short database-bound requests. Two workers per core
# plus one is gunicorn's own rule of thumb; threads let a worker overlap database waits.
workers = int(os.environ.get("FRONTDOOR_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("FRONTDOOR_THREADS", "4"))
worker_class = "gthread"
# Long work runs as a background job, so no request should take long.
timeout = int(os.environ.get("FRONTDOOR_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so a slow leak never builds up.
max_requests = int(os.environ.get("FRONTDOOR_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Front Door writes its own JSON request log (frontdoor.ops.middleware) with the request id and the
# user id; gunicorn's access log would repeat it with the query string, which can hold a name.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("FRONTDOOR_GUNICORN_LOG_LEVEL", "info")
# Behind the reverse proxy only: trust X-Forwarded-* from it alone.
forwarded_allow_ips = os.environ.get("FRONTDOOR_PROXY_IPS", "127.0.0.1")
wsgi_app = "frontdoor.wsgi:application"
