"""Labelled copies made from real articles, for the copy-detection harness.

Every copy is made by a seeded random generator, so a run is reproducible byte for byte:

* ``exact``    the same body under a new layout (hard-wrapped, another headline), or
               wrapped in aggregator-blog junk ("Share this:", "Previous post: …");
* ``near``     small edits: a dateline added or removed, one paragraph dropped, a credit
               line added, a few words changed;
* ``excerpt``  the first 20%, 40% or 60% of the article and a "Read the full story" line;
* ``reworded`` a content-farm rewrite, sentence by sentence: words and phrases replaced
               from the table below, clauses moved, sentences dropped, merged and swapped.

The rewriter's table is written for this harness only; the detector does not see it (it
has no synonym knowledge at all), so the harness measures what a rewrite that shares
almost no word 5-grams with its original does to detection.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from storywire.copies.normalize import sentences

# Single words a spinner swaps. Values are alternatives, one picked at random.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "said": ("stated", "noted", "explained", "remarked"),
    "says": ("states", "notes", "explains"),
    "told": ("informed", "said to"),
    "announced": ("revealed", "unveiled", "declared"),
    "added": ("continued", "went on to say"),
    "warned": ("cautioned", "alerted"),
    "asked": ("questioned", "queried"),
    "called": ("described", "labelled"),
    "began": ("started", "kicked off"),
    "begin": ("start", "kick off"),
    "start": ("begin", "launch"),
    "started": ("began", "launched"),
    "ended": ("finished", "concluded"),
    "end": ("close", "conclusion"),
    "help": ("assist", "aid"),
    "helped": ("assisted", "aided"),
    "show": ("demonstrate", "reveal"),
    "shows": ("demonstrates", "reveals"),
    "showed": ("demonstrated", "revealed"),
    "get": ("obtain", "receive"),
    "got": ("obtained", "received"),
    "make": ("create", "produce"),
    "made": ("created", "produced"),
    "think": ("believe", "reckon"),
    "thinks": ("believes", "reckons"),
    "believe": ("think", "feel"),
    "want": ("wish", "desire"),
    "wants": ("wishes", "desires"),
    "wanted": ("wished", "desired"),
    "need": ("require",),
    "needs": ("requires",),
    "needed": ("required",),
    "use": ("utilize", "employ"),
    "used": ("utilized", "employed"),
    "try": ("attempt", "seek"),
    "tried": ("attempted", "sought"),
    "keep": ("maintain", "retain"),
    "win": ("secure", "claim"),
    "won": ("secured", "claimed"),
    "lose": ("forfeit",),
    "lost": ("forfeited", "dropped"),
    "buy": ("purchase", "acquire"),
    "bought": ("purchased", "acquired"),
    "leave": ("depart", "exit"),
    "left": ("departed", "exited"),
    "run": ("operate", "campaign"),
    "running": ("campaigning", "competing"),
    "raise": ("increase", "lift"),
    "raised": ("increased", "lifted"),
    "cut": ("reduce", "slash"),
    "cuts": ("reductions", "reduces"),
    "plan": ("scheme", "proposal"),
    "plans": ("schemes", "proposals", "intends"),
    "planned": ("intended", "scheduled"),
    "reported": ("disclosed", "indicated"),
    "report": ("account", "study"),
    "claimed": ("alleged", "asserted"),
    "claims": ("allegations", "assertions"),
    "attack": ("assault", "strike"),
    "attacks": ("assaults", "strikes"),
    "attacked": ("assaulted", "struck"),
    "killed": ("slain", "left dead"),
    "died": ("perished", "passed away"),
    "injured": ("hurt", "wounded"),
    "arrested": ("detained", "taken into custody"),
    "charged": ("accused", "indicted"),
    "police": ("officers", "law enforcement"),
    "officials": ("authorities", "representatives"),
    "official": ("representative", "spokesperson"),
    "government": ("administration", "authorities"),
    "company": ("firm", "business"),
    "companies": ("firms", "businesses"),
    "people": ("individuals", "persons", "folks"),
    "man": ("individual", "male"),
    "woman": ("female", "lady"),
    "men": ("males", "individuals"),
    "women": ("females", "ladies"),
    "children": ("kids", "youngsters"),
    "home": ("house", "residence"),
    "house": ("home", "residence"),
    "car": ("vehicle", "automobile"),
    "city": ("town", "municipality"),
    "country": ("nation", "state"),
    "nation": ("country",),
    "state": ("province", "region"),
    "leader": ("head", "chief"),
    "leaders": ("heads", "chiefs"),
    "president": ("head of state", "leader"),
    "candidate": ("contender", "hopeful"),
    "candidates": ("contenders", "hopefuls"),
    "campaign": ("bid", "drive"),
    "election": ("vote", "poll"),
    "voters": ("electors", "the electorate"),
    "vote": ("ballot", "poll"),
    "votes": ("ballots",),
    "party": ("faction", "camp"),
    "supporters": ("backers", "fans"),
    "speech": ("address", "talk"),
    "debate": ("discussion", "face-off"),
    "rally": ("event", "gathering"),
    "issue": ("matter", "question"),
    "issues": ("matters", "questions"),
    "problem": ("difficulty", "trouble"),
    "problems": ("difficulties", "troubles"),
    "money": ("cash", "funds"),
    "percent": ("per cent",),
    "million": ("mn",),
    "billion": ("bn",),
    "week": ("7 days",),
    "month": ("4 weeks",),
    "year": ("12 months",),
    "years": ("yrs",),
    "today": ("this day",),
    "big": ("large", "huge"),
    "large": ("big", "sizable"),
    "small": ("little", "minor"),
    "new": ("fresh", "novel"),
    "old": ("aged", "former"),
    "important": ("significant", "crucial", "key"),
    "major": ("significant", "key"),
    "many": ("numerous", "plenty of"),
    "several": ("a number of", "various"),
    "most": ("the majority of",),
    "few": ("a handful of",),
    "recent": ("latest",),
    "early": ("initial",),
    "late": ("delayed",),
    "high": ("elevated", "steep"),
    "low": ("reduced", "modest"),
    "strong": ("powerful", "robust"),
    "good": ("fine", "positive"),
    "bad": ("poor", "negative"),
    "hard": ("difficult", "tough"),
    "difficult": ("hard", "tough"),
    "quickly": ("rapidly", "swiftly"),
    "also": ("additionally", "as well"),
    "however": ("nevertheless", "even so"),
    "because": ("since", "as"),
    "about": ("around", "roughly", "approximately"),
    "nearly": ("almost", "close to"),
    "almost": ("nearly", "close to"),
    "more": ("additional", "extra"),
    "before": ("prior to", "ahead of"),
    "after": ("following", "subsequent to"),
    "during": ("throughout", "in the course of"),
    "against": ("versus", "opposing"),
    "among": ("amid", "amongst"),
    "across": ("throughout",),
    "again": ("once more", "anew"),
    "still": ("yet", "even now"),
    "only": ("merely", "just"),
    "very": ("extremely", "highly"),
    "really": ("truly", "genuinely"),
    "often": ("frequently",),
    "first": ("initial", "opening"),
    "last": ("final", "previous"),
    "next": ("following", "upcoming"),
    "saying": ("stating", "noting"),
    "including": ("among them", "such as"),
    "according": ("as per",),
    "expected": ("anticipated", "predicted"),
    "likely": ("probably", "apt"),
    "possible": ("feasible", "potential"),
    "support": ("backing", "endorsement"),
    "supported": ("backed", "endorsed"),
    "opposed": ("resisted", "objected to"),
    "criticized": ("slammed", "blasted", "attacked"),
    "praised": ("lauded", "applauded"),
    "accused": ("blamed", "charged"),
    "denied": ("rejected", "refuted"),
    "agreed": ("consented", "accepted"),
    "refused": ("declined", "rejected"),
    "decided": ("chose", "resolved"),
    "received": ("got", "obtained"),
    "released": ("issued", "published"),
    "statement": ("declaration", "release"),
    "interview": ("conversation", "chat"),
    "meeting": ("session", "gathering"),
    "group": ("organization", "body"),
    "members": ("participants",),
    "workers": ("employees", "staff"),
    "jobs": ("positions", "roles"),
    "job": ("position", "role"),
    "pay": ("wages", "salary"),
    "law": ("legislation", "statute"),
    "rules": ("regulations",),
    "ban": ("prohibition",),
    "court": ("tribunal",),
    "judge": ("magistrate",),
    "case": ("matter", "lawsuit"),
    "evidence": ("proof",),
    "investigation": ("probe", "inquiry"),
    "fire": ("blaze", "inferno"),
    "earthquake": ("quake", "tremor"),
    "storm": ("tempest",),
    "damage": ("harm", "destruction"),
    "residents": ("locals", "inhabitants"),
    "town": ("village", "community"),
    "area": ("region", "zone"),
    "region": ("area", "zone"),
    "building": ("structure", "facility"),
    "hospital": ("medical center",),
    "school": ("academy",),
    "students": ("pupils", "learners"),
    "team": ("squad", "side"),
    "game": ("match", "contest"),
    "season": ("campaign", "term"),
    "fans": ("supporters", "followers"),
    "star": ("celebrity", "icon"),
    "film": ("movie", "picture"),
    "world": ("globe", "planet"),
    "economy": ("economic system",),
    "market": ("marketplace",),
    "price": ("cost", "rate"),
    "prices": ("costs", "rates"),
    "deal": ("agreement", "pact"),
    "talks": ("negotiations", "discussions"),
    "war": ("conflict", "fighting"),
    "troops": ("soldiers", "forces"),
    "military": ("armed forces", "army"),
    "threat": ("danger", "risk"),
    "security": ("safety", "protection"),
    "public": ("general population", "populace"),
    "news": ("reports", "coverage"),
    "media": ("press", "news outlets"),
    "reporters": ("journalists", "the press"),
    "week's": ("weekly",),
    "tuesday": ("Tuesday",),
}

MORE_SYNONYMS = """
former:ex|previous  federal:national|central  national:countrywide|nationwide  may:might|could
back:again|once more  much:a great deal|considerably  taxes:levies|duties  tax:levy|duty
policy:approach|strategy  change:shift|alteration  know:understand|realize
business:commerce|trade  day:date|period  way:manner|method  work:labor|effort
political:partisan|governmental  go:head|proceed  well:properly|effectively  program:scheme|plan
came:arrived|showed up  see:notice|observe  health:wellbeing|wellness  right:correct|proper
top:leading|senior  secretary:minister|official  another:one more|a further
bill:legislation|measure  part:portion|section  committee:panel|board  never:not ever|at no time
question:query|matter  real:genuine|actual  long:lengthy|extended  whether:if
come:arrive|emerge  rights:freedoms|entitlements  department:agency|division
system:framework|structure  income:earnings|revenue  trying:attempting|seeking
power:authority|influence  take:accept|grab  things:matters|items  past:previous|prior
might:may|could  every:each|all  put:placed|set  center:hub|centre  information:data|details
without:lacking|minus  economic:financial|fiscal  weeks:wks  private:personal|confidential
general:overall|broad  little:small|slight  full:complete|entire  trade:commerce|exchange
morning:a.m. hours|early hours  young:youthful|junior  something:anything|a thing
rate:level|pace  office:bureau|agency  days:24-hour periods  release:launch|publication
race:contest|competition  care:attention|concern  decision:ruling|choice  single:sole|lone
better:superior|improved  clear:obvious|evident  become:turn into|grow into  chief:head|boss
foreign:overseas|international  fact:truth|reality  wife:spouse|partner  seen:observed|witnessed
video:clip|footage  away:off  groups:organizations|bodies  thousands:a large number
earlier:previously|before  history:past|record  look:glance|appear
working:operating|functioning  tell:inform|notify  middle:center|midst  second:next|subsequent
answer:reply|response  found:discovered|located  held:hosted|conducted  paid:compensated
went:headed|traveled  set:established|fixed  latest:newest|most recent  kind:type|sort
wrote:penned|authored  done:completed|finished  story:report|account  face:confront|encounter
efforts:attempts|endeavors  stop:halt|cease  took:grabbed|seized  increase:rise|boost
give:provide|offer  making:creating|producing  financial:monetary|fiscal  future:coming|upcoming
taking:seizing|accepting  personal:private|individual  rich:wealthy|affluent
wealthy:rich|affluent  life:existence|lifetime  far:significantly|much  lot:great deal|plenty
interest:attention|curiosity  true:accurate|correct  different:distinct|varied
proposals:plans|suggestions  family:relatives|household  others:other people|the rest
continue:carry on|keep going  call:demand|appeal  lead:guide|head  live:reside|dwell
makes:creates|produces  matter:issue|subject  benefit:advantage|gain
experts:specialists|analysts  global:worldwide|international  enough:sufficient|adequate
must:have to|need to  place:location|spot  point:moment|stage  record:document|log
order:sequence|directive  nothing:not anything|zero  using:employing|utilizing
parents:mothers and fathers  event:occasion|incident  message:communication|note
process:procedure|course  polls:surveys  close:near|shut  ago:earlier|back
points:factors|details  actions:steps|measures  rather:instead|somewhat  yet:still|so far
open:accessible|available  majority:bulk|most  policies:measures|strategies
human:humane|personal  together:jointly|collectively  moment:instant|time
despite:in spite of|notwithstanding  perhaps:maybe|possibly  recently:lately|of late
term:period|tenure  international:global|worldwide  millions:vast numbers
current:present|existing  comments:remarks|statements  strategy:plan|approach  led:guided|headed
role:part|function  average:typical|ordinary  months:mos  significant:notable|considerable
talk:discuss|speak  comes:arrives|appears  reform:overhaul|change  investment:funding|capital
approach:method|tactic  include:involve|contain  father:dad|parent  donors:contributors|givers
able:capable|in a position  free:complimentary|unrestricted  potential:possible|prospective
anything:something|any thing  legal:lawful|judicial  fund:finance|bankroll
industry:sector|trade  later:afterwards|subsequently  concerns:worries|fears
sure:certain|confident  contributors:donors|backers  activists:campaigners|advocates
enthusiasm:excitement|passion  trouble:difficulty|bother  concern:worry|fear  limit:restrict|cap
near:close|nearby  events:occasions|incidents  just:only|merely  like:such as|similar to
even:still|yet  since:as|because  around:about|approximately  time:period|moment
called:named|termed  americans:US citizens  american:US  make:produce|build  new:recent|fresh
win:succeed|prevail  change:alter|modify  country:nation|land  week:seven days  year:12 months
"""
for _entry in re.split(r"\s{2,}|\n", MORE_SYNONYMS.strip()):
    _word, _, _alternatives = _entry.partition(":")
    SYNONYMS.setdefault(_word, tuple(_alternatives.split("|")))

# Phrases, longest first; applied before single words.
PARAPHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("in order to", ("to", "so as to")),
    ("as well as", ("and also", "along with")),
    ("a number of", ("several", "various")),
    ("at least", ("no fewer than", "a minimum of")),
    ("more than", ("over", "in excess of")),
    ("less than", ("under", "below")),
    ("according to", ("as reported by", "per")),
    ("on the other hand", ("conversely", "by contrast")),
    ("for example", ("for instance", "such as")),
    ("in addition", ("furthermore", "moreover")),
    ("at the same time", ("meanwhile", "simultaneously")),
    ("because of", ("due to", "owing to")),
    ("in the past", ("previously", "formerly")),
    ("as a result", ("consequently", "therefore")),
    ("in a statement", ("in a release", "in written remarks")),
    ("told reporters", ("informed journalists", "said to the press")),
    ("on monday", ("Monday",)), ("on tuesday", ("Tuesday",)),
    ("on wednesday", ("Wednesday",)), ("on thursday", ("Thursday",)),
    ("on friday", ("Friday",)), ("on saturday", ("Saturday",)),
    ("on sunday", ("Sunday",)),
    ("the united states", ("the US", "America")),
    ("white house", ("the administration", "the presidential office")),
    ("it is", ("it's",)), ("did not", ("didn't",)), ("do not", ("don't",)),
    ("does not", ("doesn't",)), ("will not", ("won't",)), ("is not", ("isn't",)),
    ("was not", ("wasn't",)), ("could not", ("couldn't",)), ("would not", ("wouldn't",)),
    ("a lot of", ("lots of", "plenty of")),
    ("going to", ("set to", "about to")),
    ("so far", ("to date", "thus far")),
    ("each other", ("one another",)),
)

# Words a spinner slips in to make a text look new.
FILLERS = ("reportedly", "notably", "actually", "indeed", "clearly", "now", "also", "even",
           "currently", "apparently", "effectively", "certainly", "really", "essentially")

FARM_JUNK = (
    "ALSO READ: You Won't Believe What Happened Next",
    "Follow us on Google News for the latest updates!",
    "Disclaimer: This article is for informational purposes only.",
    "Advertisement",
    "Trending now: 10 things you need to know today",
)
BLOG_JUNK_TOP = ("Posted by admin on {date}", "{outlet} Blog", "Home » News » {title}")
BLOG_JUNK_BOTTOM = (
    "Share this:", "Twitter", "Facebook", "Like this:", "Like Loading...",
    "Related posts", "Previous post: {other}", "Next post: {other2}", "Post a Comment",
    '0 Response to "{title}"', "Join the conversation below",
)

_TOKEN = re.compile(r"\w+(?:[’']\w+)?|[^\w\s]+|\s+", re.UNICODE)


@dataclass
class Source:
    """A real article used as an original."""

    id: str
    title: str
    text: str
    outlet: str
    published: datetime


@dataclass
class Generated:
    """One labelled copy: its text and record fields, and what it is a copy of."""

    id: str
    kind: str          # exact | near | excerpt | reworded
    recipe: str        # how it was made, for the per-recipe breakdown
    original: str      # the Source's id
    title: str
    text: str
    outlet: str
    published: datetime | None
    extra: dict[str, object] = field(default_factory=dict)


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _case_like(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def reword_sentence(sentence: str, rng: random.Random, rate: float = 0.75,
                    fill: float = 0.0) -> str:
    """Replace phrases and words from the tables, keeping case and punctuation; with
    ``fill``, slip a filler word in after that share of the words."""
    lowered = sentence.lower()
    for phrase, options in PARAPHRASES:
        start = lowered.find(phrase)
        if start >= 0 and rng.random() < rate:
            end = start + len(phrase)
            boundary_ok = ((start == 0 or not lowered[start - 1].isalnum())
                           and (end == len(lowered) or not lowered[end].isalnum()))
            if boundary_ok:
                choice = _case_like(sentence[start:end], rng.choice(options))
                sentence = sentence[:start] + choice + sentence[end:]
                lowered = sentence.lower()
    out: list[str] = []
    for token in _TOKEN.findall(sentence):
        options = SYNONYMS.get(token.lower())
        if options and rng.random() < rate:
            token = _case_like(token, rng.choice(options))
        if (fill and len(out) > 2 and out[-1].isspace() and token[:1].islower()
                and rng.random() < fill):
            out.append(rng.choice(FILLERS) + " ")
        out.append(token)
    return "".join(out)


_SAID_END = re.compile(r"^(?P<quote>[“\"].+?[,.]?[”\"]),?\s+(?P<who>[^,.]{2,60}?)\s+"
                       r"(?P<verb>said|says|added|told \w+)\.$")
_LEADING = re.compile(r"^(?P<lead>(?:On|In|At|After|Before|During|Since|When|While|As|Although|"
                      r"Despite|Earlier|Later|Last|This|Following)\b[^,]{3,80}),\s+(?P<rest>.+)$")


def move_clauses(sentence: str, rng: random.Random) -> str:
    """Move a leading clause to the end, or put the speaker before the quote."""
    said = _SAID_END.match(sentence)
    if said and rng.random() < 0.7:
        quote = said["quote"].rstrip(",.”\"").lstrip("“\"")
        return f"{said['who'][:1].upper()}{said['who'][1:]} {said['verb']}: “{quote}.”"
    lead = _LEADING.match(sentence)
    if lead and rng.random() < 0.8:
        rest = lead["rest"].rstrip(".!?")
        end = sentence[-1] if sentence[-1] in ".!?" else "."
        lead_text = lead["lead"][:1].lower() + lead["lead"][1:]
        return f"{rest[:1].upper()}{rest[1:]} {lead_text}{end}"
    parts = sentence.rstrip(".").split(", and ", 1)
    if len(parts) == 2 and rng.random() < 0.5 and len(parts[1].split()) > 3:
        return f"{parts[1][:1].upper()}{parts[1][1:]}, and {parts[0][:1].lower()}{parts[0][1:]}."
    return sentence


def rewrite(text: str, rng: random.Random, rate: float = 0.8, fill: float = 0.1) -> str:
    """A content-farm rewrite: per sentence, then dropped, merged and swapped sentences."""
    out_paragraphs = []
    for paragraph in paragraphs(text):
        units = sentences(paragraph)
        rewritten = [reword_sentence(move_clauses(s, rng), rng, rate, fill) for s in units]
        kept = []
        for index, sentence in enumerate(rewritten):
            if index and rng.random() < 0.1:
                continue  # dropped
            if kept and rng.random() < 0.12:
                merged = kept[-1].rstrip(".") + ", and " + sentence[:1].lower() + sentence[1:]
                kept[-1] = merged
                continue
            kept.append(sentence)
        for index in range(len(kept) - 1):
            if rng.random() < 0.08:
                kept[index], kept[index + 1] = kept[index + 1], kept[index]
        if kept:
            out_paragraphs.append(" ".join(kept))
    return "\n\n".join(out_paragraphs)


def _wrap(text: str, width: int = 72) -> str:
    lines = []
    for paragraph in paragraphs(text):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        lines.append("")
    return "\n".join(lines).strip()


def _excerpt(text: str, share: float) -> str:
    """The first ``share`` of the words, cut at a sentence end."""
    units = [s for p in paragraphs(text) for s in sentences(p)]
    total = sum(len(s.split()) for s in units)
    kept, count = [], 0
    for sentence in units:
        if kept and count + len(sentence.split()) / 2 > share * total:
            break
        kept.append(sentence)
        count += len(sentence.split())
    return "\n\n".join(" ".join(kept[i:i + 3]) for i in range(0, len(kept), 3))


def _small_edits(text: str, rng: random.Random) -> str:
    """A few words changed here and there (as an editor fixing style would); at least one."""
    for _ in range(10):
        out = []
        for paragraph in paragraphs(text):
            if rng.random() < 0.3:
                paragraph = reword_sentence(paragraph, rng, rate=0.15)
            out.append(paragraph)
        edited = "\n\n".join(out)
        if edited != "\n\n".join(paragraphs(text)):
            return edited
    return edited + "\n\nThis story has been updated."


def make_copies(source: Source, rng: random.Random, others: list[str],
                kinds: tuple[str, ...] = ("exact", "junk", "near", "excerpt", "reworded"),
                ) -> list[Generated]:
    """The labelled copies of one source (one of each recipe family asked for)."""
    made: list[Generated] = []
    body = source.text
    paras = paragraphs(body)

    def when() -> datetime | None:
        if rng.random() < 0.15:
            return None  # a paste that lost its date
        return source.published + timedelta(minutes=rng.randint(10, 3 * 24 * 60))

    def add(kind: str, recipe: str, text: str, title: str | None = None,
            outlet: str | None = None) -> None:
        made.append(Generated(
            id=f"{source.id}~{recipe}", kind=kind, recipe=recipe, original=source.id,
            title=title or source.title, text=text,
            outlet=outlet or f"Copier {rng.randint(1, 40)}", published=when()))

    if "exact" in kinds:
        recipe = rng.choice(("wrapped", "retitled"))
        title = source.title if recipe == "wrapped" else reword_sentence(source.title, rng)
        add("exact", f"exact-{recipe}", _wrap(body) if recipe == "wrapped" else body, title)
    if "junk" in kinds:
        fill = {"date": source.published.strftime("%B %d, %Y"), "outlet": "NewsDesk",
                "title": source.title, "other": rng.choice(others), "other2": rng.choice(others)}
        top = [line.format(**fill) for line in rng.sample(BLOG_JUNK_TOP, 1)]
        attribution = rng.choice(("Originally published at {}", "This article first appeared on {}",
                                  "Source: {}"))
        bottom = [attribution.format(source.outlet)]
        bottom += [line.format(**fill) for line in BLOG_JUNK_BOTTOM if rng.random() < 0.7]
        add("exact", "exact-junk", "\n\n".join([*top, body, *bottom]), outlet="NewsDesk Blog")
    if "near" in kinds:
        recipe = rng.choice(("drop-paragraph", "credit", "edits"))
        if recipe == "drop-paragraph" and len(paras) >= 6:
            drop = rng.randrange(1, len(paras))
            text = "\n\n".join(p for i, p in enumerate(paras) if i != drop)
        elif recipe == "credit":
            # A dateline naming the source in the first long paragraph, a credit line.
            lead = next((i for i, p in enumerate(paras) if len(p.split()) >= 12), 0)
            dated = [f"WASHINGTON ({source.outlet}) — {p}" if i == lead else p
                     for i, p in enumerate(paras)]
            text = "\n\n".join(dated) + f"\n\n— {source.outlet}"
        else:
            recipe = "edits"
            text = _small_edits(body, rng)
        add("near", f"near-{recipe}", text)
    if "excerpt" in kinds:
        share = rng.choice((0.2, 0.4, 0.6))
        text = _excerpt(body, share) + f"\n\nRead the full story at {source.outlet}"
        add("excerpt", f"excerpt-{int(share * 100)}", text)
    if "reworded" in kinds:
        heavy = rng.random() < 0.5
        text = rewrite(body, rng, 1.0, 0.25) if heavy else rewrite(body, rng)
        if rng.random() < 0.5:
            lines = paragraphs(text)
            lines.insert(rng.randrange(1, max(2, len(lines))), rng.choice(FARM_JUNK))
            text = "\n\n".join(lines)
        add("reworded", "reworded-heavy" if heavy else "reworded", text,
            reword_sentence(source.title, rng), "Content Farm")
    return made
