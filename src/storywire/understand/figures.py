"""Figures: the numbers an article reports, with their qualifier and what they count.

spaCy's recogniser marks the numeric expressions (CARDINAL, MONEY, PERCENT, QUANTITY),
qualifier included ("about 200", "more than 1,000"); this module reads the value, the
range and the qualifier from the words, and takes the subject from the parse ("about 200
members" counts members; "turnout was 41%" measures turnout).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

NUMERIC_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")

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
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
           "trillion": 10**12, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "k": 1000,
           "tn": 10**12}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
          "millions": 2 * 10**6, "billions": 2 * 10**9, "tens of thousands": 20000,
          "hundreds of thousands": 200000, "a few hundred": 300, "a few thousand": 3000,
          "several hundred": 300, "several thousand": 3000, "a handful": 5, "a few": 3,
          "a dozen": 12, "several": 3}
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

    def to_dict(self) -> dict[str, Any]:
        def number(x: float | None) -> float | int | None:
            return int(x) if x is not None and float(x).is_integer() else x

        return {"value": number(self.value), "approximate": self.approximate,
                "low": number(self.low), "high": number(self.high),
                "qualifier": self.qualifier, "subject": self.subject,
                "sentence": self.sentence, "start": self.start, "end": self.end}


def find_figures(doc: Any) -> list[Figure]:
    """Every figure of a parsed article, in text order."""
    out = []
    text = doc.text  # built from the tokens on every access: read once
    for ent in doc.ents:
        if ent.label_ not in NUMERIC_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        phrase = ent.text
        # The recogniser sometimes leaves the qualifier out of the entity ("about" 200).
        before = text[max(0, start - 12):start].lower()
        for candidate in QUALIFIERS:
            if before.endswith(candidate + " ") and " " in before and len(candidate) > 3:
                phrase = candidate + " " + phrase
                start -= len(candidate) + 1
                break
        reading = read_number(phrase)
        if reading is None or (reading.value == 1 and not any(c.isdigit() for c in phrase)):
            continue  # "one of the men" is not a figure
        sentence = ent.sent.text.strip()
        out.append(Figure(reading.value, reading.approximate, reading.low, reading.high,
                          reading.qualifier, _subject(ent), sentence, start, end))
    return out


def _noun_phrase(token: Any) -> str:
    words = [t for t in token.lefts if (t.dep_ in ("compound", "amod") and t.i == token.i - 1)
             or t.dep_ == "compound"]
    words = [w for w in words if w.i < token.i]
    text = " ".join([w.text for w in words] + [token.text])
    for child in token.rights:  # "members of the union", "others awaiting vetting"
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and token.pos_ in ("NOUN", "PRON", "NUM") \
                    and token.lower_ in ("%", "percent", "per", "cent", "half", "third",
                                         "quarter", "others", "one", "some", "all", "most"):
                return _noun_phrase(obj)
    return text


def _subject(ent: Any) -> str | None:
    """What a figure counts or measures."""
    root = ent.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.i != root.i \
            and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _noun_phrase(head)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PRON"):
        return _noun_phrase(head.head)
    # A figure the number is itself the subject of: "87% voted", "1,150 of them".
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _noun_phrase(obj)
    # "turnout was 41%", "the toll rose to 14", "the barrier will cost $4.2m"
    verb = head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
    if verb.pos_ in ("VERB", "AUX") and root.dep_ in ("attr", "dobj", "pobj", "npadvmod",
                                                        "acomp"):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(subject)
    if root.pos_ in ("NOUN",) and root.lower_ not in ("%", "percent"):
        return root.text
    return None
