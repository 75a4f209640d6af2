"""Who is speaking: the subject of a cue verb, turned into a name, a resolved pronoun, or
a description kept as written when the speaker is not named.

Works on spaCy tokens and the article's entity mentions (``entities.Mention``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from storywire.understand.cues import PRONOUNS, says, word_list
from storywire.understand.entities import Mention, doc_text

MAX_DESCRIPTION_WORDS = 16
_SPEAKER_LABELS = ("PERSON", "ORG", "GROUP")


@dataclass
class Speaker:
    """A speaker: the fullest name (or None), a description, and where in the text the
    speaker is mentioned next to the quote (``start``/``end``, for evaluation)."""

    name: str | None
    description: str | None
    start: int
    end: int


class SpeakerFinder:
    """Resolves the subject of a cue to a speaker within one article."""

    def __init__(self, doc: Any, mentions: list[Mention], quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = [m for m in mentions if m.label in _SPEAKER_LABELS]
        self._starts = [m.start for m in self.mentions]
        self.quoted = sorted(quoted)  # (start, end) of quoted passages: nobody speaks inside
        self._quote_starts = [start for start, _ in self.quoted]
        self._speakers: frozenset[str] | None = None
        self._quote_reach = []  # the furthest end of any passage starting at or before
        reach = -1
        for _, end in self.quoted:
            reach = max(reach, end)
            self._quote_reach.append(reach)

    def inside_quote(self, offset: int) -> bool:
        i = bisect_right(self._quote_starts, offset) - 1
        if i < 0 or self._quote_reach[i] <= offset:
            return False
        return self.quoted[i][1] > offset or any(
            start <= offset < end for start, end in self.quoted[:i])

    # -- from a cue -----------------------------------------------------------------------
    def subject_of(self, cue: Any) -> Any | None:
        """The subject token of a cue verb (or the object of "according to")."""
        if cue.lower_ == "according":
            for child in cue.children:
                if child.lower_ == "to":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
            return None
        verb = _outer_cue(cue) or cue
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            if not subjects:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                if agent is not None:
                    subjects = [c for c in agent.children if c.dep_ == "pobj"]
            # The parser may tie words of the quote itself to the cue: skip those.
            # A verb the parser gave two subjects ("Holding signs …, the protesters
            # chanted") has its own next to it.
            subject = min((c for c in subjects if not self.inside_quote(c.idx)),
                          key=lambda c: abs(c.i - verb.i), default=None)
            if subjects and subject is None:
                break
            if subject is not None:
                return subject  # "Smith, who said …": "who", read as Smith below
            if verb.dep_ == "xcomp" and verb.head.lower_ in _CAUSING:
                # "That prompted Rubio to … call Trump “very flexible”", "leading advisers
                # like Gene Sperling to counter that …": whom something led to say it says
                # it ("used the comments to urge" or "pushing Democrats to reject" stay
                # the subject's).
                controller = next((c for c in verb.head.children if c.dep_ == "dobj"
                                   and c.i < verb.i and not self.inside_quote(c.idx)), None)
                if controller is not None:
                    return controller
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                # "He smiled and said …": the subject of "smiled"; "…, adding, “…”" hung
                # on a clause another verb of saying reports tells of that verb
                verb = self._reporting(verb.head, cue) if verb.dep_ == "advcl" \
                    else verb.head
                continue
            if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN" \
                    and says(verb):
                # "His office put out a statement saying …": the text says it for its
                # owner, whoever put it out or whose it is ("his statement saying").
                owner = next((c for c in verb.head.children if c.dep_ == "poss"), None) \
                    or _owner(verb.head)
                if owner is not None and not self.inside_quote(owner.idx):
                    return owner
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" \
                    and verb.head.head.pos_ in ("VERB", "AUX"):
                verb = _reporter(verb.head.head, cue)  # "She followed that by saying …"
                continue
            break
        # Parser slips around inverted cues ("…,” said Mr. Kulazhanka): take a name that
        # directly follows the cue.
        return self._name_after(cue) or self._name_before(cue)

    def _reporting(self, verb: Any, cue: Any) -> Any:
        """The verb a participle set off by a comma tells of: as ``_reporter``, and also the
        verb of saying whose adverbial clause ``verb`` heads ("Hannity said … after the
        senator won his primary, remarking that …": Hannity remarks), unless that clause's
        subject is the same person, named nearer ("Obama has been criticized …, though he
        used stronger language, saying …": "he")."""
        outer = _reporter(verb, cue)
        if outer.i != verb.i or verb.dep_ != "advcl" or not says(verb.head) \
                or verb.head.i > cue.i:
            return outer
        inner = self.subject_of(verb)
        speaker = self.subject_of(verb.head)
        if inner is None or speaker is None:
            return verb
        name = self.speaker_for(inner).name
        return verb if name and name == self.speaker_for(speaker).name else verb.head

    def _name_after(self, cue: Any) -> Any | None:
        """A name a few words after an inverted cue ("said Virginia delegate Beau
        Correll"), before any comma or verb. A participle is never inverted: the name
        after it is whom it tells ("telling Harwell College's graduates, “…”")."""
        if cue.tag_ == "VBG":
            return None
        for token in self.doc[cue.i + 1:cue.i + 7]:
            if not self.inside_quote(token.idx) and (self._mention_at(token.idx) is not None or (
                    token.pos_ == "PROPN" and token.dep_ != "poss"
                    and self._named(token.text) is not None)):
                return token  # a person the article names, missed here ("reacted Trump")
            if token.pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "NUM") \
                    and token.text != ".":
                break  # "said when Boyle asked": Boyle is not who said it
        return None

    def _name_before(self, cue: Any) -> Any | None:
        """The name right after a quote's closing mark when the cue comes later ("“…,”
        Trump, the 2016 GOP presidential frontrunner …, said")."""
        i = cue.i - 1
        while i > max(-1, cue.i - 40) and not self.inside_quote(self.doc[i].idx) \
                and "\n" not in self.doc[i].text:
            i -= 1
        if i < 0 or not self.inside_quote(self.doc[i].idx):
            return None
        i += 1
        while i < cue.i and self.doc[i].is_punct:
            i += 1
        if i < cue.i and (self._mention_at(self.doc[i].idx) is not None or (
                self.doc[i].pos_ == "PROPN" and not self.doc[i].ent_type_)):
            return self.doc[i]
        return None

    def speaker_for(self, subject: Any) -> Speaker:
        """Name, resolved pronoun or description for the subject token of a cue. A
        relative pronoun ("Smith, who said …") is named after what it refers to, and
        placed where it stands when that has a name: it is the cue's subject."""
        clause = subject.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "Reyes, who has given … and who said …"
        if subject.tag_ in ("WP", "WDT") and clause.dep_ == "relcl" \
                and clause.head.i != clause.i:
            named = self.speaker_for(clause.head)
            owner = _owner(clause.head)
            if named.name is None and owner is not None:
                # "The Post ran a piece that noted …": the piece's owner says it.
                return self.speaker_for(owner)
            if named.name is None:
                return named
            return Speaker(named.name, named.description, subject.idx,
                           subject.idx + len(subject))
        missed = self._missed_name(subject)
        if missed is not None:
            return missed
        span = self._phrase(subject)
        start, end = span[0].idx, span[-1].idx + len(span[-1])
        mention = self._mention_at(subject.idx) or self._first_mention(
            start, end, _modifiers(subject))
        if mention is not None and mention.label == "GROUP" and not _plural(subject):
            mention = None  # "one of the men, a Russian", "a Russian fighter": unnamed
        if mention is not None:
            return Speaker(mention.canonical, self._description(subject, mention),
                           mention.start, mention.end)
        word = subject.lower_
        if subject.pos_ == "PROPN":  # a name the recogniser missed ("Earnest said")
            name = " ".join(t.text for t in span if t.pos_ == "PROPN")
            known = self._named(name)
            return Speaker(known or name, None, start, end)
        if subject.pos_ == "PRON" and word in PRONOUNS:
            resolved = self.resolve_pronoun(subject)
            return Speaker(resolved.canonical if resolved else None, None,
                           subject.idx, subject.idx + len(subject))
        return Speaker(None, _clip(self.text[start:end]), start, end)

    def _missed_name(self, subject: Any) -> Speaker | None:
        """A subject that is a person's name the recogniser missed here but read elsewhere
        in the article ("“…,” Trump, the 2016 GOP frontrunner …, said"): that person, not
        the first name in the words set beside it."""
        if subject.pos_ != "PROPN" or self._mention_at(subject.idx) is not None \
                or any(c.dep_ == "relcl" for c in subject.children):
            return None  # a clause about the name is read below ("Bannon, who Beck …")
        words = [t for t in subject.lefts if t.dep_ in ("compound", "flat")
                 and t.pos_ == "PROPN" and t.i >= subject.i - 3] + [subject]
        known = self._named(" ".join(t.text for t in words))
        if known is None:
            return None
        return Speaker(known, None, words[0].idx, subject.idx + len(subject))

    # -- pronouns -------------------------------------------------------------------------
    def resolve_pronoun(self, pronoun: Any) -> Mention | None:
        """The person a he/she/it refers to: in the nearest earlier sentence naming anyone
        (the pronoun's own sentence first), the first one in subject position, else the
        last one named; a title's gender rules candidates out ("Ms." is not "he"). A he or
        she may also stand for a name the recogniser read as no person but that speaks
        elsewhere in the article ("Brafman said …", then "he replied")."""
        gender = PRONOUNS.get(pronoun.lower_)
        wanted = ("ORG",) if pronoun.lower_ == "it" else ("PERSON",)
        if pronoun.lower_ in ("they", "we", "i"):
            return None
        sentence = pronoun.sent
        for _ in range(6):
            limit = pronoun.idx if sentence.start <= pronoun.i < sentence.end \
                else sentence.end_char
            found = [m for m in self._mentions_between(sentence.start_char, limit)
                     if (m.label in wanted
                         or (gender and m.canonical in self._speaking_names()))
                     and not self.inside_quote(m.start)
                     and not (gender and m.gender and m.gender != gender)]
            if found:
                subjects = [m for m in found if self._in_subject(m)]
                return subjects[0] if subjects else found[-1]
            if sentence.start == 0:
                return None
            sentence = self.doc[sentence.start - 1].sent
        return None

    def _speaking_names(self) -> frozenset[str]:
        """Names the recogniser did not read as a person that are the subject of a verb of
        saying somewhere in the article ("Brafman said"): a he or she may stand for them."""
        if self._speakers is None:
            names = set()
            for m in self.mentions:
                if m.label == "PERSON" or self.inside_quote(m.start):
                    continue
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                root = span.root
                if root.pos_ == "PROPN" and root.dep_ in ("nsubj", "nsubjpass") \
                        and says(root.head) and root.tag_ not in ("NNPS", "NNS"):
                    names.add(m.canonical)
            self._speakers = frozenset(names)
        return self._speakers

    # -- helpers --------------------------------------------------------------------------
    def named(self, name: str) -> str | None:
        """The canonical name of a person of the article whose last name is ``name``'s."""
        return self._named(name)

    def _named(self, name: str) -> str | None:
        """The canonical name of a person mentioned elsewhere whose last name is ``name``'s."""
        words = name.lower().split()
        for mention in self.mentions:
            if mention.label == "PERSON" and words and \
                    mention.canonical.lower().split()[-1:] == words[-1:]:
                return mention.canonical
        return None

    def _in_subject(self, mention: Mention) -> bool:
        token = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if token is None:
            return False
        node = token.root
        while node.head.i != node.i:
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if node.dep_ in ("ccomp", "relcl", "advcl", "pobj", "dobj"):
                return False
            node = node.head
        return False

    def _phrase(self, token: Any) -> list[Any]:
        """The subject's phrase, cut before any quoted passage and trailing commas."""
        tokens = [t for t in token.subtree if not self.inside_quote(t.idx)]
        tokens = [t for t in tokens if abs(t.i - token.i) < 40]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        return tokens or [token]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """The speaker-like mentions (people, organisations, groups) starting in a range."""
        return self._mentions_between(start, end)

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def _mention_at(self, offset: int) -> Mention | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.mentions[i].start <= offset < self.mentions[i].end:
            return self.mentions[i]
        return None

    def _first_mention(self, start: int, end: int,
                       skip: list[tuple[int, int]] = ()) -> Mention | None:
        found = [m for m in self._mentions_between(start, end) if m.label != "GROUP"
                 and not (any(s <= m.start < e for s, e in skip) and not self._named_as(m))]
        people = [m for m in found if m.label == "PERSON"]
        return (people or found or [None])[0]

    def _named_as(self, mention: Mention) -> bool:
        """Whether a mention is in apposition ("who gave only her first name, *Ana*"):
        such a name in a clause about a subject is still the subject's."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "appos"

    def described(self, speaker: Speaker) -> Speaker:
        """A named speaker with what the text says they are, from the mention it is at."""
        mention = self._mention_at(speaker.start)
        if speaker.description or mention is None:
            return speaker
        token = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if token is None:
            return speaker
        return Speaker(speaker.name, self._description(token.root, mention), speaker.start,
                       speaker.end)

    def _description(self, subject: Any, mention: Mention) -> str | None:
        """What the text says the named speaker is: an apposition ("Mr. Kulazhanka, a
        former Belarusian culture minister") or the noun a name is in apposition to."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        head = span.root if span is not None else subject
        for child in head.children:
            if child.dep_ == "appos" and not self.inside_quote(child.idx):
                words = [t for t in child.subtree if not self.inside_quote(t.idx)]
                return _clip(self.doc[words[0].i:words[-1].i + 1].text) if words else None
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
            owner = head.head
            left = [t for t in owner.subtree if t.i < head.i and t.i <= owner.i]
            if left:
                return _clip(self.doc[left[0].i:owner.i + 1].text)
        return None


# Clauses that say something about a subject rather than name it: "one source *who
# identified Sullivan*", "Others, *reacting to the Van Dyke shooting*, shouted".
_CLAUSE_MODIFIERS = frozenset(("relcl", "acl", "advcl"))


# Verbs whose object does what their infinitive says: "prompted Rubio to call", "led
# Republicans to say", "leaving many to wonder".
_CAUSING = frozenset(word_list("""
prompt prompts prompted prompting lead leads led leading cause causes caused causing
leave leaves left leaving spur spurs spurred spurring drive drives drove driven driving
force forces forced forcing inspire inspires inspired inspiring
"""))


def _modifiers(subject: Any) -> list[tuple[int, int]]:
    """Where the clauses modifying a subject or a word of its phrase lie: a name inside them
    is not the subject's, unless it is set in apposition there. The parser often hangs the
    clause on the nearest noun ("a longtime adviser to both Clintons, *who … interviewed by
    POLITICO, requested anonymity*" hangs on "Clintons"), so every word of the phrase
    counts."""
    out = []
    for word in subject.subtree:
        for child in word.children:
            if child.dep_ in _CLAUSE_MODIFIERS:
                last = child.right_edge
                out.append((child.left_edge.idx, last.idx + len(last)))
    return out


def _reporter(verb: Any, cue: Any) -> Any:
    """The verb a cue's phrase tells of: ``verb``, or the verb of saying before the cue
    whose reported clause ``verb`` heads, where the parser hung the phrase too low
    ("Trump said the court's deadlock has “kept us safe” before claiming …": Trump goes
    on to claim, not the deadlock)."""
    if verb.dep_ == "ccomp" and says(verb.head) and verb.head.i < cue.i:
        return verb.head
    return verb


def _owner(thing: Any) -> Any | None:
    """Who has, writes or sends the object ``thing`` ("*The Post* ran a piece"): the subject
    of the verb it is the object of, when that subject is no relative pronoun."""
    if thing.dep_ != "dobj" or thing.head.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in thing.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ in ("WP", "WDT"):
        return None
    return subject


def _plural(token: Any) -> bool:
    """A group named as a plural noun ("Democrats said") speaks as that group; a
    nationality word alone ("a Russian", "the Belarusian") names nobody."""
    return token.tag_ in ("NNPS", "NNS")


def _clip(text: str) -> str | None:
    words = text.replace("\n", " ").split()
    if not words:
        return None
    clipped = " ".join(words[:MAX_DESCRIPTION_WORDS])
    return clipped.rstrip(",;:—–- ") + ("…" if len(words) > MAX_DESCRIPTION_WORDS else "")


def _outer_cue(cue: Any) -> Any | None:
    """The verb of saying whose subject speaks for a cue the parser tied to the clause it
    reports: a participle set off by a comma ("Byrne wrote the agents knew …, saying,
    “…”": Byrne, not the agents) or a verb joined by "and" to a word of that clause ("The
    president noted that he taught law, and added: “…”": the president, not "he")."""
    if not says(cue) or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    doc = cue.doc
    participle = cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].text == ","
    if not participle and cue.dep_ != "conj":
        return None
    node = cue.head
    for _ in range(6):
        if node.dep_ == "ccomp" and says(node.head) and node.head.i < cue.i:
            return node.head
        if node.head.i == node.i or (not participle and node.dep_ != "conj"):
            return None
        node = node.head
    return None
