"""Choices of the pages' forms. The diary's vocabularies (qualities, triggers, regions) are data:
``data/diary/fields.yaml``, read by ``forms.DiaryForm``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SCALE = [(str(n), str(n)) for n in range(11)]

STOP_REASONS = [
    ("ineffective", _("Not helping enough")),
    ("side_effects", _("Side effects")),
    ("other", _("Other reason")),
]
