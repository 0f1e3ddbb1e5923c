"""Small hand-written event patterns for the coder tests (not the bundled dictionaries)."""

from __future__ import annotations

from newsgraph.events.patterns import Ontology, PatternFile, Patterns, Rule, TypeDef


def small_patterns() -> Patterns:
    ontology = Ontology(
        types={
            "ASSAULT": TypeDef(
                quad=4, score=-9.0, cameo="190", modes={"aerial": {"score": -9.5, "cameo": "195"}}
            ),  # type: ignore[dict-item]
            "SUPPORT": TypeDef(quad=1, score=3.0, cameo="051"),
            "SANCTION": TypeDef(quad=4, score=-5.0, cameo="163"),
            "CONSULT": TypeDef(quad=1, score=1.0, cameo="040"),
            "REQUEST": TypeDef(quad=1, score=-1.0, cameo="020"),
            "REJECT": TypeDef(quad=3, score=-4.0, cameo="120"),
        }
    )
    files = [
        PatternFile(
            type="ASSAULT",
            rules=[
                Rule(
                    id="assault.strike",
                    verbs=["strike|struck|struck", "attack", "bomb"],
                    nouns=["air strike", "strike", "attack"],
                    preps=["on", "against", "at"],
                    mode="aerial",
                    cameo="195",
                    excludes=["heart attack", "general strike"],
                ),
                Rule(
                    id="assault.fire",
                    verbs=["fire"],
                    preps=["at", "towards", "into", "on"],
                    cameo="190",
                ),
                Rule(id="assault.kill", verbs=["kill"], cameo="190"),
            ],
        ),
        PatternFile(
            type="SUPPORT",
            rules=[
                Rule(
                    id="support.reiterate",
                    verbs=["reiterate support for", "back"],
                    nouns=["support for"],
                    preps=["for"],
                    cameo="051",
                ),
            ],
        ),
        PatternFile(
            type="SANCTION",
            rules=[
                Rule(
                    id="sanction.impose",
                    verbs=["sanction", "impose sanctions on"],
                    nouns=["sanctions"],
                    preps=["on", "against"],
                    cameo="163",
                ),
            ],
        ),
        PatternFile(
            type="CONSULT",
            rules=[
                Rule(
                    id="consult.meet",
                    verbs=["meet|met|met", "meet with|met|met"],
                    nouns=["talks"],
                    preps=["with"],
                    cameo="040",
                ),
            ],
        ),
        PatternFile(
            type="REQUEST",
            rules=[
                Rule(
                    id="request.call",
                    verbs=["call for", "call on", "urge"],
                    preps=["on", "for"],
                    cameo="020",
                ),
            ],
        ),
        PatternFile(type="REJECT", rules=[Rule(id="reject.deny", verbs=["deny"], cameo="120")]),
    ]
    return Patterns(ontology, files)
