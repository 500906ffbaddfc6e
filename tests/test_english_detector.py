"""The English detector used by the Spanish page and PDF tests finds English, and only English."""

from __future__ import annotations

from tests.english import english_in_html, english_words


def test_finds_english_words_but_not_spanish_ones() -> None:
    assert english_words("Tome la dosis de 300 mg/day con agua") == ["day"]
    assert english_words("No tome más de una vez; el plan total es normal") == []


def test_skips_english_marked_as_english_and_code() -> None:
    html = (
        '<p>Fuente: <cite lang="en">Pain relief with the drug</cite></p>'
        "<script>if (x) { save(); }</script><style>.day{}</style>"
    )
    assert english_in_html(html) == []


def test_reads_text_and_what_is_heard() -> None:
    html = '<div><img alt="Your chart"><button aria-label="Cerrar">Save</button><p>Hoy</p></div>'
    assert [word for word, _ in english_in_html(html)] == ["your", "chart", "save"]


def test_spanish_inside_english_is_checked_again() -> None:
    html = '<div lang="en">the original <span lang="es">y the texto</span></div>'
    assert [word for word, _ in english_in_html(html)] == ["the"]


def test_published_names_are_not_english_words() -> None:
    assert english_words("Empezar ID Pain") == []
    assert english_words("Hoy sin dolor; lo note ayer") == []
