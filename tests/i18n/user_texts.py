"""What people typed themselves, written in Spanish for the Spanish checks of the demo clinic.

A Spanish-speaking clinic writes its care plan and its diary notes in Spanish; the demo clinic writes
them in English. The checks for English on Spanish pages rewrite them first, so what they find is the
application's words or the data's, never a person's own.
"""

from __future__ import annotations

from nervepath.web.records import models as m

SPANISH_PLAN = {
    "physical_therapy": "Fisioterapia: seis sesiones y ejercicios en casa",
    "exercise": "Caminar casi todos los días, poco a poco",
    "sleep_routine": "Acostarse y levantarse a la misma hora",
    "psychological_therapy": "Curso para afrontar el dolor (en grupo)",
    "follow_up_visit": "Visita de control del ensayo",
}


def write_user_texts_in_spanish() -> None:
    """Care-plan titles and diary notes of every demo patient, in Spanish."""
    for item in m.CarePlanItem.objects.all():
        item.title = SPANISH_PLAN.get(item.item_id, "Plan de cuidados")
        item.save(update_fields=["title"])
    m.DiaryDay.objects.exclude(note="").update(note="Hoy fue un día difícil")
