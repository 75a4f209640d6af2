"""Only http and https URLs become links: in alerts' e-mails, webhooks' JSON and Atom."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from storywire.links import safe_link
from storywire.watch import Alert, atom_feed, email_message

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = ["javascript:alert(document.cookie)", "JavaScript:alert(1)",
           "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
           "vbscript:msgbox(1)", " javascript:alert(1)", "java\tscript:alert(1)",
           "file:///etc/passwd", "//evil.example/x", "http:/no-host", "https://ok.example/\n"]


@pytest.mark.parametrize("url", HOSTILE)
def test_other_schemes_are_not_links(url):
    assert safe_link(url) is None


@pytest.mark.parametrize("url", ["https://wire.example/world/2026/quake",
                                 "HTTP://Ledger.example/a?b=1#c", "http://[2001:db8::1]:8080/x"])
def test_http_urls_are_links(url):
    assert safe_link(url) == url


def alert(link: str) -> Alert:
    payload = {"watch": "quakes", "query": "quake", "kind": "new", "story": "s1",
               "headline": "Quake shakes Kessel Highlands", "outlets": ["Ledger"],
               "new_outlets": ["Ledger"],
               "first_report": {"outlet": "Ledger", "published": "2026-11-10T08:00:00+00:00"},
               "link": link, "articles": 1}
    return Alert(7, "quakes", "new", datetime(2026, 11, 10, 9, tzinfo=UTC), payload)


@pytest.mark.parametrize("url", HOSTILE[:3])
def test_alerts_never_carry_a_script_link(url):
    hostile = alert(url)
    message = email_message(hostile, "desk@example.org", "storywire@example.org")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Link:" not in text and "href" not in html and url not in html
    assert hostile.as_json()["link"] is None  # the webhook's JSON
    entry = ET.fromstring(atom_feed("quakes", [hostile], "http://127.0.0.1/x.atom")) \
        .find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link") is None
    assert url not in ET.tostring(entry, encoding="unicode")


def test_an_http_link_is_kept_everywhere():
    good = alert("https://ledger.example/2026/quake")
    message = email_message(good, "desk@example.org", "storywire@example.org")
    assert "Link: https://ledger.example/2026/quake" in message.get_body(("plain",)).get_content()
    assert 'href="https://ledger.example/2026/quake"' in message.get_body(("html",)).get_content()
    entry = ET.fromstring(atom_feed("quakes", [good], "http://127.0.0.1/x.atom")) \
        .find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://ledger.example/2026/quake"
