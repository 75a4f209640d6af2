"""Quotes: direct (in marks), partial (fragments in marks inside a reported sentence) and
indirect (reported speech without marks), each with its cue and speaker.

The marks come from ``marks`` (plain text); sentences, cue verbs and their subjects from
the spaCy parse; names from ``entities``; the speaker from ``speakers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from storywire.understand.cues import (
    FINDING,
    REPORTING,
    cue_lemma,
    is_cue,
    learned_cues,
    object_reporting,
    says,
)
from storywire.understand.entities import TITLES, WORK_WORDS, doc_text
from storywire.understand.marks import Marked, find_marked
from storywire.understand.ranking import Candidate, CandidateFinder, shipped_model
from storywire.understand.speakers import Speaker, SpeakerFinder

MIN_INDIRECT_TOKENS = 2
MIN_PARTIAL_WORDS = 2
MAX_UNATTRIBUTED_WORDS = 5
# A quote with no verb of saying and nobody to say it: chosen on train (5, 8, 12, 15, 20
# words gave direct F1 0.9197, 0.9209, 0.9215, 0.9221, 0.9220).
MAX_UNCUED_WORDS = 15
# How far (tokens) from a cue the parser gave no subject its speaker's name may be: chosen
# on train's cross-validation (6, 12, 25 tokens: 4,410, 4,415, 4,416 direct quotes right;
# the shorter reach kept, since 25 was one quote lower in an earlier form of the rule).
NEAREST_NAME_TOKENS = 12
_BREAKS = re.compile(r"\n+")  # a paragraph break, whether one or two newlines
# A stop, the closing marks after it, then the space before the next sentence or the end
# of the words looked at (``ends_sentence`` checks what follows the space).
_STOP = re.compile(r"[.!?][”\"'’»]*(?:\s+|\Z)")
_WORD_BEFORE = re.compile(r"(\w+)\Z")
_OPENING_MARKS = "“\"‘'«„"
# Short forms whose point is no sentence's end: the titles written with a stop ("Mr.",
# "Sen.", "Gov."), which stand before a name.
ABBREVIATIONS = frozenset(t[:-1] for t in TITLES if t.endswith("."))
# Verbs that frame a quoted fragment as someone's words besides the verbs of saying.
FRAMING = frozenset(("slammed", "branded", "labelled", "labeled", "dubbed", "termed",
                     "hailed", "praised", "condemned", "derided", "mocked", "blasted"))


@dataclass(eq=False)
class Quote:
    text: str
    kind: str  # direct | partial | indirect
    start: int
    end: int
    cue: str | None = None
    speaker: Speaker | None = None
    continues: Quote | None = None  # the quote of the paragraph before, same speaker
    cue_at: int | None = None  # where the cue is, to tell an own attribution from a later one


    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text,
                "speaker": self.speaker.name if self.speaker else None,
                "speaker_description": self.speaker.description if self.speaker else None,
                "cue": self.cue, "kind": self.kind, "start": self.start, "end": self.end}


SHIPPED_MODEL = object()
SHIPPED_CUES = object()


def quoted_spans(text: str) -> tuple[list[Marked], list[tuple[int, int]]]:
    """The passages in marks, and where each runs from its opening to its closing mark."""
    marked = [m for m in find_marked(text) if m.content(text)]
    return marked, [(m.open_at, (m.close_at + 1) if m.close_at is not None else m.end)
                    for m in marked]


def find_quotes(doc: Any, finder_factory: Any, model: Any = SHIPPED_MODEL,
                cues: Any = SHIPPED_CUES) -> list[Quote]:
    """Every quote of a parsed article, in text order. Speakers are chosen by ``model``
    (a ``ranking.SpeakerModel``; by default the shipped one) among each quote's
    candidates; ``model=None`` keeps the parse rules' choice. ``cues`` are the learned
    attributing words (``cues.learned_cues``, by default the shipped ones; ``{}``: none)."""
    text = doc_text(doc)
    marked, quoted = quoted_spans(text)
    finder: SpeakerFinder = finder_factory(quoted)
    quotes = _rule_quotes(doc, finder, marked,
                          learned_cues() if cues is SHIPPED_CUES else cues)
    if model is SHIPPED_MODEL:
        model = shipped_model()
    if model is not None:
        rank_speakers(doc, finder, quotes, model)
    return quotes


def rank_speakers(doc: Any, finder: SpeakerFinder, quotes: list[Quote], model: Any) -> None:
    """Replace each quote's speaker by the model's best candidate."""
    for quote, candidates in zip(quotes, speaker_candidates(doc, finder, quotes),
                                 strict=True):
        best = model.best(candidates)
        if best is None:
            continue
        rule = quote.speaker
        if rule is not None and rule.name and rule.name == best.speaker.name:
            continue  # the same person: the rules' mention keeps its description
        quote.speaker = finder.described(best.speaker)


def speaker_candidates(doc: Any, finder: SpeakerFinder,
                       quotes: list[Quote]) -> list[list[Candidate]]:
    """Each quote's candidate speakers, with the rules' choice as one of their features."""
    ranker = CandidateFinder(doc, finder)
    out, previous = [], None
    for quote in quotes:
        cue = None
        if quote.cue_at is not None:
            span = doc.char_span(quote.cue_at, quote.cue_at + 1, alignment_mode="expand")
            cue = span[0] if span is not None else None
        out.append(ranker.candidates(quote, previous, cue))
        if quote.speaker is not None:
            previous = quote.speaker
    return out


def _rule_quotes(doc: Any, finder: SpeakerFinder, marked: list[Marked],
                 cues: dict[str, frozenset[str]]) -> list[Quote]:
    text = finder.text
    quotes: list[Quote] = []
    partial_at: dict[int, Quote] = {}
    for passage in marked:
        quote = (_going_on(text, quotes[-1], passage) if quotes else None) \
            or _marked_quote(doc, passage, finder)
        if quote is None:
            continue
        quotes.append(quote)
        if quote.kind == "partial":
            partial_at[passage.open_at] = quote
    quotes = _join_split(text, quotes)
    quotes = _drop_inside(quotes)
    _continue_speakers(text, quotes)
    quotes = _join_continued(text, quotes)
    _run_on_fragments(doc, finder, marked, quotes)
    # A few words in marks that nobody is said to say are a title, a slogan or a label;
    # a longer passage with neither a verb of saying nor a speaker is a headline, a
    # chant or a sign as often as a quote.
    quotes = [q for q in quotes if q.speaker is not None or len(q.text.split()) > (
        MAX_UNATTRIBUTED_WORDS if q.cue is not None else MAX_UNCUED_WORDS)]
    # A kept quote whose cue the parser gave no subject takes the name nearest the cue;
    # after the cut above, so that such a name keeps no title or label as a quote.
    for quote in quotes:
        if quote.speaker is None and quote.kind == "direct" and quote.cue_at is not None \
                and not quote.start <= quote.cue_at < quote.end:
            cue = doc.char_span(quote.cue_at, quote.cue_at + 1, alignment_mode="expand")
            if cue is not None:
                quote.speaker = _nearest_name(doc, cue[0], finder)
    _headline_run_on(finder.text, marked, quotes)
    for quote in _reported(doc, finder, marked, partial_at, quotes):
        quotes.append(quote)
    for quote in _learned(doc, finder, cues, [(q.start, q.end) for q in quotes]):
        quotes.append(quote)
    # A transcript's line is its speaker's whatever it reports inside ("TAPPER: Donald
    # Trump released a video …"): only a quote running out of the line keeps it out, and
    # the reports inside the line are part of it.
    taken = [(q.start, q.end) for q in quotes if q.kind != "indirect"]
    nested = [(q.start, q.end) for q in quotes if q.kind == "indirect"]
    for quote in _labelled_lines(finder):
        if not any(s < quote.end and quote.start < e for s, e in taken) and not any(
                s < quote.end and quote.start < e and (s < quote.start or e > quote.end)
                for s, e in nested):
            quotes = [q for q in quotes if not _holds(quote, q)]
            quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    quotes = _drop_repeated(quotes)
    _with_marks(text, marked, quotes)
    _whole_passages(text, marked, quotes)
    return [q for q in quotes if not _only_a_title(text, marked, q)]


def _only_a_title(text: str, marked: list[Marked], quote: Quote) -> bool:
    """Whether an indirect quote is no more than a passage in marks that names a work
    ("a co-host of the podcast *“So, That Happened.”*"): the construction that took it
    reports a title, which the passage rules left out, not anyone's words. A verb of
    saying's report is left alone: "said of the episode, ''I don't like it''" quotes
    words after a work's word."""
    if quote.kind != "indirect" or (quote.cue is not None and cue_lemma(quote.cue)):
        return False
    return any(m.open_at == quote.start and m.closed_at(text) == quote.end
               and _names_a_work(text, m) for m in marked)


def _whole_passages(text: str, marked: list[Marked], quotes: list[Quote]) -> None:
    """An indirect quote never cuts a passage in marks: a clause the parse ends on a word
    inside the marks (Bush called Trump “unhinged.”, the stop and the closing mark hung
    elsewhere) runs on to the closing mark, and one it starts inside them starts at the
    opening mark. What was said in marks is said whole, as printed."""
    for quote in quotes:
        if quote.kind != "indirect":
            continue
        for passage in marked:
            if passage.close_at is None:
                continue
            end = passage.closed_at(text)
            if passage.open_at < quote.start < end:
                quote.start = passage.open_at
            if passage.open_at < quote.end < end:
                quote.end = end
        quote.text = text[quote.start:quote.end]


# Punctuation between a quote's last word and its closing mark (“… reform.”, “No,”).
_CLOSING_PUNCT = " \u00a0\u202f,.;:!?…"


def _with_marks(text: str, marked: list[Marked], quotes: list[Quote]) -> None:
    """A quote in marks spans its marks as printed, the closing punctuation inside them
    included (“No,” not No): the passage a reader sees, and what PolNeAR's content spans
    hold. Done last, so the joins and cuts above compare the words alone; ``text``
    stays the words."""
    opens = {m.start: m.open_at for m in marked}
    # A closing mark's offset -> where the mark ends.
    closes = {m.close_at: m.closed_at(text) for m in marked if m.close_at is not None}
    for quote in quotes:
        if quote.kind == "indirect":
            continue
        quote.start = opens.get(quote.start, quote.start)
        end = quote.end
        while end < len(text) and text[end] in _CLOSING_PUNCT:
            end += 1
        if end in closes:
            quote.end = closes[end]
        elif quote.end - 1 in closes:  # a span that already ends on the mark
            quote.end = closes[quote.end - 1]


def _drop_repeated(quotes: list[Quote]) -> list[Quote]:
    """A quote in marks that lies within another quote in marks is already told by it
    (a fragment a reported clause widened, then met again as a fragment of its own);
    of two with the same span, the first is kept."""
    marked = [(i, q) for i, q in enumerate(quotes) if q.kind != "indirect"]

    def told(i: int, q: Quote) -> bool:
        return any(j != i and o.start <= q.start and q.end <= o.end
                   and ((o.start, o.end) != (q.start, q.end) or j < i) for j, o in marked)

    return [q for i, q in enumerate(quotes) if q.kind == "indirect" or not told(i, q)]


# -- quotes in marks ------------------------------------------------------------------------
# Words that say the marks hold a written text, a name or a title, not speech: "a tattoo
# reading “…”", "a banner that said “…”" is a sign's text; "a film titled “…”" a title.
# (Not "called" or "dubbed": "called the plan “a disaster”" reports words.)
_WRITTEN_THINGS = re.compile(
    r"(?i)\b(?:tattoo(?:ed)?|inscri(?:bed|ption)|engraved|sign|signs|banner|banners|placard|"
    r"placards|poster|posters|slogan|slogans|graffiti|t-shirt|shirt|shirts|plaque|caption|"
    r"headline|motto|hashtag|sticker|flag|titled|entitled|reading)\b[^.!?\n“”\"]{0,25}$")


def _written_text(text: str, passage: Marked) -> bool:
    """Whether the marks hold an inscription, a name or a title (``_WRITTEN_THINGS``),
    unless someone is said to say them in between ("explained the headline by saying:
    “…”")."""
    found = _WRITTEN_THINGS.search(text[max(0, passage.open_at - 60):passage.open_at])
    if found is None:
        return False
    words = re.findall(r"[\w’']+", found.group(0))[1:]
    return not any(word.lower() in _PREPOSITIONS and cue_lemma(following)
                   for word, following in pairwise(words))


_PREPOSITIONS = frozenset(("by", "after", "before", "while", "when", "in", "without"))
# A work named right after the word for it ("in his 2012 book, ''An American Son.''", "the
# podcast “So, That Happened.”", "a show called "Brokers,""): a title in marks, not words
# anyone says. Only with nothing but a comma or "called" between, and a capital after the
# mark ("the album is “in the home stretch”" reports words; "the book: ''…''" quotes one).
_WORKS = re.compile(
    rf"(?i)\b(?:{'|'.join(sorted(WORK_WORDS))})(?:[\s,]*(?:called|titled|entitled|named))?"
    r"[\s,]*$")


def _names_a_work(text: str, passage: Marked) -> bool:
    return text[passage.start:passage.start + 1].isupper() and _WORKS.search(
        text[max(0, passage.open_at - 40):passage.open_at]) is not None


def _marked_quote(doc: Any, passage: Marked, finder: SpeakerFinder) -> Quote | None:
    text = finder.text
    content = passage.content(text)
    if _written_text(text, passage) or _names_a_work(text, passage) or _subtitled(content):
        return None
    kind = "direct" if _stands_alone(doc, passage, content) else "partial"
    cue = _nearest_cue(doc, passage, finder, kind)
    speaker = None
    if cue is not None:
        subject = _according_source(cue, finder) or finder.subject_of(cue)
        if subject is not None:
            speaker = finder.speaker_for(subject)
    if cue is None or cue.idx < passage.open_at or speaker is None:
        trailing = _trailing_attribution(doc, passage, finder)
        # A verb the parser read as one stays with the rules above unless they found no
        # one; a cue it read as a noun ("states") is the quote's own.
        if trailing is not None and (speaker is None or not says(trailing[0])):
            cue, subject = trailing
            speaker = _before(finder.speaker_for(subject), cue, text)
    if speaker is None and kind == "direct":
        speaker = _signed(passage, finder)
    if speaker is None and kind == "direct":
        introduced = _introduced(doc, passage, finder)
        if introduced is not None:
            verb, speaker = introduced
            if cue is None and verb is not None and cue_lemma(verb.text):
                cue = verb
    if speaker is None and kind == "direct" and not _is_title(content):
        manner = _manner_verb(doc, passage, finder) or _verb_before(doc, passage, finder)
        if manner is not None:
            verb, speaker = manner
            cue = cue or verb
    if kind == "partial":
        if cue is None:
            cue = _framing_verb(doc, passage, finder)
            if cue is not None and cue_lemma(cue.text) is None \
                    and cue.text.lower() not in FRAMING:
                cue = None  # "portrayed the shooting as a “workplace” incident": a label
            subject = finder.subject_of(cue) if cue is not None else None
            speaker = finder.speaker_for(subject) if subject is not None else None
        # A word in marks, or words nobody is said to say, are a title or a scare quote;
        # so are a few words all capitalised ("Meet the Press", "Star Wars").
        if speaker is None or cue is None or len(content.split()) < MIN_PARTIAL_WORDS \
                or _is_title(content):
            return None
        span = _parenthetical(doc, cue, passage, finder) \
            or _complement(doc, cue, passage, finder)
        pronoun = _relative_object(cue, passage)
        if pronoun is not None and (span is None or span[0] >= passage.open_at):
            span = (pronoun.idx, span[1] if span is not None else _content_end(text, passage))
        if span is not None:  # the words said, with the writer's words that frame them
            return Quote(text[span[0]:span[1]], kind, span[0], span[1], cue.text, speaker,
                         cue_at=cue.idx)
    return Quote(content, kind, passage.start, _content_end(text, passage),
                 cue.text if cue is not None else None, speaker,
                 cue_at=cue.idx if cue is not None else None)


def _relative_object(cue: Any, passage: Marked) -> Any | None:
    """The relative pronoun a cue's fragment describes ("what she calls “real
    solutions”", "whom he called a “con artist”"): the pronoun object before the cue."""
    for child in cue.children:
        if child.i < cue.i and child.idx < passage.open_at and child.tag_ in ("WP", "WDT") \
                and child.lower_ in ("what", "which", "whom", "who") \
                and child.dep_ in ("dobj", "nsubj", "oprd", "attr", "nsubjpass"):
            return child
    return None


def _headline_run_on(text: str, marked: list[Marked], quotes: list[Quote]) -> None:
    """A headline's quote after a name and a colon runs on to the headline's end when
    the headline goes on after the closing mark ("Bernie Sanders: ‘Of Course’ Hillary
    Clinton Is Qualified To Be President"): the words in marks open the sentence the
    headline gives the speaker, as PolNeAR marks it."""
    headline_end = text.find("\n")
    if headline_end < 0:
        return
    ends = {_content_end(text, m): m for m in marked}
    for quote in quotes:
        passage = ends.get(quote.end)
        if quote.kind != "direct" or quote.speaker is None or passage is None \
                or passage.close_at is None or passage.close_at >= headline_end \
                or not text[:passage.open_at].rstrip().endswith(":"):
            continue
        after = passage.closed_at(text)
        rest = text[after:headline_end].rstrip(" .")
        if re.match(r"[ \t]+\w", rest):
            quote.end = after + len(rest)
            quote.text = text[passage.open_at:quote.end]


def _nearest_name(doc: Any, cue: Any, finder: SpeakerFinder) -> Speaker | None:
    """The speaker of a cue the parser gave no subject: the name nearest to it in its
    sentence, outside the quotes ("“…” reacted Trump", the name read as an object;
    "…, Col. Steven H. Warren, a military spokesman in Baghdad, said, ''…''", the name
    read as the object of "on Dec. 2")."""
    sentence = cue.sent
    best, best_gap = None, NEAREST_NAME_TOKENS + 1
    for mention in finder.mentions:
        if mention.label != "PERSON" or finder.inside_quote(mention.start):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not sentence.start <= span.root.i < sentence.end:
            continue
        gap = min(abs(token.i - cue.i) for token in span)
        if gap < best_gap:
            best, best_gap = span.root, gap
    return finder.speaker_for(best) if best is not None else None


# Children of a cue that are not part of what was said: "told *them* that …",
# "said *Tuesday* that …", "…,” said *Smith*".
_NOT_SAID = frozenset(("punct", "cc", "conj", "dative", "npadvmod", "advmod", "agent",
                       "nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "mark"))


def _complement(doc: Any, cue: Any, passage: Marked,
                finder: SpeakerFinder) -> tuple[int, int] | None:
    """For a fragment inside the writer's sentence, the whole of what the cue attributes
    ("dismissed *the battalion as “crazy citizens”*", "says *he’s “excited where we
    stand”*"): the cue's complements after it that hold the fragment."""
    if cue.lower_ == "according" or cue.idx > passage.open_at:
        return None
    text = finder.text
    close = passage.close_at + 1 if passage.close_at is not None else passage.end
    parts = [c for c in cue.children if c.i > cue.i and c.dep_ not in _NOT_SAID]
    holding = [c for c in parts if c.left_edge.idx <= passage.open_at + 1
               and c.right_edge.idx + len(c.right_edge) >= close - 1]
    if not parts or (not holding and not any(
            c.left_edge.idx <= passage.open_at + 1 for c in parts)):
        return None
    # Clauses after the one holding the fragment ("… as he faces a test") are the writer's.
    last = holding[-1] if holding else max(parts, key=lambda c: c.i)
    parts = [c for c in parts if (c.i <= last.i and c.dep_ not in ("advcl",)) or c is last]
    # "told reporters in May *that he was “not quite there yet.”*": what was said starts at
    # the reported clause; whom it was told to, where and when are the writer's words.
    clause = next((c for c in parts if c.dep_ == "ccomp" and c.left_edge.idx <= passage.open_at
                   and any(t.dep_ == "mark" for t in c.children)), None)
    if clause is not None:
        parts = [c for c in parts if c.i >= clause.left_edge.i]
    tokens = [t for c in parts for t in (c.left_edge, c.right_edge)]
    start = min(t.idx for t in tokens)
    end_token = max(tokens, key=lambda t: t.i)
    while end_token.i > cue.i and _trailing_punct(end_token):
        end_token = doc[end_token.i - 1]
    end = max(end_token.idx + len(end_token), close)
    # Never past the paragraph, nor the sentence the fragment closes.
    closing = doc.char_span(close - 1, close, alignment_mode="expand")
    limit = closing[-1].sent.end_char if closing is not None else end
    paragraph_end = text.find("\n", close)
    if paragraph_end >= 0:
        limit = min(limit, paragraph_end)
    end = max(min(end, limit), close)
    while end > close and text[end - 1] in " .,;:":
        end -= 1
    return min(start, passage.open_at), end


def _parenthetical(doc: Any, cue: Any, passage: Marked,
                   finder: SpeakerFinder) -> tuple[int, int] | None:
    """For a fragment in a sentence whose attribution is set off by commas ("A comic
    tone, she said, would make the subject more accessible and “widen the
    conversation.”"): the whole sentence is what was said, attribution included, as
    PolNeAR marks it."""
    text = finder.text
    subject = finder.subject_of(cue)
    if subject is None or subject.i > cue.i or subject.tag_ in ("WP", "WDT"):
        return None
    first = subject.left_edge
    last = cue
    while last.i + 1 < len(doc) and doc[last.i + 1].dep_ in ("npadvmod", "advmod") \
            and doc[last.i + 1].head.i == cue.i:
        last = doc[last.i + 1]
    if text[max(0, first.idx - 2):first.idx] != ", " or last.i + 1 >= len(doc) \
            or doc[last.i + 1].text != ",":
        return None
    sentence = cue.sent
    start, end = sentence.start_char, sentence.end_char
    paragraph = text.rfind("\n", 0, passage.open_at) + 1
    start = max(start, paragraph)
    line_end = text.find("\n", passage.open_at)
    if line_end >= 0:
        end = min(end, line_end)
    if not start <= passage.open_at < end:
        return None
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    return start, end


_TITLE_SMALL_WORDS = frozenset(("a", "an", "the", "of", "and", "or", "in", "on", "to",
                                "for", "at", "with", "de", "la"))


def _is_title(content: str) -> bool:
    words = content.rstrip(".!?").split()
    return len(words) <= 6 and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS
                                   for w in words) and words[0][:1].isupper()


def _subtitled(content: str) -> bool:
    """Whether words in marks are a title and its subtitle, each all capitalised, after
    a colon ("The Fixers: Eddie Mannix, Howard Strickling and the MGM Publicity
    Machine"): a book's or a report's name, however long, not anyone's words."""
    parts = content.rstrip(".!?,").split(":")
    return len(parts) == 2 and len(content.split()) > 3 \
        and all(part.split() and _capitalised(part.split()) for part in parts)


def _capitalised(words: list[str]) -> bool:
    return (words[0][:1].isupper() or words[0][:1].isdigit()) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _content_end(text: str, passage: Marked) -> int:
    end = passage.end
    while end > passage.start and text[end - 1] in " ,\n":
        end -= 1
    return end


def _stands_alone(doc: Any, passage: Marked, content: str) -> bool:
    """Whether a quoted passage is a quote of its own (direct) rather than a fragment set
    inside the writer's sentence (partial)."""
    text = doc_text(doc)
    if passage.paragraphs > 1:
        return True
    line_start = text.rfind("\n", 0, passage.open_at) + 1
    sentence = doc.char_span(passage.open_at, passage.open_at + 1, alignment_mode="expand")
    start = max(line_start, sentence.sent.start_char if sentence is not None else line_start)
    before = text[start:passage.open_at].rstrip()
    first = content.lstrip("…. ")[:1]
    if not first or not (first.isupper() or first.isdigit() or not first.isalpha()):
        return False
    if not before or before[-1] in ":,—–(.!?":  # ".!?": a sentence the parse ran on
        return True
    last_word = before.split()[-1].lower() if before.split() else ""
    if cue_lemma(last_word):
        return True
    # Several sentences in marks are a quote of their own whatever precedes them: a
    # sentence end before the passage's own last stop ("with Mr. Delgado." is one).
    return ends_sentence(content.rstrip(" .!?…”’\"'"))


def _sentences(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out, seen = [], set()
    for token in (span[0], span[-1]):
        sentence = token.sent
        if sentence.start not in seen:
            seen.add(sentence.start)
            out.append(sentence)
    if len(out) == 2 and out[1].start > out[0].end:
        out[1:1] = list(doc[out[0].end:out[1].start].sents)
    return out


def _nearest_cue(doc: Any, passage: Marked, finder: SpeakerFinder, kind: str) -> Any | None:
    """The verb of saying closest to the passage, outside any quote, in the sentences it
    spans (and, for a quote that ends its sentence, a short attribution right after)."""
    close = passage.close_at if passage.close_at is not None else passage.end
    sentences = _sentences(doc, passage.open_at, close + 1)
    own = len(sentences)
    if sentences:
        last = sentences[-1]
        if last.end < len(doc) and last.end_char <= close + 3:
            following = doc[last.end].sent
            opening = [t for t in following[:5] if not t.is_punct]
            words = [t for t in following if not t.is_space]
            starts = words[0].idx if words else following.end_char
            # "“… lessons?” the 43-year-old asked in the video's description": a sentence
            # the parser ended at the closing mark runs on in lower case.
            if "\n" not in finder.text[close:starts] and (
                    len(following) <= 8 or any(is_cue(t) for t in opening)
                    or (words and words[0].text[:1].islower())):
                sentences.append(following)
    # “…,” he said: a quote closed on a comma is attributed after it, when a cue is there.
    if finder.text[max(passage.start, close - 2):close].rstrip().endswith(","):
        after = _closest_cue(sentences, passage, close, finder, kind, after_only=True)
        if after is not None and (finder.subject_of(after) is not None
                                  or not _cue_before(sentences, passage, finder)):
            return after
    # A cue in the quote's own sentences comes before one in the sentence after it ("he
    # said, “I never said that.” Asked if …, Trump replied").
    if len(sentences) > own:
        found = _closest_cue(sentences[:own], passage, close, finder, kind, after_only=False)
        if found is not None:
            return found
    return _closest_cue(sentences, passage, close, finder, kind, after_only=False)


def _cue_before(sentences: list[Any], passage: Marked, finder: SpeakerFinder) -> bool:
    """Whether a verb of saying with a subject comes before the passage in its sentences
    (he said, “We’ll see,” when asked …: the cue after it, with no subject, is not its
    attribution)."""
    return any(t.idx < passage.open_at and not finder.inside_quote(t.idx) and is_cue(t)
               and finder.subject_of(t) is not None
               and "\n" not in finder.text[t.idx:passage.open_at]
               for sentence in sentences for t in sentence)


def _closest_cue(sentences: list[Any], passage: Marked, close: int, finder: SpeakerFinder,
                 kind: str, after_only: bool) -> Any | None:
    best, distance = None, None
    for sentence in sentences:
        for token in sentence:
            if finder.inside_quote(token.idx) or not is_cue(token):
                continue
            if after_only and token.idx < passage.open_at:
                continue
            if "\n" in (finder.text[close:token.idx] if token.idx > close
                         else finder.text[token.idx:passage.open_at]):
                continue  # an attribution does not cross a paragraph break
            if kind == "partial" and token.idx > passage.open_at \
                    and (len(finder.text[close:token.idx].split()) > 4
                         or _ends_sentence(finder.text, close, token.idx)):
                continue  # a fragment's speaker is named before it, or right after it
            gap = passage.open_at - token.idx if token.idx < passage.open_at \
                else token.idx - close
            if distance is None or gap < distance:
                best, distance = token, gap
    return best


def _according_source(cue: Any, finder: SpeakerFinder) -> Any | None:
    """Who a quote comes through when its attribution names a second source ("“…,”
    Grayson said, according to Frankel", "… O'Malley said at a press conference,
    according to the Las Vegas Sun"): the object of an "according to" that hangs on the
    cue. The writer vouches only for that source's account, and PolNeAR marks it as the
    quote's source. The parser may hang "according" on a verb of the quote instead; it
    still belongs to the attribution when it stands outside the marks in the cue's
    sentence."""
    if cue.lower_ == "according":
        return None
    for token in cue.sent:
        if token.lower_ != "according" or finder.inside_quote(token.idx) or not (
                token.head.i == cue.i or finder.inside_quote(token.head.idx)):
            continue
        source = finder.subject_of(token)
        if source is not None and not finder.inside_quote(source.idx):
            return source
    return None


# The words a trailing attribution may hold between the closing mark and its verb.
_MAX_TRAILING_WORDS = 8


def _trailing_attribution(doc: Any, passage: Marked,
                          finder: SpeakerFinder) -> tuple[Any, Any] | None:
    """The verb of saying and its subject in a short attribution after a quote closed on
    a comma, when the parser read it wrong ("“…,” a voice-over in the ad states." with
    "states" a noun, "“…,” Viguerie notes." a compound noun, "“…,” the two write." an
    apposition, "“…,” Will wrote." with "Will" a modal): the words up to a form of a verb
    of saying that ends the clause, on the quote's line. The subject is the word those
    words hang on, outside them."""
    text = finder.text
    if passage.close_at is None:
        return None
    close = passage.close_at + 1
    if "," not in text[max(passage.start, close - 3):close + 1]:
        return None
    after = doc.char_span(close, min(len(text), close + 120), alignment_mode="expand")
    if after is None:
        return None
    words = [t for t in after if t.idx >= close and not (t.is_punct and t.idx < close + 2)]
    for n, token in enumerate(words[:_MAX_TRAILING_WORDS + 1]):
        if "\n" in token.text or token.is_quote or finder.inside_quote(token.idx):
            return None
        if n == 0 or cue_lemma(token.text) is None or token.text[:1].isupper():
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.text not in (".", ",", "!", "?", ";"):
            return None  # "… says the plan is …": a clause the parser can read
        before = words[:n]
        if any(cue_lemma(t.text) or t.pos_ == "VERB" for t in before):
            return None
        indices = {t.i for t in before}
        heads = [t for t in before if not t.is_punct and t.head.i not in indices]
        if not heads:
            return None
        named = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
        return token, (named or heads)[0]
    return None


# How many words after a quote's closing mark a manner-of-speaking verb's name may
# start ("“…,” exhorted Clinton's introducer, actress Jamie Lee Curtis").
_MANNER_NAME_WORDS = 4


def _manner_verb(doc: Any, passage: Marked,
                 finder: SpeakerFinder) -> tuple[Any, Speaker] | None:
    """A quote nobody is said to say, followed on its line by a past-tense verb and a
    person's name ("“This is fantastic!” beamed Donald Hartley of Madison"): the verb
    says how the words were spoken, with no list of verbs to hold it, and the name is
    the speaker. The verb comes right after the mark; the name within
    ``_MANNER_NAME_WORDS`` words of it, a possessive ("Clinton's introducer") passed
    over."""
    text = finder.text
    close = passage.closed_at(text)
    if close is None:
        return None
    line_end = text.find("\n", close)
    after = doc.char_span(close, line_end if line_end >= 0 else len(text),
                          alignment_mode="expand")
    if after is None:
        return None
    words = [t for t in after if t.idx >= close and not t.is_punct and not t.is_space]
    if not words or words[0].tag_ != "VBD" or finder.inside_quote(words[0].idx):
        return None
    verb = words[0]
    reach = {t.idx for t in [w for w in words[1:] if w.tag_ != "POS"][:_MANNER_NAME_WORDS]}
    for mention in finder.mentions:
        if mention.label != "PERSON" or mention.start not in reach \
                or text.startswith(("'s", "’s"), mention.end):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            return verb, finder.speaker_for(span.root)
    return None


def _verb_before(doc: Any, passage: Marked,
                 finder: SpeakerFinder) -> tuple[Any, Speaker] | None:
    """A quote nobody is said to say, opened right after a person's verb and a comma or
    colon ("Mrs. Clinton drew cheers and then boomed, “…”", "Hillary Clinton cracked,
    ''…''"): the verb says how the words were spoken, with no list of verbs to hold it,
    and its subject, a person, is the speaker."""
    text = finder.text
    before = text[:passage.open_at].rstrip()
    if not before or before[-1] not in ",:" or "\n" in text[len(before):passage.open_at]:
        return None
    span = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if span is None or span[0].i == 0:
        return None
    verb = doc[span[0].i - 1]
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ") or finder.inside_quote(verb.idx):
        return None
    # "… as she thanked her home state and then boomed, “…”": a joined verb's subject.
    holder = verb.head if verb.dep_ == "conj" else verb
    subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.lower_ in ("he", "she") or any(
            m.label == "PERSON" and m.start <= subject.idx < m.end
            for m in finder.mentions)):
        return None
    return verb, finder.speaker_for(subject)


def _before(speaker: Speaker, cue: Any, text: str) -> Speaker:
    """A speaker cut before its cue, when the parse took the cue into the subject's
    phrase ("a voice-over in the ad *states*")."""
    if speaker.end <= cue.idx:
        return speaker
    end = len(text[:cue.idx].rstrip())
    description = speaker.description
    if speaker.name is None:
        description = text[speaker.start:end].strip() or None
    return Speaker(speaker.name, description, speaker.start, max(speaker.start + 1, end))


def ends_sentence(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a sentence ends in ``text[start:end]``: a stop that is no title's nor an
    initial's ("Mr. Smith", "J. Doe"), closing marks allowed after it, then space and a
    capital or an opening mark, or the end of the words looked at (“…,” he said. “…”).
    A stop before lower case ("“Why?” she asked") ends no sentence of the writer's. The
    words before ``start`` are read to tell a title's stop at ``start`` from an end."""
    end = len(text) if end is None else end
    for found in _STOP.finditer(text, max(0, start), end):
        after = found.end()
        if after < end and not (text[after].isupper() or text[after] in _OPENING_MARKS):
            continue
        if not _short_form(text, found.start()):
            return True
    return False


def _short_form(text: str, stop: int) -> bool:
    """Whether the point at ``stop`` closes a short form, not a sentence: a title's
    ("Sen.") or an initial's ("J.", the "S." of "U.S.")."""
    if text[stop] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    if word is None:
        return False
    word = word.group(1)
    return (len(word) == 1 and word.isalpha()) or word.lower() in ABBREVIATIONS


def _ends_sentence(text: str, close: int, cue_at: int) -> bool:
    """Whether a sentence ends between a fragment's closing mark and a later cue ("… “the
    tasks ahead.” He added: …"): that cue is the next sentence's, not the fragment's. The
    stop just inside the closing mark counts."""
    return ends_sentence(text, close - 1, cue_at)


def _introduced(doc: Any, passage: Marked,
                finder: SpeakerFinder) -> tuple[Any | None, Speaker] | None:
    """The speaker of a quote introduced by a colon, in its own sentence or closing the
    paragraph before ("Kaine has adopted the stance …: “…”", "Stated Stone:¶“…”",
    "HuffPollster: “…”"): the subject of the introducing sentence, else the last name
    before the colon. Returns the sentence's verb (or None) and the speaker."""
    text = finder.text
    line_start = text.rfind("\n", 0, passage.open_at) + 1
    before = text[line_start:passage.open_at].rstrip()
    if before:
        colon = line_start + len(before) - 1
    else:  # the quote opens its paragraph: the paragraph before must end with a colon
        previous = text[:line_start].rstrip()
        colon = len(previous) - 1
        line_start = text.rfind("\n", 0, colon) + 1
    if colon < 0 or text[colon] != ":":
        return None
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return None
    sentence = span[0].sent
    start = max(sentence.start_char, line_start)
    # "Media shares blame in Iowa poll overhype - HuffPollster: “…”": a heading, a dash,
    # then who is quoted.
    dash = max(text.rfind(f" {d} ", start, colon) for d in "-–—")
    if dash >= 0:
        start = dash + 3
    # "As Joel Pollak observed, the biggest victor was …: “…”": the "as" clause's subject.
    for token in doc[sentence.start:span[0].i]:
        if token.idx >= start and is_cue(token) and token.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
            subject = finder.subject_of(token)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN") \
                    and start <= subject.idx < colon:
                return token, finder.speaker_for(subject)
    root = sentence.root
    if root.idx >= colon:  # the parser made the quote the sentence's root
        root = _clause_before(doc, sentence, start, colon) or root
    if root.idx < colon and root.pos_ in ("VERB", "AUX"):
        subject = finder.subject_of(root)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON") \
                and start <= subject.idx < colon:
            return root, finder.speaker_for(subject)
    # "From the report: “…”", "More from the report:", "From Bush's Facebook post:": a
    # passage taken from a text is the text's (or its owner's).
    source = _taken_from(doc, text, start, colon)
    if source is not None:
        return None, finder.speaker_for(source)
    names = [m for m in finder.mentions_between(start, colon)
             if not finder.inside_quote(m.start)]
    if names:
        name = names[-1]
        return None, Speaker(name.canonical, None, name.start, name.end)
    # A name the recogniser missed, alone before the colon ("- Jeffrey M. Jones:"); one
    # word when it is the last name of a person of the article (a headline's "Trump: ‘…’").
    words = text[start:colon].split()
    known = finder.named(words[0]) if len(words) == 1 and words[0][:1].isupper() else None
    if known is not None:
        return None, Speaker(known, None, colon - len(words[0]), colon)
    if 1 < len(words) <= 4 and all(
            w[:1].isupper() and (not w.isupper() or len(w.rstrip(".")) == 1) for w in words):
        name = " ".join(words)
        return None, Speaker(finder.named(name) or name, None, colon - len(
            text[start:colon].lstrip()), colon)
    return None


# "“I will look into it.” ¶ - Hillary Clinton.": a quote signed on the line after it.
_SIGNATURE = re.compile(r"[ \t]*\n\s*[-–—][ \t]*(?=[A-Z])([^\n]{1,80})")


_TAKEN_FROM = re.compile(r"(?:[A-Z][a-z]+ )?[Ff]rom ")


def _taken_from(doc: Any, text: str, start: int, colon: int) -> Any | None:
    """The text a colon's quote is taken from, when the words before the colon are only
    "From …" or "More from …": the object of that "from"."""
    lead = _TAKEN_FROM.match(text, start + len(text[start:colon]) - len(
        text[start:colon].lstrip()))
    if lead is None or lead.end() >= colon:
        return None
    span = doc.char_span(lead.end() - 5, lead.end() - 1, alignment_mode="expand")
    if span is None or span[0].lower_ != "from":
        return None
    return next((c for c in span[0].children if c.dep_ == "pobj" and c.idx < colon), None)


def _signed(passage: Marked, finder: SpeakerFinder) -> Speaker | None:
    """The speaker of a quote that ends its paragraph and is signed on the next line after
    a dash ("- Hillary Clinton.", "-President Obama, tweeting after …"): the first name
    on that line."""
    if passage.close_at is None:
        return None
    found = _SIGNATURE.match(finder.text, passage.close_at + 1)
    if found is None:
        return None
    names = finder.mentions_between(found.start(1), found.end(1))
    if not names or names[0].start > found.start(1) + 25:
        return None
    return Speaker(names[0].canonical, None, names[0].start, names[0].end)


def _clause_before(doc: Any, sentence: Any, start: int, colon: int) -> Any | None:
    """The verb that heads the words before a colon when the parser made the quote after
    it the sentence's root ("He then listed the qualities …: “…”"). A verb, not "is":
    "… is a cultish blind faith in Obama's word: “…”" is Obama's, not the faith's."""
    for token in sentence:
        if token.idx >= colon:
            break
        if token.idx >= start and token.pos_ == "VERB" and (
                token.head.i == token.i or not start <= token.head.idx < colon):
            return token
    return None


def _framing_verb(doc: Any, passage: Marked, finder: SpeakerFinder) -> Any | None:
    """For a fragment with no verb of saying ("dismissed the plan as “a fantasy”"): the
    verb it hangs from, when that verb has a named subject."""
    span = doc.char_span(passage.open_at, passage.end, alignment_mode="expand")
    if span is None:
        return None
    node = span.root
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and finder.subject_of(node) is not None \
                and not finder.inside_quote(node.idx):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _join_split(text: str, quotes: list[Quote]) -> list[Quote]:
    """One quote split by its attribution (“…,” Barkley said. “…”) is one quote."""
    out: list[Quote] = []
    for quote in quotes:
        last = out[-1] if out else None
        if last is not None and quote.kind in ("direct", "partial") \
                and (last.kind == "direct" or quote.kind == "direct"
                     or _sentence_goes_on(text, last, quote)) \
                and last.cue:
            between = text[last.end:quote.start]
            if "\n" not in between and len(between.split()) <= 30 and last.cue in between \
                    and not _introduced_anew(text, last.end, quote.start) \
                    and (quote.cue is None or quote.cue_at == last.cue_at
                         or _later_attribution(text, quote)):
                last.end = quote.end
                last.text = _joined(last.text, quote.text)
                continue
        out.append(quote)
    return out


def _going_on(text: str, last: Quote, passage: Marked) -> Quote | None:
    """A passage in marks that goes on the sentence of the quote before it across that
    quote's attribution ("“…,” said Sherman, speaking of politicians, “and leave
    themselves …”", "“…,” she told reporters, “and nobody …”"): the rest of the words
    before the attribution, to be joined to them (``_join_split``), not a fragment of the
    writer's sentence, whatever the parse makes of the verbs between."""
    quote = Quote(passage.content(text), "partial", passage.start, _content_end(text, passage))
    if last.cue and last.cue in text[last.end:quote.start] \
            and _sentence_goes_on(text, last, quote):
        return quote
    return None


def _sentence_goes_on(text: str, first: Quote, second: Quote) -> bool:
    """Whether a passage in marks goes on the sentence of the one before it across an
    attribution set off by commas ("“These guys know how to use words,” said Sherman,
    speaking of politicians, “and leave themselves a little wiggle room.”"): the first
    closes on a comma, the words between end on one with no sentence ending among them,
    and the second opens in lower case. One sentence of the speaker's, whatever verbs
    the attribution holds; but not after a clause the attribution reports itself
    ("…,” Cook wrote, adding that if the party loses, “hanging onto the Senate …”"),
    which the second passage completes."""
    between = text[first.end:second.start]
    opening = text[second.start:second.start + 1]
    return "\n" not in between and between.lstrip(" ”\"’'»").startswith(",") \
        and between.rstrip(" “\"‘'«„").endswith(",") and opening.islower() \
        and not ends_sentence(text, first.end, second.start) \
        and re.search(r"\bthat\b", between) is None


def _introduced_anew(text: str, start: int, end: int) -> bool:
    """Whether the words between two quotes end in a sentence of their own that
    introduces the second with a colon ("…,” Trump said in an MSNBC interview. In a Fox
    interview later that day, Trump went even further: “…”"): the second quote has its
    own lead-in, and its own speaker, not the first one's attribution."""
    between = text[start:end]
    return between.rstrip(" “\"‘'«„").endswith(":") and ends_sentence(text, start, end)


def _joined(first: str, second: str) -> str:
    """Two parts of one quote, the first's closing punctuation kept: “… the lights
    went,” she said. “We stood …” is "… the lights went, we stood …" with its comma."""
    if first and first[-1].isalnum():
        first += ","
    return f"{first} {second}"


def _later_attribution(text: str, quote: Quote) -> bool:
    """Whether a quote's cue is in a later sentence (“…,” said Greene. “…” Greene added
    that …): the quote then carries on the attribution before it."""
    if quote.cue_at is None or quote.cue_at < quote.end:
        return False
    return ends_sentence(text, quote.end - 1, quote.cue_at)


def _run_on_fragments(doc: Any, finder: SpeakerFinder, marked: list[Marked],
                      quotes: list[Quote]) -> None:
    """A fragment in marks that goes on a direct quote's words in the writer's next
    sentence, with no attribution of its own (“He's supposed to be a cheerleader for this
    country,” Trump said. Instead, “he just acts like a defeated man.”), is more of that
    quote: the quote runs on to the fragment's closing mark. Only a fragment in lower
    case (it continues a sentence, it opens no quote), in the same paragraph, with no
    other quote and no verb of saying but the quote's own between them or after it in
    its sentence."""
    text = finder.text
    starts = sorted(q.start for q in quotes)
    for quote in quotes:
        if quote.kind != "direct" or quote.speaker is None:
            continue
        fragment = next((m for m in marked if m.open_at >= quote.end), None)
        if fragment is None or fragment.close_at is None \
                or not _continues_quote(doc, finder, quote, fragment) \
                or any(quote.end <= s <= fragment.open_at for s in starts):
            continue
        quote.end = _content_end(text, fragment)
        quote.text = _joined(quote.text, fragment.content(text))


def _continues_quote(doc: Any, finder: SpeakerFinder, quote: Quote,
                     fragment: Marked) -> bool:
    """Whether a fragment after a direct quote reads as that quote going on (see
    ``_run_on_fragments``)."""
    text = finder.text
    content = fragment.content(text)
    between = text[quote.end:fragment.open_at]
    if not content[:1].islower() or len(content.split()) < MIN_PARTIAL_WORDS \
            or "\n" in between or len(between.split()) > 30 \
            or _written_text(text, fragment) or _names_a_work(text, fragment):
        return False
    after = doc.char_span(quote.end - 1, fragment.close_at + 1, alignment_mode="expand")
    if after is None:
        return False
    paragraph_end = text.find("\n", fragment.close_at)
    for token in doc[after[0].i:after[-1].sent.end]:
        if token.idx < quote.end or finder.inside_quote(token.idx) \
                or token.idx == quote.cue_at:
            continue
        if 0 <= paragraph_end <= token.idx:
            break
        if token.pos_ in ("VERB", "AUX") and cue_lemma(token.text):
            return False
    return True


def _drop_inside(quotes: list[Quote]) -> list[Quote]:
    """A fragment already inside a widened partial quote ("says there’s a “long road
    ahead” but … will “blow away people’s expectations”") is part of that quote."""
    out: list[Quote] = []
    for quote in quotes:
        last = out[-1] if out else None
        if last is not None and last.kind == "partial" and quote.kind == "partial" \
                and quote.start >= last.start and quote.end <= last.end + 1:
            continue
        out.append(quote)
    return out


def _join_continued(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote continuing the one before (``_continue_speakers``) extends it: one
    speaker's run of quotes is one quote (as annotators and readers count it)."""
    out: list[Quote] = []
    for quote in quotes:
        previous = quote.continues
        if previous is not None and out and out[-1] is previous:
            previous.end = quote.end
            previous.text = _joined(previous.text, quote.text)
            continue
        out.append(quote)
    return out


def _continue_speakers(text: str, quotes: list[Quote]) -> None:
    """A quote with no attribution of its own continues the previous quote: in the same
    paragraph ("… said she is “looking for a team.” “And I'm not ruling anybody out.”"),
    or as a paragraph made only of a quote right after it (the news convention: the
    speaker is named once, then quoted on). It takes that quote's speaker and extends it
    (``continues``), as PolNeAR's annotators count one attribution."""
    previous: Quote | None = None
    for quote in quotes:
        if quote.kind == "direct" and quote.speaker is None and previous is not None:
            para_start = text.rfind("\n", 0, quote.start) + 1
            own_paragraph = text[para_start:quote.start].strip() in "“«„‘\"'"
            breaks = len(_BREAKS.findall(text[previous.end:quote.start]))
            if (own_paragraph and breaks == 1) or breaks == 0:
                quote.speaker = previous.speaker
                quote.cue = None
                quote.continues = previous
        if quote.speaker is not None:
            previous = quote


# -- reported speech ------------------------------------------------------------------------
def _reported(doc: Any, finder: SpeakerFinder, marked: list[Marked],
              partial_at: dict[int, Quote], quotes: list[Quote]) -> list[Quote]:
    """Clauses reported by a verb of saying ("X said that …"), "according to X, …" and "In a
    … poll, …".
    A clause holding a partial quote widens that quote instead of adding another; one
    holding only marks that are no quote of their own (a word: "said the probe is
    “ongoing.”") is reported like any other clause."""
    kept = [(q.start, q.end) for q in quotes]
    out = []
    for token in doc:
        if finder.inside_quote(token.idx):
            continue
        clause = None
        if (token.lower_ == "according" and is_cue(token)) or _poll_source(token) is not None:
            clause = _according_clause(token)
        elif token.pos_ in ("VERB", "AUX") and (cue_lemma(token.text) in REPORTING
                                               or token.lower_ in FINDING):
            head = _reported_clause(token) or _misattached_clause(token)
            aside = _set_off(token, finder)
            if aside:
                clause = aside
            elif head is not None and not _across_semicolon(token, head):
                clause = _to_boundary(token, head, finder)
            elif token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
                clause = _around_parenthetical(token)
        # The objects of other verbs of saying ("predicted *a Cruz win*") are left to the
        # learned words (``_learned``): for "put" or "made" they are rarely anyone's words.
        if not clause and token.pos_ == "VERB" and object_reporting(token.text) \
                and any(c.dep_ == "dobj" for c in token.children):
            clause = _object_clause(token)
        if not clause:
            continue
        # "said last week *that* Trump represents “New York values,”": a fragment widened
        # to its reported clause starts at the clause's "that", as ``_complement`` starts
        # it; an indirect quote leaves the "that" out (its text reads as the words said).
        that = clause[0] if clause[0].dep_ == "mark" and clause[0].lower_ == "that" else None
        clause = _trimmed_clause(clause)
        if len(clause) < MIN_INDIRECT_TOKENS:
            continue
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
        inner = [m for m in marked if m.open_at >= start - 1 and m.start < end]
        if inner:
            partial = next((partial_at[m.open_at] for m in inner if m.open_at in partial_at),
                           None)
            if partial is not None:
                subject = finder.subject_of(token)
                own = _attributed_after(doc, partial)
                start, end = min(start, partial.start), max(end, partial.end)
                if that is not None:
                    start = min(start, that.idx)
                partial.start, partial.end = start, end
                partial.text = finder.text[start:end]
                if not own:
                    partial.cue = token.text
                    partial.cue_at = token.idx
                    if subject is not None:
                        partial.speaker = finder.speaker_for(subject)
                continue
            for m in inner:  # "is “ongoing.”": the clause ends at the closing mark
                close = m.close_at + 1 if m.close_at is not None else m.end
                if close > end and not finder.text[end:close].strip(" .,;:!?”\"’'"):
                    end = close
            if any(s < end and start < e for s, e in kept) \
                    or any(m.start < start or m.end > end for m in inner):
                if that is not None and token.idx < that.idx:
                    _from_that(finder.text, that.idx, end, quotes)
                continue  # a quote of its own, or marks running out of the clause
        elif any(finder.inside_quote(t.idx) for t in clause):
            continue
        subject = _poll_source(token) or finder.subject_of(token)
        speaker = finder.speaker_for(subject) if subject is not None else None
        out.append(Quote(finder.text[start:end], "indirect", start, end, token.text, speaker,
                         cue_at=token.idx))
    return _outermost(out, quotes)


def _attributed_after(doc: Any, fragment: Quote) -> bool:
    """Whether a fragment has an attribution of its own after its closing mark, with
    someone to say it ("Morrow cannot say that “from his perspective,” *Okafor added*"):
    an attribution set after the words it gives is the whole sentence's, so a verb of
    saying inside the sentence, whose clause holds the fragment, does not take its
    speaker. A verb after the mark that reports or does something of its own ("…,” he
    claimed they never met", "…,” and he vowed to …"), or a clause joined to the
    sentence ("…,” and the council agreed"), is no such attribution."""
    if fragment.speaker is None or fragment.cue_at is None or fragment.cue_at < fragment.end:
        return False
    cue = doc.char_span(fragment.cue_at, fragment.cue_at + 1, alignment_mode="expand")
    after = doc.char_span(fragment.end, fragment.cue_at, alignment_mode="expand")
    if cue is None or after is None:
        return False
    return not any(t.pos_ == "CCONJ" for t in after) and not any(
        child.dep_ in ("ccomp", "xcomp", "dobj") and child.i > cue[0].i
        for child in cue[0].children)


def _reported_clause(verb: Any) -> Any | None:
    """The clause a verb of saying reports: its first clause complement, one on the
    verb's own line before one across a paragraph break. The parser sometimes runs a
    sentence on from the paragraph before and hangs that paragraph's last clause on the
    verb too ("… is clearly festering.'' ¶ Mike DuHaime, a Republican strategist, said
    the British vote was …"); an attribution does not cross a paragraph break, so the
    verb reports the clause beside it."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    text = verb.doc.text
    own = [c for c in clauses if "\n" not in text[min(c.idx, verb.idx):max(c.idx, verb.idx)]]
    return (own or clauses or [None])[0]


def _outermost(reported: list[Quote], quotes: list[Quote]) -> list[Quote]:
    """The reported clauses that no other attribution holds with their verb of saying: in
    "Most voters said *they believe Obama was born abroad*", "believe" and what it
    reports are part of what the voters said, one attribution and not two (PolNeAR marks
    the outer one). A direct quote does not count: a report inside the passages joined
    into one is as often an attribution of its own."""
    outers = reported + [q for q in quotes if q.kind != "direct"]
    return [q for q in reported if not any(_holds(o, q) for o in outers)]


def _holds(outer: Quote, inner: Quote) -> bool:
    """Whether an attribution's span is wider than another's and holds it with its cue,
    or holds it and has the same cue (a clause of a verb whose fragment in marks widened
    to a clause around it)."""
    return outer is not inner and inner.cue_at is not None \
        and outer.start <= inner.start and inner.end <= outer.end \
        and outer.end - outer.start > inner.end - inner.start \
        and (outer.start <= inner.cue_at < outer.end or outer.cue_at == inner.cue_at)


def _from_that(text: str, that: int, end: int, quotes: list[Quote]) -> None:
    """A direct quote that completes a that-clause of a verb of saying before it ("Rubio
    said that once the Senate goes on recess, “I intend to do as much as I can.”")
    starts at the "that": the words between are the opening of the sentence the quote
    finishes, reported by the same verb. Not when a verb of saying of its own stands
    between ("… and added: “…”", "to which O'Malley interjected: “…”")."""
    for quote in quotes:
        if quote.kind == "direct" and that < quote.start and quote.end <= end + 2 \
                and "\n" not in text[that:quote.start] \
                and not (quote.cue_at is not None and that <= quote.cue_at < quote.start):
            quote.start = that
            quote.text = text[that:quote.end]


# "SANDERS: We will win." / "Q: Why now?" / "A: Because …": a line given to a named
# speaker, as in transcripts, interviews and headlines ("Sanders: Clinton email story
# has moved").
_LABELLED = re.compile(r"^(?P<label>Q|A|(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3}):"
                       r"[ \t]+(?P<said>\S[^\n]*)", re.MULTILINE)
_NOT_SPEAKERS = frozenset(("note", "update", "editor's note", "photo", "video", "watch",
                           "read more", "related", "source", "sources", "correction",
                           "breaking", "live", "updated", "posted", "by", "image"))


def _labelled_lines(finder: SpeakerFinder) -> list[Quote]:
    """Lines of a transcript or interview: the label before the colon speaks the line;
    an answer ("A:") is the last named speaker's, a question ("Q:") the interviewer's."""
    text = finder.text
    out, last_named = [], None
    for match in _LABELLED.finditer(text):
        label, said = match.group("label"), match.group("said").rstrip()
        if label.lower() in _NOT_SPEAKERS or len(said.split()) < 3 \
                or finder.inside_quote(match.start("said")):
            continue
        start = match.start("said")
        end = start + len(said)
        if label == "Q":
            speaker = Speaker(None, "the interviewer", match.start(), match.start() + 1)
        elif label == "A":
            if last_named is None:
                continue
            speaker = last_named
        else:
            mentions = finder.mentions_between(match.start(), match.start("label") + len(
                label))
            if not mentions and finder.named(label) is None:
                continue  # a capitalised heading, not a name
            name = mentions[0].canonical if mentions else finder.named(label)
            speaker = last_named = Speaker(name, None, match.start(), match.end("label"))
        out.append(Quote(said, "direct" if said[:1] in "“\"" else "indirect", start, end,
                         ":", speaker, cue_at=None))
    return out


BOUNDARY = True


# What an attribution set off by commas holds besides its verb: "the vice president
# said", "a spokeswoman, Anna White, said on Saturday".
_ASIDE = frozenset(("nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "prep",
                    "npadvmod", "dative", "agent"))


# Where a verb of saying reports through a medium ("said in an interview that …", "wrote
# on Twitter that …"), the parser often hangs the that-clause on the medium's noun.
_MEDIUM_PREPS = frozenset(("in", "on", "during", "at", "via", "through", "over"))


def _misattached_clause(verb: Any) -> Any | None:
    """The that-clause the parser hung on the noun of the verb's "in …"/"on …" phrase
    ("said in a statement *that …*") instead of on the verb: a clause modifying that
    noun and opened by the conjunction "that" (a relative clause's "that" is a pronoun,
    the subject or object of its verb, and is left alone)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in _MEDIUM_PREPS or prep.i < verb.i:
            continue
        for node in prep.subtree:
            if node.dep_ in ("acl", "relcl") and node.head.dep_ == "pobj" and any(
                    c.dep_ == "mark" and c.lower_ == "that" and c.i < node.i
                    for c in node.children):
                return node
    return None


def _across_semicolon(cue: Any, head: Any) -> bool:
    """Whether a clause the parser gave a verb of saying stands before it across a
    semicolon ("The company says the plan is needed*;* the union says it would cost
    jobs"): the clause of another sentence joined to it, not the verb's report."""
    return head.i < cue.i and cue_lemma(head.text) in REPORTING \
        and any(t.text == ";" for t in cue.doc[head.right_edge.i:cue.i])


def _to_boundary(cue: Any, head: Any, finder: SpeakerFinder) -> list[Any]:
    """A reported clause to its boundary: the clause's own words, and after them the rest
    of the sentence when what follows is joined to it (", but …", ", while …") rather
    than the writer's ("…, he said", a new quote, another verb of saying)."""
    clause = list(head.subtree)
    if not BOUNDARY:
        return clause
    sentence = cue.sent
    if head.i < cue.i:
        # "Mr. Trump is so reckless, the vice president said, that …": the attribution
        # set off by commas inside the sentence it reports, which runs on after it.
        aside = [cue] + [t for c in cue.children if c.i > clause[-1].i and c.dep_ in _ASIDE
                         for t in c.subtree]
        rest = [t for t in cue.doc[max(t.i for t in aside) + 1:sentence.end]]
        if not rest or not rest[0].is_punct or rest[0].text not in ",;" \
                or all(t.is_punct for t in rest) \
                or any("\n" in t.text or finder.inside_quote(t.idx) or is_cue(t) for t in rest):
            return clause
        return list(cue.doc[clause[0].i:sentence.end])
    rest = [t for t in cue.doc[clause[-1].i + 1:sentence.end]]
    if not rest or any("\n" in t.text or finder.inside_quote(t.idx) or is_cue(t)
                       for t in rest):
        return clause
    return clause + rest


# What may follow a verb of saying inside an attribution set off by commas: "said
# *Tuesday*", "said *in an interview*", "told *The Washington Post*" (the object of
# "tell" or "ask" is whom it was said to; another verb's object is what was said).
_ASIDE_AFTER = frozenset(("npadvmod", "advmod", "dative", "agent"))
_ASIDE_PREPS = frozenset(("in", "on", "during", "at", "after", "before", "via", "through",
                          "to", "with", "from", "by"))
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def _aside_part(cue: Any, child: Any) -> bool:
    """Whether a word after a verb of saying belongs to its attribution (whom it was said
    to, when and where) rather than to what was said."""
    if child.dep_ in _ASIDE_AFTER:
        return True
    if child.dep_ == "dobj":
        return cue_lemma(cue.text) in ("tell", "ask")
    return child.dep_ == "prep" and child.lower_ in _ASIDE_PREPS


def _set_off(cue: Any, finder: SpeakerFinder) -> list[Any]:
    """The sentence an attribution set off by commas in its middle reports ("Mr. Obama,
    officials said, has become skeptical …", "The solution, the partner told them, was
    simple"), whatever the parser made of the words around it: from the sentence's first
    word in the cue's paragraph to its last, the attribution inside, as PolNeAR marks
    it. Empty unless the cue's subject follows a comma, the attribution ends on one, and
    words of the sentence stand on both sides."""
    # Of two subjects the parser gives the cue ("The plan, the mayor told …"), the one
    # nearer the verb is the attribution's.
    subject = max((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i),
                  key=lambda c: c.i, default=None)
    if subject is None or subject.tag_ in ("WP", "WDT"):
        return []
    doc = cue.doc
    first = subject.left_edge
    if first.i == 0 or doc[first.i - 1].text != ",":
        return []
    after = [c for c in cue.children if c.i > cue.i and not c.is_punct]
    if after and not _aside_part(cue, after[0]):
        return []
    last = max([c.right_edge.i for c in cue.children
                if c.i > cue.i and _aside_part(cue, c)] + [cue.i])
    if last + 1 >= len(doc) or doc[last + 1].text != ",":
        return []
    paragraph = _paragraph_of(cue)
    words = [t for t in paragraph if not (t.is_punct or t.is_space)]
    if not words or words[0].i >= first.i - 1 or words[-1].i <= last + 1:
        return []
    # What follows the attribution is a clause of the sentence it reports, not the cue's
    # own next words ("…, and railed about …", "…, urging …").
    own = {t.i for c in cue.children if c.dep_ not in ("ccomp", "punct") and c.i > last
           for t in c.subtree}
    if not any(t.tag_ in _FINITE and t.i not in own for t in doc[last + 2:words[-1].i + 1]):
        return []
    if any(finder.inside_quote(t.idx) for t in words):
        return []
    start = _clause_start(doc, first.i - 1, words[0])
    if start.i >= first.i - 1:  # "…, and, officials said, the vote was close"
        start = next(t for t in doc[last + 2:] if not t.is_punct)
    return list(doc[start.i:words[-1].i + 1])


_CLAUSE_BREAKS = frozenset((";", ":", "—", "–", "-", "--"))


def _clause_start(doc: Any, comma: int, first: Any) -> Any:
    """Where the clause an attribution set off by commas sits in starts, the attribution
    opening at ``comma``: after a semicolon, colon or dash, or after "and"/"but" joining
    it to a clause before ("The council approved the budget, and, officials said, the
    vote was close"); at a relative pronoun's phrase ("…, which, his advisers believe,
    would lead to …"); else at the sentence's first word."""
    before = doc[comma - 1]
    if before.tag_ in ("WDT", "WP") and before.i >= first.i:
        node = before
        while node.head.i != node.i and first.i <= node.head.i < before.i:
            node = node.head
        return node.left_edge
    for token in reversed(doc[first.i:comma]):
        # A hyphen counts between spaces only, not inside a word ("energy-intensive").
        if (token.text in _CLAUSE_BREAKS and (token.text not in ("-", "--") or (
                token.whitespace_ and doc[token.i - 1].whitespace_))) or (
                token.dep_ == "cc" and token.head.i < token.i
                and token.head.pos_ in ("VERB", "AUX")):
            return doc[token.i + 1]
    return first


def _around_parenthetical(cue: Any) -> list[Any]:
    """The sentence an attribution set off by commas reports ("The contrast with Trump,
    said Doyle and others, would be clear …", "The emails were on work topics, the Times
    said."): from its first word to its last outside the attribution, within the
    sentence; an attribution in the middle stays inside, as PolNeAR marks it."""
    aside = {t.i for t in cue.subtree}
    words = [t for t in cue.head.subtree if t.i not in aside and t.sent.start == cue.sent.start]
    if not words:
        return []
    return list(cue.doc[words[0].i:words[-1].i + 1])


def _object_clause(verb: Any, modifier: bool = False) -> list[Any]:
    """What "accused", "urged" or "praised" attribute: the object and what completes it
    ("accused *Trump of using divisive rhetoric*"), within the verb's sentence. A verb
    that modifies a noun ("the plan he criticized") reports nothing, unless ``modifier``:
    a learned word's object in a relative clause or after a preposition ("which
    expressed *their support for Trump*", "after thanking *the crowd*")."""
    if not modifier and verb.head.i != verb.i \
            and verb.dep_ not in ("conj", "ccomp", "advcl", "xcomp"):
        return []  # "the plan he criticized": a noun's modifier, not a report
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_SAID
             and c.dep_ not in ("advcl", "ccomp")]
    if not parts:
        return []
    sentence = verb.sent
    first = min(p.left_edge.i for p in parts)
    last = min(max(p.right_edge.i for p in parts), sentence.end - 1)
    return list(verb.doc[first:last + 1])


_POLLS = frozenset(("poll", "polls", "survey", "surveys"))


def _poll_source(token: Any) -> Any | None:
    """The poll of a sentence that opens with "In a … poll" ("In an NBC News/Wall Street
    Journal poll released Monday, 50 percent of respondents chose Clinton"): the poll
    reports the rest of the sentence, as "according to" would. None for any other word."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.dep_ != "ROOT":
        return None
    opening = next((t for t in token.sent if not (t.is_space or t.is_punct)), None)
    if opening is None or opening.i != token.i:
        return None
    return next((c for c in token.children if c.dep_ == "pobj" and c.lower_ in _POLLS),
                None)


def _according_clause(token: Any) -> list[Any]:
    """The sentence reported by "according to X", without that phrase, within the
    phrase's paragraph: the parser sometimes runs a sentence on from the paragraph before
    ("Mohammed Saleh Zayada, 62 ¶ Zayada was traveling …, according to the AP"), and
    what the phrase reports is on its own line."""
    phrase = {t.i for t in token.subtree}
    return [t for t in _paragraph_of(token) if t.i not in phrase]


def _paragraph_of(token: Any) -> list[Any]:
    """The tokens of a token's sentence that lie in its paragraph (no line break between
    them and it)."""
    sentence = token.sent
    start, end = sentence.start, sentence.end
    for t in token.doc[sentence.start:token.i]:
        if "\n" in t.text:
            start = t.i + 1
    for t in token.doc[token.i:sentence.end]:
        if "\n" in t.text:
            end = t.i
            break
    return list(token.doc[start:end])


# -- attributions learned from PolNeAR ------------------------------------------------------
def constructions(token: Any, finder: SpeakerFinder) -> list[tuple[str, list[Any]]]:
    """What a word's constructions hold, each a candidate attribution: a verb's clause
    ("ccomp"), infinitive ("xcomp": "declined *to comment*"), object ("dobj") and
    prepositional objects ("prep:about": "talked *about the border*"); a noun's
    prepositional objects ("noun-prep:of": "criticism *of the plan*") and infinitive
    ("noun-acl": "his decision *to run*"); an adjective's ("adj-clause": "confident
    *that …*"). Each is cut at its paragraph and trimmed."""
    out: list[tuple[str, list[Any]]] = []
    if token.pos_ in ("VERB", "AUX"):
        raised = _with_subject(token)
        if raised:
            out.append(("subject", raised))
        for child in token.children:
            if child.dep_ == "nsubjpass" and child.i < token.i:
                out.append(("passive-subject", list(child.subtree)))
            if child.i < token.i:
                continue
            if child.dep_ == "ccomp":
                out.append(("ccomp", _to_boundary(token, child, finder)))
            elif child.dep_ == "xcomp":
                out.append(("xcomp", _run_on(token, list(child.subtree), finder)))
            elif child.dep_ == "dobj":
                out.append(("dobj", _run_on(token, _object_clause(token, modifier=True),
                                            finder)))
            elif child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    out.append((f"prep:{child.lower_}",
                                _run_on(token, list(objects[0].subtree), finder)))
    elif token.pos_ == "ADJ":
        out.extend(_adjective_constructions(token))
    elif token.pos_ == "NOUN":
        for child in token.children:
            if child.i < token.i:
                continue
            if child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    out.append((f"noun-prep:{child.lower_}", list(objects[0].subtree)))
            elif child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                             for c in child.children):
                out.append(("noun-acl", list(child.subtree)))
            elif child.dep_ in ("acl", "ccomp") and any(
                    c.dep_ == "mark" and c.lower_ in ("that", "whether")
                    for c in child.children):
                out.append(("noun-clause", list(child.subtree)))
    trimmed = []
    for key, clause in out:
        clause = _trimmed_clause(clause)
        if len(clause) < MIN_INDIRECT_TOKENS:
            continue
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
        if any(start <= open_at < end and _WRITTEN_THINGS.search(
                finder.text[max(0, open_at - 60):open_at]) for open_at, _ in finder.quoted):
            continue  # "showed a tattoo reading “…”": an inscription, no one's words
        trimmed.append((key, clause))
    return trimmed


# "so blatant that …", "too narrow to …": a degree and its result, no one's view.
_DEGREE = frozenset(("so", "such", "too", "enough"))


def _adjective_constructions(adjective: Any) -> list[tuple[str, list[Any]]]:
    """What an adjective of a state of mind holds: its clause ("adj-clause": "are
    confident *that Clinton understands …*"), infinitive ("adj-xcomp": "is eager *to
    debate*") and prepositional objects ("adj-prep:about": "was upbeat *about Cruz's
    chances*"). None after a word of degree, whose clause is a result ("so blatant that
    …")."""
    if any(c.lower_ in _DEGREE and c.i < adjective.i for c in adjective.children):
        return []
    out: list[tuple[str, list[Any]]] = []
    for child in adjective.children:
        if child.i < adjective.i:
            continue
        if child.dep_ == "ccomp":
            out.append(("adj-clause", list(child.subtree)))
        elif child.dep_ == "xcomp":
            out.append(("adj-xcomp", list(child.subtree)))
        elif child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                out.append((f"adj-prep:{child.lower_}", list(objects[0].subtree)))
    return out


_COMPLEMENTS = frozenset(("xcomp", "acomp", "attr", "oprd"))


def _with_subject(verb: Any) -> list[Any]:
    """A verb's subject, the verb and its complement, for verbs that attribute a view of
    their subject to someone unnamed: "*the field appeared poised to narrow*", "*Minnesota
    and Colorado are seen as opportunities for Sanders*", "*Trump isn't expected to
    attend*". Only a subject before the verb and a complement after it; the span runs from
    the subject's first word to the complement's last."""
    subject = next((c for c in verb.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if subject is None:
        return []
    complements = [c for c in verb.children if c.i > verb.i and (
        c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.lower_ in ("as", "like")))]
    if not complements:
        return []
    last = max(c.right_edge.i for c in complements)
    return list(verb.doc[subject.left_edge.i:last + 1])


def _trailing_punct(token: Any) -> bool:
    """Punctuation a reported clause does not end on: a stop or comma, but not a closing
    mark, nor the "%" of "a turnout of 78%" (spaCy counts it as punctuation)."""
    return token.is_punct and token.text not in "”»\"’%"


def _trimmed_clause(clause: list[Any]) -> list[Any]:
    """A reported clause's tokens as quoted: up to the end of its paragraph, without a
    leading "that" or punctuation, nor trailing punctuation other than a closing mark."""
    cut = next((i for i, t in enumerate(clause) if "\n" in t.text), None)
    if cut is not None:
        clause = clause[:cut]
    while clause and (clause[0].dep_ == "mark" or clause[0].is_punct):
        clause = clause[1:]
    while clause and _trailing_punct(clause[-1]):
        clause = clause[:-1]
    return clause


def _run_on(verb: Any, clause: list[Any], finder: SpeakerFinder) -> list[Any]:
    """A main verb's object or complement with the rest of its sentence when nothing
    there is another attribution ("vowed *to impose a tariff on imports unless the company
    cancels …*"), as ``_to_boundary`` runs a reported clause on."""
    if not clause or verb.dep_ != "ROOT":
        return clause
    rest = list(verb.doc[clause[-1].i + 1:verb.sent.end])
    if not rest or any("\n" in t.text or finder.inside_quote(t.idx) or is_cue(t)
                       for t in rest):
        return clause
    return clause + rest


# The parts of speech whose constructions the learned words are looked up for.
LEARNED_POS = frozenset(("VERB", "AUX", "NOUN", "ADJ"))


def _holder(token: Any, finder: SpeakerFinder) -> Any | None:
    """Whose words or view a learned word's construction holds: a noun's possessor ("*his*
    criticism of …"), the subject an adjective is said of ("*Cruz* has been aware that
    …"), or the noun it describes ("*Asians* worried about …"); a verb's subject."""
    if token.pos_ == "NOUN":
        return next((c for c in token.children if c.dep_ == "poss"), None)
    if token.pos_ == "ADJ":
        if token.dep_ == "amod":
            return token.head
        return finder.subject_of(token.head) if token.dep_ == "acomp" else None
    return finder.subject_of(token)


def _learned(doc: Any, finder: SpeakerFinder, cues: dict[str, frozenset[str]],
             taken: list[tuple[int, int]]) -> list[Quote]:
    """Attributions of the learned words (``cues.learned_cues``) where no quote is yet:
    the speaker is a verb's subject or a noun's possessor ("*his* criticism of …")."""
    if not cues:
        return []
    out = []
    taken = list(taken)
    for token in doc:
        if token.pos_ not in LEARNED_POS or finder.inside_quote(token.idx):
            continue
        form = token.lower_
        for key, clause in constructions(token, finder):
            if form not in cues.get(key, ()):
                continue
            start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
            if any(s < end and start < e for s, e in taken):
                continue
            subject = _holder(token, finder)
            speaker = finder.speaker_for(subject) if subject is not None else None
            out.append(Quote(finder.text[start:end], "indirect", start, end, token.text,
                             speaker, cue_at=token.idx))
            taken.append((start, end))
            break
    return out
