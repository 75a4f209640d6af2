"""Named people, organisations and places, each mention tied to one canonical name.

spaCy's recogniser finds the mentions; this module maps its labels onto storywire's
(GPE, LOC and FAC are all places to a reader) and folds "Mr. Kulazhanka" and "Kulazhanka"
under "Pavel Kulazhanka", the fullest name of that entity in the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from storywire.understand.cues import cue_lemma, word_list
from storywire.understand.marks import find_marked

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "NORP": "GROUP", "EVENT": "EVENT", "PRODUCT": "PRODUCT", "LAW": "LAW",
          "WORK_OF_ART": "WORK"}

TITLES = frozenset(word_list("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev.
president vice prime minister senator sen sen. rep rep. representative governor gov gov.
mayor councillor councilor chancellor secretary general gen gen. colonel col col.
captain capt capt. sergeant sgt sgt. lieutenant lt lt. commander judge justice detective
inspector chief superintendent officer constable pope king queen prince princess sheikh
ambassador deputy spokesman spokeswoman spokesperson chairman chairwoman chair ceo
director dean bishop father sister brother coach candidate former acting assistant
"""))
# Ranks and occupations written before a name like a title ("Trooper Ken Smith", "Cornerback
# Vontae Davis", "Deputy D. A. Lowell Anger"): left out of the name, as "Mr." is, so
# "Trooper Smith" and "Ken Smith" are one person's forms.
RANK_WORDS = frozenset(word_list("""
trooper patrolman patrolwoman corporal cpl cpl. pvt pvt. spc spc. marshal sheriff agent
firefighter admiral adm adm. commissioner investigator const const. dep dep. maj maj. d.a.
cornerback quarterback linebacker tailback fullback halfback receiver lineman pitcher catcher
shortstop outfielder infielder rookie striker midfielder goalkeeper defender
kicker placekicker punter qb
actor actress singer rapper comedian novelist anchor columnist lawyer attorney
writer screenwriter left-hander right-hander
pensioner retiree
"""))
TITLES = TITLES | RANK_WORDS
# The titles that only ever stand before a person's name: a name the recogniser read as an
# organisation because one opens it ("Cornerback Vontae Davis") is a person's.
PERSONAL_TITLES = RANK_WORDS | frozenset(word_list("""
mr mr. mrs mrs. ms ms. miss dr dr. sgt sgt. sergeant officer detective coach capt capt.
lt lt. constable inspector
"""))
_SPLIT_TITLES = (("d.", "a."),)  # "D. A." (district attorney) as the tokens set it
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother"})
FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen",
                           "princess", "sister"})
# What a mention's use says of a person's name: a firm's or a product's does none of these.
_HUMAN_USES = frozenset(("speaker", "titled", "human", "who", "aged", "kin"))
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_QUOTES = re.compile(r"[\"“”]")  # a nickname's quotes part words: `Anthony"Tony Ducks"`


@dataclass
class Mention:
    """One mention of a named entity, with offsets into the article's text."""

    text: str
    label: str
    start: int
    end: int
    canonical: str = ""
    gender: str | None = None  # "m" or "f" when a title says so
    # How a person (or organisation) mention is used, read from the parse: what tells a
    # common word, a place or a firm the recogniser took for a name ("Turnout in the
    # ballot was 78%", "a bridge at Greyhaven", "the Waitrose supermarket") from a person.
    use: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
                "canonical": self.canonical}


def name_tokens(text: str) -> list[str]:
    """The words of a name without titles, possessive endings and punctuation."""
    words = [_POSSESSIVE.sub("", w.strip(",;:()")) for w in _QUOTES.sub(" ", text).split()]
    while words:
        if words[0].lower() in TITLES:
            words.pop(0)
        elif any(tuple(w.lower() for w in words[:len(pair)]) == pair
                 for pair in _SPLIT_TITLES):
            del words[:2]
        else:
            break
    words = _after_inner_rank(words)
    while len(words) > 2 and words[-1].isupper() and words[-1].lower() in _POST_NOMINALS:
        words.pop()  # "Anthony Russell QC": letters after a name, left out like a title
    return [w for w in words if w]


def _after_inner_rank(words: list[str]) -> list[str]:
    """The words after a rank or trade set inside a name: what comes before it says whose
    or of where ("Colts QB Andrew Luck", "Chiefs kicker Ryan Succop"), as a title does."""
    for index in range(len(words) - 2, 0, -1):
        if words[index].lower() in RANK_WORDS:
            rest = words[index + 1:]
            if any(w.lower() not in _SUFFIXES for w in rest):
                return rest
            break
    return words


def title_gender(text: str) -> str | None:
    for word in text.lower().split():
        if word in MALE_TITLES:
            return "m"
        if word in FEMALE_TITLES:
            return "f"
    return None


def doc_text(doc: Any) -> str:
    """A parsed document's text, built once: spaCy rebuilds ``doc.text`` from the tokens
    on every access, and each part of the stage needs it."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def find_mentions(doc: Any) -> list[Mention]:
    """Every entity mention storywire keeps, in text order, canonical names filled in."""
    mentions = []
    text_all = doc_text(doc)
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        text = ent.text
        start, end = ent.start_char, ent.end_char
        stripped = _POSSESSIVE.sub("", text)  # "Okafor's" -> "Okafor"
        # A dash the text set with no space after the name ("Zurana Horton-who was a
        # mother of 12-another mom …") is no part of it.
        # Nor are the dashes of a dash pair the recogniser took in with the name it sets
        # off ("the receptionist - - Madeline Kafoury - - was shot").
        stripped = stripped.rstrip("-–— ")
        end -= len(text) - len(stripped)
        lead = len(stripped) - len(stripped.lstrip("-–— "))
        stripped, start = stripped[lead:], start + lead
        if label == "PERSON":
            stripped, start, end = _name_span(text_all, stripped, start, end)
        if not name_tokens(stripped):
            continue
        # A title just before a person's name ("Mr. Kulazhanka") tells the gender.
        before = text_all[max(0, start - 12):start]
        if label == "PERSON" and (not plausible_person(stripped) or _abbreviated_rank(ent)):
            continue  # a heading, a line of page furniture or a rank read as a name
        if label in ("PERSON", "ORG") and _nationality(ent):
            label = "GROUP"  # "Belarusian" read as a person: a nationality
        mentions.append(Mention(stripped, label, start, end,
                                gender=title_gender(before.split()[-1] if before.split()
                                                    else "") if label == "PERSON" else None,
                                use=_use(ent, before, text_all[end:end + 8])
                                if label in ("PERSON", "ORG", "PLACE") else frozenset()))
    _in_titles(text_all, mentions)
    mentions = _nicknamed(doc, text_all, mentions)
    _unify_labels(mentions)
    _written_more_than_read(doc, text_all, mentions)
    mentions = [m for m in mentions if m.label]
    canonicalise(mentions)
    _never_a_person(text_all, mentions)
    return [m for m in mentions if m.label]


def _abbreviated_rank(ent: Any) -> bool:
    """Whether a one-word person mention is a rank's or a post's abbreviation whose stop
    the parser took for a sentence's end ("Det. Colin Orpe", "Dist. Atty. Steve
    Cooley"): the stop is followed on the same line, across other abbreviations only, by
    a person's name whose sentence holds no verb. A surname ending a sentence is followed
    by one that says something ("… said Orpe. Colin Orpe, a friend, said …")."""
    doc = ent.doc
    index = ent.end
    if len(ent) != 1 or index + 1 >= len(doc) or doc[index].text != ".":
        return False
    index += 1
    while index + 1 < len(doc) and doc[index].ent_type_ != "PERSON" \
            and doc[index].text[:1].isupper() and doc[index + 1].text == ".":
        index += 2  # "Atty."
    if index >= len(doc) or doc[index].ent_iob_ != "B" or doc[index].ent_type_ != "PERSON" \
            or "\n" in doc_text(doc)[ent.end_char:doc[index].idx]:
        return False
    return not any(token.pos_ in ("VERB", "AUX") for token in doc[index].sent)


_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)


def _never_a_person(text: str, mentions: list[Mention]) -> None:
    """A one-word person name, short for no fuller one, that the article sets after a
    preposition and never uses as a person's (no mention says, acts as one, has a title,
    an age or a description, and no "he" or "she" follows any of them) is a firm's, a
    product's, a team's or a place's ("platforms of products, like Centrino"): a
    person's name, once set as an object, is taken up again as a person."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.label == "PERSON" and len(mention.canonical.split()) == 1:
            groups.setdefault(mention.canonical, []).append(mention)
    for group in groups.values():
        uses = frozenset().union(*(m.use for m in group))
        if "object" not in uses or uses & (_HUMAN_USES | {"titled", "described"}):
            continue
        if any(_PERSONAL_PRONOUN.search(text, m.end, m.end + 150) for m in group):
            continue
        for mention in group:
            mention.label = ""


# "not" run into the word before it ("hasnot", "Woodwardnot"), as some texts write
# "n't": a text that does so with a verb does so with a name too.
_GLUED_NOT = re.compile(r"\b(?:is|was|are|were|has|have|had|do|does|did|will|would|could"
                        r"|should)not\b")
# A first name with an apostrophe inside ("Ka'Loni", "D'Andre"), which the recogniser
# leaves out of the name it opens.
_APOSTROPHE_NAME = re.compile(r"(?:^|(?<=[\s(\"“]))[A-Z][a-z]*['’][A-Z][a-z]+ $")


def _name_span(text: str, name: str, start: int, end: int) -> tuple[str, int, int]:
    """A person mention's words and offsets, cut to the name: without a "not" the text
    runs into it ("Had Woodwardnot run with it"), and with a first name that an
    apostrophe cut from it ("Ka'Loni Marie Flynn")."""
    if name.endswith("not") and name[-4:-3].islower() and _GLUED_NOT.search(text):
        name, end = name[:-3], end - 3
    opening = _APOSTROPHE_NAME.search(text, max(0, start - 30), start)
    if opening:
        name, start = text[opening.start():end], opening.start()
    return name, start, end


def _written_more_than_read(doc: Any, text: str, mentions: list[Mention]) -> None:
    """A one-word person name that the article writes at least as often elsewhere
    without the recogniser reading a person there, and never says, titles or describes
    as a person, is no person's (label ""): the recogniser reads a person's name as one
    in nearly every place, a firm's or a product's only here and there ("said on
    Twitter", then "Brooklynites on Twitter" read as a person). Not when a fuller person
    name of the article is long for it, nor when a mention is cut from one ("Donald"
    before "Trump‘s"). Places that do not count: one just after a quotation mark (a
    nickname, `nicknamed "Chin."`, or a quotation's first word), a longer name the
    mention is not part of ("a Reggie Wayne touchdown" beside "found Wayne", "The Laura
    Ingraham Show" beside "Laura"), a possessive ("Harvey's program", which the
    recogniser often leaves unread); one that describes a person keeps the name a
    person's ("Fauzi, an official of …", "Marquez, 24, is accused")."""
    people = [name_tokens(m.text) for m in mentions if m.label == "PERSON"]
    read = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    forms: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.label == "PERSON" and len(name_tokens(mention.text)) == 1:
            forms.setdefault(mention.text, []).append(mention)
    for form, named in forms.items():
        words = name_tokens(form)
        if any(len(person) > 1 and _folds(words, person) for person in people) \
                or any(m.use & _HUMAN_USES or _word_after(text, m.end) for m in named):
            continue
        unread = _unread_places(doc, text, form, read,
                                {_word_before(doc, m.start) for m in named},
                                {_word_after(text, m.end) for m in named})
        if unread is not None and unread >= len(named):
            for mention in named:
                mention.label = ""


def _unread_places(doc: Any, text: str, form: str, read: list[tuple[int, int]],
                   runs: set[str], ends: set[str]) -> int | None:
    """How often the text writes a name where no person mention is (``read`` holds
    their spans), or None when one of those places describes a person ("Fauzi, an
    official", "Mr. Fauzi"). A place just after a quotation mark does not count, nor a
    possessive, nor one where a name the mentions lack stands before or after it
    ("Reggie", "Ingraham", of a fuller name)."""
    unread = 0
    for found in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
        start, end = found.span()
        if any(s <= start and end <= e for s, e in read):
            continue
        before = _word_before(doc, start)
        if _described_after(text[end:end + 40]) or before.lower() in TITLES:
            return None
        after = _word_after(text, end)
        if (start and text[start - 1] in _MARKS) or (before and before not in runs) \
                or (after and after not in ends) or text[end:end + 2] in _POSSESSIVES:
            continue
        unread += 1
    return unread


def _word_before(doc: Any, start: int) -> str:
    """The proper noun just before a place in the text ("Reggie" of "Reggie Wayne"), or
    "" when the word there is none (a sentence's first word, "a", "the")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0 or doc[span.start].is_sent_start:
        return ""
    token = doc[span.start - 1]
    return token.text if token.tag_ in ("NNP", "NNPS") else ""


_NEXT_NAME = re.compile(r"[ \t]([A-Z][\w-]*)")


def _word_after(text: str, end: int) -> str:
    """The capitalised word just after a place in the text ("Ingraham" of "Laura
    Ingraham", "Trump" of "Donald Trump‘s", which the tagger may not read as a proper
    noun), or "" when the word there is none."""
    found = _NEXT_NAME.match(text, end)
    return found.group(1) if found else ""


_POSSESSIVES = ("'s", "’s")
_MARKS = "\"“”'‘’"


_AGED = re.compile(r",\s*\d{1,3},")
_DESCRIBED = re.compile(r",\s+(?:a|an|the)\s+([^,.;:()\n]*)")


def _described_after(after: str) -> bool:
    """Whether the words after a name describe a person in apposition: an age
    ("Marquez, 24,") or a phrase one of whose first three words is a word for what a
    person is ("Fauzi, an official of the local disaster agency", "Harun, the agency's
    head")."""
    if _AGED.match(after):
        return True  # "Marquez, 24, is accused"
    found = _DESCRIBED.match(after)
    return found is not None and any(
        _POSSESSIVE.sub("", word).lower() in _ROLE_WORDS
        for word in found.group(1).split()[:3])


_TITLE_SMALL_WORDS = frozenset(word_list("""
a an the of and or in on to for at with from by my your his her our their is are
"""))


def _title_like(content: str) -> bool:
    """A few words in marks, each capitalised but small words: a title ("Meet the Press",
    "The Story of Watergate's Deep Throat"), not speech."""
    words = content.rstrip(".!?,").split()
    return 1 < len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


_TITLED = frozenset(("titled", "entitled"))


def _in_titles(text: str, mentions: list[Mention]) -> None:
    """A person name inside a title in marks, that a word for a kind of work or "titled"
    introduces ("the 1983 film “…”", "a book titled “…”"), is part of the title of a
    work, not a mention of anyone, when the title holds more than the name: label
    "WORK". Not any title-like words in marks: chants ("Marco! Marco!"), short quotes in
    capitals, and shows named after their host ("This Week With George Stephanopoulos")
    name people. A name that is the whole of what the marks hold is left alone: a
    nickname ("Deep Throat") or a name quoted."""
    if not any(m.label == "PERSON" for m in mentions):
        return
    titles = []
    for passage in find_marked(text):
        content = passage.content(text)
        before = text[max(0, passage.open_at - 40):passage.open_at].lower().split()[-3:]
        if _title_like(content) and any(
                word.strip(",:") in WORK_WORDS | _TITLED for word in before):
            titles.append((passage.start, passage.end, content))
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        for start, end, content in titles:
            if start <= mention.start and mention.end <= end \
                    and len(name_tokens(content)) > len(name_tokens(mention.text)) \
                    and " with " not in text[start:mention.start].lower():
                mention.label = "WORK"
                break


# A first name, a nickname in quotes or brackets and a surname: `Vincent "The Chin"
# Gigante`, `Kimani (Kiki) Gray`, `Anthony"Tony Ducks" Corallo` as the text sets them.
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NICKNAMED = re.compile(
    rf"\b(?:{_NAME_WORD} )?{_NAME_WORD} ?(?:\"[A-Z][^\"“”()\n]{{0,30}}?\"|“[A-Z][^\"“”()\n]"
    rf"{{0,30}}?”|\([A-Z][^\"“”()\n]{{0,30}}?\)) ?[A-Z][A-Za-z'’-]*[a-z]\b")


def _nicknamed(doc: Any, text: str, mentions: list[Mention]) -> list[Mention]:
    """A name interrupted by a nickname is one person's mention, whatever pieces the
    recogniser made of it (`Vincent "The Chin" Gigante`, read as a work from "The"). Not
    when the part in brackets or quotes has no small letter ("Naval Services (INS)
    Mysore") or ends in a stop or a comma (a title in quotes: `On "Face the Nation,"
    Sen.`), nor when the recogniser reads a name of another kind that runs past it or
    inside it ("the Regulatory Reform (Fire Safety) Order", "San Angelo (Texas)
    Standard-Times")."""
    found = []
    for match in _NICKNAMED.finditer(text):
        start, end = match.span()
        inner = re.search(r"[\"“(](.*)[\"”)]", match.group()).group(1)
        if not any(c.islower() for c in inner) or not inner[-1].isalpha() \
                or match.group().split()[-1].lower() in TITLES:
            continue  # an acronym, or a title in quotes: 'On "Face the Nation," Sen.
        inside = [ent for ent in doc.ents if ent.start_char < end and ent.end_char > start]
        # Read as a person both before the brackets and inside them, the recogniser's
        # place for the surname alone does not count ("Thomas (Tommy Ryan) Eboli", Eboli
        # a town too).
        person_parts = sum(ent.label_ == "PERSON" and ent.start_char >= start
                           and ent.end_char <= end for ent in inside) >= 2
        if any(ent.label_ != "PERSON" and (
                ent.start_char < start or ent.end_char > end
                or (ent.label_ in ("GPE", "LOC", "NORP", "ORG") and not person_parts))
               for ent in inside):
            continue
        found.append(Mention(match.group(), "PERSON", start, end))
    if not found:
        return mentions
    kept = [m for m in mentions
            if not any(m.start < f.end and m.end > f.start for f in found)]
    return sorted(kept + found, key=lambda m: m.start)


# Prepositions whose object is a place far more often than a person ("in Banstead").
_PLACE_PREPOSITIONS = frozenset(("in", "at", "near", "outside", "across", "throughout",
                                 "off"))


def _use(ent: Any, before: str, after: str) -> frozenset[str]:
    """How a person mention is used. Any mention: "the" (it is a noun "the" determines:
    "the Jebel"), "web" (a web address: "Earthquaketrack. com"), "kind" (it modifies a
    word for a kind of organisation or work, that word follows it in apposition, or
    calls it: "the Waitrose supermarket", "Interoute, the internet networks company", "a
    technology called Freedom Fabric"), "animal" (a word for an animal or a vessel calls
    it, sets it or stands in apposition to it: "a collie dog called Fenn", "the cargo
    vessel MV Jag Arnav", "their pet collie, Fenn"), "object" (the object of a preposition),
    "listedobject" (listed after the object of a preposition: "around The Furnaces, Anvil
    Springs and Calloway"),
    "speaker" (the subject of a verb of saying), "titled" ("Mr."), "ranked" (a title
    only a person bears: "writer Armando Ianucci"), "placekind" (the article says it is a
    place: see `_named_as_place`, `_after_a_place_word`), "it" (the article refers to it
    as a thing: "Drake, which had defeated …", "Creighton stretched its lead") and
    "employer" (it comes just before the title of a post and a person's name: "U. S.
    District Judge Barbara Walther"), "theplural" (a name ending like a plural that "the"
    determines across modifiers other than adjectives, or through an acronym's possessive
    when the tagger reads the last word as a plural proper noun: "the NFC West-champion
    Seattle Seahawks", "the NBA's Charlotte Bobcats", teams), "human" (the subject of "say"
    or "tell"), "withplace" and "withevent" (listed by "and" or "or" with names read as
    places only, or events only, as the object of a preposition other than "of": "between
    Abu Talat and Marseilles", "hit by both Hurricanes Katrina and George"; or in any list,
    with two places or more, two thirds of its names, and no person: "for Anchorage, Palmer,
    Wasilla, and all the Matanuska Valley"), "withthing" (in a list whose other names are
    read as organisations, products or works or left unread, none a person nor a place:
    "Axxess and Afrihost"), "kin" (a word for a relative sets it off: "her husband Eric"),
    "rival" (what a thing beat: "Drake, which had defeated Bradley"), "character" (an
    actor's part: "his role as Malcolm Tucker"), "aged" and "who" (see
    `_described_as_someone`) and "pluralname" (its last word a plural proper noun: "the New
    York Mets"). A one-word mention also: "plural" (a plural noun, "MPs"), "verb" (the
    tagger reads a verb or an interjection: "Hooray for Photoshop"), "place" (the object of
    "in", "at", "near", "off", or a name listed with it: "at Church and Snyder"; or of
    "from" after "to be": "who is from Millford"; or owned by a place's possessive, when
    nothing says it is a person: "Indonesia's Maluku") and "opens"
    (it opens its sentence, where any word is capitalised)."""
    use = set()
    root = ent.root
    previous = ent.doc[ent.start - 1] if ent.start else None
    if previous is not None and previous.lower_ == "the" and previous.dep_ == "det" \
            and previous.head.i in range(ent.start, ent.end):
        use.add("the")
    if _WEB.match(after):
        use.add("web")
    determiner = [child for child in root.children if child.dep_ == "det"]
    if determiner and determiner[0].lower_ == "the" and determiner[0].i < ent.start - 1 \
            and _PLURAL_NAME.search(ent[-1].text) and not any(
                token.tag_ in ("JJ", "JJR", "JJS", "VBN")
                for token in ent.doc[determiner[0].i + 1:ent.start]):
        use.add("theplural")  # "the NFC West-champion Seattle Seahawks", a team
    if ent[-1].tag_ == "NNPS" and _a_league_s(ent):
        use.add("theplural")  # "the NBA's Charlotte Bobcats", a team
    if root.dep_ == "compound" and _kind_word(root.head) and root.head.i >= ent.end:
        use.add("kind")  # "the Waitrose supermarket", "Harry Winston jewellers"
    if previous is not None and previous.lower_ in WORK_WORDS and previous.head.i in range(
            ent.start, ent.end) and previous.dep_ in ("compound", "nmod", "amod") \
            and not _POSSESSIVE.search(ent.text) and not after.startswith(("'s", "’s")):
        # "Peter Schweizer's book Clinton Cash"; not the host of "radio show Joney's
        # Jukebox", named in a title of theirs
        use.add("work")
    after_comma = ent.end + 1 if ent.end < len(ent.doc) and ent.doc[ent.end].text == "," \
        else None
    if any(child.dep_ == "appos" and child.lower_ in KIND_WORDS
           and child.left_edge.i == after_comma for child in root.children):
        use.add("kind")  # "Interoute, the internet networks company"
    if root.dep_ == "appos" and root.head.i in (ent.start - 1, ent.start - 2) \
            and root.head.is_lower and root.head.lower_ in KIND_WORDS:
        use.add("kind")  # "the conservative daily Eleftheros Typos"
    if root.dep_ == "oprd" and root.head.lower_ in ("called", "named", "dubbed") \
            and root.head.head.lower_ in KIND_WORDS:
        use.add("kind")  # "a technology called Freedom Fabric"
    if root.dep_ == "oprd" and root.head.lower_ in ("called", "named", "dubbed") \
            and root.head.head.lower_ in _NAMED_THINGS:
        use.add("animal")  # "a collie dog called Fenn"
    if _an_animal_s_name(ent):
        use.add("animal")  # "an Indian vessel MV Jag Arnav", "their pet collie, Fenn"
    if root.dep_ == "pobj":
        use.add("object")
    named = _named_after(ent)
    if named:
        use.add(named)
    if _named_as_place(root) or _set_in_a_place(ent) or _after_a_place_word(ent):
        use.add("placekind")
    if _referred_to_as_it(ent):
        use.add("it")
    title = root.head
    if root.dep_ == "compound" and title.i == ent.end and title.lower_ in _POST_TITLES \
            and title.dep_ == "compound" and title.head.ent_type_ == "PERSON" \
            and title.head.i > title.i:
        use.add("employer")  # "U. S. District Judge Barbara Walther"
    if ent[0].tag_ == "NNP":
        use.add("proper")  # "Deuce McAllister", not "Beyond Trump's"
    if root.dep_ in ("nsubj", "nsubjpass") and cue_lemma(root.head.text):
        use.add("speaker")
    if before.split() and before.split()[-1].lower() in TITLES:
        use.add("titled")
        if before.split()[-1].lower() in PERSONAL_TITLES:
            use.add("ranked")  # "writer Armando Ianucci": see `_after_a_rank`
    if root.dep_ == "nsubj" and root.head.lower_ in _HUMAN_VERBS:
        use.add("human")  # "said O'Neill": what a person does, not a firm
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [child for child in root.children if child.dep_ == "conj"]
    listed = root
    while listed.dep_ == "conj" and listed.head.i < listed.i:
        listed = listed.head
    if partners and listed.dep_ == "pobj" and listed.head.lower_ != "of" \
            and any(t.dep_ == "cc" for p in [root, *partners] for t in p.children):
        if all(p.ent_type_ in ("GPE", "LOC", "FAC") for p in partners):
            use.add("withplace")  # "between Abu Talat and Marseilles"
        elif all(p.ent_type_ == "EVENT" for p in partners):
            use.add("withevent")  # "hit by both Hurricanes Katrina and George"
    if root.dep_ == "conj" and listed.dep_ == "pobj":
        use.add("listedobject")  # "in and around The Geysers, Anderson Springs and Cobb"
    members = [t for t in _list_members(listed) if t.i not in range(ent.start, ent.end)]
    named = [t for t in members if t.ent_type_]
    places = [t for t in named if t.ent_type_ in ("GPE", "LOC", "FAC")]
    if len(places) >= 2 and len(places) * 3 >= len(named) * 2 \
            and not any(t.ent_type_ == "PERSON" for t in named):
        use.add("withplace")
    if _listed_with_things(members):
        use.add("withthing")  # "Adobe, Autodesk and others", "Axxess and Afrihost"
    if root.dep_ == "pobj" and root.head.lower_ == "as" \
            and root.head.head.lower_ in _PLAYED:
        use.add("character")  # "his starring role as ... Malcolm Tucker"
    if root.dep_ == "pobj" and root.head.lower_ == "of" \
            and root.head.head.lower_ in _PARTS and _acted(root.head.head):
        use.add("character")  # "in the role of W. H. O. Doctor"
    if any(child.dep_ in ("compound", "appos") and child.lower_ in _PARTS
           and child.i < ent.start for child in root.children) or _after_a_part_as(ent):
        use.add("character")  # "the character Malcolm Tucker"
    if listed.dep_ in ("appos", "compound") and listed.head.lower_ in _KIN \
            and listed.head.i < listed.i:
        use.add("kin")  # "her husband Eric", "his eight children, Vincent, Lucia and …"
    if _beaten_by_a_thing(root):
        use.add("rival")  # "Drake, which had defeated Bradley"
    described = _described_as_someone(ent)
    if described:
        use.add(described)
    if ent[-1].tag_ == "NNPS":
        use.add("pluralname")  # "the New York Mets"
    if len(ent) > 1:
        if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS \
                and root.head.i == ent.start - 1:
            use.add("place")  # "played at Wayne State"
        return frozenset(use)
    token = ent[0]
    if token.tag_ in ("NNS", "NNPS") or any(
            child.dep_ == "det" and child.lower_ in _GROUP_DETERMINERS
            for child in token.children):
        use.add("plural")  # "MPs", "father of all Turkmens"
    if token.tag_.startswith("VB") or token.tag_ in ("UH", "MD"):
        use.add("verb")  # "Hooray for Photoshop", tagged a verb
    first = token
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "at Church and Snyder": every name of the list
    if first.dep_ == "pobj" and first.head.lower_ in _PLACE_PREPOSITIONS:
        use.add("place")
    if first.dep_ == "pobj" and first.head.lower_ == "from" \
            and first.head.head.lemma_ == "be":
        use.add("place")  # "the driver, who is from Millford": where someone comes from
    if any(child.dep_ == "poss" and child.i < token.i and child.ent_type_ in ("GPE", "LOC")
           for child in token.children) and not use & _HUMAN_USES:
        use.add("place")  # "Indonesia's Maluku": a part of the place that owns it
    sentence = token.sent
    if all(t.is_punct or t.is_space for t in token.doc[sentence.start:token.i]):
        use.add("opens")
    return frozenset(use)


def _a_league_s(ent: Any) -> bool:
    """Whether a name is determined by a possessive acronym that "the" opens ("the NBA's
    Charlotte Bobcats"): a league's or a body's team. Only an acronym: a possessive
    name of any kind is as often a party's or a firm's person ("the Reform League's
    Thomas Greaves", a surname the tagger may read as a plural)."""
    return any(child.dep_ == "poss" and child.i < ent.start and child.text.isupper()
               and 2 <= len(child.text) <= 5 and any(
                   grand.dep_ == "det" and grand.lower_ == "the" for grand in child.children)
               for child in ent.root.children)


# Words for a relative: a first name set beside one ("her husband Eric") names that
# relative, not the person of the same first name the article names in full.
_KIN = frozenset(word_list("""
husband wife son daughter father mother brother sister child children sons daughters
parents brothers sisters uncle aunt nephew niece cousin grandson granddaughter grandfather
grandmother grandchildren boyfriend girlfriend fiance fiancee fiancé fiancée stepson
stepdaughter stepfather stepmother widow widower
"""))


# Determiners of a group, never of one person's name ("father of all Turkmens").
_GROUP_DETERMINERS = frozenset(("all", "many", "most", "some", "few", "several"))


# Verbs whose subject is a person far more often than a firm or a product ("said
# O'Neill"; a firm "announced" as often as a person).
_HUMAN_VERBS = frozenset(word_list("""
say says said tell tells told
"""))


# Words for kinds of place: a name the article calls one ("the provincial capital Banda
# Aceh", "the port city of Bandar Abbas", "the villages were Tonban, Gavarzin …") is a
# place; so is a name set before a word for the people or police of a place ("a Troy
# resident", "Troy police").
PLACE_KIND_WORDS = frozenset(word_list("""
city cities town towns village villages province provinces state states county counties
district districts region regions capital island islands port suburb suburbs
neighbourhood neighborhood country countries municipality township hamlet
hometown birthplace
"""))
_OF_A_PLACE = frozenset(("resident", "residents", "native", "natives", "police"))


# Words an actor's part hangs on: a name after "as" and one of them is a character's.
_PLAYED = frozenset(word_list("""
role roles turn part cast starring starred stars star play plays played playing
portrayal appearance appears appeared
"""))


# The word that ends a name given to a thing in someone's honour or after its owner:
# "Heisman Trophy", the "Doris Duke Professor" of a chair, the "Dean Smith Center",
# "Valentine's Day", a "Hardester's Market" clerk.
# What the thing is: a place, an organisation, or neither (an award, a post, a law).
NAMED_AFTER = {**dict.fromkeys(word_list("""
center centre hall stadium arena library building bridge airport school park
"""), "namedplace"), **dict.fromkeys(word_list("""
foundation institute fund trust club
market store stores shop restaurant cafe diner bakery grocery pharmacy
"""), "namedorg"), **dict.fromkeys(word_list("""
award awards prize prizes medal trophy cup professor professorship fellowship scholarship
lecture act memorial day
"""), "namedthing")}
# Of those, the words that are also surnames ("Jasper Hall", "Doris Day") only count after
# the name.
_NAMED_AFTER_INSIDE = frozenset(NAMED_AFTER) - frozenset(("hall", "park", "bridge", "day"))


# Verbs of winning a game, as written: what a team "which" beat is a team too.
_BEAT = frozenset(word_list("""
beat beats beating defeat defeats defeated defeating edge edges edged edging upset upsets
upsetting rout routs routed routing
"""))


def _beaten_by_a_thing(root: Any) -> bool:
    """Whether a name is what something the sentence refers to as a thing or reads as an
    organisation beat ("Drake, which had defeated Bradley", "Drake, which reached the
    quarterfinal by beating Bradley"): a team, as its rival is. The subject is looked for
    up through the clauses the verb hangs from."""
    if root.dep_ != "dobj" or root.head.lower_ not in _BEAT:
        return False
    verb = root.head
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0].lower_ == "which" or subjects[0].ent_type_ == "ORG"
        if verb.dep_ not in ("pcomp", "xcomp", "advcl", "conj", "prep"):
            return False
        verb = verb.head
    return False


def _listed_with_things(members: list[Any]) -> bool:
    """Whether the other items of a name's list are names, each read as an
    organisation or a work or left unread by the recogniser, and none read as a person
    anywhere in the article: the recogniser reads people listed together as people,
    and firms and products are listed together ("Axxess and Afrihost", "Wi-Fi and
    Bluetooth"). A product does not count: the recogniser reads a surname so too
    ("Clinton or Trump", Trump a product)."""
    names = [t for t in members if t.tag_ in ("NNP", "NNPS") or t.ent_type_]
    return bool(names) and all(
        t.ent_type_ in ("ORG", "WORK_OF_ART", "")
        and t.text not in _person_words(t.doc) for t in names)


def _person_words(doc: Any) -> frozenset[str]:
    """The words of the names the recogniser reads as people anywhere in a document."""
    words = doc.user_data.get("person_words")
    if words is None:
        words = doc.user_data["person_words"] = frozenset(
            token.text for ent in doc.ents if ent.label_ == "PERSON" for token in ent)
    return words


def _list_members(first: Any) -> list[Any]:
    """The words a list by "and" or "or" joins, its first word given: the heads of its
    items, each once."""
    members, todo = [], [first]
    while todo:
        token = todo.pop()
        members.append(token)
        todo.extend(child for child in token.children if child.dep_ == "conj")
    return sorted(members, key=lambda t: t.i) if len(members) > 1 else []


def _named_after(ent: Any) -> str | None:
    """Whether a person name is part of the name of a thing given in someone's honour: its
    last word is one (the recogniser's "Heisman Trophy"), or capitalised proper nouns after
    it, or after its possessive, end in one ("Doris" in "Doris Duke Professor of
    Conservation Ecology", "Sam's Club"). The use says what the thing is (``NAMED_AFTER``)."""
    last = ent[-1]
    if len(ent) > 1 and last.text[:1].isupper() and last.lower_ in _NAMED_AFTER_INSIDE:
        return NAMED_AFTER[last.lower_]
    doc = ent.doc
    for token in doc[ent.end:min(ent.end + 4, len(doc))]:
        if token.tag_ == "POS" and token.i == ent.end:
            continue  # "Sam's Club"
        if not token.text[:1].isupper():
            return None
        if token.lower_ in NAMED_AFTER:
            return NAMED_AFTER[token.lower_]
        if token.tag_ != "NNP":
            return None
    return None


# Words for kinds of work: a name one of them modifies ("the film Local Hero") is a title,
# and so are words in marks right after one (``quotes``).
WORK_WORDS = frozenset(word_list("""
film films movie movies show shows series sitcom drama comedy documentary book books novel
novels memoir memoirs biography autobiography song songs single album albums play musical
opera episode programme program podcast newsletter
"""))


# Words for a part in a work: a name they are "of", or that they modify, is a character's.
_PARTS = frozenset(("role", "roles", "part", "character", "characters"))


# Words before "as" that make what follows an actor's part, whatever the parse hangs "as"
# on ("best known for his role as …", "who stars as …"); not "appeared as", said of any
# event.
_PART_AS = frozenset(word_list("""
role roles part parts turn cast star stars starring starred play plays played playing
portrayal
"""))
# What a part's description may hold between "as" and the name ("as current Doctor Who
# companion Clara", "as foul-mouthed spin-doctor Malcolm Tucker"): no verb, preposition,
# conjunction or punctuation but a hyphen.
_NOT_IN_A_DESCRIPTION = frozenset(("VERB", "AUX", "ADP", "CCONJ", "SCONJ"))


def _after_a_part_as(ent: Any) -> bool:
    """Whether a name ends a description that "as" after a word for an actor's part opens,
    read in text order, since the parser often hangs "as" elsewhere: "Capaldi is best
    known for his role as foul-mouthed spin-doctor Malcolm Tucker"."""
    doc = ent.doc
    index = ent.start - 1
    while index > 0 and ent.start - index <= 6 and doc[index].lower_ != "as":
        token = doc[index]
        if token.pos_ in _NOT_IN_A_DESCRIPTION or (token.is_punct and token.text != "-"):
            return False
        index -= 1
    return index > 0 and doc[index].lower_ == "as" and doc[index - 1].lower_ in _PART_AS


def _acted(part: Any) -> bool:
    """Whether a word for a part is one an actor plays: "in the role of", "as the part of",
    "took over the title role of", "to play the role of"; not "noted the role of the late
    Sen. Henry Jackson", which is the senator's own doing."""
    return part.head.lower_ in _ACTING or any(
        child.lower_ == "title" for child in part.children)


_ACTING = _PLAYED | frozenset(word_list("""
in as take takes took taking taken land lands landed win wins won
"""))


def _described_as_someone(ent: Any) -> str | None:
    """How the sentence describes a name as a person's: "aged" for an age before it ("the
    death of 15-year-old Alexandros Grigoropoulos"), "who" for a relative clause opened by
    "who" right after it ("Riva, who was struck in the upper chest") or a word for what a
    person is or does in apposition, after it or before it ("Subhan Sahara, the head of
    the local disaster management agency", "a 15-year-old boy, Alexandros
    Grigoropoulos")."""
    root = ent.root
    if any(child.dep_ == "amod" and child.lower_ == "old" and child.i < ent.start
           and any(grand.lower_ in ("year", "years") for grand in child.children)
           for child in root.children):
        return "aged"
    right_after = {ent.end, ent.end + 1} if ent.end < len(ent.doc) \
        and ent.doc[ent.end].text == "," else {ent.end}
    if any(child.dep_ == "relcl" and any(
            grand.dep_ in ("nsubj", "nsubjpass") and grand.lower_ == "who"
            and grand.i in right_after for grand in child.children)
            for child in root.children):
        return "who"
    if any(child.dep_ == "appos" and child.tag_ == "NN" and child.i == ent.end + 2
           and child.text in _ROLE_WORDS
           and any(grand.dep_ == "det" for grand in child.children)
           for child in root.children):
        return "who"  # "said Subhan Sahara, the head of the local disaster agency"
    head = root.head
    if root.dep_ == "appos" and head.tag_ == "NN" and head.text in _ROLE_WORDS \
            and head.i == ent.start - 2 and ent.doc[head.i + 1].text == ",":
        return "who"  # "the killing of a 15-year-old boy, Alexandros Grigoropoulos"
    return None


# Words for what a person is or does, as a phrase in apposition gives them ("Subhan
# Sahara, the head of the local disaster management agency").
_ROLE_WORDS = TITLES | frozenset(word_list("""
head official leader founder owner manager analyst expert resident student teacher
doctor lawyer attorney actor actress singer player wife husband son daughter mother
friend man woman boy girl
"""))


def _named_as_place(root: Any) -> bool:
    """Whether the parse sets a name as a kind of place: in apposition to a word for one
    ("the provincial capital Banda Aceh"), or one in apposition to it after a comma
    ("Zarand, a town of about 15,000 people"), after "of" such a word ("the province of
    Hormozgan"), before a word for the people or police of a place ("a Troy resident"),
    named by "to be" after one ("the villages were Tonban, Gavarzin and Khaledin", every
    name of the list), or after "of" a person's name or age ("Kafoury, 63, of Warren")."""
    head = root.head
    if root.dep_ == "appos" and _place_noun(head) and head.i < root.i:
        return True
    if _place_described_after(root):
        return True
    if _paired_with_a_place(root):
        return True
    if root.dep_ == "compound" and head.i > root.i and head.lower_ in _OF_A_PLACE:
        return True
    if root.dep_ == "compound" and head.i > root.i and _place_noun(head) and all(
            t.tag_ == "NNP" for t in root.doc[root.i + 1:head.i]):
        return True  # "In Suka Makmur village": the village's name, proper nouns only
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i:
        owner = head.head
        if _place_noun(owner) or owner.lower_ in ("resident", "residents", "native",
                                                  "natives"):
            return True  # "the province of Hormozgan", "a resident of Ashgabat"
        if owner.ent_type_ == "PERSON" and owner.tag_ == "NNP":
            return True  # "Warren Gotcher of McAlester"
        aged = [c for c in owner.children if c.dep_ == "appos" and c.tag_ == "CD"]
        if (owner.tag_ == "NNP" and aged) or (owner.tag_ == "CD" and owner.dep_ == "appos"):
            return True  # "Kafoury, 63, of Warren"
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first.dep_ == "attr" and any(
        child.dep_ == "nsubj" and _place_noun(child) for child in first.head.children)


def _after_a_place_word(ent: Any) -> bool:
    """Whether a name comes right after a capitalised word that opens places' names and
    that the recogniser left out of it ("near the Mount [Sefton Bivvy]", "Lake [Orrin]"):
    the rest of that place's name, not a person's."""
    if not ent.start:
        return False
    word = ent.doc[ent.start - 1]
    return word.lower_ in _PLACE_WORDS and word.text[:1].isupper() and not word.is_sent_start


def _place_described_after(root: Any) -> bool:
    """Whether a comma sets a word for a kind of place after a name in apposition ("rocked
    Zarand, a town of about 15,000 people"): a person's apposition says who they are."""
    after = root.i + 1
    return after < len(root.doc) and root.doc[after].text == "," and any(
        child.dep_ == "appos" and _place_noun(child) and child.left_edge.i == after + 1
        for child in root.children)


def _proper_place(token: Any) -> bool:
    """A proper noun that is the object of a preposition for places ("in Banstead"); not
    any place ("this is America, Chris", "the governor of Unity State, Taban Deng, said",
    "According to the California Highway Patrol, defensive tackle Jamal Williams")."""
    return token.tag_ == "NNP" and token.dep_ == "pobj" \
        and token.head.lower_ in _PLACE_PREPOSITIONS


def _paired_with_a_place(root: Any) -> bool:
    """Whether a name and a place are set side by side as a town and its region, by a
    comma and nothing else ("in Banstead, Surrey", "to Merthyr Tydfil, South Wales"):
    a person's name takes a description in apposition, not a bare place. Not a name of a
    list of people and their towns ("…, Tex., Leslie LaRue of Manhattan"), nor one a
    degree in capitals, a suffix, a party and a state ("J. James Rohack, MD, said", "W.
    Mark Felt, Sr.", "Sen. Henry Jackson, D-Wash.") or a title marks as a person's."""
    if any(child.lower_ in TITLES for child in root.children if child.i < root.i):
        return False
    head = root.head
    if root.dep_ == "appos" and head.i < root.i and _proper_place(head) \
            and root.left_edge.i == head.i + 2 and head.doc[head.i + 1].text == "," \
            and all(child.dep_ in ("compound", "punct") for child in root.children) \
            and all(t.tag_ == "NNP" for t in root.subtree if not t.is_punct):
        return True
    return root.dep_ == "pobj" and any(
        child.dep_ == "appos" and child.i > root.i
        and child.ent_type_ in ("GPE", "LOC") and child.tag_ == "NNP"
        and not child.text.isupper() and child.lower_ not in _SUFFIXES
        and child.left_edge.i == root.i + 2 and root.doc[root.i + 1].text == ","
        and child.left_edge.ent_type_ in ("GPE", "LOC")
        and all(t.tag_ == "NNP" for t in child.subtree if not t.is_punct)
        and not any(t.text in "-–" for t in child.subtree)
        for child in root.children)


def _set_in_a_place(ent: Any) -> bool:
    """Whether a name that is the object of a preposition is itself "in" a place or a
    kind of place, with nothing before it in its phrase ("the bombing of Guffa in Upper
    Nile state", "between Abu Talat in Egypt and …"). A person is set in a place after a
    word that says who they are ("power agent Scott Boras in Southern California", "Nixon
    aide Jeb Stuart Magruder in Key Biscayne", "the BBC's Frances Harrison in Tehran")."""
    root = ent.root
    if root.dep_ != "pobj" or (ent.start and ent.doc[ent.start - 1].lower_ in TITLES):
        return False
    if any(child.i < ent.start and child.dep_ in ("compound", "poss", "amod", "nmod", "det")
           for child in root.children):
        return False
    return any(child.dep_ == "prep" and child.lower_ == "in" and any(
        grand.dep_ == "pobj" and (grand.ent_type_ in ("GPE", "LOC") or _place_noun(grand))
        for grand in child.children) for child in root.children)


def _place_noun(token: Any) -> bool:
    """A common noun for a kind of place ("city"; not "Unity State", a name)."""
    return token.tag_ in ("NN", "NNS") and token.lower_ in PLACE_KIND_WORDS


def _referred_to_as_it(ent: Any) -> bool:
    """Whether the sentence refers back to a name as a thing, not a person: a relative
    clause opened by "which" right after it ("Drake, which had defeated Bradley", "for
    Creighton, which enjoyed a 44-26 rebounding edge"; not after the object of "of",
    where "which" is as often the noun before: "the death of Saparmurat Niyazov, which
    kindled hopes"), or "its" on what the name's own
    verb acts on ("Creighton stretched its lead")."""
    root = ent.root
    right_after = {ent.end, ent.end + 1} if ent.end < len(ent.doc) \
        and ent.doc[ent.end].text == "," else {ent.end}
    after_of = root.dep_ == "pobj" and root.head.lower_ == "of"
    if not after_of and any(child.dep_ == "relcl" and any(
            grand.dep_ in ("nsubj", "nsubjpass") and grand.lower_ == "which"
            and grand.i in right_after for grand in child.children)
            for child in root.children):
        return True
    if root.dep_ != "nsubj":
        return False
    return any(child.dep_ in ("dobj", "attr") and any(
        grand.dep_ == "poss" and grand.lower_ == "its" for grand in child.children)
        for child in root.head.children)


# Titles of a post in an institution: a name just before one, before a person's name, is
# the institution's ("Creighton Athletic Director Bruce Rasmussen"); a person's name
# before a spokesman, deputy or aide ("Obama spokesman Josh Earnest") is left alone.
_POST_TITLES = TITLES - frozenset(word_list("""
spokesman spokeswoman spokesperson deputy assistant candidate former acting father sister
brother mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady
"""))


def _kind_word(token: Any) -> bool:
    """A word for a kind of organisation or work, singular or plural ("jewellers")."""
    word = token.lower_
    return word in KIND_WORDS or (token.tag_ == "NNS" and word[:-1] in KIND_WORDS)


# A word that ends like a plural ("Seahawks"), not a possessive nor a word in "ss".
_PLURAL_NAME = re.compile(r"[^s'’]s$")


_WEB = re.compile(r"\s?\.\s?(?:com|org|net|co\.uk|co|gov|edu|info|tv)\b", re.IGNORECASE)


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "i")


def _nationality(ent: Any) -> bool:
    """A one-word mention used as an adjective ("a Belarusian volunteer") or written like
    a nationality and set before a noun: never a person's or an organisation's name."""
    if len(ent) != 1:
        return False
    token = ent[0]
    if token.tag_ == "JJ" and token.text[:1].isupper():
        return True
    return token.dep_ == "amod" and token.lower_.endswith(_DEMONYM_ENDINGS)


def plausible_person(text: str) -> bool:
    """Whether a person mention can be a name: a few capitalised words, no digits, no line
    break (a junk line or a heading the recogniser took for a name is not one)."""
    words = text.split()
    return (0 < len(words) <= 5 and "\n" not in text and not any(c.isdigit() for c in text)
            and words[0][:1].isupper() and words[-1][:1].isupper()
            and not (len(words) > 1 and text.isupper()))


def _unify_labels(mentions: list[Mention]) -> None:
    """One label per name in an article: "Kulazhanka" read as an organisation beside
    "Pavel Kulazhanka" the person is that person; a single word read as a person where
    the article reads it as a place more often ("Minsk") is that place, and so is a name
    of any length it reads as a place once and as a person only as the object of a
    preposition ("in Banda Aceh", then "from Bener Meriah to Banda Aceh"), or listed
    with one ("west of Anvil Springs", then "in and around The Furnaces, Anvil Springs
    and Calloway"); the same word
    read as a nationality elsewhere ("Russian") is never a person. A name read as an
    organisation, product or work more often than as a person ("Seacom") is that, unless
    a fuller person name is long for it or a mention of it says or tells or has a title
    ("said Manrosan", "Mr. Trump"); saying does not count for a one-word name in
    capitals ("SEACOM said"). A name every mention of which is listed with places only,
    as the object of a preposition, and never says nor has a title, is a place too
    ("between Abu Talat and Marseilles"), and one listed so with events only is an event
    ("Hurricanes Katrina and George"); one every mention of which something read as a
    thing beat is a team ("Drake, which had defeated Bradley"). A one-word name no fuller
    person name is long for, every mention of which is listed with names of firms,
    products or works or names the recogniser left unread, and is never said of as a
    person, is an organisation's ("Axxess and Afrihost", "Wi-Fi b/g and Bluetooth")."""
    _described_people(mentions)
    for mention in mentions:  # before any rule reads the article's fuller person names
        if mention.label == "PERSON":
            mention.label = _kind_by_words(_without_the(mention.text)) or (
                "ORG" if _ends_in_acronym(mention.text) else "PERSON")
    _places_of_at(mentions)
    votes: dict[str, dict[str, int]] = {}
    person_uses: dict[str, list[frozenset[str]]] = {}
    for mention in mentions:
        key = mention.text.casefold()
        votes.setdefault(key, {}).setdefault(mention.label, 0)
        votes[key][mention.label] += 1
        if mention.label == "PERSON":
            person_uses.setdefault(key, []).append(mention.use)
    people = [name_tokens(m.text) for m in mentions if m.label == "PERSON"]
    people = [words for words in people if len(words) > 1]
    human = {m.text.casefold() for m in mentions if "titled" in m.use or (
        "human" in m.use and not _in_capitals(m.text))}
    for mention in mentions:
        words = name_tokens(mention.text)
        if mention.label in ("ORG", "PRODUCT", "WORK") and (any(
                _folds(words, person) for person in people) or _titled_name(mention.text)
                or _after_a_rank(mention)):
            mention.label = "PERSON"
            continue
        labels = votes[mention.text.casefold()]
        if mention.label == "PERSON" and len(words) == 1:
            if labels.get("GROUP"):
                mention.label = "GROUP"
            elif labels.get("PLACE", 0) > labels.get("PERSON", 0):
                mention.label = "PLACE"
        if mention.label == "PERSON" and mention.text.casefold() not in human and not any(
                len(person) > len(words) and _folds(words, person) for person in people):
            things = {label: labels.get(label, 0) for label in ("ORG", "PRODUCT", "WORK")}
            if sum(things.values()) > labels.get("PERSON", 0):
                mention.label = max(things, key=lambda label: things[label])
        if mention.label == "PERSON" and all(
                "withplace" in use and not use & {"human", "titled", "speaker"}
                for use in person_uses.get(mention.text.casefold(), [])):
            mention.label = "PLACE"
        if mention.label == "PERSON" and len(words) == 1 and not any(
                _folds(words, person) for person in people) and all(
                "withthing" in use and not use & _HUMAN_USES
                for use in person_uses.get(mention.text.casefold(), [])):
            mention.label = "ORG"  # "Axxess and Afrihost", "Wi-Fi b/g and Bluetooth"
        if mention.label == "PERSON" and all(
                "rival" in use and not use & {"human", "titled", "speaker"}
                for use in person_uses.get(mention.text.casefold(), [])):
            mention.label = "ORG"
        if mention.label == "PERSON" and all(
                "withevent" in use and not use & {"human", "titled", "speaker"}
                for use in person_uses.get(mention.text.casefold(), [])):
            mention.label = "EVENT"
        if mention.label == "PERSON" and labels.get("PLACE") and all(
                "object" in use or "listedobject" in use
                for use in person_uses.get(mention.text.casefold(), [])):
            mention.label = "PLACE"  # "in Banda Aceh", then "to Banda Aceh" as a person
    # A two-word name read as an organisation whose last word the article reads as a
    # person on its own, and whose first word it reads as nothing else, is that person
    # ("Running back Deuce McAllister", then "McAllister").
    surnames = {m.text.casefold() for m in mentions if m.label == "PERSON"
                and len(name_tokens(m.text)) == 1}
    surnames -= {m.text.casefold() for m in mentions
                 if m.label == "PERSON" and m.use & {"plural", "the", "kind", "web"}}
    other_words = {w.casefold() for m in mentions if m.label != "PERSON"
                   for w in name_tokens(m.text) if len(name_tokens(m.text)) == 1}
    for mention in mentions:
        words = name_tokens(mention.text)
        if mention.label == "ORG" and len(words) == 2 and words[-1].casefold() in surnames \
                and words[0].casefold() not in other_words and "proper" in mention.use \
                and not words[0].isupper():
            mention.label = "PERSON"
            people.append(words)
    _one_word_people(mentions, people)
    _clipped_forms(mentions)
    _not_people(mentions)
    _characters(mentions)
    # A fuller name a word for a kind of firm or works found no person's ("the Crowley
    # Maritime tank farm") no longer keeps its shorter form a person ("Crowley's Web
    # site"). Only that reading: the others are made by one mention's parse, whose slips
    # should not spread ("John Mitchell - - President Nixon's attorney general").
    firms = {m.text.casefold() for m in mentions if m.label == "ORG" and "kind" in m.use}
    kept = [words for words in people if " ".join(words).casefold() not in firms]
    if len(kept) < len(people):
        _one_word_people(mentions, kept)
    # A name the article also writes after "the" ("the Brightloom Textiles", "The Orrin
    # Water Authority"), that starts with a word for a place ("Lake Orrin", "Port
    # Aldane") or ends with one for an organisation ("… Dockworkers' Union") names no
    # person, whatever the recogniser read once; nor does one with a word for a kind of
    # place after its first ("Furness District Magistrates", "Unity State").
    with_the: dict[str, str] = {}
    for mention in mentions:
        if mention.label not in ("PERSON", "") and mention.text[:4].lower() == "the ":
            with_the.setdefault(_without_the(mention.text), mention.label)
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        key = _without_the(mention.text)
        if key in with_the:
            mention.label = with_the[key]
        else:
            mention.label = _kind_by_words(key) or mention.label


def _titled_name(text: str) -> bool:
    """Whether a name opens with a title only a person bears and goes on with two capitalised
    words or more ("Cornerback Vontae Davis", which the recogniser reads as a firm)."""
    first = text.split()[0].lower() if text.split() else ""
    return first in PERSONAL_TITLES and _person_shaped(name_tokens(text))


def _after_a_rank(mention: Mention) -> bool:
    """Whether a name of two to four capitalised words comes right after a rank or a trade
    only a person has ("writer Armando Ianucci", "left-hander CC Sabathia", which the
    recogniser read as firms)."""
    return "ranked" in mention.use and _person_shaped(name_tokens(mention.text))


def _person_shaped(words: list[str]) -> bool:
    """Whether a name's words, a title left out, can be a person's whole name: two to four
    capitalised words that read as one. A title only a person bears, inside the name or
    right before it, then outweighs the recogniser's reading as a firm."""
    return 2 <= len(words) <= 4 and plausible_person(" ".join(words)) and all(
        w[:1].isupper() for w in words)


def _kind_by_words(key: str) -> str | None:
    """What a longer name's own words say it is, if anything: a place when it starts with
    a word for a place or ends with a word for a kind of place ("Lake Orrin", "Unity
    State"), an organisation when it ends with a word for one or holds a word for a kind
    of place inside ("Aldane Dockworkers' Union", "Surrey Police", "Furness District
    Magistrates", a place's body)."""
    words = key.split()
    if len(words) < 2:
        return None
    if words[0] in _PLACE_WORDS:
        return "PLACE"
    if words[-1] in _ORGANISATION_WORDS:
        return "ORG"
    if words[-1] in PLACE_KIND_WORDS or words[-1].rstrip(".") in _STREET_WORDS:
        return "PLACE"  # "Unity State", "Clark Ave"
    if any(word in PLACE_KIND_WORDS for word in words[1:-1]):
        return "ORG"
    return None


# Letters a person's name takes after it: a post, an honour or a degree ("Anthony
# Russell QC").
_POST_NOMINALS = frozenset(word_list("""
qc kc mp mep msp md dds rn cpa obe mbe cbe kbe
"""))
_ROMAN = re.compile(r"[IVXLC]+")  # a regnal number ("Benedict XVI")


def _ends_in_acronym(text: str) -> bool:
    """Whether a name of two words or more ends in an acronym, two to five capitals that
    are no suffix, regnal number nor letters of a post or an honour ("Creston RCMP", a
    force's detachment; "Kepler GT", a product): a body's or a thing's name."""
    words = name_tokens(text)
    last = words[-1] if len(words) > 1 else ""
    return last.isalpha() and last.isupper() and 1 < len(last) <= 5 \
        and last.lower() not in _SUFFIXES | _POST_NOMINALS and not _ROMAN.fullmatch(last)


def _described_people(mentions: list[Mention]) -> None:
    """A name read as an organisation or a place that the sentence describes as a
    person's is a person: one with an age before it ("15-year-old Alexandros
    Grigoropoulos"), and one "who" follows if it is of two words or more or ends a longer
    name of the article ("Paul Riva", then "Riva, who was struck"; a firm of one word is as
    often a "who": "Intel, who at one point …"). Not a name "the" opens or ending in a
    plural ("the New York Mets, who …"), one a mention of which is set as a thing or a
    kind of place ("Drake, which …"), nor one holding a word the article reads as a place
    on its own, opening with a word for a place or ending with one for an organisation
    ("North Florida, who beat Furman", "Sudan People's Liberation Army, who …")."""
    longer = [name_tokens(m.text) for m in mentions if m.label in ("ORG", "PLACE")]
    places = {m.text.casefold() for m in mentions if m.label == "PLACE"
              and len(name_tokens(m.text)) == 1}
    described: set[str] = set()
    against: set[str] = set()
    for mention in mentions:
        key = mention.text.casefold()
        words = name_tokens(mention.text)
        if "aged" in mention.use or ("who" in mention.use and (len(words) > 1 or any(
                len(name) > 1 and _folds(words, name) for name in longer))):
            described.add(key)
        if mention.use & {"it", "kind", "web", "placekind", "employer", "the",
                          "pluralname"} or key.startswith("the ") \
                or any(w.casefold() in places for w in words) \
                or (len(words) > 1 and words[0].casefold() in _PLACE_WORDS) \
                or words[-1].casefold() in _ORGANISATION_WORDS:
            against.add(key)
    for mention in mentions:
        key = mention.text.casefold()
        if mention.label in ("ORG", "PLACE") and key in described and key not in against:
            mention.label = "PERSON"


def _in_capitals(text: str) -> bool:
    """A one-word name written in capitals ("SEACOM"): a firm's or a body's far more often
    than a person's, whatever it says."""
    words = name_tokens(text)
    return len(words) == 1 and len(words[0]) > 1 and words[0].isupper()


def _places_of_at(mentions: list[Mention]) -> None:
    """A person name of two words or more that every mention sets right after "at",
    "in" or "near" is a place ("played at Wayne State", "at Bruckner Boulevard"), unless
    a fuller person name of the article is long for it."""
    elsewhere: set[str] = set()
    people = []
    for mention in mentions:
        if mention.label == "PERSON":
            people.append(name_tokens(mention.text))
            if "place" not in mention.use:
                elsewhere.add(mention.text.casefold())
    for mention in mentions:
        words = name_tokens(mention.text)
        if mention.label == "PERSON" and len(words) > 1 \
                and mention.text.casefold() not in elsewhere and not any(
                    len(person) > len(words) and _folds(words, person) for person in people):
            mention.label = "PLACE"


_PLACE_WORDS = frozenset(("lake", "mount", "mt.", "mt", "port", "fort", "cape", "river", "bay",
                          "gulf", "isle", "glen", "loch", "lac", "north", "south", "east",
                          "west", "avenue", "rue", "boulevard"))


# Words that end a street's name ("Clark Ave", "325 E. Dahlia Ave."), as written.
_STREET_WORDS = frozenset(word_list("""
street st avenue ave boulevard blvd road rd drive dr lane ln
"""))


_ORGANISATION_WORDS = frozenset(("union", "association", "authority", "council", "committee",
                                 "party", "company", "corporation", "corp.", "inc.", "inc",
                                 "ltd", "ltd.", "agency", "ministry", "department",
                                 "university", "college", "hospital", "bank", "league",
                                 "federation", "institute", "foundation", "commission", "army",
                                 "police", "films", "pictures", "studios", "productions",
                                 "records", "media", "group", "holdings", "industries",
                                 "enterprises", "communications", "technologies"))


# Words for kinds of organisation, business, publication and work: a name set before one
# ("the Waitrose supermarket") or beside one in apposition ("Interoute, the internet
# networks company") names that, not a person.
KIND_WORDS = _ORGANISATION_WORDS | frozenset(word_list("""
firm business chain brand retailer supermarket store shop restaurant hotel airline
jeweller jeweler
carrier manufacturer maker startup start-up label studio
magazine newspaper paper tabloid journal website site blog network channel broadcaster
station show programme program series film movie documentary album song book
novel comic strip cartoon game app software browser device technology daily weekly
building warehouse complex plant factory mill mine refinery terminal depot facility
center centre farm
"""))


# Animals and vessels, named like people: one a sentence calls so ("a collie dog called
# Fenn") is no person.
_NAMED_THINGS = frozenset(word_list("""
dog dogs cat cats horse horses pet pets animal puppy ship boat vessel yacht
collie terrier spaniel retriever labrador poodle bulldog beagle dachshund greyhound
kitten pony mare stallion foal donkey parrot tortoise hamster
bear lion tiger elephant gorilla chimpanzee monkey panda dolphin whale
"""))


_AGENT_ENDINGS = ("er", "ers", "ist", "ists")  # "pet owner", "boat builder": people


def _animal_noun(token: Any) -> bool:
    """A common noun for an animal or a vessel, or one a word for them modifies ("pet
    collie"), not an agent noun ("pet owner")."""
    if not token.is_lower or token.pos_ not in ("NOUN", "PROPN"):
        return False  # a common noun, whatever the tagger read ("pet collie" as NNP)
    if token.lower_ in _NAMED_THINGS:
        return True
    return not token.lower_.endswith(_AGENT_ENDINGS) and any(
        child.dep_ in ("compound", "amod") and child.lower_ in _NAMED_THINGS
        for child in token.children)


def _an_animal_s_name(ent: Any) -> bool:
    """Whether a word for an animal or a vessel sets the name before it ("an Indian
    vessel MV Jag Arnav") or in apposition ("their pet collie, Fenn")."""
    root = ent.root
    if any(child.dep_ == "compound" and child.i < ent.start and _animal_noun(child)
           for child in root.children):
        return True
    return root.dep_ == "appos" and root.head.i < ent.start and _animal_noun(root.head)


def _not_people(mentions: list[Mention]) -> None:
    """A one-word person name in capitals of two to five letters is an acronym or a shout
    ("YOW!"), unless a fuller person name of the article is long for it. A person name
    any mention of which the article calls a kind of place ("the
    province of Hormozgan") is a place's, and one it refers to as a thing ("Drake, which
    had defeated Bradley") or sets before a post and a person's name ("U. S. District
    Judge Barbara Walther") an organisation's, unless a fuller person name of the article
    is long for it ("Warren" beside "Warren Jeffs"). A person name any mention of which
    is a web address ("Earthquaketrack. com") or beside a word for a kind of organisation
    or work ("the Waitrose supermarket") is an organisation's; one "the" determines ("the
    Jebel") names no person either (a place or an organisation: the article does not say
    which, so it is dropped), unless a shorter person name of the article is short for it
    ("the Yvonne Hiller", a slip, beside "Hiller"), nor one a word for an animal or a
    vessel calls ("a collie dog called Fenn"); so is a plural name "the" determines
    across other modifiers ("the NFC West-champion Seattle Seahawks") when no mention of
    it speaks or has a title."""
    seen: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label == "PERSON":
            seen.setdefault(mention.text.casefold(), set()).update(mention.use)
    shorter = [name_tokens(m.text) for m in mentions if m.label == "PERSON"]
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        use = seen[mention.text.casefold()]
        words = name_tokens(mention.text)
        fuller = any(len(person) > len(words) and _folds(words, person) for person in shorter)
        if len(words) == 1 and words[0].isupper() and 1 < len(words[0]) <= 5 and not fuller:
            # a short word in capitals is an acronym or a shout ("YOW!"), no one's name
            mention.label = "ORG"
            continue
        if use & {"placekind", "it", "employer"} and not fuller:
            # what the article calls a place, or refers to as "it" or "which"
            mention.label = "PLACE" if "placekind" in use else "ORG"
            continue
        if "work" in mention.use:
            mention.label = "WORK"  # this mention alone: a film may bear a person's name
            continue
        if mention.use & {"namedplace", "namedorg", "namedthing"}:
            # a thing named after someone: this mention alone, the person may be named
            # elsewhere ("Dean Smith" beside the "Dean Smith Center")
            mention.label = "PLACE" if "namedplace" in mention.use else \
                "ORG" if "namedorg" in mention.use else ""
            continue
        if "animal" in use:
            mention.label = ""  # an animal's or a ship's name
        elif use & {"web", "kind"}:
            mention.label = "ORG"
        elif "the" in use or ("theplural" in use
                              and not use & {"speaker", "human", "titled"}):
            words = name_tokens(mention.text)
            if not any(len(short) < len(words) and _folds(short, words)
                       for short in shorter):
                mention.label = ""


def _characters(mentions: list[Mention]) -> None:
    """A person name any mention of which is an actor's part ("his starring role as a
    sharp-tongued spin doctor Malcolm Tucker", "Capaldi's turn as Tucker") is a
    character's, no person's; so are its shorter forms no other person name of the
    article is long for ("Malcolm")."""
    people = {m.text.casefold(): name_tokens(m.text) for m in mentions
              if m.label == "PERSON"}
    parts = {m.text.casefold() for m in mentions
             if m.label == "PERSON" and "character" in m.use}
    if not parts:
        return
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        words = name_tokens(mention.text)
        longer = [key for key, name in people.items()
                  if len(name) > len(words) and _folds(words, name)]
        if mention.text.casefold() in parts or (longer and all(key in parts
                                                                for key in longer)):
            mention.label = ""


def _clipped_forms(mentions: list[Mention]) -> None:
    """A person name of two words or more that is a clipped form of a longer name the
    article reads as no person's is that name's ("Mat Maid" beside "the Matanuska Maid
    Creamery"): its words open the longer name's, in order, each the same word or its
    first three letters or more, one of them clipped and one whole. Not a name any
    mention of which says, has a title or is described as a person's."""
    longer = [(_without_the(m.text).split(), m.label) for m in mentions
              if m.label not in ("PERSON", "GROUP", "")]
    human: set[str] = set()
    for mention in mentions:
        if mention.use & _HUMAN_USES:
            human.add(mention.text.casefold())
    for mention in mentions:
        words = [w.casefold() for w in name_tokens(mention.text)]
        if mention.label != "PERSON" or len(words) < 2 \
                or mention.text.casefold() in human:
            continue
        for name, label in longer:
            if _clips(words, name):
                mention.label = label
                break


def _clips(words: list[str], name: list[str]) -> bool:
    """Whether ``words`` open the longer ``name`` as a clipped form of it: each the same
    word or a start of three letters or more, at least one clipped and one whole."""
    if len(name) < len(words):
        return False
    pairs = list(zip(words, name[:len(words)], strict=True))
    clipped = [w != n and len(w) >= 3 and n.startswith(w) for w, n in pairs]
    whole = [w == n for w, n in pairs]
    return all(c or h for c, h in zip(clipped, whole, strict=True)) and any(clipped) \
        and any(whole)


def _without_the(text: str) -> str:
    words = text.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _one_word_people(mentions: list[Mention], people: list[list[str]]) -> None:
    """A one-word person that no fuller person name of the article is short for is read
    from how the article uses it, every mention alike: a plural, or a word a group's
    determiner opens, is a group ("MPs", "all Turkmens"); a word the tagger reads as a
    verb or an interjection, never saying nor with a title, is no name ("Hooray for
    Photoshop", "an officer says, 'Freeze'"); a word of a longer place or organisation
    name is that ("Orrin" beside "Lake Orrin"), and so is its plural when it never speaks
    nor has a title ("other unibody Macbooks" beside "MacBook Pro": a firm's product, not
    a person); always the object of "in" or "at", or of "from" after "to be", or owned by
    a place's possessive, is a place ("at Greyhaven", "who is from Millford", "Scotland's
    Kinlochan"); and a word that only ever opens its
    sentence, never speaks nor has a title, is a common word capitalised by its place
    ("Turnout in the ballot …") and is dropped (label "")."""
    uses: dict[str, list[frozenset[str]]] = {}
    for mention in mentions:
        if mention.label == "PERSON" and len(name_tokens(mention.text)) == 1:
            uses.setdefault(mention.text.casefold(), []).append(mention.use)
    others: dict[str, str] = {}
    for mention in mentions:
        words = name_tokens(mention.text)
        if mention.label in ("PLACE", "ORG") and len(words) > 1:
            for word in words:
                others.setdefault(word.casefold(), mention.label)
    for mention in mentions:
        key = mention.text.casefold()
        if key not in uses or mention.label != "PERSON":
            continue
        words = name_tokens(mention.text)
        if any(_folds(words, person) for person in people):
            continue
        seen = uses[key]
        if all("plural" in u for u in seen):
            mention.label = "GROUP"
        elif all("verb" in u and not u & {"speaker", "titled", "human"} for u in seen):
            mention.label = ""
        elif key in others:
            mention.label = others[key]
        elif key.endswith("s") and key[:-1] in others \
                and not any(u & {"speaker", "titled"} for u in seen):
            # "other unibody Macbooks", of "MacBook Pro"; a surname that speaks or has a
            # title ("Edwards said", beside "Prince Edward Island") stays a person
            mention.label = others[key[:-1]]
        elif all("place" in u for u in seen):
            mention.label = "PLACE"
        elif all("opens" in u and not u & {"speaker", "titled"} for u in seen):
            mention.label = ""


def canonicalise(mentions: list[Mention]) -> None:
    """Give every mention the fullest name of its entity in the article.

    A shorter name is folded under a longer one of the same label when all its words are
    in it and its last word is the longer name's last word ("Kulazhanka", "Pavel
    Kulazhanka") or it is the longer name's first word alone ("Ana", "Ana Ruiz"). When
    several would fit, a name the article only ever sets beside a word for a relative is
    left out ("Flynn's father Herbert Flynn": "Flynn" is someone else), then the longer
    name the article names first wins ("Mr. LaRue" is the subject "Frederick C. LaRue",
    not his father "Ike Parsons LaRue Sr."); a first name alone is read by
    `_first_name_options`.
    """
    fullest: dict[str, list[list[str]]] = {}
    for mention in mentions:
        words = name_tokens(mention.text)
        group = fullest.setdefault(mention.label, [])
        if not any(_folds(words, longer) for longer in group if len(longer) >= len(words)):
            group[:] = [g for g in group if not _folds(g, words)]
            group.append(words)
    relatives = _named_as_relatives(mentions)
    first_at: dict[tuple[str, ...], int] = {}
    for index, mention in enumerate(mentions):
        first_at.setdefault(tuple(name_tokens(mention.text)), index)
    for mention in mentions:
        words = name_tokens(mention.text)
        options = [g for g in fullest.get(mention.label, []) if _folds(words, g)]
        if len(words) == 1 and mention.label == "PERSON":
            options = _first_name_options(mention, options, mentions)
        if len(options) > 1:
            options = [g for g in options if tuple(g) not in relatives] or options
        # Several fuller names fit ("Mr. LaRue" beside "Frederick C. LaRue" and his
        # father "Ike Parsons LaRue Sr."): the one the article names first, its subject.
        best = min(options, key=lambda g: first_at.get(tuple(g), len(mentions))) \
            if options else words
        mention.canonical = " ".join(best)
    # A person's gender is known for the whole entity once one mention's title says it.
    genders: dict[str, str] = {}
    for mention in mentions:
        if mention.gender:
            genders.setdefault(mention.canonical, mention.gender)
    for mention in mentions:
        mention.gender = genders.get(mention.canonical)


def _named_as_relatives(mentions: list[Mention]) -> set[tuple[str, ...]]:
    """The person names of two words or more every mention of which a word for a
    relative sets off ("Flynn's father Herbert Flynn"): a relative of the article's
    subject, whom its surname alone does not mean."""
    uses: dict[tuple[str, ...], list[bool]] = {}
    for mention in mentions:
        words = tuple(name_tokens(mention.text))
        if mention.label == "PERSON" and len(words) > 1:
            uses.setdefault(words, []).append("kin" in mention.use)
    return {words for words, kin in uses.items() if all(kin)}


_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))


def _surname(words: list[str]) -> str:
    """A name's last word but a suffix ("Smith" of "John Smith Jr.")."""
    kept = [w for w in words if w.lower() not in _SUFFIXES] or words
    return kept[-1].lower()


def _first_name_options(mention: Mention, options: list[list[str]],
                        mentions: list[Mention]) -> list[list[str]]:
    """The fuller names a one-word person mention may fold under. A first name alone that
    opens several fuller names is the one named last before it ("to Reggie" after
    "Reggie Williams", not the "Reggie Wayne" named later); one set beside a word for a
    relative ("her husband Eric") folds only under a fuller name of a family the article
    names, two people of its surname or more ("Eric" is no "Eric Kirkpatrick" when no
    other Kirkpatrick is named; "his daughter, Joan" is "Joan Felt" beside "Mark Felt
    Jr.")."""
    word = name_tokens(mention.text)[0].lower()
    first_only = [g for g in options if _surname(g) != word]
    if not first_only:
        return options
    if len(first_only) > 1:
        last_at: dict[tuple[str, ...], int] = {}
        for other in mentions:
            if other.start < mention.start:
                last_at[tuple(name_tokens(other.text))] = other.start
        named_before = [g for g in first_only if tuple(g) in last_at]
        if named_before:
            nearest = max(named_before, key=lambda g: last_at[tuple(g)])
            return [g for g in options if g not in first_only or g == nearest]
    if "kin" in mention.use:
        names = {tuple(name_tokens(m.text)) for m in mentions if m.label == "PERSON"}
        kin = Counter(_surname(list(name)) for name in names if len(name) > 1)
        return [g for g in options if g not in first_only or kin[_surname(g)] > 1]
    return options


def _folds(short: list[str], long: list[str]) -> bool:
    if not short or len(short) > len(long):
        return False
    if short == long:
        return True
    lower_long = [w.lower() for w in long]
    lower_short = [w.lower() for w in short]
    while len(lower_long) > 1 and lower_long[-1] in _SUFFIXES \
            and lower_short[-1] not in _SUFFIXES:
        lower_long.pop()  # "Smith" is "John Smith Jr."
    if not set(lower_short) <= set(lower_long):
        return False
    return lower_short[-1] == lower_long[-1] or lower_short == lower_long[:1]


def entity_records(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [m.to_dict() for m in mentions]
