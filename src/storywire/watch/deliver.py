"""Sending alerts: an Atom feed file, a signed webhook, an e-mail, any Apprise URL.

Each sender raises DeliveryError with a reason; retrying, backing off and dead-lettering are
the monitor's (it records every attempt in the store's outbox). Every alert carries a stable
id (Atom entry id, ``X-Storywire-Alert`` header, e-mail Message-ID), so a receiver can drop a
duplicate after a crash between sending and recording it.
"""

from __future__ import annotations

import asyncio
import email.policy
import hashlib
import hmac
import json
import os
import smtplib
import ssl
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from html import escape
from pathlib import Path
from typing import Any

import httpx
from feedgen.feed import FeedGenerator

from storywire._version import __version__
from storywire.links import safe_link
from storywire.sources.guard import AddressPolicy, AddressRefused, check_url, pin

SIGNATURE_HEADER = "X-Storywire-Signature"
TARGET_KINDS = ("atom", "webhook", "email", "apprise")


class DeliveryError(Exception):
    """An alert could not be delivered to a target."""


@dataclass(frozen=True)
class Alert:
    """One alert as the senders see it."""

    id: int | str             # an alert's number; an article's id in the all-articles feed
    watch: str
    kind: str                 # new | update
    created_at: datetime
    payload: dict[str, Any]

    @property
    def link(self) -> str | None:
        """The story's link when it is an http(s) URL; any other scheme is never shown."""
        return safe_link(self.payload.get("link"))

    @property
    def subject(self) -> str:
        """The e-mail subject: the watch and the kind of alert, then the headline."""
        lead = {"update": "Update", "digest": "Digest"}.get(self.kind, "New story")
        return f"[{self.watch}] {lead}: {self.payload['headline']}"

    @property
    def title(self) -> str:
        """A feed entry's or a notification's title: the headline, and for an update the
        outlets it gained (a feed reader already shows which feed an entry is from)."""
        p = self.payload
        if self.kind == "update":
            return f"{p['headline']} (+{_plural(len(p['new_outlets']), 'outlet')})"
        if self.kind == "digest":
            return f"{self.watch}: {p['headline']}"
        return p["headline"]

    def text(self) -> str:
        p = self.payload
        if self.kind == "digest":
            return _digest_text(self.watch, p)
        first = p.get("first_report") or {}
        lines = [p["headline"], "",
                 f"Watch: {self.watch} ({p.get('query', '')})",
                 f"Outlets ({len(p['outlets'])}): {', '.join(p['outlets'])}"]
        if self.kind == "update":
            lines.append(f"New since the last alert: {', '.join(p['new_outlets'])}")
        lines.append(f"First report: {first.get('outlet') or '?'}, "
                     f"{readable_time(first.get('published'))}")
        if self.link:
            lines.append(f"Link: {self.link}")
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        p = self.payload
        if self.kind == "digest":
            return _digest_html(self.watch, p)
        first = p.get("first_report") or {}
        link = escape(self.link or "")
        headline = escape(p["headline"])
        title = f'<a href="{link}">{headline}</a>' if link else headline
        items = [f"<li><b>Outlets</b>: {escape(', '.join(p['outlets']))}</li>"]
        if self.kind == "update":
            items.append(f"<li><b>New</b>: {escape(', '.join(p['new_outlets']))}</li>")
        items.append(f"<li><b>First report</b>: {escape(first.get('outlet') or '?')}, "
                     f"{escape(readable_time(first.get('published')))}</li>")
        return (f"<p>{title}</p><ul>{''.join(items)}</ul>"
                f"<p><small>storywire watch {escape(self.watch)}: "
                f"{escape(p.get('query', ''))}</small></p>")

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": self.created_at.isoformat(), **self.payload,
                "link": self.link}


def readable_time(value: str | datetime | None) -> str:
    """``2026-11-04 10:42 UTC`` from an ISO time (or "date unknown")."""
    if not value:
        return "date unknown"
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
        return f"{when:%Y-%m-%d %H:%M} UTC"
    return f"{when:%Y-%m-%d %H:%M}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _digest_text(watch: str, p: dict[str, Any]) -> str:
    period = p.get("period") or {}
    lines = [f"{watch}: {p['headline']}",
             f"From {readable_time(period.get('start'))} to {readable_time(period.get('end'))}"
             f" ({p.get('query', '')})", ""]
    for story in p["stories"]:
        mark = "New" if story["kind"] == "new" else "Grown"
        lines.append(f"{mark}: {story['headline']}")
        outlets = story["new_outlets"] if story["kind"] != "new" else story["outlets"]
        lines.append(f"    {_plural(len(story['outlets']), 'outlet')}"
                     + (f", new: {', '.join(outlets)}" if story["kind"] != "new"
                        else f": {', '.join(outlets)}"))
        if story.get("link"):
            lines.append(f"    {story['link']}")
    return "\n".join(lines) + "\n"


def _digest_html(watch: str, p: dict[str, Any]) -> str:
    items = []
    for story in p["stories"]:
        link = escape(story.get("link") or "")
        headline = escape(story["headline"])
        title = f'<a href="{link}">{headline}</a>' if link else headline
        mark = "New" if story["kind"] == "new" else "Grown"
        outlets = escape(", ".join(story["outlets"]))
        items.append(f"<li><b>{mark}</b>: {title}<br><small>{outlets}</small></li>")
    period = p.get("period") or {}
    return (f"<p>{escape(p['headline'])}, {escape(readable_time(period.get('start')))} to "
            f"{escape(readable_time(period.get('end')))}</p><ul>{''.join(items)}</ul>"
            f"<p><small>storywire watch {escape(watch)}: {escape(p.get('query', ''))}"
            f"</small></p>")


# -- Atom -------------------------------------------------------------------------------
def atom_feed(watch: str, alerts: list[Alert], self_url: str, title: str | None = None,
              entry_urn: str = "urn:storywire:alert:") -> bytes:
    """The watch's Atom feed with these alerts (newest first): written to a file by
    ``write_atom`` and served at a URL by the web face."""
    fg = FeedGenerator()
    fg.id(f"urn:storywire:watch:{watch}")
    fg.title(title or f"storywire: {watch}")
    fg.author({"name": "storywire"})
    fg.link(href=self_url, rel="self")
    fg.generator("storywire", __version__)
    fg.updated(alerts[0].created_at if alerts else datetime.now().astimezone())
    for alert in reversed(alerts):  # feedgen prepends: add oldest first
        entry = fg.add_entry()
        entry.id(f"{entry_urn}{alert.id}")
        entry.title(alert.title)
        entry.updated(alert.created_at)
        entry.published(alert.created_at)
        if alert.link:
            entry.link(href=alert.link, rel="alternate")
        entry.summary(alert.text())
        entry.content(alert.html(), type="html")
    return fg.atom_str(pretty=True)


def write_atom(path: str | Path, watch: str, alerts: list[Alert]) -> None:
    """(Re)write the watch's Atom feed with these alerts (newest first), atomically."""
    body = atom_feed(watch, alerts, Path(path).resolve().as_uri())
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".atom-", delete=False) as tmp:
        tmp.write(body)
    os.chmod(tmp.name, 0o644)  # a feed reader or web server running as another user reads it
    os.replace(tmp.name, target)


# -- webhook ----------------------------------------------------------------------------
def sign(body: bytes, secret: str) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class WebhookOptions:
    secret: str | None = None
    timeout: float = 10.0
    addresses: AddressPolicy = field(default_factory=AddressPolicy)


async def post_webhook(url: str, alert: Alert, options: WebhookOptions) -> None:
    """POST the alert as JSON; a non-2xx answer or a refused address is a DeliveryError."""
    try:
        addresses = await check_url(url, options.addresses)
    except AddressRefused as exc:
        raise DeliveryError(f"{url}: {exc}") from None
    target, pinned, extensions = pin(url, addresses[0])
    body = json.dumps(alert.as_json(), ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "User-Agent": f"storywire/{__version__}",
               "X-Storywire-Alert": str(alert.id)}
    if options.secret:
        headers[SIGNATURE_HEADER] = sign(body, options.secret)
    try:
        async with httpx.AsyncClient(timeout=options.timeout, trust_env=False,
                                     follow_redirects=False) as client:
            response = await client.post(target, content=body, headers={**headers, **pinned},
                                         extensions=extensions)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{url}: {type(exc).__name__}: {exc}") from None
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"{url}: HTTP {response.status_code}")


# -- Apprise --------------------------------------------------------------------------
def check_apprise_url(url: str) -> None:
    """ValueError unless Apprise knows the URL's service (Slack, Matrix, ntfy, ...)."""
    import apprise

    if apprise.Apprise.instantiate(url) is None:
        raise ValueError(f"notify {url}: not a URL Apprise knows "
                         "(see https://github.com/caronc/apprise/wiki)")


async def send_apprise(url: str, alert: Alert, addresses: AddressPolicy) -> None:
    """Notify through Apprise: the alert's title and plain text to any service it knows.

    Apprise does its own HTTP; a service on a host of its own (ntfy, Gotify, JSON, Matrix
    on a home server ...) has that host checked by the address guard first.
    """
    import apprise

    service = apprise.Apprise.instantiate(url)
    if service is None:
        raise DeliveryError(f"{_redacted(url)}: not a URL Apprise knows")
    host = _own_host(service)
    if host:
        scheme = "https" if getattr(service, "secure", False) else "http"
        try:
            await check_url(f"{scheme}://{_bracket(host)}/", addresses)
        except AddressRefused as exc:
            raise DeliveryError(f"{_redacted(url)}: {exc}") from None
    notifier = apprise.Apprise()
    notifier.add(service)
    sent = await asyncio.to_thread(notifier.notify, body=alert.text(), title=alert.title,
                                   body_format=apprise.NotifyFormat.TEXT)
    if not sent:
        raise DeliveryError(f"{_redacted(url)}: Apprise could not deliver the notification")


def _own_host(service: Any) -> str | None:
    """The host a service posts to when the URL names one (its template has a ``host``);
    None for services whose URL carries only tokens (Slack, Telegram, Discord, ntfy.sh)."""
    if "host" not in getattr(service, "template_tokens", {}):
        return None
    if getattr(service, "mode", None) == "cloud":
        return None
    host = getattr(service, "host", None)
    return host if isinstance(host, str) and host else None


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _redacted(url: str) -> str:
    """An Apprise URL without the tokens and passwords it carries (for logs)."""
    scheme, sep, _ = url.partition("://")
    return f"{scheme}://…" if sep else "(Apprise URL)"


# -- e-mail -----------------------------------------------------------------------------
@dataclass(frozen=True)
class SmtpOptions:
    host: str | None = None
    port: int = 25
    sender: str = "storywire@localhost"
    username: str | None = None
    password: str | None = None
    security: str = "none"        # none | starttls | ssl
    timeout: float = 20.0


_HEADERS = email.policy.default.clone(max_line_length=998)


def email_message(alert: Alert, to: str, sender: str) -> EmailMessage:
    """Plain text and HTML parts; a Message-ID stable for the alert.

    Header lines may run to RFC 5322's 998 characters: the standard library folds a long
    subject by breaking right after ``Subject:``, which mail clients show with a leading
    space."""
    message = EmailMessage(policy=_HEADERS)
    message["Subject"] = alert.subject
    message["From"] = sender
    message["To"] = to
    # The same for every attempt, so a mail client folds a resend into the first copy.
    message["Message-ID"] = (f"<storywire-alert-{alert.id}-"
                             f"{alert.created_at:%Y%m%d%H%M%S}@storywire.invalid>")
    message["X-Storywire-Alert"] = str(alert.id)
    message.set_content(alert.text())
    message.add_alternative(f"<html><body>{alert.html()}</body></html>", subtype="html")
    return message


def send_email(alert: Alert, to: str, options: SmtpOptions) -> None:
    """Blocking (run it in a thread): one SMTP session per message."""
    if not options.host:
        raise DeliveryError(f"{to}: no SMTP server configured (STORYWIRE_SMTP_HOST)")
    message = email_message(alert, to, options.sender)
    try:
        if options.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(options.host, options.port,
                                                    timeout=options.timeout,
                                                    context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(options.host, options.port, timeout=options.timeout)
        with client:
            if options.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if options.username:
                client.login(options.username, options.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"{to} via {options.host}:{options.port}: {exc}") from None
