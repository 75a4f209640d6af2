"""Who may write, and what the browser may run: the token, same-origin checks, headers.

Reading is open to whoever can reach the server. Writing (adding and removing watches)
needs the configured token when one is set, and is refused outright when the server listens
beyond loopback without one. Every answer carries a strict Content-Security-Policy: scripts
and styles only from this server, no inline script, nothing framed.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
TOKEN_HEADER = "X-Storywire-Token"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WritePolicy:
    token: str | None
    loopback_only: bool

    def refusal(self, given: str | None) -> str | None:
        """Why a write is refused (None: allowed)."""
        if self.token:
            if given and hmac.compare_digest(given.encode(), self.token.encode()):
                return None
            return ("this action needs the server's token (header X-Storywire-Token, "
                    "or the form's token field)")
        if not self.loopback_only:
            return ("writing is disabled: the server listens beyond 127.0.0.1 without a "
                    "token; start it with --token or STORYWIRE_WEB_TOKEN")
        return None


def cross_site(origin: str | None, fetch_site: str | None, host: str | None) -> bool:
    """A write coming from another site's page (a forged form): refused. Browsers say so in
    Sec-Fetch-Site; older ones only in Origin; programs (curl, the API) send neither."""
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    if origin:
        return origin == "null" or origin.split("://", 1)[-1] != (host or "")
    return False
