"""Non-drug and interventional options for one patient: non-drug options are always offered; an
interventional option waits behind its gate (``data/clinical/nondrug.yaml``) until its criteria are met,
and is offered only for the causes of pain its evidence covers (``gate.etiologies``)."""

from __future__ import annotations

from nervepath.clinical.catalogue import Gate, NonDrug
from nervepath.clinical.option import Option
from nervepath.clinical.profile import Profile
from nervepath.clinical.statuses import OptionStatus

UNKNOWN = "unknown"
CAUSE_UNKNOWN = (
    "the cause of the pain is not known yet (the evidence for this option covers particular causes only)"
)


def nondrug_option(item: NonDrug, profile: Profile, first_line_failed: bool) -> Option:
    """One non-drug or interventional option with its status for this patient.

    Takes: the option's data, the patient profile and whether the first-line drug classes have all
    failed (or cannot be used). Returns: ``recommended`` without a gate; else ``not_recommended``
    for a known cause the evidence does not cover (the gate's plain reason first), ``not_yet`` while a
    criterion is missing (each named), and ``recommended`` once every criterion is met.
    Source: the sources named on the option (NICE TA159, NeuPSIG 2013 and 2025, EAN 2019, ...).
    """
    option = Option(
        id=item.id,
        name=item.name,
        kind=item.kind.value,
        line=None,
        status=OptionStatus.recommended,
        why=[item.why],
        sources=list(item.sources),
    )
    gate = item.gate
    if gate is None:
        return option
    if _outside_evidence(gate, profile):
        option.status = OptionStatus.not_recommended
        option.why.insert(0, str(gate.outside))
        return option
    missing = _gate_gaps(gate, profile, first_line_failed)
    option.status = OptionStatus.not_yet if missing else OptionStatus.recommended
    option.why.append(
        "Not yet: " + "; ".join(missing) + "." if missing else "Criteria met: consider referral."
    )
    return option


def _cause(profile: Profile) -> str:
    return profile.etiology or UNKNOWN


def _outside_evidence(gate: Gate, profile: Profile) -> bool:
    """A known cause of pain that the option's evidence does not cover."""
    cause = _cause(profile)
    return gate.etiologies is not None and cause != UNKNOWN and cause not in gate.etiologies


def _gate_gaps(gate: Gate, profile: Profile, first_line_failed: bool) -> list[str]:
    gaps: list[str] = []
    if gate.etiologies is not None and _cause(profile) not in gate.etiologies:
        gaps.append(CAUSE_UNKNOWN)
    if not first_line_failed:
        gaps.append("adequate trials of the first-line drug classes have not all failed")
    months = gate.duration_months_gte
    if months is not None and (profile.duration_months is None or profile.duration_months < months):
        gaps.append(f"pain for at least {months:g} months")
    if gate.nrs_gte is not None and (profile.nrs_average is None or profile.nrs_average < gate.nrs_gte):
        gaps.append(f"average pain at least {gate.nrs_gte}/10")
    return gaps
