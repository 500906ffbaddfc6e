from nervepath.errors import DataFileError, InvalidInput, NervepathError, NotFound, UnknownIdentifier


def test_it_names_the_field_the_value_and_the_expectation():
    exc = InvalidInput("pain.nrs_average", 12, "an integer from 0 to 10")
    assert str(exc) == "pain.nrs_average: got 12, expected an integer from 0 to 10"
    assert exc.field == "pain.nrs_average"


def test_it_lists_known_ids_for_an_unknown_identifier():
    exc = UnknownIdentifier("drug", "gabapentine", ["pregabalin", "gabapentin"])
    assert isinstance(exc, InvalidInput)
    assert "gabapentin, pregabalin" in str(exc)
    assert exc.known == ["gabapentin", "pregabalin"]


def test_it_shortens_huge_values_in_messages():
    exc = InvalidInput("note", "x" * 500, "text")
    assert len(str(exc)) < 120


def test_it_roots_every_error_in_one_tree():
    for exc in (NotFound("patient", 3), DataFileError("a.yaml", "items.0.id", "a string")):
        assert isinstance(exc, NervepathError)
    assert str(DataFileError("a.yaml", "items.0.id", "a string")) == "a.yaml: items.0.id: expected a string"
