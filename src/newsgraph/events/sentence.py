"""A sentence as the coder sees it: tokens, their offsets and owners, and shared word lists."""

from __future__ import annotations

from dataclasses import dataclass

# Light verbs whose subject is the actor of the noun after them: "Israel launched strikes on".
LIGHT_VERBS = frozenset((
    "launched", "launches", "launch", "carried", "carries", "carry", "conducted", "conducts",
    "conduct", "staged", "stages", "stage", "mounted", "mounts", "mount", "made", "makes", "make",
    "began", "begins", "begin", "stepped", "intensified", "intensifies", "imposed", "imposes",
    "impose", "held", "holds", "hold", "signed", "signs", "sign", "announced", "announces",
    "announce", "issued", "issues", "issue", "ordered", "orders", "order", "gave", "gives", "give",
    "offered", "offers", "offer", "sent", "sends", "send", "opened", "opens", "open", "resumed",
    "resumes", "resume", "continued", "continues", "continue", "renewed", "renews", "renew",
    "expanded", "expands", "expand", "extended", "extends", "extend", "delivered", "delivers",
    "deliver", "pledged", "pledges", "pledge", "reached", "reaches", "reach", "struck", "strikes",
    "took", "takes", "take", "approved", "approves", "approve", "agreed", "agrees", "agree",
    "granted", "grants", "grant", "provided", "provides", "provide", "declared", "declares",
    "declare", "established", "establishes", "establish", "set", "sets", "put", "puts",
    "lifted", "lifts", "lift", "tightened", "tightens", "tighten", "eased", "eases", "ease",
    "completed", "completes", "complete", "finished", "finishes", "finish", "started", "starts",
    "start",
))  # fmt: skip
LIGHT_REACH = 5
CLAUSE_ENDS = frozenset(
    {
        ",",
        ";",
        ":",
        "said",
        "says",
        "while",
        "but",
        "as",
        "after",
        "before",
        "because",
        "when",
        "which",
        "who",
    }
)


@dataclass
class Sent:
    """One sentence's tokens, within the article's token arrays ``[first, last)``."""

    keys: list[str]
    toks: list[str]
    starts: list[int]
    ends: list[int]
    owner: list[str | None]  # actor id whose mention covers each token
    first: int
    last: int


def inside_word(s: Sent, i: int) -> bool:
    """True when token ``i`` continues a hyphenated word ("open-ended", "war-torn")."""
    return (
        i - 2 >= s.first
        and s.keys[i - 1] == "-"
        and s.starts[i] == s.ends[i - 1]
        and s.starts[i - 1] == s.ends[i - 2]
    )
