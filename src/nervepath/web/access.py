"""Who may reach each URL of the project: one rule per URL name, checked by a pure function.

The views enforce access themselves (through ``accounts/permissions.py``); this table is the
written-down intent, and ``tests/web/test_access_matrix.py`` requests every URL as every persona
and fails when a view disagrees with its rule, or when a URL has no rule at all.

Rules:

=====================  ===================================================================
public                 anyone, signed in or not
authenticated          anyone signed in
patient_only           signed-in patients (their own pages; no patient id in the URL)
clinician_only         signed-in clinicians (their own clinic tools), not admins
care_team_only         clinicians and admins (no patient id in the URL)
care_team              whoever may see the patient in the URL: the patient, a linked clinician, an admin
treating_clinician     a linked clinician or an admin, not the patient themself
admin_only             admins (staff)
nobody                 answers 404 to everyone (ninja's API root outside DEBUG)
=====================  ===================================================================
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from nervepath.web.accounts.roles import Role


class Rule(enum.StrEnum):
    public = "public"
    authenticated = "authenticated"
    patient_only = "patient_only"
    clinician_only = "clinician_only"
    care_team_only = "care_team_only"
    care_team = "care_team"
    treating_clinician = "treating_clinician"
    admin_only = "admin_only"
    nobody = "nobody"


_CARE_TEAM = frozenset({Role.clinician, Role.admin})

RULES: dict[str, Rule] = {
    # Pages
    "pages:home": Rule.public,
    "pages:learn": Rule.public,
    "pages:entry": Rule.public,
    "pages:today": Rule.patient_only,
    "pages:delete_day": Rule.patient_only,
    "pages:restore_day": Rule.patient_only,
    "pages:first_steps": Rule.patient_only,
    "pages:treatments": Rule.patient_only,
    "pages:treatments_chart": Rule.patient_only,
    "pages:plan": Rule.patient_only,
    "pages:insights": Rule.patient_only,
    "pages:check": Rule.patient_only,
    "pages:check_step": Rule.patient_only,
    "pages:check_result": Rule.care_team,
    "pages:clinic": Rule.care_team_only,
    "pages:patient": Rule.treating_clinician,
    "pages:patient_chart": Rule.treating_clinician,
    "pages:start_trial": Rule.treating_clinician,
    "pages:assign": Rule.treating_clinician,
    "pages:dose": Rule.treating_clinician,
    "pages:stop": Rule.treating_clinician,
    "pages:acknowledge": Rule.treating_clinician,
    "pages:plan_pdf": Rule.patient_only,
    "pages:clinician_report": Rule.treating_clinician,
    "pages:situation": Rule.treating_clinician,
    "pages:add_condition": Rule.treating_clinician,
    "pages:remove_condition": Rule.treating_clinician,
    "pages:add_medication": Rule.treating_clinician,
    "pages:stop_medication": Rule.treating_clinician,
    # Accounts and language
    "accounts:login": Rule.public,
    "accounts:logout": Rule.public,
    "accounts:signup": Rule.public,
    "accounts:password_reset": Rule.public,
    "accounts:password_reset_done": Rule.public,
    "accounts:password_reset_confirm": Rule.public,
    "accounts:password_reset_complete": Rule.public,
    "accounts:link": Rule.patient_only,
    "accounts:preferences": Rule.authenticated,
    "accounts:invitations": Rule.clinician_only,
    "accounts:new_invitation": Rule.clinician_only,
    "accounts:two_factor_verify": Rule.public,
    "accounts:two_factor": Rule.care_team_only,
    "accounts:my_data": Rule.patient_only,
    "accounts:export": Rule.patient_only,
    "accounts:revoke": Rule.patient_only,
    "accounts:delete_account": Rule.patient_only,
    "accounts:access_log": Rule.patient_only,
    "accounts:audit_log": Rule.admin_only,
    "set_language": Rule.public,
    # API
    "api:api-root": Rule.nobody,
    "api:openapi-json": Rule.public,
    "api:openapi-view": Rule.public,
    "api:me": Rule.authenticated,
    "api:patient_list": Rule.authenticated,
    "api:patient": Rule.care_team,
    "api:diary_list": Rule.care_team,
    "api:diary_write": Rule.care_team,
    "api:diary_delete": Rule.care_team,
    "api:diary_restore": Rule.care_team,
    "api:questionnaire_list": Rule.care_team,
    "api:questionnaire_create": Rule.care_team,
    "api:questionnaire": Rule.care_team,
    "api:trial_list": Rule.care_team,
    "api:trial_start": Rule.treating_clinician,
    "api:trial": Rule.care_team,
    "api:trial_dose": Rule.treating_clinician,
    "api:trial_stop": Rule.treating_clinician,
    "api:trial_decide": Rule.treating_clinician,
    "api:condition_list": Rule.care_team,
    "api:medication_list": Rule.care_team,
    "api:care_plan": Rule.care_team,
    "api:fhir_export": Rule.care_team,
    "api:fhir_import": Rule.care_team_only,
    "api:assess": Rule.authenticated,
    "api:knowledge_search": Rule.authenticated,
    # Clinic scale
    "pages:outcomes": Rule.care_team_only,
    "health": Rule.public,
    # API: writes to the record, the clinical situation and the assessment of the stored record
    "api:condition_add": Rule.treating_clinician,
    "api:condition_remove": Rule.treating_clinician,
    "api:medication_add": Rule.treating_clinician,
    "api:medication_dose": Rule.treating_clinician,
    "api:medication_stop": Rule.treating_clinician,
    "api:care_plan_add": Rule.treating_clinician,
    "api:care_plan_status": Rule.treating_clinician,
    "api:situation": Rule.care_team,
    "api:insights": Rule.care_team,
    "api:situation_set": Rule.treating_clinician,
    "api:patient_assess": Rule.treating_clinician,
}


def allowed(rule: Rule, role: Role, sees_patient: bool) -> bool:
    """Whether a user with ``role`` passes ``rule``; ``sees_patient``: the URL's patient is theirs to see."""
    checks = {
        Rule.public: True,
        Rule.authenticated: role is not Role.none,
        Rule.patient_only: role is Role.patient,
        Rule.clinician_only: role is Role.clinician,
        Rule.care_team_only: role in _CARE_TEAM,
        Rule.care_team: sees_patient,
        Rule.treating_clinician: sees_patient and role in _CARE_TEAM,
        Rule.admin_only: role is Role.admin,
        Rule.nobody: False,
    }
    return checks[rule]


def rule_for(url_name: str) -> Rule:
    """The rule of a URL name; a URL without a rule is an error, never silently public."""
    try:
        return RULES[url_name]
    except KeyError:
        raise LookupError(f"{url_name}: no access rule; add one to nervepath/web/access.py") from None


def missing_rules(url_names: Iterable[str]) -> list[str]:
    """URL names that have no rule in the table."""
    return sorted(set(url_names) - set(RULES))


def stale_rules(url_names: Iterable[str]) -> list[str]:
    """Rules naming URLs that no longer exist."""
    return sorted(set(RULES) - set(url_names))
