"""`nervepath patient add|list|assess` and `patient condition|medication|situation ...`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from rich.table import Table

from nervepath.cli.output import Format, FormatOption, OverrideOption, console, emit, print_checks
from nervepath.cli.records import database, operator, patient
from nervepath.clinical.vocabulary import recorded_condition
from nervepath.reports import labels

patient_app = typer.Typer(help="Patients whose records nervepath keeps.", no_args_is_help=True)
condition_app = typer.Typer(help="Conditions (history and comorbidity).", no_args_is_help=True)
medication_app = typer.Typer(help="Current medications outside a trial.", no_args_is_help=True)
situation_app = typer.Typer(help="What assess needs: body, pain, findings.", no_args_is_help=True)
patient_app.add_typer(condition_app, name="condition")
patient_app.add_typer(medication_app, name="medication")
patient_app.add_typer(situation_app, name="situation")

PatientOption = typer.Option(..., "--patient", help="patient id")
TestsDoneOption = typer.Option(None, "--test-done", help="a work-up test already done (repeat)")
RedFlagOption = typer.Option(None, "--red-flag", help="a red-flag finding (repeat)")
ClearOption = typer.Option(None, "--clear", help="a field to forget, e.g. pain_etiology (repeat)")


def _say(message: str) -> Any:
    return lambda _: console.print(message)


@patient_app.command("add")
def add(
    name: str = typer.Option(..., "--name", help="display name"),
    birth_date: str | None = typer.Option(None, "--birth-date", help="YYYY-MM-DD"),
    sex: str | None = typer.Option(None, "--sex", help="female, male, other or unknown"),
    fmt: Format = FormatOption,
) -> None:
    """Add a patient."""
    database()
    from nervepath.web.application.patients import add_patient

    created = add_patient(operator(), name, birth_date, sex)
    emit({"id": created.pk}, fmt, _say(f"added patient {created.pk}: {created.display_name}"))


@patient_app.command("list")
def list_(fmt: Format = FormatOption) -> None:
    """List the patients."""
    database()
    from nervepath.web.application.patients import list_patients

    rows = [{"id": p.pk, "name": p.display_name} for p in list_patients()]
    emit({"patients": rows}, fmt, _table)


def _table(data: dict[str, Any]) -> None:
    table = Table("id", "name")
    for row in data["patients"]:
        table.add_row(str(row["id"]), row["name"])
    console.print(table if data["patients"] else "no patients yet: nervepath patient add --name NAME")


@patient_app.command("assess")
def assess(patient_id: int = PatientOption, fmt: Format = FormatOption) -> None:
    """Run the clinical pipeline (as `nervepath assess`) on the patient's stored records."""
    database()
    from nervepath.cli.assess import _render_assessment
    from nervepath.web.records.assessment import assess_patient

    emit(assess_patient(patient(patient_id)), fmt, _render_assessment)


@condition_app.command("add")
def condition_add(
    condition: str = typer.Argument(..., help="condition id, e.g. diabetes_type_2"),
    patient_id: int = PatientOption,
    onset: str | None = typer.Option(None, "--onset", help="onset date YYYY-MM-DD"),
    note: str = typer.Option("", "--note", help="free text"),
    fmt: Format = FormatOption,
) -> None:
    """Record a condition (adding it again updates onset and note)."""
    database()
    from nervepath.web.application.conditions import add_condition

    row, created = add_condition(operator(), patient(patient_id), condition, onset, note)
    data = {"condition": row.condition_id, "created": created}
    emit(data, fmt, _say(f"{'added' if created else 'updated'} {recorded_condition(row.condition_id, 'en')}"))


@condition_app.command("remove")
def condition_remove(
    condition: str = typer.Argument(..., help="condition id"),
    patient_id: int = PatientOption,
    fmt: Format = FormatOption,
) -> None:
    """Remove a recorded condition."""
    database()
    from nervepath.web.application.conditions import remove_condition

    remove_condition(operator(), patient(patient_id), condition)
    emit({"removed": condition}, fmt, _say(f"removed {recorded_condition(condition, 'en')}"))


@condition_app.command("list")
def condition_list(patient_id: int = PatientOption, fmt: Format = FormatOption) -> None:
    """List the patient's conditions."""
    database()
    from nervepath.web.application.conditions import list_conditions

    rows = [
        {"condition": c.condition_id, "onset_date": c.onset_date and c.onset_date.isoformat(), "note": c.note}
        for c in list_conditions(patient(patient_id))
    ]
    emit(
        {"conditions": rows},
        fmt,
        lambda d: console.print(
            ", ".join(recorded_condition(r["condition"], "en") for r in d["conditions"]) or "none"
        ),
    )


def _medication(medication_id: int) -> Any:
    database()
    from nervepath.web.application.medications import get_medication

    return get_medication(medication_id)


def _medication_dict(row: Any) -> dict[str, Any]:
    dates = {k: (getattr(row, k) and getattr(row, k).isoformat()) for k in ("start_date", "stop_date")}
    medication = {"id": row.pk, "drug": row.drug_id, "daily_dose": row.daily_dose, "unit": row.unit}
    return medication | dates | {"checks": row.checks}


def _dose_words(row: Any) -> str:
    """``Pregabalin 150 mg/day``, ``Fentanyl patch 12 mcg/h``: the catalogue name, not the drug id."""
    unit = "mcg/h" if row.unit == "mcg_per_h" else f"{row.unit}/day"
    return f"{labels.drug_name(row.drug_id)} {row.daily_dose:g} {unit}"


def _prescribed(message: str, checks: list[dict[str, Any]]) -> Callable[[Any], None]:
    """The success line, then the prescribing checks the medicine was written with."""

    def human(_: Any) -> None:
        console.print(message)
        print_checks(checks)

    return human


@medication_app.command("add")
def medication_add(
    patient_id: int = PatientOption,
    drug: str = typer.Option(..., "--drug", help="drug id, e.g. metformin"),
    daily_dose: str = typer.Option(
        ..., "--daily-dose", help="daily dose in the drug's unit (mg; mcg/h for patches)"
    ),
    start: str | None = typer.Option(None, "--start", help="start date YYYY-MM-DD"),
    override: str | None = OverrideOption,
    fmt: Format = FormatOption,
) -> None:
    """Record a medicine the patient takes (prescribing checks: exit 2 when one blocks)."""
    database()
    from nervepath.web.application.medications import add_medication

    row = add_medication(operator(), patient(patient_id), drug, daily_dose, start, override)
    emit(
        _medication_dict(row),
        fmt,
        _prescribed(f"added medication {row.pk}: {_dose_words(row)}", row.checks),
    )


@medication_app.command("dose")
def medication_dose(
    medication_id: int = typer.Option(..., "--medication", help="medication id"),
    daily_dose: str = typer.Option(..., "--daily-dose", help="new daily dose"),
    day: str | None = typer.Option(None, "--date", help="from YYYY-MM-DD (default today)"),
    override: str | None = OverrideOption,
    fmt: Format = FormatOption,
) -> None:
    """Change the daily dose of a current medication (prescribing checks as when adding it)."""
    database()
    from nervepath.web.application.medications import change_medication_dose

    row = change_medication_dose(operator(), _medication(medication_id), daily_dose, day, override)
    emit(
        _medication_dict(row),
        fmt,
        _prescribed(f"medication {row.pk}: {_dose_words(row)}", row.checks),
    )


@medication_app.command("stop")
def medication_stop(
    medication_id: int = typer.Option(..., "--medication", help="medication id"),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default today)"),
    fmt: Format = FormatOption,
) -> None:
    """Stop a current medication."""
    database()
    from nervepath.web.application.medications import stop_medication

    row = stop_medication(operator(), _medication(medication_id), day)
    emit(_medication_dict(row), fmt, _say(f"stopped {row.drug_id} on {row.stop_date}"))


@medication_app.command("list")
def medication_list(patient_id: int = PatientOption, fmt: Format = FormatOption) -> None:
    """List the current medications."""
    database()
    from nervepath.web.application.medications import current_medications

    medications = current_medications(patient(patient_id))
    rows = [_medication_dict(m) for m in medications]
    lines = [f"{m.pk}: {_dose_words(m)}" for m in medications]
    emit({"medications": rows}, fmt, _say("\n".join(lines) or "none"))


@situation_app.command("set")
def situation_set(
    patient_id: int = PatientOption,
    age: int | None = typer.Option(None, "--age", help="years (used only without a birth date)"),
    weight_kg: float | None = typer.Option(None, "--weight-kg"),
    creatinine: float | None = typer.Option(None, "--creatinine", help="serum creatinine, mg/dL"),
    pregnant: bool | None = typer.Option(None, "--pregnant/--not-pregnant"),
    hla: str | None = typer.Option(None, "--hla-b-1502", help="positive or negative"),
    alcohol: float | None = typer.Option(None, "--alcohol-units", help="units per week"),
    months: float | None = typer.Option(None, "--pain-months", help="how long the pain has lasted"),
    etiology: str | None = typer.Option(None, "--etiology", help="e.g. diabetic_polyneuropathy"),
    plausible: bool | None = typer.Option(None, "--distribution-plausible/--distribution-not-plausible"),
    localized: bool | None = typer.Option(None, "--localized/--not-localized"),
    nrs: int | None = typer.Option(None, "--nrs-average", help="average pain 0-10"),
    signs: bool | None = typer.Option(None, "--sensory-signs/--no-sensory-signs"),
    lesion: bool | None = typer.Option(None, "--lesion-confirmed/--lesion-not-confirmed"),
    tests_done: list[str] | None = TestsDoneOption,
    red_flags: list[str] | None = RedFlagOption,
    clear: list[str] | None = ClearOption,
    fmt: Format = FormatOption,
) -> None:
    """Set what is known; options not given keep their stored value."""
    database()
    from nervepath.web.application.situation import set_situation, situation_values

    given = {
        "age": age, "weight_kg": weight_kg, "serum_creatinine_mg_dl": creatinine, "pregnant": pregnant,
        "hla_b_1502": hla, "alcohol_units_per_week": alcohol, "pain_duration_months": months,
        "pain_etiology": etiology, "pain_distribution_plausible": plausible, "pain_localized": localized,
        "pain_nrs_average": nrs, "sensory_signs_in_painful_area": signs, "tests_confirm_lesion": lesion,
        "tests_done": tests_done or None, "red_flag_findings": red_flags or None,
    }  # fmt: skip
    changes = {k: v for k, v in given.items() if v is not None} | dict.fromkeys(clear or [])
    row = set_situation(operator(), patient(patient_id), changes)
    _show_situation(situation_values(row) | {"version": row.version}, fmt)


@situation_app.command("show")
def situation_show(patient_id: int = PatientOption, fmt: Format = FormatOption) -> None:
    """Show the recorded situation (empty fields are not known)."""
    database()
    from nervepath.web.application.situation import get_situation, situation_values

    row = get_situation(patient(patient_id))
    _show_situation(situation_values(row) | {"version": row.version if row else 0}, fmt)


def _show_situation(data: dict[str, Any], fmt: Format) -> None:
    def human(d: dict[str, Any]) -> None:
        known = {k: v for k, v in d.items() if v not in (None, []) and k != "version"}
        console.print("\n".join(f"{k}: {v}" for k, v in known.items()) or "nothing recorded yet")

    emit(data, fmt, human)


def register(app: typer.Typer) -> None:
    app.add_typer(patient_app, name="patient")
