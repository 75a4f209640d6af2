"""Online story assignment: each new original joins the best open story or starts one.

The assigner keeps no state of its own between articles: stories, their centroids, the
candidate index and the term statistics live in the store, reached through the small
``StoryIndex`` protocol below, made of the store's own protocols (any store implements it;
this stage never imports a store implementation). One call per new article, inside the
pipeline's transaction, right after copy linking:

1. a copy takes its original's story, and never shapes or bridges stories;
2. an original is vectorised (TF-IDF of weighted words, names), its top terms and
   names are looked up in the index among stories still open at its time, the few best
   candidates are scored against their centroids, and it joins the best one above the
   threshold, or starts a new story;
3. after a join, a second look (``second_look``): the other stories it could have
   joined are merged in if their reports are as close across as within, and the story
   is split if its newest reports form two groups far apart.

Afterwards every copy in the article's copy tree is put in its root's story, so a copy's
story follows its original when the copy stage re-points links (an original that turns
out to predate a stored one is scored like any original, and the stored one, now its
copy, follows it; a story left with no member is dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from scipy import sparse
from sklearn.preprocessing import normalize

from storywire.model import Article, Story, StoryReport, utcnow
from storywire.store.protocols import ArticleReads, StoryStore
from storywire.stories.second_look import compare, two_groups
from storywire.stories.vectors import (
    NAME_ROUTE,
    Vectorizer,
    VectorOptions,
    pack,
    tfidf,
    top_features,
    unpack,
    unpack_rows,
)


class StoryIndex(ArticleReads, StoryStore, Protocol):
    """What the assigner needs from a store: article lookups and the story index."""


@dataclass(frozen=True)
class StoryOptions:
    """Every knob of story grouping (docs/stories.md says how they were chosen)."""

    enabled: bool = True
    vectors: VectorOptions = field(default_factory=VectorOptions)
    threshold: float = 0.12         # score needed to join a story
    name_weight: float = 0.4        # share of the score given to names (rest: words)
    cross_language_threshold: float = 0.25  # names-only score needed across languages
    quiet_days: float = 7.0         # a story closes after this long without a report
    grace_days: float = 1.0         # reports this close in time to a story are not penalised
    time_penalty: float = 0.1       # score lost per day further apart than the grace
    dated_share: bool = True        # ... times the share of dated reports among the
                                    # story's reports that tell the report's news (when
                                    # that decides the join; False: the whole penalty)
    index_terms: int = 12           # heaviest terms of a report kept as index keys
    index_names: int = 10           # heaviest names kept as index keys
    per_key: int = 32               # stories read per key (most recently active first)
    max_candidates: int = 16        # stories scored per article
    centroid_size: int = 400        # features kept in a story's centroid (and a report's)
    split_ratio: float = 0.7        # split a story whose reports form two groups this far
                                    # apart (between/within scores; 0: never split)
    split_min_size: int = 3         # ... each group holding at least this many reports
    split_reports: int = 60         # the story's newest reports looked at
    merge_ratio: float = 0.7        # merge two stories a report could join whose reports
                                    # are this close (between/within; 0: never merge)
    gather: bool = True             # a grown story draws in young one-report stories
                                    # whose report would join it now, and one of its
                                    # reports alone


class StorySchemeError(Exception):
    """The store's story vectors were made with other settings."""


@dataclass
class Placement:
    """Where an article went and why (for reports and tests)."""

    story_id: str
    joined: bool                   # joined an existing story (False: started one)
    score: float | None = None     # the winning score, for originals that were scored
    reason: str = "new"            # "new", "joined", "copy", "kept"


_CLOCK = "clock"
_DOCS = "documents"
_SCHEME = "scheme"


class StoryAssigner:
    """Assigns articles to stories through a ``StoryIndex``."""

    def __init__(self, index: StoryIndex, options: StoryOptions | None = None) -> None:
        self.index = index
        self.options = options or StoryOptions()
        self.vectorizer = Vectorizer(self.options.vectors)

    # -- scheme ----------------------------------------------------------------------------
    def check_scheme(self) -> None:
        """Record the vector scheme in a new store; refuse a store built otherwise."""
        scheme = self.options.vectors.scheme()
        stored = self.index.story_setting(_SCHEME)
        if stored is None:
            self.index.set_story_setting(_SCHEME, scheme)
        elif stored != scheme:
            raise StorySchemeError(
                f"the story index of this store was built as {stored!r}, this storywire "
                f"builds {scheme!r}: run `storywire reprocess --stage stories` once")

    # -- public ----------------------------------------------------------------------------
    def place(self, article: Article) -> Placement:
        """Give a newly stored (and copy-linked) article its story, then settle its tree."""
        self._tick(article)
        if article.copy_of:
            root = self.index.get_article(article.copy_of)
            if root is not None and root.id != article.id:
                if root.story_id is None:
                    self._place_original(root)
                self._set(article, root.story_id)
                self._settle(root)
                return Placement(story_id=root.story_id or "", joined=True, reason="copy")
        placement = self._place_original(article)
        self._settle(article)
        return placement

    def settle(self, article: Article) -> None:
        """After the copy stage re-judged ``article`` (a rebuild), put it and its copy tree
        in consistent stories, without re-scoring articles that already have one."""
        current = self.index.get_article(article.id) or article
        if current.story_id is None:
            self.place(current)
            return
        root = self.index.get_article(current.copy_of) if current.copy_of else current
        root = root or current
        if root.story_id is None:
            self._place_original(root)
        self._settle(root)

    # -- originals -------------------------------------------------------------------------
    def _place_original(self, article: Article) -> Placement:
        if article.story_id and self.index.get_stories([article.story_id]):
            return Placement(story_id=article.story_id, joined=True, reason="kept")
        self._withdraw([c for c in self.index.copies_of(article.id) if c.id != article.id])
        vectors = self.vectorizer.vectors(article)
        terms = self._tfidf(vectors.terms)
        names = self._tfidf(vectors.names)
        keys = self._keys(terms, names, vectors.lead_words)
        best, score, others = self._best(article, article.published, terms, names, keys)
        self.index.add_term_documents([int(f) for f in vectors.terms.indices]
                                      + [int(f) for f in vectors.names.indices])
        self.index.set_story_setting(_DOCS, str(self._documents() + 1))
        if best is None:
            story = Story(id=article.id, headline=article.title, language=article.language)
            joined = False
        else:
            story, joined = best, True
        self._absorb(story, article, terms, names)
        self.index.put_story(story)
        self.index.put_story_keys(story.id, keys)
        n, keep = self.options.vectors.n_features, self.options.centroid_size
        self.index.put_story_report(StoryReport(
            article_id=article.id, story_id=story.id, terms=pack(terms, keep, n),
            names=pack(names, keep, n), keys=tuple(keys)))
        self._set(article, story.id)
        if joined:
            for other in others:
                self._merge_if_one(story, other)
            self._gather(story, article, keys)
            self._second_look(story, article)
        return Placement(story_id=article.story_id or story.id, joined=joined, score=score,
                         reason="joined" if joined else "new")

    def _best(self, article: Article, when: datetime | None, terms: sparse.csr_matrix,
              names: sparse.csr_matrix, keys: list[int]
              ) -> tuple[Story | None, float | None, list[Story]]:
        """The best open story the article can join (None: none), its score, and the
        other stories it could also join, best first."""
        open_stories = self._open_candidates(keys, when)
        stories = {story.id: story for story in open_stories}
        scored = self.scores(article, terms, names, open_stories)
        joinable = sorted(((score, story.id) for story, (score, needed)
                           in zip(open_stories, scored, strict=True) if score >= needed),
                          key=lambda pair: (-pair[0], pair[1]))
        if not joinable:
            return None, None, []
        return (stories[joinable[0][1]], joinable[0][0],
                [stories[story_id] for _, story_id in joinable[1:]])

    def affinity(self, article: Article, story_ids: list[str], timed: bool = False
                 ) -> dict[str, tuple[float, float | None]]:
        """How far above its join threshold ``article`` (a copy: its original) scores
        against each of ``story_ids``, publication times aside: against the story's
        centroid, and against the report that started the story alone (None when that
        one is no longer recorded). Both at least 0: it would join the story, and would
        have joined it from its first report, if dates did not keep them apart.
        ``timed``: with the time penalty the grouping pays (for reading why two stories
        stayed apart).

        For a reader, not for grouping: a watch asks it whether a story that starts now
        retells one it alerted on hours ago, whatever dates its reports carry (a page
        dated months off, a report that closed the story's quiet period). The first
        report's own score keeps a look-alike event apart from a story that already drew
        in a report or two of it."""
        root = self.index.get_article(article.copy_of) if article.copy_of else article
        root = root or article
        ids = sorted(set(story_ids))
        reports = {r.article_id: r for r in self.index.get_story_reports([root.id, *ids])}
        stories = self.index.get_stories(ids)
        mine = reports.get(root.id)
        if mine is None or not stories:
            return {}
        n = self.options.vectors.n_features
        terms, names = normalize(unpack(mine.terms, n)), normalize(unpack(mine.names, n))
        listed = [stories[i] for i in ids if i in stories]
        whole = self.scores(root, terms, names, listed, timed=timed)
        founders = [reports.get(story.id) for story in listed]
        known = [(story, report) for story, report in zip(listed, founders, strict=True)
                 if report is not None]
        alone = dict(zip([story.id for story, _ in known], self.scores(
            root, terms, names, [replace(story, terms=report.terms, names=report.names)
                                 for story, report in known], timed=timed), strict=True))
        return {story.id: (score - needed, alone[story.id][0] - alone[story.id][1]
                           if story.id in alone else None)
                for story, (score, needed) in zip(listed, whole, strict=True)}

    def report_affinity(self, article: Article, others: list[Article]) -> dict[str, float]:
        """How far above its join threshold ``article`` (a copy: its original) scores
        against each of ``others``' own recorded report (a copy: its original's), dates
        aside, by article id; articles with no recorded report are left out.

        For a reader, like ``affinity``: across languages the words barely overlap, so a
        report is best compared with the other-language reports of a story one by one, by
        the names and figures they share, rather than with a centroid the story's own
        language dominates."""
        roots = {o.id: o.copy_of or o.id for o in others}
        root = self.index.get_article(article.copy_of) if article.copy_of else article
        root = root or article
        reports = {r.article_id: r for r in
                   self.index.get_story_reports(sorted({root.id, *roots.values()}))}
        mine = reports.get(root.id)
        if mine is None:
            return {}
        n = self.options.vectors.n_features
        terms, names = normalize(unpack(mine.terms, n)), normalize(unpack(mine.names, n))
        known = [o for o in others if roots[o.id] in reports and roots[o.id] != root.id]
        found = self.scores(root, terms, names, [
            Story(id=o.id, language=o.language, terms=reports[roots[o.id]].terms,
                  names=reports[roots[o.id]].names) for o in known], timed=False)
        return {o.id: score - needed for o, (score, needed) in zip(known, found, strict=True)}

    def scores(self, article: Article, terms: sparse.csr_matrix, names: sparse.csr_matrix,
               stories: list[Story], timed: bool = True) -> list[tuple[float, float]]:
        """(score, threshold it must reach) of an article against each story's centroids.

        Within one language: a weighted sum of the cosine of the words and of the names.
        Across languages the words barely overlap, so the names alone decide, against
        their own threshold. Either way a report published days away from the story's
        reports loses ``time_penalty`` per day beyond ``grace_days``: the start and the
        end of one strike share every word and name, but not the week."""
        if not stories:
            return []
        options = self.options
        word_cos = _cosines(terms, [s.terms for s in stories], options.vectors.n_features)
        name_cos = _cosines(names, [s.names for s in stories], options.vectors.n_features)
        found = []
        for story, words, named in zip(stories, word_cos, name_cos, strict=True):
            if article.language and story.language and article.language != story.language:
                score, needed = named, options.cross_language_threshold
            else:
                score = (1 - options.name_weight) * words + options.name_weight * named
                needed = options.threshold
            late = self._late(article, terms, names, story, score, needed) if timed else 0.0
            found.append((score - late, needed))
        return found

    def _late(self, article: Article, terms: sparse.csr_matrix, names: sparse.csr_matrix,
              story: Story, score: float, needed: float) -> float:
        """The score a report loses for the days between it and the story's dated reports
        beyond the grace. With ``dated_share``, in proportion to the share of dated
        reports among those of the story that tell the report's news (``_dated_share``):
        a story whose reports are mostly undated has a span known from one or two of
        them, so its dated reports say little about when the rest were published. Read
        only when the penalty decides the join (bounded: the newest ``split_reports``
        reports)."""
        options = self.options
        late = options.time_penalty * max(0.0, _gap_days(article, story) - options.grace_days)
        if not options.dated_share or late <= 0 or score < needed or score - late >= needed:
            return late
        return late * self._dated_share(article, terms, names, story)

    def _dated_share(self, article: Article, terms: sparse.csr_matrix,
                     names: sparse.csr_matrix, story: Story) -> float:
        """The share of dated reports among ``story``'s newest reports that ``article``'s
        report would join on its own, dates aside (among all of them when it would join
        none; 1 when none is recorded). Undated reports speak for the story's time only
        when they tell the report's news: a story that a look-alike event's undated
        reports fill, which the report's own event's dated reports joined, keeps their
        dates' penalty."""
        found = [(other, reaches) for other, reaches in
                 self._against_reports(article, terms, names, story) if other is not None]
        if not found:
            return 1.0
        told = [other for other, reaches in found if reaches] or [other for other, _ in found]
        return sum(a.published is not None for a in told) / len(told)

    def _withdraw(self, copies: list[Article]) -> None:
        """Take out of their stories' centroids the vectors of articles placed as originals
        that are copies now (the new article predates them): a copy never shapes a story."""
        placed = self.index.get_story_reports([c.id for c in copies])
        if not placed:
            return
        stories = self.index.get_stories(sorted({r.story_id for r in placed}))
        for report in placed:
            story = stories.get(report.story_id)
            if story is not None:
                self._take_out(story, [report])
                self.index.put_story(story)
            self.index.set_story_report(report.article_id, None)

    def _take_out(self, story: Story, reports: list[StoryReport]) -> None:
        """Subtract reports' recorded vectors from a story's centroids."""
        n, keep = self.options.vectors.n_features, self.options.centroid_size
        for name in ("terms", "names"):
            left = unpack(getattr(story, name), n)
            for report in reports:
                left = left - unpack(getattr(report, name), n)
            left.data[left.data < 1e-6] = 0.0
            left.eliminate_zeros()
            setattr(story, name, pack(left, keep, n))
        story.reports = max(0, story.reports - len(reports))
        if story.reports == 0:  # nothing independent left to match against
            story.terms = story.names = b""

    # -- second look -----------------------------------------------------------------------
    def _merge_if_one(self, story: Story, other: Story) -> None:
        """Merge ``other`` into ``story`` when a report could join both and their reports
        are about as close across the two as within each (``merge_ratio``): two stories
        of one event that began apart (the first reports shared too few words)."""
        options = self.options
        if options.merge_ratio <= 0 or other.id == story.id:
            return
        limit = options.split_reports
        ours = self.index.story_report_vectors(story.id, limit)
        theirs = self.index.story_report_vectors(other.id, limit)
        groups = compare(self._unpacked(ours), self._unpacked(theirs), options.name_weight)
        if groups is None or groups.within <= 0:
            return
        # the time between the two stories costs what it costs a report (the start and
        # the end of one strike share every word, not the week)
        late = options.time_penalty * max(0.0, _span_gap_days(story, other) - options.grace_days)
        if (groups.between - late) / groups.within < options.merge_ratio:
            return
        self._merge(story, other, theirs)

    def _open_candidates(self, keys: list[int], when: datetime | None,
                         exclude: tuple[str, ...] = ()) -> list[Story]:
        """The open stories the index finds under ``keys`` for a report published at
        ``when`` (``max_candidates`` of them, best key matches first), ``exclude`` aside."""
        options = self.options
        quiet = timedelta(days=options.quiet_days)
        since = (when - quiet).isoformat() if when else None
        found = self.index.story_candidates(keys, since, options.per_key)
        ids = [story_id for story_id, _ in found[:options.max_candidates]
               if story_id not in exclude]
        stories = self.index.get_stories(ids)
        return [stories[i] for i in ids if i in stories and _open(stories[i], when, quiet)]

    def _gather(self, story: Story, article: Article, keys: list[int]) -> None:
        """After ``article`` grew ``story``: a young story of one report that would join the
        grown story now moves into it. Its report came before the story held enough of the
        event's words to draw it in (the first reports of one event often share few), so
        the order reports arrive in would otherwise decide whether they meet; after this,
        it decides less. Only stories of one report move, and only into the best open
        story their report would join: a story of several reports is the second look's
        to merge (``merge_ratio``, whose test a lone report, with no "within", never
        passes)."""
        options = self.options
        if not options.gather or story.reports < 2:
            return
        singles = sorted((other for other in self._open_candidates(
            keys, article.published, exclude=(story.id,)) if other.reports == 1),
            key=lambda other: other.id)
        n = options.vectors.n_features
        for single in singles:
            reports = self.index.story_report_vectors(single.id, 1)
            member = self.index.get_article(reports[0].article_id) if reports else None
            if member is None:
                continue
            terms = normalize(unpack(reports[0].terms, n))
            names = normalize(unpack(reports[0].names, n))
            [(score, needed)] = self.scores(member, terms, names, [story])
            if score >= needed and self._prefers(member, reports[0], terms, names, story,
                                                 score) \
                    and self._meets_one(member, terms, names, story):
                self._merge(story, single, reports)

    def _meets_one(self, member: Article, terms: sparse.csr_matrix,
                   names: sparse.csr_matrix, story: Story) -> bool:
        """Whether ``member``'s report reaches the join threshold against one of
        ``story``'s reports on its own (the newest ``split_reports``). A centroid of many
        reports holds the whole topic's words and names, so a lonely report of the
        topic's other event can reach it without matching any single report; a report of
        the same event retells one of them. This keeps gathering from depending on how
        many topics a store holds: on a stream of many topics the centroid test alone
        drew in look-alike events."""
        return any(reaches for _, reaches in
                   self._against_reports(member, terms, names, story))

    def _against_reports(self, member: Article, terms: sparse.csr_matrix,
                         names: sparse.csr_matrix, story: Story
                         ) -> list[tuple[Article | None, bool]]:
        """Each of ``story``'s newest ``split_reports`` reports but ``member``'s own, as
        its article (None when it is not stored) and whether ``member``'s report reaches
        the join threshold against that report alone, dates aside."""
        reports = [r for r in self.index.story_report_vectors(
            story.id, self.options.split_reports) if r.article_id != member.id]
        if not reports:
            return []
        articles = self.index.get_articles([r.article_id for r in reports])
        alone = [Story(id=r.article_id, terms=r.terms, names=r.names,
                       language=articles[r.article_id].language
                       if r.article_id in articles else story.language)
                 for r in reports]
        return [(articles.get(r.article_id), score >= needed) for r, (score, needed) in
                zip(reports, self.scores(member, terms, names, alone, timed=False),
                    strict=True)]

    def _prefers(self, member: Article, report: StoryReport, terms: sparse.csr_matrix,
                 names: sparse.csr_matrix, story: Story, score: float) -> bool:
        """Whether no other open story would take ``member``'s report at a higher score
        than ``story`` does (``score``): a lonely report moves only to its best story."""
        rivals = self._open_candidates(list(report.keys), member.published,
                                       exclude=(story.id, report.story_id))
        return all(other < needed or other < score for other, needed in
                   self.scores(member, terms, names, rivals))

    def _merge(self, story: Story, other: Story, theirs: list[StoryReport]) -> None:
        """Merge ``other`` into ``story``: centroids, times, headline, members, keys."""
        options = self.options
        n, keep = options.vectors.n_features, options.centroid_size
        for name in ("terms", "names"):
            setattr(story, name, pack(unpack(getattr(story, name), n)
                                      + unpack(getattr(other, name), n), keep, n))
        story.reports += other.reports
        if other.first_seen and (story.first_seen is None or other.first_seen < story.first_seen):
            story.first_seen = other.first_seen
            story.headline = other.headline or story.headline
        if other.last_seen and (story.last_seen is None or other.last_seen > story.last_seen):
            story.last_seen = other.last_seen
        if other.active and (story.active is None or other.active > story.active):
            story.active = other.active
        every = theirs if len(theirs) >= other.reports \
            else self.index.story_report_vectors(other.id, other.reports)
        keys = sorted({k for r in every for k in r.keys})
        self.index.move_story_members(other.id, story.id)
        self.index.delete_story(other.id)
        self.index.put_story(story)
        self.index.put_story_keys(story.id, keys)

    def _second_look(self, story: Story, article: Article) -> None:
        """Split ``story`` in two when its newest reports form two groups far apart
        (``second_look`` says why): the group holding the story's first report keeps the
        story, the other becomes a story of its own, named after its first report, and
        takes its copies along. Reads at most ``split_reports`` reports: bounded."""
        options = self.options
        if options.split_ratio <= 0 or story.reports < 2 * options.split_min_size:
            return
        reports = self.index.story_report_vectors(story.id, options.split_reports)
        n = options.vectors.n_features
        groups = two_groups(*self._unpacked(reports), options.name_weight,
                            options.split_min_size)
        if groups is None or groups.ratio >= options.split_ratio:
            return
        founder = next((i for i, r in enumerate(reports) if r.article_id == story.id), 0)
        keeps = groups.labels[founder]
        leaving = [r for r, g in zip(reports, groups.labels, strict=True) if g != keeps]
        staying = [r for r, g in zip(reports, groups.labels, strict=True) if g == keeps]
        new_id = next((r.article_id for r in leaving
                       if not self.index.get_stories([r.article_id])), None)
        if new_id is None:
            return
        whole = story.reports == len(reports)
        self._take_out(story, leaving)
        split = Story(id=new_id, language=None, active=story.active)
        articles = self.index.get_articles([r.article_id for r in
                                            leaving + (staying if whole else [])])
        for report in leaving:
            member = articles.get(report.article_id)
            split.language = split.language or (member.language if member else None)
            for name in ("terms", "names"):
                setattr(split, name, pack(unpack(getattr(split, name), n)
                                          + unpack(getattr(report, name), n),
                                          options.centroid_size, n))
            split.reports += 1
            if member is not None:
                self._stretch(split, member)
        if whole:  # every report is in view: its times and headline can be redone
            story.first_seen = story.last_seen = story.headline = None
            for report in staying:
                if report.article_id in articles:
                    self._stretch(story, articles[report.article_id])
        self.index.put_story(story)
        self.index.put_story(split)
        self.index.put_story_keys(split.id, sorted({k for r in leaving for k in r.keys}))
        for report in leaving:
            self.index.set_story_report(report.article_id, split.id)
            member = article if report.article_id == article.id \
                else articles.get(report.article_id)
            if member is not None:
                self._set(member, split.id)
                self._settle(member)

    def _unpacked(self, reports: list[StoryReport]
                  ) -> tuple[list[sparse.csr_matrix], list[sparse.csr_matrix]]:
        """The reports' recorded word and name vectors, as two lists of rows."""
        n = self.options.vectors.n_features
        return [unpack(r.terms, n) for r in reports], [unpack(r.names, n) for r in reports]

    # -- helpers ---------------------------------------------------------------------------
    def _tfidf(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        documents = self.index.term_documents([int(f) for f in counts.indices])
        return tfidf(counts, documents, self._documents())

    def _documents(self) -> int:
        return int(self.index.story_setting(_DOCS) or 0)

    def _keys(self, terms: sparse.csr_matrix, names: sparse.csr_matrix,
              lead_words: frozenset[int]) -> list[int]:
        """Index keys: the heaviest single words of title and lead, and the heaviest names
        (word pairs are too specific to be shared by another outlet's report)."""
        keys = top_features(terms, self.options.index_terms, lead_words)
        keys += [NAME_ROUTE + f for f in top_features(names, self.options.index_names)]
        return keys

    def _absorb(self, story: Story, article: Article, terms: sparse.csr_matrix,
                names: sparse.csr_matrix) -> None:
        """Add a report to a story: centroids, times, headline."""
        n, keep = self.options.vectors.n_features, self.options.centroid_size
        story.terms = pack(unpack(story.terms, n) + terms, keep, n)
        story.names = pack(unpack(story.names, n) + names, keep, n)
        story.reports += 1
        self._stretch(story, article)

    def _stretch(self, story: Story, article: Article) -> None:
        """Widen the story's times to cover the article; an earlier report's headline wins."""
        when = self._stream_time(article)
        published = article.published
        if published is not None:
            if story.first_seen is None or published < story.first_seen:
                story.first_seen = published
                if article.title and (story.language in (None, article.language)):
                    story.headline = article.title
            if story.last_seen is None or published > story.last_seen:
                story.last_seen = published
        if when is not None and (story.active is None or when > story.active):
            story.active = when
        story.headline = story.headline or article.title
        story.updated_at = utcnow()

    def _stream_time(self, article: Article) -> datetime | None:
        """The article's time in the stream: published, else the stream's clock (the
        newest publication time seen). It moves a story's activity, which closes it; an
        undated article itself is matched by its text alone, in no time window."""
        if article.published is not None:
            return article.published
        clock = self.index.story_setting(_CLOCK)
        return datetime.fromisoformat(clock) if clock else None

    def _tick(self, article: Article) -> None:
        """Move the stream's clock to the newest publication time seen."""
        if article.published is None:
            return
        clock = self.index.story_setting(_CLOCK)
        if clock is None or article.published > datetime.fromisoformat(clock):
            self.index.set_story_setting(_CLOCK, article.published.isoformat())

    def _settle(self, root: Article) -> None:
        """Put every copy of ``root`` in root's story; drop stories left empty."""
        story_id = root.story_id or (self.index.get_article(root.id) or root).story_id
        for member in self.index.copies_of(root.id):
            if member.id != root.id and member.story_id != story_id:
                old = member.story_id
                self._set(member, story_id)
                if old and self.index.story_member_count(old) == 0:
                    self.index.delete_story(old)

    def _set(self, article: Article, story_id: str | None) -> None:
        article.story_id = story_id
        self.index.set_story(article.id, story_id)


def _open(story: Story, when: datetime | None, quiet: timedelta) -> bool:
    """Whether a story still takes a report published at ``when``."""
    if when is None or story.active is None:
        return True
    if story.active < when - quiet:
        return False
    return story.first_seen is None or story.first_seen <= when + quiet


def _gap_days(article: Article, story: Story) -> float:
    """Days between the article's publication and the nearest of the story's reports'
    publication times (0 when either is unknown)."""
    published = article.published
    if published is None or story.first_seen is None or story.last_seen is None:
        return 0.0
    if published < story.first_seen:
        return (story.first_seen - published).total_seconds() / 86400
    return max(0.0, (published - story.last_seen).total_seconds() / 86400)


def _span_gap_days(first: Story, second: Story) -> float:
    """Days between two stories' spans of publication times (0 when they overlap or
    either has no dated report)."""
    start, end = first.first_seen, first.last_seen
    other_start, other_end = second.first_seen, second.last_seen
    if start is None or end is None or other_start is None or other_end is None:
        return 0.0
    gap = max(other_start - end, start - other_end)  # negative when the spans overlap
    return max(0.0, gap.total_seconds() / 86400)


def _cosines(vector: sparse.csr_matrix, blobs: list[bytes], n: int) -> list[float]:
    """Cosine of a unit-length 1-row vector with each packed centroid, in one product."""
    if vector.nnz == 0:
        return [0.0] * len(blobs)
    centroids = normalize(unpack_rows(blobs, n))
    return [float(x) for x in (centroids @ vector.T).toarray().ravel()]
