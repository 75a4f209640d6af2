# ruff: noqa: E501
"""Build the demo WARC file, ``src/storywire/demo/corpus/archive.warc.gz``.

Pure standard library. Re-running it rewrites the archive byte for byte: every date and
record id is fixed, and each record is its own gzip member written with mtime 0.

The archive holds a ``warcinfo`` record, then a ``request``/``response`` pair for each of
ten article pages, a ``robots.txt`` (text/plain) and one 404 page that the engine should
skip. All text is original fiction written for storywire (MIT licence); every domain is
under ``.example``.

The page templates (``render_page``) are also used, outside this repository, to write the
HTML files of the demo corpus, which is why the three house styles the archive needs
(wire, national paper, local paper) live here.

    python scripts/build_demo_warc.py [--out PATH]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import struct
import uuid
import zlib
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "storywire" / "demo" / "corpus" / "archive.warc.gz"

# Fixed namespace so record ids are stable across runs.
RECORD_NS = uuid.UUID("5f0c6d2e-8a51-4c1e-9d0b-2b7f3a9e4c10")

# --------------------------------------------------------------------------------------
# Outlets and house styles
# --------------------------------------------------------------------------------------

OUTLETS = {
    "Meridian Wire": {
        "kind": "wire", "domain": "meridianwire.example", "lang": "en", "template": "wire",
        "nav": [("World", "/world/"), ("Business", "/business/"), ("Markets", "/markets/"),
                ("National", "/national/"), ("Politics", "/politics/")],
    },
    "The Northern Ledger": {
        "kind": "national", "domain": "ledger.example", "lang": "en", "template": "national",
        "nav": [("National", "/national/"), ("Politics", "/politics/"), ("Business", "/business/"),
                ("Environment", "/environment/"), ("World", "/world/"), ("Opinion", "/opinion/")],
        "copyright": "The Northern Ledger Company",
    },
    "The National Courier": {
        "kind": "national", "domain": "nationalcourier.example", "lang": "en", "template": "national",
        "nav": [("News", "/news/"), ("Health", "/health/"), ("Money", "/money/"),
                ("Politics", "/politics/"), ("Sport", "/sport/")],
        "copyright": "Courier Media Group",
    },
    "Carrow Evening Star": {
        "kind": "local", "domain": "carrowstar.example", "lang": "en", "template": "local",
        "tagline": "The voice of the capital since 1871",
        "nav": [("News", "/news/"), ("Health", "/news/health/"), ("Politics", "/news/politics/"),
                ("What's on", "/whats-on/"), ("Sport", "/sport/")],
        "more": "More from the Star",
    },
    "The Valley Post": {
        "kind": "local", "domain": "valleypost.example", "lang": "en", "template": "local",
        "tagline": "News for the Vestry Valley",
        "nav": [("Local", "/local/"), ("Millbrook", "/millbrook/"), ("Essendon", "/essendon/"),
                ("Sport", "/sport/"), ("Become a member", "/join")],
        "more": "More from the Valley",
    },
    "Harbour Gazette": {
        "kind": "local", "domain": "harbourgazette.example", "lang": "en", "template": "local",
        "tagline": "Port Aldane and the islands",
        "nav": [("News", "/news/"), ("Port", "/news/port/"), ("Islands", "/islands/"),
                ("Shipping times", "/shipping/"), ("Sport", "/sport/")],
        "more": "Also in the Gazette",
    },
    "Lakeside Tribune": {
        "kind": "local", "domain": "lakesidetribune.example", "lang": "en", "template": "local",
        "tagline": "Orrinford and the lake shore",
        "nav": [("Local", "/local/"), ("Lake life", "/lake/"), ("National", "/national/"),
                ("Notices", "/notices/")],
        "more": "Read more",
        "jsonld": True,
    },
    "NewsHub Daily": {
        "kind": "aggregator", "domain": "newshub.example", "lang": "en", "template": "blog",
    },
    "TrendPulse Now": {
        "kind": "content_farm", "domain": "trendpulse.example", "lang": "en", "template": "farm",
    },
    "L'Écho du Lac": {
        "kind": "local", "domain": "echodulac.example", "lang": "fr", "template": "local",
        "tagline": "Le quotidien de la rive sud",
        "nav": [("Actualités", "/actualites/"), ("Val-Sorel", "/val-sorel/"), ("Région", "/region/"),
                ("Sports", "/sports/"), ("Annonces", "/annonces/")],
        "more": "À lire aussi",
        "jsonld": True,
    },
}

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs(block: str) -> list[str]:
    """Split a triple-quoted body into paragraphs (blank-line separated, lines joined)."""
    out = []
    for chunk in block.strip().split("\n\n"):
        text = " ".join(line.strip() for line in chunk.strip().splitlines())
        if text:
            out.append(text)
    return out


def _clock(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    return f"{hour}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def human_date(iso: str, style: str, lang: str = "en") -> str:
    dt = datetime.fromisoformat(iso)
    if lang == "fr":
        return f"{DAYS_FR[dt.weekday()]} {dt.day} {MONTHS_FR[dt.month - 1]} {dt.year}, {dt.hour} h {dt.minute:02d}"
    if style == "wire":
        return f"{MONTHS_EN[dt.month - 1]} {dt.day}, {dt.year} {_clock(dt)} UTC"
    if style == "national":
        return f"{MONTHS_EN[dt.month - 1]} {dt.day}, {dt.year} at {_clock(dt)}"
    return f"{DAYS_EN[dt.weekday()]} {dt.day} {MONTHS_EN[dt.month - 1]} {dt.year}"


def byline_text(page: dict) -> str:
    if page.get("byline") is not None:
        return page["byline"]
    names = page["authors"]
    if not names:
        return ""
    by = "Par" if page.get("lang") == "fr" else "By"
    joined = " and ".join(names) if page.get("lang") != "fr" else " et ".join(names)
    return f"{by} {joined}"


def _head(page: dict, outlet: str, extra: str = "") -> str:
    meta_author = page.get("meta_author", ", ".join(page["authors"]))
    desc = page.get("description") or page["paragraphs"][0][:180]
    canonical = page.get("canonical") or page["url"]
    lines = [
        '<meta charset="utf-8">',
        f"<title>{esc(page['title'])} | {esc(outlet)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{attr(desc)}">',
    ]
    if meta_author:
        lines.append(f'<meta name="author" content="{attr(meta_author)}">')
    lines += [
        f'<meta property="og:site_name" content="{attr(outlet)}">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{attr(page["url"])}">',
        f'<meta property="article:published_time" content="{page["published"]}">',
    ]
    if page.get("section"):
        lines.append(f'<meta property="article:section" content="{attr(page["section"])}">')
    lines.append(f'<link rel="canonical" href="{attr(canonical)}">')
    if extra:
        lines.append(extra)
    return "\n".join(lines)


def _body_paras(page: dict, indent: str = "") -> str:
    out = [f"{indent}<p>{esc(p)}</p>" for p in page["paragraphs"]]
    out += [f'{indent}<p class="{cls}">{esc(p)}</p>' if cls else f"{indent}<p>{esc(p)}</p>"
            for cls, p in page.get("tail", [])]
    return "\n".join(out)


def _related(page: dict, indent: str = "") -> str:
    return "\n".join(
        f'{indent}<li><a href="{attr(url)}">{esc(title)}</a></li>' for title, url in page.get("related", [])
    )


def render_wire(page: dict) -> str:
    cfg = OUTLETS["Meridian Wire"]
    nav = " ".join(f'<a href="{u}">{esc(n)}</a>' for n, u in cfg["nav"])
    byline = byline_text(page)
    return f"""<!doctype html>
<html lang="en">
<head>
{_head(page, "Meridian Wire")}
<link rel="stylesheet" href="https://static.meridianwire.example/css/mw-2026.css">
</head>
<body class="mw">
<header class="mw-header">
<a href="/" class="mw-logo">MERIDIAN WIRE</a>
<nav class="mw-nav">{nav}</nav>
<a class="mw-login" href="/account/login">Sign in</a>
</header>
<div class="mw-page">
<article class="mw-story">
<h1 class="mw-headline">{esc(page["title"])}</h1>
<div class="mw-meta"><span class="mw-byline">{esc(byline)}</span> <time datetime="{page["published"]}">{human_date(page["published"], "wire")}</time></div>
<div class="mw-share">Share: <a href="https://x.example/share?u={attr(page["url"])}">X</a> <a href="https://linkedin.example/share?u={attr(page["url"])}">LinkedIn</a> <a href="mailto:?subject={attr(page["title"])}">Email</a></div>
<div class="mw-body">
{_body_paras(page)}
</div>
<p class="mw-standards"><a href="/trust-principles">Our Standards: The Meridian Wire Trust Principles.</a></p>
</article>
<aside class="mw-related">
<h4>Read next</h4>
<ul>
{_related(page)}
</ul>
</aside>
</div>
<footer class="mw-footer">
<p>All quotes delayed a minimum of 15 minutes.</p>
<p>&copy; 2026 Meridian Wire. All rights reserved.</p>
</footer>
</body>
</html>
"""


def render_national(page: dict) -> str:
    outlet = page["outlet"]
    cfg = OUTLETS[outlet]
    nav = "\n".join(f'<li><a href="{u}">{esc(n)}</a></li>' for n, u in cfg["nav"])
    names = page["authors"]
    if page.get("byline") is not None:
        byline_html = esc(page["byline"])
    elif names:
        links = [f'<a rel="author" href="/authors/{n.lower().replace(" ", "-")}">{esc(n)}</a>' for n in names]
        byline_html = "By " + " and ".join(links)
    else:
        byline_html = ""
    short = "ledger" if "Ledger" in outlet else "courier"
    return f"""<!doctype html>
<html lang="en">
<head>
{_head(page, outlet)}
<link rel="stylesheet" href="/static/{short}.css">
<script async src="https://ads.example/tag.js"></script>
</head>
<body>
<header class="site-header">
<a class="logo" href="/">{esc(outlet)}</a>
<nav aria-label="Sections"><ul>
{nav}
</ul></nav>
<a class="subscribe" href="/subscribe">Subscribe</a> <a class="signin" href="/login">Sign in</a>
</header>
<main id="main">
<article class="story">
<p class="kicker">{esc(page.get("section", "News"))}</p>
<h1>{esc(page["title"])}</h1>
<div class="byline">{byline_html} <time datetime="{page["published"]}">{human_date(page["published"], "national")}</time></div>
<div class="share-bar" role="group"><span>Share this story</span> <a href="https://twitter.example/intent/tweet?url={attr(page["url"])}">Twitter</a> <a href="https://facebook.example/sharer?u={attr(page["url"])}">Facebook</a> <a href="mailto:?subject={attr(page["title"])}">Email</a> <button type="button">Copy link</button></div>
<div class="story-body">
{_body_paras(page)}
</div>
</article>
<aside class="related">
<h2>Related stories</h2>
<ul>
{_related(page)}
</ul>
</aside>
<div class="newsletter"><p>Get the morning briefing in your inbox. <a href="/newsletters">Sign up</a></p></div>
</main>
<footer class="site-footer">
<p>&copy; 2026 {esc(cfg.get("copyright", outlet))}. All rights reserved.</p>
<nav><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a> | <a href="/contact">Contact us</a></nav>
</footer>
</body>
</html>
"""


def render_local(page: dict) -> str:
    outlet = page["outlet"]
    cfg = OUTLETS[outlet]
    lang = page.get("lang", "en")
    fr = lang == "fr"
    nav = "\n".join(f'<li><a href="{u}">{esc(n)}</a></li>' for n, u in cfg["nav"])
    top = " | ".join(
        f'<a href="{u}">{esc(n)}</a>'
        for n, u in ([("Accueil", "/"), ("Contact", "/contact"), ("S'abonner", "/abonnement")] if fr
                     else [("Home", "/"), ("Contact", "/contact"), ("Advertise", "/advertise"), ("Subscribe", "/subscribe")])
    )
    extra = ""
    if cfg.get("jsonld"):
        ld = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": page["title"],
            "datePublished": page["published"], "inLanguage": lang,
            "author": [{"@type": "Person", "name": n} for n in page["authors"]],
            "publisher": {"@type": "Organization", "name": outlet},
            "mainEntityOfPage": page["url"],
        }
        extra = '<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False) + "</script>"
    share = "Partager" if fr else "Share"
    rights = "Tous droits réservés." if fr else "All rights reserved."
    return f"""<!DOCTYPE html>
<html lang="{"fr-FR" if fr else "en-GB"}">
<head>
{_head(page, outlet, extra)}
<link rel="stylesheet" href="/wp-content/themes/townpaper/style.css">
</head>
<body class="single single-post">
<div id="top-bar">{top}</div>
<header id="masthead">
<div class="site-title"><a href="/">{esc(outlet)}</a></div>
<p class="tagline">{esc(cfg["tagline"])}</p>
<nav class="menu"><ul>
{nav}
</ul></nav>
</header>
<div id="content">
<article class="post">
<header class="entry-header">
<h1 class="entry-title">{esc(page["title"])}</h1>
<p class="entry-meta"><span class="author vcard">{esc(byline_text(page))}</span> &middot; <time class="published" datetime="{page["published"]}">{human_date(page["published"], "local", lang)}</time></p>
</header>
<div class="entry-content">
{_body_paras(page)}
</div>
<div class="social-share"><span>{share}:</span> <a class="share-facebook" href="https://facebook.example/sharer?u={attr(page["url"])}">Facebook</a> <a class="share-twitter" href="https://twitter.example/intent/tweet?url={attr(page["url"])}">Twitter</a> <a class="share-whatsapp" href="https://whatsapp.example/send?text={attr(page["url"])}">WhatsApp</a></div>
</article>
<section class="more-stories">
<h3>{esc(cfg["more"])}</h3>
<ul>
{_related(page)}
</ul>
</section>
</div>
<footer id="colophon">
<p>&copy; 2026 {esc(outlet)}. {rights}</p>
<p><a href="/privacy">{"Confidentialité" if fr else "Privacy"}</a> &middot; <a href="/contact">Contact</a></p>
</footer>
</body>
</html>
"""


def render_page(page: dict) -> str:
    """Render an article page in its outlet's house style (wire, national or local)."""
    template = OUTLETS[page["outlet"]]["template"]
    return {"wire": render_wire, "national": render_national, "local": render_local}[template](page)


# --------------------------------------------------------------------------------------
# The ten archived article pages
# --------------------------------------------------------------------------------------

WIRE_ORRIN_QUAKE = paragraphs("""
ORRINFORD, Nov 7 (Meridian Wire) — A magnitude 4.9 earthquake shook the Lake Orrin region on Saturday morning, cracking walls and breaking windows in lakeside towns but causing no deaths, emergency officials said.

The quake struck at 9:52 a.m. at a shallow depth beneath the southern part of the lake, about 8 kilometres from Orrinford, the National Geological Survey said. It was felt as far away as Millbrook, 60 kilometres to the west.

Two people were treated in hospital for minor injuries caused by falling objects, the Lake Orrin emergency office said. Inspectors were checking a road bridge at Greyhaven as a precaution.

“This was a moderate event on a fault that is not one of our most active, so it came as a surprise to many people,” said Dr. Lena Hart, a seismologist at the survey. She said it was not connected to the deadly Kessel Highlands earthquake five days earlier, which struck about 300 kilometres to the north.

In Orrinford, shoppers ran into the market square as goods fell from shelves. Orrinford mayor Colin Abara said the town's historic clock tower had lost several pieces of masonry and had been fenced off.

Ferry services across the lake were suspended for two hours while harbour walls were inspected, and the lake's two marinas were closed to visitors for the rest of the day.

Reporting by Daniel Okoro; Editing by Paul Grant
""")

WIRE_LUMENFIELD = paragraphs("""
CARROW, Nov 5 (Meridian Wire) — Lumenfield, the country's largest software company, said on Thursday it would cut about 1,200 jobs, or 8% of its workforce, as demand for its business accounting products slows and it shifts investment to automated tools.

The Carrow-based company said most of the cuts would fall in sales, customer support and middle management, and would be completed by the end of March. It expects to book restructuring charges of $85 million to $95 million.

“These are painful decisions that affect colleagues who have given a great deal to Lumenfield,” chief executive Corinne Bauer said in a memo to staff. “We have to be smaller and faster to compete.”

Lumenfield also cut its full-year revenue growth forecast to between 3% and 4%, from a previous range of 6% to 7%. Its shares fell 6.2% in early trading in Carrow.

Analysts said the cuts had been expected since the company lost two large public sector contracts this summer. “The market had priced in a restructuring, but not a forecast cut of this size,” said Felix Oduya, an analyst at Harrow Capital.

The Technology Workers' Union said it would seek urgent talks and accused the company of “using automation as cover for cost-cutting”.

Lumenfield employs about 15,000 people, including roughly 6,500 in Carrow. It reports third-quarter results on Nov. 12.

Reporting by Anna Reyes; Editing by Paul Grant
""")

PAGES: list[dict] = [
    {
        "outlet": "Meridian Wire",
        "url": "https://www.meridianwire.example/national/2026/11/07/orrin-basin-earthquake",
        "title": "Moderate earthquake shakes Lake Orrin region, minor damage reported",
        "authors": ["Daniel Okoro"],
        "published": "2026-11-07T11:15:00+00:00",
        "fetched": "2026-11-07T11:40:12Z",
        "section": "National",
        "paragraphs": WIRE_ORRIN_QUAKE,
        "related": [
            ("Strong earthquake kills at least 12 in Kessel Highlands", "https://www.meridianwire.example/world/2026/11/02/kessel-highlands-earthquake-kills-12"),
            ("Landslide-hit Vestry Valley rail line reopens after nine weeks", "https://www.meridianwire.example/national/2026/11/06/vestry-valley-rail-line-reopens"),
            ("Central bank holds rates, signals patience on inflation", "https://www.meridianwire.example/markets/2026/11/06/central-bank-holds-rates"),
        ],
    },
    {
        "outlet": "Harbour Gazette",
        "url": "https://www.harbourgazette.example/news/lake-orrin-earthquake-minor-damage-20417",
        "title": "Moderate earthquake shakes Lake Orrin region, minor damage reported",
        "authors": ["Daniel Okoro"],
        "byline": "By Daniel Okoro, Meridian Wire",
        "published": "2026-11-07T12:00:00+00:00",
        "fetched": "2026-11-07T12:31:40Z",
        "section": "National",
        "paragraphs": [WIRE_ORRIN_QUAKE[0].replace("ORRINFORD, Nov 7 (Meridian Wire)", "ORRINFORD, Saturday (Meridian Wire)"), *WIRE_ORRIN_QUAKE[1:5], WIRE_ORRIN_QUAKE[6]],
        "related": [
            ("Back to work: dockers accept deal as queue of ships stretches past the lighthouse", "https://www.harbourgazette.example/news/dockers-accept-deal-20391"),
            ("Island ferry timetable changes for winter", "https://www.harbourgazette.example/islands/ferry-winter-timetable-20355"),
        ],
    },
    {
        "outlet": "The Northern Ledger",
        "url": "https://www.ledger.example/national/2026/11/05/essendon-brightloom-fire",
        "title": "After the Brightloom fire, a valley town fears for its last big employer",
        "authors": ["Marcus Webb"],
        "published": "2026-11-05T20:30:00+00:00",
        "fetched": "2026-11-05T21:02:55Z",
        "section": "National",
        "paragraphs": paragraphs("""
ESSENDON — The smell of burnt wool still hung over the northern edge of this Vestry Valley town on Thursday afternoon, hours after fire crews finished damping down what was left of the Brightloom Textiles weaving hall.

Three workers were taken to hospital after the blaze, which began late on Wednesday, and one remained in a serious condition, Valley Fire and Rescue said. The fire service said 42 firefighters had been at the scene at the height of the fire.

Brightloom is the last large textile employer in a valley that once had more than a dozen mills. Its 180 jobs are spread across families in Essendon, Millbrook and the surrounding villages.

Jim Carver, a regional organiser for the General Workers' Union, which represents most of the staff, said workers needed to hear quickly whether the company planned to rebuild. “People have mortgages and children. They cannot live on reassurance,” he said.

The company said that it would continue to pay wages for at least a month. Nadia Fern, the operations director, said that the firm's insurers had already visited the site.

Chief fire officer Darius Quist said investigators had not ruled anything out. According to a fire service report seen by the Ledger, the plant had been inspected in June and was found to be compliant.

In the Weavers Arms, a pub across the road from the factory gate, landlord Peter Sayle said the mood was grim. “This town has been told it's finished before,” he said. “We are good at proving people wrong, but it gets harder every time.”
"""),
        "tail": [("credit", "Write to Marcus Webb at marcus.webb@ledger.example")],
        "related": [
            ("Flood-hit Millbrook votes for $4.5 million river wall", "https://www.ledger.example/national/2026/11/05/millbrook-flood-barrier-vote"),
            ("‘The hillside just came down’: highland villages count the cost of deadly quake", "https://www.ledger.example/national/2026/11/02/kessel-quake-hollin-cross"),
            ("Opinion: Small towns cannot rebuild on goodwill alone", "https://www.ledger.example/opinion/2026/11/04/small-towns-goodwill"),
        ],
    },
    {
        "outlet": "Meridian Wire",
        "url": "https://www.meridianwire.example/national/2026/11/06/vestry-valley-rail-line-reopens",
        "title": "Landslide-hit Vestry Valley rail line reopens after nine weeks",
        "authors": ["Mei Lin Tran"],
        "published": "2026-11-06T09:40:00+00:00",
        "fetched": "2026-11-06T10:05:03Z",
        "section": "National",
        "paragraphs": paragraphs("""
MILLBROOK, Nov 6 (Meridian Wire) — A regional railway in the Vestry Valley reopened on Friday, nine weeks after a landslide washed away part of the line and forced thousands of commuters onto replacement buses.

Valley Rail said the first train left Millbrook for Essendon at 6:10 a.m. A reduced timetable will run over the weekend, with the full service restored on Monday.

The company put the cost of the repair at $3.1 million. It said new drains and ground sensors had been installed along the rebuilt embankment to give early warning of any further movement.

Regional transport commissioner Gareth Owusu said in a statement that a review of other slopes on the 38-kilometre line would be published in January.

The closure drew complaints from businesses in Essendon, where traders said footfall had dropped while the line was shut. Essendon Chamber of Commerce chair Lucy Brennan said the town had “lost a summer's worth of visitors in a couple of months”.

The landslide was one of more than 30 recorded on the country's rail network during an unusually wet September, according to the national rail regulator, which has asked operators to survey their steepest cuttings before the end of the year.

Reporting by Mei Lin Tran; Editing by Paul Grant
"""),
        "related": [
            ("Fire guts textile plant in Essendon, three injured", "https://www.meridianwire.example/national/2026/11/05/essendon-textile-plant-fire"),
            ("Vestry Valley town approves flood barrier as climate costs mount", "https://www.meridianwire.example/national/2026/11/05/millbrook-flood-barrier"),
        ],
    },
    {
        "outlet": "Meridian Wire",
        "url": "https://www.meridianwire.example/business/2026/11/05/lumenfield-to-cut-1200-jobs",
        "title": "Lumenfield to cut 1,200 jobs as software sales slow",
        "authors": ["Anna Reyes"],
        "published": "2026-11-05T07:05:00+00:00",
        "fetched": "2026-11-05T07:30:47Z",
        "section": "Business",
        "paragraphs": WIRE_LUMENFIELD,
        "related": [
            ("Port Aldane dockworkers walk out over automation plan", "https://www.meridianwire.example/business/2026/11/03/port-aldane-dockworkers-walk-out"),
            ("Carrow stocks: tech shares drag index lower", "https://www.meridianwire.example/markets/2026/11/05/carrow-stocks-tech-lower"),
        ],
    },
    {
        "outlet": "The Northern Ledger",
        "url": "https://www.ledger.example/business/2026/11/05/lumenfield-job-cuts",
        "title": "Lumenfield to shed 1,200 jobs",
        "authors": ["Anna Reyes"],
        "byline": "By Anna Reyes, Meridian Wire",
        "published": "2026-11-05T08:00:00+00:00",
        "fetched": "2026-11-05T08:22:18Z",
        "section": "Business",
        "paragraphs": WIRE_LUMENFIELD,
        "related": [
            ("Dock strike halts cargo at Port Aldane", "https://www.ledger.example/business/2026/11/03/dock-strike-halts-cargo"),
            ("Markets live: tech stocks slide", "https://www.ledger.example/business/2026/11/05/markets-live"),
        ],
    },
    {
        "outlet": "The Northern Ledger",
        "url": "https://www.ledger.example/politics/2026/11/08/carrow-north-by-election-haddad",
        "title": "Haddad takes Carrow North as government's heartland crumbles",
        "authors": ["Claire Dunmore"],
        "published": "2026-11-08T09:00:00+00:00",
        "fetched": "2026-11-08T09:41:06Z",
        "section": "Politics",
        "paragraphs": paragraphs("""
The Civic Party has seized Carrow North from the government in a by-election that ministers had privately conceded would be close but had not expected to lose by more than 3,000 votes.

Samira Haddad, a 39-year-old former housing lawyer, won with 46 percent of the vote. The Reform League's Thomas Greaves came second with 34 percent, and turnout was 43 percent, high for a by-election held in November rain.

At the count in the Eastgate leisure centre, Haddad's supporters chanted her name as the result was read. In her speech she promised to fight for “the people on the housing waiting list, not the people on the donors' list”.

Government ministers were quick to play down the result. Transport Minister Alan Brisco said that by-elections were “always a chance for voters to send a message” and that the government would hold the seat at the general election.

Political scientists said the swing of nearly 14 points, if repeated nationally, would cost the Reform League its majority. “This is not a protest vote in a safe seat; it is a seat changing hands on a large swing,” said Professor Hana Okoye of Carrow University.

Inside the Reform League, the result is likely to revive questions about Prime Minister Edwin Harlow's leadership. One party official, speaking on condition of anonymity, said several lawmakers had been “ringing round” on Sunday morning.
"""),
        "tail": [("credit", "Write to Claire Dunmore at claire.dunmore@ledger.example")],
        "related": [
            ("Nurses' strike vote leaves Carrow General bracing for cancelled operations", "https://www.ledger.example/national/2026/11/04/carrow-general-nurses-contingency"),
            ("Opinion: What Carrow North tells us", "https://www.ledger.example/opinion/2026/11/08/what-carrow-north-tells-us"),
        ],
    },
    {
        "outlet": "Carrow Evening Star",
        "url": "https://www.carrowstar.example/news/politics/haddad-wins-carrow-north",
        "title": "Local lawyer Haddad wins Carrow North by-election",
        "authors": ["Ravi Patel"],
        "published": "2026-11-08T06:45:00+00:00",
        "fetched": "2026-11-08T07:15:30Z",
        "section": "Politics",
        "paragraphs": paragraphs("""
Samira Haddad, who grew up on the Eastgate estate and spent a decade running a free legal clinic for tenants, is Carrow North's new representative after winning Saturday's by-election.

She took 12,480 votes, 3,365 more than the Reform League's Thomas Greaves. The turnout was 41 percent.

Speaking to the Star after the declaration, a visibly tired Haddad said she would hold her first constituency surgery at the Eastgate library next Saturday. “I've knocked on thousands of doors in this campaign. Now people can knock on mine,” she said.

Haddad's mother, Leila, who sat in the front row at the count, said she had never doubted her daughter would win. “She was arguing with politicians on television when she was nine,” she said.

Greaves, who had served eight years on the city council, said he would take time to reflect before deciding his future. He thanked his campaign volunteers, some of whom, he said, had been knocking on doors since August.

Among the issues in Haddad's in-tray are the closure of the Northgate swimming pool, a long-running dispute over bus routes through the estate and a planning inquiry into the derelict Northgate rail yards, which she has promised to turn into affordable homes.
"""),
        "related": [
            ("‘Enough is enough’: Carrow General nurses vote to walk out", "https://www.carrowstar.example/news/health/nurses-strike-vote-carrow-general"),
            ("Christmas market returns to Castle Square", "https://www.carrowstar.example/whats-on/christmas-market-castle-square"),
        ],
    },
    {
        "outlet": "Carrow Evening Star",
        "url": "https://www.carrowstar.example/news/health/nurses-strike-vote-carrow-general",
        "title": "‘Enough is enough’: Carrow General nurses vote to walk out",
        "authors": ["Ravi Patel"],
        "published": "2026-11-04T17:05:00+00:00",
        "fetched": "2026-11-04T17:44:09Z",
        "section": "Health",
        "paragraphs": paragraphs("""
It was standing room only in the staff canteen at Carrow General on Wednesday afternoon when the result came through: nurses at the city's biggest hospital had voted to strike.

Turnout in the ballot, run by the Carrow Nurses' Association, was 78%, and the vote in favour was 87%. It is the first time nurses at the hospital have voted for industrial action since it opened in 1886.

“Enough is enough,” association president Grace Obi told the crowd. “We have done the extra shifts, we have skipped the breaks, we have covered the gaps. Now the hospital has to listen.”

Staff told the Star that shortages were worst on the elderly care wards. Kofi Mensah, a charge nurse who has worked at the hospital for 15 years, said he had left shifts recently with patients still waiting for pain relief. “You go home and you lie awake,” he said.

The hospital's chief executive, Martin Heller, said the board would meet on Friday to consider its response. He told the Star that the hospital wanted to avoid disruption for patients and that the door to negotiations remained open.

Carrow city councillor Fiona Grant, who chairs the council's health scrutiny committee, said she would write to the health minister asking him to step in.

Patients with appointments next week have been told to attend as normal. The hospital said it would contact anyone whose treatment was affected by a strike at least 48 hours in advance.
"""),
        "related": [
            ("Local lawyer Haddad wins Carrow North by-election", "https://www.carrowstar.example/news/politics/haddad-wins-carrow-north"),
            ("Roadworks on Castle Street extended to December", "https://www.carrowstar.example/news/roadworks-castle-street"),
        ],
    },
    {
        "outlet": "The Northern Ledger",
        "url": "https://www.ledger.example/environment/2026/11/09/lake-orrin-hosepipe-ban",
        "title": "Drought forces first hosepipe ban at Lake Orrin since 1984",
        "authors": ["Owen Tate"],
        "published": "2026-11-09T10:30:00+00:00",
        "fetched": "2026-11-09T11:02:44Z",
        "section": "Environment",
        "paragraphs": paragraphs("""
The authority that supplies water to nearly 200,000 people around Lake Orrin has imposed the region's first hosepipe ban since 1984, after months of low rainfall left the lake at its lowest autumn level on record.

The Orrin Water Authority said the ban, which takes effect on Wednesday, would stay in place at least until the end of February. Repeat offenders could face fines of up to $1,000, it said.

Natalia Brooks, the authority's chief executive, said that average daily use had risen by 8 percent over the past decade as new housing was built along the northern shore. She said that the authority would bring forward plans for a second intake pipe in deeper water.

Environmental groups said the crisis was a warning. “We have treated the lake as if it were bottomless,” said Ingrid Sollen of the Friends of Lake Orrin. “This autumn shows it is not.”

The national weather service said rainfall in the Orrin catchment had been 38 percent below average since May. Its long-range forecast gives a better than even chance of a wetter-than-normal winter.

In Orrinford, where boats lay tilted on exposed mud in the harbour, some residents were sceptical that a hosepipe ban would make much difference in November. “Who is watering their garden now?” asked retired teacher Graham Pell. “The farms are the ones using the water.”
"""),
        "tail": [("credit", "Write to Owen Tate at owen.tate@ledger.example")],
        "related": [
            ("Lake Orrin quake brings scare but little damage", "https://www.ledger.example/national/2026/11/07/lake-orrin-quake"),
            ("Vestry Valley line reopens, but engineers warn more slopes are at risk", "https://www.ledger.example/national/2026/11/06/vestry-valley-line-reopens"),
        ],
    },
]

ROBOTS_TXT = """User-agent: *
Disallow: /account/
Disallow: /search
Allow: /

Sitemap: https://www.meridianwire.example/sitemap.xml
"""

NOT_FOUND_URL = "https://www.ledger.example/national/2026/11/04/nurses-ballot-live-updates"
NOT_FOUND_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Page not found | The Northern Ledger</title>
<meta property="og:site_name" content="The Northern Ledger"></head>
<body>
<header class="site-header"><a class="logo" href="/">The Northern Ledger</a></header>
<main><h1>Sorry, we can't find that page</h1>
<p>The page you were looking for may have been moved or deleted. Try searching for it, or go to the <a href="/">home page</a>.</p></main>
<footer class="site-footer"><p>&copy; 2026 The Northern Ledger Company. All rights reserved.</p></footer>
</body>
</html>
"""

# --------------------------------------------------------------------------------------
# WARC writing
# --------------------------------------------------------------------------------------


def _gzip_member(data: bytes) -> bytes:
    """One gzip member with a fixed header (mtime 0, OS 'unknown'): deterministic output."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    body = comp.compress(data) + comp.flush()
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff"
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return header + body + trailer


def _sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_NS, name)}>"


def _record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    lines = ["WARC/1.0"] + [f"{k}: {v}" for k, v in headers] + [f"Content-Length: {len(block)}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return _gzip_member(head + block + b"\r\n\r\n")


def _http_date(warc_date: str) -> str:
    dt = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ")
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{days[dt.weekday()]}, {dt.day:02d} {months[dt.month - 1]} {dt.year} {dt:%H:%M:%S} GMT"


def _exchange(url: str, date: str, status: str, ctype: str, body: bytes, ip: str, info_id: str) -> bytes:
    host = url.split("/")[2]
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: storywire-demo-crawler/1.0 (+https://storywire.example/bot)\r\n"
        "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
    ).encode()
    response_head = (
        f"HTTP/1.1 {status}\r\nDate: {_http_date(date)}\r\nServer: nginx\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: max-age=300\r\nConnection: close\r\n\r\n"
    ).encode()
    response = response_head + body
    req_id = _record_id(f"request {url}")
    resp_id = _record_id(f"response {url}")
    req = _record([
        ("WARC-Type", "request"),
        ("WARC-Target-URI", url),
        ("WARC-Date", date),
        ("WARC-Record-ID", req_id),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-Concurrent-To", resp_id),
        ("Content-Type", "application/http; msgtype=request"),
        ("WARC-Block-Digest", _sha1_b32(request)),
    ], request)
    resp = _record([
        ("WARC-Type", "response"),
        ("WARC-Target-URI", url),
        ("WARC-Date", date),
        ("WARC-Record-ID", resp_id),
        ("WARC-Warcinfo-ID", info_id),
        ("WARC-IP-Address", ip),
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Block-Digest", _sha1_b32(response)),
        ("WARC-Payload-Digest", _sha1_b32(body)),
    ], response)
    return req + resp


def build(out: Path) -> int:
    info_id = _record_id("warcinfo archive.warc.gz")
    fields = (
        b"software: storywire scripts/build_demo_warc.py\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"robots: obey\r\n"
        b"isPartOf: storywire-demo\r\n"
        b"description: Demo crawl for storywire. Original fiction; every domain is under .example.\r\n"
    )
    chunks = [_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2026-11-09T12:00:00Z"),
        ("WARC-Record-ID", info_id),
        ("WARC-Filename", "archive.warc.gz"),
        ("Content-Type", "application/warc-fields"),
    ], fields)]
    chunks.append(_exchange("https://www.meridianwire.example/robots.txt", "2026-11-04T17:44:02Z", "200 OK",
                            "text/plain; charset=utf-8", ROBOTS_TXT.encode("utf-8"), "192.0.2.10", info_id))
    ips = {"Meridian Wire": "192.0.2.10", "The Northern Ledger": "192.0.2.21",
           "Harbour Gazette": "198.51.100.7", "Carrow Evening Star": "198.51.100.33"}
    pages = sorted(PAGES, key=lambda p: p["fetched"])
    for page in pages:
        body = render_page(page).encode("utf-8")
        chunks.append(_exchange(page["url"], page["fetched"], "200 OK", "text/html; charset=utf-8",
                                body, ips[page["outlet"]], info_id))
        if page["url"].endswith("lumenfield-job-cuts"):
            # A dead link followed from the same crawl: the engine must skip it.
            chunks.append(_exchange(NOT_FOUND_URL, "2026-11-05T08:22:30Z", "404 Not Found",
                                    "text/html; charset=utf-8", NOT_FOUND_HTML.encode("utf-8"),
                                    "192.0.2.21", info_id))
    data = b"".join(chunks)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    size = build(args.out)
    print(f"wrote {args.out} ({size} bytes, {2 * len(PAGES) + 5} records)")


if __name__ == "__main__":
    main()
