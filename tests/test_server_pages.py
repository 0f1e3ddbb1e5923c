"""The web pages as HTML: the annotated article (overlapping spans, voices, speakers), the lists
with their filter forms, and the small helpers behind them."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

import server_data
from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    Claim,
    Mention,
    Quote,
    Sentence,
    Speaker,
    Timex,
)
from newsgraph.server import create_app
from newsgraph.server.annotate import annotate, records
from newsgraph.server.pages import mark_terms


class Segments(HTMLParser):
    """(text, highlight kinds) for each run of text of annotated HTML; speaker tags apart."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict[str, str]] = []
        self.runs: list[tuple[str, tuple[str, ...]]] = []
        self.tags: list[str] = []
        self.voices: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append({k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        top = self.stack[-1] if self.stack else {}
        classes = top.get("class", "").split()
        if "speaker-tag" in classes:
            self.tags.append(data)
            return
        kinds = tuple(sorted(c[3:] for c in classes if c.startswith("hl-")))
        self.runs.append((data, kinds))
        classes_above = [c for a in self.stack for c in a.get("class", "").split()]
        voice = next((c for c in classes_above if c.startswith("voice-")), "")
        self.voices.append((data, voice))


def parsed(an: Analysis) -> Segments:
    p = Segments()
    p.feed(str(annotate(an)))
    return p


def record(text: str, **lists: object) -> Analysis:
    return Analysis(article=Article(id="x", text=text), **lists)  # type: ignore[arg-type]


def mention(text: str, phrase: str, aid: str = "a1", name: str = "") -> Actor:
    s, e = server_data.at(text, phrase)
    return Actor(id=aid, name=name or phrase, mentions=[Mention(start=s, end=e, text=phrase)])


def timex(text: str, phrase: str) -> Timex:
    s, e = server_data.at(text, phrase)
    return Timex(start=s, end=e, text=phrase, value="2024-05-03", granularity="day")


def claim(text: str, phrase: str) -> Claim:
    s, e = server_data.at(text, phrase)
    return Claim(id="c1", start=s, end=e, text=phrase, value=3)


def quote(text: str, phrase: str, speaker: str | None = None, actor: str | None = None) -> Quote:
    s, e = server_data.at(text, phrase)
    sp = None
    if speaker:
        ss, se = server_data.at(text, speaker)
        sp = Speaker(actor=actor, text=speaker, start=ss, end=se)
    return Quote(id="q1", kind="direct", start=s, end=e, text=phrase, speaker=sp)


T1 = '"Kenya will help," she said.'
T2 = "On May 3 soldiers fell."
T3 = "Nairobi sent 40 officers."

CASES = [
    # An actor inside a quote: the quote's segments around it, both kinds on it.
    (T1, {"actors": [mention(T1, "Kenya")], "quotes": [quote(T1, '"Kenya will help,"')]},
     [('"', ("quote",)), ("Kenya", ("actor", "quote")), (' will help,"', ("quote",)),
      (" she said.", ())]),
    # A date and a figure that cross: "May 3" and "3 soldiers".
    (T2, {"timexes": [timex(T2, "May 3")], "claims": [claim(T2, "3 soldiers")]},
     [("On ", ()), ("May ", ("date",)), ("3", ("date", "figure")), (" soldiers", ("figure",)),
      (" fell.", ())]),
    # Two records on one span.
    (T3, {"actors": [mention(T3, "40 officers")], "claims": [claim(T3, "40 officers")]},
     [("Nairobi sent ", ()), ("40 officers", ("actor", "figure")), (".", ())]),
    # A span outside the text is left out, the rest stays.
    (T3, {"actors": [mention(T3, "Nairobi"),
                     Actor(id="a2", name="ghost", mentions=[Mention(start=20, end=99, text="?")])]},
     [("Nairobi", ("actor",)), (" sent 40 officers.", ())]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lists", "expected"), CASES)
def test_overlapping_spans(text: str, lists: dict[str, object], expected: object) -> None:
    p = parsed(record(text, **lists))
    assert p.runs == expected
    assert "".join(t for t, _ in p.runs) == text


def test_voices_and_speakers() -> None:
    text = 'Troops left. "We stay," the mayor said.'
    an = record(
        text,
        sentences=[Sentence(start=0, end=12), Sentence(start=13, end=len(text), voice="quoted")],
        actors=[mention(text, "the mayor", "a9", "Mayor Ochieng")],
        quotes=[quote(text, '"We stay,"', speaker="the mayor", actor="a9")],
    )
    p = parsed(an)
    assert p.tags == ["Mayor Ochieng"]
    voices = {data: voice for data, voice in p.voices}
    assert voices["Troops left."] == "voice-narrator"
    assert voices['"We stay,"'] == "voice-quoted" and voices["the mayor"] == "voice-quoted"
    panel = records(an)["quote:q1"]
    assert ["speaker", "Mayor Ochieng"] in panel["fields"]


def test_event_records_name_their_rule() -> None:
    an = server_data.border()
    panel = records(an)["event:e3"]
    assert panel["title"] == "ASSAULT event e3"
    fields = dict(panel["fields"])
    assert fields["rule"] == "assault.shell"
    assert fields["voice"] == "attributed to Sudanese army (SDNMIL)"
    assert fields["modality"] == "hedged"
    # The trigger is clickable; the evidence only lights up with its event.
    html = str(annotate(an))
    assert 'data-refs="event:e3"' in html and 'data-ev="event:e2 event:e3"' in html


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("Peace needs deeds", ["deeds"], [("Peace needs ", False), ("deeds", True)]),
        ("Aid and AID", ["aid"], [("Aid", True), (" and ", False), ("AID", True)]),
        ("abcabc", ["bc", "cab"], [("a", False), ("bc", True), ("a", False), ("bc", True)]),
        ("nothing here", ["zzz"], [("nothing here", False)]),
        ("empty term", [""], [("empty term", False)]),
    ],
)
def test_mark_terms(text: str, terms: list[str], expected: list[tuple[str, bool]]) -> None:
    assert mark_terms(text, terms) == expected


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(server_data.config(server_data.database(tmp_path_factory)))
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/", "What the store holds"),
        ("/articles", 'id="articles-table"'),
        ("/articles/t-border", 'id="record-panel"'),
        ("/events", 'id="events-table"'),
        ("/timeline", 'id="timeline-chart"'),
        ("/dyad", "Name two actors"),
        ("/dyad?a=COLGOV&b=COLREB", 'id="forward-chart"'),
        ("/network", 'id="network"'),
        ("/quotes", 'id="quote-list"'),
        ("/claims", 'id="claims-table"'),
        ("/actors", 'id="actors-table"'),
        ("/analyze", 'id="analyze-form"'),
        ("/api", "/api/events"),
    ],
)
def test_pages_render(client: TestClient, path: str, marker: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and marker in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_article_page_lists_records_with_anchors(client: TestClient) -> None:
    html = client.get("/articles/t-border").text
    for anchor in ('id="event-e1"', 'id="event-e4"', 'id="quote-q1"', 'id="claim-c1"'):
        assert anchor in html
    assert '<span class="speaker-tag" aria-hidden="true">Amina Fall</span>' in html
    assert client.get("/articles/none").status_code == 404


def test_events_page_links_rows_to_their_evidence(client: TestClient) -> None:
    html = client.get("/events", params={"article_id": "t-talks", "type": "ASSAULT"}).text
    assert 'href="/articles/t-talks#event-e2"' in html
    assert "<mark>attacked</mark>" in html
    assert html.count('<tr data-type="') == 1


def test_blank_form_fields_are_no_filter(client: TestClient) -> None:
    params = {"article_id": "t-border", "actor": "", "country": "", "date_from": "", "voice": ""}
    html = client.get("/events", params=params).text
    assert html.count('<tr data-type="') == 4


def test_invalid_form_fields_are_told(client: TestClient) -> None:
    r = client.get("/events", params={"country": "Colombia", "date_from": "soon"})
    assert r.status_code == 400
    assert "country:" in r.text and "date_from:" in r.text


def test_paging_links_keep_the_filters(client: TestClient) -> None:
    html = client.get("/events", params={"type": "ASSAULT", "limit": 2}).text
    assert 'rel="next" href="?type=ASSAULT&amp;limit=2&amp;offset=2"' in html
    exports = 'href="/api/export/events?type=ASSAULT&amp;format=csv"'
    assert exports in html


def test_analyze_form_shows_the_result(client: TestClient) -> None:
    text = "Ceasefire talks\n\nEnvoys from both sides met in Geneva on Friday."
    r = client.post("/analyze", data={"text": text, "published": "2024-09-09"})
    assert r.status_code == 200
    assert 'id="analysis-status"' in r.text and "not stored" in r.text
    assert "Geneva" in r.text and "hl-date" in r.text
    stored = client.post("/analyze", data={"text": text, "store": "on"})
    assert "stored: <strong>stored</strong>" in stored.text


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({"text": ""}, 400, "paste a text"),
        ({"text": "A\n\nB.", "published": "tomorrow"}, 400, "not a date"),
        ({"url": "http://localhost/"}, 400, "loopback"),
    ],
)
def test_analyze_form_refusals(
    client: TestClient, data: dict[str, str], status: int, words: str
) -> None:
    r = client.post("/analyze", data=data)
    assert r.status_code == status and words in r.text
    assert 'id="analyze-form"' in r.text
