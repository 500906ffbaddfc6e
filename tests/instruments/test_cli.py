"""`nervepath score` and `nervepath screen` from the outside: JSON shape, exit codes, prompts, Ctrl-C."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from nervepath.cli import instruments as instruments_cli
from nervepath.cli.main import app
from tests.examples import DN4_EXAMPLE

runner = CliRunner()


def test_it_prints_the_contract_json_for_score() -> None:
    result = runner.invoke(app, ["score", "phq9", "--answers", "[1,1,0,2,0,1,0,0,0]", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"instrument": "phq9", "score": 5, "max": 27, "band": "mild"}


def test_it_reads_answers_from_a_file(tmp_path: Path) -> None:
    file = tmp_path / "dn4.json"
    file.write_text(json.dumps(DN4_EXAMPLE), encoding="utf-8")
    result = runner.invoke(app, ["score", "dn4", "--answers", f"@{file}", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["score"], data["max"], data["positive"], data["band"]) == (4, 10, True, "likely")


def test_it_explains_a_score_for_people() -> None:
    result = runner.invoke(app, ["score", "dn4", "--answers", json.dumps(DN4_EXAMPLE)])
    assert result.exit_code == 0
    assert "Neuropathic pain likely" in result.stdout
    assert "not a diagnosis" in result.stdout
    assert "Bouhassira" in result.stdout


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["score", "dn4", "--answers", '{"burning": "yes"}'], "answers.burning"),
        (["score", "dn4", "--answers", '{"burning": true}'], "answers.painful_cold"),
        (["score", "phq9", "--answers", "[1,1,0,2,0,1,0,0,4]"], "answers.self_harm"),
        (["score", "phq9", "--answers", '{"mood": 1, "sadness": 2}'], "answers.sadness"),
        (["score", "dn5", "--answers", "[]"], "instrument"),
        (["score", "dn4", "--answers", "{burning"], "--answers"),
        (["score", "dn4", "--answers", "@/no/such/file.json"], "--answers"),
    ],
)
def test_it_exits_2_naming_the_field_on_bad_input(args: list[str], field: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"{field}:" in result.stderr
    assert "Traceback" not in result.output


def test_it_screens_one_question_at_a_time_with_back_and_help() -> None:
    keys = ["y", "n", "?", "y", "b", "y", "y", "y", "maybe", "n", "n", "n", "n", "n", "n"]
    result = runner.invoke(app, ["screen", "dn4", "--format", "json"], input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    assert "Question 1/10" in result.stdout
    assert "Type b to go back" in result.stdout
    assert "true or false" in result.stdout
    document = result.stdout[result.stdout.index("{") :]
    assert json.loads(document) == {
        "instrument": "dn4",
        "score": 4,
        "max": 10,
        "positive": True,
        "band": "likely",
        "subscores": {"interview": 4, "examination": 0},
    }


def test_it_screens_choice_items_by_value_or_code_and_explains_flags() -> None:
    keys = ["0", "not_at_all", "0", "0", "0", "0", "0", "5", "0", "1"]
    result = runner.invoke(app, ["screen", "phq9"], input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    assert "one of 0 (not_at_all)" in result.stdout
    assert "PHQ-9: 1 (range 0-27)" in result.stdout
    assert "suicide_risk" in result.stdout


def test_it_lets_unscored_questions_be_skipped() -> None:
    keys = ["5", "4", "2", "", "1", "0", "", "3", "3", "0", "7", "8"]
    result = runner.invoke(app, ["screen", "npsi", "--format", "json"], input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout[result.stdout.index("{") :])["score"] == 33


def test_it_exits_2_when_the_input_ends_early() -> None:
    result = runner.invoke(app, ["screen", "gad7"], input="1\n2\n")
    assert result.exit_code == 2
    assert "answers:" in result.stderr


@pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not on PATH (Debian package tmux), so no real terminal to drive",
)
def test_it_screens_in_a_real_terminal_under_tmux(tmp_path: Path) -> None:
    session = f"nervepath-screen-{tmp_path.name}"
    command = f"{Path(sys.executable).parent / 'nervepath'} screen dn4_interview; sleep 30"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "50", command], check=True)
    try:
        for sent, key in enumerate(["y", "y", "b", "n", "y", "y", "n", "n", "n"]):
            _wait_for(session, lambda pane, n=sent: pane.count("answer:") > n)
            subprocess.run(["tmux", "send-keys", "-t", session, key, "Enter"], check=True)
        screen = _wait_for(session, lambda pane: "Sources:" in pane)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert "Question 7/7" in screen
    assert "DN4-interview: 3 (range 0-7)" in screen
    assert "Neuropathic pain likely" in screen


def _wait_for(session: str, ready: Callable[[str], bool], timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    pane = ""
    while time.monotonic() < deadline:
        capture = ["tmux", "capture-pane", "-p", "-t", session, "-S", "-500"]
        pane = subprocess.run(capture, capture_output=True, text=True, check=True).stdout
        if ready(pane):
            return pane
        time.sleep(0.1)
    raise AssertionError(f"the tmux pane did not reach the expected state:\n{pane}")


def _until_ctrl_c() -> str:
    raise KeyboardInterrupt


def _click_prompt_ended_by(error: type[BaseException]) -> Callable[[], str]:
    def prompt() -> str:
        try:
            raise error
        except error:  # what click's prompt does with Ctrl-C and with the end of the input
            raise typer.Abort() from None

    return prompt


def test_it_ends_on_a_fresh_line_with_exit_code_130_on_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instruments_cli, "_prompt", _until_ctrl_c)
    result = runner.invoke(app, ["screen", "dn4"])
    assert result.exit_code == 130
    assert "Question 1/10" in result.stdout
    assert result.stderr == "\n"


def test_it_treats_ctrl_c_in_a_click_prompt_as_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instruments_cli, "_prompt", _click_prompt_ended_by(KeyboardInterrupt))
    result = runner.invoke(app, ["screen", "dn4"])
    assert result.exit_code == 130
    assert result.stderr == "\n"


def test_it_leaves_a_click_prompt_ended_by_the_input_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instruments_cli, "_prompt", _click_prompt_ended_by(EOFError))
    result = runner.invoke(app, ["screen", "dn4"])
    assert result.exit_code == 1
    assert "Aborted" in result.stderr


def test_it_stops_a_real_screen_on_sigint_with_a_newline_and_exit_code_130(tmp_path: Path) -> None:
    console_script = Path(sys.executable).parent / "nervepath"
    terminal, child_end = pty.openpty()
    proc = subprocess.Popen(
        [str(console_script), "--home", str(tmp_path), "screen", "dn4"],
        stdin=child_end,
        stdout=child_end,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
    )
    os.close(child_end)
    try:
        shown = _read_until(terminal, b"answer: ")
        assert _interrupt(proc) == 130
        shown += _read_until(terminal, None)
        errors = proc.stderr.read() if proc.stderr else b""
    finally:
        proc.kill()
        # Reaped here: a Popen left running warns when collected, failing whichever test runs the collector.
        proc.wait(timeout=30)
        os.close(terminal)
        if proc.stderr:
            proc.stderr.close()
    assert b"Question 1/10" in shown
    assert errors == b"\n"
    assert b"Traceback" not in shown + errors
    assert b"Aborted" not in shown + errors


def _interrupt(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> int:
    """Send SIGINT until the program ends; its exit code.

    CPython acts on a signal between two bytecodes: one that lands after the prompt is printed but
    before ``input()`` blocks waits until a line is entered. A person presses Ctrl-C while the
    program waits, so a signal that found it not yet waiting is sent again.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc.send_signal(signal.SIGINT)
        try:
            return proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            continue
    raise AssertionError("the program did not end on SIGINT")


def _read_until(terminal: int, marker: bytes | None, timeout: float = 20.0) -> bytes:
    """What the program wrote to its terminal until ``marker`` (None: until it closed), within ``timeout``."""
    deadline = time.monotonic() + timeout
    seen = b""
    while marker is None or marker not in seen:
        if time.monotonic() > deadline:
            if marker is None:
                return seen
            raise AssertionError(f"the program did not print {marker!r}:\n{seen.decode(errors='replace')}")
        if select.select([terminal], [], [], 0.1)[0]:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the program closed its end of the terminal
                chunk = b""
            if not chunk:
                return seen
            seen += chunk
    return seen
