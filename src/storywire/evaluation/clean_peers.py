"""Published article extractors that read a page's markup, scored on the browser copy's
labelled lines beside the text-only cleaner.

The cleaning benchmark's targets are set on the browser copy alone. These peers say what
the field's own tools reach on the same lines when they see the HTML a copy has lost
(link density, tags, the document's tree): jusText (Pomikálek 2011, the classifier
the cleaner's region pass adapts to plain text) with its published settings, and the
readability-lxml algorithm (arc90's Readability, the algorithm Mozilla's Readability,
the set's reference, grew from) in the port trafilatura ships. Both come with
trafilatura, so they add no dependency.
"""

from __future__ import annotations

from collections.abc import Callable

import justext
from trafilatura.readability_lxml import Document
from trafilatura.utils import load_html

from storywire.clean.region import stoplist_for
from storywire.evaluation.browser_text import page_lines

JUSTEXT = "markup peer: jusText"
READABILITY = "markup peer: readability-lxml"
PEERS = (JUSTEXT, READABILITY)


def justext_paragraphs(html: str, page_text: list[str]) -> list[str]:
    """The paragraphs jusText keeps with its published defaults and the stop-word list of
    the page's language (chosen from its visible text as the cleaner chooses it)."""
    stoplist = stoplist_for(page_text) or justext.get_stoplist("English")
    paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
    return [p.text for p in paragraphs if not p.is_boilerplate]


def readability_paragraphs(html: str, page_text: list[str]) -> list[str]:
    """The lines a browser would show of readability-lxml's summary of the page."""
    tree = load_html(html)
    if tree is None:
        return []
    return [line for line in page_lines(Document(tree).summary()) if line]


EXTRACTORS: dict[str, Callable[[str, list[str]], list[str]]] = {
    JUSTEXT: justext_paragraphs,
    READABILITY: readability_paragraphs,
}
