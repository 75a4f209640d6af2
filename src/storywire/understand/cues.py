"""Words that introduce speech: the verbs of saying and the phrases that work like them.

Kept as word forms rather than lemmas so that the spaCy lemmatizer can stay switched off
(it is a fifth of the pipeline's time and nothing else needs it).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_REGULAR = """
add admit acknowledge allege announce argue assert boast caution claim comment complain
concede confirm contend declare deny describe disclose dismiss emphasise emphasize estimate
explain insist joke lament mention note object observe plead point predict proclaim
promise protest quip recall recount reiterate remark repeat reply report respond reveal
scoff shout signal sneer state stress suggest testify tweet urge vow warn whisper yell
acknowledge accuse agree ask answer believe blast call charge criticize criticise
concede counter cry demand fear hint indicate maintain pledge post question
recommend remind snap speculate threaten wonder conclude continue elaborate retort muse
exclaim caution interject fume grumble gush sigh marvel rage echo chant scream bark
retaliate assure mock react opine
"""
_DOUBLING = frozenset(("admit", "quip", "snap", "regret", "commit", "submit", "omit"))
_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "think": ("think", "thinks", "thought", "thinking"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "forecast": ("forecast", "forecasts", "forecasting"),
    "put": ("put", "puts"),
    "read": ("read", "reads"),  # "“…,” read the statement"; "reading" labels a text
}


def _forms(verb: str) -> tuple[str, ...]:
    if verb.endswith("e"):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if verb.endswith(("sh", "ch", "ss", "x")):
        return verb, verb + "es", verb + "ed", verb + "ing"
    if verb in _DOUBLING:  # "admitted", "quipped", "snapped"
        double = verb + verb[-1]
        return verb, verb + "s", double + "ed", double + "ing"
    return verb, verb + "s", verb + "ed", verb + "ing"


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for verb in _REGULAR.split():
        for form in _forms(verb):
            table.setdefault(form, verb)
    for lemma, forms in _IRREGULAR.items():
        for form in forms:
            table[form] = lemma
    return table


CUE_FORMS: dict[str, str] = _table()
"""word form -> lemma, for every verb that can introduce a quote"""

def word_list(text: str) -> list[str]:
    """Word lists are written as plain text, several words a line."""
    return text.split()


# Verbs that take reported speech as a clause ("X said that …"): narrower than CUE_FORMS,
# since "describe", "call" or "dismiss" frame a quoted fragment but do not report a clause.
REPORTING = frozenset(word_list("""
say tell add admit acknowledge allege announce argue assert boast caution claim comment
complain concede confirm contend declare deny disclose emphasise emphasize estimate
explain insist note observe predict promise protest recall reiterate remark repeat reply
report respond reveal state stress suggest testify tweet warn write believe think fear
hint indicate maintain pledge vow threaten agree answer speculate forecast charge
counter ask wonder question
"""))

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": None, "it": None,
            "we": None, "i": None}


def cue_lemma(word: str) -> str | None:
    """The verb of saying ``word`` is a form of, or None."""
    return CUE_FORMS.get(word.lower())


# Verbs that say something only with their particle: "Hillary shot back, “…”", "fired
# back", "chimed in", "“…,” she went on" (a verb alone, "shot", is no verb of saying).
_WITH_PARTICLE = {"shot": "back", "shoots": "back", "fired": "back", "fires": "back",
                  "hit": "back", "hits": "back", "pushed": "back", "chimed": "in",
                  "chimes": "in", "wrote": "back", "went": "on", "goes": "on"}


def says_with_particle(token: Any) -> bool:
    """Whether a verb token says something with its particle ("shot back")."""
    particle = _WITH_PARTICLE.get(token.lower_)
    # "went on to work alongside Trump": what it goes on to do is no speech.
    return particle is not None and any(
        c.lower_ == particle and c.dep_ in ("prt", "advmod") for c in token.children) \
        and not any(c.dep_ in ("xcomp", "advcl") and c.i > token.i
                    and any(a.lower_ == "to" for a in c.children) for c in token.children)


def says(token: Any) -> bool:
    """Whether a parsed token is a verb of saying: a cue form, or a verb that says with
    its particle ("shot back")."""
    return token.pos_ in ("VERB", "AUX") and (cue_lemma(token.text) is not None
                                              or says_with_particle(token))


def is_cue(token: Any) -> bool:
    """Whether a parsed token attributes what is said: a verb of saying (``says``), or
    "according" before "to"."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc) \
            and token.doc[token.i + 1].lower_ == "to":
        return True
    return says(token)


# Verbs whose object is what someone said or stands for, in reported speech without a
# clause: "Clinton accused Trump of using divisive rhetoric", "urged voters to …".
OBJECT_REPORTING = frozenset(word_list("""
accuse blame criticize criticise praise urge condemn endorse propose denounce applaud
question dismiss reject defend demand warn
"""))
# Verbs that report a finding rather than speech: "a poll found that …", "records show …".
FINDING = frozenset(word_list("find found finds show shows showed shown suggest suggests"))


_OBJECT_FORMS = {form: verb for verb in OBJECT_REPORTING for form in _forms(verb)}


def object_reporting(word: str) -> str | None:
    """The verb of ``OBJECT_REPORTING`` that ``word`` is a form of, or None."""
    return _OBJECT_FORMS.get(word.lower())


LEARNED_FILE = "cue_lexicon.json"


@cache
def learned_cues() -> dict[str, frozenset[str]]:
    """Words that attribute what a construction of theirs holds, learned from PolNeAR
    train (``data/cue_lexicon.json``, re-made by ``storywire.evaluation.cue_training``):
    construction ("xcomp": "declined *to comment*", "prep:about": "talked *about the
    border*", "noun-prep:of": "his criticism *of the plan*", …) -> word forms. Empty when
    the file is absent."""
    path = resources.files("storywire.understand") / "data" / LEARNED_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    return {key: frozenset(forms) for key, forms in data["cues"].items()}
