"""Words a patient picks from in the diary. Quality ids match the knowledge base's symptom entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

QUALITIES = [
    ("burning_pain", _("Burning")),
    ("electric_shock_pain", _("Electric shocks")),
    ("stabbing_pain", _("Stabbing")),
    ("tingling", _("Tingling")),
    ("pins_and_needles", _("Pins and needles")),
    ("numbness", _("Numbness")),
    ("painful_cold", _("Painful cold")),
    ("allodynia", _("Pain from light touch")),
]

TRIGGERS = [
    ("cold", _("Cold")),
    ("heat", _("Heat")),
    ("touch", _("Touch or clothing")),
    ("walking", _("Walking")),
    ("sitting", _("Sitting long")),
    ("stress", _("Stress")),
    ("poor_sleep", _("Poor sleep")),
    ("night", _("Night time")),
]

SCALE = [(str(n), str(n)) for n in range(11)]

STOP_REASONS = [
    ("ineffective", _("Not helping enough")),
    ("side_effects", _("Side effects")),
    ("other", _("Other reason")),
]
