"""HTML to Article with trafilatura: body, title, date, authors, site, section and language."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from trafilatura.settings import Document

from newsgraph.ingest.decode import decode
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.ids import content_id
from newsgraph.ingest.lang import detect_language, normalise_hint
from newsgraph.model import Article

_BREADCRUMB_XPATH = (
    "//*[contains(translate(@class,'BREADCRUMB','breadcrumb'),'breadcrumb')"
    " or contains(translate(@id,'BREADCRUMB','breadcrumb'),'breadcrumb')"
    " or contains(translate(@aria-label,'BREADCRUMB','breadcrumb'),'breadcrumb')]"
)
# Less than this is navigation or a caption, not an article body.
MIN_BODY_CHARS = 40
_SPLIT_AUTHORS = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def _section(tree: Any, title: str) -> str | None:
    """The page's section: meta article:section, JSON-LD breadcrumbs, or a breadcrumb trail."""
    for value in tree.xpath("//meta[@property='article:section']/@content"):
        if str(value).strip():
            return str(value).strip()
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("@type") == "BreadcrumbList":
                names = [
                    str(e.get("name") or (e.get("item") or {}).get("name") or "")
                    for e in item.get("itemListElement", [])
                    if isinstance(e, dict)
                ]
                names = [n for n in names if n and n != title]
                if names:
                    return names[-1]
    for node in tree.xpath(_BREADCRUMB_XPATH)[:1]:
        crumbs = [t.strip() for t in node.xpath(".//a//text() | .//li//text() | .//span//text()")]
        crumbs = [c for c in crumbs if c and c not in {">", "›", "»", "/", "|"} and c != title]
        if len(crumbs) >= 2:
            return str(crumbs[-1])
    return None


def _parse_tree(html: str) -> Any:
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _body_text(text: str, title: str) -> str:
    """Paragraphs separated by blank lines, without a leading repeat of the title."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def article_from_html(
    html: str | bytes,
    *,
    source: str,
    url: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
    fallback_published: str | None = None,
) -> Article:
    """An Article from an HTML page (``published`` overrides the page's date, ``fallback_published``
    stands in when the page has none); raises IngestError when there is no article body."""
    if isinstance(html, bytes):
        html = decode(html, source, html=True)
    if not html.strip():
        raise IngestError(source, "empty input")
    tree = _parse_tree(html)
    if tree is None:
        raise IngestError(source, "not parseable as HTML")
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, deduplicate=False
        )
    except Exception as exc:  # trafilatura raises a variety of parser errors on broken pages
        raise IngestError(source, f"HTML extraction failed ({type(exc).__name__})") from exc
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        raise IngestError(source, "no article body found in the HTML")
    title = (doc.title or "").strip()
    text = _body_text(doc.text or "", title)
    if len(text) < MIN_BODY_CHARS:
        raise IngestError(source, "no article body found in the HTML")
    page_url = url or doc.url
    authors = [a for a in _SPLIT_AUTHORS.split(doc.author or "") if a]
    site = doc.sitename or (urlsplit(page_url).hostname if page_url else None) or doc.hostname
    hint = (tree.xpath("/html/@lang") or [None])[0]
    return Article(
        id=article_id or content_id(title, text),
        url=page_url,
        title=title,
        published=published or doc.date or fallback_published,
        site=site,
        section=_section(tree, title),
        authors=authors,
        language=detect_language(text, hint) or normalise_hint(hint),
        text=text,
    )
