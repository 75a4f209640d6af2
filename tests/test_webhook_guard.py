"""The webhook sender: the address guard before connecting, and no redirect followed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from storywire.sources import AddressPolicy
from storywire.watch import Alert, DeliveryError, WebhookOptions, post_webhook

from servers import LocalServer, Reply

ALERT = Alert(3, "quakes", "new", datetime(2026, 11, 10, 9, tzinfo=UTC),
              {"watch": "quakes", "headline": "Quake shakes Kessel Highlands",
               "outlets": ["Ledger"], "link": "https://ledger.example/quake"})


def test_a_redirect_is_a_failure_and_is_not_followed():
    routes = {"/hook": lambda r: Reply(302, headers={"Location": "/elsewhere"}),
              "/elsewhere": lambda r: Reply(200, b"ok")}
    with LocalServer(routes) as server:
        with pytest.raises(DeliveryError, match="HTTP 302"):
            asyncio.run(post_webhook(server.url("/hook"), ALERT,
                                     WebhookOptions(addresses=AddressPolicy(
                                         allow_loopback=True))))
        assert [r.path for r in server.requests] == ["/hook"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://[::1]:9/hook",
                                 "http://2130706433:9/hook", "http://[2002:a9fe:a9fe::]/h",
                                 "http://169.254.169.254/latest/meta-data/",
                                 "http://0.0.0.0:9/hook"])
def test_a_refused_address_is_never_connected_to(url):
    with pytest.raises(DeliveryError, match=r"loopback|link-local|unspecified"):
        asyncio.run(post_webhook(url, ALERT, WebhookOptions()))
