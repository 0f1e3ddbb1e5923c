"""Framing lexicons: the bundled files, inflection, user layers, and errors that name the file
and the entry at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.framing.detect import find_framing
from newsgraph.framing.lexicon import (
    CATEGORIES,
    LexiconError,
    adjective_forms,
    data_dir,
    default_lexicon,
    load_lexicon,
    noun_forms,
    read_file,
    tokens,
    verb_forms,
)
from newsgraph.model import Sentence


def frame(text: str, layers: tuple[str, ...] = (), replace: bool = False) -> dict[str, str]:
    lex = load_lexicon(layers, replace=replace)
    spans = find_framing(text, [Sentence(start=0, end=len(text))], [], lex)
    return {f.text: f.category for f in spans}


def write(path: Path, body: str) -> str:
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_bundled_lexicons_are_broad() -> None:
    lex = default_lexicon()
    lemmas = {(t.lemma.lower(), t.category) for _, t in lex.terms()}
    assert len(lemmas) >= 1000
    assert {c for _, c in lemmas} == set(CATEGORIES)
    assert len(list(data_dir().glob("*.yaml"))) >= 5


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("slam", ["slam", "slams", "slammed", "slamming"]),
        ("lash out", ["lash out", "lashes out", "lashed out", "lashing out"]),
        ("bully", ["bully", "bullies", "bullied", "bullying"]),
        ("berate", ["berate", "berates", "berated", "berating"]),
        ("admit|admitted|admitting", ["admitted", "admitting"]),
        ("take aim at|took aim at", ["take aim at", "took aim at", "taking aim at"]),
    ],
)
def test_verb_forms(spec: str, expected: list[str]) -> None:
    assert set(expected) <= set(verb_forms(spec))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("terrorist", ["terrorist", "terrorists"]),
        ("atrocity", ["atrocity", "atrocities"]),
        ("terror group", ["terror group", "terror groups"]),
        ("butcher of", ["butcher of", "butchers of"]),
        ("hero", ["hero", "heroes"]),
        ("witch hunt", ["witch hunt", "witch hunts"]),
    ],
)
def test_noun_forms(spec: str, expected: list[str]) -> None:
    assert noun_forms(spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("brutal", ["brutal", "brutally"]),
        ("desperate", ["desperate", "desperately"]),
        ("angry", ["angry", "angrily"]),
        ("hasty", ["hasty", "hastily"]),
        ("sly", ["sly", "slyly"]),
        ("coy", ["coy", "coyly"]),
        ("terrible", ["terrible", "terribly"]),
        ("gentle", ["gentle", "gently"]),
        ("vile", ["vile", "vilely"]),
        ("frantic", ["frantic", "frantically"]),
        ("cynical", ["cynical", "cynically"]),
        ("shameful", ["shameful", "shamefully"]),
        ("full", ["full", "fully"]),
        ("shrill", ["shrill", "shrilly"]),
        ("true", ["true", "truly"]),
        ("grotesque", ["grotesque", "grotesquely"]),
        ("cagey", ["cagey", "cagily"]),
        ("unabashed", ["unabashed", "unabashedly"]),
        ("heavy-handed", ["heavy-handed", "heavy-handedly"]),
        ("whole|wholly", ["whole", "wholly"]),
        ("cowardly", ["cowardly"]),
        ("out of touch", ["out of touch"]),
    ],
)
def test_adjective_forms(spec: str, expected: list[str]) -> None:
    assert adjective_forms(spec) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The brutal raid ended.", {"brutal": "emotive"}),
        ("Troops brutally raided the camp.", {"brutally": "emotive"}),
        ("She angrily rejected the offer.", {"angrily": "emotive"}),
        ("The frantic search went on.", {"frantic": "emotive"}),
        ("Rescuers searched frantically.", {"frantically": "emotive"}),
        ("He shamefully lied.", {"shamefully": "emotive", "lied": "loaded"}),
        ("The minister spoke calmly.", {}),
    ],
)
def test_bundled_adjectives_match_their_adverbs(text: str, expected: dict[str, str]) -> None:
    assert frame(text) == expected


def test_no_bundled_form_is_listed_twice_in_a_category() -> None:
    generated: dict[tuple[tuple[str, ...], str], str] = {}
    listed: list[tuple[tuple[str, ...], str, str]] = []
    for path in sorted(data_dir().glob("*.yaml")):
        for g in read_file(path).groups:
            for adj in g.adjectives:
                for form in adjective_forms(adj)[1:]:
                    generated[(tokens(form), g.category)] = adj
            listed += [(tokens(w), g.category, w) for w in g.words]
    twice = [(w, generated[(t, c)]) for t, c, w in listed if (t, c) in generated]
    assert twice == []


def test_user_layer_adjectives_and_entries(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "adj.yaml",
        "groups:\n"
        "  - category: emotive\n"
        '    adjectives: [grumblesome, "snarfy|snarfishly"]\n'
        '    unless: ["grumblesome weather"]\n'
        "entries:\n"
        "  - term: flibbertic\n"
        "    category: loaded\n"
        "    inflect: adjective\n",
    )
    text = "A grumblesome aide snarfishly and flibbertically cut grumblesome weather aid."
    assert frame(text, (mine,), replace=True) == {
        "grumblesome": "emotive",
        "snarfishly": "emotive",
        "flibbertically": "loaded",
    }
    assert frame("A snarfily snarfy aide.", (mine,), replace=True) == {"snarfy": "emotive"}


@pytest.mark.parametrize(
    ("removed", "text", "expected"),
    [
        ("brutal", "The brutal raid was brutally fast.", {}),
        ("brutally", "The brutal raid was brutally fast.", {}),
        ("angry", "An angry crowd shouted angrily.", {"shouted": "loaded"}),
    ],
)
def test_remove_takes_generated_forms_too(
    tmp_path: Path, removed: str, text: str, expected: dict[str, str]
) -> None:
    drop = write(tmp_path / "drop.yaml", f"remove: [{removed}]\n")
    assert frame(text, (drop,)) == expected


def test_user_layer_adds_words(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "mine.yaml",
        "groups:\n"
        "  - category: label\n"
        "    sub: test\n"
        "    nouns: [grumblebeast]\n"
        "  - category: loaded\n"
        '    verbs: ["flibbertigib|flibbertigibbed"]\n',
    )
    text = "The grumblebeasts flibbertigibbed the regime."
    assert frame(text) == {"regime": "label"}
    assert frame(text, (mine,)) == {
        "grumblebeasts": "label",
        "flibbertigibbed": "loaded",
        "regime": "label",
    }


def test_user_layer_replaces_and_removes(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "only.yaml",
        "entries:\n  - term: grumblebeast\n    category: emotive\n    inflect: noun\n",
    )
    text = "The regime's grumblebeasts slaughtered them."
    assert frame(text, (mine,), replace=True) == {"grumblebeasts": "emotive"}
    drop = write(tmp_path / "drop.yaml", "remove: [regime]\n")
    assert frame(text, (drop,)) == {"slaughtered": "loaded"}


def test_later_layer_wins_for_the_same_category(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "regime.yaml",
        'groups:\n  - category: label\n    words: [regime]\n    unless: ["the regime"]\n',
    )
    assert frame("The regime fell.", (mine,)) == {}
    assert frame("A regime fell.", (mine,)) == {"regime": "label"}


def test_a_folder_is_a_layer(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "groups:\n  - category: hedge\n    words: [maybe-ish]\n")
    write(tmp_path / "b.yml", "groups:\n  - category: intent\n    words: [with a plan to]\n")
    got = frame("It was maybe-ish done with a plan to win.", (str(tmp_path),), replace=True)
    assert got == {"maybe-ish": "hedge", "with a plan to": "intent"}


BAD_FILES = [
    ("groups:\n  - category: villainy\n    words: [grumble]\n",
     ["groups[0]", "grumble", "category"]),
    ("groups:\n  - category: label\n    words: [ok]\n  - category: label\n    nouns: [thing]\n"
     "    colour: red\n", ["groups[1]", "thing", "colour"]),
    ("entries:\n  - term: zorb\n    category: loaded\n    inflect: adverb\n",
     ["entries[0]", "zorb"]),
    ('groups:\n  - category: label\n    words: [regime]\n    unless: ["visa scheme"]\n',
     ["groups[0]", "visa scheme"]),
    ("groups: [\n  unclosed", ["cannot read"]),
    ("- just\n- a list\n", ["mapping"]),
    ("", ["mapping"]),
    ("groups:\n  - category: label\n    when: sometimes\n    words: [x]\n", ["groups[0]", "when"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "needles"), BAD_FILES)
def test_bad_files_name_file_and_entry(tmp_path: Path, body: str, needles: list[str]) -> None:
    path = write(tmp_path / "broken.yaml", body)
    with pytest.raises(LexiconError) as err:
        load_lexicon((path,))
    message = str(err.value)
    assert path in message
    for needle in needles:
        assert needle in message


def test_missing_file_and_empty_replace(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon((str(tmp_path / "nope.yaml"),))
    with pytest.raises(LexiconError, match="at least one file"):
        load_lexicon((), replace=True)
    with pytest.raises(LexiconError, match=r"no \.yaml"):
        load_lexicon((str(tmp_path),))


def test_yaml_booleans_read_as_words(tmp_path: Path) -> None:
    mine = write(tmp_path / "b.yaml", "groups:\n  - category: hedge\n    words: [on, off]\n")
    assert frame("Turn it on.", (mine,), replace=True) == {"on": "hedge"}


def test_lexicon_is_cached() -> None:
    assert load_lexicon() is default_lexicon()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The judgement of a plan made behind the scenes holds in the passive too.
        ("The closures were orchestrated by a party official.", {"orchestrated": "loaded"}),
        ("A party official orchestrated the closures.", {"orchestrated": "loaded"}),
        ("Both camps tried to exploit the crisis.", {"exploit": "loaded"}),
        ("The company will exploit the oil reserves offshore.", {}),
        # An adjective whose adverb judges, judges too.
        ("The envoy gave a frosty reply.", {"frosty": "emotive"}),
        ("The envoy replied frostily.", {"frostily": "emotive"}),
    ],
)
def test_bundled_words_in_context(text: str, expected: dict[str, str]) -> None:
    assert frame(text) == expected
