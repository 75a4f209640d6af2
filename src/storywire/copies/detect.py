"""The copy verdict for two articles: exact, near, excerpt, reworded or none, with evidence.

Pure: two articles (and their text features) in, a ``Verdict`` or None out. Which pairs to
compare is the index's business (``fingerprint``, ``link``); this module decides.

* ``exact``    the normalised bodies are identical (headline, layout and junk aside), also
               once the lines that either side's cleaner removed are cut from both (a
               reflowed copy hides a junk line inside a paragraph);
* ``near``     each text's word 5-gram shingles are mostly (>= 70%) found in the other;
* ``excerpt``  one text's shingles are almost all (>= 80%) in the other, which is longer:
               containment, not Jaccard, so a fifth of an article is still an excerpt;
* ``reworded`` few shared shingles, but most sentences of both texts (>= 65%) align one to
               one and in order with overlapping content terms (``align``). Independent
               reports of one event share names and figures, not their sentence sequence.
               A paraphrase that swaps most words of every sentence is aligned by
               meaning instead (``embed``, when the optional encoder is installed and term
               alignment already covers 30% of both): >= 80% of both texts' sentences in
               seven pairs or more at cosine >= 0.55, and >= 80% of the pairs each
               other's nearest sentences. Reports that retell one press release align
               too, but in few sentences, each about as close to several others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from storywire.copies.align import Alignment, align, align_vectors
from storywire.copies.normalize import (
    body_words,
    content_terms,
    hash_words,
    sentences,
    shingles,
    without_lines,
    words,
)
from storywire.copies.origin import claimed_origin, original_of
from storywire.model import Article

KINDS = ("exact", "near", "excerpt", "reworded")


@dataclass(frozen=True)
class DetectOptions:
    shingle_size: int = 5
    min_words: int = 20              # shorter texts are never judged copies
    near_min: float = 0.7            # near: both containments at least this
    exact_but_junk_min: float = 0.9  # exact after cutting removed lines: tried from here
    contained_min: float = 0.8       # excerpt: the copy's containment at least this
    sentence_similarity: float = 0.4  # Dice of two sentences' content terms to align them
    min_terms: int = 3               # sentences with fewer content terms are not judged
    rewrite_coverage: float = 0.65   # reworded: share of both texts' sentences aligned
    rewrite_min_sentences: int = 4   # ... and at least this many aligned pairs
    semantic: bool = True            # align by meaning too, when the encoder is installed
    semantic_gate: float = 0.3       # ... only if term alignment covers this much of both
    semantic_similarity: float = 0.55  # cosine of two sentences' embeddings to align them
    semantic_coverage: float = 0.8   # reworded by meaning: share of both texts aligned
    semantic_min_sentences: int = 7  # ... and at least this many aligned pairs
    semantic_mutual: float = 0.8     # ... of which this share are each other's nearest


class Encoder(Protocol):
    """Sentences to unit vectors (``embed.SentenceEncoder``)."""

    def encode(self, texts: list[str]) -> Any: ...


@dataclass
class TextFeatures:
    """What detection compares, computed once per article."""

    exact: str
    body: list[str]  # the words the exact hash is made of (``normalize.body_words``)
    words: int
    shingles: frozenset[str]
    sentences: list[str]
    sentence_terms: list[frozenset[str]]
    vectors: Any = None  # sentence embeddings, computed only when a comparison needs them

    def judged(self, min_terms: int) -> list[int]:
        return [i for i, terms in enumerate(self.sentence_terms) if len(terms) >= min_terms]

    def sentence_vectors(self, encoder: Encoder, min_terms: int) -> Any:
        """One row per sentence; only the judged sentences are encoded (alignment reads
        no other row), the rest stay zero: a short sentence costs as much as a long one."""
        if self.vectors is None:
            import numpy as np

            judged = self.judged(min_terms)
            encoded = encoder.encode([self.sentences[i] for i in judged])
            self.vectors = np.zeros((len(self.sentences), encoded.shape[1]), encoded.dtype)
            self.vectors[judged] = encoded
        return self.vectors


def features(text: str, options: DetectOptions | None = None) -> TextFeatures:
    options = options or DetectOptions()
    tokens = words(text)
    units = sentences(text)
    body = body_words(text)
    return TextFeatures(
        exact=hash_words(body),
        body=body,
        words=len(tokens),
        shingles=frozenset(shingles(tokens, options.shingle_size)),
        sentences=units,
        sentence_terms=[frozenset(content_terms(words(s))) for s in units],
    )


@dataclass
class Verdict:
    copy: Article
    original: Article
    kind: str
    similarity: float
    evidence: dict[str, Any] = field(default_factory=dict)


def compare(new: Article, new_features: TextFeatures, stored: Article,
            stored_features: TextFeatures, options: DetectOptions | None = None,
            encoder: Encoder | None = None) -> Verdict | None:
    """Is one of the two a copy of the other? ``stored`` is the one that was stored first.
    With an ``encoder``, a pair that term alignment leaves undecided is aligned by meaning."""
    options = options or DetectOptions()
    if min(new_features.words, stored_features.words) < options.min_words:
        return None
    if new_features.exact == stored_features.exact:
        original, copy, why = original_of(new, stored)
        return _verdict(copy, original, "exact", 1.0, why,
                        {"exact_hash": new_features.exact[:16]})
    a, b = new_features.shingles, stored_features.shingles
    shared = len(a & b)
    in_stored = shared / len(a) if a else 0.0   # share of new's shingles found in stored
    in_new = shared / len(b) if b else 0.0
    overlap = {"shared_shingles": shared, "resemblance": _r(shared / len(a | b) if a | b else 0)}
    if min(in_stored, in_new) >= options.exact_but_junk_min:
        junk = [words(line) for line in (*new.removed, *stored.removed)]
        if (without_lines(new_features.body, junk)
                == without_lines(stored_features.body, junk)):
            original, copy, why = original_of(new, stored)
            return _verdict(copy, original, "exact", 1.0, why,
                            {**overlap, "exact_but_junk": True})
    if min(in_stored, in_new) >= options.near_min:
        original, copy, why = original_of(new, stored)
        contained = in_stored if copy is new else in_new
        kept = in_new if copy is new else in_stored
        return _verdict(copy, original, "near", overlap["resemblance"], why,
                        {**overlap, "containment": _r(contained), "coverage": _r(kept)})
    if max(in_stored, in_new) >= options.contained_min:
        if in_stored >= in_new:
            copy, original, contained, kept = new, stored, in_stored, in_new
        else:
            copy, original, contained, kept = stored, new, in_new, in_stored
        return _verdict(copy, original, "excerpt", _r(contained),
                        "the other text contains it",
                        {**overlap, "containment": _r(contained), "coverage": _r(kept)})
    alignment = align(new_features.sentence_terms, stored_features.sentence_terms,
                      options.sentence_similarity, options.min_terms)
    coverage = min(alignment.copy_coverage, alignment.original_coverage)
    by_meaning = False
    if (not _rewrite(alignment, options.rewrite_coverage, options.rewrite_min_sentences)
            and encoder is not None and options.semantic
            and coverage >= options.semantic_gate
            and min(alignment.copy_sentences, alignment.original_sentences)
            >= options.semantic_min_sentences):  # too short to align that many: not encoded
        alignment = align_vectors(
            new_features.sentence_vectors(encoder, options.min_terms),
            stored_features.sentence_vectors(encoder, options.min_terms),
            new_features.judged(options.min_terms), stored_features.judged(options.min_terms),
            options.semantic_similarity)
        coverage = min(alignment.copy_coverage, alignment.original_coverage)
        by_meaning = True
    if ((_rewrite(alignment, options.semantic_coverage, options.semantic_min_sentences)
         and alignment.mutual_share >= options.semantic_mutual)
            if by_meaning else
            _rewrite(alignment, options.rewrite_coverage, options.rewrite_min_sentences)):
        original, copy, why = original_of(new, stored)
        if copy is new:
            evidence = _alignment_evidence(alignment, new_features, stored_features)
        else:
            evidence = _alignment_evidence(_flip(alignment), stored_features, new_features)
        contained = in_stored if copy is new else in_new
        evidence["aligned_by"] = "sentence embeddings" if by_meaning else "content terms"
        if by_meaning:
            evidence["mutual_nearest_share"] = _r(alignment.mutual_share)
        return _verdict(copy, original, "reworded", _r(coverage), why,
                        {**evidence, "shingle_containment": _r(contained)})
    return None


def _rewrite(alignment: Alignment, min_coverage: float, min_pairs: int) -> bool:
    coverage = min(alignment.copy_coverage, alignment.original_coverage)
    return len(alignment.pairs) >= min_pairs and coverage >= min_coverage


def _r(value: float) -> float:
    return round(value, 3)


def _flip(alignment: Alignment) -> Alignment:
    flipped = Alignment(copy_sentences=alignment.original_sentences,
                        original_sentences=alignment.copy_sentences)
    flipped.pairs = [type(p)(copy=p.original, original=p.copy, similarity=p.similarity)
                     for p in alignment.pairs]
    return flipped


def _alignment_evidence(alignment: Alignment, copy: TextFeatures,
                        original: TextFeatures) -> dict[str, Any]:
    examples = []
    for pair in alignment.pairs[:3]:
        examples.append({
            "copy": " ".join(copy.sentences[i] for i in pair.copy)[:200],
            "original": " ".join(original.sentences[j] for j in pair.original)[:200],
            "similarity": pair.similarity,
        })
    return {
        "aligned_sentences": len(alignment.pairs),
        "copy_sentences": alignment.copy_sentences,
        "original_sentences": alignment.original_sentences,
        "copy_coverage": _r(alignment.copy_coverage),
        "original_coverage": _r(alignment.original_coverage),
        "mean_sentence_similarity": _r(alignment.mean_similarity),
        "alignment": [[list(p.copy), list(p.original)] for p in alignment.pairs],
        "examples": examples,
    }


def _verdict(copy: Article, original: Article, kind: str, similarity: float, why: str,
             evidence: dict[str, Any]) -> Verdict:
    evidence = {"similarity": similarity, **evidence, "original_because": why}
    if copy.published and original.published:
        lag = copy.published - original.published
        evidence["lag_hours"] = round(lag.total_seconds() / 3600, 2)
    claim = claimed_origin(copy)
    if claim is not None:
        evidence["claimed_origin"] = claim.name
        evidence["claim"] = claim.line
    return Verdict(copy=copy, original=original, kind=kind, similarity=similarity,
                   evidence=evidence)
