"""Modality and voice of an event, from the words around its trigger in the same sentence."""

from __future__ import annotations

from newsgraph.model import Attribution, Modality

NEGATION = frozenset(["not", "n't", "never", "no", "neither", "nor", "without"])
HEDGES = frozenset(
    [
        "allegedly",
        "alleged",
        "reportedly",
        "reported",
        "purportedly",
        "purported",
        "apparently",
        "suspected",
        "claimed",
        "claims",
        "claim",
        "unconfirmed",
        "possibly",
        "presumably",
    ]
)
FUTURE = frozenset(
    [
        "will",
        "would",
        "shall",
        "'ll",
        "plans",
        "plan",
        "planned",
        "intends",
        "intend",
        "intended",
        "expected",
        "scheduled",
        "set",
        "threatened",
        "threatens",
        "vowed",
        "vows",
        "pledged",
        "promised",
    ]
)
HYPOTHETICAL = frozenset(["if", "could", "might", "may", "unless", "whether", "should"])
HISTORICAL = frozenset(["long", "years", "decades", "previously", "formerly", "historically"])
# Words that report speech: an event after one, in the same sentence, is the speaker's claim.
CUES = frozenset(
    [
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "stated",
        "added",
        "claimed",
        "insisted",
        "argued",
        "according",
    ]
)
QUOTES = frozenset('"“”«»')
NEGATION_REACH = 3
MODAL_REACH = 4


def modality_of(keys: list[str], first: int, i: int, end: int, last: int) -> Modality:
    """Negated, hedged, future, hypothetical and historical marks of the trigger at ``i``."""
    before = keys[max(first, i - MODAL_REACH) : i]
    near = keys[max(first, i - NEGATION_REACH) : i]
    sentence_before = keys[first:i]
    return Modality(
        negated=any(w in NEGATION for w in near),
        hedged=any(w in HEDGES for w in keys[first:last]),
        future=any(w in FUTURE for w in before) or (i > first and keys[i - 1] == "to"),
        hypothetical=any(w in HYPOTHETICAL for w in sentence_before),
        historical="long" in before or any(w in HISTORICAL for w in keys[i : min(last, end + 3)]),
    )


def voice_of(
    keys: list[str],
    toks: list[str],
    owner: list[str | None],
    first: int,
    i: int,
    last: int,
    text: str,
    starts: list[int],
    span: tuple[int, int],
) -> Attribution:
    """Narrator, or attributed to a speaker: inside quote marks or after a reporting verb."""
    quoted = sum(1 for ch in text[span[0] : starts[i]] if ch in QUOTES) % 2 == 1
    cue = next((k for k in range(first, i) if keys[k] in CUES), None)
    if cue is None and quoted:
        cue = next((k for k in range(i, last) if keys[k] in CUES), None)
    if cue is None and not quoted:
        return Attribution(kind="narrator")
    speaker = None
    if cue is not None:
        left = [owner[k] for k in range(first, cue) if owner[k]]
        right = [owner[k] for k in range(cue + 1, min(last, cue + 6)) if owner[k]]
        speaker = (
            right[0]
            if keys[cue] == "according" and right
            else (left[-1] if left else (right[0] if right else None))
        )
    return Attribution(kind="attributed", speaker=speaker)
