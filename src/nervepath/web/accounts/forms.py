"""Forms of the accounts pages; errors appear next to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from nervepath.web.accounts.models import Invitation


def find_invitation(raw: str) -> Invitation:
    """The usable invitation with this code (case and spaces ignored), else a ValidationError."""
    code = raw.replace(" ", "").replace("-", "").upper()
    invitation = Invitation.objects.filter(code=code).first()
    if invitation is None or not invitation.is_usable():
        raise forms.ValidationError(
            _("This code is not valid or has expired. Ask your clinician for a new one.")
        )
    return invitation


class SignupForm(UserCreationForm):  # type: ignore[type-arg]
    """A patient's sign-up. Whether the name is taken is told only once everything else is right:
    a form with another mistake gets the same answer whether or not the name exists, and the view
    counts each refusal against the client's address (``signup_throttle``)."""

    display_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Used for reminders and to reset your password."))
    invitation = forms.CharField(
        label=_("Clinician code (optional)"),
        required=False,
        max_length=20,
        help_text=_("If your clinician gave you a code, enter it to share your diary with them."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_invitation(self) -> Invitation | None:
        raw = self.cleaned_data.get("invitation", "").strip()
        return find_invitation(raw) if raw else None

    def clean_username(self) -> str:
        # Not UserCreationForm's look-up here: _post_clean does it last, after the password checks.
        username: str = self.cleaned_data["username"]
        return username

    def validate_unique(self) -> None:
        """Nothing here: ModelForm would say "already exists" next to any other mistake."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # the password rules run here (not in the stubs)
        name = self.cleaned_data.get("username")
        if not self.errors and name and User.objects.filter(username__iexact=name).exists():
            self.add_error("username", _("This name is taken. Please choose another."))


class LinkForm(forms.Form):
    code = forms.CharField(label=_("Clinician code"), max_length=20)

    def clean_code(self) -> Invitation:
        return find_invitation(self.cleaned_data["code"])


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[("en", "English"), ("es", "Español")])
    reminder_time = forms.TimeField(
        label=_("Daily diary reminder at (leave empty for none)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordConfirmForm(forms.Form):
    """Asks for the signed-in person's password again before an action that cannot be undone."""

    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class RevokeForm(forms.Form):
    clinician = forms.IntegerField(widget=forms.HiddenInput)
