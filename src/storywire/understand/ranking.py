"""Choosing a quote's speaker among its candidates with a model learned from PolNeAR.

For each quote the candidates are the people and organisations named near it, the
pronouns near it (resolved to the person they stand for), the subjects of the verbs of
saying near it (kept as descriptions when they name nobody) and the speaker the parse
rules chose. Each candidate is described by named features (distance, side, sentence
and paragraph, syntactic role, who spoke last, …) and scored by a logistic regression
whose weights ship as JSON (``data/speaker_model.json``) and are applied here in plain
Python; ``storywire.evaluation.speaker_training`` re-makes that file. The cue verb is
not a feature of its own: its one-hots held 204 of the 344 weights and gained nothing in
cross-validation on PolNeAR train, so the model keeps to where a candidate stands and
what role it plays, which carry over to verbs train did not hold.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from storywire.understand.cues import PRONOUNS, is_cue
from storywire.understand.speakers import Speaker, SpeakerFinder

MODEL_FILE = "speaker_model.json"
WINDOW_CHARS = 500  # candidates are looked for this far before and after a quote
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))


@dataclass
class Candidate:
    speaker: Speaker
    features: dict[str, float]


def _bucket(name: str, value: float, edges: tuple[float, ...]) -> dict[str, float]:
    """One-hot of which interval ``value`` falls in (a linear model cannot bend)."""
    for edge in edges:
        if value <= edge:
            return {f"{name}<={edge:g}": 1.0}
    return {f"{name}>{edges[-1]:g}": 1.0}


class CandidateFinder:
    """The candidate speakers of the quotes of one parsed article."""

    def __init__(self, doc: Any, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.text = finder.text
        self.counts: dict[str, int] = {}
        for mention in finder.mentions:
            self.counts[mention.canonical] = self.counts.get(mention.canonical, 0) + 1
        self._everyone = self._all_candidates()
        self._starts = [speaker.start for speaker, _, _ in self._everyone]
        self._quote_starts = [start for start, _ in finder.quoted]
        self._token_starts = [token.idx for token in doc]

    def _all_candidates(self) -> list[tuple[Speaker, str, Any]]:
        """Every possible speaker of the article, outside quotes, in text order."""
        doc, finder = self.doc, self.finder
        found: list[tuple[Speaker, str, Any]] = []
        for mention in finder.mentions:
            if finder.inside_quote(mention.start):
                continue
            token = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if mention.label == "GROUP" and (token is None or token.root.tag_ not in (
                    "NNPS", "NNS")):
                continue  # a nationality word names no speaker
            found.append((Speaker(mention.canonical, None, mention.start, mention.end),
                          "name:" + mention.label, token.root if token is not None else None))
        taken = {speaker.start for speaker, _, _ in found}
        for token in doc:
            if finder.inside_quote(token.idx):
                continue
            if token.pos_ == "PRON" and token.lower_ in PRONOUNS and token.dep_ in _SUBJECT_DEPS:
                resolved = finder.resolve_pronoun(token)
                found.append((Speaker(resolved.canonical if resolved else None, None,
                                      token.idx, token.idx + len(token)),
                              "pronoun" if resolved else "pronoun:unresolved", token))
            elif is_cue(token):
                subject = finder.subject_of(token)
                if subject is not None and subject.lower_ not in PRONOUNS \
                        and not any(start in taken for start in range(
                            subject.left_edge.idx, subject.idx + len(subject))):
                    speaker = finder.speaker_for(subject)
                    taken.add(speaker.start)
                    found.append((speaker, "description", subject))
        return sorted(found, key=lambda item: item[0].start)

    def candidates(self, quote: Any, previous: Speaker | None,
                   cue: Any | None) -> list[Candidate]:
        """Every candidate of ``quote`` (which has ``start``, ``end``, ``kind`` and
        ``speaker``), the speaker of the quote before it and the quote's cue token."""
        lo = bisect_left(self._starts, quote.start - WINDOW_CHARS)
        hi = bisect_left(self._starts, quote.end + WINDOW_CHARS)
        found = [item for item in self._everyone[lo:hi]
                 if not quote.start <= item[0].start < quote.end]
        rule = quote.speaker
        if rule is not None and not any(_same_place(s, rule) for s, _, _ in found):
            found.append((rule, "rule-only", None))
        return [Candidate(speaker, self._features(quote, speaker, kind, token, rule,
                                                  previous, cue))
                for speaker, kind, token in found]

    def _sentence_before(self, start: int) -> int | None:
        """The first token of the sentence that ends just before ``start`` (the quote's
        own sentence when the quote does not open one), or None inside a quote."""
        i = bisect_left(self._token_starts, start) - 1
        if i < 0:
            return None
        token = self.doc[i]
        while token.i > 0 and (token.is_space or token.is_punct):
            token = self.doc[token.i - 1]
        if self.finder.inside_quote(token.idx):
            return None
        return token.sent.start

    def _quote_between(self, start: int, end: int) -> bool:
        i = bisect_left(self._quote_starts, start)
        return i < len(self._quote_starts) and self._quote_starts[i] < end

    def _features(self, quote: Any, speaker: Speaker, kind: str, token: Any | None,
                  rule: Speaker | None, previous: Speaker | None,
                  cue: Any | None) -> dict[str, float]:
        f: dict[str, float] = {"bias": 1.0, f"kind={kind}": 1.0,
                               f"quote={quote.kind}": 1.0}
        before = speaker.end <= quote.start
        gap = quote.start - speaker.end if before else speaker.start - quote.end
        gap = max(gap, 0)
        between = self.text[speaker.end:quote.start] if before \
            else self.text[quote.end:speaker.start]
        f["before"] = 1.0 if before else 0.0
        f.update(_bucket("gap", gap, (3, 15, 40, 100, 250)))
        f.update(_bucket("breaks", between.count("\n"), (0, 1, 2)))
        # Any stop and space, a title's too: the model was fitted on this reach, and
        # quotes.ends_sentence here gave 2 fewer right speakers on train's cross-validation.
        f["sentence_end_between"] = float(any(m in between for m in (". ", "? ", "! ")))
        f["quote_between"] = float(self._quote_between(speaker.end, quote.start) if before
                                   else self._quote_between(quote.end, speaker.start))
        if rule is not None:
            f["is_rule"] = float(_same_place(speaker, rule))
            f["rule_same_name"] = float(bool(rule.name and speaker.name == rule.name))
            f["rule_has_name"] = float(bool(rule.name))
        else:
            f["no_rule"] = 1.0
        if previous is not None and previous.name and speaker.name == previous.name:
            f["spoke_last"] = 1.0
        if speaker.name:
            f.update(_bucket("mentions", self.counts.get(speaker.name, 1), (1, 3, 8)))
        else:
            f["no_name"] = 1.0
        if token is not None:
            node = token
            f[f"dep={token.dep_}"] = 1.0
            head = token.head
            if token.dep_ in _SUBJECT_DEPS:
                f["subject"] = 1.0
                if is_cue(head):
                    f["subject_of_cue"] = 1.0
                    if cue is not None and head.i == cue.i:
                        f["subject_of_own_cue"] = 1.0
            if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
                f["according_to"] = 1.0
            if token.dep_ in ("appos", "compound"):
                node = head
            if node.dep_ == "pobj" and node.head.dep_ == "agent":
                f["agent"] = 1.0
            if before and token.dep_ in _SUBJECT_DEPS and token.head.dep_ == "ROOT" \
                    and self._sentence_before(quote.start) == token.sent.start:
                f["subject_of_sentence_before"] = 1.0
            near = self.doc[max(0, token.i - 3):token.i + 4]
            if any(is_cue(t) and not self.finder.inside_quote(t.idx) for t in near):
                f["cue_near"] = 1.0
        if cue is not None:
            f["quote_has_cue"] = 1.0
            if speaker.start <= cue.idx:
                f["before_cue"] = 1.0
        paragraph = self.text.rfind("\n", 0, quote.start) + 1
        f["quote_opens_paragraph"] = float(not self.text[paragraph:quote.start].strip(
            " “\"'‘«"))
        if rule is None:
            # A quote the rules gave nobody (a paragraph that only quotes) is read from
            # what is around it: every feature weighs apart for it.
            f.update({"nr&" + k: v for k, v in list(f.items())})
        return f


def _same_place(a: Speaker, b: Speaker) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass(frozen=True)
class SpeakerModel:
    """Logistic-regression weights over named features; a missing feature weighs 0."""

    weights: dict[str, float]

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(features)))

    def best(self, candidates: list[Candidate]) -> Candidate | None:
        return max(candidates, key=lambda c: self.score(c.features), default=None)


@cache
def shipped_model() -> SpeakerModel | None:
    """The weights shipped with the package (None when the file is absent)."""
    path = resources.files("storywire.understand") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return SpeakerModel({k: float(v) for k, v in data["weights"].items()})
