"""The application layer: one function per use case, the only door through which records change.

Pages, the API, the command line and the importers call these functions and nothing else that writes
(an import contract in pyproject.toml keeps it so). Each use case

- takes the acting ``Actor`` first (``actor(request)`` on the web, ``operator()`` at the command line),
- validates its input with the same validators whatever the entry point (``records.validation``),
- writes through the storage functions of ``nervepath.web.records``,
- appends its audit event, and
- owns its transaction: the change and its event commit together or not at all.

    pages | api | cli | importers  ->  application  ->  records (storage), accounts.audit  ->  core

Reads that the shells need from a record's module are re-exported by that use case's module, so a
shell imports one module per kind of record.
"""
