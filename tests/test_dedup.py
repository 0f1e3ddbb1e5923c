"""Near-duplicate detection: syndicated copies link to the original; distinct stories do not."""

from __future__ import annotations

from newsgraph.ingest.dedup import NearDuplicates, from_bytes, signature, to_bytes

STORY = (
    "Rescue teams in northern Pakistan searched on Tuesday for villagers missing after flash "
    "floods swept away homes and bridges in the Swat valley, officials said. At least 23 people "
    "were killed and dozens more were injured, the provincial disaster authority said, adding "
    "that roads into the valley remained blocked by landslides. The army sent helicopters to "
    "evacuate families stranded on rooftops, and the government promised compensation."
)
COPY = STORY.replace("Rescue teams", "Emergency crews").replace(
    "promised compensation.", "promised compensation to the families of the dead."
)
OTHER = (
    "Farmers in southern Spain blocked motorways with tractors on Tuesday to protest against "
    "rising costs and European Union environmental rules, police said. Hundreds of vehicles "
    "took part in the protest near Seville, and traffic was diverted for several hours while "
    "union leaders met officials from the regional government to discuss subsidies."
)


def test_copy_found_and_distinct_story_not() -> None:
    index = NearDuplicates()
    index.add("orig", signature(STORY))
    dup = index.check(signature(COPY))
    assert dup is not None and dup.original == "orig" and 0.5 <= dup.similarity < 1.0
    assert index.check(signature(OTHER)) is None


def test_earliest_original_wins() -> None:
    index = NearDuplicates()
    index.add("first", signature(STORY))
    index.add("second", signature(STORY + " Later update."))
    dup = index.check(signature(COPY))
    assert dup is not None and dup.original == "first"


def test_signature_bytes_round_trip() -> None:
    sig = signature(STORY)
    assert from_bytes(to_bytes(sig)).jaccard(sig) == 1.0


def test_tiny_texts_do_not_crash() -> None:
    index = NearDuplicates()
    index.add("a", signature(""))
    index.add("b", signature("Short."))
    assert index.check(signature("Short.")) is not None
