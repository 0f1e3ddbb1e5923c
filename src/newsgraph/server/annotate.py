"""An analysis as annotated HTML: the article's text with actors, event triggers, quotes and
their speakers, figures, dates and framing highlighted, sentences marked by voice.

Spans may overlap and nest in any way (a date inside a quote inside an event's evidence), so the
text is cut at every span boundary into segments; each segment carries the classes and record
references of every span covering it. All text goes through ``escape``: the article is untrusted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from newsgraph.model import Analysis

# Highlight kinds, in legend order, with their labels.
KINDS: dict[str, str] = {
    "actor": "actors",
    "trigger": "event triggers",
    "quote": "quotes",
    "speaker": "speakers",
    "figure": "figures",
    "date": "dates",
    "framing": "framing",
}


@dataclass(frozen=True)
class Mark:
    """One highlighted span: its kind, CSS classes and the record it belongs to."""

    start: int
    end: int
    kind: str
    ref: str
    css: str
    # Event evidence is shown only when its event is selected, and is not itself clickable.
    passive: bool = False


def _token(value: str | None) -> str:
    """A value safe inside a class name: letters, digits, ``-`` and ``_`` only."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (value or "none"))


def marks(an: Analysis) -> list[Mark]:
    """Every span of the record as a ``Mark``; spans outside the text are left out."""
    out: list[Mark] = []
    for actor in an.actors:
        css = f"hl hl-actor kind-{_token(actor.kind)}"
        out += [Mark(m.start, m.end, "actor", f"actor:{actor.id}", css) for m in actor.mentions]
    for e in an.events:
        ref = f"event:{e.id}"
        trig = e.evidence.trigger
        out.append(Mark(trig.start, trig.end, "trigger", ref, f"hl hl-trigger t-{_token(e.type)}"))
        out.append(Mark(e.evidence.start, e.evidence.end, "evidence", ref, "ev", passive=True))
    for q in an.quotes:
        ref = f"quote:{q.id}"
        out.append(Mark(q.start, q.end, "quote", ref, f"hl hl-quote q-{_token(q.kind)}"))
        if q.speaker:
            out.append(Mark(q.speaker.start, q.speaker.end, "speaker", ref, "hl hl-speaker"))
        if q.cue:
            out.append(Mark(q.cue.start, q.cue.end, "cue", ref, "hl hl-cue"))
    for c in an.claims:
        out.append(Mark(c.start, c.end, "figure", f"claim:{c.id}", "hl hl-figure"))
    for i, t in enumerate(an.timexes):
        out.append(Mark(t.start, t.end, "date", f"timex:{i}", "hl hl-date"))
    for i, f in enumerate(an.framing):
        css = f"hl hl-framing fr-{_token(f.voice)}"
        out.append(Mark(f.start, f.end, "framing", f"framing:{i}", css))
    size = len(an.article.text)
    return [m for m in out if 0 <= m.start < m.end <= size]


def _sentences(an: Analysis) -> list[tuple[int, int, str]]:
    """The sentences as (start, end, voice), if they are ordered and do not overlap."""
    found: list[tuple[int, int, str]] = sorted((s.start, s.end, s.voice) for s in an.sentences)
    size = len(an.article.text)
    last = 0
    for start, end, _voice in found:
        if start < last or not 0 <= start < end <= size:
            return []
        last = end
    return found


def _speaker_names(an: Analysis) -> dict[str, str]:
    """Quote ref -> the speaker shown beside it: the actor's name, else the speaker's words."""
    names = {a.id: a.name for a in an.actors}
    return {
        f"quote:{q.id}": names.get(q.speaker.actor or "", q.speaker.text)
        for q in an.quotes
        if q.speaker
    }


def _segment(text: str, covering: list[Mark], speaker: str | None) -> str:
    if not covering:
        return str(escape(text))
    classes = sorted({c for m in covering for c in m.css.split()})
    active = list(dict.fromkeys(m.ref for m in covering if not m.passive))
    passive = list(dict.fromkeys(m.ref for m in covering if m.passive))
    attrs = f' class="seg {" ".join(classes)}"'
    if active:
        attrs += f' data-refs="{escape(" ".join(active))}" tabindex="0"'
    if passive:
        attrs += f' data-ev="{escape(" ".join(passive))}"'
    tag = ""
    if speaker:
        tag = f'<span class="speaker-tag" aria-hidden="true">{escape(speaker)}</span>'
    return f"{tag}<span{attrs}>{escape(text)}</span>"


def annotate(an: Analysis) -> Markup:
    """The article text as HTML: sentence spans by voice, highlight segments inside them."""
    text = an.article.text
    found = marks(an)
    sentences = _sentences(an)
    cuts = {0, len(text)}
    for m in found:
        cuts.update((m.start, m.end))
    for start, end, _ in sentences:
        cuts.update((start, end))
    speakers = _speaker_names(an)
    quote_starts = {m.start: m.ref for m in found if m.kind == "quote"}
    sentence_at = {start: (end, voice) for start, end, voice in sentences}
    parts: list[str] = []
    open_until: int | None = None
    points = sorted(cuts)
    for left, right in pairwise(points):
        if left == open_until:
            parts.append("</span>")
            open_until = None
        if left in sentence_at and open_until is None:
            end, voice = sentence_at[left]
            parts.append(f'<span class="sent voice-{_token(voice)}">')
            open_until = end
        covering = [m for m in found if m.start <= left and right <= m.end]
        ref = quote_starts.pop(left, None)
        parts.append(_segment(text[left:right], covering, speakers.get(ref or "")))
    if open_until is not None:
        parts.append("</span>")
    return Markup("".join(parts))


def _actor_names(an: Analysis, ids: Iterable[str]) -> str:
    names = {a.id: f"{a.name} ({a.code})" if a.code else a.name for a in an.actors}
    return ", ".join(names.get(i, i) for i in ids) or "-"


def _event_fields(an: Analysis, e: Any) -> list[tuple[str, str]]:
    flags = [k for k, v in e.modality.model_dump().items() if v]
    voice = "narrator"
    if e.voice.kind == "attributed":
        voice = "attributed to " + _actor_names(an, [e.voice.speaker] if e.voice.speaker else [])
    fields = [
        ("type", e.type + (f" / {e.mode}" if e.mode else "")),
        ("actor", _actor_names(an, e.actor)),
        ("recipient", _actor_names(an, e.recipient)),
        ("date", f"{e.date.value} ({e.date.text})" if e.date else "-"),
        ("location", e.location.name if e.location else "-"),
        ("voice", voice),
        ("modality", ", ".join(flags) or "asserted"),
        ("trigger", e.evidence.trigger.text),
        ("rule", e.evidence.rule),
        ("CAMEO", e.cameo or "-"),
        ("score", "-" if e.score is None else f"{e.score:g}"),
        ("confidence", f"{e.confidence:.2f}"),
        ("evidence", an.span(e.evidence.start, e.evidence.end)),
    ]
    fields += [("quantity", f"{q.value:g} {q.what or ''} ({q.text})") for q in e.quantities]
    return fields


def records(an: Analysis) -> dict[str, dict[str, Any]]:
    """Ref -> ``{kind, title, fields: [[label, value]...]}`` for the record panel (plain text;
    the page's script writes it with ``textContent``)."""
    out: dict[str, dict[str, Any]] = {}
    for a in an.actors:
        out[f"actor:{a.id}"] = _record("actor", a.name, [
            ("kind", a.kind), ("code", a.code or "-"), ("country", a.country or "-"),
            ("sector", a.sector or "-"), ("mentions", str(len(a.mentions))),
        ])  # fmt: skip
    for e in an.events:
        out[f"event:{e.id}"] = _record("event", f"{e.type} event {e.id}", _event_fields(an, e))
    speakers = _speaker_names(an)
    for q in an.quotes:
        ref = f"quote:{q.id}"
        out[ref] = _record("quote", f"{q.kind} quote {q.id}", [
            ("speaker", speakers.get(ref, "unknown")), ("cue", q.cue.text if q.cue else "-"),
            ("voice", "quoted"), ("text", q.text),
        ])  # fmt: skip
    for c in an.claims:
        value = f"{c.value:g}" + (f" to {c.value_high:g}" if c.value_high is not None else "")
        voice = "narrator" if c.voice.kind == "narrator" else "attributed"
        out[f"claim:{c.id}"] = _record("figure", c.text, [
            ("value", value), ("unit", c.unit or "-"), ("what", c.what or "-"),
            ("qualifier", c.qualifier or "-"), ("hedged", "yes" if c.hedged else "no"),
            ("voice", voice),
        ])  # fmt: skip
    for i, t in enumerate(an.timexes):
        out[f"timex:{i}"] = _record(
            "date", t.text, [("value", t.value), ("granularity", t.granularity)]
        )
    for i, f in enumerate(an.framing):
        speaker = _actor_names(an, [f.speaker]) if f.speaker else "-"
        out[f"framing:{i}"] = _record("framing", f.text, [
            ("category", f.category), ("voice", f.voice), ("speaker", speaker),
        ])  # fmt: skip
    return out


def _record(kind: str, title: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
    return {"kind": kind, "title": title, "fields": [list(f) for f in fields]}
