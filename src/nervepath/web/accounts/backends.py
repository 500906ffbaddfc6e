"""Django's model backend, loading the signed-in user together with the rows that decide the role
and its second factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from nervepath.web.accounts.roles import USER_ROWS
from nervepath.web.accounts.twofactor import with_second_factor_flags


class RoleAwareModelBackend(ModelBackend):
    """One query per request for the session's user, its Clinician and its Patient row (else three),
    and whether it has a second factor or must have one (``SecondFactorMiddleware`` reads these)."""

    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager.select_related(*USER_ROWS).filter(pk=user_id)
        user = with_second_factor_flags(users).first()
        return user if user is not None and self.user_can_authenticate(user) else None
