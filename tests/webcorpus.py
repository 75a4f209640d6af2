"""The web tests' store: the demo corpus, a hostile page, a watch with alerts, and one
article annotated the way the understand stage annotates articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

from storywire.demo import corpus_path, truth_path
from storywire.monitor import CycleReport, Monitor
from storywire.pipeline import Pipeline
from storywire.store import open_store

from conftest import demo_key

HOSTILE_TITLE = '<script>window.__pwned = 1</script>Harbour <img src=x onerror="window.__pwned=2">'
HOSTILE_AUTHOR = '<b onmouseover="window.__pwned=3">Mallory</b><script>window.__pwned=4</script>'
HOSTILE_HTML = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{HOSTILE_TITLE.replace('<', '&lt;').replace('>', '&gt;')}</title>
<meta property="og:title" content="{HOSTILE_TITLE.replace('"', '&quot;').replace('<', '&lt;')}">
<meta property="og:site_name" content="Hostile Herald">
<meta name="author" content="{HOSTILE_AUTHOR.replace('"', '&quot;').replace('<', '&lt;')}">
<meta property="article:published_time" content="2026-11-10T08:00:00+00:00">
</head><body><article>
<h1>Harbour pilots warn of night-time closures</h1>
<p>Harbour pilots said on Monday that the port may close at night from December,
&lt;script&gt;window.__pwned = 5&lt;/script&gt; citing a shortage of trained crews and the cost of
overtime that the port authority has refused to cover for a third year running.</p>
<p>The pilots' association wrote to the harbour master &lt;img src=x onerror="window.__pwned=6"&gt;
asking for an emergency meeting before the winter schedule is fixed next week, and warned
that ships would queue in the outer anchorage if the closures went ahead.</p>
<p>A spokesperson for the port authority said it was studying the letter and expected to
reply within days, adding that safety would not be compromised under any schedule.</p>
</article></body></html>"""



def build(folder: Path, db: str | Path | None = None) -> str:
    """Create the store at ``db`` (default: a SQLite file under ``folder``), return where."""
    db = str(db or folder / "web.db")
    hostile = folder / "hostile" / "hostile-herald.html"
    hostile.parent.mkdir(parents=True, exist_ok=True)
    hostile.write_text(HOSTILE_HTML, "utf-8")
    with open_store(db) as store:
        store.add_watch("quakes", "quake OR earthquake OR séisme",
                        ["webhook:http://127.0.0.1:9/unreachable"])
        Pipeline(store).ingest([str(corpus_path()), str(hostile.parent)])
        Monitor(store).evaluate_watches(CycleReport())
        alert = store.recent_alerts(store.get_watch("quakes").id, 1)[0]
        store.delivery_done(alert.id, "webhook:http://127.0.0.1:9/unreachable",
                            "connection refused", None)
        group_by_truth(store)
        # The HTML extractor strips markup from bylines, but a JSON record or a later stage
        # can store any string: the web face must escape whatever the store holds.
        hostile = next(a for a in store.iter_articles() if a.outlet == "Hostile Herald")
        hostile.authors = [HOSTILE_AUTHOR, *hostile.authors]
        hostile.url = "javascript:window.__pwned=7"
        store.put_article(hostile)
    return db


def group_by_truth(store) -> None:
    """Stories and figures pinned to the demo's ground truth, over what the story and
    understand stages found, so that the web tests assert on stable ids and numbers:
    ``story_id`` is the article's event, and the figures truth.json records for an event
    (e.g. E01's death toll: 12 in one report, 14 in another) are set on the reports that
    give them. The stages' own output is tested in test_stories*.py and test_understand*."""
    truth = json.loads(truth_path().read_text("utf-8"))
    events = {a["key"]: a.get("event") for a in truth["articles"]}
    figures: dict[str, list[dict]] = {}
    for event in truth["events"]:
        for figure in event.get("figures", []):
            for key, said in figure["reports"].items():
                number = re.search(r"\d[\d,]*", said)
                if number:
                    value = int(number.group(0).replace(",", ""))
                    qualifier = said[:number.start()].strip() or None
                    figures.setdefault(key, []).append({
                        "value": value, "approximate": bool(qualifier), "low": None,
                        "high": None, "qualifier": qualifier, "subject": figure["what"],
                        "sentence": said, "start": 0, "end": 0})
    with store.transaction():
        for article in list(store.iter_articles()):
            key = demo_key(article)
            if events.get(key):
                article.story_id = events[key]
                article.figures = figures.get(key, [])
                store.put_article(article)
