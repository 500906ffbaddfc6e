"""The WSGI application, for a production server: ``gunicorn nervepath.web.wsgi:application``.

Each worker warms its caches and freezes them out of the garbage collector before it serves
(see ``nervepath.web.warmup``).
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from nervepath.private_files import use_private_umask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nervepath.web.settings")
use_private_umask()  # a database, -wal or -shm a worker creates is its owner's only
application = get_wsgi_application()

from nervepath.web.warmup import warm_up  # noqa: E402 - needs the configured Django above

warm_up()
