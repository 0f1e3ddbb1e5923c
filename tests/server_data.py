"""Test data of the server: analyses written here by hand (valid contract records with events,
quotes, figures, dates and framing), stored with the bundled samples in a real DuckDB file."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from newsgraph.cli import sample_paths
from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    Attribution,
    Claim,
    Cue,
    Event,
    EventDate,
    Evidence,
    Framing,
    Mention,
    Modality,
    Quote,
    Sentence,
    Speaker,
    Timex,
    Trigger,
)
from newsgraph.runner import ingest
from newsgraph.server import ServerConfig, create_app
from newsgraph.server.serve import address, bind
from newsgraph.store.writer import Store, Stored

XSS_TITLE = '<script>window.__xss = 1</script>Payload <img src=x onerror="window.__xss = 2">'
XSS_NAME = "<img src=x onerror=window.__xss=3>Fighters"


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the hand-written texts: each ends at ". " or a line break."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n" or (ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n")):
            end = i if ch == "\n" else i + 1
            if text[start:end].strip():
                lead = len(text[start:end]) - len(text[start:end].lstrip())
                spans.append((start + lead, end))
            start = i + 1
    return spans


def actor(text: str, aid: str, name: str, kind: str, code: str | None, country: str | None,
          *phrases: str | tuple[str, int]) -> Actor:  # fmt: skip
    """An actor mentioned by each phrase (or (phrase, nth occurrence)) of ``phrases``."""
    spans = [at(text, p) if isinstance(p, str) else at(text, *p) for p in phrases]
    mentions = [Mention(start=s, end=e, text=text[s:e]) for s, e in spans]
    return Actor(id=aid, name=name, kind=kind, code=code, country=country, mentions=mentions)  # type: ignore[arg-type]


def event(text: str, eid: str, etype: str, sentence: str, trigger: str, **extra: Any) -> Event:
    s, e = at(text, sentence)
    ts, te = at(text, trigger)
    return Event(
        id=eid,
        type=etype,
        evidence=Evidence(
            start=s, end=e, rule=extra.pop("rule"), trigger=Trigger(start=ts, end=te, text=trigger)
        ),
        confidence=extra.pop("confidence", 0.8),
        **extra,
    )


def _voiced(text: str, quoted: list[str]) -> list[Sentence]:
    spans = sentences(text)
    voiced = {at(text, q)[0] for q in quoted}
    return [
        Sentence(start=s, end=e, voice="quoted" if s in voiced else "narrator") for s, e in spans
    ]


BORDER_TEXT = (
    "Officials from Chad and Sudan agreed on Monday to reopen the Adre crossing, a UN "
    "spokesperson said.\n"
    '"We will keep the road open for aid," said Chad\'s foreign minister Amina Fall.\n'
    "Sudan's army accused the Rapid Support Forces of shelling a market in El Geneina, killing "
    "at least 12 people.\n"
    "The RSF denied the claim and said its fighters had only returned fire."
)


def border() -> Analysis:
    t = BORDER_TEXT
    sent1, _, sent3, sent4 = t.split("\n")
    quote = '"We will keep the road open for aid,"'
    actors = [
        actor(t, "a1", "Chad", "country", "TCD", "TCD", "Chad"),
        actor(t, "a2", "Sudan", "country", "SDN", "SDN", "Sudan"),
        actor(t, "a3", "Sudanese army", "organization", "SDNMIL", "SDN", "Sudan's army"),
        actor(
            t, "a4", "Rapid Support Forces", "group", "SDNREB", "SDN", "Rapid Support Forces", "RSF"
        ),
        actor(t, "a5", "United Nations", "organization", "IGOUNO", None, "UN"),
        actor(
            t, "a6", "Amina Fall", "person", "TCDGOV", "TCD", "Chad's foreign minister Amina Fall"
        ),
    ]
    monday = EventDate(text="Monday", value="2024-03-11", granularity="day")
    events = [
        event(t, "e1", "AGREE", sent1, "agreed", actor=["a1"], recipient=["a2"], date=monday,
              score=2.5, rule="agree.agree_to", voice=Attribution(kind="attributed", speaker="a5")),
        event(t, "e2", "ACCUSE", sent3, "accused", actor=["a3"], recipient=["a4"], score=-3.0,
              rule="accuse.accuse", confidence=0.9),
        event(t, "e3", "ASSAULT", sent3, "shelling", actor=["a4"], recipient=["a2"], score=-9.0,
              rule="assault.shell", modality=Modality(hedged=True),
              voice=Attribution(kind="attributed", speaker="a3")),
        event(t, "e4", "REJECT", sent4, "denied", actor=["a4"], recipient=["a3"], score=-2.0,
              rule="reject.deny", confidence=0.6),
    ]  # fmt: skip
    qs, qe = at(t, quote)
    ss, se = at(t, "Chad's foreign minister Amina Fall")
    cs, ce = at(t, "said", 1)
    ks, ke = at(t, "at least 12 people")
    ms, me = at(t, "Monday")
    fs, fe = at(t, "only")
    return Analysis(
        article=Article(id="t-border", title="Chad and Sudan agree to reopen border crossing",
                        published="2024-03-12", site="Test Wire", language="en", text=t,
                        url="https://news.example/border"),
        sentences=_voiced(t, [quote]),
        actors=actors,
        events=events,
        quotes=[Quote(id="q1", kind="direct", start=qs, end=qe, text=t[qs:qe],
                      speaker=Speaker(actor="a6", text=t[ss:se], start=ss, end=se),
                      cue=Cue(text="said", start=cs, end=ce))],
        claims=[Claim(id="c1", start=ks, end=ke, text=t[ks:ke], value=12, what="people killed",
                      qualifier="at least", hedged=True)],
        timexes=[Timex(start=ms, end=me, text="Monday", value="2024-03-11", granularity="day")],
        framing=[Framing(start=fs, end=fe, text="only", category="minimizer", voice="quoted",
                         speaker="a4")],
    )  # fmt: skip


TALKS_TEXT = (
    "Colombian government negotiators met ELN commanders in Caracas on Thursday, the mediators "
    "said.\n"
    "The ELN said the army had attacked one of its camps in Arauca last week.\n"
    'Colombia\'s defence ministry rejected the accusation as "propaganda".\n'
    '"Peace needs deeds from Bogota, not words," ELN negotiator Rosa Quintero said.'
)


def talks() -> Analysis:
    t = TALKS_TEXT
    sent1, sent2, sent3, _ = t.split("\n")
    quote = '"Peace needs deeds from Bogota, not words,"'
    actors = [
        actor(
            t,
            "a1",
            "Colombian government",
            "organization",
            "COLGOV",
            "COL",
            "Colombian government negotiators",
            "Bogota",
        ),
        actor(
            t,
            "a2",
            "National Liberation Army",
            "group",
            "COLREB",
            "COL",
            "ELN commanders",
            ("ELN", 1),
        ),
        actor(t, "a3", "Colombian army", "organization", "COLMIL", "COL", "the army"),
        actor(
            t,
            "a4",
            "Colombian defence ministry",
            "organization",
            "COLGOV",
            "COL",
            "Colombia's defence ministry",
        ),
        actor(t, "a5", "Rosa Quintero", "person", "COLREB", "COL", "ELN negotiator Rosa Quintero"),
    ]
    events = [
        event(t, "e1", "CONSULT", sent1, "met", actor=["a1"], recipient=["a2"], score=2.5,
              date=EventDate(text="Thursday", value="2024-05-16", granularity="day"),
              rule="consult.meet", voice=Attribution(kind="attributed")),
        event(t, "e2", "ASSAULT", sent2, "attacked", actor=["a3"], recipient=["a2"], score=-9.0,
              date=EventDate(text="last week", value="2024-W19", granularity="week"),
              rule="assault.attack", voice=Attribution(kind="attributed", speaker="a2")),
        event(t, "e3", "REJECT", sent3, "rejected", actor=["a4"], recipient=["a2"], score=-2.0,
              rule="reject.reject", modality=Modality(negated=False)),
    ]  # fmt: skip
    qs, qe = at(t, quote)
    ss, se = at(t, "ELN negotiator Rosa Quintero")
    cs, ce = at(t, "said", 2)
    ps, pe = at(t, "propaganda")
    hs, he = at(t, "Thursday")
    ws, we = at(t, "last week")
    return Analysis(
        article=Article(id="t-talks", title="Colombia and ELN rebels resume talks in Caracas",
                        published="2024-05-17", site="Test Wire", language="en", text=t),
        sentences=_voiced(t, [quote]),
        actors=actors,
        events=events,
        quotes=[Quote(id="q1", kind="direct", start=qs, end=qe, text=t[qs:qe],
                      speaker=Speaker(actor="a5", text=t[ss:se], start=ss, end=se),
                      cue=Cue(text="said", start=cs, end=ce))],
        timexes=[Timex(start=hs, end=he, text="Thursday", value="2024-05-16", granularity="day"),
                 Timex(start=ws, end=we, text="last week", value="2024-W19", granularity="week")],
        framing=[Framing(start=ps, end=pe, text="propaganda", category="label", voice="quoted",
                         speaker="a4")],
    )  # fmt: skip


XSS_TEXT = (
    "Militia <script>window.__xss = 4</script> fighters clashed with soldiers near the river.\n"
    '"<img src=x onerror="window.__xss = 5">We will return," a commander said.'
)


def payload() -> Analysis:
    """An article whose title, text, actor name and quote carry script and HTML payloads."""
    t = XSS_TEXT
    sent1 = t.split("\n")[0]
    quote = '"<img src=x onerror="window.__xss = 5">We will return,"'
    actors = [
        actor(
            t,
            "a1",
            XSS_NAME,
            "group",
            None,
            None,
            "Militia <script>window.__xss = 4</script> fighters",
        ),
        actor(t, "a2", "soldiers", "role", "MLIMIL", "MLI", "soldiers"),
        actor(t, "a3", "commander", "role", None, None, "a commander"),
    ]
    qs, qe = at(t, quote)
    ss, se = at(t, "a commander")
    return Analysis(
        article=Article(id="t-payload", title=XSS_TITLE, published="2024-06-02", text=t,
                        url="javascript:window.__xss=6"),
        sentences=_voiced(t, [quote]),
        actors=actors,
        events=[event(t, "e1", "ASSAULT", sent1, "clashed", actor=["a1"], recipient=["a2"],
                      score=-9.0, rule="assault.<b>clash</b>")],
        quotes=[Quote(id="q1", kind="direct", start=qs, end=qe, text=t[qs:qe],
                      speaker=Speaker(actor="a3", text=t[ss:se], start=ss, end=se))],
        framing=[Framing(start=0, end=7, text="Militia", category="<i>label</i>")],
    )  # fmt: skip


def built() -> list[Analysis]:
    return [border(), talks(), payload()]


@lru_cache(maxsize=1)
def _base(folder: str) -> Path:
    path = Path(folder) / "base.duckdb"
    with Store(path) as store:
        store.write([Stored(an, source=an.article.id) for an in built()])
        ingest(sample_paths(), store, progress=False)
    return path


def database(factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the test database (the hand-written analyses and the bundled samples),
    built once per run."""
    base = factory.getbasetemp() / "server-base"
    base.mkdir(exist_ok=True)
    target = factory.mktemp("server-db") / "test.duckdb"
    shutil.copyfile(_base(str(base)), target)
    return target


def config(db: Path, **extra: Any) -> ServerConfig:
    return ServerConfig(db=db, **extra)


@contextmanager
def live_server(cfg: ServerConfig) -> Iterator[str]:
    """The application on a free port of 127.0.0.1 in a thread; yields its URL."""
    app = create_app(cfg)
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the test server did not start")
            threading.Event().wait(0.02)
        yield address(sock).rstrip("/")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
