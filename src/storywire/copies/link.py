"""Streaming copy linking: fingerprint a new article, find candidates, judge, re-point.

The linker holds no state of its own between articles: the band keys live in the store,
reached through the small ``CopyIndex`` protocol below, made of the store's own protocols
(any store implements it; this stage never imports a store implementation). One call per
new article, inside the pipeline's transaction:

1. fingerprint the text; look its exact hash and band keys up in the index;
2. rank the candidates (exact first, then by the share of bands they agree on) and judge
   the best few with ``detect.compare``, one per copy tree;
3. point the article at the root original of the tree it matched, or, when it turns out
   to be the earlier publication, make it the root and re-point the whole tree at it:
   copies always point at the root, never at a copy of a copy.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from storywire.copies import embed
from storywire.copies.detect import (
    KINDS,
    DetectOptions,
    Encoder,
    TextFeatures,
    Verdict,
    compare,
    features,
)
from storywire.copies.fingerprint import (
    Fingerprint,
    FingerprintOptions,
    MinHasher,
    estimate,
    fingerprint,
    minhasher,
    signature_similarity,
)
from storywire.copies.origin import claimed_origin
from storywire.model import Article
from storywire.store.protocols import ArticleReads, CopyStore


class CopyIndex(ArticleReads, CopyStore, Protocol):
    """What the linker needs from a store: article lookups and the copy index."""


@dataclass(frozen=True)
class CopyOptions:
    """Every knob of copy detection."""

    enabled: bool = True
    fingerprint: FingerprintOptions = field(default_factory=FingerprintOptions)
    detect: DetectOptions = field(default_factory=DetectOptions)
    max_candidates: int = 8        # candidates judged per article (one per copy tree)
    lookup_limit: int = 200        # ids read back per route from the band index
    postings_per_key: int = 64     # newest articles read per band key: a key shared by
                                   # more is not selective, and reading all would grow
                                   # with the store
    signature_checks: int = 48     # term-only candidates whose signature is compared
    min_estimate: float = 0.25     # content-term Jaccard (estimated) needed to judge a
                                   # candidate found by the term bands alone


class CopySchemeError(Exception):
    """The store's band keys were made with other fingerprint settings or library."""


_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


class CopyLinker:
    """Links articles to their originals through a ``CopyIndex``."""

    def __init__(self, index: CopyIndex, options: CopyOptions | None = None,
                 hasher: MinHasher | None = None) -> None:
        self.index = index
        self.options = options or CopyOptions()
        self.hasher = hasher or minhasher(self.options.fingerprint.library)
        self._features: OrderedDict[tuple[str, int], TextFeatures] = OrderedDict()

    # -- public ------------------------------------------------------------------------
    def fingerprint(self, article: Article) -> Fingerprint:
        return fingerprint(article.text, self.options.fingerprint, self.hasher)

    def link(self, article: Article) -> Verdict | None:
        """Index a newly stored article and link it into the copy trees."""
        fp = self.fingerprint(article)
        candidates = self.candidates(article.id, fp)
        self.index.put_copy_keys(article.id, fp.exact, fp.all_keys(), fp.term_signature)
        return self._place(article, candidates)

    def refresh(self, old: Article, new: Article) -> None:
        """Re-judge an article rebuilt from its capture (junk learned since, its outlet's
        name found, a better extractor): re-index it if its text changed, place it again,
        and re-judge the copies that pointed at it."""
        if old.text == new.text and _signals(old) == _signals(new):
            return
        if old.text != new.text:
            self.index.delete_copy_keys(new.id, self.fingerprint(old).all_keys())
        children = [c for c in self.index.copies_of(new.id) if c.id != new.id]
        self._set(new, None, None, None)
        self.link(new)
        root = self._root(new)
        for child in children:
            if child.id != root.id:
                self._attach(child, root, via=None)

    def candidates(self, article_id: str, fp: Fingerprint) -> list[str]:
        """Stored articles worth judging against this fingerprint, most promising first."""
        options = self.options
        scores: dict[str, float] = {}
        if fp.shingles:
            for found in self.index.exact_matches(fp.exact, options.lookup_limit):
                scores[found] = 2.0
        term_only: list[str] = []
        for route, keys in fp.bands.items():
            banding = options.fingerprint.banding(route)
            for found, hits in self.index.band_matches(keys, options.lookup_limit,
                                                       options.postings_per_key):
                if route == "T" and found not in scores:
                    term_only.append(found)
                    continue
                scores[found] = max(scores.get(found, 0.0), 1.0 + estimate(hits, banding))
        # Content terms are shared by articles on one subject: a band or two in common is
        # common, so the full signature's estimate decides whether to read the text.
        # Most hits first, and a bounded number: the cost stays flat as the store grows
        # (on a large store a rewrite agreeing on a single term band can be passed over).
        unread = [f for f in term_only if f not in scores][:options.signature_checks]
        signatures = self.index.copy_signatures(unread)
        for found, signature in signatures.items():
            guess = signature_similarity(fp.term_signature, signature)
            if guess >= options.min_estimate:
                scores[found] = guess
        scores.pop(article_id, None)
        return sorted(scores, key=lambda k: (-scores[k], k))

    # -- placing an article ------------------------------------------------------------
    def _place(self, article: Article, candidates: list[str]) -> Verdict | None:
        matches: list[tuple[Verdict, Article, str]] = []
        seen_roots: set[str] = set()
        judged = 0
        for candidate_id in candidates:
            if judged >= self.options.max_candidates:
                break
            other = self.index.get_article(candidate_id)
            if other is None:
                continue
            root_id = other.copy_of or other.id
            if root_id in seen_roots or root_id == article.id:
                continue
            judged += 1
            verdict = self._compare(article, other)
            if verdict is not None:
                seen_roots.add(root_id)
                matches.append((verdict, other, root_id))
        if not matches:
            self._set(article, None, None, _claim_evidence(article))
            return None
        matches.sort(key=lambda m: (_PRIORITY[m[0].kind], -m[0].similarity))
        verdict = self._join(article, *matches[0])
        for _, _, other_root in matches[1:]:  # the article joins trees that were apart
            self._merge(other_root, self._root(article))
        return verdict

    def _join(self, article: Article, verdict: Verdict, other: Article, root_id: str
              ) -> Verdict:
        """Put ``article`` in the tree of ``other`` (which it was judged against)."""
        root = other if other.id == root_id else (self.index.get_article(root_id) or other)
        if root is not other:
            direct = self._compare(article, root)
            verdict = direct if direct is not None else _via(verdict, article, root, other)
        if verdict.copy.id == article.id:
            self._set(article, root.id, verdict.kind, verdict.evidence)
            for child in self.index.copies_of(article.id):  # it had copies of its own
                self._attach(child, root, via=article.id)
            return verdict
        # The new article is the earlier publication: it becomes the root of the tree.
        self._set(article, None, None, _claim_evidence(article))
        self._fold(root, article, verdict)
        return verdict

    def _fold(self, root: Article, into: Article, verdict: Verdict) -> None:
        """Make ``root`` (with its whole tree) a copy of ``into``."""
        members = [m for m in self.index.copies_of(root.id) if m.id != into.id]
        self._set(root, into.id, verdict.kind, verdict.evidence)
        for member in members:
            self._attach(member, into, via=root.id)

    def _merge(self, root_id: str, current: Article) -> None:
        """Fold two trees into one when their roots are judged copies of each other."""
        other = self.index.get_article(root_id)
        if other is None or other.id == current.id or other.copy_of:
            return
        verdict = self._compare(other, current)
        if verdict is None:
            return
        if verdict.copy.id == other.id:
            self._fold(other, current, verdict)
        else:
            self._fold(current, other, verdict)

    def _attach(self, member: Article, root: Article, via: str | None) -> None:
        """Point ``member`` at ``root``, judging the pair directly where possible."""
        verdict = self._compare(member, root)
        if verdict is not None and verdict.copy.id == member.id:
            self._set(member, root.id, verdict.kind, verdict.evidence)
            return
        evidence = dict(member.copy_evidence or {})
        if via:
            evidence["via"] = via
        kind = member.copy_kind or (verdict.kind if verdict else None) or "near"
        self._set(member, root.id, kind, evidence)

    def _root(self, article: Article) -> Article:
        current = self.index.get_article(article.id) or article
        if current.copy_of:
            return self.index.get_article(current.copy_of) or current
        return current

    def _set(self, article: Article, copy_of: str | None, kind: str | None,
             evidence: dict[str, Any] | None) -> None:
        article.copy_of, article.copy_kind, article.copy_evidence = copy_of, kind, evidence
        self.index.set_copy(article.id, copy_of, kind, evidence)

    # -- comparing ---------------------------------------------------------------------
    def _compare(self, new: Article, stored: Article) -> Verdict | None:
        return compare(new, self._text_features(new), stored, self._text_features(stored),
                       self.options.detect, self.encoder)

    @cached_property
    def encoder(self) -> Encoder | None:
        """The sentence encoder for paraphrase-grade rewrites, if asked for and installed
        (loaded on first use: most comparisons never need it)."""
        if self.options.detect.semantic and embed.available():
            return embed.shared_encoder()
        return None

    def encoder_missing(self) -> str | None:
        """How to install the encoder, when alignment by meaning is asked for and it is
        not installed (rewrites are then aligned by content terms only)."""
        if self.options.detect.semantic and not embed.available():
            return embed.INSTALL_HINT
        return None

    def _text_features(self, article: Article) -> TextFeatures:
        key = (article.id, hash(article.text))
        found = self._features.get(key)
        if found is None:
            found = features(article.text, self.options.detect)
            self._features[key] = found
            if len(self._features) > 256:
                self._features.popitem(last=False)
        else:
            self._features.move_to_end(key)
        return found

    # -- whole store -------------------------------------------------------------------
    def relink_all(self, articles: Iterable[Article]) -> int:
        """Link every article again, in the order given (after ``reset_copies``)."""
        count = 0
        for article in articles:
            article.copy_of = article.copy_kind = article.copy_evidence = None
            self.link(article)
            count += 1
        return count


def _claim_evidence(article: Article) -> dict[str, Any] | None:
    claim = claimed_origin(article)
    if claim is None:
        return None
    return {"claimed_origin": claim.name, "claim": claim.line}


def _via(verdict: Verdict, article: Article, root: Article, other: Article) -> Verdict:
    """The article matched a member of ``root``'s tree but not the root itself."""
    evidence = {**verdict.evidence, "via": other.id}
    return Verdict(copy=article, original=root, kind=verdict.kind,
                   similarity=verdict.similarity, evidence=evidence)


def _signals(article: Article) -> tuple[object, ...]:
    """What the choice of an original reads besides the text."""
    return (article.outlet, article.published, article.url, article.canonical_url,
            tuple(article.removed), tuple(article.removed_reasons))
