"""Which network addresses the fetcher may reach: public ones, unless configured otherwise.

A feed or a webhook URL is user input; without this check it could point storywire at the
machine's own services (loopback), the local network, or a cloud metadata endpoint
(link-local 169.254.169.254). Every address the host resolves to is checked, so a name that
resolves to one public and one private address is refused too. IPv6 forms that carry an
IPv4 address (IPv4-mapped, 6to4, NAT64) are judged by that address, and the unspecified
address (0.0.0.0, ::), which Linux connects to the machine itself, is refused whatever the
policy allows.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


class AddressRefused(Exception):
    """The URL's host is, or resolves to, an address the configuration does not allow."""


@dataclass(frozen=True)
class AddressPolicy:
    """Loopback and private (incl. link-local, reserved) addresses are refused by default."""

    allow_loopback: bool = False
    allow_private: bool = False


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries and reaches: IPv4-mapped ``::ffff:a.b.c.d``,
    6to4 ``2002:AABB:CCDD::``, NAT64 ``64:ff9b::a.b.c.d`` and the old IPv4-compatible
    ``::a.b.c.d``. Each is judged by that IPv4 address, as the network would route it."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(address: str, policy: AddressPolicy) -> str | None:
    """Why ``address`` (an IP literal) is refused, or None when it is allowed."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
        address.split("%", 1)[0])
    if ip.version == 6:
        inner = embedded_ipv4(ip)  # type: ignore[arg-type]
        if inner is not None:
            ip = inner
    if ip.is_unspecified or ip in _THIS_NETWORK:
        # 0.0.0.0 and :: connect to this machine's own services on Linux: never allowed.
        return "the unspecified address (it reaches this machine itself; never allowed)"
    if ip.is_loopback:
        return None if policy.allow_loopback else "a loopback address"
    if ip.is_link_local:
        return None if policy.allow_private else "a link-local address"
    if ip.version == 6 and ip.is_site_local:  # fec0::/10, deprecated but still routed
        return None if policy.allow_private else "a site-local address"
    if (ip.is_private or ip.is_reserved or ip.is_multicast or not ip.is_global):
        return None if policy.allow_private else "a private or reserved address"
    return None


async def check_url(url: str, policy: AddressPolicy) -> list[str]:
    """The addresses of the URL's host, all allowed; AddressRefused if any is not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"only http and https URLs are fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise AddressRefused("the URL has no host")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        addresses = [host]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise AddressRefused(f"cannot resolve {host}: {exc}") from exc
        addresses = sorted({info[4][0] for info in infos}, key=lambda a: (":" in a, a))
    for address in addresses:
        problem = address_problem(address, policy)
        if problem:
            hint = "" if "never allowed" in problem else \
                " (refused; see --allow-loopback and --allow-private)"
            raise AddressRefused(f"{host} resolves to {address}, {problem}{hint}")
    return addresses


def pin(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """(URL, headers, httpx extensions) that connect to the address just checked, not to
    whatever a second DNS answer says (DNS rebinding): the URL names the IP, while the Host
    header and TLS SNI (so the certificate check) keep the name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host == address or not address:
        return url, {}, {}
    ip = f"[{address}]" if ":" in address else address
    port = parts.port or (443 if parts.scheme == "https" else 80)
    target = parts._replace(netloc=f"{ip}:{port}").geturl()
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return target, {"Host": parts.netloc.rpartition("@")[2]}, extensions
