"""gunicorn settings for nervepath in production: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be overridden from the environment (GUNICORN_*), so one file serves every machine.
"""

import multiprocessing
import os

wsgi_app = "nervepath.web.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each request does short database work, so CPU, not I/O waiting, is the limit.
# 2 x cores + 1 (gunicorn's rule of thumb) keeps every core busy while one worker waits on the
# database or the network.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
# A PDF report is the slowest request (well under 10 s); 30 s kills only a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# The path without its query string and no Referer (which holds a whole URL): a query can carry what
# a patient searched for. The app's X-Request-ID ties a line to the app's own log lines.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s" %({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The load balancer / reverse proxy in front terminates TLS and sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
