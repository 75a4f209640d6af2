"""Lines that are not text at all: unfilled template placeholders and script residue.

A widget whose script never ran leaves its template ("{count} comments", "Share on %s",
"Posted {{ post.date }}"); a page copied without its scripts executed, or an extractor that
missed a ``<script>`` body, leaves code ("var disqus_shortname = 'x';",
"googletag.cmd.push(function() {"). Neither is ever a sentence of an article, in any
language, so both are junk whatever words they hold.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|#\{[^}]*\}|%\(\w+\)[sd]|(?<!\w)%[sd](?!\w)|"
    r"\{(?:\d+|[a-z_][\w.]*)\}|\[\[[\w.]+\]\]|<%=?.*?%>|\[%.*?%\]|__[A-Z][A-Z0-9_]+__|"
    r"\{\{|\}\}")
_CODE_START = re.compile(
    r"(?:var|let|const)\s+[\w$]+\s*=|function\s*[\w$]*\s*\(|(?:if|for|while|switch)\s*\(|"
    r"try\s*\{|(?:window|document|googletag|jQuery|_gaq|dataLayer|gtag|fbq|console)\s*[.(\[]|"
    r"\$\(|\(function\b|\}\s*\)|<!--|-->|//\s*<!\[CDATA|<script|</script|@media\b|"
    r"@import\b|[.#]?[\w-]+\s*\{[^}]*:[^}]*;")
_CODE_CHARS = re.compile(r"[{}();=<>\[\]]")
_JSON = re.compile(r"\s*[\[{]\s*\"[^\"]+\"\s*:.*[}\]]\s*[;,]?")
MAX_WORDS = 25
PLACEHOLDER_MAX_WORDS = 12  # a widget's label, not a sentence that shows template syntax


def has_placeholder(line: str) -> bool:
    return bool(_PLACEHOLDER.search(line))


def looks_like_code(line: str) -> bool:
    """Script or style text: opens like code, or is dense with code punctuation."""
    text = line.strip()
    if not text:
        return False
    if _JSON.fullmatch(text) or _CODE_START.match(text):
        return True
    dense = len(_CODE_CHARS.findall(text)) / len(text)
    return dense >= 0.08 and text.endswith((";", "{", "}", ");", "})", "});"))


def is_residue(line: str) -> str | None:
    """ "placeholder", "script" or None."""
    if len(line.split()) > MAX_WORDS:
        return "script" if looks_like_code(line) and line.rstrip().endswith((";", "}")) else None
    if has_placeholder(line) and len(line.split()) <= PLACEHOLDER_MAX_WORDS \
            and not line.lstrip().startswith(("$ ", "> ", "# ")):
        return "placeholder"  # a shell command's own template is the article's example
    return "script" if looks_like_code(line) else None
