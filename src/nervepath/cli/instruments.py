"""`nervepath score` and `nervepath screen`: score answers given as JSON, or ask a questionnaire
one question at a time. Both call the one scoring engine and explain the result from its data file;
`screen --patient` stores the result in the patient's record as the web questionnaire page does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.prompt import Prompt

from nervepath.cli.output import Format, FormatOption, console, emit
from nervepath.cli.records import operator, patient
from nervepath.errors import InvalidInput, NotFound
from nervepath.instruments import Instrument, Score, get_instrument, score
from nervepath.instruments.answers import expected_answer, read_answer
from nervepath.instruments.models import AnswerKind, Item
from nervepath.instruments.scoring import band_by_id
from nervepath.sources import get_source

if TYPE_CHECKING:
    from nervepath.web.records.models import Patient

InstrumentArgument = typer.Argument(..., help="Instrument id, e.g. dn4, lanss, paindetect, phq9, peg.")
AnswersOption = typer.Option(
    ..., "--answers", help='Answers as JSON: {"item_id": answer} or a list in item order; or @file.json.'
)
PatientOption = typer.Option(
    None, "--patient", help="patient id: store the result in this patient's record", show_default=False
)
BACK, HELP = "b", "?"


def register(app: typer.Typer) -> None:
    """Add the `score` and `screen` commands to the app."""
    app.command("score")(score_command)
    app.command("screen")(screen_command)


def score_command(
    instrument: str = InstrumentArgument, answers: str = AnswersOption, fmt: Format = FormatOption
) -> None:
    """Score a questionnaire from answers given as JSON."""
    inst = get_instrument(instrument.strip())
    result = score(inst.id, parse_answers(answers))
    emit(result.to_dict(), fmt, lambda _: show_result(inst, result))


def screen_command(
    instrument: str = InstrumentArgument, patient_id: int | None = PatientOption, fmt: Format = FormatOption
) -> None:
    """Answer a questionnaire interactively, one question at a time ('b' goes back, '?' helps).

    With --patient, the result is stored in that patient's record, as the web questionnaire page stores it.
    """
    inst = get_instrument(instrument.strip())
    who = None if patient_id is None else _stored_patient(patient_id)
    console.print(
        f"[bold]{escape(inst.name)}[/]\n{escape(inst.description)}\nRecall: {escape(inst.recall_period)}"
    )
    answers = ask_all(inst)
    result = score(inst.id, answers)
    data = result.to_dict()
    if who is not None:
        data["response_id"] = _store_response(who, inst.id, answers)
    emit(data, fmt, lambda _: _show_screened(inst, result, who))


def _stored_patient(patient_id: int) -> Patient:
    try:
        return patient(patient_id)
    except NotFound:
        raise InvalidInput(
            "--patient", patient_id, "the id of a stored patient (nervepath patient list)"
        ) from None


def _store_response(who: Patient, instrument_id: str, answers: dict[str, Any]) -> int:
    """Store scored ``answers`` in ``who``'s record as the web questionnaire page does: the same
    writer and the same audit event, committed together. Returns the stored response's id."""
    from nervepath.web.application.questionnaires import record_questionnaire

    return int(record_questionnaire(operator(), who, instrument_id, answers).pk)


def _show_screened(inst: Instrument, result: Score, who: Patient | None) -> None:
    show_result(inst, result)
    if who is not None:
        console.print(f"saved to patient {who.pk}'s record")


def parse_answers(text: str) -> Any:
    """The answers of ``--answers``: a JSON document, or ``@path`` to a JSON file."""
    if text.startswith("@"):
        try:
            text = Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput("--answers", text, f"a readable JSON file ({exc.strerror})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("--answers", text, f"valid JSON ({exc.msg} at character {exc.pos})") from exc


def ask_all(inst: Instrument) -> dict[str, Any]:
    """Ask every item in order; 'b' steps back one item. Returns answers by item id, without the
    skipped ones (as the web questionnaire page keeps them)."""
    answers: dict[str, Any] = {}
    index = 0
    while index < len(inst.items):
        item = inst.items[index]
        reply = ask_one(inst, item, index)
        if reply is BACK:
            index = max(0, index - 1)
            continue
        answers[item.id] = reply
        index += 1
    return {item_id: answer for item_id, answer in answers.items() if answer is not None}


def ask_one(inst: Instrument, item: Item, index: int) -> Any:
    """Ask one item until the reply is valid; returns the answer, None (skipped) or BACK."""
    console.print(f"\n[bold]Question {index + 1}/{len(inst.items)}[/] {escape(item.text)}")
    for option in inst.answer_set(item).options_for_display():
        console.print(f"  {_key(inst, item, option.value)}  {escape(option.label)}")
    while True:
        text = _prompt().strip()
        if text.lower() == BACK:
            return BACK
        if text == HELP:
            _show_help(inst, item)
            continue
        if not text and not item.required:
            return None
        try:
            answer = _from_text(inst, item, text)
            read_answer(inst, item, answer)
        except InvalidInput as exc:
            console.print(f"[red]{escape(exc.expected)}[/] — type ? for help")
            continue
        return answer


def _prompt() -> str:
    try:
        return Prompt.ask("answer", console=console)
    except EOFError:
        raise InvalidInput("answers", None, "an answer to every question (the input ended early)") from None


def _key(inst: Instrument, item: Item, value: int) -> str:
    if inst.answer_set(item).kind is AnswerKind.yes_no:
        return "y" if value else "n"
    return str(value)


def _from_text(inst: Instrument, item: Item, text: str) -> Any:
    if inst.answer_set(item).kind is AnswerKind.yes_no:
        return {"y": True, "yes": True, "n": False, "no": False}.get(text.lower(), text)
    try:
        return int(text)
    except ValueError:
        return text


def _show_help(inst: Instrument, item: Item) -> None:
    if item.help:
        console.print(escape(item.help))
    expected = expected_answer(inst, item)
    if inst.answer_set(item).kind is AnswerKind.yes_no:
        expected = "y (yes) or n (no)"
    console.print(f"Answer with {escape(expected)}. Type b to go back one question.")
    if not item.required:
        console.print("This question is not scored; press Enter to skip it.")


def show_result(inst: Instrument, result: Score) -> None:
    """Render a score for people: total, band meaning, what a screen means, flags, sources."""
    console.print(
        f"\n[bold]{escape(inst.short_name)}[/]: {_number(result.score)} (range {result.min}-{result.max})"
    )
    band = band_by_id(inst, result.band)
    if band is not None:
        console.print(f"[bold]{escape(band.label)}[/] — {escape(band.meaning)}")
    for name, value in result.subscores.items():
        console.print(f"  {escape(name)}: {_number(value)}")
    _show_screen_meaning(inst, result)
    for flag in [f for f in inst.flags if f.id in result.flags]:
        console.print(f"[bold red]{escape(flag.id)}[/]: {escape(flag.meaning)}")
    citations = " ".join(get_source(s).cited() for s in inst.sources)
    console.print(f"[dim]Sources: {escape(citations)}[/]")


def _show_screen_meaning(inst: Instrument, result: Score) -> None:
    if inst.screen is None:
        return
    if result.positive is not False:
        console.print(f"A positive screen means: {escape(inst.screen.positive_means)}")
    if result.positive is not True:
        console.print(f"A negative screen means: {escape(inst.screen.negative_means)}")
    console.print("A screen is not a diagnosis: a clinician decides, using history, examination and tests.")


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, int) else f"{value:.2f}".rstrip("0").rstrip(".")
