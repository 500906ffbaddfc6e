"""The WSGI application, for a production server: ``gunicorn nervepath.web.wsgi:application``.

Each worker warms its caches and freezes them out of the garbage collector before it serves
(see ``nervepath.web.warmup``).
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nervepath.web.settings")
application = get_wsgi_application()

from nervepath.web.warmup import warm_up  # noqa: E402 - needs the configured Django above

warm_up()
