"""A per-article framing summary: counts, the densest narrator sentences, and asymmetries.

Asymmetries are reported, not judged:

- ``hedge``: events of one PLOVER type where the outlet hedges some actors' events in its own
  voice (the event is narrator-voiced, ``modality.hedged``, and a narrator hedge or distancing
  span lies in its evidence) and states others' plainly (narrator-voiced, not hedged, negated,
  hypothetical or future). Actors in both groups are left out.
- ``label``: a narrator label span is attached to the nearest actor mention in its sentence;
  an actor so labelled is reported with its counterparts that carry no narrator label. The
  counterparts of an actor are those on the other side of one of its events (actor versus
  recipient) and the actors named in the sentences where its labels stand.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.model import Analysis, Event, Framing, Sentence

HEDGE_CATEGORIES = frozenset(["hedge", "distancing"])
_WORD = re.compile(r"[^\W_]+")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DenseSentence(_Frozen):
    """A sentence ranked by narrator framing spans per word."""

    index: int = Field(description="position in Analysis.sentences")
    start: int
    end: int
    spans: int = Field(description="narrator framing spans in the sentence")
    words: int
    density: float = Field(description="spans / words")
    categories: list[str] = Field(default_factory=list)


class Asymmetry(_Frozen):
    """One side marked (hedged or labelled) by the outlet where another side is not."""

    kind: Literal["hedge", "label"]
    event_type: str | None = Field(default=None, description="PLOVER type, for hedges")
    marked: list[str] = Field(description="actor ids the outlet hedges or labels")
    unmarked: list[str] = Field(description="actor ids in the same position without it")
    terms: list[str] = Field(description="the hedge or label wording, as written")
    events: list[str] = Field(default_factory=list, description="event ids involved")


class FramingSummary(_Frozen):
    """What ``framing_summary`` returns for one article."""

    total: int
    by_voice: dict[str, int]
    counts: dict[str, dict[str, int]] = Field(description="category -> voice -> spans")
    densest: list[DenseSentence]
    asymmetries: list[Asymmetry]


def _sentence_of(starts: list[int], sentences: Sequence[Sentence], pos: int) -> int | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and pos < sentences[k].end:
        return k
    return None


def _densest(
    text: str,
    sentences: Sequence[Sentence],
    order: Sequence[int],
    spans: Sequence[Framing],
    top: int,
) -> list[DenseSentence]:
    """``sentences`` in text order; ``order[k]`` is the k-th one's index in the analysis."""
    starts = [s.start for s in sentences]
    per: dict[int, list[Framing]] = defaultdict(list)
    for f in spans:
        k = _sentence_of(starts, sentences, f.start)
        if k is not None and f.voice == "narrator":
            per[k].append(f)
    ranked = []
    for k, found in per.items():
        s = sentences[k]
        words = max(1, sum(1 for _ in _WORD.finditer(text, s.start, s.end)))
        ranked.append(
            DenseSentence(
                index=order[k],
                start=s.start,
                end=s.end,
                spans=len(found),
                words=words,
                density=round(len(found) / words, 4),
                categories=sorted({f.category for f in found}),
            )
        )
    ranked.sort(key=lambda d: (-d.density, -d.spans, d.index))
    return ranked[: max(0, top)]


def _plain(e: Event) -> bool:
    m = e.modality
    return not (m.hedged or m.negated or m.hypothetical or m.future)


def _hedge_asymmetries(events: Sequence[Event], spans: Sequence[Framing]) -> list[Asymmetry]:
    hedges = [f for f in spans if f.voice == "narrator" and f.category in HEDGE_CATEGORIES]
    by_type: dict[str, list[tuple[Event, list[Framing]]]] = defaultdict(list)
    for e in events:
        if e.voice.kind != "narrator" or not e.actor:
            continue
        inside = [f for f in hedges if e.evidence.start <= f.start and f.end <= e.evidence.end]
        by_type[e.type].append((e, inside if e.modality.hedged else []))
    out = []
    for etype, items in sorted(by_type.items()):
        hedged = {a for e, h in items if h for a in e.actor}
        plain = {a for e, h in items if not h and _plain(e) for a in e.actor}
        marked, unmarked = sorted(hedged - plain), sorted(plain - hedged)
        if marked and unmarked:
            involved = [
                e for e, h in items if (h or _plain(e)) and set(e.actor) & {*marked, *unmarked}
            ]
            terms = sorted({f.text for e, h in items for f in h})
            out.append(
                Asymmetry(
                    kind="hedge",
                    event_type=etype,
                    marked=marked,
                    unmarked=unmarked,
                    terms=terms,
                    events=[e.id for e in involved],
                )
            )
    return out


def _nearest_actor(mentions: Sequence[tuple[int, int, str]], f: Framing) -> str | None:
    best: tuple[int, int, str] | None = None
    for start, end, actor in mentions:
        gap = max(0, start - f.end, f.start - end)
        if best is None or (gap, start) < best[:2]:
            best = (gap, start, actor)
    return best[2] if best else None


def _label_asymmetries(
    analysis: Analysis, spans: Sequence[Framing], starts: list[int]
) -> list[Asymmetry]:
    sentences = analysis.sentences
    mentions: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for a in analysis.actors:
        for m in a.mentions:
            k = _sentence_of(starts, sentences, m.start)
            if k is not None:
                mentions[k].append((m.start, m.end, a.id))
    labels: dict[str, list[str]] = defaultdict(list)
    near: dict[str, set[str]] = defaultdict(set)
    for f in spans:
        if f.category != "label" or f.voice != "narrator":
            continue
        k = _sentence_of(starts, sentences, f.start)
        if k is None:
            continue
        actor = _nearest_actor(mentions.get(k, []), f)
        if actor is not None:
            labels[actor].append(f.text)
            near[actor] |= {a for _, _, a in mentions[k]}
    return _label_records(analysis, labels, near)


def _label_records(
    analysis: Analysis, labels: dict[str, list[str]], near: dict[str, set[str]]
) -> list[Asymmetry]:
    out = []
    for actor in sorted(labels):
        others = set(near[actor])
        events = [e for e in analysis.events if actor in e.actor or actor in e.recipient]
        for e in events:
            others |= set(e.recipient) if actor in e.actor else set(e.actor)
        unmarked = sorted(others - set(labels) - {actor})
        if unmarked:
            out.append(
                Asymmetry(
                    kind="label",
                    marked=[actor],
                    unmarked=unmarked,
                    terms=sorted(set(labels[actor])),
                    events=[e.id for e in events],
                )
            )
    return out


def framing_summary(analysis: Analysis, top: int = 3) -> FramingSummary:
    """Counts by category and voice, the ``top`` sentences densest in narrator framing, and
    the hedge and label asymmetries of one analysed article."""
    text = analysis.article.text
    spans = [f for f in analysis.framing if 0 <= f.start < f.end <= len(text)]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for f in spans:
        counts[f.category][f.voice] += 1
    by_voice = Counter(f.voice for f in spans)
    order = sorted(range(len(analysis.sentences)), key=lambda k: analysis.sentences[k].start)
    sentences = [analysis.sentences[k] for k in order]
    starts = [s.start for s in sentences]
    ordered = analysis.model_copy(update={"sentences": sentences})
    return FramingSummary(
        total=len(spans),
        by_voice={v: by_voice.get(v, 0) for v in ("narrator", "quoted")},
        counts={c: dict(sorted(v.items())) for c, v in sorted(counts.items())},
        densest=_densest(text, sentences, order, spans, top),
        asymmetries=_hedge_asymmetries(analysis.events, spans)
        + _label_asymmetries(ordered, spans, starts),
    )
