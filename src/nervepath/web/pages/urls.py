from __future__ import annotations

from django.urls import URLPattern, path

from nervepath.web.pages.views import (
    actions,
    check,
    clinic,
    home,
    learn,
    outcomes,
    patient,
    reports,
    situation,
    start,
)
from nervepath.web.transactions import atomic_unsafe, wrap_views

app_name = "pages"

urlpatterns: list[URLPattern] = [
    path("", home.home, name="home"),
    path("today/", patient.today_page, name="today"),
    path("today/delete/", patient.delete_day_view, name="delete_day"),
    path("today/restore/", patient.restore_day_view, name="restore_day"),
    path("today/first-steps/", start.first_steps_view, name="first_steps"),
    path("treatments/", patient.treatments_page, name="treatments"),
    path("treatments/chart.svg", patient.treatments_chart, name="treatments_chart"),
    path("plan/", patient.plan_page, name="plan"),
    path("plan.pdf", reports.plan_pdf, name="plan_pdf"),
    path("insights/", patient.insights_page, name="insights"),
    path("learn/", learn.learn_page, name="learn"),
    path("learn/<slug:entry_id>/", learn.entry_page, name="entry"),
    path("check/", check.check_list, name="check"),
    path("check/result/<int:response_id>/", check.check_result, name="check_result"),
    path("check/<slug:instrument_id>/", check.check_step, name="check_step"),
    path("clinic/", clinic.clinic_page, name="clinic"),
    path("clinic/outcomes/", outcomes.outcomes_page, name="outcomes"),
    path("clinic/patients/<int:patient_id>/", clinic.patient_page, name="patient"),
    path("clinic/patients/<int:patient_id>/chart.svg", clinic.patient_chart_svg, name="patient_chart"),
    path("clinic/patients/<int:patient_id>/trials/", actions.start_trial_view, name="start_trial"),
    path("clinic/patients/<int:patient_id>/assign/", actions.assign_view, name="assign"),
    path("clinic/patients/<int:patient_id>/acknowledge/", actions.acknowledge_view, name="acknowledge"),
    path("clinic/trials/<int:trial_id>/dose/", actions.dose_view, name="dose"),
    path("clinic/trials/<int:trial_id>/stop/", actions.stop_view, name="stop"),
    path("clinic/patients/<int:patient_id>/report.pdf", reports.clinician_report, name="clinician_report"),
    path("clinic/patients/<int:patient_id>/situation/", situation.situation_view, name="situation"),
    path("clinic/patients/<int:patient_id>/conditions/", situation.add_condition_view, name="add_condition"),
    path(
        "clinic/patients/<int:patient_id>/conditions/remove/",
        situation.remove_condition_view,
        name="remove_condition",
    ),
    path(
        "clinic/patients/<int:patient_id>/medications/", situation.add_medication_view, name="add_medication"
    ),
    path(
        "clinic/patients/<int:patient_id>/medications/stop/",
        situation.stop_medication_view,
        name="stop_medication",
    ),
]

# Every form submission on these pages is one transaction: the change and its audit event commit together.
wrap_views(urlpatterns, atomic_unsafe)
