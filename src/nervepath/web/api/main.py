"""The API object: version 1 under ``/api/v1/``, token or session auth on every operation,
the one error translation, every write in one transaction, interactive docs at ``/api/v1/docs``.
"""

from __future__ import annotations

from ninja import NinjaAPI

from nervepath.web.api import (
    care_plan,
    clinical,
    conditions,
    diary,
    errors,
    exchange,
    insights,
    medications,
    patients,
    questionnaires,
    situation,
    trials,
)
from nervepath.web.api.auth import AUTH
from nervepath.web.transactions import atomic_unsafe

api = NinjaAPI(
    title="nervepath API",
    version="1",
    urls_namespace="api",
    description="Neuropathic pain records for a patient and their clinician. See docs/api.md.",
    auth=AUTH,
    docs_url="/docs",
)
errors.install(api)
# Each write's own function in one transaction: its changes and audit events commit together.
api.add_decorator(atomic_unsafe)
for module in (
    patients,
    diary,
    questionnaires,
    trials,
    conditions,
    medications,
    care_plan,
    situation,
    exchange,
    clinical,
    insights,
):
    api.add_router("/", module.router)


def operation_methods() -> dict[str, str]:
    """URL name -> the HTTP method of that operation (the access-matrix test probes with it)."""
    found: dict[str, str] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                found[f"api:{operation.url_name}"] = operation.methods[0]
    return found
