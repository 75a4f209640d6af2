"""A Blogger page's "Blog Archive" widget lists the blog's other posts by headline. When
the extractor keeps the sidebar (a post of one sentence), the list must not stay in the
article's text, or a watch fires on another post's words. A real ECB+ report (a
development topic) on the live harness's Blogger template, its archive listing four
other ECB+ headlines."""

from __future__ import annotations

from dataclasses import replace

from storywire.evaluation.live import ecbplus_items
from storywire.evaluation.sites import render, template_of
from storywire.model import Capture
from storywire.pipeline import Pipeline
from storywire.watch import parse_query

from conftest import shared_data


def test_a_blog_archive_list_of_other_posts_is_not_article_text(store):
    items = ecbplus_items(shared_data("ecbplus") / "articles.jsonl", "dev")
    site = next(f"blog-{n}" for n in range(100) if template_of(f"blog-{n}") == "blogger")
    post = replace(next(i for i in items if i.key == "ecbplus:11_7ecb"), site=site)
    others = [i for i in items if i.title and i.key.startswith("ecbplus:1_")][:4]
    raw = render(post, site, others)
    assert b"Blog Archive" in raw and all(o.title.encode() in raw for o in others)
    url = "http://127.0.0.1:8000" + post.path
    Pipeline(store).ingest_stream([Capture(raw=raw, kind="html", origin=url, url=url)])
    [article] = list(store.iter_articles())
    assert "Turkmenistan" in article.text
    for other in others:
        assert other.title not in article.text
    assert not parse_query("rehab OR Lohan").matches(article)
