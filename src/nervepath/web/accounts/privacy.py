"""A patient's rights (their data, who looked at it, revoking, deleting) and the admins' audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nervepath.errors import NotFound
from nervepath.web.accounts import rights
from nervepath.web.accounts.audit import audit
from nervepath.web.accounts.forms import PasswordConfirmForm, RevokeForm
from nervepath.web.accounts.models import AuditAction, AuditEvent
from nervepath.web.accounts.permissions import get_own_patient
from nervepath.web.accounts.roles import Role, role_of
from nervepath.web.http import SignedInRequest

PAGE_SIZE = 50


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    clinicians = patient.clinicians.order_by("display_name")
    return render(request, "accounts/my_data.html", {"patient": patient, "clinicians": clinicians})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    archive = rights.export_archive(patient)
    audit(request, AuditAction.read, patient, "export")
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="nervepath-my-record.zip"'
    return response


@login_required
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose a clinician from the list."), status=400, content_type="text/plain")
    try:
        name = rights.revoke_clinician(request, patient, form.cleaned_data["clinician"])
    except NotFound:
        raise Http404("no such clinician among yours") from None
    messages.success(request, _("%(name)s can no longer see your records.") % {"name": name})
    return redirect("accounts:my_data")


@login_required
def delete_account(request: SignedInRequest) -> HttpResponse:
    patient = get_own_patient(request.user)
    form = PasswordConfirmForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        rights.delete_account(request, patient)
        logout(request)
        messages.success(request, _("Your account and all your records are deleted."))
        return redirect("pages:home")
    status = 400 if form.errors else 200
    return render(request, "accounts/delete_account.html", {"form": form}, status=status)


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Who looked at my record: every audit event of the patient's own record, newest first."""
    patient = get_own_patient(request.user)
    events = AuditEvent.objects.filter(patient_id=patient.pk)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/access_log.html", {"page": page})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Admins: the whole audit log, optionally for one patient id or one username."""
    if role_of(request.user) is not Role.admin:
        raise Http404("this page is for admins")
    events = AuditEvent.objects.all()
    if request.GET.get("patient", "").isdigit():
        events = events.filter(patient_id=int(request.GET["patient"]))
    if request.GET.get("user"):
        events = events.filter(username=request.GET["user"][:150])
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page})
