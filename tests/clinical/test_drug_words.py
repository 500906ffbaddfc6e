"""A drug's internal ``note`` is never part of what people read; a drug the guidelines advise against
says why in its own field."""

from __future__ import annotations

import pytest

from nervepath.clinical.drugs import DrugFile, load_drugs
from nervepath.datafiles import validate
from nervepath.errors import DataFileError

NSAID = {"id": "nsaid", "name": "NSAID", "drug_class": "nsaid", "role": "treatment", "sources": ["x_2015"]}


def test_it_requires_the_reason_people_read_for_a_drug_advised_against() -> None:
    with pytest.raises(DataFileError):
        validate(
            DrugFile, [{**NSAID, "not_recommended": True, "note": "seen via a summary"}], "clinical/t.yaml"
        )


def test_it_gives_a_reason_only_with_not_recommended() -> None:
    with pytest.raises(DataFileError):
        validate(DrugFile, [{**NSAID, "why_not_recommended": "No evidence for it here."}], "clinical/t.yaml")


@pytest.mark.parametrize("drug", [d for d in load_drugs().values() if d.not_recommended], ids=lambda d: d.id)
def test_it_keeps_every_reason_free_of_internal_remarks(drug) -> None:
    assert drug.why_not_recommended
    assert not any(
        word in drug.why_not_recommended for word in ("C2", "unconfirmed", "not opened", "seen via")
    )
