"""nervepath's own settings with one more route: the bare baseline of ``bench_api``.

The same server, middleware and database settings as the app; only the URL configuration adds
``/bench/bare`` (``benchmarks.baseline_urls``), so the no-op API call can be set against plain Django.
"""

from nervepath.web.settings import *  # noqa: F403 - the app's settings, unchanged

ROOT_URLCONF = "benchmarks.baseline_urls"
