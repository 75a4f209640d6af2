"""A page's whole visible text, as a person copying it out of a browser gets it.

Roughly what a browser's ``innerText`` gives: no scripts, styles or hidden elements; every
block element (paragraph, heading, list item, table row, ``<div>``) on its own line; a
blank line around paragraphs and headings. Navigation, footers, share bars, comments and
related links are all there, because a copy-paste takes them too.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.html import HtmlElement

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe",
                   "object", "embed", "canvas", "select", "option", "button", "input",
                   "textarea", "map", "video", "audio"})
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                        "figure", "table", "ul", "ol", "dl", "hr"})
_BLOCK = _PARAGRAPH | frozenset({
    "div", "section", "article", "aside", "header", "footer", "nav", "main", "li", "dt",
    "dd", "tr", "figcaption", "form", "fieldset", "legend", "address", "details", "summary",
    "caption", "body", "center"})
_CELL = frozenset({"td", "th"})
_SPACES = re.compile(r"[^\S\n]+")
_PARSER = lxml_html.HTMLParser(encoding="utf-8")


def _hidden(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _walk(element: HtmlElement, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in _SKIP or _hidden(element):
        if element.tail:
            out.append(element.tail)
        return
    if tag == "br":
        out.append("\n")
    elif tag in _PARAGRAPH:
        out.append("\n\n")
    elif tag in _BLOCK:
        out.append("\n")
    elif tag == "img" and element.get("alt") is None:
        pass
    if element.text:
        out.append(element.text)
    for child in element:
        _walk(child, out)
    if tag in _PARAGRAPH:
        out.append("\n\n")
    elif tag in _BLOCK:
        out.append("\n")
    elif tag in _CELL:
        out.append("\t")
    if element.tail:
        out.append(element.tail)


def page_lines(html: str | bytes) -> list[str]:
    """The page's visible text: one line per block, "" between paragraphs."""
    if isinstance(html, str):
        html = html.encode("utf-8")  # lxml refuses str with an encoding declaration
    tree = lxml_html.fromstring(html, parser=_PARSER)
    body = tree.find("body")
    out: list[str] = []
    _walk(body if body is not None else tree, out)
    lines: list[str] = []
    for raw in "".join(out).split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def page_text(html: str | bytes) -> str:
    return "\n".join(page_lines(html))
