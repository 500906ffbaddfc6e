"""The JSON API under ``/api/v1/`` (django-ninja): thin views over the records services.

``main.py`` builds the API; ``errors.py`` holds its one error shape and the one translation of
``nervepath.errors``; ``auth.py`` bearer tokens and session cookies; each other module one resource.
"""
