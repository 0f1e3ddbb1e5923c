"""The pages in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium, never a
downloaded one) against a live server on the test database. Each test loads a page and checks
its highlights, filters or charts; a failing test leaves a screenshot (path printed)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import server_data

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cfg = server_data.config(server_data.database(tmp_path_factory))
    with server_data.live_server(cfg) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(
    browser: Any, base_url: str, request: pytest.FixtureRequest, tmp_path_factory: Any
) -> Iterator[Any]:
    """A fresh page; its script errors are collected in ``page.errors``; a screenshot is saved
    when the test fails."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    pg.errors = errors
    failed_before = request.session.testsfailed
    yield pg
    if request.session.testsfailed > failed_before:
        folder = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (re.sub(r"[^\w.-]+", "_", request.node.name) + ".png")
        pg.screenshot(path=str(target), full_page=True)
        print(f"screenshot of the failed page: {target}")
    context.close()


def count(pg: Any, selector: str) -> int:
    return int(pg.locator(selector).count())


def test_article_highlights(page: Any) -> None:
    page.goto("/articles/t-border")
    for kind in ("actor", "trigger", "quote", "speaker", "figure", "date", "framing"):
        assert count(page, f"#text .hl-{kind}") >= 1, kind
    assert count(page, "#text .hl-trigger") == 4
    assert page.locator(".speaker-tag").inner_text() == "Amina Fall"
    # The speaker's tag stands before the quote, inside the quoted sentence.
    quoted = page.locator(".sent.voice-quoted").inner_text()
    assert quoted.startswith('Amina Fall"We will keep the road')
    assert count(page, ".sent.voice-narrator") == 3
    page.locator("#text .hl-trigger", has_text="shelling").click()
    panel = page.locator("#record-panel")
    assert panel.locator("h3").first.inner_text() == "ASSAULT event e3"
    assert panel.locator('dd[data-field="rule"]').first.inner_text() == "assault.shell"
    assert page.locator("#text .selected").inner_text() == "shelling"
    assert count(page, "#text .selected-ev") >= 3  # the rest of the evidence sentence
    assert page.errors == []


def test_article_overlaps_show_every_record(page: Any) -> None:
    page.goto("/articles/t-payload")
    # "Militia" is an actor mention and a framing span at once: both records are shown.
    page.locator("#text .hl-framing").first.click()
    kinds = page.locator("#record-panel .record-kind").all_inner_texts()
    assert sorted(k.lower() for k in kinds) == ["actor", "framing"]


def test_article_legend_hides_a_kind(page: Any) -> None:
    page.goto("/articles/t-border")
    actor = page.locator("#text .hl-actor").first
    before = actor.evaluate("n => getComputedStyle(n).borderBottomColor")
    page.locator('#legend input[data-kind="actor"]').uncheck()
    after = actor.evaluate("n => getComputedStyle(n).borderBottomColor")
    assert before != after and after == "rgba(0, 0, 0, 0)"
    page.locator('#legend input[data-kind="quote"]').uncheck()
    assert not page.locator(".speaker-tag").is_visible()


def test_article_anchor_selects_the_event(page: Any) -> None:
    page.goto("/articles/t-border#event-e2")
    assert page.locator("#record-panel h3").first.inner_text() == "ACCUSE event e2"
    assert page.locator("#text .selected").inner_text() == "accused"
    assert page.locator("#event-e2").get_attribute("class").split().count("current") == 1
    page.locator("#event-e4").click()
    assert page.locator("#record-panel h3").first.inner_text() == "REJECT event e4"
    assert page.evaluate("location.hash") == "#event-e4"


def test_events_filters_and_evidence_links(page: Any) -> None:
    page.goto("/events")
    page.locator('input[name="actor"]').fill("rapid support")
    page.locator("#type-select").select_option(["REJECT"])
    page.locator("#filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"type=REJECT"))
    types = page.locator("#events-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.type)"
    )
    assert types and set(types) == {"REJECT"}
    page.locator('a[href="/articles/t-border#event-e4"]').click()
    page.wait_for_url(re.compile(r"/articles/t-border#event-e4$"))
    assert page.locator("#record-panel h3").first.inner_text() == "REJECT event e4"
    assert page.locator("#text .selected").inner_text() == "denied"
    assert page.errors == []


def test_timeline_chart(page: Any) -> None:
    page.goto("/timeline?interval=month&article_id=t-border")
    bars = "#timeline-chart rect.bar"
    assert count(page, bars) == 4
    assert page.locator(f'{bars}[data-type="ASSAULT"]').get_attribute("data-count") == "1"
    legend = page.locator('#timeline-chart .legend-item[data-type="ASSAULT"]')
    legend.click()
    assert count(page, bars) == 3 and count(page, f'{bars}[data-type="ASSAULT"]') == 0
    legend.click()
    assert count(page, bars) == 4
    points = page.locator("#score-chart circle.score-point")
    assert points.count() == 1 and points.get_attribute("data-score") == "-2.88"
    assert page.errors == []


def test_timeline_filter_form(page: Any) -> None:
    page.goto("/timeline")
    page.locator('input[name="actor"]').fill("COLGOV")
    page.locator('input[name="recipient"]').fill("COLREB")
    page.locator('select[name="interval"]').select_option("day")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"interval=day"))
    periods = page.locator("#timeline-chart rect.bar").evaluate_all(
        "bars => bars.map(b => b.dataset.period + ' ' + b.dataset.type)"
    )
    assert {"2024-05-16 CONSULT", "2024-05-17 REJECT"} <= set(periods)


def test_dyad_view(page: Any) -> None:
    page.goto("/dyad?a=COLGOV&b=COLREB&article_id=t-talks")
    forward = page.locator("#forward-chart rect.bar").evaluate_all(
        "bars => bars.map(b => b.dataset.type).sort()"
    )
    assert forward == ["CONSULT", "REJECT"]
    assert count(page, "#backward-chart rect.bar") == 0
    assert count(page, "#forward-score circle.score-point") == 1
    assert page.errors == []


def test_network(page: Any) -> None:
    page.goto("/network?article_id=t-border")
    nodes = page.locator("#network g.node")
    assert sorted(nodes.evaluate_all("ns => ns.map(n => n.dataset.id)")) == [
        "SDN", "SDNMIL", "SDNREB", "TCD",
    ]  # fmt: skip
    assert count(page, "#network path.edge") == 4
    page.locator('#network g.node[data-id="SDNREB"] circle').click()
    assert page.locator("#node-panel h3").inner_text() == "SDNREB"
    assert count(page, "#network path.edge.dim") == 1  # TCD towards SDN does not touch it
    assert count(page, "#node-panel li.edge-item") == 3
    reject = page.locator('#network path.edge[data-type="REJECT"]')
    assert reject.is_visible()
    page.locator('#edge-legend input[data-type="REJECT"]').uncheck()
    assert not reject.is_visible()
    assert page.errors == []


def test_quote_explorer(page: Any) -> None:
    page.goto("/quotes")
    page.locator('input[name="speaker"]').fill("Quintero")
    page.locator('input[name="about"]').fill("Bogota")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"speaker=Quintero"))
    items = page.locator("#quote-list li.quote")
    assert items.count() == 1
    assert items.locator(".speaker").inner_text() == "Rosa Quintero"
    assert items.locator("mark").inner_text() == "Bogota"
    items.locator(".source a").click()
    page.wait_for_url(re.compile(r"#quote-q1$"))
    assert page.locator("#record-panel h3").first.inner_text() == "direct quote q1"


def test_analyze_pasted_text(page: Any) -> None:
    page.goto("/analyze")
    page.locator("#text").fill(
        "Border reopens\n\nKenya and Somalia reopened the border crossing on Monday, "
        "officials said, after 13 years."
    )
    page.locator('input[name="published"]').fill("2024-07-10")
    page.locator("#analyze-form button[type=submit]").click()
    page.wait_for_selector("#article")
    assert page.locator("#article-title").inner_text() == "Border reopens"
    assert "not stored" in page.locator("#analysis-status").inner_text()
    page.locator("#text .hl-date").first.click()
    assert page.locator('#record-panel dd[data-field="value"]').first.inner_text() == "2024-07-08"
    assert page.errors == []


def test_analyze_uploaded_file(page: Any, tmp_path: Path) -> None:
    upload = tmp_path / "story.txt"
    upload.write_text("Harvest season begins\n\nFarmers in the valley began the harvest early.")
    page.goto("/analyze")
    page.locator('input[name="file"]').set_input_files(str(upload))
    page.locator("#analyze-form button[type=submit]").click()
    page.wait_for_selector("#article")
    assert page.locator("#article-title").inner_text() == "Harvest season begins"


XSS_PAGES = [
    "/articles/t-payload",
    "/",
    "/articles",
    "/events?article_id=t-payload",
    "/quotes?q=return",
    "/actors?article_id=t-payload",
    "/network?article_id=t-payload",
    "/timeline?article_id=t-payload",
]


@pytest.mark.parametrize("path", XSS_PAGES)
def test_payloads_do_not_run(page: Any, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert count(page, "img[src=x]") == 0
    assert not [e for e in page.errors if "dialog" in e]


def test_payloads_show_as_text(page: Any) -> None:
    page.goto("/articles/t-payload")
    assert page.locator("#article-title").inner_text() == server_data.XSS_TITLE
    assert "<script>window.__xss = 4</script>" in page.locator("#text").inner_text()
    page.locator("#text .hl-trigger").click()
    rule = page.locator('#record-panel dd[data-field="rule"]').inner_text()
    assert rule == "assault.<b>clash</b>"
    page.goto("/network?article_id=t-payload")
    labels = page.locator("#network g.node text").all_text_contents()
    assert server_data.XSS_NAME in labels
