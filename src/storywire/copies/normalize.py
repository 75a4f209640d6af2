"""Text to comparable units: words, shingles, content terms, sentences, the exact hash.

Everything downstream compares these, never raw text, so that case, accents, punctuation,
curly quotes and line wrapping never make two copies of one text look different.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"^\d[\d.,]*$")

# Function words of the languages storywire reads most (en, fr, de, es, it, nl, pt). A
# reworded copy swaps the words around them, so they say nothing about whether two
# sentences carry the same content. Kept small on purpose: rarer words stay "content".
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are aren as at be because been
before being below between both but by can cannot could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours
yourself yourselves s t d ll m re ve don didn doesn isn wasn weren won wouldn shouldn
couldn hasn haven hadn mr mrs ms dr one two three said says say told according
le la les un une des du de et en au aux ce ces cette dans par pour sur est sont qui que
qu il elle ils elles on ne pas plus avec se sa son ses leur leurs été être avait
der die das den dem des ein eine einer eines und ist im in zu mit von auf für nicht sich
auch es als an bei nach aus wie wird werden hat haben
el los las una unos unas y del al que por con para se su sus es lo como más pero
il lo gli di da per con che non è
het een van en op te dat niet voor zijn
o os as um uma do da dos das em no na nos nas e que para com não
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Casefolded, accents removed (é -> e), so "Séisme" and "seisme" are one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The text's words, folded; punctuation, case, accents and spacing are gone."""
    return [_fold(w) for w in _WORD.findall(text)]


def normalized(text: str) -> str:
    return " ".join(words(text))


def body_words(text: str) -> list[str]:
    """The normalised words that make an article's body, for exact comparison.

    Paragraphs of one or two words are left out when longer ones remain, unless they hold
    a number and sit inside the text: a section label ("Business"), a widget word left
    behind by a page layout ("FACEBOOK.") or a line that a site's learned junk removes from
    one copy only is not the article, while a numbered item ("2") on a line of its own
    must count like the same item joined to its line by a copy that reflowed the text."""
    paragraphs = [words(p) for p in re.split(r"\n\s*\n", text)]
    long = [i for i, p in enumerate(paragraphs) if len(p) > 2]
    if not long:
        kept = paragraphs
    else:
        kept = [p for i, p in enumerate(paragraphs)
                if len(p) > 2 or (long[0] < i < long[-1] and any(w.isdigit() for w in p))]
    return [w for p in kept for w in p]


def exact_hash(text: str) -> str:
    """Hash of the body's normalised words: equal for copies that differ only in layout or
    case (``body_words`` says what is left out)."""
    return hash_words(body_words(text))


def hash_words(body: list[str]) -> str:
    """The exact hash of body words already computed (``body_words``)."""
    return hashlib.blake2b(" ".join(body).encode("utf-8"), digest_size=16).hexdigest()


def without_lines(tokens: list[str], lines: list[list[str]]) -> list[str]:
    """``tokens`` with every occurrence of each word sequence in ``lines`` cut out.

    A copy that reflowed its text joined a junk line ("Sign up to get an email from …") to
    the paragraph before it, where the cleaner, judging whole lines, cannot see it; the
    original's cleaner removed it. Cutting the lines either side removed from both bodies
    tells such copies from copies whose words really differ."""
    out = tokens
    for line in sorted((x for x in lines if x), key=len, reverse=True):
        size, first, kept, i = len(line), line[0], [], 0
        while i < len(out):
            if out[i] == first and out[i:i + size] == line:
                i += size
            else:
                kept.append(out[i])
                i += 1
        out = kept
    return out


def shingles(tokens: list[str], size: int) -> set[str]:
    """Distinct word n-grams; a text shorter than ``size`` words is one shingle."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def is_number(word: str) -> bool:
    return bool(_NUMBER.match(word))


@lru_cache(maxsize=65_536)  # a pure function of the word, called for every word twice
def stem(word: str) -> str:
    """A crude suffix stripper: "workers", "worked", "working" -> "work". Only used to
    compare sentences, where it is enough that inflections of one word meet."""
    if len(word) <= 4 or is_number(word):
        return word
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ies", "ied",
                   "ers", "er", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_terms(tokens: list[str]) -> list[str]:
    """Stemmed words that carry content (no function words, no single letters)."""
    return [stem(t) for t in tokens
            if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


# -- sentences ---------------------------------------------------------------------------
_ABBREVIATIONS_TEXT = """
mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc corp ltd co no vs etc jan feb
mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m mt ft rev pres
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_BOUNDARY = re.compile(r"""(?<=[.!?…])(["'”’)\]]*)\s+(?=["'“‘(\[]?[\w"])""")


def sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph (a paragraph break always ends one)."""
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            before = paragraph[start:match.start()]
            last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
            nxt = paragraph[match.end():match.end() + 1]
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue  # "Mr. Smith", "J. Smith", "U.S. troops"
            if nxt.islower():
                continue
            found.append(paragraph[start:match.end(1)].strip())
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            found.append(tail)
    return [s for s in found if _WORD.search(s)]
