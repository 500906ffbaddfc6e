from __future__ import annotations

from django.urls import URLPattern, path

from nervepath.web.pages.views import actions, check, clinic, home, learn, patient

app_name = "pages"

urlpatterns: list[URLPattern] = [
    path("", home.home, name="home"),
    path("today/", patient.today_page, name="today"),
    path("treatments/", patient.treatments_page, name="treatments"),
    path("plan/", patient.plan_page, name="plan"),
    path("learn/", learn.learn_page, name="learn"),
    path("learn/<slug:entry_id>/", learn.entry_page, name="entry"),
    path("check/", check.check_list, name="check"),
    path("check/result/<int:response_id>/", check.check_result, name="check_result"),
    path("check/<slug:instrument_id>/", check.check_step, name="check_step"),
    path("clinic/", clinic.clinic_page, name="clinic"),
    path("clinic/patients/<int:patient_id>/", clinic.patient_page, name="patient"),
    path("clinic/patients/<int:patient_id>/trials/", actions.start_trial_view, name="start_trial"),
    path("clinic/patients/<int:patient_id>/assign/", actions.assign_view, name="assign"),
    path("clinic/trials/<int:trial_id>/dose/", actions.dose_view, name="dose"),
    path("clinic/trials/<int:trial_id>/stop/", actions.stop_view, name="stop"),
]
