"""A readable text rendering of an analysis, for `newsgraph analyze --format text`."""

from __future__ import annotations

from newsgraph.model import Analysis


def _fmt_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"


def render_text(an: Analysis) -> str:
    """Title, metadata, then one line per date, figure, quote and event, each with its span."""
    a = an.article
    meta = ", ".join(x for x in (a.published, a.site, a.section, a.language) if x)
    lines = [f"# {a.title or '(no title)'}", f"id {a.id}" + (f"  ({meta})" if meta else "")]
    if a.url:
        lines.append(f"url {a.url}")
    if a.authors:
        lines.append("by " + ", ".join(a.authors))
    lines.append(
        f"{len(an.sentences)} sentences, {len(an.actors)} actors, {len(an.timexes)} dates, "
        f"{len(an.claims)} figures, {len(an.events)} events, {len(an.quotes)} quotes, "
        f"{len(an.framing)} framing spans"
    )
    if an.actors:
        lines.append("\nActors")
        for actor in an.actors:
            more = f" (+{len(actor.mentions) - 1})" if len(actor.mentions) > 1 else ""
            lines.append(f"  {actor.name!r:<32} {actor.code or '-':<8} {actor.kind}{more}")
    if an.events:
        names = {a.id: a.name for a in an.actors}
        lines.append("\nEvents")
        for e in an.events:
            who = " + ".join(names.get(i, i) for i in e.actor) or "?"
            whom = " + ".join(names.get(i, i) for i in e.recipient) or "-"
            when = e.date.value if e.date else "?"
            marks = [k for k, v in e.modality.model_dump().items() if v]
            if e.voice.kind == "attributed":
                marks.append(f"said by {names.get(e.voice.speaker or '', 'a source')}")
            extra = f"  ({', '.join(marks)})" if marks else ""
            lines.append(
                f"  {e.type:<9} {who} -> {whom}  [{e.evidence.trigger.text!r}, "
                f"{when}, {e.evidence.rule}]{extra}"
            )
    if an.quotes:
        names = {a.id: a.name for a in an.actors}
        lines.append("\nQuotes")
        for q in an.quotes:
            who = (names.get(q.speaker.actor or "") or q.speaker.text) if q.speaker else "?"
            text = q.text if len(q.text) <= 70 else q.text[:67] + "..."
            lines.append(f"  {q.kind:<8} {who}: {text!r}")
    if an.framing:
        lines.append("\nFraming")
        for f in an.framing:
            lines.append(f"  {f.category:<15} {f.voice:<9} {f.text!r}")
    if an.timexes:
        lines.append("\nDates")
        for t in an.timexes:
            lines.append(f"  {t.text!r:<32} -> {t.value} ({t.granularity})")
    if an.claims:
        lines.append("\nFigures")
        for c in an.claims:
            value = _fmt_value(c.value) + (f"-{_fmt_value(c.value_high)}" if c.value_high else "")
            extra = ", ".join(x for x in (c.unit, c.qualifier, c.what) if x)
            lines.append(f"  {c.text!r:<32} = {value}" + (f"  [{extra}]" if extra else ""))
    if an.warnings:
        lines.append("\nWarnings")
        lines.extend(f"  {w}" for w in an.warnings)
    return "\n".join(lines)
