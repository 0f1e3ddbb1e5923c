"""The optional event-type classifier: hashing twin always, the packaged embedder when installed."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.events import embed
from newsgraph.events.embed import (
    LABELS,
    NO_EVENT,
    PLOVER_TYPES,
    EmbedError,
    EmbedUnavailable,
    HashingEmbedder,
    TypeClassifier,
    cross_validate,
    default_classifier,
    parse_example,
    parse_examples,
    train,
)

# A small training set with a vocabulary of its own per label, so that even bag-of-words
# hashing vectors separate the labels.
TOY = {
    "ASSAULT": [
        "Artillery shelled the village and killed three farmers.",
        "Jets bombed the airport runway overnight.",
        "Rebels shelled the army barracks at dawn.",
        "Drones bombed a fuel depot near the port.",
        "Gunmen killed two guards in an ambush on the road.",
        "The militia shelled the market, killing five people.",
        "Warplanes bombed bridges across the river.",
        "Snipers killed a soldier at the checkpoint.",
    ],
    "CONSULT": [
        "The foreign ministers met in Geneva for talks.",
        "The president held talks with his Kenyan counterpart.",
        "Delegations met in Doha for a second round of talks.",
        "The envoy met the prime minister to discuss the border.",
        "The leaders held talks by phone on Tuesday.",
        "Negotiators met again in Vienna for technical talks.",
        "The defence chiefs met in Brussels to discuss supplies.",
        "The king held talks with visiting senators.",
    ],
    "PROTEST": [
        "Thousands of demonstrators marched through the capital.",
        "Students staged a protest outside parliament.",
        "Protesters marched to the ministry chanting slogans.",
        "Workers went on strike and demonstrators blocked the road.",
        "Demonstrators staged a sit-in protest at the university.",
        "Farmers marched with tractors in protest at new taxes.",
        "Crowds of protesters rallied in the main square.",
        "Nurses staged a protest over unpaid wages.",
    ],
    NO_EVENT: [
        "Heavy rain is forecast for the weekend.",
        "The stock index closed higher on Friday.",
        "The river is the longest in the region.",
        "Temperatures will rise to 40 degrees next week.",
        "The currency closed slightly weaker against the dollar.",
        "The museum is closed for renovation until spring.",
        "Rain and snow are forecast for the mountains.",
        "Oil prices closed higher after the report.",
    ],
}
TOY_EXAMPLES = [(text, label) for label, texts in TOY.items() for text in texts]

HELD_OUT = [
    ("Artillery shelled the suburbs and killed a child.", "ASSAULT"),
    ("Jets bombed a convoy on the highway.", "ASSAULT"),
    ("The two ministers met in Oslo for talks on fishing.", "CONSULT"),
    ("The president held talks with the visiting envoy.", "CONSULT"),
    ("Teachers marched on parliament in protest.", "PROTEST"),
    ("Demonstrators staged a protest outside the embassy.", "PROTEST"),
    ("Snow is forecast for the capital next week.", NO_EVENT),
    ("Gold prices closed higher on Monday.", NO_EVENT),
]


@pytest.fixture(autouse=True)
def _fresh_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test gets its own cache folder, no user model and no cached default classifier."""
    monkeypatch.setenv(embed.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(embed.MODEL_ENV, raising=False)
    embed._default_classifier.cache_clear()
    yield
    embed._default_classifier.cache_clear()


@pytest.fixture(scope="module")
def toy() -> TypeClassifier:
    return train(TOY_EXAMPLES, HashingEmbedder())


def write_jsonl(path: Path, rows: list[object]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- the hashing embedder ---------------------------------------------------------------


def test_hashing_vectors_are_unit_length_and_deterministic() -> None:
    texts = ["Troops shelled the town.", "Talks resumed in Doha.", ""]
    a = HashingEmbedder(256).encode(texts)
    b = HashingEmbedder(256).encode(texts)
    assert a.shape == (3, 256) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a[:2], axis=1), 1.0)
    assert not a[2].any()


@pytest.mark.parametrize(
    ("text", "near", "far"),
    [
        ("Troops shelled the town.", "Troops shelling the towns.", "Talks resumed in Doha."),
        ("Protesters marched in Lima.", "Protesters marched in Quito.", "Rain fell in Lima."),
    ],
)
def test_hashing_similarity_follows_shared_words(text: str, near: str, far: str) -> None:
    v = HashingEmbedder().encode([text, near, far])
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_hashing_needs_a_sensible_dimension() -> None:
    with pytest.raises(ValueError):
        HashingEmbedder(2)


# --- training and prediction ------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), HELD_OUT)
def test_toy_classifier_labels_new_sentences(toy: TypeClassifier, text: str, expected: str) -> None:
    [(label, confidence)] = toy.predict([text])
    assert label == expected
    assert 1 / len(toy.labels) < confidence <= 1.0


def test_predict_shapes(toy: TypeClassifier) -> None:
    assert toy.predict([]) == []
    assert sorted(toy.labels) == sorted(TOY)
    out = toy.predict([text for text, _ in HELD_OUT])
    assert len(out) == len(HELD_OUT)
    assert all(0.0 <= conf <= 1.0 for _, conf in out)
    probs = toy.probabilities(HashingEmbedder().encode(["Jets bombed the port."]))
    assert probs.shape == (1, len(toy.labels)) and np.isclose(probs.sum(), 1.0)


def test_training_needs_two_labels() -> None:
    with pytest.raises(EmbedError, match="two labels"):
        train([("Jets bombed the port.", "ASSAULT")] * 3, HashingEmbedder())


def test_cross_validation_on_separable_data() -> None:
    report = cross_validate(TOY_EXAMPLES, HashingEmbedder(), folds=4)
    assert report.folds == 4
    assert report.accuracy >= 0.8
    assert set(report.per_label) == set(TOY)


def test_cross_validation_falls_back_to_leave_one_out() -> None:
    few = [TOY["ASSAULT"][0], TOY["ASSAULT"][1], TOY[NO_EVENT][0], TOY[NO_EVENT][1]]
    examples = [(t, "ASSAULT") for t in few[:2]] + [(t, NO_EVENT) for t in few[2:]]
    assert cross_validate(examples, HashingEmbedder(), folds=10).folds == 4


# --- saving and loading -----------------------------------------------------------------


def test_save_load_round_trip(toy: TypeClassifier, tmp_path: Path) -> None:
    path = tmp_path / "models" / "toy.npz"
    toy.save(path)
    assert path.is_file()
    assert [p.name for p in path.parent.iterdir()] == ["toy.npz"]  # no temporary file left
    back = TypeClassifier.load(path)
    assert back.labels == toy.labels
    assert back.embedder_name == toy.embedder_name == "hashing-1024"
    texts = [text for text, _ in HELD_OUT]
    assert back.predict(texts) == toy.predict(texts)
    # Plain arrays only: the file opens with pickling disabled.
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == {"meta", "weights", "bias", "mean", "scale"}


def test_load_refuses_another_embedder(toy: TypeClassifier, tmp_path: Path) -> None:
    path = tmp_path / "toy.npz"
    toy.save(path)
    with pytest.raises(EmbedError, match="trained with hashing-1024"):
        TypeClassifier.load(path, HashingEmbedder(512))


@pytest.mark.parametrize("content", [b"", b"not a model at all", b"PK\x03\x04broken zip"])
def test_load_refuses_garbage(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    with pytest.raises(EmbedError, match="not a newsgraph event model"):
        TypeClassifier.load(path)


def test_load_refuses_other_format(toy: TypeClassifier, tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    meta = {"format": 99, "embedder": "hashing-1024", "labels": toy.labels}
    np.savez(path, meta=np.array(json.dumps(meta)), weights=toy.weights, bias=toy.bias)
    with pytest.raises(EmbedError):
        TypeClassifier.load(path)


# --- training data ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '{"text": "Jets bombed the port.", "label": "ASSAULT"}',
            ("Jets bombed the port.", "ASSAULT"),
        ),
        ('{"text": "  Talks resumed. ", "label": "consult"}', ("Talks resumed.", "CONSULT")),
        ('{"text": "Rain fell.", "label": "NONE", "source": "me"}', ("Rain fell.", "NONE")),
    ],
)
def test_good_example_lines(line: str, expected: tuple[str, str]) -> None:
    assert parse_example(line) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "Jets bombed the port.", "label": "ASSAULT"', "not valid JSON"),
        ('["Jets bombed the port.", "ASSAULT"]', "expected an object"),
        ('{"label": "ASSAULT"}', '"text" must be'),
        ('{"text": "   ", "label": "ASSAULT"}', '"text" must be'),
        ('{"text": "Jets bombed the port."}', '"label" must be'),
        ('{"text": "Jets bombed the port.", "label": 18}', '"label" must be'),
        ('{"text": "Jets bombed the port.", "label": "ATTACK"}', "unknown label 'ATTACK'"),
    ],
)
def test_bad_example_lines(line: str, message: str) -> None:
    with pytest.raises(EmbedError, match=message):
        parse_example(line)


def test_bad_lines_are_reported_with_file_and_line() -> None:
    lines = [
        '{"text": "Jets bombed the port.", "label": "ASSAULT"}',
        "",
        "oops",
        '{"text": "Rain fell.", "label": "WEATHER"}',
        '{"text": "Rain fell.", "label": "NONE"}',
    ]
    examples, errors = parse_examples(lines, "mine.jsonl")
    assert examples == [("Jets bombed the port.", "ASSAULT"), ("Rain fell.", "NONE")]
    assert [e.split(": ")[0] for e in errors] == ["mine.jsonl:3", "mine.jsonl:4"]


def test_bundled_examples_cover_every_type() -> None:
    _, examples = embed.bundled_examples()
    counts = Counter(label for _, label in examples)
    assert set(counts) == LABELS
    assert all(counts[t] >= 45 for t in PLOVER_TYPES), counts
    assert counts[NO_EVENT] >= 80
    texts = [text for text, _ in examples]
    assert len(texts) == len(set(texts))


# --- the command line -------------------------------------------------------------------


def test_cli_trains_a_model_and_reports_bad_lines(tmp_path: Path) -> None:
    rows: list[object] = [{"text": t, "label": label} for t, label in TOY_EXAMPLES]
    rows[3:3] = ["{broken", {"text": "Jets bombed the port.", "label": "BOMBING"}]
    data = write_jsonl(tmp_path / "mine.jsonl", rows)
    out = tmp_path / "mine.npz"
    args = ["train", "events", "--data", str(data), "--out", str(out), "--embedder", "hashing"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"{data}:4: not valid JSON" in result.stderr
    assert f"{data}:5: unknown label 'BOMBING'" in result.stderr
    assert "32 examples, 4 labels, embedder hashing-1024" in result.stdout
    assert "  PROTEST         8" in result.stdout
    assert "5-fold cross-validated accuracy: " in result.stdout
    accuracy = float(result.stdout.split("cross-validated accuracy: ")[1].split()[0])
    assert accuracy >= 0.8
    model = TypeClassifier.load(out)
    assert model.predict(["Jets bombed a convoy on the highway."])[0][0] == "ASSAULT"


def test_cli_clean_data_exits_zero_without_cross_validation(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "ok.jsonl", [{"text": t, "label": x} for t, x in TOY_EXAMPLES])
    out = tmp_path / "ok.npz"
    args = ["train", "events", "--data", str(data), "--out", str(out), "--embedder", "hashing"]
    result = CliRunner().invoke(main, [*args, "--folds", "0"])
    assert result.exit_code == 0, result.output
    assert "cross-validated" not in result.stdout
    assert out.is_file()


def test_cli_refuses_data_without_two_labels(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "one.jsonl", ["nonsense", {"text": "Rain.", "label": "NONE"}])
    args = ["train", "events", "--data", str(data), "--embedder", "hashing"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "m.npz")])
    assert result.exit_code == 2
    assert f"{data}:1: not valid JSON" in result.stderr
    assert "at least two labels" in result.stderr
    assert not (tmp_path / "m.npz").exists()


def test_cli_minilm_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> embed.Embedder:
        raise EmbedUnavailable(embed.INSTALL_HINT)

    monkeypatch.setattr(embed, "load_embedder", missing)
    data = write_jsonl(tmp_path / "ok.jsonl", [{"text": t, "label": x} for t, x in TOY_EXAMPLES])
    base = ["train", "events", "--data", str(data), "--out", str(tmp_path / "m.npz")]
    strict = CliRunner().invoke(main, [*base, "--embedder", "minilm"])
    assert strict.exit_code == 2
    assert "install newsgraph[embed]" in strict.stderr
    auto = CliRunner().invoke(main, [*base, "--folds", "0"])
    assert auto.exit_code == 0
    assert "using hashing" in auto.stderr
    assert "embedder hashing-1024" in auto.stdout


# --- the default classifier -------------------------------------------------------------


def test_default_is_none_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> embed.Embedder:
        raise EmbedUnavailable(embed.INSTALL_HINT)

    monkeypatch.setattr(embed, "load_embedder", missing)
    assert default_classifier() is None


def test_default_uses_the_user_model(
    toy: TypeClassifier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "user.npz"
    toy.save(path)
    monkeypatch.setenv(embed.MODEL_ENV, str(path))
    clf = default_classifier()
    assert clf is not None and clf.labels == toy.labels
    assert clf.predict(["Jets bombed a convoy on the highway."])[0][0] == "ASSAULT"


def test_default_trains_on_bundled_examples_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def hashing() -> embed.Embedder:
        calls.append(1)
        return HashingEmbedder()

    monkeypatch.setattr(embed, "load_embedder", hashing)
    first = default_classifier()
    assert first is not None and sorted(first.labels) == sorted(LABELS)
    cached = list((tmp_path / "cache").glob("event-types-*.npz"))
    assert len(cached) == 1
    assert default_classifier() is first  # in-process cache
    embed._default_classifier.cache_clear()
    again = default_classifier()  # from the file this time
    assert again is not None and again is not first
    assert np.array_equal(again.weights, first.weights)
    assert len(calls) == 2


def test_default_rebuilds_a_damaged_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "load_embedder", HashingEmbedder)
    assert default_classifier() is not None
    [path] = (tmp_path / "cache").glob("event-types-*.npz")
    path.write_bytes(b"damaged")
    embed._default_classifier.cache_clear()
    assert default_classifier() is not None
    assert TypeClassifier.load(path).labels  # rewritten


# --- the packaged sentence embedder (only when newsgraph[embed] is installed) -----------

REAL_CASES = [
    (
        "Artillery fire from the rebels killed four soldiers near the northern border town.",
        "ASSAULT",
    ),
    ("The two governments signed a deal to end their long-running fishing dispute.", "AGREE"),
    (
        "The foreign ministers of Chile and Peru met in Lima on Thursday to discuss migration.",
        "CONSULT",
    ),
    ("The Indonesian government expressed its full support for the peace initiative.", "SUPPORT"),
    ("The military government freed forty detained journalists on Sunday.", "CONCEDE"),
    (
        "Spanish and Moroccan police dismantled a hashish smuggling network in a joint operation.",
        "COOPERATE",
    ),
    ("Japan sent tents, blankets and water purifiers to earthquake survivors in Turkey.", "AID"),
    ("Government troops pulled out of the besieged town overnight, the army confirmed.", "RETREAT"),
    (
        "The Malian prime minister asked the United Nations for emergency food assistance.",
        "REQUEST",
    ),
    ("Caracas accused Bogota of sheltering armed groups along the frontier.", "ACCUSE"),
    ("The rebels rejected the government's offer of an amnesty.", "REJECT"),
    ("The defence minister threatened to retaliate against any further incursions.", "THREATEN"),
    ("Thousands of nurses marched through the capital demanding better pay.", "PROTEST"),
    (
        "The European Union imposed asset freezes on ten officials over the rigged vote.",
        "SANCTION",
    ),
    ("The army deployed thousands of extra troops and tanks to the frontier.", "MOBILIZE"),
    ("Police arrested the editor of an independent newspaper in a dawn raid.", "COERCE"),
    ("The river burst its banks after a week of torrential rain.", NO_EVENT),
    ("The national football team won its opening match 2-0.", NO_EVENT),
]


@pytest.fixture(scope="module")
def packaged() -> embed.Embedder:
    pytest.importorskip(embed.PACKAGE)
    pytest.importorskip("sentence_transformers")
    return embed.load_embedder()


def test_packaged_embedder_vectors(packaged: embed.Embedder) -> None:
    v = packaged.encode(["Troops shelled the town.", "Soldiers bombarded the city.", "Rain."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])
    assert packaged.encode([]).shape == (0, 384)


def test_packaged_cross_validated_accuracy(packaged: embed.Embedder) -> None:
    _, examples = embed.bundled_examples()
    report = cross_validate(examples, packaged, folds=5)
    assert report.accuracy > 0.6, report


@pytest.fixture(scope="module")
def packaged_default(
    packaged: embed.Embedder, tmp_path_factory: pytest.TempPathFactory
) -> TypeClassifier:
    """The default classifier, trained once for this module into a temporary cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(embed.CACHE_ENV, str(tmp_path_factory.mktemp("cache")))
        mp.delenv(embed.MODEL_ENV, raising=False)
        embed._default_classifier.cache_clear()
        clf = default_classifier()
    assert clf is not None and clf.embedder_name == embed.MINILM
    return clf


@pytest.mark.parametrize(("text", "expected"), REAL_CASES)
def test_packaged_default_classifier(
    packaged_default: TypeClassifier, text: str, expected: str
) -> None:
    [(label, confidence)] = packaged_default.predict([text])
    assert label == expected, (text, label, confidence)
    assert 0.0 < confidence <= 1.0
