"""The junk-line rule tables: which whole lines are not the article, and why.

Every rule is a compiled regular expression that must match a WHOLE line (after the
decoration around it is stripped: bullets, arrows, a trailing colon), never a substring
inside a sentence. Most rules are also capped by word count (``max_junk_words``): a short
line rule never removes a longer line. The few rules allowed to remove longer lines are
listed explicitly in ``LONG_LINE_RULES``; each is anchored on a phrase that no article
sentence starts with ("You have received this email because…", "© 2026 …", "Reporting by
A; Editing by B", "Write to A at a@b.example").

Rules are grouped by category; the category is the reason reported for a removed line.
docs/cleaning.md is the study behind the tables: what such pages contain, why each rule
is safe, what is deliberately kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from storywire.extract.dates import is_relative_stamp, looks_like_stamp
from storywire.extract.names import EMAIL, HANDLE, is_person_name, parse_names, tidy_case

# -- the data a rule can hand back ------------------------------------------------------


@dataclass(frozen=True)
class Extract:
    """What a matched line tells besides being junk: names, a time stamp, an outlet."""

    authors: tuple[str, ...] = ()
    stamp: str | None = None  # date/time text, parsed later (relative ones need `now`)
    contributors: tuple[str, ...] = ()  # "Additional reporting by", "X contributed …"
    outlet: str | None = None  # "© 2026 Outlet", "Name | Outlet | Date"


Extractor = Callable[[re.Match[str]], Extract | None]  # None: the match is rejected


@dataclass(frozen=True)
class Rule:
    """One named whole-line pattern of one category."""

    name: str
    category: str                 # the removal reason: "share-prompt", "credit", ...
    pattern: re.Pattern[str]      # used with fullmatch on the stripped line
    effect: str = "drop"          # "drop" | "comments" (rest is comments) | "list" | "label"
    max_words: int | None = None  # own cap; never above max_junk_words unless long-line
    takes_next: int = 0           # "label": the next short line (<= this many words) goes too
    examples: tuple[str, ...] = ()
    extract: Extractor | None = None

    @property
    def long_line(self) -> bool:
        return self.name in LONG_LINE_RULES

    def word_cap(self, max_junk_words: int) -> int:
        """The longest line (in words) this rule may remove."""
        if self.long_line:
            return self.max_words or LONG_LINE_CAP
        return min(self.max_words or max_junk_words, max_junk_words)


@dataclass(frozen=True)
class LineMatch:
    """The verdict for one line: the rule that removed it and what it carried."""

    rule: Rule
    authors: tuple[str, ...] = ()
    stamp: str | None = None
    contributors: tuple[str, ...] = ()
    outlet: str | None = None

    @property
    def category(self) -> str:
        return self.rule.category


def _line_match(rule: Rule, found: Extract) -> LineMatch:
    return LineMatch(rule, found.authors, found.stamp, found.contributors, found.outlet)


# The only rules that may remove a line longer than max_junk_words. Each is anchored on an
# unambiguous opening (or needs an e-mail address / a "role by name" structure), so a long
# article sentence cannot match it. tests/test_clean_rules.py checks this list is exact.
LONG_LINE_RULES: frozenset[str] = frozenset({
    "nav-inline",              # "Previous post: <headline>"
    "comment-heading-quoted",  # '3 thoughts on "<headline>"', '0 Response to "<headline>"'
    "alert-footer",            # "You have received this email because you have subscribed…"
    "copyright-notice",        # "© 2026 Outlet. All rights reserved. …"
    "republish-notice",        # "This material may not be published, broadcast, …"
    "write-to",                # "Write to A at a@x.example and B at b@x.example"
    "contributed",             # "A in X and B in Y contributed reporting."
    "reporting-by",            # "(Reporting by A and B; Additional reporting by C; Editing by D)"
    "provenance-notice",       # "This article was originally published on X. Read the original…"
    "tag-list",                # "Tags: a, b, c, …" (a label and a colon, then a list)
    "disclaimer",              # "Disclaimer: This article is for informational purposes…"
    "read-more-label",         # "Also read: <another headline>"
    "support-appeal",          # "The Valley Post is funded by readers. Become a member at …"
    "breadcrumb",              # "Home » News » <headline>"
    "wiki-footer",             # "Text is available under the Creative Commons … License; …"
    "byline-role",             # "By A, Senior Staff Writer, X Desk" (a name, a job title)
    "tweetable",               # "<a quote from the article>Click To Tweet"
    "channel-call",            # "Subscribe to X on YouTube for …", "Follow X on Facebook, …"
    "caption-credit",          # "<a photo's caption>.Reuters" (the credit run into it)
    "affiliate-disclosure",    # "If you buy something through this post, X may get a share …"
    "enjoyed-appeal",          # "If you enjoyed this article, … Join X. Members get …"
})
LONG_LINE_CAP = 40  # even an unambiguous long-line rule stops here

# Rules anchored on how a line ENDS rather than how it starts (each still whole-line and
# capped at max_junk_words): a headline in Google News' RSS form '"query" - Google News',
# and Blogger's feed links "Subscribe to: Post Comments (Atom)". No sentence ends that way.
# A "tweetable" box sets a quote from the article over its button and is copied as one
# line ending in the button's label, "… business.Click To Tweet": long, but no sentence
# ends in a button's label.
SUFFIX_ANCHORED_RULES: frozenset[str] = frozenset({"alert-title", "feed-link", "tweetable",
                                                   "caption-credit"})

# -- small vocabularies -----------------------------------------------------------------


_AGENCIES = (r"afp|ap|dpa|reuters|efe|ansa|anp|belga|lusa|apa|sda|ats|kna|epd|xinhua|"
             r"bloomberg|upi|agencia efe|agence france-presse|associated press|ria novosti|"
             r"tass|kyodo|yonhap|pti|ians|aap|cp|the canadian press")

# "through links on our site", "via this post": where an affiliate disclosure's sale is made
_VIA_LINKS = (r"\b(?:through|via|using|from|on)\s+(?:(?:one\s+of\s+)?(?:this|these|our|the|"
              r"any|a|my)\s+)?(?:\w+\s+)?(?:links?|post|article|page|site|story)\b")
# The social networks and news apps a publisher asks its readers to follow it on
# ("social-follow", "channel-call"); X alone is added where the words around it are a follow.
_NETWORKS = (r"youtube|facebook|twitter|instagram|tiktok|linkedin|telegram|whatsapp|threads|"
             r"bluesky|mastodon|snapchat|pinterest|google\s+news|apple\s+news")
# Where a publisher asks its readers to follow or subscribe ("channel-call").
_CHANNEL = (rf"(?:{_NETWORKS}|x\.com|newsletters?|podcasts?|inbox|app|nieuwsbrief|boletín)")
_OUTLET_GLUE = frozenset({"of", "the", "and", "&", "du", "de", "des", "la", "le", "les",
                          "del", "der", "die", "das", "di", "da", "do", "van", "on", "for"})
_CLAUSE_WORDS = frozenset({
    "what", "why", "how", "who", "when", "where", "here's", "here", "we", "you", "i", "is",
    "are", "was", "were", "will", "can", "should", "know", "need", "it's", "this", "that",
    "says", "said", "not",
})
_DOMAIN_NAME = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)


def is_outlet_name(text: str) -> bool:
    """A publication's name: 1-6 capitalised words (or a domain), no clause, no digits."""
    text = text.strip()
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return False
    if _DOMAIN_NAME.fullmatch(text):
        return True
    if text.endswith((".", "!", "?", ",", ";", ":")) or any(ch.isdigit() for ch in text):
        return False
    lowered = [w.lower().strip("'’\"“”") for w in words]
    if any(w in _CLAUSE_WORDS for w in lowered):
        return False
    return all(w[:1].isupper() or low in _OUTLET_GLUE or not w[:1].isalpha()
               for w, low in zip(words, lowered, strict=True)) and words[0][:1].isupper()


_COPYRIGHT_HEAD = re.compile(r"^(?:copyright|[©ⓒⒸ]|\(c\)|\s|\d{4}(?:\s*[-–]\s*\d{4})?|,)+",
                             re.I)
_COMPANY_TAIL = re.compile(r",?\s+(?:inc|ltd|llc|plc|gmbh|s\.?a|ag|srl|bv)\.?$", re.I)


def copyright_holder(text: str) -> str | None:
    """ "© 2026 Harbor Times. All rights reserved." -> "Harbor Times"."""
    rest = _COPYRIGHT_HEAD.sub("", text.strip())
    rest = re.split(r"\.\s|\s[|–—-]\s|\.$", rest, maxsplit=1)[0]
    rest = _COMPANY_TAIL.sub("", rest.strip(" .,;:")).strip(" .,;:")
    return rest if rest and is_outlet_name(rest) else None


# -- rule building ----------------------------------------------------------------------

_DECOR_LEAD = re.compile(r"^(?:[\s•·▪►▶»«‹›←→↑↓<>|~*=+_\-–—]|//+\s)+")  # "// Tags": a label
_DECOR_TAIL = re.compile(r"[\s•·▪►▶»«‹›←→<>|~*=+_\-–—:]+$")
_ONLY_SYMBOLS = re.compile(r"[\W_]*")


def core_text(line: str) -> str:
    """The line as rules see it: whitespace collapsed, bullets/arrows/trailing colon gone."""
    line = " ".join(line.split())
    return _DECOR_TAIL.sub("", _DECOR_LEAD.sub("", line))


def _alt(parts: Iterable[str]) -> str:
    return "(?:" + "|".join(parts) + ")"


def _rule(name: str, category: str, alternatives: str | Iterable[str], *,
          flags: int = re.I, effect: str = "drop", max_words: int | None = None,
          takes_next: int = 0, examples: Iterable[str] = (),
          extract: Extractor | None = None) -> Rule:
    body = alternatives if isinstance(alternatives, str) else _alt(alternatives)
    return Rule(name=name, category=category, pattern=re.compile(body, flags), effect=effect,
                max_words=max_words, takes_next=takes_next, examples=tuple(examples),
                extract=extract)


# -- extractors ---------------------------------------------------------------------------


_JOB_WORDS = frozenset({
    "staff", "writer", "reporter", "correspondent", "editor", "senior", "chief", "special",
    "political", "business", "contributor", "contributing", "columnist", "analyst", "foreign",
    "economics", "science", "health", "sports", "guest", "author", "intern", "freelance",
})


def _affiliation(text: str) -> str | None:
    """ "Ana Li, Meridian Wire" -> "Meridian Wire" (a name, not "Staff Writer")."""
    text = EMAIL.sub(" ", text)
    parts = re.split(r",|\s[|–—-]\s", text)
    if len(parts) < 2:
        return None
    last = parts[-1].strip(" .;:")
    if not is_outlet_name(last) or is_person_name(last):
        return None
    return last if any(w.lower() not in _JOB_WORDS for w in last.split()) else None


def _x_byline(m: re.Match[str]) -> Extract | None:
    names = parse_names(m["names"], strict=True)
    if not names:
        return None
    return Extract(authors=tuple(names), outlet=_affiliation(m["names"]))


_TITLE_GLUE = frozenset({"and", "of", "the", "for", "at", "on", "in", "&"})


def _x_byline_role(m: re.Match[str]) -> Extract | None:
    """ "By Ana Li, Senior Staff Writer, Harbor Times Climate Desk": a person's name, then a
    job title with a job word, then capitalised affiliations. Every word after the name is
    capitalised or glue, so a sentence that goes on ("…, said the port authority") is not
    one."""
    name, rest = m["name"].strip(), m["rest"]
    words = rest.replace(",", " ").split()
    if not is_person_name(name) or not any(w.lower() in _JOB_WORDS for w in
                                           m["role"].split()):
        return None
    if not all(w.lower() in _TITLE_GLUE or (w[0].isupper() and not w.endswith((".", "!", "?")))
               for w in words):
        return None
    return Extract(authors=(tidy_case(name),))


def _x_author_label(m: re.Match[str]) -> Extract | None:
    part = m["names"]
    if len(part.split()) > 8 or part.rstrip().endswith((".", "!", "?")):
        return None
    return Extract(authors=tuple(parse_names(part, strict=False) or ()))


_STAMP_GLUE = re.compile(r"\s+(?:on|at|le|à|am|um|el|a las|il|alle|em|às|op|om|-|–|—|,)\s+",
                         re.I)


def _x_posted_by(m: re.Match[str]) -> Extract | None:
    """ "Posted by Admin at 10:42 AM", "Posted on Nov 4, 2026 by x": junk; names if any."""
    stamp = None
    if m["pre"]:
        if not looks_like_stamp(m["pre"]):
            return None
        stamp = m["pre"]
    names = m["rest"]
    for glue in _STAMP_GLUE.finditer(names):  # the first glue after which a date follows
        tail = names[glue.end():]
        if looks_like_stamp(tail) or is_relative_stamp(tail):
            stamp = stamp or tail
            names = names[:glue.start()]
            break
    if len(names.split()) > 5 or re.search(r"[.!?;]$", names):
        return None
    return Extract(authors=tuple(parse_names(names, strict=False) or ()), stamp=stamp)


def _x_write_to(m: re.Match[str]) -> Extract | None:
    rest = m["rest"]
    if not EMAIL.search(rest):
        return None
    names: list[str] = []
    for piece in EMAIL.split(rest):
        piece = re.sub(r"^[\s,;]*(?:and|&)?\s*|\s*(?:at|:|,)?\s*$", "", piece, flags=re.I)
        if not piece:
            continue
        found = parse_names(piece, strict=True)
        if found is None:
            return None
        names.extend(found)
    return Extract(authors=tuple(names))


def _x_contributed(m: re.Match[str]) -> Extract | None:
    names = parse_names(m["names"], strict=True)
    return Extract(contributors=tuple(names)) if names else None


_AUTHOR_ROLES = frozenset({
    "reporting", "writing", "written", "compiled", "reported", "story", "text", "words",
    "report", "reporting and writing", "written and reported",
})
_CONTRIBUTOR_ROLES = frozenset({
    "additional reporting", "additional writing", "additional research", "research",
    "contributing", "further reporting",
})
_OTHER_ROLES = frozenset({
    "editing", "edited", "graphics", "graphic", "photos", "photo", "photography", "video",
    "production", "produced", "fact-checking", "fact checking", "translation", "translated",
    "data", "design", "designed", "illustration", "illustrations", "sub-editing",
    "copy editing", "interactive", "development", "audio", "visuals", "editing and writing",
})
_ROLE_BY = re.compile(r"(?P<role>[a-z][a-z -]*?)\s+by\s+(?P<names>.+)", re.I)
# A wire's credit may list its roles with commas instead of semicolons ("Reporting by A,
# B, with reporting by C, editing by D"): a comma (with an optional "with"/"and") right
# before a known role and "by" starts the next role, a comma between names does not.
_ROLE_COMMA = re.compile(
    r"\s*,\s*(?:(?:with|and)\s+)?(?=(?:"
    + "|".join(sorted((re.escape(r) for r in _AUTHOR_ROLES | _CONTRIBUTOR_ROLES | _OTHER_ROLES),
                      key=len, reverse=True))
    + r")\s+by\b)", re.I)


def _listed_names(text: str) -> list[str] | None:
    """A credit's role lists people only: "A, B, C and D" are four names (a byline's
    "A, Outlet" is a name and its affiliation, so ``parse_names`` keeps only "A")."""
    parts = [x for x in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text.strip()) if x]
    if len(parts) > 1:
        found = [parse_names(x, strict=True) for x in parts]
        if all(f is not None and len(f) == 1 for f in found):
            return [f[0] for f in found if f]
    return parse_names(text, strict=True)


def _x_reporting(m: re.Match[str]) -> Extract | None:
    """ "Reporting by A and B; Additional reporting by C; Editing by D" -> A, B (+ C)."""
    names: list[str] = []
    helpers: list[str] = []
    body = _ROLE_COMMA.sub("; ", m["body"].strip(" ()[]."))
    for segment in re.split(r"\s*;\s*", body):
        if not segment:
            continue
        part = _ROLE_BY.fullmatch(segment.strip())
        if not part:
            return None
        role = " ".join(part["role"].lower().split())
        if role in _AUTHOR_ROLES or role in _CONTRIBUTOR_ROLES:
            found = _listed_names(part["names"])
            if found is None:
                return None
            (names if role in _AUTHOR_ROLES else helpers).extend(found)
        elif role not in _OTHER_ROLES or len(part["names"].split()) > 12:
            return None
    return Extract(authors=tuple(names), contributors=tuple(helpers))


def _x_copyright(m: re.Match[str]) -> Extract | None:
    return Extract(outlet=copyright_holder(m.group(0)))


def _x_rights(m: re.Match[str]) -> Extract | None:
    prefix = m["prefix"] or ""
    if len(prefix.split()) > 5:
        return None
    return Extract(outlet=copyright_holder(prefix) if prefix else None)


def _followed_outlet(who: str | None) -> str | None:
    """ "Follow TrendPulse Now on Google News": a publication's name, not a person's."""
    if not who or is_person_name(who) or who.lower() in ("me", "us"):
        return None
    return who if is_outlet_name(who) else None


def _appeal_outlet(name: str) -> str | None:
    return name if is_outlet_name(name) and not is_person_name(name) else None


def _x_stamp(m: re.Match[str]) -> Extract | None:
    # "and September 18." is the tail of a hard-wrapped sentence, not a stamp: stamps
    # start with a capital, a digit or a label, never with a lowercase word.
    if m.string[:1].islower() and not m["when"][:1].isdigit() and m.start("when") == 0:
        return None
    when = m["when"]
    if m.start("when") > 0:  # under a label, "Updated at 1:23 p.m." is a clock time
        when = _DOTTED_MERIDIEM.sub(r"\1m", when)
    return Extract(stamp=when) if looks_like_stamp(when) else None


_DOTTED_MERIDIEM = re.compile(r"\b([ap])\.m\.", re.I)
# A label of one word in any script, a colon, then a date with its clock time, perhaps in
# brackets: "기사입력 :[ 2018-08-25 15:24 ]", "发布时间：2018-08-25 15:24". A known label
# may stand over a date alone ("absolute-date"); an unknown one needs the time too, since
# "Deadline: November 4, 2026" can be the article's own fact.
_STAMP_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_STAMP_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _x_labelled_stamp(m: re.Match[str]) -> Extract | None:
    when = m["when"].strip()
    if not (_STAMP_CLOCK.search(when) and _STAMP_YEAR.search(when)):
        return None
    return Extract(stamp=when) if looks_like_stamp(when) else None


def _x_about_name(m: re.Match[str]) -> Extract | None:
    """An author box's heading: "About" and a person's name, not a topic ("About Time")."""
    return Extract() if is_person_name(m["name"]) else None


def _x_tag_items(m: re.Match[str]) -> Extract | None:
    """ "Posted in News, Port Strike" is a tag line; "Posted in 2019, the video…" is not."""
    text = m["items"] or m["items2"] or ""
    items = [i.strip() for i in re.split(r",|\s+and\s+|\s*/\s*", text) if i.strip()]
    if not items:
        return None
    for item in items:
        words = item.split()
        if len(words) > 4 or item.isdigit():
            return None
        if len(words) > 2 and not item[0].isupper():
            return None
    return Extract()


# -- the rule tables ----------------------------------------------------------------------

# The words that head a time stamp ("Updated", "Published on", "Mis à jour le"); alone on
# a line right above the stamp they are its label (clean.text._join_split_stamps).
STAMP_LABEL = (
    r"(?:last\s+)?(?:updated|modified)(?:\s+on)?|(?:first\s+)?published(?:\s+on)?|"
    r"posted(?:\s+on)?|date|dated|created|stand|veröffentlicht(?:\s+am)?|"
    r"(?:zuletzt\s+)?aktualisiert(?:\s+am)?|erschienen(?:\s+am)?|publié(?:\s+le)?|"
    r"mis\s+à\s+jour(?:\s+le)?|publicado(?:\s+(?:el|em))?|actualizado(?:\s+el)?|"
    r"pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|atualizado(?:\s+em)?|"
    r"gepubliceerd(?:\s+op)?|bijgewerkt(?:\s+op)?|laatst\s+bijgewerkt")


_NAV_LABELS = [
    r"(?:previous|prev|next|older|newer|earlier|later)\s+(?:posts?|articles?|stor(?:y|ies)|"
    r"entr(?:y|ies)|page|items?)",
    r"previous|next|older|newer",
    r"(?:article|billet|sujet)\s+(?:précédent|suivant)|(?:article|billet)\s+plus\s+"
    r"(?:récent|ancien)",
    r"(?:vorherige[rs]?|voriger|nächste[rs]?|neuerer|älterer)\s+(?:artikel|beitrag|post)|"
    r"(?:neuere|ältere)\s+(?:beiträge|posts?)|zurück|weiter|vorherige|nächste",
    r"(?:artículo|entrada|publicación|noticia|nota)\s+(?:anterior|siguiente)|"
    r"entrada\s+más\s+(?:reciente|antigua)|siguiente|anterior",
    r"(?:articolo|post|notizia)\s+(?:precedente|successivo|successiva)|post\s+più\s+"
    r"(?:recente|vecchio)|precedente|successivo",
    r"(?:artigo|post|postagem|notícia|matéria)\s+anterior|próxim[oa]\s+(?:artigo|post|"
    r"postagem|notícia|matéria)|postagem\s+mais\s+(?:recente|antiga)|próximo|próxima",
    r"(?:vorig|volgend)e?\s+(?:artikel|bericht)|(?:nieuwere|oudere)\s+(?:berichten|posts?)|"
    r"vorige|volgende",
]
_NAV_INLINE_LABELS = (
    r"(?:previous|prev|next|older|newer)\s+(?:post|article|story|entry)|"
    r"(?:article|billet)\s+(?:précédent|suivant)|(?:vorheriger|nächster)\s+(?:artikel|"
    r"beitrag)|(?:artículo|entrada)\s+(?:anterior|siguiente)|articolo\s+(?:precedente|"
    r"successivo)|(?:artigo\s+anterior|próximo\s+artigo)|(?:vorig|volgend)\s+artikel"
)
_BLOG_BAR_ITEM = (
    r"newer\s+posts?|older\s+posts?|home|article\s+plus\s+récent|article\s+plus\s+ancien|"
    r"accueil|neuerer\s+post|älterer\s+post|startseite|entrada\s+más\s+reciente|"
    r"entrada\s+antigua|página\s+principal|post\s+più\s+recente|post\s+più\s+vecchio|"
    r"home\s+page|postagem\s+mais\s+recente|postagem\s+mais\s+antiga|página\s+inicial|"
    r"nieuwere\s+post|oudere\s+post"
)
_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|mail|print|"
    r"tumblr|pocket|flipboard|messenger|copy\s+link|copy|link|share|tweet|pin(?:\s+it)?|sms|"
    r"threads|bluesky|mastodon|xing|vk|teilen|drucken|partager|imprimer|courriel|compartir|"
    r"imprimir|correo|condividi|stampa|compartilhar|partilhar|delen|afdrukken|pdf|more|"
    r"google\+?|hacker\s+news|line|viber|skype|snapchat|instagram|youtube|tiktok"
)
_COMMENT_MARKERS = [
    # English
    r"post\s+a\s+comment|leave\s+a\s+(?:reply|comment|response)(?:\s+cancel\s+reply)?|"
    r"add\s+(?:a\s+|your\s+)?comment|write\s+a\s+comment|comment\s+on\s+this\s+(?:article|"
    r"story|post)|join\s+the\s+(?:conversation|discussion|debate)(?:\s+below)?|"
    r"reader\s+comments|show\s+comments|view\s+comments|see\s+comments|comments?|"
    r"(?:\d+|no|one)\s+(?:comments?|responses?|replies|thoughts?)|no\s+comments\s+yet|"
    r"(?:\d+|no|one)\s+(?:comments?|responses?|replies|thoughts?)\s+(?:on|to)\s+.{1,60}|"
    r"conversation|have\s+your\s+say|what\s+do\s+you\s+think\??",
    # French, German, Spanish, Italian, Portuguese, Dutch
    r"(?:poster|publier|laisser|laissez|ajouter|écrire)\s+un\s+commentaire|réagir|"
    r"réagissez|commentaires?|\d+\s+commentaires?|aucun\s+commentaire|un\s+commentaire|"
    r"\d+\s+réactions?",
    r"kommentar\s+(?:schreiben|veröffentlichen|hinzufügen|posten|verfassen)|"
    r"schreibe\s+einen\s+kommentar|einen\s+kommentar\s+(?:schreiben|hinterlassen)|"
    r"kommentare?|\d+\s+kommentare?|keine\s+kommentare|ein\s+kommentar|leserkommentare",
    r"(?:deja|dejar|publicar|escribe|escribir|añadir|agregar)\s+(?:un|tu)\s+comentario|"
    r"comentarios?|\d+\s+comentarios?|no\s+hay\s+comentarios|sin\s+comentarios|"
    r"un\s+comentario",
    r"(?:lascia|lasciare|posta|pubblica|scrivi|aggiungi)\s+un\s+commento|commenti|"
    r"commento|\d+\s+comment[io]|nessun\s+commento|un\s+commento",
    r"(?:deixe|deixar|postar|publicar|escreva|adicionar)\s+(?:um|seu|o\s+seu)\s+comentário|"
    r"postar\s+comentário|comentários?|\d+\s+comentários?|nenhum\s+comentário|"
    r"sem\s+comentários|um\s+comentário",
    r"laat\s+een\s+reactie\s+achter|(?:plaats|schrijf)\s+een\s+reactie|reageer|reacties?|"
    r"\d+\s+reacties?|geen\s+reacties|één\s+reactie",
]
# a word of a site's name: capitalised, or a domain ("Citylab.com", "harbortimes.example")
_SITE_WORD = r"(?-i:[A-Z0-9][\w.&'’®-]*|[\w-]+\.[a-z]{2,10})"
_RELATED_HEADERS = [
    r"related(?:\s+(?:posts?|articles?|stor(?:y|ies)|news|coverage|content|reading|links|"
    r"topics|items|videos))?|you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|"
    r"be\s+interested\s+in)|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|"
    r"read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+(?:stories|news|articles|"
    r"headlines|on\s+this\s+(?:story|topic)|like\s+this|to\s+read)|"
    r"(?:read\s+)?more\s+(?:(?:stories|articles|posts|news)\s+)?(?:from|on|in|about)\s+"
    r"[^.!?]{1,40}|"
    r"most\s+(?:popular|read|viewed|shared)|"
    r"(?:popular|recent|latest|top|featured)\s+(?:posts|stories|articles|news|headlines)|"
    r"trending(?:\s+now)?|don'?t\s+miss|editor'?s\s+picks?|in\s+other\s+news|"
    r"what\s+to\s+read\s+next|further\s+reading|also\s+on\s+[^.!?]{1,30}|around\s+the\s+web|"
    r"from\s+the\s+web|sponsored\s+stories|other\s+stories|you\s+may\s+have\s+missed|"
    r"blog\s+archives?|(?:from\s+)?around\s+the\s+web|related\s+searches|"
    r"other\s+people\s+are\s+reading|popular\s+now(?:\s+on\s+[^.!?]{1,30})?|"
    r"trending\s+on\s+[^.!?]{1,30}|today\s+on\s+[^.!?]{1,30}|up\s+next|"
    r"next\s+up(?:\s+in(?:\s+[^.!?]{1,30})?)?",
    r"(?:à\s+|a\s+)?lire\s+(?:aussi|également)|voir\s+aussi|sur\s+le\s+même\s+sujet|"
    r"articles?\s+(?:similaires|liés|connexes|recommandés)|vous\s+aimerez\s+aussi|"
    r"vous\s+(?:pourriez|pouvez)\s+aussi\s+aimer|les\s+plus\s+lus|dans\s+la\s+même\s+rubrique|"
    r"(?:nos\s+)?derniers\s+articles|plus\s+d'articles|à\s+découvrir|à\s+voir\s+aussi",
    r"lesen\s+sie\s+auch|lies\s+auch|auch\s+interessant|mehr\s+zum\s+thema|"
    r"ähnliche\s+(?:beiträge|artikel|themen)|das\s+könnte\s+(?:sie|dich)\s+auch\s+"
    r"interessieren|weitere\s+(?:artikel|beiträge|nachrichten|themen)(?:\s+zum\s+thema)?|"
    r"meistgelesen(?:e\s+"
    r"artikel)?|verwandte\s+(?:artikel|beiträge|themen)|empfehlungen|zum\s+thema|"
    r"mehr\s+aus\s+[^.!?]{1,30}|auch\s+(?:auf|bei)\s+(?:[\w-]+\s+online|[\w-]+\.(?:de|at|ch|com))|"
    r"forum\s+zum\s+thema",
    r"(?:artículos|entradas|noticias|publicaciones)\s+relacionad[ao]s|"
    r"(?:también\s+)?te\s+puede\s+(?:interesar|gustar)|le[ae]\s+también|leer\s+también|"
    r"más\s+noticias|lo\s+más\s+leído|más\s+leíd[ao]s|relacionad[ao]s|te\s+recomendamos",
    r"(?:articoli|post|notizie)\s+correlat[ie]|(?:ti\s+)?potrebbe(?:ro)?\s+interessarti"
    r"(?:\s+anche)?|leggi\s+anche|(?:i\s+)?più\s+letti|altre\s+notizie|correlati",
    r"(?:artigos|posts|notícias|postagens)\s+relacionad[oa]s|leia\s+também|veja\s+também|"
    r"você\s+(?:também\s+)?pode\s+gostar|mais\s+lid[ao]s|mais\s+notícias",
    r"gerelateerde\s+(?:artikelen|berichten)|lees\s+ook|meer\s+nieuws|"
    r"(?:misschien\s+)?ook\s+interessant|meest\s+gelezen|meer\s+over\s+[^.!?]{1,30}",
    r"související(?:\s+(?:články|zprávy))?|další\s+zprávy|nejčtenější(?:\s+zprávy)?|"
    r"mohlo\s+by\s+vás\s+zajímat",
    r"[【\[]?関連(?:記事|ニュース)[】\]]?|あわせて読みたい",
]
# One legal link of a site footer ("Updated Privacy Policy", "Terms of Use", "Ad Choices").
_POLICY_LINK = (r"(?:(?:updated|new|our)\s+)?(?:privacy|cookies?|closed\s+captioning|comments?|"
                r"community|accessibility)\s+polic(?:y|ies)(?:\s*\(what'?s\s+changed\))?|"
                r"terms\s+(?:of\s+(?:use|service)|(?:&|and)\s+conditions)|ad\s+choices|"
                r"user\s+agreement")
_READ_MORE_POINTERS = [
    r"continue\s+reading(?:\s+.{1,40})?|keep\s+reading|read\s+more\s+(?:here|at|on|in)\s+"
    r".{1,40}|click\s+here(?:\s+.{1,60})?|(?:get|read|download|watch|listen|"
    r"see|find|learn|sign\s+up|subscribe)\b[^.!?]{1,60}\s+by\s+clicking\s+here[.!]?|"
    r"\(more…?\)|\(more\.\.\.\)|more\s+»|read\s+on|"
    r"(?:view|see)\s+more\s+(?:trending\s+|top\s+|related\s+)?(?:stories|articles|news)",
    r"weiterlesen|mehr\s+lesen|zum\s+(?:vollständigen\s+)?artikel|lire\s+la\s+suite|"
    r"lire\s+l'article(?:\s+complet)?|la\s+suite|leer\s+más|seguir\s+leyendo|"
    r"sigue\s+leyendo|leer\s+(?:la\s+)?nota\s+completa|continua\s+a\s+leggere|"
    r"leggi\s+tutto|leggi\s+(?:di\s+)?più|continue\s+lendo|continuar\s+lendo|leia\s+mais|"
    r"lees\s+verder|lees\s+meer|verder\s+lezen",
]

RULES: tuple[Rule, ...] = (
    # --- navigation: previous/next post, blog bars --------------------------------------
    _rule("nav-label", "prev-next", _NAV_LABELS, effect="label", takes_next=20,
          examples=("« Previous post", "Next Post →", "Older Post", "Article précédent",
                    "Nächster Artikel", "Entrada anterior", "Articolo successivo",
                    "Próximo artigo", "Volgend artikel")),
    _rule("blog-bar", "prev-next", rf"(?:{_BLOG_BAR_ITEM})(?:\s*(?:{_BLOG_BAR_ITEM}))*",
          examples=("Newer Post Older Post Home", "Home", "Startseite",
                    "Article plus récent Article plus ancien Accueil")),
    _rule("nav-inline", "prev-next",
          rf"(?:{_NAV_INLINE_LABELS})\s*[:|»›>]?\s+\S.*", max_words=30,
          examples=("Previous post: Harbor City budget vote delayed",
                    "Next article » Rail freight volumes rise",
                    "Article suivant : Les dockers votent la grève")),
    # --- share prompts and share bars ----------------------------------------------------
    _rule("share-this", "share-prompt", [
        r"(?:share|tweet|pin|e-?mail|mail|print|send)(?:\s+(?:this|it))?(?:\s+(?:post|article|"
        r"story|page|entry|link|news|item))?(?:\s+(?:on|via|with|to|by)\s+[\w .+@-]{1,30})?"
        r"[!.]?",
        r"(?:sharing\s+is\s+caring|spread\s+the\s+(?:word|love)|share\s+the\s+(?:article|"
        r"story|post)|send\s+(?:this\s+)?to\s+a\s+friend|e-?mail\s+(?:this\s+)?to\s+a\s+"
        r"friend|link\s+copied|share\s+this\s+(?:article|story)\s+with\s+[\w ]{1,20})[!.]?",
        r"partage[rz]?(?:\s+(?:cet\s+article|cette\s+page|l'article|sur\s+\S+(?:\s+\S+)?|"
        r"par\s+(?:e-?mail|courriel)))?",
        r"(?:(?:diesen\s+|den\s+)?(?:artikel|beitrag|seite)\s+)?teilen(?:\s+(?:auf|per|via|"
        r"bei)\s+\S+)?|(?:auf\s+\S+|per\s+e-?mail)\s+teilen",
        r"compart(?:ir|e|a)(?:\s+(?:este\s+artículo|esta\s+noticia|esta\s+nota|en\s+\S+|"
        r"por\s+\S+))?",
        r"condividi(?:\s+(?:questo\s+articolo|la\s+notizia|su\s+\S+|via\s+\S+))?",
        r"(?:compartilh(?:ar|e)|partilh(?:ar|e))(?:\s+(?:este\s+artigo|esta\s+notícia|"
        r"n[oa]\s+\S+|por\s+\S+|via\s+\S+))?",
        r"(?:deel|delen)(?:\s+(?:dit\s+artikel|dit\s+bericht|via\s+\S+|op\s+\S+))?",
        r"sdílet(?:\s+článek)?",
        r"ツイート(?:する)?|シェア(?:する)?",
    ], examples=("Share this:", "Share this article", "Share on Facebook", "Tweet",
                 "Email this", "Sharing is caring!", "Partager cet article",
                 "Diesen Artikel teilen", "Compartir", "Condividi su Facebook",
                 "Compartilhe", "Deel dit artikel", "Sdílet článek", "シェアする")),
    _rule("click-to-share", "share-prompt",
          r"click\s+to\s+(?:share|e-?mail|print|tweet|pin)\b.*",
          examples=("Click to share on Twitter (Opens in new window)",
                    "Click to email a link to a friend (Opens in new window)")),
    # "link" alone is an anchor's text as often as a share button's
    _rule("share-bar", "share-prompt",
          rf"(?!link$)(?:{_SOCIAL})(?:[\s|,·•/]+(?:{_SOCIAL}))*",
          examples=("Facebook Twitter LinkedIn Email", "Twitter", "WhatsApp | Telegram",
                    "Teilen Drucken")),
    _rule("blogger-share", "share-prompt",
          r"(?:(?:email\s+this|blogthis!?|share\s+to\s+\w+|envoyer\s+par\s+e-?mail|"
          r"partager\s+sur\s+\w+|per\s+e-?mail\s+senden|in\s+\w+\s+teilen|"
          r"enviar\s+por\s+correo\s+electrónico|compartir\s+con\s+\w+|"
          r"invia\s+tramite\s+email|condividi\s+su\s+\w+|enviar\s+por\s+e-?mail|"
          r"compartilhar\s+no\s+\w+|e-?mailen)\s*)+",
          examples=("Email ThisBlogThis!Share to TwitterShare to FacebookShare to Pinterest",
                    "Email This BlogThis! Share to X")),
    _rule("tweetable", "share-prompt", r".{0,300}\S\s*(?-i:Click\s?[Tt]o\s?Tweet)",
          examples=("Every online business exists in a space of its own.Click To Tweet",
                    "The port will reopen when both sides agree. Click to Tweet")),
    _rule("share-count", "share-prompt", r"[\d.,]+\s?[kKmM]?\s+(?:shares?|partages)",
          examples=("12 Shares", "1.2K shares")),
    # a share bar's own labels: its menu, its copied-link notice, its help link
    _rule("share-options", "share-prompt",
          r"(?:show\s+)?(?:all|more)\s+shar(?:ing|e)\s+options(?:\s+for)?\s*:?|"
          r"copy\s+(?:the\s+)?link(?:\s+url)?\s*(?:(?:url\s+|link\s+)?copied!?)?|"
          r"get\s+(?:a\s+)?short\s+(?:url|link)|read\s+more\s+about\s+sharing\.?",
          examples=("Show more sharing options", "All sharing options for:",
                    "Copy Link URLCopied!", "Get short URL", "Read more about sharing.")),
    _rule("share-call", "share-prompt",
          r"retweet(?:\s+this(?:\s+(?:article|post|story))?)?[.!]?|like\s+it,?\s+share\s+it[.!]?",
          examples=("Retweet this article!", "Like It, Share It!")),
    # --- "like" widgets ----------------------------------------------------------------
    _rule("like-this", "like-widget",
          r"like\s+this(?:\s+(?:article|post|story))?\??|j'aime(?:\s+(?:ça|ceci))?|"
          r"gefällt\s+mir|me\s+gusta(?:\s+esto)?|mi\s+piace(?:\s+questo)?|"
          r"curtir(?:\s+isso)?|gost(?:ar|o)(?:\s+disto)?|vind\s+ik\s+leuk|like|reblog|"
          r"like\s+reblog",
          examples=("Like this:", "Like", "J'aime ça :", "Gefällt mir:", "Vind ik leuk:")),
    _rule("like-loading", "like-widget",
          r"(?:(?:like|j'aime|gefällt\s+mir|me\s+gusta|mi\s+piace|curtir|gosto|"
          r"vind\s+ik\s+leuk)\s*)?(?:loading|chargement|wird\s+geladen|cargando|caricamento|"
          r"carregando|a\s+carregar|laden)\s*(?:\.{2,3}|…)?",
          examples=("Like Loading...", "Loading...", "J'aime Chargement…",
                    "Gefällt mir Wird geladen …")),
    _rule("bloggers-like", "like-widget", [
        r"(?:\d+|one|a)\s+bloggers?\s+likes?\s+this\.?|be\s+the\s+first\s+to\s+like\s+this\.?",
        r"(?:\d+|un)\s+blogueurs?\s+aiment?\s+(?:cette\s+page|ceci)\.?|soyez\s+le\s+premier\s+"
        r"à\s+aimer\s+(?:ceci|cet\s+article)\.?",
        r"(?:\d+\s+bloggern|einem\s+blogger)\s+gefällt\s+das\.?|sei\s+der\s+erste,?\s+dem\s+"
        r"dies\s+gefällt\.?",
        r"a\s+(?:\d+\s+blogueros\s+les|un\s+bloguero\s+le)\s+gusta\s+esto\.?|sé\s+el\s+primero\s+"
        r"en\s+decir\s+que\s+te\s+gusta\.?",
        r"a\s+\d+\s+blogger\s+piace\s+questo\.?|(?:\d+|um)\s+blogueiros?\s+(?:curtiram|gostam)\s+"
        r"(?:disto|isso)\.?",
    ], examples=("3 bloggers like this.", "One blogger likes this.",
                 "Be the first to like this.", "2 blogueurs aiment cette page.",
                 "4 Bloggern gefällt das:")),
    _rule("like-count", "like-widget",
          r"[\d.,]+\s?[kK]?\s+(?:likes?|people\s+like\s+this|reactions?|j'aime|gefällt\s+das)",
          examples=("14 likes", "2.1K Likes")),
    # --- comment sections: the rest of the paste is comments ------------------------------
    _rule("comment-heading-quoted", "comments",
          r"(?:\d+|no|one)\s+(?:responses?|thoughts?|comments?|replies|reply|réponses?|"
          r"commentaires?|kommentare?|comentarios?|commenti|comentários?|reacties?|"
          r"réflexions?)\s+(?:to|on|sur|à|zu|a|en|su|para|em|op)\s+[\"“«'‘„].+[\"”»'’“]:?",
          effect="comments", max_words=40,
          examples=('0 Response to "Port Strike Halts Shipments at Harbor City"',
                    "3 thoughts on “Port strike: what the shutdown means for shipping”")),
    _rule("comment-marker", "comments", _COMMENT_MARKERS, effect="comments",
          examples=("Post a Comment", "Leave a Reply", "Leave a Reply Cancel reply",
                    "12 Comments", "Join the conversation below", "Comments",
                    "No comments yet", "Laisser un commentaire", "Schreibe einen Kommentar",
                    "Deja un comentario", "Lascia un commento", "Deixe um comentário",
                    "Laat een reactie achter", "3 Kommentare")),
    _rule("comment-count", "comments",
          r"(?:view|read|show|see)\s+(?:all\s+)?comments\s*\(\d{1,6}\)|comments\s*\(\d{1,6}\)|"
          r"kommentare\s+lesen|\d{1,6}\s+with\s+\d{1,6}\s+posters\s+participating",
          examples=("View comments (27)", "Comments(301)", "Kommentare lesen",
                    "75 with 51 posters participating")),
    _rule("comment-form", "comments", [
        r"your\s+e-?mail\s+address\s+will\s+not\s+be\s+published\.?(?:\s+required\s+fields\s+"
        r"are\s+marked\s*\*?)?|required\s+fields\s+are\s+marked\s*\*?|cancel\s+reply|reply|"
        r"you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?|comments\s+are\s+closed"
        r"(?:\s+for\s+this\s+(?:article|story|post))?\.?|(?:post|submit)\s+comment|"
        r"notify\s+me\s+of\s+(?:new|follow-up)\s+(?:comments|posts)\b.{0,30}|"
        r"(?:sign|log)\s+in\s+to\s+(?:comment|reply)|share\s+your\s+thoughts|"
        r"tell\s+us\s+what\s+you\s+think(?:\s+[^.!?]{1,60})?(?:[.!?]+|…)?|"
        r"(?:name|e-?mail|website)\s*\*?",
        r"votre\s+adresse\s+(?:e-?mail|de\s+messagerie)\s+ne\s+sera\s+pas\s+publiée\.?|"
        r"(?:ihre|deine)\s+e-?mail-?adresse\s+wird\s+nicht\s+veröffentlicht\.?|"
        r"tu\s+dirección\s+de\s+correo\s+electrónico\s+no\s+será\s+publicada\.?|"
        r"il\s+tuo\s+indirizzo\s+e-?mail\s+non\s+sarà\s+pubblicato\.?|"
        r"o\s+seu\s+endereço\s+de\s+e-?mail\s+não\s+será\s+publicado\.?|"
        r"je\s+e-?mailadres\s+wordt\s+niet\s+gepubliceerd\.?",
    ], examples=("Your email address will not be published.", "Required fields are marked *",
                 "Tell us what you think...",
                 "Comments are closed.", "Votre adresse e-mail ne sera pas publiée.")),
    # --- "related posts" / "read more" lists ------------------------------------------
    _rule("related-header", "related", _RELATED_HEADERS, effect="list",
          examples=("Related posts", "Related", "You may also like", "Read more",
                    "More from The Harbor Times", "More articles in “News”", "Most popular",
                    "Blog Archive", "Today on Harbor Times", "Lire aussi",
                    "Mehr zum Thema", "Auch auf Hafenkurier online", "Artículos relacionados",
                    "Leggi anche",
                    "Leia também", "Lees ook", "Související", "【関連記事】")),
    _rule("read-more-label", "read-more",
          r"\(?(?:read\s+(?:more|also|next)|also\s+read|up\s+next|see\s+also|main\s+articles?|"
          r"further\s+information|related\s+(?:story|article|"
          r"coverage)|(?:à\s+)?lire\s+aussi|voir\s+aussi|lesen\s+sie\s+auch|"
          r"mehr\s+zum\s+thema|le[ae]\s+también|leggi\s+anche|leia\s+também|lees\s+ook)"
          r"(?:\s+(?:on|at|su|sur|auf|en|em|op)(?:\s+[\w.-]+)?)?\s*[:|]\s*\S.*|"
          # "Also: See … at X", "Also on rt.com <headline>": another page's pointer
          r"also\s*:\s*(?:see|read|watch|listen)\b.*|"
          rf"also\s+on\s+{_DOMAIN_NAME.pattern}\s+\S.*",
          max_words=30,
          examples=("Read more: Why the port strike matters",
                    "ALSO READ: 10 Cheapest Cities To Live In 2026 (Number 4 Will Surprise You)",
                    "Main articles: Economy of Harbor City and Port of Harbor City",
                    "Lire aussi : La grève s'étend",
                    "(Leggi anche su: Lo sciopero del porto si allarga)",
                    "Also: See our full coverage of the strike at Harbor Times",
                    "Also on harbortimes.example Union sets a date for the strike vote")),
    _rule("read-more-inline", "read-more",
          r"(?:related|recommended|more|watch|video|listen|photos|gallery|podcast)\s*[:|]\s*\S.*",
          examples=("RELATED: Union sets vote date", "WATCH | Cranes idle at Harbor City")),
    _rule("read-more-pointer", "read-more", _READ_MORE_POINTERS,
          examples=("Continue reading", "Read more at Harbor Times", "(more…)", "Weiterlesen",
                    "GET THE HARBOR TIMES APP BY CLICKING HERE",
                    "Lire la suite", "Leer más", "Leia mais", "Lees verder")),
    # --- links ---------------------------------------------------------------------------
    _rule("short-link", "link",
          r"(?:short\s?link|shortlink|short\s+url|permalink|link|url|source\s+link|kurzlink|"
          r"lien\s+court|lien\s+permanent|enlace\s+corto|enlace\s+permanente|link\s+breve|"
          r"link\s+curto|korte\s+link|trackback(?:\s+url)?|source|via|quelle|fonte|fuente|"
          r"bron)\s*:?\s*<?(?:https?://|www\.)\S+>?|permalink|trackback|short\s?link",
          examples=("Short link: https://bit.ly/x", "Permalink: https://ex.example/p/1",
                    "Source: https://harbortimes.example/a")),
    # an address alone on a line: a web address, a social profile without its scheme, or
    # an e-mail address (the author's contact under the article)
    _rule("bare-url", "link", [
        r"(?:\[\d+\]\s*)?<?(?:https?://|www\.)\S+>?(?:\s+<?(?:https?://|www\.)\S+>?)*",
        r"(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads\.net|bsky\.app)"
        r"(?:\.com)?/[\w@.-]+/?",
        r"<?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?",
    ], examples=("https://harbortimes.example/2026/11/port-strike",
                 "<https://bit.ly/3xYz>", "[2] https://union.example/statement",
                 "twitter.com/janedoe", "jane.doe@harbortimes.example")),
    # --- alert e-mails (Google Alerts, Talkwalker, newsletters) ---------------------------
    _rule("alert-header", "alert", r"google\s+alerts?|talkwalker\s+alerts?|alerte\s+google|"
          r"google\s+alert",
          effect="label", takes_next=6, examples=("Google Alerts", "Talkwalker Alerts")),
    _rule("alert-title", "alert",
          r".{1,120}?\s[-–—|]\s*google\s+(?:news|alerts?|actualités|nachrichten|noticias|"
          r"notizie|notícias|nieuws)|(?:google\s+alerts?|talkwalker\s+alerts?|alerte\s+google)"
          r"\s*[-–—:|]\s*.{1,100}|google\s+(?:news|actualités|nachrichten|noticias|notizie)",
          examples=('"port strike" - Google News', "Google Alert - port strike",
                    "Google News")),
    _rule("alert-chrome", "alert", [
        r"flag\s+as\s+irrelevant|see\s+(?:more|all)\s+results|edit\s+this\s+alert|"
        r"delete\s+this\s+alert|create\s+(?:an|another)\s+alert|manage\s+(?:your\s+)?alerts|"
        r"view\s+all\s+your\s+alerts|unsubscribe(?:\s+from\s+this\s+alert)?|"
        r"receive\s+this\s+alert\s+as\s+rss\s+feed|send\s+feedback|mute\s+this\s+alert|"
        r"(?:daily|weekly|as-it-happens)\s+update(?:\s*[⋅·•|-]\s*.{1,40})?|"
        r"(?:view|see)\s+full\s+coverage(?:\s+on\s+google\s+news)?|full\s+coverage",
        r"signaler\s+comme\s+non\s+pertinent|voir\s+plus\s+de\s+résultats|"
        r"modifier\s+cette\s+alerte|se\s+désabonner|se\s+désinscrire|"
        r"als\s+irrelevant\s+markieren|weitere\s+ergebnisse(?:\s+ansehen)?|"
        r"(?:diese\s+)?benachrichtigung\s+bearbeiten|abbestellen|abmelden|"
        r"marcar\s+como\s+irrelevante|ver\s+m[áa]i?s\s+resultados|editar\s+esta\s+alerta|"
        r"cancelar\s+(?:la\s+)?(?:suscripción|inscrição)|segnala\s+come\s+non\s+pertinente|"
        r"mostra\s+altri\s+risultati|modifica\s+questo\s+avviso|annulla\s+iscrizione|"
        r"markeren\s+als\s+niet\s+relevant|meer\s+resultaten(?:\s+bekijken)?|afmelden",
        r"view\s+(?:this\s+)?(?:e-?mail\s+)?in\s+(?:your\s+|a\s+)?browser|having\s+trouble\s+"
        r"viewing\s+this\s+e-?mail\?.{0,40}|forward\s+(?:this\s+e-?mail\s+)?to\s+a\s+friend|"
        r"update\s+(?:your\s+)?(?:preferences|subscription)|manage\s+(?:your\s+)?(?:e-?mail\s+)?"
        r"(?:preferences|subscriptions?)",
    ], examples=("Flag as irrelevant", "See more results", "Edit this alert", "Unsubscribe",
                 "Receive this alert as RSS feed", "Daily update ⋅ November 4, 2026",
                 "Signaler comme non pertinent", "Als irrelevant markieren")),
    _rule("alert-section", "alert",
          r"NEWS|WEB|BLOGS|VIDEOS?|DISCUSSIONS|BOOKS|FINANCE|ACTUALITÉS|NACHRICHTEN|NOTICIAS|"
          r"NOTIZIE|NOTÍCIAS|NIEUWS",
          flags=0, examples=("NEWS", "BLOGS", "NACHRICHTEN")),
    _rule("alert-footer", "alert", [
        r"you\s+(?:have\s+)?(?:received|are\s+receiving|receive)\s+this\s+(?:e-?mail|message|"
        r"alert|newsletter)\b.*",
        r"(?:if\s+you\s+(?:no\s+longer\s+wish|do\s+not\s+wish|don't\s+want)\s+to\s+receive|"
        r"to\s+stop\s+receiving|to\s+unsubscribe\s+from)\b.*",
        r"this\s+(?:e-?mail|message)\s+was\s+sent\s+to\b.*",
        r"vous\s+recevez\s+(?:ce(?:t)?|cette)\s+(?:e-?mail|message|courriel|alerte)\b.*",
        r"sie\s+erhalten\s+diese\s+(?:e-?mail|nachricht|benachrichtigung)\b.*",
        r"(?:has\s+recibido|recibes|recibiste)\s+este\s+(?:correo|mensaje)\b.*",
        r"(?:hai\s+ricevuto|ricevi)\s+questa\s+(?:e-?mail|email)\b.*",
        r"(?:você\s+está\s+recebendo|você\s+recebeu|recebeu)\s+este\s+(?:e-?mail|email)\b.*",
        r"je\s+ontvangt\s+deze\s+(?:e-?mail|mail)\b.*",
    ], max_words=50, examples=(
        "You have received this email because you have subscribed to Google Alerts.",
        "Sie erhalten diese E-Mail, weil Sie Google Alerts abonniert haben.")),
    # --- time stamps -----------------------------------------------------------------------
    # "3 hours ago", "Yesterday at 10:42 PM", "vor 3 Stunden": dateparser's relative
    # expressions and day words in any of its languages (extract.dates.relative_stamp)
    _rule("relative-time", "timestamp", r"[^\n]{1,80}",
          extract=lambda m: Extract(stamp=m.group(0)) if is_relative_stamp(m.group(0))
          else None,
          examples=("3 hours ago", "Updated 12 minutes ago", "an hour ago", "il y a 3 heures",
                    "vor 3 Stunden", "hace 2 días", "5 ore fa", "há 3 horas",
                    "3 uur geleden", "Yesterday at 10:42 PM", "Today", "gestern, 18:30 Uhr")),
    _rule("absolute-date", "timestamp", rf"(?:{STAMP_LABEL})?\s*:?\s*(?P<when>.*\d.*)",
          extract=_x_stamp,
          examples=("Nov 4, 2026, 10:42 AM", "Updated 10:32 GMT", "Published: 2026-11-04",
                    "Tuesday, November 4, 2026", "Publié le 4 novembre 2026 à 10h42",
                    "Aktualisiert: 04.11.2026, 10:42 Uhr", "4 de noviembre de 2026")),
    _rule("labelled-stamp", "timestamp",
          r"(?P<label>[^\W\d_]{2,20})\s*[:：]\s*[\[(【]?\s*(?P<when>[^\])】]*\d[^\])】]*?)\s*[\])】]?",
          max_words=8, extract=_x_labelled_stamp,
          examples=("기사입력 :[ 2018-08-25 15:24 ]", "发布时间：2018-08-25 15:24")),
    _rule("reading-time", "reading-time", [
        r"(?:about\s+|~)?\d+\s*(?:-\s*)?(?:min(?:ute)?s?|min\.)\s*(?:read|reading\s+time|"
        r"de\s+lecture|lesezeit|(?:de\s+)?lectura|di\s+lettura|de\s+leitura|leestijd|"
        r"leesduur)",
        r"(?:(?:estimated\s+)?reading\s+time|temps\s+de\s+lecture|lesezeit|lesedauer|"
        r"tiempo\s+de\s+lectura|tempo\s+di\s+lettura|tempo\s+de\s+leitura|leestijd|leesduur)"
        r"\s*:?\s*(?:about\s+|ca\.\s+|environ\s+|~)?\d+\s*\S*(?:\s+\S+)?",
    ], examples=("5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Min.",
                 "Temps de lecture : 4 min")),
    # --- credits: bylines and the credit lines wire and newspaper stories end with -------
    _rule("reporting-by", "credit",
          r"[(\[]?(?P<body>(?:additional\s+)?(?:reporting|writing|written|compiled|research|"
          r"reported|editing|edited)\s+by\s+.+?)[)\]]?\.?",
          max_words=60, extract=_x_reporting,
          examples=("Reporting by Ana Li; Editing by Bo Sun",
                    "(Reporting by Ana Li in Harbor City and Bo Sun in Westport; Additional "
                    "reporting by Cy Wu; Editing by Dee Park)",
                    "Additional reporting by Cy Wu")),
    _rule("posted-by", "credit",
          r"(?:posted|published|written|submitted|uploaded|publié|veröffentlicht|publicado|"
          r"pubblicato|gepubliceerd)(?:\s+(?:on|le|am|el|il|em|op)\s+(?P<pre>.+?))?\s+"
          r"(?:by|par|von|por|da|door)\s+(?P<rest>.+?)(?:\s+(?:no|\d+)\s+comments?)?\.?",
          extract=_x_posted_by,
          examples=("Posted by Admin at 10:42 AM", "Posted by Jane Doe on November 4, 2026",
                    "Posted on November 4, 2026 by harborwatch",
                    "Posted by Admin at 10:42 AM No comments")),
    _rule("byline", "credit",
          r"(?:by|par|von|por|di|door|written\s+by|words\s+by|story\s+by|text\s+by|"
          r"report\s+by|reported\s+by|texto\s+de|texte\s+de|text\s+von|un\s+article\s+de|"
          r"escrito\s+por|scritto\s+da|geschreven\s+door)\s+(?P<names>.+)",
          extract=_x_byline,
          examples=("By Jane Doe", "By JANE DOE and JOHN ROE", "By Ana Li, Meridian Wire",
                    "Par Jeanne Dupont", "Von Hans Meier", "Por Ana López")),
    _rule("byline-role", "credit",
          r"by\s+(?P<name>[^,]{3,60}),\s+(?P<rest>(?P<role>[^,]{3,60})(?:,\s*[^,]{2,60}){0,3})",
          max_words=24, extract=_x_byline_role,
          examples=("By Ana Li, Senior Staff Writer, Harbor Times Climate, Energy, and "
                    "Shipping Desk",)),
    _rule("author-label", "credit",
          r"(?:authors?|autor(?:in|en)?|auteure?s?|autore|autori|autora|text|texte|texto|testo|"
          r"tekst|written|reporter|journalist)\s*:\s*(?P<names>.+)",
          extract=_x_author_label,
          examples=("Author: Jane Doe", "Texte : Jeanne Dupont", "Autor: Hans Meier")),
    # An author box under the article opens on its heading: "About" and the writer's name,
    # in the page's language. The name must read as a person's, so a section heading on a
    # topic ("About Town Hall Meetings") is not taken. The bare "About the Author" stays: a
    # reference may keep the box as the article's (a magazine's republished piece).
    _rule("author-box", "credit",
          r"(?:about|über|sobre|à\s+propos\s+de)\s+(?-i:(?P<name>[A-ZÀ-Þ][\w'’.-]*"
          r"(?:\s+[\w'’.-]+){1,3}))",
          extract=_x_about_name,
          examples=("About Jane Doe", "Über Hans Meier",
                    "Sobre Maria Souza")),
    _rule("write-to", "credit",
          r"(?:write\s+to|contact|e-?mail|reach|contact\s+the\s+(?:authors?|reporters?|writers?)"
          r"(?:\s+at)?|schreiben\s+sie\s+an|écrire\s+à|escriba\s+a|scrivi\s+a)\s+(?P<rest>.+)",
          max_words=40, extract=_x_write_to,
          examples=("Write to Jane Doe at jane.doe@ledger.example",
                    "Write to Jane Doe at jane.doe@ledger.example and Marco Bellini at "
                    "marco.bellini@ledger.example")),
    _rule("contributed", "credit",
          r"(?P<names>.+?)\s+contributed\s+(?:additional\s+)?(?:reporting|research|"
          r"to\s+this\s+(?:article|report|story|post))(?:\s+from\s+[^.;]+?)?\.?",
          max_words=30, extract=_x_contributed,
          examples=("— Tomas Rivera contributed to this article.",
                    "Ana Li and Bo Sun contributed reporting.")),
    _rule("staff-credit", "credit",
          r"(?:by\s+)?(?-i:[A-ZÀ-Þ])[\w&'’.-]*(?:\s+[\w&'’.-]+){0,2}\s+(?:staff(?:\s+(?:writer|"
          r"reporter))?|team|desk|newsroom|editors|editorial\s+(?:board|team|staff)|redaktion|"
          r"rédaction|redacción|redazione|redação|redactie)|(?:rédaction|redaktion|redacción|"
          r"redazione|redação|redactie)\s+(?-i:[A-ZÀ-Þ])[\w&'’.-]*(?:\s+[\w&'’.-]+){0,3}",
          max_words=5, examples=("TrendPulse Staff", "By Harbor Times Staff",
                                 "Rédaction Le Courrier")),
    _rule("agency", "credit",
          rf"[(\[]?(?:(?:with|avec|mit\s+material\s+(?:von|der)|mit|con\s+información\s+de|"
          rf"con|com|met|fonte|quelle|source|sources)\s+)?(?:{_AGENCIES})"
          rf"(?:\s*[/,+&]\s*(?:{_AGENCIES}|\w+))*[)\]]?",
          examples=("(AFP)", "Avec AFP", "Mit Material von dpa", "Reuters", "(dpa/lnw)")),
    _rule("social-follow", "social-follow", [
        r"follow\s+(?:me|us|him|her|them|(?P<who>[\w.'’-]+(?:\s+[\w.'’-]+){0,5}))\s+(?:on|at|"
        rf"via)\s+(?:{_NETWORKS}|x)\b.*",
        r"follow\s+(?:me|us)(?:\s+.{1,40})?|(?:find|like|join|connect\s+with)\s+us\s+on\s+.{1,40}",
        r"(?:folgen\s+sie\s+uns|folge\s+uns|suivez-nous|suivez-moi|síguenos|seguici|"
        r"siga-nos|volg\s+ons)\b.{0,40}",
        r"(?:twitter|x|instagram|threads|bluesky|mastodon)\s*:\s*@\w+|@\w+",
    ], extract=lambda m: Extract(outlet=_followed_outlet(m["who"])),
       examples=("Follow her on Twitter @jdoe", "Follow us on Facebook",
                 "Follow Jane Doe on Pinterest",
                 "Folgen Sie uns auf Instagram", "@harbortimes",
                 "Follow TrendPulse Now on Google News for the latest updates!")),
    # --- copyright ---------------------------------------------------------------------------
    _rule("copyright-notice", "copyright",
          # the sign as "©", or as the circled letter some East Asian sites set ("ⓒ")
          r"(?:[©ⓒⒸ]|\(c\)|copyright\s*(?:[©ⓒⒸ]|\(c\)|\d{4}))\s*.*", max_words=40,
          extract=_x_copyright,
          examples=("© 2026 Harbor Times. All rights reserved.",
                    "Copyright ©2026 Ledger Media Group. All Rights Reserved.",
                    "Copyright ⓒ Harbortimes.example")),
    _rule("rights-reserved", "copyright",
          r"(?P<prefix>(?:[©ⓒⒸ]|\(c\))?\s*(?:\d{4}(?:-\d{4})?\s*)?[^\W\d_][\w&'’ ]{0,50}?\s*"
          r"(?:\d{4})?\s*[.|–—,-]\s*)?(?:all\s+rights\s+reserved|tous\s+droits\s+réservés|"
          r"alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|"
          r"tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados|"
          r"alle\s+rechten\s+voorbehouden)\.?",
          extract=_x_rights,
          examples=("All rights reserved.", "Harbor Times 2026 - Tous droits réservés",
                    "Harbor Times. All rights reserved.")),
    _rule("site-copyright", "copyright",
          rf"{_SITE_WORD}(?:\s+{_SITE_WORD}){{0,2}},?\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?"
          rf"(?:[©ⓒⒸ]|\(c\))\s*.*|{_SITE_WORD}(?:\s+{_SITE_WORD}){{0,3}}\s+(?:is|are)\s+(?:a\s+)?"
          r"registered\s+trademarks?\s+of\s+[^.!?]{1,60}\.?",
          examples=("Harbortimes.example © 2026 Harbor Media Group", "Harbor Reader® © 2026",
                    "Harbor Times is a registered trademark of Harbor Media")),
    _rule("owners-copyright", "copyright",
          r"(?:all\s+)?(?:comments|posts|postings|photos|images|trademarks|logos|"
          r"(?:other\s+)?content)(?:\s+and\s+(?:public\s+)?(?:comments|posts|postings|photos|"
          r"images|trademarks|logos))?\s+(?:are|remain)\s+(?:copyrighted\s+by|(?:the\s+)?"
          r"(?:copyright|property)\s+of)\s+their\s+(?:respective\s+)?(?:creators|authors|"
          r"owners|posters)\.?",
          examples=("Comments and public postings are copyrighted by their creators.",
                    "All trademarks are property of their respective owners.")),
    _rule("republish-notice", "copyright",
          r"this\s+(?:material|article|content|story)\s+may\s+not\s+be\s+(?:published|"
          r"reproduced|republished|copied|redistributed)\b.*",
          max_words=40,
          examples=("This material may not be published, broadcast, rewritten or "
                    "redistributed without permission.",)),
    _rule("support-appeal", "newsletter",
          r"(?P<outlet>(?-i:[A-ZÀ-Þ])[\w'’&.-]*(?:\s+[\w'’&.-]+){0,4}?)\s+(?:is|are)\s+"
          r"(?:(?:funded|supported|powered|made\s+possible|paid\s+for)\s+by\s+(?:its\s+|our\s+)?"
          r"readers|(?:a\s+)?reader-(?:supported|funded)(?:\s+(?:publication|newsroom|"
          r"newsletter|site))?|an?\s+(?:independent,?\s+)?(?:non-?profit|reader-supported)\s+"
          r"(?:newsroom|publication|news\s+organi[sz]ation))\b.*",
          max_words=40, extract=lambda m: Extract(outlet=_appeal_outlet(m["outlet"])),
          examples=("The Valley Post is funded by readers. Become a member at "
                    "valleypost.example/join.",
                    "Harbor Notes is a reader-supported publication. To receive new posts, "
                    "consider becoming a subscriber.")),
    # An affiliate disclosure: a purchase through the page's links earns the publisher a cut.
    _rule("affiliate-disclosure", "disclaimer", [
        rf"(?:if|when)\s+you\s+(?:buy|purchase|shop|click|make\s+a\s+purchase)\b[^.!?]{{0,60}}?"
        rf"{_VIA_LINKS}[^.!?]{{0,60}}?\bmay\s+(?:earn|get|receive|collect)\b.*",
        rf"[^.!?]{{1,60}}?\bmay\s+(?:earn|get|receive|collect)\s+(?:an?\s+)?(?:small\s+)?"
        rf"(?:affiliate\s+)?(?:commission|share\s+of\s+(?:the\s+)?(?:sale|revenue))\b"
        rf"[^.!?]{{0,60}}?\b(?:if|when)\s+you\s+(?:buy|purchase|shop|click)\b[^.!?]{{0,60}}?"
        rf"{_VIA_LINKS}.*",
    ], max_words=40,
       examples=("If you buy something through this post, Harbor Times may get a share of the "
                 "sale.",
                 "Harbor Reader may earn an affiliate commission if you purchase something "
                 "through links in this article.")),
    _rule("disclaimer", "disclaimer",
          r"(?:disclaimer|haftungsausschluss|avertissement|aviso\s+legal|esclusione\s+di\s+"
          r"responsabilità|aviso|disclaimer\s+notice)\s*:\s*\S.*",
          max_words=60, examples=(
              "Disclaimer: This article is for informational purposes only and does not "
              "constitute financial advice.",)),
    # --- newsletters, paywalls, sign-up prompts ---------------------------------------------
    _rule("newsletter", "newsletter", [
        r"(?:sign\s+up|subscribe|register)(?:\s+(?:now|today|here|for\s+free))?(?:\s+(?:for|to)"
        r"(?:\s+(?:our|the|my|a|this))?(?:\s+[\w'’&-]+){0,4})?[.!]?",
        r"get\s+(?:the|our)\s+(?:latest\s+)?(?:news|headlines|stories|newsletter|updates)"
        r"(?:\s+[\w'’-]+){0,6}\s+(?:to|in)\s+your\s+inbox[.!]?",
        r"(?:enter\s+your\s+e-?mail(?:\s+address)?|your\s+e-?mail\s+address)[.!]?|"
        r"(?:free\s+|daily\s+|weekly\s+)?newsletters?|already\s+a\s+(?:subscriber|member)\??"
        r"(?:\s+.{1,30})?|(?:subscribe|sign\s+up)\s+to\s+(?:continue|keep)\s+reading[.!]?|"
        r"this\s+(?:article|story|content)\s+is\s+(?:for|only\s+available\s+to|exclusive\s+to)"
        r"\s+(?:paying\s+)?(?:subscribers|members)(?:\s+only)?[.!]?|support\s+(?:our|"
        r"independent|local)\s+journalism[.!]?|become\s+a\s+(?:member|subscriber|supporter)"
        r"(?:\s+(?:at|of|to)\s+\S+)?[.!]?|donate(?:\s+now|\s+today)?[.!]?|(?:log|sign)\s+in|create\s+(?:a\s+)?"
        r"(?:free\s+)?account|thanks\s+for\s+(?:subscribing|signing\s+up)[.!]?(?:\s+view\s+all\s+"
        r"newsletters)?|subscribe\s*[-–—]\s*\d{1,3}\s+days?\s+free|"
        r"(?:sign|log)\s+in\s*(?:/|or)\s*(?:sign\s+up|register)|"
        r"(?:you\s+(?:can|may)\s+)?unsubscribe\s+(?:at\s+any\s+time|anytime)[.!]?|"
        r"odhlásit\s+se\s+můžete\s+kdykoliv[.!]?|"
        r"(?:sign\s+up|register)\s*(?:/|or)\s*(?:sign|log)\s*in(?:\s+to\s+[^.!?]{1,40})?[.!]?",
        r"(?:abonnez-vous|inscrivez-vous|s'abonner|s'inscrire)(?:\s+(?:à|a|au|aux)\s+.{1,40})?"
        r"|recevez\s+(?:notre|la)\s+newsletter.{0,40}|déjà\s+abonné\s*\??.{0,30}",
        r"(?:jetzt\s+)?(?:(?:den|unseren)\s+)?newsletter\s+(?:abonnieren|bestellen)|"
        r"jetzt\s+abonnieren|(?:zum|für\s+den)\s+newsletter\s+anmelden|melden\s+sie\s+sich\s+"
        r"(?:jetzt\s+)?für\s+(?:unseren|den)\s+newsletter\s+an",
        r"(?:suscríbete|suscribirse|suscríbase|regístrate)(?:\s+(?:a|al|en)\s+.{1,40})?|"
        r"recibe\s+(?:nuestro|el)\s+(?:boletín|newsletter).{0,40}",
        r"(?:iscriviti|abbonati)(?:\s+(?:a|alla|al)\s+.{1,40})?",
        r"(?:assine|inscreva-se|cadastre-se)(?:\s+(?:a|à|na|no|nossa|o\s+nosso)\s+.{1,40})?",
        r"(?:schrijf\s+je\s+in|abonneer(?:\s+je)?|meld\s+je\s+aan)(?:\s+(?:voor|op)\s+.{1,40})?",
    ], examples=("Sign up for our newsletter", "Subscribe", "Subscribe to the Harbor Brief",
                 "Get the latest news delivered to your inbox",
                 "Already a subscriber? Log in", "Abonnez-vous à notre newsletter",
                 "Newsletter abonnieren", "Suscríbete a nuestro boletín",
                 "Iscriviti alla newsletter", "Assine a nossa newsletter",
                 "Schrijf je in voor onze nieuwsbrief", "You can unsubscribe at any time.")),
    # A call to follow or subscribe on a named channel, as one sentence: imperative opening,
    # a network, an app, a newsletter or a podcast before the sentence ends. An article
    # sentence rarely opens with an imperative to its reader, and one naming a channel is
    # the publisher's, not the story's; a comma before the channel is a clause of the story
    # ("Follow the money, the investigators said on Twitter").
    _rule("channel-call", "social-follow", [
        rf"(?:subscribe\s+to|follow|sign\s+up\s+(?:for|to)|join|download|abonnez-vous\s+à|"
        rf"suivez(?:-nous)?|abonnieren\s+sie|folgen\s+sie(?:\s+uns)?|suscríbete\s+a|síguenos|"
        rf"iscriviti\s+a|seguici|inscreva-se\s+(?:no|na|em)|siga-nos|abonneer\s+je\s+op|"
        rf"volg\s+ons)\s+[^.!?,]{{0,100}}?\b{_CHANNEL}\b[^.!?]{{0,120}}[.!?:]?",
        r"follow\s+[^.!?]{1,100}?\s+(?:at|on)\s+<?(?:https?://|www\.)\S+>?\.?",
    ], max_words=30,
       examples=("Subscribe to the Harbor Times YouTube Channel for all of the latest videos!",
                 "Follow the Harbor Times Opinion desk and its writers on Facebook and Instagram.",
                 "Sign up for the Harbor Brief today to get the free newsletter in your inbox.",
                 "Follow our full coverage of the port strike at https://harbortimes.example/s",
                 "Abonnez-vous à notre chaîne YouTube pour ne rien manquer.")),
    # A membership or donation pitch that opens on the reader's liking the article.
    _rule("enjoyed-appeal", "newsletter",
          r"(?:if\s+you\s+(?:enjoyed|liked|like|value|appreciate)\s+(?:this|our|reading|"
          r"what\s+you)|wenn\s+(?:ihnen|dir)\s+(?:dieser|der)\s+(?:artikel|beitrag)\s+"
          r"gefallen\s+hat|si\s+vous\s+avez\s+aimé\s+cet\s+article|si\s+te\s+gustó\s+"
          r"(?:este|esta)|se\s+ti\s+è\s+piaciuto\s+questo|se\s+você\s+gostou\s+d[eo]st[ea]|"
          r"als\s+je\s+dit\s+artikel\s+(?:leuk|interessant)\s+vond)\b.*",
          max_words=40,
          examples=("If you enjoyed this article, we have a proposition for you: Join Harbor "
                    "Plus.", "Si vous avez aimé cet article, abonnez-vous.")),
    # --- advertisements ---------------------------------------------------------------------
    _rule("advertisement", "advertisement",
          r"advertisements?|advertising|ads?|sponsored(?:\s+(?:content|post|links?|stories|"
          r"by\s+.{1,30}))?|paid\s+(?:content|post|partnership)|partner\s+content|"
          r"promoted(?:\s+(?:content|stories|by\s+.{1,30}))?|presented\s+by\s+.{1,30}|anzeige|"
          r"werbung|gesponsert|publicité|publicite|contenu\s+sponsorisé|publicidad|"
          r"patrocinado|contenido\s+patrocinado|pubblicità|contenuto\s+sponsorizzato|"
          r"publicidade|conteúdo\s+patrocinado|advertentie|gesponsord|reklama|"
          r"(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad))?|"
          r"continue\s+reading\s+(?:the\s+main\s+story|below)|scroll\s+to\s+continue"
          r"(?:\s+with\s+content)?|skip\s+(?:advertisement|ad)|ad\s+feedback|"
          r"advertisement\s*[-–—]\s*scroll\s+to\s+continue|report\s+this\s+ad|"
          r"la\s+suite\s+après\s+(?:cette\s+)?(?:la\s+)?publicité|"
          r"(?:der\s+)?artikel\s+wird\s+(?:unter|nach)\s+der\s+anzeige\s+fortgesetzt|"
          r"supported\s+by|inread\s+invented\s+by\s+teads|"
          r"your\s+(?:video|ad)\s+will\s+play\s+in\s+\d{1,2}(?::\d\d)?(?:\s+seconds?)?|"
          r"you\s+can\s+skip\s+this\s+ad\s+in\s+\d{1,2}\s+seconds?[.!]?|"
          r"(?:want\s+to\s+)?see\s+fewer\s+ads\??",
          examples=("Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
                    "Anzeige", "Publicité", "Publicidad", "Pubblicità", "Advertentie",
                    "Reklama")),
    # --- photo and image credits --------------------------------------------------------
    _rule("photo-credit", "photo-credit", [
        r"[(\[]?(?:photos?|photograph|images?|picture|pic|illustration|graphic|credits?|"
        r"photo\s+credit|image\s+credit|image\s+source|bildquelle|fotos?|bild(?:er)?|imagen|"
        r"immagine|imagem|afbeelding|crédits?(?:\s+photo)?|fotografía|foto\s+di)\s*"
        r"(?:[:©]\s*.{1,80}?|\s(?:by|von|par|de|di|door)\s+(?-i:[A-ZÀ-Þ(])[^.!?]{0,80})"
        r"[)\]]?",
        r"(?:image|media)\s+caption|caption|"
        r"(?:(?:images?|photos?|pictures?)\s+via\s+)?getty(?:\s+images(?:\s*/\s*.{1,40})?)?|"
        r"istock(?:photo)?(?:\s*/\s*.{1,40})?|shutterstock|unsplash",
    ], examples=("Photo: Jane Doe/Meridian Wire", "(Photo by Jane Doe on Unsplash)",
                 "Image: Harbor City Port Authority", "Foto: Hans Meier/dpa",
                 "Getty Images", "Image via Getty Images", "Getty")),
    _rule("name-slash-agency", "photo-credit",
          r"\(?[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){1,3}\s*/\s*[A-Z][\w&.-]*"
          r"(?:\s+[A-Z][\w&.-]*){0,3}\)?",
          flags=0, max_words=8, examples=("Jane Doe/Meridian Wire", "Hans Meier / DPA",
                                          "(Jane Doe / Meridian Wire)")),
    # A photo's caption ends in its credit: run into it by an extractor ("… in New
    # York.Reuters": no space after the sentence's end, then an agency or a picture
    # library), or set after it in brackets with a label ("… in Hong Kong (Image: GETTY)",
    # "(AP Photo/Jane Doe)") or after a full stop ("… landers. Credit: Tyvak", "… 2019.
    # © Reuters / Jane Doe", "… Villa Park. | Foto: Reuters"). A sentence of the article
    # cites its sources in its words, not in such a label.
    _rule("caption-credit", "photo-credit", [
        r".{10,300}?[^\W_][.!?][\"”’]?(?-i:Reuters|REUTERS|AFP|AP|EPA|Getty\s+Images|"
        r"AP\s+Photo|Bloomberg|Shutterstock|iStock|Xinhua|dpa|Alamy|PA)",
        r".{10,300}?\s[(\[](?:(?:image|photo|picture)\s+)?(?:images?|photos?|pictures?|pic|"
        r"credits?|fotos?|bild|imagen|immagine|imagem|crédit)\s*:\s*[^()\[\]]{1,60}[)\]]",
        r".{10,300}?\s\((?-i:AP|AFP)\s+Photos?(?:\s*/\s*[^()]{1,60})?\)",
        r".{10,300}?[.!?]\s+(?:(?:image|photo)\s+)?credit\s*:\s*[^.!?]{1,60}",
        r".{10,300}?[.!?]\s+©\s*(?-i:[A-ZÀ-Þ])[^.!?©]{1,60}",
        r".{10,300}?[.!?]\s+\|\s+(?:fotos?|photos?|images?|bild|picture)\s*:\s*[^.!?|]{1,60}",
    ], examples=("The harbor cranes stand idle outside the port in Harbor City.Reuters",
                 "Dockworkers march past the terminal gates (Image: GETTY)",
                 "A crane operator at the Westport terminal on Tuesday. (AP Photo/Jane Doe)",
                 "The new cranes arrive in Harbor City. Credit: Harbor Port Authority",
                 "A crane stands idle in Harbor City, November 4, 2026. © Reuters / Jane Doe",
                 "Dockworkers outside the terminal gates. | Photo: Meridian Wire")),
    # --- provenance: where the text was first published ---------------------------------
    _rule("provenance-notice", "provenance", [
        r"this\s+(?:article|story|post|piece|report|content)\s+(?:was\s+|is\s+)?(?:originally|"
        r"first)\s+(?:published|appeared|posted|ran)\s+(?:on|at|in|by)\s+[^,;]{1,80}?[.!]?"
        r"(?:\s+read\s+the\s+original(?:\s+article)?[.!]?)?",
        r"(?:originally|first)\s+(?:published|posted|appeared)\s+(?:on|at|in|by)\s+"
        r"[^,;]{1,80}?[.!]?",
        r"the\s+post\s+.{1,200}\s+appeared\s+first\s+on\s+[^,;]{1,60}?\.?",
        r"appeared\s+in\s+the\s+.{1,60}\s+print\s+edition\b.*",
        r"a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appeared|appears)\s+in\s+print\b.*",
        r"read\s+the\s+original\s+(?:article|story|post)(?:\s+(?:at|on|here)\s+.{1,60})?[.!]?",
        r"read\s+(?:the\s+)?(?:full|complete|whole|entire|rest\s+of\s+the)\s+(?:story|article|"
        r"report|post)(?:\s+(?:at|on|here|in)\s*[^,;]{0,60})?[.!]?",
        r"cet\s+article\s+(?:a\s+été\s+|est\s+)?(?:initialement\s+|d'abord\s+|originellement\s+)?"
        r"(?:publié|paru)\s+(?:sur|dans|par|le)\b[^,;]{0,80}",
        r"(?:dieser\s+(?:artikel|beitrag)\s+(?:erschien|ist)|erschien)\s+(?:zuerst|"
        r"ursprünglich|erstmals)\s+(?:auf|in|bei)\b[^,;]{0,80}",
        r"este\s+(?:artículo|artigo)\s+(?:fue\s+|foi\s+)?(?:publicado|apareció|apareceu)\s+"
        r"(?:originalmente|por\s+primera\s+vez)\b[^,;]{0,80}",
        r"questo\s+articolo\s+è\s+stato\s+(?:originariamente\s+)?pubblicato\b[^,;]{0,80}",
        r"dit\s+artikel\s+(?:verscheen|is)\s+(?:eerder|oorspronkelijk)\b[^,;]{0,80}",
    ], max_words=40, examples=(
        "Originally published at harborwatch.example",
        "This article first appeared on Harbor Times.",
        "The post Port strike halts shipments appeared first on Harbor Watch.",
        "Read the full story at Harbor Times",
        "Appeared in the November 12, 2026, print edition as 'Port Strike Drags On'.",
        "Dieser Artikel erschien zuerst auf hafenkurier.example")),
    _rule("source-line", "provenance",
          r"(?:source|sources|via|quelle|quellen|fonte|fuente|bron|h/t|hat\s+tip)\s*:\s*"
          r"[^.!?]{1,60}\.?",
          max_words=8, examples=("Source: Harbor Times", "Quelle: Hafenkurier",
                                 "Via: Harbor Watch")),
    # --- tags and categories --------------------------------------------------------------
    _rule("tag-list", "tags",
          r"(?:tags?|tagged(?:\s+(?:with|as))?|filed\s+under|posted\s+in|categor(?:y|ies)|"
          r"labels?|topics?|keywords|schlagw(?:o|ö)rte|stichw(?:o|ö)rte|themen|thema|"
          r"étiquettes|mots[\s-]clés|catégories?|rubriques?|etiquetas|categorías?|temas|"
          r"etichette|categori[ae]|argomenti|marcadores|categorias|marcações|trefwoorden|"
          r"categorieën|onderwerpen)\s*:\s*\S.*",
          max_words=40, examples=("Tags: port strike, shipping", "Filed under: Business",
                                  "Labels: Business, Shipping", "Schlagworte: Hafen, Streik",
                                  "Étiquettes : grève, port")),
    _rule("tag-header", "tags",
          r"(?:tags?|topics?|keywords|filed\s+(?:to|under)|schlagw(?:o|ö)rte|stichw(?:o|ö)rte|"
          r"étiquettes|mots[\s-]clés|etiquetas|etichette|trefwoorden)"
          r"|filed\s+to\s*:\s*[^,.!?:]{1,30}|(?:hidden\s+)?categories",
          effect="list", examples=("Tags", "Topics", "Filed to: money", "Schlagworte",
                                   "Hidden categories:")),
    _rule("posted-in", "tags",
          r"(?:posted|filed|published|tagged)\s+(?:in|under|with|as)\s+(?P<items>[^.!?]+)"
          r"|tagged\s+(?P<items2>[^.!?]+)",
          extract=_x_tag_items,
          examples=("Posted in News, Port Strike", "Filed under Business",
                    "Tagged port strike, shipping")),
    _rule("hashtags", "tags", r"#[^\W\d_][\w-]*(?:[\s,]+#[^\W\d_][\w-]*)*",
          examples=("#portstrike #shipping",)),
    # --- site chrome: menus, buttons, cookie banners, feeds ---------------------------------
    _rule("breadcrumb", "prev-next",
          r"(?:home(?:\s+page)?|accueil|startseite|inicio|portada|página\s+inicial|"
          r"pagina\s+iniziale|voorpagina)\s*(?:[»›>/]\s*[^»›>/]+?\s*){1,6}",
          examples=("Home » News » Port strike spreads to two more terminals, union says",
                    "Accueil > Économie > Grève au port", "Startseite / Politik / Inland")),
    _rule("ui-chrome", "ui", [
        r"skip\s+to\s+(?:main\s+)?(?:content|navigation)|jump\s+to\s+(?:main\s+)?content|"
        r"jump\s+to\s+navigation(?:\s+jump\s+to\s+search)?|jump\s+to\s+search|"
        r"(?:main\s+)?menu|search(?:\s+for)?|close|back\s+to\s+top|top|go\s+to\s+top|"
        r"toggle\s+navigation|navigation|font\s+size|text\s+size|a\s+a\s+a|"
        r"listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s+.{0,20})?|listen|audio|video|play(?:\s+"
        r"video)?|watch\s+video|save(?:\s+(?:article|story|for\s+later))?|bookmark|"
        r"gift\s+(?:this\s+)?article|give\s+this\s+article|show\s+(?:more|less)|load\s+more|"
        r"view\s+more|see\s+more|(?:press\s+enter|type)\s+to\s+search|please\s+wait(?:\.\.\.|…)?|loading(?:\.\.\.|…)|(?:this\s+)?(?:feature|service|page|content|video|player)\s+is\s+(?:temporarily\s+|"
        r"currently\s+)?unavailable[.!]?(?:\s+please\s+try\s+again(?:\s+later)?[.!]?)?|(?:javascript\s+(?:is\s+)?(?:disabled|required)|"
        r"enable\s+javascript).{0,60}|(?:proudly\s+)?powered\s+by\s+(?:blogger|wordpress|ghost|"
        r"medium|substack|tumblr)\.?|theme(?:\s+images)?\s+by\s+.{1,40}|(?:accept|reject|"
        r"manage)\s+(?:all\s+)?cookies|cookie\s+(?:settings|policy|preferences)|"
        r"privacy\s+policy|terms\s+of\s+(?:use|service)|contact\s+us|about\s+us|"
        r"report\s+(?:an\s+)?(?:error|typo|abuse)|[\d.,]+\s?[kK]?\s+views|translate|"
        r"open\s+in\s+app|image\s+\d+\s+of\s+\d+|\d+\s+of\s+\d+|"
        r"(?:go|back|return)\s+to\s+(?:the\s+)?home\s*page|rss(?:\s+feeds?)?|"
        r"(?:mobile|desktop|full)\s+site|(?:printer[\s-]friendly|print)\s+version|"
        r"submitting(?:\.\.\.|…)|an?\s+error\s+(?:has\s+)?occurred[.!]?|error\s+occurred[.!]?|"
        r"please\s+try\s+again(?:\s+later)?[.!]?|enter\s+a\s+valid\s+(?:e-?mail\s+)?address[.!]?",
        r"zum\s+inhalt\s+springen|suche|menü|nach\s+oben|drucken|vorlesen|merken|"
        r"version\s+zum\s+drucken|druckversion|"
        r"aller\s+au\s+contenu|rechercher|fermer|haut\s+de\s+page|imprimer|écouter|"
        r"ir\s+al\s+contenido|buscar|cerrar|volver\s+arriba|imprimir|escuchar|guardar|"
        r"vai\s+al\s+contenuto|cerca|chiudi|torna\s+su|ascolta|salva|"
        r"ir\s+para\s+o\s+conteúdo|pesquisar|fechar|voltar\s+ao\s+topo|ouvir|salvar|"
        r"naar\s+inhoud|zoeken|sluiten|naar\s+boven|voorlezen|opslaan",
    ], examples=("Skip to content", "Menu", "Back to top", "Listen to this article",
                 "Powered by Blogger.", "Please wait...", "Press enter to search",
                 "This feature is temporarily unavailable. Please try again later.",
                 "Zum Inhalt springen", "Aller au contenu")),
    # A site footer's legal links, alone or several on one line: the policies (privacy,
    # cookies, captions, comments), the terms, the ad-choices link. A sentence about a
    # policy has a verb; a run of their names does not.
    _rule("policy-links", "ui",
          rf"(?:{_POLICY_LINK})(?:\s*(?:,|\||·|•|&|and)\s*(?:{_POLICY_LINK}))*",
          # (no example opens on "Updated": the run cutter starts pieces at the examples'
          # first words, and "Updated: <date>" opens a date line, not a footer)
          examples=("Privacy Policy, Terms of Use", "Closed Captioning Policy",
                    "Ad Choices")),
    _rule("wiki-footer", "ui", [
        r"retrieved\s+from\s+[\"“]?https?://\S+?[\"”]?",
        r"this\s+page\s+was\s+last\s+(?:edited|modified|updated|changed)\s+on\s+[^!?]{1,60}?\.?",
        r"(?:text|content)\s+is\s+available\s+under\s+(?:the\s+|a\s+)?creative\s+commons\b.*",
    ], max_words=40, examples=(
        "Retrieved from \"https://wiki.example/w/index.php?title=Harbor&oldid=94246\"",
        "This page was last edited on 24 February 2020, at 20:33 (UTC).",
        "Text is available under the Creative Commons Attribution-ShareAlike License; "
        "additional terms may apply.")),
    _rule("cookie-banner", "ui",
          r"(?:we|this\s+(?:site|website))\s+uses?\s+cookies(?:\s+to\s+[^.,;]{0,60})?[.!]?"
          r"(?:\s+(?:learn\s+more|accept|ok|got\s+it|more\s+info|read\s+more)[.!]?)?",
          examples=("We use cookies to improve your experience. Accept",)),
    _rule("feed-link", "ui", r".{0,60}\((?:atom|rss)\)",
          examples=("Subscribe to: Post Comments (Atom)", "Post Comments (Atom)")),
)


META_RULE = Rule(name="meta-line", category="meta", pattern=re.compile(r".+"),
                 examples=("By Jane Doe | November 4, 2026 | 5 min read",
                           "Simon Achebe | The National Courier | Thursday 5 November 2026",
                           "Posted in Shipping | Tagged port strike, shipping | 3 Comments"))
SEPARATOR_RULE = Rule(name="separator", category="separator", pattern=re.compile(r"[\W_]*"),
                      examples=("* * *", "———", "…"))
ALL_RULES: tuple[Rule, ...] = (*RULES, META_RULE, SEPARATOR_RULE)
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(r.category for r in ALL_RULES))

_SEGMENT_SPLIT = re.compile(r"\s+[|·•⋅]\s+|\s+[–—]\s+|\s*\|\s*")

# -- matching -----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _capped_rules(max_junk_words: int) -> tuple[tuple[int, Rule], ...]:
    """Every rule with its word cap, in order: worked out once, not for each line."""
    return tuple((rule.word_cap(max_junk_words), rule) for rule in RULES)


def _match_rules(core: str, words: int, max_junk_words: int) -> LineMatch | None:
    for cap, rule in _capped_rules(max_junk_words):
        if words > cap:
            continue
        m = rule.pattern.fullmatch(core)
        if not m:
            continue
        if rule.extract is None:
            return LineMatch(rule)
        found = rule.extract(m)
        if found is not None:
            return _line_match(rule, found)
    return None


def classify_line(line: str, max_junk_words: int = 12) -> LineMatch | None:
    """The rule a whole line matches, or None when the line may be article text.

    A line of only symbols is a separator; a short line made of several junk segments
    ("By Jane Doe | Nov 4, 2026 | 5 min read") is a meta line whose parts are all junk.
    """
    core = core_text(line)
    if _ONLY_SYMBOLS.fullmatch(core):
        return LineMatch(SEPARATOR_RULE) if line.strip() else None
    words = len(core.split())
    found = _match_rules(core, words, max_junk_words)
    if found is None and words <= 2 * max_junk_words:
        found = _match_stamp_pair(core, max_junk_words)
    if (found is not None and found.category != "credit") or words > max_junk_words:
        return found
    # a byline takes "| anything" as an affiliation: try the parts first, for their dates
    return (_match_segments(core, max_junk_words) or found
            or _match_dated_byline(core, max_junk_words)
            or _match_stamp_by(core, max_junk_words))


_PREFIX_TAIL = " -–—,|•:/"


def _match_dated_byline(core: str, max_junk_words: int) -> LineMatch | None:
    """A byline run into its date without a separator: "by Jane Doe July 10, 2015",
    "Jane Doe - Apr 16, 2015 8:02 pm UTC", "by Jane Doe @jdoe February 1, 2016". The
    line is cut where the rest is a whole time stamp; the head must then be a byline or a
    bare person name (a social handle in it is dropped)."""
    words = core.split()
    for k in range(2, len(words)):
        stamp = _match_rules(" ".join(words[k:]), len(words) - k, max_junk_words)
        if stamp is None or stamp.category != "timestamp":
            continue
        head = HANDLE.sub(" ", " ".join(words[:k])).strip(_PREFIX_TAIL + " ")
        head = " ".join(head.split())
        credit = _match_rules(head, len(head.split()), max_junk_words)
        if credit is not None and credit.category == "credit" and credit.authors:
            return LineMatch(META_RULE, credit.authors, stamp.stamp)
        if credit is None and is_person_name(head):
            return LineMatch(META_RULE, (tidy_case(head),), stamp.stamp)
        return None
    return None


# the label of a second stamp on the line ("… | Updated at 5:36 PM", "…ESTUpdated Tue,
# Nov 19"), and a year run into the clock time after it ("Nov 19 20197:05 AM")
_UPDATE_LABEL = re.compile(r"(?:\s*[|·•,–—-]\s*|\s+|(?<=[a-z0-9.]))(?=(?:last\s+)?updated\b)",
                           re.I)
_YEAR_INTO_CLOCK = re.compile(r"(?<=(?<!\d)(?:19|20)\d\d)(?=\d{1,2}:\d\d)")


def _is_stamp(text: str, max_junk_words: int) -> LineMatch | None:
    text = _YEAR_INTO_CLOCK.sub(" ", text.strip(_PREFIX_TAIL))
    found = _match_rules(text, len(text.split()), max_junk_words)
    return found if found is not None and found.category == "timestamp" else None


def _match_stamp_pair(core: str, max_junk_words: int) -> LineMatch | None:
    """A page's published and updated stamps on one line, perhaps run together: "Published
    Nov 18, 2026 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2026", "Nov. 20,
    2026Updated: Nov. 20, 2026 1:35 a.m.". Each half must be a whole stamp alone; the
    first is the published one."""
    for m in _UPDATE_LABEL.finditer(core):
        if m.start() == 0:
            continue
        first = _is_stamp(core[:m.start()], max_junk_words)
        if first is not None and _is_stamp(core[m.end():], max_junk_words) is not None:
            return LineMatch(META_RULE, (), first.stamp)
    return None


_STAMP_BY = re.compile(r"(?:on\s+)?(?P<when>.+?)\s*(?:\s|/)by\s+(?P<who>.{2,60})", re.I)


def _match_stamp_by(core: str, max_junk_words: int) -> LineMatch | None:
    """A date line that ends in its byline: "Monday November 18, 2026 7:45 am PST by Jane
    Doe", "On 6/13/2026 by @jdoe". The head must be a whole stamp and the rest a person's
    name or a handle."""
    m = _STAMP_BY.fullmatch(core)
    if m is None or (stamp := _is_stamp(m["when"], max_junk_words)) is None:
        return None
    who = m["who"].strip(_PREFIX_TAIL)
    if HANDLE.fullmatch(who):
        return LineMatch(META_RULE, (), stamp.stamp)
    if 2 <= len(who.split()) <= 4 and is_person_name(who):
        return LineMatch(META_RULE, (tidy_case(who),), stamp.stamp)
    return None


def _match_segments(core: str, max_junk_words: int) -> LineMatch | None:
    """ "By A | Nov 4, 2026 | 5 min read": every part junk. With a date among the parts,
    a bare name ("Simon Achebe | The Courier | 5 November 2026") is a byline and a bare
    publication name is the outlet."""
    segments = [core_text(s) for s in _SEGMENT_SPLIT.split(core) if s.strip()]
    if len(segments) < 2:
        return None
    parts: list[LineMatch] = []
    loose: list[str] = []
    for segment in segments:
        part = _match_rules(segment, len(segment.split()), max_junk_words)
        if part is None:
            loose.append(segment)
        else:
            parts.append(part)
    authors = [a for p in parts for a in p.authors]
    outlet = None  # a byline's affiliation is no evidence here: a copy credits its source
    if loose:
        if not any(p.category == "timestamp" for p in parts):
            return None
        for segment in loose:
            if is_person_name(segment):
                authors.append(tidy_case(segment))
            elif is_outlet_name(segment) and outlet is None:
                outlet = segment
            else:
                return None
    return LineMatch(META_RULE, tuple(authors), next((p.stamp for p in parts if p.stamp), None),
                     tuple(c for p in parts for c in p.contributors), outlet)


def rule_by_name(name: str) -> Rule:
    for rule in ALL_RULES:
        if rule.name == name:
            return rule
    raise KeyError(name)
