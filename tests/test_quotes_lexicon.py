"""The quotes lexicon: forms made from lemmas, and clear errors on a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsgraph.quotes.cues import CueError, default_lexicon, default_path, inflect, load_lexicon


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("warn", {"base": "warn", "s": "warns", "ed": "warned", "ing": "warning"}),
        ("deny", {"base": "deny", "s": "denies", "ed": "denied", "ing": "denying"}),
        ("agree", {"base": "agree", "s": "agrees", "ed": "agreed", "ing": "agreeing"}),
        ("state", {"base": "state", "s": "states", "ed": "stated", "ing": "stating"}),
        ("slam", {"base": "slam", "s": "slams", "ed": "slammed", "ing": "slamming"}),
        ("vow", {"base": "vow", "s": "vows", "ed": "vowed", "ing": "vowing"}),
        ("stress", {"base": "stress", "s": "stresses", "ed": "stressed", "ing": "stressing"}),
    ],
)
def test_regular_forms(lemma: str, forms: dict[str, str]) -> None:
    assert inflect(lemma) == forms


@pytest.mark.parametrize(
    ("word", "lemma", "form"),
    [
        ("said", "say", "ed"),
        ("told", "tell", "ed"),
        ("wrote", "write", "ed"),
        ("agreed", "agree", "ed"),
        ("vowing", "vow", "ing"),
        ("reiterates", "reiterate", "s"),
        ("admitted", "admit", "ed"),
    ],
)
def test_every_form_finds_its_entry(word: str, lemma: str, form: str) -> None:
    found = default_lexicon().verbs[word]
    assert any(f.entry.lemma == lemma and f.form == form for f in found)


def test_the_bundled_lexicon_covers_the_stances_and_cue_phrases() -> None:
    lex = default_lexicon()
    stances = {f.entry.stance for forms in lex.verbs.values() for f in forms}
    assert {"neutral", "assertive", "hedged", "negative", "commitment", "directive"} <= stances
    low = ["said", "in", "a", "statement", "that"]
    assert lex.cue_phrases.longest(low, 1, len(low)) == 3
    words = ["according", "to", "the", "ministry"]
    assert lex.prepositions.longest(words, 0, len(words)) == 2
    assert {"spokesperson", "official", "minister", "source"} <= lex.speaker_heads


def _write(tmp_path: Path, change: str, old: str) -> Path:
    text = default_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "cues.yaml"
    path.write_text(text.replace(old, change, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{lemma: vow, stance: commitment,",
            "{lemma: vow, stance: eager,",
            "verbs.",
        ),
        (
            "{lemma: vow, stance: commitment,",
            "{lemma: vow, stance: commitment, tense: past,",
            "(lemma 'vow')",
        ),
        (
            "  - {lemma: say, stance: neutral, that: true, forms: [said]}",
            "  - {lemma: 7}",
            "verbs.",
        ),
        ('many, several, any, "no", every', "many, several, any, no, every", "noun_markers."),
    ],
)
def test_a_bad_entry_names_the_file_and_the_entry(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _write(tmp_path, new, old)
    with pytest.raises(CueError) as err:
        load_lexicon(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_a_duplicate_entry_is_an_error(tmp_path: Path) -> None:
    line = "  - {lemma: vow, stance: commitment, that: true, content: [to]}\n"
    path = _write(tmp_path, line + line, line)
    with pytest.raises(CueError, match="duplicate entry"):
        load_lexicon(path)


def test_an_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("verbs: [unclosed", encoding="utf-8")
    with pytest.raises(CueError, match="cannot read"):
        load_lexicon(path)


def test_the_bundled_file_is_plain_yaml_with_every_section() -> None:
    raw = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    assert {"verbs", "prepositions", "cue_phrases", "speaker_heads"} <= set(raw)
