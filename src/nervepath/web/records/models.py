"""The records of a patient, held by the Django ORM (SQLite or PostgreSQL).

Integrity lives in the database itself: foreign keys, CHECK constraints on every 0-10 score,
one diary day per patient per date, one running trial and one current medication of a drug per
patient. The services validate first so a person gets a message naming the field; the constraints
are the last line for anything that bypasses them, and the only one that holds against two
writers racing (the services turn that refusal into a Conflict, ``records/uniqueness.py``).
Rows that can change carry ``updated_at`` (for sync); a trial carries ``version`` (optimistic locking).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import pgettext_lazy


def _score_0_10(field: str, table: str, *, nullable: bool = False) -> models.CheckConstraint:
    in_range = Q(**{f"{field}__gte": 0, f"{field}__lte": 10})
    condition = in_range | Q(**{f"{field}__isnull": True}) if nullable else in_range
    return models.CheckConstraint(condition=condition, name=f"{table}_{field}_0_10")


ONE_CURRENT_MEDICATION = "medication_one_current_per_drug"
ONE_RUNNING_TRIAL = "trial_one_running_per_drug"


def _one_unstopped_per_drug(name: str) -> models.UniqueConstraint:
    # A partial unique index: any number of stopped rows of a drug, at most one without a stop date.
    return models.UniqueConstraint(
        fields=["patient", "drug_id"], condition=Q(stop_date__isnull=True), name=name
    )


class Sex(models.TextChoices):
    female = "female"
    male = "male"
    other = "other"
    unknown = "unknown"


class Patient(models.Model):
    display_name = models.CharField(max_length=200)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.unknown)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="patient"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.display_name} (#{self.pk})"


class Clinician(models.Model):
    display_name = models.CharField(max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="clinician"
    )
    patients = models.ManyToManyField(Patient, through="CareLink", related_name="clinicians")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class CareLink(models.Model):
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["clinician", "patient"], name="carelink_unique"),)


class DiaryDay(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="diary_days")
    date = models.DateField()
    pain_average = models.PositiveSmallIntegerField()
    pain_worst = models.PositiveSmallIntegerField(null=True, blank=True)
    sleep_interference = models.PositiveSmallIntegerField(null=True, blank=True)
    mood = models.PositiveSmallIntegerField(null=True, blank=True)
    activity = models.PositiveSmallIntegerField(null=True, blank=True)
    sitting_hours = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    qualities = models.JSONField(default=list, blank=True)
    triggers = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("date",)
        constraints = (
            models.UniqueConstraint(fields=["patient", "date"], name="diaryday_one_per_patient_per_date"),
            _score_0_10("pain_average", "diaryday"),
            _score_0_10("pain_worst", "diaryday", nullable=True),
            _score_0_10("sleep_interference", "diaryday", nullable=True),
            _score_0_10("mood", "diaryday", nullable=True),
            _score_0_10("activity", "diaryday", nullable=True),
            models.CheckConstraint(
                condition=Q(sitting_hours__isnull=True) | Q(sitting_hours__gte=0, sitting_hours__lte=24),
                name="diaryday_sitting_hours_0_24",
            ),
        )


class DeletedDiaryDay(models.Model):
    """A diary day the patient deleted, kept so the deletion can be undone (``records.diary``).

    ``values`` holds the day as it was stored: its fields, its regions' pain and its moments. The
    day itself is gone from the diary, so no reader (charts, outcomes, exports, the API) sees it.
    Only the last deletion of a date is kept, and only for ``records.diary.UNDO_DAYS`` days.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="deleted_diary_days")
    date = models.DateField()
    day_id = models.BigIntegerField()  # the deleted row's id: an undo gives the day its id back
    values = models.JSONField()
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ("date",)
        constraints = (
            models.UniqueConstraint(fields=["patient", "date"], name="deleteddiaryday_one_per_date"),
        )


class RegionPain(models.Model):
    day = models.ForeignKey(DiaryDay, on_delete=models.CASCADE, related_name="regions")
    region_id = models.CharField(max_length=64)
    pain = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("region_id",)
        constraints = (
            models.UniqueConstraint(fields=["day", "region_id"], name="regionpain_one_per_region"),
            _score_0_10("pain", "regionpain"),
        )


class EventKind(models.TextChoices):
    flare = "flare"
    side_effect = "side_effect"
    dose_taken = "dose_taken"
    other = "other"


class DiaryEvent(models.Model):
    day = models.ForeignKey(DiaryDay, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = (
            "at",
            "pk",
        )
        constraints = (_score_0_10("severity", "diaryevent", nullable=True),)


class Condition(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="conditions")
    condition_id = models.CharField(max_length=64)
    onset_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("condition_id",)
        constraints = (models.UniqueConstraint(fields=["patient", "condition_id"], name="condition_unique"),)


class Medication(models.Model):
    """A medicine the patient takes outside a tracked trial (co-medication, or before nervepath)."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="medications")
    drug_id = models.CharField(max_length=64)
    daily_dose = models.FloatField()
    unit = models.CharField(max_length=32, default="mg")
    start_date = models.DateField(null=True, blank=True)
    stop_date = models.DateField(null=True, blank=True)
    # The prescribing checks of the row's dose when it was added or changed (records/medications.py).
    checks = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = (
            "drug_id",
            "pk",
        )
        constraints = (
            models.CheckConstraint(condition=Q(daily_dose__gt=0), name="medication_daily_dose_positive"),
            models.CheckConstraint(
                condition=Q(stop_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(stop_date__gte=F("start_date")),
                name="medication_stop_after_start",
            ),
            _one_unstopped_per_drug(ONE_CURRENT_MEDICATION),
        )


class MedicationTaken(models.Model):
    """Adherence: how many of the planned doses of one drug were taken on one day."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="adherence")
    drug_id = models.CharField(max_length=64)
    date = models.DateField()
    doses_planned = models.PositiveSmallIntegerField()
    doses_taken = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = (
            "date",
            "drug_id",
        )
        constraints = (
            models.UniqueConstraint(fields=["patient", "drug_id", "date"], name="medicationtaken_unique"),
        )


class QuestionnaireResponse(models.Model):
    """Answers and the engine's verdict on them, written once by ``questionnaires.record_questionnaire``.

    Everything that shows or reasons about a result reads ``score``, ``band``, ``subscores``,
    ``flags`` and ``complete`` from here; nothing scores the stored answers again. ``score`` is
    null only for a row written before migration 0006 whose answers the engine rejects.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="questionnaires")
    instrument_id = models.CharField(max_length=64)
    answers = models.JSONField()
    score = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=64, blank=True, default="")
    subscores = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True)
    complete = models.BooleanField(default=True)
    taken_at = models.DateTimeField()

    class Meta:
        ordering = (
            "taken_at",
            "pk",
        )
        # The latest answer per patient and instrument (attention list, case building) is an index scan.
        indexes = (models.Index(fields=["patient", "instrument_id", "taken_at"], name="response_latest_idx"),)


class StopReason(models.TextChoices):
    ineffective = "ineffective"
    side_effects = "side_effects"
    other = "other"


class Trial(models.Model):
    """One treatment trial of one drug: doses in DoseStep, decisions in TrialDecision."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="trials")
    drug_id = models.CharField(max_length=64)
    start_date = models.DateField()
    stop_date = models.DateField(null=True, blank=True)
    stop_reason = models.CharField(max_length=20, choices=StopReason.choices, blank=True, default="")
    review_date = models.DateField(null=True, blank=True)
    side_effects = models.JSONField(default=list, blank=True)
    # The prescribing checks of its start and of each dose change (records/checks.py, record_checks).
    checks = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = (
            "start_date",
            "pk",
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(stop_date__isnull=True) | Q(stop_date__gte=F("start_date")),
                name="trial_stop_after_start",
            ),
            models.CheckConstraint(
                condition=Q(stop_date__isnull=True, stop_reason="")
                | Q(stop_date__isnull=False) & ~Q(stop_reason=""),
                name="trial_stop_has_reason",
            ),
            _one_unstopped_per_drug(ONE_RUNNING_TRIAL),
        )


class DoseStep(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="doses")
    date = models.DateField()
    daily_mg = models.FloatField()

    class Meta:
        ordering = ("date",)
        constraints = (
            models.UniqueConstraint(fields=["trial", "date"], name="dosestep_one_per_date"),
            models.CheckConstraint(condition=Q(daily_mg__gt=0), name="dosestep_daily_mg_positive"),
        )


class Decision(models.TextChoices):
    continue_ = "continue"
    increase = "increase"
    add = "add"
    switch = "switch"
    stop = "stop"


class TrialDecision(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="decisions")
    date = models.DateField()
    decision = models.CharField(max_length=10, choices=Decision.choices)
    author = models.CharField(max_length=200, blank=True, default="")
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = (
            "date",
            "pk",
        )


class CarePlanStatus(models.TextChoices):
    # The FHIR CarePlan activity statuses we use, so export and import map one to one.
    not_started = "not-started", pgettext_lazy("care plan status", "Not started")
    in_progress = "in-progress", pgettext_lazy("care plan status", "In progress")
    completed = "completed", pgettext_lazy("care plan status", "Completed")
    cancelled = "cancelled", pgettext_lazy("care plan status", "Cancelled")


class CarePlanItem(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="care_plan")
    kind = models.CharField(max_length=20)
    item_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=20, choices=CarePlanStatus.choices, default=CarePlanStatus.not_started
    )
    note = models.TextField(blank=True, default="")
    due_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)


class ClinicalSituation(models.Model):
    """What ``assess`` needs beyond the other records: one row per patient, every field optional.

    Field names follow the case format (contracts/case-format.md) with the section as a prefix
    (``pain_etiology`` is ``pain.etiology``); ``age`` is used only when the birth date is unknown.
    Every change increments ``version`` (optimistic locking, as for a trial).
    """

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="situation")
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    weight_kg = models.FloatField(null=True, blank=True)
    serum_creatinine_mg_dl = models.FloatField(null=True, blank=True)
    pregnant = models.BooleanField(null=True, blank=True)
    lactating = models.BooleanField(null=True, blank=True)
    height_cm = models.FloatField(null=True, blank=True)
    hla_b_1502 = models.CharField(max_length=10, blank=True, default="")
    hla_risk_ancestry = models.BooleanField(null=True, blank=True)
    alcohol_units_per_week = models.FloatField(null=True, blank=True)
    pain_duration_months = models.FloatField(null=True, blank=True)
    pain_etiology = models.CharField(max_length=64, blank=True, default="")
    pain_distribution_plausible = models.BooleanField(null=True, blank=True)
    pain_localized = models.BooleanField(null=True, blank=True)
    pain_distal_symmetric = models.BooleanField(null=True, blank=True)
    pain_nrs_average = models.PositiveSmallIntegerField(null=True, blank=True)
    sensory_signs_in_painful_area = models.BooleanField(null=True, blank=True)
    tests_confirm_lesion = models.BooleanField(null=True, blank=True)
    tests_done = models.JSONField(default=list, blank=True)
    red_flag_findings = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            _score_0_10("pain_nrs_average", "situation", nullable=True),
            models.CheckConstraint(
                condition=Q(hla_b_1502__in=["", "positive", "negative"]), name="situation_hla_b_1502_values"
            ),
        )


class FlagAcknowledgement(models.Model):
    """A clinician saw one of a patient's flags (``pages.attention``) and wrote why it can rest.

    ``flag`` is the flag's key (``suicide_risk``, ``progressive_weakness``, ``no_diary``,
    ``non_response_<trial>_<version>``). The flag stays hidden only while nothing newer than
    ``acknowledged_at`` raised it again (a new questionnaire, a changed clinical situation, a new
    diary day): the newest acknowledgement of a key is the one that counts; older ones are history.
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="flag_acknowledgements")
    flag = models.CharField(max_length=100)
    note = models.TextField()
    acknowledged_by = models.CharField(max_length=150)
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ("acknowledged_at", "pk")
        indexes = (models.Index(fields=["patient", "flag", "acknowledged_at"], name="flag_ack_latest_idx"),)
