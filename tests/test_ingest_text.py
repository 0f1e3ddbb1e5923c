"""Plain text to Article: title, page furniture, date line and byline."""

from __future__ import annotations

import pytest

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.text import article_from_text, parse_date_line

BODY = "Ministers from both countries met in Doha on Monday to resume the talks."


@pytest.mark.parametrize(
    ("raw", "title", "section"),
    [
        (f"Talks resume in Doha\n\n{BODY}", "Talks resume in Doha", None),
        (
            f"Home iran Iran's leader backs Hamas\nIran's leader backs Hamas\n\n{BODY}",
            "Iran's leader backs Hamas",
            "iran",
        ),
        (
            f"Home world-news Kyiv says drones downed\n\n{BODY}",
            "Kyiv says drones downed",
            "world-news",
        ),
        (
            f"Home > World > Africa\nSudan truce collapses\n\n{BODY}",
            "Sudan truce collapses",
            "Africa",
        ),
        (
            f"Home > World > Asia Manila protests to Beijing\nManila protests to Beijing\n\n{BODY}",
            "Manila protests to Beijing",
            "Asia",
        ),
        (
            f"Homecoming for refugees in Armenia\n\n{BODY}",
            "Homecoming for refugees in Armenia",
            None,
        ),
        (f"Home Office sets new rules\n\n{BODY}", "Home Office sets new rules", None),
    ],
)
def test_title_and_breadcrumb(raw: str, title: str, section: str | None) -> None:
    article = article_from_text(raw, source="t")
    assert article.title == title
    assert article.section == section
    assert article.text == BODY


@pytest.mark.parametrize(
    "debris",
    [
        "Share this article",
        "Share on Facebook",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the news first",
        "Follow us on Telegram",
        "Advertisement",
        "Read more: Sanctions tighten on oil exports",
        "Skip to content",
        "4 min read",
        "© 2024 Example News. All rights reserved.",
    ],
)
def test_share_and_subscribe_lines_are_removed(debris: str) -> None:
    raw = f"Talks resume in Doha\n{debris}\n\n{BODY}\n\n{debris}\n\nThe next round is due in May."
    article = article_from_text(raw, source="t")
    assert debris not in article.text
    assert article.text == f"{BODY}\n\nThe next round is due in May."


def test_body_lines_that_resemble_debris_are_kept() -> None:
    raw = f"Talks resume\n\n{BODY}\n\nThe minister said he would share more details on Friday."
    assert "share more details" in article_from_text(raw, source="t").text


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published: 15 April 2024", "2024-04-15"),
        ("April 15, 2024", "2024-04-15"),
        ("Updated 15 Apr 2024 14:02 GMT", "2024-04-15"),
        ("2024-04-15", "2024-04-15"),
        ("Monday, 3 March 2025", "2025-03-03"),
        ("Posted on Sept. 9, 2023 at 10:15 a.m.", "2023-09-09"),
        # Shapes the quick reader leaves to dateparser.
        ("12/06/2024", "2024-06-12"),
        ("31 February 2024", None),
        ("The talks resumed on 15 April 2024 in Doha.", None),
        ("2024", None),
    ],
)
def test_date_line(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


def test_date_line_and_byline_become_metadata() -> None:
    raw = f"Talks resume\nPublished: 15 April 2024\nBy Amina Yusuf and Pedro Alves\n\n{BODY}"
    article = article_from_text(raw, source="t")
    assert article.published == "2024-04-15"
    assert article.authors == ["Amina Yusuf", "Pedro Alves"]
    assert article.text == BODY


def test_given_published_date_wins_over_the_date_line() -> None:
    raw = f"Talks resume\nApril 15, 2024\n\n{BODY}"
    assert article_from_text(raw, source="t", published="2024-04-16").published == "2024-04-16"


def test_single_line_is_body_not_title() -> None:
    article = article_from_text(BODY, source="t")
    assert (article.title, article.text) == ("", BODY)


def test_ids_are_stable_and_follow_content() -> None:
    a = article_from_text(f"T\n\n{BODY}", source="a")
    b = article_from_text(f"T\r\n\r\n{BODY}\r\n", source="b")
    c = article_from_text(f"T\n\n{BODY} Later.", source="c")
    assert a.id == b.id != c.id
    assert article_from_text(BODY, source="d", article_id="wire-42").id == "wire-42"


@pytest.mark.parametrize("raw", ["", "   \n\n  ", "Only a title\n\nShare this article\n"])
def test_no_text_is_a_clear_error(raw: str) -> None:
    with pytest.raises(IngestError) as err:
        article_from_text(raw, source="empty.txt")
    assert str(err.value).startswith("empty.txt: ")


def test_language_is_detected() -> None:
    fr = "Les ministres se sont réunis lundi à Doha pour reprendre les négociations de paix."
    assert article_from_text(f"Titre\n\n{fr}", source="t").language == "fr"
    assert article_from_text(f"Title\n\n{BODY}", source="t").language == "en"
