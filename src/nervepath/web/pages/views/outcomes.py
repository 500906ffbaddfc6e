"""The clinic outcomes view: responder rates by drug class and by etiology, with Wilson 95 % CIs.

The outcomes of every trial come from ``nervepath.web.pages.cohort`` (a few queries for the whole
clinic); the rates and intervals from the pure ``nervepath.outcomes.clinic``.

Computing them reads every trial's diary windows, so its time grows with the clinic. The tables are
therefore kept as a snapshot (``OutcomesSnapshot``) keyed by what they depend on: the patients in
view, the state of their trials and their etiologies, and the day. A started, changed or stopped
trial, another patient or a new day gives a new key and a fresh computation; new diary days alone
are counted at the next day's first view, or at once with "Recompute now". The page says when its
figures were computed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nervepath.clinical.drugs import load_drugs
from nervepath.clinical.vocabulary import Vocabulary, label
from nervepath.errors import UnknownIdentifier
from nervepath.outcomes import TrialOutcome
from nervepath.outcomes.clinic import Proportion, responder_rates
from nervepath.web.accounts.permissions import patients_for_user
from nervepath.web.pages.cohort import outcomes_by_patient
from nervepath.web.pages.models import OutcomesSnapshot
from nervepath.web.pages.views.clinic import require_care_team
from nervepath.web.records.models import ClinicalSituation, Patient, Trial
from nervepath.web.records.validation import today

UNKNOWN = "unknown"


@dataclass(frozen=True)
class RateRow:
    group: str  # the drug class or etiology id; ``label`` is its name in the page's language
    rate: Proportion
    label: str = ""


def _rows(rates: dict[Any, Proportion]) -> list[RateRow]:
    return [RateRow(str(key), rate) for key, rate in sorted(rates.items())]


def clinic_outcomes(patients: QuerySet[Patient]) -> dict[str, Any]:
    """Responder rates by drug class and by etiology (the situation's, else ``unknown``), computed now.

    Returns ``{"by_class": [RateRow], "by_etiology": [RateRow], "trials": n}`` (n: trials looked at).
    """
    found = outcomes_by_patient(patients, today())
    etiology = dict(
        ClinicalSituation.objects.filter(patient__in=patients).values_list("patient_id", "pain_etiology")
    )
    drugs = load_drugs()
    pairs = [(pid, o) for pid, outcomes in found.items() for o in outcomes]
    return {
        "by_class": _rows(responder_rates(_keyed(pairs, lambda pid, o: drugs[o.trial.drug].drug_class))),
        "by_etiology": _rows(responder_rates(_keyed(pairs, lambda pid, o: etiology.get(pid) or UNKNOWN))),
        "trials": len(pairs),
    }


def snapshot_key(patients: QuerySet[Patient]) -> str:
    """What the tables depend on, in three aggregate queries: patients, trials, etiologies, day."""
    everyone = not patients.query.has_filters()  # an admin's view of the whole clinic
    if everyone:
        # Patient ids only grow, so the count and the largest id tell whether the set changed,
        # without reading thousands of ids.
        members: object = patients.aggregate(n=Count("pk"), last=Max("pk"))
    else:
        members = list(patients.order_by("pk").values_list("pk", flat=True))
    state = [members, today().isoformat()]
    for model in (Trial, ClinicalSituation):
        rows = model.objects.all() if everyone else model.objects.filter(patient__in=patients)
        totals = rows.aggregate(n=Count("pk"), versions=Sum("version"), changed=Max("updated_at"))
        state.append(sorted(totals.items()))
    return hashlib.sha256(repr(state).encode()).hexdigest()


def outcomes_snapshot(patients: QuerySet[Patient], recompute: bool = False) -> OutcomesSnapshot:
    """The stored tables for this state of ``patients``, computed and stored first when missing."""
    key = snapshot_key(patients)
    stored = None if recompute else OutcomesSnapshot.objects.filter(key=key).first()
    if stored is not None:
        return stored
    found = clinic_outcomes(patients)
    tables = {name: [asdict(row) for row in found[name]] for name in ("by_class", "by_etiology")}
    snapshot = OutcomesSnapshot(key=key, computed_at=timezone.now(), trials=found["trials"], tables=tables)
    OutcomesSnapshot.objects.filter(key=key).delete()
    # Another worker may store the same key at the same moment; either row holds the same tables.
    OutcomesSnapshot.objects.bulk_create([snapshot], ignore_conflicts=True)
    OutcomesSnapshot.objects.filter(computed_at__lt=snapshot.computed_at - timedelta(days=2)).delete()
    return snapshot


def _stored_rows(snapshot: OutcomesSnapshot) -> tuple[list[RateRow], list[RateRow]] | None:
    """The two tables of a snapshot, or None when they were stored in a shape this release does not read."""
    language = get_language()
    try:
        by_class, by_etiology = (
            [
                RateRow(row["group"], Proportion(**row["rate"]), label(kind, row["group"], language))
                for row in snapshot.tables[name]
            ]
            for name, kind in (("by_class", Vocabulary.drug_class), ("by_etiology", Vocabulary.etiology))
        )
    except (KeyError, TypeError, UnknownIdentifier):  # an older release stored the groups as words
        return None
    return by_class, by_etiology


def _keyed(pairs: list[tuple[int, TrialOutcome]], key: Any) -> list[tuple[Hashable, Any]]:
    return [(key(pid, outcome), outcome.response) for pid, outcome in pairs]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcomes_page(request: HttpRequest) -> HttpResponse:
    """GET: the tables (from the snapshot); POST: compute them again now, then show them."""
    require_care_team(request)
    patients = patients_for_user(request.user)
    if request.method == "POST":
        outcomes_snapshot(patients, recompute=True)
        return redirect("pages:outcomes")
    snapshot = outcomes_snapshot(patients)
    found = _stored_rows(snapshot)
    if found is None:  # stored by an older release in another shape: compute them again
        snapshot = outcomes_snapshot(patients, recompute=True)
        found = _stored_rows(snapshot)
    if found is None:
        raise RuntimeError("freshly computed outcome tables do not read back")
    by_class, by_etiology = found
    tables = [(_("By drug class"), by_class), (_("By etiology"), by_etiology)]
    context = {"tables": tables, "by_class": by_class, "by_etiology": by_etiology, "snapshot": snapshot}
    return render(request, "pages/outcomes.html", context)
