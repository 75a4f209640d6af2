"""Figures: the numbers an article reports, with their qualifier and what they count.

spaCy's recogniser marks the numeric expressions (CARDINAL, MONEY, PERCENT, QUANTITY),
qualifier included ("about 200", "more than 1,000"); this module reads the value, the
range and the qualifier from the words, and takes the subject from the parse ("about 200
members" counts members; "turnout was 41%" measures turnout).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from storywire.understand.entities import doc_text
from storywire.understand.scales import SCALES as _SCALES

NUMERIC_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")

# longest first, so that "more than" wins over "more"
QUALIFIERS = (
    "just under", "just over", "more than", "less than", "fewer than", "at least", "at most",
    "up to", "close to", "as many as", "as much as", "as few as", "no more than",
    "an estimated", "upwards of", "in excess of", "some", "about", "around", "roughly",
    "approximately", "nearly", "almost", "over", "under", "below", "above", "estimated",
    "more", "maybe", "perhaps", "only", "a further", "another",
)
APPROXIMATE = frozenset(QUALIFIERS) - {"only", "a further", "another", "more"}

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5, "dozen": 12,
}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
          "millions": 2 * 10**6, "billions": 2 * 10**9, "tens of thousands": 20000,
          "hundreds of thousands": 200000, "a few hundred": 300, "a few thousand": 3000,
          "several hundred": 300, "several thousand": 3000, "a handful": 5, "a few": 3,
          "a dozen": 12, "several dozen": 36, "a few dozen": 36, "several": 3}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)")
_RANGE = re.compile(
    r"(?:between\s+)?[$€£]?(?P<a>\d[\d.,]*)\s*(?P<unit>%|percent|(?:[mbk]|bn|million|"
    r"billion|thousand)\b)?\s*(?:-|–|to|and)\s*[$€£]?(?P<b>\d[\d.,]*)", re.IGNORECASE)


@dataclass
class Reading:
    value: float
    approximate: bool
    low: float | None
    high: float | None
    qualifier: str | None


def read_number(phrase: str) -> Reading | None:
    """The value of a numeric phrase ("about 200", "$4.2m", "between 10 and 12",
    "thousands", "nearly 90%", "5,0" written with a decimal comma)."""
    words = phrase.lower().replace("\u00a0", " ").strip()
    qualifier = None
    for candidate in QUALIFIERS:
        if words.startswith(candidate + " "):
            qualifier = candidate
            words = words[len(candidate) + 1:].strip()
            break
    for vague, value in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        if words == vague or words.startswith(vague + " of") or words.startswith(vague + " "):
            return Reading(float(value), True, None, None, qualifier or vague)
    match = _RANGE.search(words)
    if match and (match.group(0).startswith("between") or "-" in match.group(0)
                  or "–" in match.group(0) or " to " in match.group(0)):
        low, high = _digits(match.group("a")), _digits(match.group("b"))
        if low is not None and high is not None and low < high:
            scale = _scale_after(match.group("unit") or words[match.end():])
            return Reading((low + high) / 2 * scale, True, low * scale, high * scale,
                           qualifier or "between")
    number = _NUMBER.search(words)
    if number:
        value = _digits(number.group(1))
        if value is None:
            return None
        value *= _scale_after(words[number.end():])
    else:
        value = _spelled(words)
        if value is None:
            return None
    return Reading(value, qualifier in APPROXIMATE if qualifier else False, None, None,
                   qualifier)


def _digits(raw: str) -> float | None:
    raw = raw.strip(".,")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+,\d{1,2}", raw):  # a decimal comma: "5,0"
        return float(raw.replace(",", "."))
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _scale_after(rest: str) -> float:
    word = re.match(r"\s*([a-z]+)", rest)
    if word and word.group(1) in _SCALES:
        return float(_SCALES[word.group(1)])
    return 1.0


def _spelled(words: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words):
        if word in _WORDS:
            current += _WORDS[word] if word != "dozen" else 11 * max(current, 1)
            seen = True
        elif word in _SCALES and len(word) > 2:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif word in ("and", "of", "a"):
            continue
        else:
            break
    return total + current if seen else None


def plain_number(value: float) -> str:
    """A number as a reader writes it: "12", "15,000", "2 million", "4.2 billion", "0.5"."""
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if abs(value) >= size:
            scaled = value / size
            return f"{scaled:.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# Vague amounts whose value is storywire's guess, kept for comparing ("dozens" as 24):
# shown as written, never with the guess beside them as if the text had said it.
# "A dozen" is exact (12); the French vague plurals are read without a parse.
_GUESSED = (frozenset(_VAGUE) - {"a dozen"}) | {"des dizaines", "des centaines", "des milliers"}


def shown(value: float, written: str) -> str:
    """A figure as written and normalised: "2 million", "a dozen (12)", "$4.2 million";
    a vague amount as written ("dozens")."""
    number = plain_number(value)
    words = " ".join(written.split())
    if words.lower() in _GUESSED:
        return words
    if not any(c.isdigit() for c in words):
        return f"{words} ({number})" if words.lower() != number else number
    if re.fullmatch(r"[\d,.]+", words):
        return number  # "2000000" -> "2 million"
    return words  # "2 million euros", "$4.2m", "41%": as written


@dataclass
class Figure:
    value: float
    approximate: bool
    low: float | None
    high: float | None
    qualifier: str | None
    subject: str | None
    sentence: str
    start: int
    end: int
    written: str = ""  # the words of the text, qualifier included

    def to_dict(self) -> dict[str, Any]:
        def number(x: float | None) -> float | int | None:
            return int(x) if x is not None and float(x).is_integer() else x

        return {"value": number(self.value), "approximate": self.approximate,
                "low": number(self.low), "high": number(self.high),
                "qualifier": self.qualifier, "subject": self.subject,
                "sentence": self.sentence, "start": self.start, "end": self.end,
                "text": self.written, "shown": self.label()}

    def label(self) -> str:
        """As written and normalised: "about 200", "a dozen (12)", "2 million"."""
        written = self.written
        if self.qualifier and written.lower().startswith(self.qualifier + " "):
            written = written[len(self.qualifier) + 1:]
        if self.low is not None and self.high is not None:
            # as written: "between 3% and 4%", "$85 million–$95 million" keep their units
            return " ".join(self.written.split())
        if self.qualifier and self.qualifier not in _VAGUE and written == self.written:
            # the qualifier in the text's own words: "au moins onze (11)", not "at least"
            return shown(self.value, written)
        number = shown(self.value, written)
        keep = self.qualifier and self.qualifier not in ("between",) and not (
            self.qualifier in _VAGUE and not any(c.isdigit() for c in written))
        return f"{self.qualifier} {number}" if keep else number


def history_spans(text: str, year: int | None = None) -> list[tuple[int, int]]:
    """Paragraphs about an earlier time: they name a year before ``year`` (by default the
    latest year the article names) and none as late ("A larger quake killed 31 people in
    1987."). Their figures are history, not this story's."""
    years = _years(text)
    reference = year or max(years, default=None)
    if reference is None:
        return []
    out = []
    for paragraph in re.finditer(r"[^\n]+", text):
        named = _years(paragraph.group(0))
        if named and max(named) < reference:
            out.append((paragraph.start(), paragraph.end()))
    return out


_YEAR_IN_TEXT = re.compile(r"(?i)(?<![\d,.])(?:in|of|since|from|until|by|during|the|en|de|"
                           r"depuis|dès|jusqu'en|jusqu’en)\s+"
                           r"(1[89]\d\d|20\d\d)\b|(?<![\d,.])(1[89]\d\d|20\d\d)(?=[’']s?\s|\s+"
                           r"(?:quake|earthquake|election|war|flood|storm|crisis|attack))")


# Participles that date a thing's origin ("the bridge, built in 1911, has cracks"): such a
# year tells when it began, not that the paragraph tells of that time.
_ORIGIN = re.compile(r"(?i)\b(?:built|founded|established|opened|born|created|constructed|"
                     r"construit|construite|bâti|bâtie|fondé|fondée|créé|créée|né|née|"
                     r"ouvert|ouverte|inauguré|inaugurée)\s+$")


def _years(text: str) -> list[int]:
    return [int(m.group(1) or m.group(2)) for m in _YEAR_IN_TEXT.finditer(text)
            if not _ORIGIN.search(text[max(0, m.start() - 20):m.start()])]


def find_figures(doc: Any, year: int | None = None) -> list[Figure]:
    """Every figure of a parsed article, in text order; none from history paragraphs
    (``history_spans``, measured against ``year`` when the publication year is known)."""
    out = []
    text = doc_text(doc)
    history = history_spans(text, year)
    for found in doc.ents:
        if found.label_ not in NUMERIC_LABELS:
            continue
        if any(s <= found.start_char < e for s, e in history):
            continue
        ent = _with_attached_symbols(found)
        start, end = ent.start_char, ent.end_char
        if ent is not found and text[end - 1] == ".":
            end -= 1  # the full stop the tokenizer left on "$4.2m."
        phrase = text[start:end]
        # The recogniser sometimes leaves the qualifier out of the entity ("about" 200).
        before = text[max(0, start - 12):start].lower()
        for candidate in QUALIFIERS:
            if before.endswith(candidate + " ") and " " in before and len(candidate) > 3:
                phrase = candidate + " " + phrase
                start -= len(candidate) + 1
                break
        reading = read_number(phrase)
        if reading is None or (reading.value in (0, 1)
                               and not any(c.isdigit() for c in phrase)):
            continue  # "one of the men", "zero morale" are not figures
        if _clock_time(ent) or _in_compound_word(ent):
            continue  # "just before 10am", "the 6.10am service", "after half-time"
        if ent.label_ == "CARDINAL" and _YEAR.fullmatch(ent.text):
            continue  # "hired 130 nurses in 2026": a year the recogniser took for a number
        sentence = ent.sent.text.strip()
        out.append(Figure(reading.value, reading.approximate, reading.low, reading.high,
                          reading.qualifier, _subject(ent), sentence, start, end,
                          text[start:end]))
    return out


_CURRENCY = frozenset("$£€¥")
_CLOCK = re.compile(r"(?i)\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.\s?m\.?|p\.\s?m\.?)$")


def _clock_time(ent: Any) -> bool:
    """A time of day the recogniser took for a number ("10" of "10am", "6.10am")."""
    doc = ent.doc
    after = doc[ent.end].text if ent.end < len(doc) else ""
    glued = "" if ent.end >= len(doc) or doc[ent.end - 1].whitespace_ else after
    spaced = after if ent.end < len(doc) and doc[ent.end - 1].whitespace_ else ""
    return bool(_CLOCK.search(ent.text)
                or _CLOCK.fullmatch(ent.text + glued)
                or _CLOCK.fullmatch(f"{ent.text} {spaced}"))


def _in_compound_word(ent: Any) -> bool:
    """A number in words joined by a hyphen to the word after it ("half-time",
    "one-off", "a four-year deal"): part of a word, not a count."""
    doc = ent.doc
    last = doc[ent.end - 1]
    return (ent.end + 1 < len(doc) and not last.whitespace_ and doc[ent.end].text == "-"
            and not doc[ent.end].whitespace_ and not any(c.isdigit() for c in ent.text))


def _with_attached_symbols(ent: Any) -> Any:
    """The figure with the currency sign and the scale written onto its number, which the
    recogniser leaves out of "$4.2m" (it marks "4.2"): otherwise the value is a millionth
    of what the text says and "m" reads as what is counted."""
    doc, start, end = ent.doc, ent.start, ent.end
    if start > 0 and doc[start - 1].text in _CURRENCY and not doc[start - 1].whitespace_:
        start -= 1
    if end < len(doc) and not doc[end - 1].whitespace_ \
            and doc[end].lower_.rstrip(".") in _SCALES \
            and doc[end].lower_.rstrip(".") not in ("b", "k"):
        end += 1  # "m", or "m." where the sentence ends on it
    if (start, end) == (ent.start, ent.end):
        return ent
    from spacy.tokens import Span

    return Span(doc, start, end, label=ent.label_)


# Verbs that say what happened to what a figure counts ("14 people killed", "jobs cut"),
# by a crude stem (the lemmatizer is left out for speed) -> the participle shown.
_EVENT_VERBS = {
    "kill": "killed", "di": "died", "dy": "died", "injur": "injured", "wound": "wounded",
    "hurt": "hurt", "treat": "treated", "hospitalis": "hospitalised",
    "hospitaliz": "hospitalized", "arrest": "arrested", "detain": "detained",
    "evacuat": "evacuated", "displac": "displaced", "rescu": "rescued",
    "strand": "stranded", "trap": "trapped", "affect": "affected", "cut": "cut",
    "los": "lost", "lost": "lost", "hir": "hired", "recruit": "recruited",
    "employ": "employed", "shed": "shed", "elimin": "eliminated", "eliminat": "eliminated",
    "infect": "infected", "vaccinat": "vaccinated", "shot": "shot", "shoot": "shot",
    "charg": "charged", "convict": "convicted", "deport": "deported", "sav": "saved",
    "creat": "created", "add": "added", "destroy": "destroyed", "damag": "damaged",
    "flood": "flooded", "miss": "missing", "miss-": "missing", "sell": "sold", "sold": "sold",
    "vot": "voted", "sign": "signed", "protest": "protested", "march": "marched",
    "strik": "striking", "struck": "striking", "cancel": "cancelled", "delay": "delayed",
    "ground": "grounded", "clos": "closed", "clo": "closed",
}
# Words that only measure, never say what is counted.
_MODIFIER_SKIP = frozenset(("other", "more", "additional", "further", "extra", "last",
                            "first", "next", "previous", "same", "such", "many", "few"))


def verb_stem(word: str) -> str:
    """A crude stem, enough to tell "killed", "killing" and "kills" are one verb."""
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[:-len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "cutting" -> "cut", "trapped" -> "trap"
    return word


def _event(token: Any) -> str | None:
    """The participle of the event verb a counted noun (or bare number) takes part in:
    its verb as object or passive subject ("killed 14 people", "two people were
    treated"), or a participle after it ("12 people killed", "people injured in …")."""
    head = token.head
    if head.pos_ == "VERB" and head.i != token.i and (
            token.dep_ in ("dobj", "nsubjpass")
            or (token.dep_ == "nsubj" and head.tag_ == "VBN")):  # "80 people injured"
        return _EVENT_VERBS.get(verb_stem(head.text))
    for child in token.rights:
        if child.dep_ in ("acl", "amod") and child.tag_ in ("VBN", "JJ"):
            found = _EVENT_VERBS.get(verb_stem(child.text))
            if found:
                return found
    return None


def _running_text(tokens: list[Any]) -> str:
    """Words as they read inside a sentence: a common noun or adjective that opens the
    sentence loses its capital ("Shares in Lumenfield closed down 5.4 percent": shares)."""
    words = [t.text for t in tokens]
    first = tokens[0]
    if first.is_sent_start and first.pos_ in ("NOUN", "ADJ") and not first.text.isupper():
        words[0] = first.text[:1].lower() + first.text[1:]
    return " ".join(words)


def _noun_phrase(token: Any) -> str:
    """The counted noun with the words that narrow it ("Belarusian volunteers",
    "container ships", "new nurses"), without determiners, numbers or possessives."""
    words = []
    for left in token.lefts:
        if left.dep_ in ("compound", "amod") and not left.like_num \
                and left.ent_type_ not in NUMERIC_LABELS and left.lower_ not in _MODIFIER_SKIP:
            words.extend(t for t in left.subtree if t.dep_ in ("compound", "amod")
                         or t is left)
    words = [w for w in words if w.i < token.i and not w.is_punct]
    text = _running_text([*words, token])
    for child in token.rights:  # "members of the union", "others awaiting vetting"
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and token.pos_ in ("NOUN", "PRON", "NUM") \
                    and token.lower_ in _OF_WORDS:
                return _noun_phrase(obj)
    return text


# Nouns whose figure belongs to what follows "of": "87% of members", "the cost of the
# repair", "the number of positions".
_OF_WORDS = frozenset(("%", "percent", "per", "cent", "half", "third", "quarter", "others",
                       "one", "some", "all", "most", "cost", "costs", "number", "value",
                       "price", "total"))


def _with_event(token: Any, phrase: str, event_of: Any = None, margin: bool = True) -> str:
    if margin and token.dep_ == "pobj" and token.head.lower_ == "by" \
            and token.head.head.pos_ == "VERB":
        # "won by more than 3,000 votes": a margin, not a total of votes
        return f"{phrase[:-1] if phrase.endswith('s') else phrase} margin"
    event = _event(event_of if event_of is not None else token)
    phrase = f"{phrase} {event}" if event and not phrase.endswith(event) else phrase
    after = token.doc[token.i + 1:token.i + 3]
    if len(after) == 2 and after[0].lower_ in ("a", "per", "each", "every") \
            and after[1].lower_ in _PERIODS:
        phrase = f"{phrase} a {after[1].lower_}"  # "2,000 passengers a day": a rate
    return phrase


_PERIODS = frozenset(("day", "week", "month", "year", "hour", "night", "shift"))


# Prepositions after which a number is the level its verb's subject (or object) is at:
# "the toll rose to 14", "turnout stood at 41%", "fell from 14", "put the cost at $3m",
# "cut its forecast to 3%". After others ("against", "with", "for") it is not.
_LEVEL_PREPOSITIONS = frozenset(("to", "at", "from"))

# Verbs whose subject is what their object measures: "the barrier will cost $4.2m",
# "sales totalled $5 billion", "the fund holds $2 million" (by ``verb_stem``).
_MEASURING_VERBS = frozenset(verb_stem(w) for w in (
    "cost", "costs", "total", "totalled", "totaled", "reach", "reached", "hit", "top",
    "topped", "exceed", "exceeded", "number", "numbered", "weigh", "weighed", "measure",
    "measured", "average", "averaged", "equal", "equalled", "amount", "amounted", "hold",
    "holds", "have", "has", "had", "contain", "contains", "include", "included",
    "surpass", "pass", "passed"))


def _what_it_is_of(root: Any) -> str | None:
    """What a figure the object of an actor's verb is in, of or for ("$2 million in
    emergency aid", "$300,000 for design work"), or nothing: the actor is not what it
    measures."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                return _noun_phrase(obj)
    return None


def _subject(ent: Any) -> str | None:
    """What a figure counts or measures, narrowed by its modifiers and, for what
    happened to it, by its verb: "people killed" and "people injured" are two subjects."""
    root = ent.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.i != root.i \
            and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _with_event(head, _noun_phrase(head))
    if root.dep_ == "nummod" and head.pos_ == "VERB":  # "six injured were airlifted"
        event = _EVENT_VERBS.get(verb_stem(head.text))
        if event:
            return event
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PRON"):
        # "raised by a crew of six": the crew, and no margin of one
        return _with_event(head.head, _noun_phrase(head.head), margin=False)
    # A figure the number is itself the subject of: "87% voted", "1,150 of them".
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if ent.label_ != "PERCENT" and (obj.pos_ == "PRON" or any(
                    c.dep_ in ("det", "poss") for c in obj.children)):
                return None  # "nine of the dead": a part of a group counted elsewhere
            return _with_event(obj, _noun_phrase(obj), event_of=root)
    # "killing at least 12 people and injuring more than 80": the verb says what.
    if root.dep_ in ("dobj", "nsubjpass") and root.pos_ == "NUM":
        event = _event(root)
        if event:
            return event
    # "turnout was 41%", "the toll rose to 14", "the barrier will cost $4.2m"; "put the
    # cost of the repair at $3.1 million" measures the cost, not who put it.
    verb = head
    if root.dep_ == "pobj" and head.dep_ == "prep" \
            and head.lower_ not in _LEVEL_PREPOSITIONS:
        return None  # "9,115 for the other candidate", "came second with 34 percent"
    if (root.dep_ == "pobj" and head.dep_ == "prep") or head.lower_ == "worth":
        verb = head.head  # "the toll rose to 14", "the deal is worth $12m"
    if root.dep_ == "dobj" and verb_stem(verb.text) not in _MEASURING_VERBS:
        # "the government released $2 million in emergency aid": the aid, not the
        # government that released it
        return _what_it_is_of(root)
    if verb.pos_ in ("VERB", "AUX") and root.dep_ in ("attr", "dobj", "pobj", "npadvmod",
                                                        "acomp"):
        measured = next((c for c in verb.children if c.dep_ == "dobj" and c.i != root.i
                         and c.pos_ == "NOUN"), None) \
            if root.dep_ == "pobj" and head.lower_ in _LEVEL_PREPOSITIONS else None
        subject = measured or next((c for c in verb.children
                                    if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(subject)
    if root.pos_ in ("NOUN",) and root.lower_ not in ("%", "percent") \
            and root.lower_.rstrip(".") not in _SCALES:
        return _running_text([root])
    return None


# French numbers written in words, for the languages read without a parse.
_FRENCH_UNITS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
}
_FRENCH_SCALES = {"million": 10**6, "millions": 10**6, "milliard": 10**9,
                  "milliards": 10**9}
_FRENCH_ROUGH = {"une dizaine": 10, "une douzaine": 12, "une quinzaine": 15,
                 "une vingtaine": 20, "une trentaine": 30, "une quarantaine": 40,
                 "une cinquantaine": 50, "une centaine": 100, "des dizaines": 20,
                 "des centaines": 200, "des milliers": 2000, "un millier": 1000}


@cache
def _french_months() -> frozenset[str]:
    """French month names and their short forms ("novembre", "nov"), from the package's
    one source of month names (``extract.dates``: dateparser's locale data, loaded on first
    use)."""
    from storywire.extract.dates import month_and_weekday_names

    months, _ = month_and_weekday_names(("fr",))
    return frozenset(word for group in months for word in group)


_FRENCH_DETERMINERS = frozenset(("ses", "ces", "leurs", "les", "des", "nos", "vos", "mes",
                                  "tes", "son", "sa", "leur", "cette", "cet"))
_FRENCH_QUALIFIERS = {"au moins": "at least", "plus de": "more than", "près de": "nearly",
                      "environ": "about", "quelque": "some", "moins de": "fewer than"}
_FRENCH_WORD = "|".join(sorted(_FRENCH_UNITS, key=len, reverse=True))
_FRENCH_FIGURE = re.compile(
    r"(?i)(?<![\w-])(?P<qualifier>" + "|".join(_FRENCH_QUALIFIERS) + r")?\s*"
    r"(?P<number>\d{1,3}(?:[  .]\d{3})+|\d+(?:,\d+)?|(?:" + _FRENCH_WORD + r")(?:[- ](?:et[- ])?(?:"
    + _FRENCH_WORD + r"|un|une))*|" + "|".join(_FRENCH_ROUGH) + r")"
    r"(?:\s+(?P<scale>millions?|milliards?))?"
    r"(?:\s+(?:de|d'|d’))?\s*(?P<noun>[a-zàâçéèêëîïôûùüÿœ]{3,})\b")


def french_number(words: str) -> float | None:
    """The value of a French number ("onze", "vingt-trois", "quatre-vingt-dix", "1 200",
    "3,5", "une centaine")."""
    words = words.lower().strip()
    if words in _FRENCH_ROUGH:
        return float(_FRENCH_ROUGH[words])
    digits = re.sub(r"[  .]", "", words).replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits)
    total, current = 0.0, 0.0
    for word in re.split(r"[- ]+", words):
        if word in ("et",):
            continue
        if word in ("un", "une"):
            current += 1
        elif word in ("cent", "cents"):
            current = max(current, 1) * 100
        elif word == "mille":
            total, current = total + max(current, 1) * 1000, 0.0
        elif word in ("vingt", "vingts") and current == 4:
            current = 80  # quatre-vingt(s)
        elif word in _FRENCH_UNITS:
            current += _FRENCH_UNITS[word]
        else:
            return None
    return total + current or None


def french_figures(text: str, year: int | None = None) -> list[Figure]:
    """Figures of a French text read without a parse: a number (in digits or words) and
    the noun it counts ("onze morts", "plus de 200 blessés", "une centaine de
    manifestants"); none from history paragraphs (told against ``year``, the
    publication year, when known)."""
    history = history_spans(text, year)
    out = []
    for match in _FRENCH_FIGURE.finditer(text):
        if any(s <= match.start() < e for s, e in history):
            continue
        value = french_number(match.group("number"))
        if value is None or (value < 2 and not match.group("number")[0].isdigit()):
            continue
        if match.group("number").isdigit() and _YEAR.fullmatch(match.group("number")):
            continue  # "en 2026"
        noun = match.group("noun").lower()
        if noun in _french_months():
            continue  # "le 2 novembre": a date
        if noun in _FRENCH_DETERMINERS:
            continue  # "deux de ses trois arches": a part of what is counted next
        if noun.startswith("heure") and re.search(r"(?i)\b(?:vers|à|dès|avant|après|jusqu'à)\s*$",
                                                  text[max(0, match.start() - 12):match.start()]):
            continue  # "vers 11 heures": a time of day
        if match.group("scale"):
            value *= _FRENCH_SCALES[match.group("scale").lower()]
        qualifier = _FRENCH_QUALIFIERS.get((match.group("qualifier") or "").lower())
        start = match.start("qualifier") if match.group("qualifier") else match.start("number")
        end = match.end("scale") if match.group("scale") else match.end("number")
        stop = text.rfind(". ", 0, start)
        sentence_start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
        sentence_end = min(i for i in (text.find(". ", end), text.find("\n", end), len(text))
                           if i >= 0)
        out.append(Figure(value, qualifier in APPROXIMATE if qualifier else
                          match.group("number").lower() in _FRENCH_ROUGH, None, None,
                          qualifier, match.group("noun"),
                          text[sentence_start:sentence_end + 1].strip(), start, end,
                          text[start:end]))
    return out
