"""The contract examples (copied into nervepath/data/cases/) give their documented results, via the CLI, and
`assess --example NAME` / `--list-examples` run and list them."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from nervepath.cli.main import app

CASES = resources.files("nervepath").joinpath("data", "cases")


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def _assess(name: str) -> dict:
    with resources.as_file(CASES.joinpath(name)) as path:
        result = _run("assess", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _option(result: dict, option_id: str) -> dict:
    return next(o for o in result["options"] if o["id"] == option_id)


def test_it_gives_the_documented_results_for_dpn_on_oxycodone():
    result = _assess("dpn-on-oxycodone.json")
    assert result["screening"]["dn4"]["score"] == 4
    assert result["screening"]["dn4"]["positive"] is True
    assert result["screening"]["phq9"]["score"] == 5
    assert result["screening"]["phq9"]["band"] == "mild"
    assert result["grading"]["level"] == "probable"
    assert result["creatinine_clearance_ml_min"] == pytest.approx(47.0, abs=0.05)
    assert result["mme_per_day"] == 45
    assert "vitamin_b12" in [w["test"] for w in result["workup"]]
    assert _option(result, "pregabalin")["status"] == "tried_ineffective"
    gabapentin = _option(result, "gabapentin")
    assert gabapentin["max_daily_mg"] <= 1400
    assert "renal_dose_adjusted" in gabapentin["flags"]
    assert {"respiratory_depression", "cns_depressant_interaction"} & set(gabapentin["flags"])
    assert _option(result, "nsaid")["status"] == "not_recommended"
    assert result["urgent_referral"] is False
    assert result["mental_health"]["suicide_risk"] is False


def test_it_has_the_contract_duloxetine_entry():
    duloxetine = _option(_assess("dpn-on-oxycodone.json"), "duloxetine")
    expected = {
        "kind": "drug",
        "line": 1,
        "status": "recommended",
        "start": "30 mg once daily",
        "max_daily_mg": 120,
        "adequate_trial_weeks": 4,
        "flags": [],
    }
    assert {k: duloxetine[k] for k in expected} == expected
    assert "neupsig_2015" in duloxetine["sources"]


def test_it_starts_trigeminal_neuralgia_with_carbamazepine_or_oxcarbazepine():
    result = _assess("trigeminal-neuralgia.json")
    first = next(
        o for o in result["options"] if o["kind"] == "drug" and o["status"] in ("recommended", "caution")
    )
    assert first["id"] in ("carbamazepine", "oxcarbazepine")


def test_it_exits_2_naming_nrs_average_with_nothing_on_stdout():
    with resources.as_file(CASES.joinpath("bad-nrs.json")) as path:
        result = _run("assess", str(path), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nrs_average" in result.stderr


def test_it_reads_the_case_from_standard_input():
    text = CASES.joinpath("trigeminal-neuralgia.json").read_text(encoding="utf-8")
    result = _run("assess", "-", "--format", "json", stdin=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["creatinine_clearance_ml_min"] == pytest.approx(104.9)


@pytest.mark.parametrize(
    ("stdin", "needle"),
    [('{"patient": {"age": 50,', "line 1"), ('{"patient": {"agee": 50}}', "patient.agee"), ("[]", "case")],
)
def test_it_exits_2_on_bad_input_without_a_traceback(stdin, needle):
    result = _run("assess", "-", stdin=stdin)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_it_exits_2_for_a_missing_file():
    result = _run("assess", "/nonexistent/case.json")
    assert result.exit_code == 2
    assert "CASE.json" in result.stderr


def test_it_renders_red_flags_first_for_people():
    case = json.loads(CASES.joinpath("trigeminal-neuralgia.json").read_text(encoding="utf-8"))
    case["red_flag_findings"] = ["saddle_anesthesia"]
    result = _run("assess", "-", stdin=json.dumps(case))
    assert result.exit_code == 0
    assert result.stdout.lstrip().splitlines()[0].find("URGENT") >= 0


def test_it_lists_every_rule_with_reason_flag_and_source():
    result = _run("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)["rules"]
    ids = {r["id"] for r in rules}
    assert {"gabapentinoid_opioid", "tca_older_adult", "renal_table_gabapentin"} <= ids
    assert all({"id", "severity", "applies_to", "source", "reason"} <= set(r) for r in rules)


def test_it_runs_a_shipped_example_by_name():
    result = _run("assess", "--example", "dpn-on-oxycodone", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["mme_per_day"] == 45


def test_it_runs_the_bad_example_into_its_documented_error():
    result = _run("assess", "--example", "bad-nrs")
    assert result.exit_code == 2
    assert "nrs_average" in result.stderr


def test_it_lists_every_shipped_example_with_a_description():
    listed = json.loads(_run("assess", "--list-examples", "--format", "json").stdout)["examples"]
    shipped = {f.name.removesuffix(".json") for f in CASES.iterdir() if f.name.endswith(".json")}
    assert sorted(e["name"] for e in listed) == sorted(shipped)
    assert all(len(e["description"]) >= 10 for e in listed)
    human = _run("assess", "--list-examples").stdout
    assert all(e["name"] in human for e in listed)
    assert "nervepath assess --example NAME" in human


def test_it_exits_2_listing_the_valid_names_for_an_unknown_example():
    result = _run("assess", "--example", "dpn")
    assert result.exit_code == 2
    assert "--example" in result.stderr
    assert "dpn-on-oxycodone, trigeminal-neuralgia, bad-nrs" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ([], "CASE.json"),
        (["case.json", "--example", "bad-nrs"], "--example"),
        (["--list-examples", "--example", "bad-nrs"], "--list-examples"),
    ],
)
def test_it_wants_exactly_one_of_a_case_file_and_an_example(args, field):
    result = _run("assess", *args)
    assert result.exit_code == 2
    assert field in result.stderr
    assert "Traceback" not in result.output
