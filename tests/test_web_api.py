"""The web app through FastAPI's TestClient over the demo corpus: pages, JSON API, feeds,
escaping of hostile text, the write policy and errors."""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from storywire.demo import truth_path
from storywire.store import open_store
from storywire.web import create_app
from storywire.web.security import CSP

from conftest import BACKENDS, new_location
from webcorpus import HOSTILE_AUTHOR, build


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    """The web corpus, in a SQLite file and then in a PostgreSQL database."""
    folder = tmp_path_factory.mktemp("web")
    for location in new_location(request, folder, "web.db"):
        yield build(folder, location)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as opened:
        yield opened


@pytest.fixture(scope="module")
def hostile(db):
    with open_store(db) as store:
        return next(a for a in store.iter_articles() if a.outlet == "Hostile Herald")


def _all_pages(client, path, **params):
    items, after = [], None
    while True:
        page = client.get(path, params={**params, **({"after": after} if after else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        after = body["next_cursor"]
        if not after:
            return items


def test_front_page_lists_originals_with_their_copies_counted(client, db):
    with open_store(db) as store:
        originals = [a for a in store.iter_articles() if not a.copy_of]
        copies = {}
        for a in store.iter_articles():
            if a.copy_of:
                copies[a.copy_of] = copies.get(a.copy_of, 0) + 1
    items = _all_pages(client, "/api/articles", limit=7)
    assert sorted(i["id"] for i in items) == sorted(a.id for a in originals)
    assert {i["id"]: i["copies"] for i in items if i["copies"]} == copies
    dated = [i["published"] for i in items if i["published"]]
    assert dated == sorted(dated, reverse=True)  # newest first, across page boundaries
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP
    first = [i for i in items[:20] if i["copies"] > 1]  # the page shows 20
    assert first, "no original with several copies on the first page"
    top = first[0]
    assert f'/articles/{top["id"]}/copies">{top["copies"]} copies folded' in page.text


def test_filters_by_outlet_language_and_date(client):
    french = _all_pages(client, "/api/articles", language="fr", originals="false")
    assert french and all(i["language"] == "fr" for i in french)
    ledger = _all_pages(client, "/api/articles", outlet="The Northern Ledger",
                        originals="false")
    assert ledger and {i["outlet"] for i in ledger} == {"The Northern Ledger"}
    day = _all_pages(client, "/api/articles", since="2026-11-05", until="2026-11-05",
                     originals="false")
    assert day and all(i["published"].startswith("2026-11-05") for i in day)
    page = client.get("/", params={"language": "fr"})
    assert 'lang="fr"' in page.text and 'lang="en">en</span>' not in page.text
    assert client.get("/api/articles", params={"since": "yesterday"}).status_code == 422


def test_search_highlights_and_escapes(client):
    body = client.get("/api/search", params={"q": "earthquake", "limit": 3}).json()
    assert body["items"] and body["next_offset"] == 3
    assert all("<mark>" in i["snippet_html"].lower() for i in body["items"])
    page = client.get("/", params={"q": "earthquake"})
    assert page.text.count("<mark>") >= 3
    hostile = client.get("/api/search", params={"q": "pwned"}).json()["items"]
    assert hostile and "<script>" not in hostile[0]["snippet_html"]
    assert "<img" not in hostile[0]["snippet_html"] and "&lt;" in hostile[0]["snippet_html"]
    nul = client.get("/api/search", params={"q": 'strike "\x00'})  # an unclosed quote
    assert nul.status_code == 400 and "unclosed quote" in nul.json()["error"]["message"]
    assert client.get("/api/search", params={"q": 'strike "\x00"'}).status_code == 400
    page = client.get("/", params={"q": "pwned"})
    assert "<script>window" not in page.text and "&lt;script&gt;window" in page.text


def test_article_page_escapes_hostile_title_text_and_author(client, hostile):
    assert "<script>" in hostile.title and "<script>" in hostile.text
    assert hostile.authors and "onmouseover" in hostile.authors[0]
    page = client.get(f"/articles/{hostile.id}").text
    assert "<script>window" not in page and "<img src=x" not in page
    assert "<b onmouseover" not in page
    # The understand stage may mark a quote ending inside the hostile text: the app's own
    # <span> marks can split it, the escaped text is there once they are taken out.
    unmarked = re.sub(r'</?span[^>]*>', "", page)
    assert "&lt;script&gt;window.__pwned = 5&lt;/script&gt;" in unmarked
    assert HOSTILE_AUTHOR not in page
    assert 'href="javascript:' not in page and "javascript:window.__pwned=7" in page
    # the only script on any page is the app's own file
    assert page.count("<script") == 1 and '<script src="/static/app.js" defer>' in page


def test_article_page_marks_entities_and_quotes_and_shows_junk(client, db):
    with open_store(db) as store:
        annotated = next(a for a in store.iter_articles() if not a.copy_of
                         and any(q["kind"] == "direct" and q["speaker"] for q in a.quotes)
                         and any(e["label"] == "PERSON" for e in a.entities))
        junk = next(a for a in store.iter_articles() if a.removed)
    person = next(e for e in annotated.entities if e["label"] == "PERSON")
    quote = next(q for q in annotated.quotes if q["kind"] == "direct" and q["speaker"])
    page = client.get(f"/articles/{annotated.id}").text
    assert (f'class="entity label-PERSON" title="PERSON: {html.escape(person["canonical"])}">'
            in page)
    assert f'<span class="quote" title="{html.escape(quote["speaker"])} (direct)">' in page
    assert "Who said what" in page
    page = client.get(f"/articles/{junk.id}").text
    assert f"Removed as junk ({len(junk.removed)})" in page
    body = client.get(f"/api/articles/{junk.id[:8]}").json()
    assert body["id"] == junk.id and body["removed"] == junk.removed


def test_copy_tree_matches_the_truth_with_kind_similarity_lag_and_timeline(client, db):
    with open_store(db) as store:
        copy = next(a for a in store.iter_articles() if a.copy_of)
        siblings = [a.id for a in store.copies_of(copy.copy_of)]
    body = client.get(f"/api/articles/{copy.id}/copies").json()
    assert body["original"]["id"] == copy.copy_of
    assert sorted(r["article"]["id"] for r in body["copies"]) == sorted(siblings)
    row = next(r for r in body["copies"] if r["article"]["id"] == copy.id)
    assert row["kind"] == copy.copy_kind and 0 < row["similarity"] <= 1 and row["lag"]
    assert len(body["timeline"]) == 1 + len(siblings) or any(
        not r["article"]["published"] for r in body["copies"])
    page = client.get(f"/articles/{copy.id}/copies").text
    assert "<svg" in page and page.count("<circle") == len(body["timeline"])
    assert f'<a href="/articles/{copy.copy_of}">' in page
    assert truth_path().exists()


def test_people_page(client):
    people = client.get("/api/people").json()["items"]
    oduya = next(p for p in people if p["name"] == "Felix Oduya")
    assert oduya["quotes"] >= 1 and oduya["mentions"] >= 1 and oduya["said"]
    assert oduya["by_day"] and sum(b["count"] for b in oduya["bars"]) >= 1
    page = client.get("/people").text
    assert "Felix Oduya" in page and '<svg class="spark" role="img"' in page


def test_people_page_explains_when_empty(tmp_path):
    with TestClient(create_app(str(tmp_path / "empty.db"))) as empty:
        assert "Nobody is listed yet" in empty.get("/people").text
        assert "No article here yet" in empty.get("/").text


def test_watches_list_test_alerts_add_and_remove(client):
    alerts = client.get("/api/watches/quakes/alerts").json()["items"]
    assert alerts and alerts[0]["deliveries"]
    states = {d["state"] for a in alerts for d in a["deliveries"]}
    assert "dead" in states and "pending" in states
    page = client.get("/watches").text
    assert "connection refused" in page and "state-dead" in page
    matches = client.get("/api/watches/quakes/test").json()["items"]
    assert len(matches) >= 2 and all(m["headline"] for m in matches)
    made = client.post("/api/watches", json={"name": "strikes", "query": "strike NOT nurses"})
    assert made.status_code == 201, made.text
    assert [w["name"] for w in client.get("/api/watches").json()["items"]] == [
        "quakes", "strikes"]
    bad = client.post("/api/watches", json={"name": "bad", "query": "(strike"})
    assert bad.status_code == 422 and bad.json()["error"]["message"]
    twice = client.post("/api/watches", json={"name": "strikes", "query": "strike"})
    assert twice.status_code == 422 and "exists already" in twice.json()["error"]["message"]
    form = client.post("/watches", data={"name": "ports", "query": "port AND strike"},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/watches/ports"
    assert "Test: what it would alert on" in client.get("/watches/ports").text
    assert client.delete("/api/watches/strikes").status_code == 204
    assert client.post("/watches/ports/remove", follow_redirects=False).status_code == 303
    assert client.delete("/api/watches/strikes").json()["error"]["status"] == 404


def test_atom_feeds(client):
    feed = client.get("/feeds/watches/quakes.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(feed.content).findall(f"{atom}entry")
    alerts = client.get("/api/watches/quakes/alerts").json()["items"]
    # Titles are the headlines (a reader shows the feed's name already); times readable.
    assert entries and entries[0].find(f"{atom}title").text == alerts[0]["payload"][
        "headline"]
    assert " UTC" in entries[0].find(f"{atom}summary").text
    everything = ET.fromstring(client.get("/feeds/articles.atom").content)
    entries = everything.findall(f"{atom}entry")
    assert len(entries) > 10
    # Every entry links somewhere: its URL, or its page here when it was read from a file.
    links = [e.find(f"{atom}link") for e in entries]
    assert all(link is not None and link.get("href") for link in links)
    assert any(link.get("href").startswith("http://127.0.0.1/articles/") for link in links)
    assert not any(e.find(f"{atom}title").text.startswith("[all]") for e in entries)
    assert client.get("/feeds/watches/nope.atom").json()["error"]["status"] == 404
    stories = ET.fromstring(client.get("/feeds/stories.atom").content)
    entries = stories.findall("{http://www.w3.org/2005/Atom}entry")
    first = client.get("/api/stories").json()["items"][0]
    assert len(entries) == 15  # the demo's 14 events and the hostile page's story
    assert entries[0].find("{http://www.w3.org/2005/Atom}id").text == \
        f"urn:storywire:story:{first['id']}"
    link = entries[0].find("{http://www.w3.org/2005/Atom}link").get("href")
    assert link.endswith(f"/stories/{first['id']}")


def test_errors_are_json_under_api_and_pages_elsewhere(client):
    missing = client.get("/api/articles/ffffffffffff")
    assert missing.status_code == 404 and "no article" in missing.json()["error"]["message"]
    assert client.get("/api/articles", params={"limit": 0}).json()["error"]["status"] == 422
    assert "not a page cursor" in client.get("/api/articles",
                                             params={"after": "x"}).json()["error"]["message"]
    assert client.get("/api/nothing").json()["error"]["status"] == 404
    page = client.get("/articles/ffffffffffff")
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text


def test_writes_need_the_token_beyond_loopback(db):
    open_app = create_app(str(db), loopback_only=False)
    with TestClient(open_app) as c:
        refused = c.post("/api/watches", json={"name": "x", "query": "x"})
        assert refused.status_code == 403 and "--token" in refused.json()["error"]["message"]
    with TestClient(create_app(str(db), token="s3cret", loopback_only=False)) as c:
        assert c.post("/api/watches", json={"name": "x", "query": "x"}).status_code == 403
        ok = c.post("/api/watches", json={"name": "tok", "query": "x"},
                    headers={"X-Storywire-Token": "s3cret"})
        assert ok.status_code == 201
        assert c.post("/watches/tok/remove", data={"token": "s3cret"},
                      follow_redirects=False).status_code == 303
        assert 'name="token" type="password"' in c.get("/watches").text


def test_cross_site_writes_and_foreign_hosts_are_refused(db):
    with TestClient(create_app(str(db), allowed_hosts=["127.0.0.1"]),
                    base_url="http://127.0.0.1") as c:
        forged = c.post("/watches", data={"name": "x", "query": "x"},
                        headers={"Origin": "http://evil.example"})
        assert forged.status_code == 403
        assert c.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_openapi_document(client):
    doc = client.get("/api/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/articles", "/api/search", "/api/articles/{article_id}",
                 "/api/articles/{article_id}/copies", "/api/people", "/api/watches",
                 "/api/watches/{name}/alerts", "/api/stories", "/feeds/articles.atom"):
        assert path in paths
    assert "/" not in paths and "/watches" not in paths  # pages stay out of the API
    for path in ("/api/articles", "/api/search", "/api/people", "/api/watches"):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert "limit" in names and ({"after", "offset"} & names)


def test_story_shows_reports_side_by_side_with_copies_quotes_and_figures(client, db):
    with open_store(db) as store:
        quake = [a for a in store.iter_articles() if a.story_id == "E01"]
        quoted = next(a for a in store.iter_articles()
                      if any(q["speaker"] == "Felix Oduya" for q in a.quotes))
    ids = {a.id for a in quake}
    independent = {a.id for a in quake if not a.copy_of or a.copy_of not in ids}
    body = client.get("/api/stories/E01").json()
    assert {r["id"] for r in body["reports"]} == independent
    folded = {c["article"]["id"] for r in body["reports"] for c in r["copies"]}
    assert folded == ids - independent and len(body["timeline"]) <= len(ids)
    killed = next(f for f in body["figures"] if f["subject"] == "people killed")
    assert killed["disagree"] and {v["value"] for v in killed["values"]} >= {12, 14}
    page = client.get("/stories/E01").text
    assert page.count('<article class="report"') == len(independent)
    assert "people killed <strong class=\"differs\">differs</strong>" in page
    said = client.get(f"/api/stories/{quoted.story_id}").json()["quotes_by_speaker"]
    oduya = next(group for group in said if group["speaker"] == "Felix Oduya")
    assert oduya["quotes"][0]["text"]
    assert "<h3 class=\"speaker\">Felix Oduya</h3>" in client.get(
        f"/stories/{quoted.story_id}").text


def test_before_grouping_a_story_is_an_original_and_its_copies(client, hostile):
    body = client.get(f"/api/stories/{hostile.id}").json()
    assert body["id"] == hostile.id and len(body["reports"]) == 1
    assert "<script>window" not in client.get(f"/stories/{hostile.id}").text
    assert client.get("/api/stories/nothing-here").json()["error"]["status"] == 404


def test_latest_stories_on_the_front_page(client, db):
    with open_store(db) as store:
        articles = list(store.iter_articles())
    newest: dict[str, str] = {}
    for a in articles:
        if a.story_id and a.published:
            newest[a.story_id] = max(newest.get(a.story_id, ""), a.published.isoformat())
    expected = sorted(newest, key=lambda k: newest[k], reverse=True)[:10]
    items = client.get("/api/stories").json()["items"]
    assert [s["id"] for s in items] == expected
    e01 = client.get("/api/stories", params={"limit": 100}).json()["items"]
    quake = next(s for s in e01 if s["id"] == "E01")
    members = [a for a in articles if a.story_id == "E01"]
    assert quake["articles"] == len(members)
    assert quake["copies"] == sum(1 for a in members if a.copy_of)
    assert quake["reports"] + quake["copies"] == len(members)
    page = client.get("/").text
    assert 'id="stories-h">Latest stories' in page
    assert f'<a href="/stories/{expected[0]}">' in page
    assert "Latest stories" not in client.get("/", params={"outlet": "Meridian Wire"}).text


def test_only_http_links_reach_the_atom_feeds(client, hostile):
    """The hostile article's URL is ``javascript:``: the article page shows it as text and
    the feed of new articles links to that page instead (a feed reader would run it)."""
    assert hostile.url.startswith("javascript:")
    page = client.get(f"/articles/{hostile.id}").text
    assert 'href="javascript:' not in page and "javascript:window.__pwned=7" in page
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(client.get("/feeds/articles.atom").content)
    entry = next(e for e in feed.findall(f"{atom}entry")
                 if e.find(f"{atom}id").text == f"urn:storywire:article:{hostile.id}")
    assert entry.find(f"{atom}link").get("href").endswith(f"/articles/{hostile.id}")
    assert "javascript:" not in ET.tostring(entry, encoding="unicode")
    linked = [e.find(f"{atom}link") for e in feed.findall(f"{atom}entry")]
    assert all(link.get("href").startswith(("http://", "https://"))
               for link in linked if link is not None)


@pytest.mark.parametrize(("query", "reason"), [
    ("a* " * 160, "160 prefix terms"), ("(" * 240 + "quake" + ")" * 240, "more than 16 deep"),
    ("NOT " * 100 + "quake", "more than 16 deep"), ("quake OR", "ends where a term"),
    ("lang:en", "nothing to look for"), ("(quake", "unclosed parenthesis"),
])
def test_query_budget_and_syntax_errors_are_400_with_the_reason(client, query, reason):
    api = client.get("/api/search", params={"q": query})
    assert api.status_code == 400 and reason in api.json()["error"]["message"]
    page = client.get("/", params={"q": query})
    assert page.status_code == 400 and reason in html.unescape(page.text)


def test_a_watch_nested_too_deep_is_refused_not_a_server_error(client):
    deep = "(" * 300 + "quake" + ")" * 300
    api = client.post("/api/watches", json={"name": "deep", "query": deep[:1000]})
    assert api.status_code == 422 and "characters" in api.json()["error"]["message"]
    nested = "(" * 200 + "quake" + ")" * 200
    form = client.post("/watches", data={"name": "deep", "query": nested})
    assert form.status_code == 422 and "more than 16 deep" in form.text
    assert client.get("/api/watches/deep/test").status_code == 404


def _story_links(html: str) -> list[str]:
    return re.findall(r'<li class="card"><h2><a href="/stories/([^"]+)">', html)


def test_the_stories_page_lists_every_story_with_paging_and_filters(client):
    everything = _story_links(client.get("/stories?limit=100").text)
    assert len(everything) == len(set(everything)) == 15  # the 14 events, the hostile page
    pages, url = [], "/stories?limit=4"
    while url:
        html = client.get(url.replace("&amp;", "&")).text
        pages.append(_story_links(html))
        found = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = found.group(1) if found else None
        if len(pages) > 1:
            assert 'rel="prev"' in html
    assert [len(p) for p in pages] == [4, 4, 4, 3]
    assert [s for p in pages for s in p] == everything  # latest first, none twice
    # The front page's filters: a story is listed when one of its articles passes them.
    french = _story_links(client.get("/stories", params={"language": "fr",
                                                         "limit": 100}).text)
    assert french and set(french) < set(everything)
    for key in french:
        members = client.get(f"/api/stories/{key}").json()
        assert any(r["language"] == "fr" for r in members["reports"]) or any(
            c["article"]["language"] == "fr" for r in members["reports"] for c in r["copies"])
    late = _story_links(client.get("/stories", params={"since": "2026-11-08",
                                                       "limit": 100}).text)
    early = _story_links(client.get("/stories", params={"until": "2026-11-03",
                                                        "limit": 100}).text)
    assert late and early and not set(late) & set(early)
    assert "Older" not in client.get("/stories?limit=100").text
    assert client.get("/stories?since=soon").status_code == 422
    assert 'href="/stories"' in client.get("/").text  # the front page leads to all of them


def test_the_watch_form_adds_an_atom_file_target(client, db):
    form = client.post("/watches", data={"name": "Ferry fares!", "query": "ferry",
                                         "atom": "true"}, follow_redirects=False)
    assert form.status_code == 303
    with open_store(db) as store:
        targets = store.get_watch("Ferry fares!").targets
    feeds = (os.path.abspath("storywire-feeds") if str(db).startswith("postgresql:")
             else str(db).removesuffix(".db") + "-feeds")
    assert targets == [f"atom:{feeds}/ferry-fares.atom"]
    page = client.get(form.headers["location"]).text
    assert "ferry-fares.atom" in page and feeds not in page  # the server's path stays there
    assert client.delete("/api/watches/Ferry fares!").status_code == 204


def test_search_results_fold_copies_under_their_original(client):
    html = client.get("/", params={"q": "earthquake"}).text
    leads = re.findall(r'<li class="card"><h2><a href="/articles/([0-9a-f]+)">', html)
    folded = re.findall(r'<ul class="folded"[^>]*>(.*?)</ul>', html, re.S)
    assert leads and folded
    inside = {i for block in folded for i in re.findall(r"/articles/([0-9a-f]+)", block)}
    assert not inside & set(leads)  # each article once: a lead or folded under one
    hits = client.get("/api/search", params={"q": "earthquake", "limit": 20}).json()["items"]
    copies = [h for h in hits if h["copy_of"] in {x["id"] for x in hits}]
    assert copies and all(c["id"] in inside for c in copies)


def test_speaker_descriptions_are_set_apart_from_the_outlets(client):
    html = client.get("/stories/E06").text
    said = re.findall(r'<span class="said-as">([^<]+)</span>\s*<span class="meta sources">'
                      r"In ([^(<]+)\(", html)
    assert said
    outlets = set(client.get("/api/stories/E06").json()["outlets"])
    for description, where in said:
        assert description.strip() not in outlets
        assert {o.strip() for o in where.split(",")} <= outlets


def test_an_apprise_target_s_tokens_stay_on_the_server(client, db):
    secret = "tgram://123456789:AAFsecretBotToken/-100200300"
    with open_store(db) as store:
        store.add_watch("telegram desk", "ferry", [f"apprise:{secret}"])
    listed = client.get("/api/watches").json()["items"]
    desk = next(w for w in listed if w["name"] == "telegram desk")
    assert desk["targets"] == ["apprise:tgram://…"]
    page = client.get("/watches/telegram desk").text
    assert "tgram://…" in page and "AAFsecretBotToken" not in page
    assert "AAFsecretBotToken" not in client.get("/watches").text
    assert client.delete("/api/watches/telegram desk").status_code == 204
