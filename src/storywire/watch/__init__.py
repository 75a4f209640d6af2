"""Watches: saved searches (a small query language) and the alerts they send.

Pure parts (query parsing and matching, the alert decision) take articles and story states;
the senders (Atom file, webhook, e-mail, Apprise) do I/O but never touch the store: the monitor
(``storywire.monitor``) records alerts in an outbox before it calls them.
"""

from storywire.watch.alerts import (
    AlertOptions,
    alert_payload,
    mark_alerted,
    observe,
    report_order,
    simulate,
    story_key,
    update_due,
)
from storywire.watch.deliver import (
    SIGNATURE_HEADER,
    TARGET_KINDS,
    Alert,
    DeliveryError,
    SmtpOptions,
    WebhookOptions,
    atom_feed,
    check_apprise_url,
    email_message,
    post_webhook,
    readable_time,
    send_apprise,
    send_email,
    sign,
    write_atom,
)
from storywire.watch.query import ArticleView, Query, QueryError, parse_query, words

__all__ = [
    "SIGNATURE_HEADER",
    "TARGET_KINDS",
    "Alert",
    "AlertOptions",
    "ArticleView",
    "DeliveryError",
    "Query",
    "QueryError",
    "SmtpOptions",
    "WebhookOptions",
    "alert_payload",
    "atom_feed",
    "check_apprise_url",
    "email_message",
    "mark_alerted",
    "observe",
    "parse_query",
    "post_webhook",
    "readable_time",
    "report_order",
    "send_apprise",
    "send_email",
    "sign",
    "simulate",
    "story_key",
    "update_due",
    "words",
    "write_atom",
]
