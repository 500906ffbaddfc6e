from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import URLPattern, path, reverse_lazy

from nervepath.web.accounts import privacy, signin, views
from nervepath.web.transactions import atomic_unsafe, wrap_views

app_name = "accounts"

_reset_done = reverse_lazy("accounts:password_reset_done")
_reset_complete = reverse_lazy("accounts:password_reset_complete")

urlpatterns: list[URLPattern] = [
    path("login/", signin.LoginView.as_view(), name="login"),
    path("login/code/", signin.two_factor_verify, name="two_factor_verify"),
    path("two-factor/", signin.two_factor_settings, name="two_factor"),
    path("my-data/", privacy.my_data, name="my_data"),
    path("my-data/export/", privacy.export, name="export"),
    path("my-data/revoke/", privacy.revoke, name="revoke"),
    path("my-data/delete/", privacy.delete_account, name="delete_account"),
    path("my-data/access-log/", privacy.access_log, name="access_log"),
    path("audit-log/", privacy.audit_log, name="audit_log"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("link/", views.link, name="link"),
    path("settings/", views.preferences, name="preferences"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/new/", views.new_invitation, name="new_invitation"),
    path(
        "password-reset/",
        auth.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=_reset_done,
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html", success_url=_reset_complete
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

# Every form submission on these pages is one transaction: the change and its audit event commit together.
wrap_views(urlpatterns, atomic_unsafe)
