"""The article's region in a whole page's text: jusText's line classes and the densest run.

A page copied out of a browser holds the article as one dense run of long, sentence-like
lines full of function words; the navigation above it and the footers, related links and
share bars below it are short lines without them. jusText (Pomikálek, 2011) classifies
blocks context-free by length and stop-word density (good, near-good, short, bad), then
reclassifies short and near-good ones by their neighbours, so a short paragraph or a
subheading between good paragraphs is good and a short line among bad ones is bad. Here
its published algorithm runs on text lines (no links or markup to measure), with the
stop-word lists that ship with the ``justext`` package. The region is then the run of lines
whose sum is highest when good lines count their characters and the others count against
(Finn, Kushmerick and Smyth's body-text extraction, on lines instead of tags), so a list or
a code sample inside the article does not end it while a long menu before it does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby

from storywire.clean.marks import REGION_END

# jusText's defaults (characters, shares of words).
LENGTH_LOW = 70
LENGTH_HIGH = 120  # jusText's 200 is for HTML paragraphs; a news paragraph is often one sentence
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MAX_HEADING_DISTANCE = 200
BAD_COST = 40  # what a line that is not good costs the region, in characters
MENU_RUN = 5  # this many short lines in a row without a sentence end: a menu
WRAP_MIN = 40  # a shorter line is not a hard-wrapped paragraph's line
SAMPLE_WORDS = 3000  # words read to pick the stop-word list

CJK_LENGTH_LOW = 25   # characters: about the words of LENGTH_LOW
CJK_LENGTH_HIGH = 45
CJK_CLAUSES = 1 / 40  # at least one clause mark (。，、！？) in 40 characters
# Thai, Lao, Myanmar and Khmer have no comma: a space parts clauses and sentences only,
# so a paragraph holds one every 40 to 150 characters where Chinese has a comma every 20
SEA_CLAUSES = 1 / 200
# Chinese, Japanese and Korean, and the scripts of South-East Asia that set no space
# between words (Thai, Lao, Myanmar, Khmer): there a space ends a clause or a sentence.
_CJK = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
                  r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SEA = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_UNSPACED_LETTER = r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\U0010ffff]"
_CJK_CLAUSE = re.compile(rf"[。，、！？；]|(?<={_UNSPACED_LETTER}) (?={_UNSPACED_LETTER})")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {name: frozenset(w.casefold() for w in justext.get_stoplist(name))
            for name in sorted(justext.get_stoplists())}


@cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Stop word -> the lists that hold it: one look-up per word instead of one per list."""
    index: dict[str, list[str]] = {}
    for name, words in _stoplists().items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def stoplist_for(texts: Sequence[str]) -> frozenset[str]:
    """The stop-word list of the text's language: the one its long lines that end a
    sentence use most, else its long lines. A paragraph ends a sentence, a menu item or
    a teaser's headline seldom does: a site's links in one language above an article in
    another (a wire story on a foreign portal) outnumber the article's paragraphs in long
    lines, not in sentences."""
    sentences = [t for t in texts if len(t) >= LENGTH_LOW and t.endswith(REGION_END)]
    return _stoplist_of(sentences) or _stoplist_of(texts)


def _stoplist_of(texts: Sequence[str]) -> frozenset[str]:
    """The stop-word list the long lines use most (empty: none used). Each line gives its
    stop words to the one list that holds most of them: counted over the whole sample, a
    long list that holds another language's common words as loans (Malay's holds English
    ones) would outscore that language's own list on its text."""
    counts: Counter[str] = Counter()
    index = _languages_of_word()
    seen = 0
    for text in texts:
        if len(text) >= LENGTH_LOW:
            line: Counter[str] = Counter()
            for word in _WORD.findall(text):
                line.update(index.get(word.casefold(), ()))
                seen += 1
            if line:
                best = max(sorted(line), key=lambda name: line[name])
                counts[best] += line[best]
            if seen >= SAMPLE_WORDS:
                break
    if not counts:
        return frozenset()
    best = max(sorted(counts), key=lambda name: counts[name])
    return _stoplists()[best]


LATIN_END = 0x250  # Basic Latin to Latin Extended-B: one script for the stop lists


def script_of(text: str) -> int:
    """The script most of the line's letters are in, roughly: the 128-code-point block of
    the Unicode chart they fall in (Latin's blocks as one), -1 without letters."""
    counts: Counter[int] = Counter(0 if ord(ch) < LATIN_END else ord(ch) >> 7
                                   for ch in text if ch.isalpha())
    return max(sorted(counts), key=counts.__getitem__) if counts else -1


def stoplists_by_script(texts: Sequence[str], main: frozenset[str]
                        ) -> dict[int, frozenset[str]]:
    """For each script other than the main list's that long lines are written in, the
    stop-word list those lines use most: an article in Arabic or Hebrew under a page frame
    in English is judged by its own language's function words, not by English ones it
    cannot hold."""
    main_script = script_of(" ".join(sorted(main)))
    groups: dict[int, list[str]] = {}
    for text in texts:
        if len(text) >= LENGTH_LOW and (script := script_of(text)) not in (-1, main_script):
            groups.setdefault(script, []).append(text)
    out = {}
    for script, lines in groups.items():
        found = stoplist_for(lines)
        if found and script_of(" ".join(sorted(found))) == script:
            out[script] = found
    return out


def _unspaced(text: str) -> bool:
    """Mostly Chinese or Japanese: no spaces between words, so no stop words to count."""
    return len(_CJK.findall(text)) > 0.5 * max(1, len(text.replace(" ", "")))


UNSPACED_CHARS_PER_WORD = 2  # Chinese, Japanese: about two characters a word
SEA_CHARS_PER_WORD = 4  # Thai, Lao, Myanmar, Khmer: vowel signs and tone marks are characters


def unmarked_sentences(text: str) -> bool:
    """Mostly Thai, Lao, Myanmar or Khmer: no word spaces and no full stop, so nothing
    but its length tells a paragraph from a headline."""
    return len(_SEA.findall(text)) > 0.5 * max(1, len(text.replace(" ", "")))


def prose_words(text: str) -> int:
    """How much prose a line holds, in words: its space-separated words, or, in a script
    without word spaces, its characters over the characters a word takes there, so that
    a Chinese or Thai paragraph weighs as its translation would and not as one word."""
    words = len(text.split())
    if not _unspaced(text):
        return words
    per_word = SEA_CHARS_PER_WORD if unmarked_sentences(text) else UNSPACED_CHARS_PER_WORD
    return max(words, len(text.replace(" ", "")) // per_word)


def _context_free_unspaced(text: str) -> str:
    """jusText's context-free class for a line without word spaces: a character stands for
    a short word, and the share of clause punctuation stands for the stop-word density."""
    if len(text) < CJK_LENGTH_LOW:
        return "short"
    density = len(_CJK_CLAUSE.findall(text)) / len(text)
    if density >= (SEA_CLAUSES if unmarked_sentences(text) else CJK_CLAUSES):
        return "good" if len(text) > CJK_LENGTH_HIGH else "neargood"
    return "bad"


def _context_free(text: str, stoplist: frozenset[str],
                  by_script: dict[int, frozenset[str]] | None = None) -> str:
    if "©" in text:
        return "bad"
    if _unspaced(text):
        return _context_free_unspaced(text)
    if len(text) < LENGTH_LOW:
        return "short"
    if by_script:
        stoplist = by_script.get(script_of(text), stoplist)
    words = [w.casefold() for w in _WORD.findall(text)]
    density = sum(w in stoplist for w in words) / max(1, len(words))
    if density >= STOPWORDS_HIGH:
        return "good" if len(text) > LENGTH_HIGH else "neargood"
    return "neargood" if density >= STOPWORDS_LOW else "bad"


def short_line(text: str) -> bool:
    """Shorter than a paragraph jusText would judge by its stop words."""
    return len(text) < (CJK_LENGTH_LOW if _unspaced(text) else LENGTH_LOW)


def menu_flags(texts: Sequence[str], run_lines: int = MENU_RUN) -> list[bool]:
    """Lines in a run of ``run_lines`` (``MENU_RUN``) or more short lines that end no
    sentence: a menu or a link list, where jusText on HTML would have seen its link
    density."""
    flags = [False] * len(texts)
    run: list[int] = []
    for i in [*range(len(texts)), len(texts)]:
        if (i < len(texts) and short_line(texts[i]) and not texts[i].endswith(REGION_END)
                and not (texts[i].startswith("|") and texts[i].endswith("|"))):  # a table row
            run.append(i)
            continue
        if len(run) >= run_lines:
            for j in run:
                flags[j] = True
        run = []
    return flags


def _neighbour(classes: list[str], i: int, step: int, ignore_neargood: bool) -> str:
    i += step
    while 0 <= i < len(classes):
        c = classes[i]
        if c in ("good", "bad") or (c == "neargood" and not ignore_neargood):
            return c
        i += step
    return "bad"


def _heading(text: str) -> bool:
    return len(text) < LENGTH_LOW and not text.endswith(REGION_END)


def _good_follows(texts: Sequence[str], classes: list[str], i: int) -> bool:
    distance = 0
    for j in range(i + 1, len(texts)):
        if distance > MAX_HEADING_DISTANCE:
            return False
        if classes[j] == "good":
            return True
        distance += len(texts[j])
    return False


NEAR_GOOD_RUN = 3  # near-good paragraphs in a row: an article of one-sentence paragraphs


def _near_good_runs(free: list[str], texts: Sequence[str]) -> list[str]:
    """Near-good lines that end a sentence, ``NEAR_GOOD_RUN`` or more in a row, are good.
    jusText's paragraphs are HTML blocks, and an article holds some long enough to be good
    on their own; a wire story set one sentence a paragraph holds none, and its near-good
    lines between the page's bad ones all turned bad, so the frame cut took the whole
    story. A menu's or a teaser list's lines are short, or come one between headlines,
    not in a run of sentences; a blog's short lines without a full stop (its comments
    as much as its post) are left to their neighbours."""
    out = list(free)
    sentence = [c == "neargood" and text.endswith(REGION_END)
                for c, text in zip(free, texts, strict=True)]
    for is_sentence, group in groupby(range(len(free)), key=sentence.__getitem__):
        run = list(group)
        if is_sentence and len(run) >= NEAR_GOOD_RUN:
            for i in run:
                out[i] = "good"
    return out


TIED_RUN = 3  # sentences in a row, each a paragraph of its own: a brief's run
TIED_WORDS = 5  # a sentence, not a label: "Officials gave no other details."
CONTENT_LETTERS = 4  # shorter words tie too many lines ("said", "year" are longer)
FUNCTION_LIST = 1000  # stop lists this short hold function words only; longer ones hold names
_OPENS = re.compile(r"^[\"'“‘«(\[]*(?:[^\W\d_a-z]|\d)")
_CLOSES = re.compile(r"[\"'”’»)\]]+$")
# a notice speaks to the reader; a report speaks of third parties
_READER = re.compile(r"\b(?:you|your|yours|you['’](?:re|ll|ve|d))\b", re.IGNORECASE)
# "Jane Doe is a reporter for …", "Acme is a global provider of …": an author's or a
# company's blurb, which names the article's subject without being its text
_DEFINITION = re.compile(r"^(?:[A-Z][\w'’.&-]*\s+){1,4}(?:is|are)\s+an?\s")


@cache
def _function_words() -> frozenset[str]:
    """The function words of the languages whose stop lists are short: the long lists
    (Finnish's, Korean's) hold content words and names as well."""
    short = [words for words in _stoplists().values() if len(words) <= FUNCTION_LIST]
    return frozenset().union(*short)


_POSSESSIVE = re.compile(r"['’]s$")


def topic_words(text: str, stoplist: frozenset[str]) -> set[str]:
    """The line's words that carry its topic: no function word of any language, none of
    the page's stop list, ``CONTENT_LETTERS`` letters or more, each read without a
    possessive's or a contraction's ``'s`` (so that "Hansbrough's" names the player
    "Hansbrough" names, and "it's" is the function word "it")."""
    function = _function_words()
    words = (_POSSESSIVE.sub("", x.casefold()) for x in _WORD.findall(text))
    return {w for w in words
            if len(w) >= CONTENT_LETTERS and w not in function and w not in stoplist}


def _plain_sentence(text: str, alone: bool) -> bool:
    """A statement set as a paragraph of its own: ``TIED_WORDS`` words or more, opening
    as a sentence and closing with a full stop, not speaking to the reader (a notice, a
    prompt) and not defining a name (an author's or a company's blurb)."""
    body = _CLOSES.sub("", text)
    return (alone and "©" not in text and not _unspaced(text)
            and len(text.split()) >= TIED_WORDS and body.endswith(".")
            and not body.endswith("...") and _OPENS.match(text) is not None
            and not _READER.search(text) and not _DEFINITION.match(text))


def _tied_sentences(free: list[str], texts: Sequence[str], alone: Sequence[bool],
                    stoplist: frozenset[str]) -> list[str]:
    """Short statements that tell one story are good.

    A brief's sentences are often shorter than jusText judges, and when a frame's
    language or names choose the stop list even its long ones are bad, so the frame
    cut took the brief whole. What tells its sentences from a notice's or a list's is
    that they speak of the same things: in a run of ``TIED_RUN`` or more plain
    sentences (``_plain_sentence``), each that shares a content word with another of
    the run (``topic_words``: a name, a noun, a verb) is good when at least
    ``TIED_RUN`` do and they are more than two thirds of the run. A line jusText found
    bad by its stop words turns good only when no line of the run is good on its own:
    there the list misjudged the run, while in a long article a bad line among good
    ones is left to jusText."""
    out = list(free)
    flags = [_plain_sentence(t, a) for t, a in zip(texts, alone, strict=True)]
    for is_sentence, group in groupby(range(len(free)), key=flags.__getitem__):
        run = list(group)
        if not is_sentence or len(run) < TIED_RUN:
            continue
        words = [topic_words(texts[k], stoplist) for k in run]
        tied = [k for a, k in enumerate(run)
                if any(words[a] & other for b, other in enumerate(words) if b != a)]
        if len(tied) < TIED_RUN or 3 * len(tied) <= 2 * len(run):
            continue
        misjudged = not any(free[k] == "good" for k in run)
        for k in tied:
            if free[k] in ("short", "neargood") or misjudged:
                out[k] = "good"
    return out


def classify(texts: Sequence[str], stoplist: frozenset[str],
             by_script: dict[int, frozenset[str]] | None = None,
             alone: Sequence[bool] | None = None) -> list[str]:
    """jusText's classes ("good" or "bad") of the lines, after the context revision; a
    line in a script of ``by_script`` is judged by that script's list. ``alone`` marks
    the lines that are a paragraph of their own (``_tied_sentences``)."""
    free = [_context_free(t, stoplist, by_script) for t in texts]
    free = ["bad" if menu and c == "short" else c
            for c, menu in zip(free, menu_flags(texts), strict=True)]
    free = _near_good_runs(free, texts)
    if alone is not None:
        free = _tied_sentences(free, texts, alone, stoplist)
    classes = list(free)
    for i, text in enumerate(texts):
        if classes[i] == "short" and _heading(text) and _good_follows(texts, classes, i):
            classes[i] = "neargood"
    revised = {}
    for i, c in enumerate(classes):
        if c != "short":
            continue
        before = _neighbour(classes, i, -1, True)
        after = _neighbour(classes, i, 1, True)
        if before == after:
            revised[i] = before
        elif ((before == "bad" and _neighbour(classes, i, -1, False) == "neargood")
              or (after == "bad" and _neighbour(classes, i, 1, False) == "neargood")):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    for i, c in revised.items():
        classes[i] = c
    for i, c in enumerate(classes):
        if c == "neargood":
            pair = (_neighbour(classes, i, -1, True), _neighbour(classes, i, 1, True))
            classes[i] = "bad" if pair == ("bad", "bad") else "good"
    for i, text in enumerate(texts):
        if (classes[i] == "bad" and free[i] != "bad" and _heading(text)
                and _good_follows(texts, classes, i)):
            classes[i] = "good"
    return classes


@dataclass(frozen=True)
class Region:
    start: int  # first line of the article's run
    end: int    # last line of it (inclusive); end < start: no region
    classes: tuple[str, ...]
    menus: tuple[bool, ...]  # in a run of short lines (``menu_flags``)


def paragraph_units(texts: Sequence[str], blocks: Sequence[int]) -> list[list[int]]:
    """Lines grouped into paragraphs: a line of a block that does not end a sentence runs
    on into the next when that one starts in lowercase or it ends with a comma (a page
    hard-wrapped with line breaks), so each paragraph is judged whole, as jusText does."""
    units: list[list[int]] = []
    for i, text in enumerate(texts):
        if units and blocks[i] == blocks[i - 1]:
            prev = texts[i - 1]
            if (len(prev) >= WRAP_MIN and not prev.endswith(REGION_END)
                    and (text[:1].islower() or prev.endswith(","))):
                units[-1].append(i)
                continue
        units.append([i])
    return units


def find_region(texts: Sequence[str], blocks: Sequence[int] | None = None,
                stoplist: frozenset[str] | None = None) -> Region:
    """The lines' classes and the run of lines with the highest sum (good lines add their
    length, the others cost ``BAD_COST``)."""
    units = paragraph_units(texts, blocks if blocks is not None else range(len(texts)))
    joined = [" ".join(texts[i] for i in u) for u in units]
    by_script = None
    if stoplist is None:
        stoplist = stoplist_for(joined)
        by_script = stoplists_by_script(joined, stoplist)
    block_of = list(blocks) if blocks is not None else list(range(len(texts)))
    sizes = Counter(block_of)
    alone = [sizes[block_of[u[0]]] == len(u) for u in units]
    unit_classes = classify(joined, stoplist, by_script, alone)
    classes = [""] * len(texts)
    menus = [False] * len(texts)
    for unit, c, menu in zip(units, unit_classes, menu_flags(joined), strict=True):
        for i in unit:
            classes[i], menus[i] = c, menu
    start, end = densest_run([len(text) if c == "good" else -BAD_COST
                              for text, c in zip(texts, classes, strict=True)])
    return Region(start, end, tuple(classes), tuple(menus))


def densest_run(gains: Sequence[int]) -> tuple[int, int]:
    """(first, last) index of the run of ``gains`` with the highest positive sum, the
    first such run on a tie; (0, -1) when no gain is positive (Finn, Kushmerick and
    Smyth's body-text extraction)."""
    best, start, end = 0, 0, -1
    total, run_start = 0, 0
    for i, gain in enumerate(gains):
        if total <= 0:
            total, run_start = 0, i
        total += gain
        if total > best:
            best, start, end = total, run_start, i
    return start, end
