"""`nervepath learn`: the JSON shapes of the CLI contract, readable human output, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app

runner = CliRunner()


def learn(*args: str):
    return runner.invoke(app, ["learn", *args])


def test_it_returns_entries_with_ids_titles_text_and_sources_as_json():
    result = learn("burning feet", "--format", "json")
    assert result.exit_code == 0
    results = json.loads(result.stdout)["results"]
    assert results[0]["id"] == "burning_pain"
    for hit in results:
        assert {"id", "title", "summary", "text", "sources"} <= hit.keys()
        assert hit["sources"]


def test_it_limits_the_number_of_results():
    result = learn("pain", "--limit", "2", "--format", "json")
    assert len(json.loads(result.stdout)["results"]) == 2


def test_it_shows_one_entry_as_json_with_the_contract_keys():
    result = learn("--id", "postherpetic_neuralgia", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data)[:6] == ["id", "title", "text", "clinician_note", "related", "sources"]
    assert "shingles" in data["related"]
    assert {c["id"] for c in data["citations"]} >= set(data["sources"])
    assert any(c["code"] == "B02.29" and c["confirmed"] for c in data["codes"])


def test_it_shows_search_results_for_people_without_raw_source_ids():
    result = learn("phantom")
    assert result.exit_code == 0
    assert "Phantom limb pain after amputation" in result.stdout
    assert "limakatso_2020" not in result.stdout
    assert "sources" in result.stdout


def test_it_shows_one_entry_for_people_with_citations_and_codes_to_check_in_words():
    result = learn("--id", "thyroid_problems")
    assert result.exit_code == 0
    assert "For clinicians" in result.stdout
    assert "E03.9" in result.stdout
    assert "not found in a published code list" in " ".join(result.stdout.split())
    assert "MSD Manual" in result.stdout
    assert "unconfirmed" not in result.stdout
    assert "msd_polyneuropathy" not in result.stdout


def test_it_answers_no_match_with_an_empty_list_and_suggestions():
    result = learn("tenz", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["results"] == []
    assert data["suggestions"][0]["id"] == "tens"


def test_it_says_no_match_to_people_and_suggests_entries():
    result = learn("tenz")
    assert result.exit_code == 0
    assert "No match" in result.stdout
    assert "--id tens" in result.stdout


def test_it_names_id_and_suggests_close_ids_for_an_unknown_id():
    result = learn("--id", "shingle")
    assert result.exit_code == 2
    assert "--id" in result.stderr
    assert "shingles" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [[""], ["   "], []])
def test_it_rejects_an_empty_query_naming_the_field(args):
    result = learn(*args)
    assert result.exit_code == 2
    assert "QUERY" in result.stderr


def test_it_rejects_a_query_together_with_an_id():
    result = learn("burning", "--id", "burning_pain")
    assert result.exit_code == 2
    assert "--id" in result.stderr


def test_it_rejects_a_limit_below_one():
    result = learn("burning", "--limit", "0")
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def _at(width: int, *args: str) -> list[str]:
    result = runner.invoke(app, ["learn", *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    return result.stdout.splitlines()


def test_it_keeps_the_indent_of_wrapped_result_lines_at_80_columns():
    lines = _at(80, "burning feet")
    hits = json.loads(learn("burning feet", "--format", "json").stdout)["results"]
    assert max(len(line) for line in lines) <= 80
    titles = [i for i, line in enumerate(lines) if line[:1].isdigit()]
    assert len(titles) == len(hits)
    body = [line for i, line in enumerate(lines[: titles[-1]]) if i not in titles]
    assert body
    assert all(line.startswith("    ") for line in body)
    flowing = " ".join(" ".join(lines).split())
    assert all(hit["summary"] in flowing for hit in hits)


def test_it_hangs_wrapped_citations_under_their_text_at_80_columns():
    lines = _at(80, "--id", "burning_pain")
    assert max(len(line) for line in lines) <= 80
    sources = lines[lines.index("Sources") + 1 :]
    assert sources[0].startswith("  [1] ")
    continued = [line for line in sources if not line.startswith("  [")]
    assert continued
    assert all(line.startswith("      ") for line in continued)
