"""Finds English words left in a Spanish page, PDF or message.

A page in Spanish may hold English only where it says so: an element with ``lang="en"`` (a citation
of an English paper, a questionnaire's original items, the language switcher's "English"). Everything
else a person reads - text, and the ``alt``, ``title``, ``aria-label`` and ``placeholder`` they hear or
see - is checked against a list of common English words that are not also Spanish words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Frequent English words that are not Spanish words (so "no", "a", "me", "note", "use", "cause", "once",
# "red", "plan", "total", "normal", "test", "score", "doctor" and the like are left out on purpose).
ENGLISH = frozenset(
    """
    the and of with your you is are was were for not this that these those from by at on it its be been
    have has had or if when what which who how why will would can could should must may might do does did
    than then there their they them we our us my an all any some more most less after before each every
    only also about into over under between yes none unknown known likely unlikely possible
    definite confirmed recommended avoid caution stop start started stopped save delete edit add next last
    previous today yesterday week weeks day days month months year years pain worst average sleep mood
    activity dose doses daily trial trials review patient patients clinician clinicians treatment treatments
    medicine medicines drug drugs flag flags report questionnaire questionnaires sign out to up down new
    old see read help home settings name date notes nothing something answer answers question
    questions result results kidney heart liver blood pressure weakness numbness burning tingling shooting
    shocks left right leg legs hand hands foot feet high low moderate severe mild side effects effect take
    taking taken times twice night morning evening tablet tablets weekly monthly ongoing responding
    inadequate adequate effective ineffective relief better worse same change changed changes because
    first second third other others here where while without within just very much many few enter
    entered show hide shows open close cancel confirm back go went get got keep kept used using please
    thank thanks account password username email log logged share shared link linked data export download
    print page pages chart charts period baseline current currently since until due overdue missed done
    causes symptom symptoms overview management living understanding feel feels feeling still need
    needs ask asks give given make made know call visit visits walk weight height age female pregnant
    breastfeeding kidneys function clearance creatinine interaction interactions warning warnings limit
    maximum minimum step steps title status reason reasons never always again already yet both either
    whether such however well good bad little small large long short hour hours minute minutes time check
    checks screen screening grade grading lesion nerve nerves damage injury infection disease diseases
    medication medications progress completed cancelled pending talk someone feel improvement improved
    neuropathic minimal mild severe uncertain component origin mechanisms depressive anxiety follow
    whatever emergency now harming yourself thoughts mean means positive negative earlier think nearly
    half several any
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Names that stay as they are in every language (a questionnaire's published name).
PROPER_NAMES = ("ID Pain",)

_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
_SPOKEN = ("alt", "title", "aria-label", "placeholder", "aria-description")
_SKIPPED = {"script", "style", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def english_words(text: str) -> list[str]:
    """The English words of ``text`` (lower case, in order, repeats kept)."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return [word.lower() for word in _WORD.findall(text) if word.lower() in ENGLISH]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, English allowed inside)
        self.found: list[tuple[str, str]] = []  # (English word, the text it came from)

    def _allowed(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = (values.get("lang") or "").lower()
        allowed = self._allowed() or tag in _SKIPPED or lang.startswith("en")
        if lang.startswith("es"):
            allowed = tag in _SKIPPED
        if not allowed:
            for name in _SPOKEN:
                self._check(values.get(name) or "")
            if tag == "input" and (values.get("type") or "") in {"submit", "button"}:
                self._check(values.get("value") or "")
        if tag not in _VOID:
            self.stack.append((tag, allowed))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._allowed():
            self._check(data)

    def _check(self, text: str) -> None:
        for word in english_words(text):
            self.found.append((word, " ".join(text.split())[:120]))


def english_in_html(html: str) -> list[tuple[str, str]]:
    """Each English word a reader meets in ``html`` outside ``lang="en"`` elements, with its text."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.found
