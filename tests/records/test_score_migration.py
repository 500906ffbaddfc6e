"""Migration records 0006: every stored questionnaire response is scored again from its answers, so
the stored result can be the one truth (docs/decisions/0009-one-stored-score.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.examples import DN4_EXAMPLE as DN4

BEFORE = ("records", "0005_one_running_trial_one_current_medication")
RESCORED = ("records", "0006_questionnaire_scores")
TAKEN = datetime(2026, 1, 5, 9, tzinfo=UTC)


@pytest.fixture
def before_the_rescoring(transactional_db: None) -> Any:
    """The database as it was before 0006 (historical models), migrated forward afterwards."""
    MigrationExecutor(connection).migrate([BEFORE])
    yield MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _verdicts() -> dict[str, tuple[Any, ...]]:
    new = MigrationExecutor(connection).loader.project_state([RESCORED]).apps
    rows = new.get_model("records", "QuestionnaireResponse").objects.all()
    return {r.instrument_id: (r.answers, r.score, r.band, r.subscores, r.flags, r.complete) for r in rows}


def test_it_scores_every_stored_response_again_from_its_answers(
    before_the_rescoring: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    old = before_the_rescoring
    ann = old.get_model("records", "Patient").objects.create(display_name="Ann")
    create = old.get_model("records", "QuestionnaireResponse").objects.create
    # As the old FHIR import wrote them: the bundle's score and band, no flags.
    create(patient=ann, instrument_id="phq9", answers=[3] * 9, score=0, band="minimal", taken_at=TAKEN)
    create(patient=ann, instrument_id="dn4", answers=DN4, score=4, band="", taken_at=TAKEN)
    create(patient=ann, instrument_id="gad7", answers=[1, 9], score=10, band="moderate", taken_at=TAKEN)

    MigrationExecutor(connection).migrate([RESCORED])

    verdicts = _verdicts()
    assert verdicts["phq9"] == ([3] * 9, 27.0, "severe", {}, ["suicide_risk"], True)
    assert verdicts["dn4"][1:3] == (4.0, "likely")
    assert set(verdicts["dn4"][3]) == {"interview", "examination"}
    assert verdicts["gad7"] == ([1, 9], None, "", {}, [], True)  # answers kept, no result claimed
    said = capsys.readouterr().err
    assert "records 0006: scored 3 questionnaire response(s) again from their answers (1 of them left" in said


def test_it_changes_nothing_and_says_nothing_when_every_stored_result_is_right(
    before_the_rescoring: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    old = before_the_rescoring
    ann = old.get_model("records", "Patient").objects.create(display_name="Ann")
    old.get_model("records", "QuestionnaireResponse").objects.create(
        patient=ann, instrument_id="phq9", answers=[0] * 9, score=0, band="minimal", taken_at=TAKEN
    )

    MigrationExecutor(connection).migrate([RESCORED])

    assert _verdicts()["phq9"] == ([0] * 9, 0.0, "minimal", {}, [], True)
    assert "records 0006" not in capsys.readouterr().err
