"""Non-drug and interventional options for one patient: non-drug options are always offered; an
interventional option waits behind its gate (``data/clinical/nondrug.yaml``) until its criteria are met."""

from __future__ import annotations

from nervepath.clinical.catalogue import Gate, NonDrug
from nervepath.clinical.option import Option
from nervepath.clinical.profile import Profile
from nervepath.clinical.statuses import OptionStatus


def nondrug_option(item: NonDrug, profile: Profile, first_line_failed: bool) -> Option:
    option = Option(
        id=item.id,
        name=item.name,
        kind=item.kind.value,
        line=None,
        status=OptionStatus.recommended,
        why=[item.why],
        sources=list(item.sources),
    )
    if item.gate is None:
        return option
    missing = _gate_gaps(item.gate, profile, first_line_failed)
    option.status = OptionStatus.not_yet if missing else OptionStatus.recommended
    option.why.append(
        "Not yet: " + "; ".join(missing) + "." if missing else "Criteria met: consider referral."
    )
    return option


def _gate_gaps(gate: Gate, profile: Profile, first_line_failed: bool) -> list[str]:
    gaps: list[str] = []
    if not first_line_failed:
        gaps.append("adequate trials of the first-line drug classes have not all failed")
    months = gate.duration_months_gte
    if months is not None and (profile.duration_months is None or profile.duration_months < months):
        gaps.append(f"pain for at least {months:g} months")
    if gate.nrs_gte is not None and (profile.nrs_average is None or profile.nrs_average < gate.nrs_gte):
        gaps.append(f"average pain at least {gate.nrs_gte}/10")
    return gaps
