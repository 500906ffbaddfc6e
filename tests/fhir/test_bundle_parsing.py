"""A bundle's text is parsed with limits before anything reads it: depth, NaN/Infinity, NUL, shape."""

from __future__ import annotations

import pytest

from nervepath.errors import InvalidInput
from nervepath.fhir.bundle import MAX_DEPTH, parse_bundle


def test_it_parses_an_ordinary_bundle() -> None:
    assert parse_bundle('{"resourceType": "Bundle", "entry": []}', "body") == {
        "resourceType": "Bundle",
        "entry": [],
    }


@pytest.mark.parametrize("levels", [100_000, 2_000])
def test_it_refuses_json_nested_far_too_deep_before_reading_it(levels: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_bundle('{"a": ' + "[" * levels + "]" * levels + "}", "body")
    assert refused.value.field == "body"
    assert f"at most {MAX_DEPTH} levels" in refused.value.expected


def test_it_accepts_the_deepest_nesting_allowed_and_refuses_one_more() -> None:
    def nested(levels: int) -> str:  # the outer object is the first level
        return '{"a": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"

    assert parse_bundle(nested(MAX_DEPTH), "FILE")
    with pytest.raises(InvalidInput):
        parse_bundle(nested(MAX_DEPTH + 1), "FILE")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_it_refuses_numbers_that_are_not_json(constant: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_bundle('{"dose": ' + constant + "}", "FILE")
    assert (refused.value.field, refused.value.value) == ("FILE", constant)


def test_it_refuses_the_nul_character_anywhere() -> None:
    for text in ('{"note": "a\\u0000b"}', '{"a\\u0000": 1}', '{"list": [["\\u0000"]]}'):
        with pytest.raises(InvalidInput) as refused:
            parse_bundle(text, "body")
        assert "NUL" in refused.value.expected


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '"Bundle"', "{"])
def test_it_refuses_what_is_not_a_json_object(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_bundle(text, "body")
    assert refused.value.field == "body"
