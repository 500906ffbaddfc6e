"""The Django project: settings, the records app (the one persistence layer), and later pages and the API.

Only this package imports Django. The CLI reaches it through :mod:`nervepath.web.bootstrap`.
"""
